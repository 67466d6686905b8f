"""The merge fields `contract` for letter and e-mail templates (`{{ contract.kenmerk }}`), filled
on the case 'Contractbeheer' of a contract. The signal e-mail adds `contract.signaal` and the
dates as they are on the day of the signal."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak

CONTRACT_VELDEN = {
    "signaal": _("Waarvoor het signaal waarschuwt (alleen in het contractsignaal)"),
    "kenmerk": _("Contractnummer"),
    "onderwerp": _("Onderwerp van het contract"),
    "relatie": _("Naam van de contractpartij"),
    "waarde": _("Waarde van het contract"),
    "startdatum": _("Startdatum"),
    "einddatum": _("Einde van de huidige looptijd"),
    "opzegdatum": _("Uiterste opzegdatum"),
    "verlenging": _("Manier van verlengen"),
    "eigenaar": _("Contracteigenaar"),
}


def euro(bedrag: object) -> str:
    return f"€ {bedrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def contract_waarden(zaak: Zaak) -> dict[str, Any]:
    """The contract of a contract case; {} for any other case."""
    from raadhuis.kernel.workflow.calendar import vandaag
    from raadhuis.modules.crm.contracten.models import Contract, Verlenging
    from raadhuis.modules.crm.contracten.selectors import looptijd
    from raadhuis.modules.crm.contracten.termijnen import huidige_einddatum, uiterste_opzegdatum

    contract = Contract.objects.filter(zaak_id=zaak.pk).select_related("partij", "eigenaar").first()
    if contract is None:
        return {}
    op = vandaag(zaak.organisatie.tijdzone)
    einde = huidige_einddatum(looptijd(contract), op)
    opzeggen = uiterste_opzegdatum(looptijd(contract), op)
    return {
        "signaal": "",
        "kenmerk": contract.kenmerk,
        "onderwerp": contract.onderwerp,
        "relatie": str(contract.partij),
        "waarde": euro(contract.waarde),
        "startdatum": contract.startdatum.strftime("%d-%m-%Y"),
        "einddatum": einde.strftime("%d-%m-%Y") if einde else "-",
        "opzegdatum": opzeggen.strftime("%d-%m-%Y") if opzeggen else "-",
        "verlenging": str(Verlenging(contract.verlenging).label),
        "eigenaar": contract.eigenaar.naam if contract.eigenaar else "",
    }


def merge_fields_register() -> None:
    """Called from ContractenConfig.ready()."""
    from raadhuis.kernel.messaging.samenvoegvelden import register_merge_fields

    register_merge_fields(
        "contract",
        contract_waarden,
        {k: str(v) for k, v in CONTRACT_VELDEN.items()},
        voorbeeld={
            "signaal": "Het contract loopt af op 31-12-2026",
            "kenmerk": "CON-2026-0000001",
            "onderwerp": "Schoonmaak stadskantoor",
            "relatie": "Proefbakkerij De Testoven B.V.",
        },
    )
