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
