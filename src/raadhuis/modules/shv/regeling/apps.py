from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegelingConfig(AppConfig):
    name = "raadhuis.modules.shv.regeling"
    label = "shv_regeling"
    verbose_name = _("Schuldregelingen")
