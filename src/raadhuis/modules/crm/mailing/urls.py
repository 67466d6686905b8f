"""Segments and mailings at /crm/mailings/ (namespace crm:mailing)."""

from django.urls import path

from raadhuis.modules.crm.mailing import views

app_name = "mailing"

urlpatterns: list = [
    path("", views.overzicht_view, name="overzicht"),
    path("segmenten/nieuw/", views.segment_nieuw_view, name="segment_nieuw"),
    path("segmenten/<uuid:uuid>/", views.segment_view, name="segment"),
    path("segmenten/<uuid:uuid>/bewerken/", views.segment_bewerken_view, name="segment_bewerken"),
    path("nieuw/", views.mailing_nieuw_view, name="mailing_nieuw"),
    path("<uuid:uuid>/", views.mailing_view, name="mailing"),
    path("<uuid:uuid>/versturen/", views.mailing_versturen_view, name="versturen"),
    path("<uuid:uuid>/testmail/", views.testmail_view, name="testmail"),
    path("<uuid:uuid>/ontvangers/<uuid:ontvanger>/bounce/", views.bounce_view, name="bounce"),
    path("relaties/<uuid:uuid>/afmelding/", views.afmelding_view, name="afmelding"),
    path("afmelden/<str:token>/", views.afmelden_view, name="afmelden"),
]
