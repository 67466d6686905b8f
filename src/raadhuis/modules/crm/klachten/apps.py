from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlachtenConfig(AppConfig):
    name = "raadhuis.modules.crm.klachten"
    label = "crm_klachten"
    verbose_name = _("Klachten")
