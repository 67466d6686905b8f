from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegelingConfig(AppConfig):
    name = "raadhuis.modules.shv.regeling"
    label = "shv_regeling"
    verbose_name = _("Schuldregelingen")

    def ready(self) -> None:
        from raadhuis.modules.shv.regeling.brieven import merge_fields_register

        merge_fields_register()
