"""Placeholder: filled by its owner."""

app_name = "klachten"
urlpatterns: list = []
