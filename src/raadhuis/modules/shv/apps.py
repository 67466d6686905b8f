from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShvConfig(AppConfig):
    name = "raadhuis.modules.shv"
    label = "shv"
    verbose_name = _("Schuldhulpverlening")

    def ready(self) -> None:
        # Letter templates may use the dossier's, the creditor's and the debt's fields.
        from raadhuis.modules.shv.brieven import merge_fields_register

        merge_fields_register()
