"""Complaint screens, mounted at /crm/klachten/ (namespace crm:klachten). <uuid> is the
complaint's own uuid (Klacht.uuid), not its case's."""

from django.urls import path

from raadhuis.modules.crm.klachten import views

app_name = "klachten"

urlpatterns = [
    path("", views.lijst_view, name="lijst"),
    path("nieuw/", views.nieuw_view, name="nieuw"),
    path("rapportage/", views.rapportage_view, name="rapportage"),
    path("rapportage/csv/", views.rapportage_csv_view, name="rapportage_csv"),
    path("<uuid:uuid>/", views.detail_view, name="detail"),
    # Before the steps: "brief" is not one of them.
    path("<uuid:uuid>/brief/", views.brief_view, name="brief"),
    path("<uuid:uuid>/<slug:actie>/", views.actie_view, name="actie"),
]
