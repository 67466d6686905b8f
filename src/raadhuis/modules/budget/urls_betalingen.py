"""Payments out, mounted at /budget/betalingen/ (namespace `budget`)."""

from django.urls import path

from raadhuis.modules.budget import views_betalingen as views

urlpatterns: list = [
    path("", views.voorstellen_view, name="voorstellen"),
    path("maken/", views.voorstel_maken_view, name="voorstel_maken"),
    path("<uuid:uuid>/", views.voorstel_view, name="voorstel"),
    path("<uuid:uuid>/goedkeuren/", views.voorstel_goedkeuren_view, name="voorstel_goedkeuren"),
    path("<uuid:uuid>/afwijzen/", views.voorstel_afwijzen_view, name="voorstel_afwijzen"),
    path("<uuid:uuid>/pain001/", views.voorstel_pain001_view, name="voorstel_pain001"),
    path("opdrachten/<uuid:uuid>/", views.opdracht_actie_view, name="opdracht_actie"),
]
