"""Placeholder: filled by its owner."""

app_name = "kpi"
urlpatterns: list = []
