"""The read-only CRM API at /api/crm/v1/ (namespace `crm-api`): KPI figures, their rows, and
the OpenAPI document."""

from django.urls import path

from raadhuis.modules.crm.api import views
from raadhuis.modules.crm.api.schema import schema_view

app_name = "crm-api"

urlpatterns: list = [
    path("kpis", views.KpiLijstView.as_view(), name="kpis"),
    path("kpis/<path:code>/rijen", views.KpiRijenView.as_view(), name="kpi-rijen"),
    path("schema/openapi.yaml", schema_view, name="schema"),
]
