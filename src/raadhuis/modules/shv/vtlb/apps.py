from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VtlbConfig(AppConfig):
    name = "raadhuis.modules.shv.vtlb"
    label = "shv_vtlb"
    verbose_name = _("VTLB-berekeningen")
