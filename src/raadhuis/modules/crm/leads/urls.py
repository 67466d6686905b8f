"""The lead screens, namespace `crm:leads` at /crm/leads/."""

from django.urls import path

from raadhuis.modules.crm.leads import views

app_name = "leads"

urlpatterns = [
    path("", views.bord_view, name="bord"),
    path("lijst/", views.lijst_view, name="lijst"),
    path("nieuw/", views.nieuw_view, name="nieuw"),
    path("conversie/", views.conversie_view, name="conversie"),
    path("pijplijnen/", views.pipelines_view, name="pipelines"),
    path("pijplijnen/nieuw/", views.pipeline_nieuw_view, name="pipeline_nieuw"),
    path("pijplijnen/<uuid:uuid>/", views.pipeline_wijzigen_view, name="pipeline_wijzigen"),
    path("offertes/<uuid:uuid>/", views.offerte_download_view, name="offerte_download"),
    path("<uuid:uuid>/", views.detail_view, name="detail"),
    path("<uuid:uuid>/wijzigen/", views.wijzigen_view, name="wijzigen"),
    path("<uuid:uuid>/fase/", views.fase_view, name="fase"),
    path("<uuid:uuid>/verplaatsen/", views.verplaatsen_view, name="verplaatsen"),
    path("<uuid:uuid>/offerte/", views.offerte_view, name="offerte"),
]
