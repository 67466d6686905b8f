from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "raadhuis.kernel.documents"
    verbose_name = _("Documenten")
