"""Placeholder: filled by its owner."""

app_name = "mailing"
urlpatterns: list = []
