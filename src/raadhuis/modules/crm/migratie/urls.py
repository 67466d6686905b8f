"""Placeholder: filled by its owner."""

app_name = "migratie"
urlpatterns: list = []
