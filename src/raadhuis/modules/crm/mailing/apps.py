from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    name = "raadhuis.modules.crm.mailing"
    label = "crm_mailing"
    verbose_name = _("Segmenten en mailings")

    def ready(self) -> None:
        from raadhuis.kernel.messaging.bezorging import uitkomst_register
        from raadhuis.kernel.messaging.samenvoegvelden import register_merge_fields
        from raadhuis.kernel.organisations.models import Rol
        from raadhuis.modules.crm.mailing.selectors import relatie_mailingblok
        from raadhuis.modules.crm.mailing.services import (
            BRON,
            RELATIE_VELDEN,
            ontvanger_uitkomst,
            relatie_samenvoegvelden,
        )
        from raadhuis.modules.crm.relatiepagina import relatieblok_register
        from raadhuis.web.menu import MenuItem, menu_item_register

        def medewerker(actor: object) -> bool:
            return Rol.MEDEWERKER in getattr(actor, "rollen", ())

        menu_item_register(
            MenuItem(
                "crm:mailing:overzicht",
                _("Mailings"),
                "medewerker",
                medewerker,
                36,
                ("crm:mailing:",),
                onder="crm:relaties",
            )
        )
        register_merge_fields(
            "relatie",
            relatie_samenvoegvelden,
            RELATIE_VELDEN,
            voorbeeld={
                "naam": "Korfbalvereniging De Testmand",
                "aanhef": "Geachte heer, mevrouw,",
                "soort": "Vereniging of stichting",
                "email": "secretaris@testmand.example",
                "afmeldlink": "https://raadhuis.example/crm/mailings/afmelden/voorbeeld/",
            },
        )
        # The e-mails go through the kernel outbox, which reports each attempt back here.
        uitkomst_register(BRON, ontvanger_uitkomst)
        relatieblok_register("mailings", 60, relatie_mailingblok, "crm/mailing/_relatieblok.html")
