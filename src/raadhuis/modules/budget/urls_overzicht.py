"""Statements and ending a budget account (helper budget-overzicht), mounted at /budget/."""

from django.urls import path

from raadhuis.modules.budget import views_overzicht as views

urlpatterns: list = [
    path("rekeningen/<uuid:uuid>/overzichten/", views.overzichten_view, name="overzichten"),
    path(
        "rekeningen/<uuid:uuid>/overzichten/tussentijds/",
        views.overzicht_tussentijds_view,
        name="overzicht_tussentijds",
    ),
    path("overzichten/<uuid:uuid>/pdf/", views.overzicht_pdf_view, name="overzicht_pdf"),
    path("rekeningen/<uuid:uuid>/beeindigen/", views.beeindigen_view, name="beeindigen"),
    path("rekeningen/<uuid:uuid>/eindoverzicht/", views.eindoverzicht_view, name="eindoverzicht"),
]
