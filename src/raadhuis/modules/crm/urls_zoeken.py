"""/crm/zoeken/: one search box over the CRM (included by crm/urls.py, namespace crm)."""

from django.urls import path

from raadhuis.modules.crm.views_zoeken import zoeken_view

urlpatterns: list = [
    path("", zoeken_view, name="zoeken"),
]
