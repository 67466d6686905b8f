"""Placeholder: filled by its owner (one search box over the CRM)."""

urlpatterns: list = []
