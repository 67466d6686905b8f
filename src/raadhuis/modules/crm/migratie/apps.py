from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigratieConfig(AppConfig):
    name = "raadhuis.modules.crm.migratie"
    label = "crm_migratie"
    verbose_name = _("Migratie en ERP-import")
