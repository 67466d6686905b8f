from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "raadhuis.modules.budget"
    label = "budget"
    verbose_name = _("Budgetbeheer")

    def ready(self) -> None:
        from raadhuis.kernel.cases.uitbreidingen import zaak_uitbreiding_register
        from raadhuis.kernel.werklus import Klus, klus_register
        from raadhuis.modules.budget.dagelijks import budget_werk_alle
        from raadhuis.modules.budget.vernietiging import budget_vernietiging_register
        from raadhuis.modules.budget.views import budget_zaak_blok

        # A case with a budget account shows a "Budgetbeheer" block (e.g. on the debt dossier).
        zaak_uitbreiding_register("budget", budget_zaak_blok)
        # A budget-management case starts when its account is opened (the ledger with it).
        from raadhuis.kernel.catalog.intake import eigen_intake_register
        from raadhuis.modules.budget.catalogus import CATALOGUS_DOMEIN

        eigen_intake_register(
            CATALOGUS_DOMEIN, _("Budgetbeheer: rekening openen"), "budget:rekening_openen"
        )
        # Proposals, signals, reconciliation and statements: idempotent, so hourly is enough.
        klus_register(Klus("budget", budget_werk_alle, elke_seconden=3600))
        # A destroyed case takes its ledger with it (through a deliberate, audited escape) and
        # its client is blanked in the stored payment files.
        budget_vernietiging_register()
        _menu_register()


def _menu_register() -> None:
    from raadhuis.kernel.organisations.models import Rol
    from raadhuis.modules.budget.catalogus import heeft_budget_toegang
    from raadhuis.web.menu import MenuItem, menu_item_register

    def teamleider(actor: object) -> bool:
        return Rol.TEAMLEIDER in getattr(actor, "rollen", ())

    # One main entry; the other pages stand under it in the section navigation.
    mw = "medewerker"
    hoofd = "budget:rekeningen"
    for item in (
        MenuItem(hoofd, _("Budgetbeheer"), mw, heeft_budget_toegang, 40, ("budget:",)),
        MenuItem(
            "budget:voorstellen", _("Betaalvoorstellen"), mw, heeft_budget_toegang, 41,
            ("budget:voorstel", "budget:opdracht_"), onder=hoofd,
        ),
        MenuItem(
            "budget:bank_import", _("Bankafschriften"), mw, heeft_budget_toegang, 42,
            ("budget:bank_",), onder=hoofd,
        ),
        MenuItem(
            "budget:signalen", _("Signalen"), mw, heeft_budget_toegang, 43, ("budget:signa",),
            onder=hoofd,
        ),
        MenuItem(
            "budget:aansluiting", _("Aansluiting bank"), mw, heeft_budget_toegang, 44,
            ("budget:aansluiting",), onder=hoofd,
        ),
    ):  # fmt: skip
        menu_item_register(item)
    # The team leader sees the reconciliation's totals (no client data on that page).
    menu_item_register(
        MenuItem("budget:aansluiting", _("Aansluiting bank"), "teamleider", teamleider, 20)
    )
