from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    name = "raadhuis.modules.shv.koppelingen"
    label = "shv_koppelingen"
    verbose_name = _("Koppelingen schuldhulp")

    def ready(self) -> None:
        # Signals follow their case's destruction (hook); signals without a case are purged by
        # the worker once a day, or by `raadhuis signalen-opschonen` with the organisation's
        # own period (kernel/retention/hooks.py, retention registry).
        from raadhuis.kernel.werklus import Klus, klus_register
        from raadhuis.modules.shv.koppelingen.bewaren import (
            signalen_bewaren_register,
            signalen_opschonen_alle,
        )

        signalen_bewaren_register()
        klus_register(Klus("signalen-opschonen", signalen_opschonen_alle, elke_seconden=86400))
