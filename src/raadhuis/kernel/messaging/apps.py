from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "raadhuis.kernel.messaging"
    label = "messaging"
    verbose_name = _("Brieven en berichten")

    def ready(self) -> None:
        from raadhuis.kernel.messaging.acties import actie_brief_versturen_register
        from raadhuis.kernel.messaging.samenvoegvelden import kernel_groepen_register

        kernel_groepen_register()
        actie_brief_versturen_register()
