from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    name = "raadhuis.modules.crm.kpi"
    label = "crm_kpi"
    verbose_name = _("KPI's en rapportages")
