"""Placeholder: the read-only CRM API (KPIs, export); filled by its owner."""

urlpatterns: list = []
