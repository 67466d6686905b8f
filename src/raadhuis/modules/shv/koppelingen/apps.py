from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    name = "raadhuis.modules.shv.koppelingen"
    label = "shv_koppelingen"
    verbose_name = _("Koppelingen schuldhulp")
