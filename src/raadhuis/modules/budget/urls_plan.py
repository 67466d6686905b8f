"""The budget plan pages: my accounts, opening one, an account's home and its plan forms."""

from django.urls import path

from raadhuis.kernel.cases.uitbreidingen import zaak_uitbreiding_register
from raadhuis.modules.budget import views, views_plan

# Until BudgetConfig.ready() registers it (the lead's apps.py), the block on case pages is
# registered when the URLs load, which happens before any page is served.
zaak_uitbreiding_register("budget", views.budget_zaak_blok)

urlpatterns = [
    path("", views.rekeningen_view, name="rekeningen"),
    path("rekeningen/nieuw/", views.rekening_openen_view, name="rekening_openen"),
    path("rekeningen/<uuid:uuid>/", views.rekening_view, name="rekening"),
    path(
        "rekeningen/<uuid:uuid>/wijzigen/",
        views_plan.rekening_wijzigen_view,
        name="rekening_wijzigen",
    ),
    path(
        "rekeningen/<uuid:uuid>/inkomsten/", views_plan.inkomsten_nieuw_view, name="inkomsten_nieuw"
    ),
    path(
        "rekeningen/<uuid:uuid>/betalingen/",
        views_plan.betaalpost_nieuw_view,
        name="betaalpost_nieuw",
    ),
    path("rekeningen/<uuid:uuid>/leefgeld/", views_plan.leefgeld_view, name="leefgeld"),
    path(
        "rekeningen/<uuid:uuid>/reserveringen/",
        views_plan.reservering_nieuw_view,
        name="reservering_nieuw",
    ),
    path(
        "plan/inkomsten/<uuid:uuid>/", views_plan.inkomsten_wijzigen_view, name="inkomsten_wijzigen"
    ),
    path(
        "plan/inkomsten/<uuid:uuid>/verwijderen/",
        views_plan.inkomsten_verwijderen_view,
        name="inkomsten_verwijderen",
    ),
    path(
        "plan/betalingen/<uuid:uuid>/",
        views_plan.betaalpost_wijzigen_view,
        name="betaalpost_wijzigen",
    ),
    path(
        "plan/betalingen/<uuid:uuid>/verwijderen/",
        views_plan.betaalpost_verwijderen_view,
        name="betaalpost_verwijderen",
    ),
    path(
        "plan/reserveringen/<uuid:uuid>/",
        views_plan.reservering_wijzigen_view,
        name="reservering_wijzigen",
    ),
    path(
        "plan/reserveringen/<uuid:uuid>/verwijderen/",
        views_plan.reservering_verwijderen_view,
        name="reservering_verwijderen",
    ),
]
