from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    name = "raadhuis.modules.crm.mailing"
    label = "crm_mailing"
    verbose_name = _("Segmenten en mailings")
