from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShvConfig(AppConfig):
    name = "raadhuis.modules.shv"
    label = "shv"
    verbose_name = _("Schuldhulpverlening")
