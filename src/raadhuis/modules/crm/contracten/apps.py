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
        _import_register()

        # One search box over the CRM (crm.zoeken): contracts within the contract rule.
        from raadhuis.modules.crm.contracten.selectors import (
            contracten_aflopend,
            contracten_zichtbaar,
        )
        from raadhuis.modules.crm.zoeken import (
            TEL_GRENS,
            SlimFilter,
            Zoekbron,
            uuid_url,
            zoek_register,
        )

        zoek_register(
            Zoekbron(
                naam="contracten",
                titel=_("Contracten"),
                volgorde=50,
                basis=contracten_zichtbaar,
                partij_veld="partij",
                tekstvelden=("onderwerp",),
                kenmerk_velden=("kenmerk",),
                per_partij_grens=TEL_GRENS,
                velden=("uuid", "kenmerk", "onderwerp", "einddatum"),
                sortering=("-startdatum", "-pk"),
                url_van=lambda c: uuid_url("crm:contracten:detail", c.uuid),
                titel_van=lambda c: f"{c.kenmerk} {c.onderwerp}",
                omschrijving_van=lambda c: f"{c.partij} · {c.einddatum or '—'}",
                slimme_filters=(
                    SlimFilter(
                        "contracten_aflopend_90",
                        _("Contracten die binnen 90 dagen aflopen"),
                        rijen=lambda actor, op, limit: contracten_aflopend(
                            actor=actor, op=op, dagen=90, limit=limit
                        ),
                    ),
                ),
            )
        )


def _import_register() -> None:
    # Contracts in the CRM migration import (crm.migratie reads them through its registry).
    from raadhuis.modules.crm.contracten.importeren import IMPORTSOORT
    from raadhuis.modules.crm.migratie.soorten import importsoort_register

    importsoort_register(IMPORTSOORT)


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
