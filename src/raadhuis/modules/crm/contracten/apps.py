from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractenConfig(AppConfig):
    name = "raadhuis.modules.crm.contracten"
    label = "crm_contracten"
    verbose_name = _("Contracten")
