from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigratieConfig(AppConfig):
    name = "raadhuis.modules.crm.migratie"
    label = "crm_migratie"
    verbose_name = _("Migratie en ERP-import")

    def ready(self) -> None:
        from raadhuis.modules.crm.migratie.erp import facturen_blok
        from raadhuis.modules.crm.relatiepagina import relatieblok_register

        relatieblok_register("facturen", 60, facturen_blok, "crm_migratie/_facturen_blok.html")
        _menu_register()


def _menu_register() -> None:
    from raadhuis.kernel.organisations.models import Rol
    from raadhuis.web.menu import MenuItem, menu_item_register

    def medewerker(actor) -> bool:  # noqa: ANN001
        return actor.heeft_rol(Rol.MEDEWERKER)

    # Importing relations is part of relation management for staff, and of setting up the
    # CRM for the functional administrator (who has no "Relaties" entry to stand under).
    menu_item_register(
        MenuItem(
            "crm:migratie:overzicht", _("Importeren"), "medewerker", medewerker, 70,
            ("crm:migratie:",), onder="crm:relaties",
        )
    )  # fmt: skip
    menu_item_register(
        MenuItem(
            "crm:migratie:overzicht", _("Relaties importeren"), "functioneel_beheerder",
            volgorde=70, secties=("crm:migratie:",),
        )
    )  # fmt: skip
