from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractenConfig(AppConfig):
    name = "raadhuis.modules.crm.contracten"
    label = "crm_contracten"
    verbose_name = _("Contracten")

    def ready(self) -> None:
        # Letter and e-mail templates may use the contract's fields (`{{ contract.kenmerk }}`).
        from raadhuis.modules.crm.contracten.brieven import merge_fields_register

        merge_fields_register()
        _relatieblok_register()
        _menu_register()
        _klus_register()

        # One search box over the CRM (crm.zoeken): contracts within the contract rule.
        from django.urls import reverse

        from raadhuis.modules.crm.contracten.selectors import (
            Contractfilter,
            contracten_overzicht,
            contracten_zichtbaar,
        )
        from raadhuis.modules.crm.zoeken import SlimFilter, Zoekbron, zoek_register

        zoek_register(
            Zoekbron(
                naam="contracten",
                titel=_("Contracten"),
                volgorde=50,
                basis=contracten_zichtbaar,
                partij_veld="partij",
                tekstvelden=("onderwerp",),
                kenmerk_velden=("kenmerk",),
                sortering=("-startdatum", "-pk"),
                url_van=lambda c: reverse("crm:contracten:detail", args=[c.uuid]),
                titel_van=lambda c: f"{c.kenmerk} {c.onderwerp}",
                omschrijving_van=lambda c: f"{c.partij} · {c.einddatum or '—'}",
                slimme_filters=(
                    SlimFilter(
                        "contracten_aflopend_90",
                        _("Contracten die binnen 90 dagen aflopen"),
                        rijen=lambda actor, op, limit: [
                            r.contract
                            for r in contracten_overzicht(
                                actor=actor, filters=Contractfilter(eindigt_binnen_dagen=90), op=op
                            )[:limit]
                        ],
                    ),
                ),
            )
        )


def _klus_register() -> None:
    from raadhuis.kernel.werklus import Klus, klus_register
    from raadhuis.modules.crm.contracten.signalen import contracten_signaleren_alle

    # Hourly: idempotent, so a restart or a second worker does no harm; the first run after
    # midnight makes the day's signals.
    klus_register(Klus("contractsignalen", contracten_signaleren_alle, elke_seconden=3600))


def _relatieblok_register() -> None:
    from raadhuis.modules.crm.contracten.relatieblok import contracten_relatieblok
    from raadhuis.modules.crm.relatiepagina import relatieblok_register

    relatieblok_register(
        "contracten",
        50,
        contracten_relatieblok,
        "crm/contracten/_relatieblok.html",
        titel=_("Contracten"),
    )


def _menu_register() -> None:
    from raadhuis.kernel.organisations.models import Rol
    from raadhuis.web.menu import MenuItem, menu_item_register

    def medewerker(actor) -> bool:  # noqa: ANN001
        return actor.heeft_rol(Rol.MEDEWERKER)

    menu_item_register(
        MenuItem(
            "crm:contracten:lijst", _("Contracten"), "medewerker", medewerker, 50,
            ("crm:contracten:",), onder="crm:relaties")
    )  # fmt: skip
