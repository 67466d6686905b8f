"""Placeholder: filled by its owner."""

app_name = "contracten"
urlpatterns: list = []
