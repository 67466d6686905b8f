"""The budget management screens, namespace `budget` at /budget/."""

from django.urls import include, path

app_name = "budget"

urlpatterns: list = [
    path("", include("raadhuis.modules.budget.urls_plan")),
    path("", include("raadhuis.modules.budget.urls_grootboek")),
    path("bank/", include("raadhuis.modules.budget.urls_bank")),
    path("betalingen/", include("raadhuis.modules.budget.urls_betalingen")),
    path("", include("raadhuis.modules.budget.urls_overzicht")),
]
