"""The VTLB staff screens. Mounted by the debt-assistance module as
`path("vtlb/", include("raadhuis.modules.shv.vtlb.urls"))` in raadhuis.modules.shv.urls, so
the names are `shv:vtlb:<name>` and the paths start with /shv/vtlb/."""

from django.urls import path

from raadhuis.modules.shv.vtlb import views

app_name = "vtlb"

urlpatterns = [
    path("normen/", views.normversies_view, name="normversies"),
    path("normen/<uuid:uuid>/", views.normversie_detail_view, name="normversie_detail"),
    path(
        "normen/<uuid:uuid>/kopieren/",
        views.normversie_kopieren_view,
        name="normversie_kopieren",
    ),
    path(
        "normen/<uuid:uuid>/bedragen/<slug:sleutel>/",
        views.normbedrag_wijzigen_view,
        name="normbedrag_wijzigen",
    ),
    path("berekenen/", views.berekenen_view, name="berekenen"),
    path("berekeningen/<uuid:uuid>/", views.berekening_detail_view, name="berekening_detail"),
    path("berekeningen/<uuid:uuid>/pdf/", views.berekening_pdf_view, name="berekening_pdf"),
]
