"""The KPI screens, namespace crm:kpi at /crm/kpi/."""

from django.urls import path

from raadhuis.modules.crm.kpi import views

app_name = "kpi"
urlpatterns: list = [
    path("", views.dashboard_view, name="dashboard"),
    path("tevredenheid/", views.tevredenheid_view, name="tevredenheid"),
    path("enquete/<str:token>/", views.enquete_view, name="enquete"),
    path("cijfers/<slug:code>/", views.rijen_view, name="rijen"),
    path("cijfers/<slug:code>/export.csv", views.export_csv_view, name="export_csv"),
    path("cijfers/<slug:code>/export.xlsx", views.export_xlsx_view, name="export_xlsx"),
]
