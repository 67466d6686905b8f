"""The merge fields `contract` for letter and e-mail templates (`{{ contract.kenmerk }}`), filled
on the case 'Contractbeheer' of a contract. The signal e-mail adds `contract.signaal` and the
dates as they are on the day of the signal.

Letters from the template library (category 'Contracten') to the contract party: choose,
preview and send through the kernel's `brief_send` on the contract's case (made when the
contract has none yet, as its first signal would)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.modules.crm.sjablonen.brieven import (
    bibliotheekbrief_html,
    bibliotheekbrief_send,
    bibliotheekbrieven,
    bibliotheeksjabloon,
)

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
    from raadhuis.modules.crm.contracten.models import Contract

    contract = Contract.objects.filter(zaak_id=zaak.pk).select_related("partij", "eigenaar").first()
    if contract is None:
        return {}
    return contract_velden(contract, vandaag(zaak.organisatie.tijdzone))


def contract_velden(contract: Any, op: date) -> dict[str, Any]:  # noqa: ANN401 - a Contract
    """The merge fields `contract` of one contract, with its term as it is on `op`."""
    from raadhuis.modules.crm.contracten.models import Verlenging
    from raadhuis.modules.crm.contracten.selectors import looptijd
    from raadhuis.modules.crm.contracten.termijnen import huidige_einddatum, uiterste_opzegdatum

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


# --- letters from the template library (any letter of the category 'Contracten') -------------
BIBLIOTHEEK_CATEGORIE = "Contracten"


def contract_bibliotheekbrieven(*, actor: Actor) -> list[Any]:
    """The active letter templates of the library's category 'Contracten', by name."""
    return bibliotheekbrieven(actor=actor, categorie=BIBLIOTHEEK_CATEGORIE)


def _bibliotheeksjabloon(actor: Actor, code: str, tekst: str) -> Any:  # noqa: ANN401
    """The chosen library letter (a BriefSjabloon), with the own text checked against it."""
    return bibliotheeksjabloon(
        actor=actor,
        categorie=BIBLIOTHEEK_CATEGORIE,
        code=code,
        tekst=tekst,
        fout=_("Kies een brief uit de categorie Contracten."),
    )


def contract_ontvanger(contract: Any) -> Any:  # noqa: ANN401 - Contract -> Ontvanger
    """The contract party, as the addressee of a letter."""
    from raadhuis.kernel.messaging.ontvangers import Ontvanger

    return Ontvanger.van_partij(contract.partij)


def contract_brief_voorbeeld(
    *,
    actor: Actor,
    contract: Any,
    sjabloon_code: str,
    tekst: str = "",
    op: date,  # noqa: ANN401
) -> str:
    """The letter as it would be sent to the contract party (an HTML document for the
    preview). A contract without its case yet gets the case's fields as 'volgt bij
    verzenden'. The caller has read the contract through contract_get (department rule)."""
    from raadhuis.kernel.messaging.samenvoegvelden import merge_context, voorbeeld_context

    sjabloon = _bibliotheeksjabloon(actor, sjabloon_code, tekst)
    ontvanger = contract_ontvanger(contract)
    extra = {"brief": {"tekst": tekst}, "contract": contract_velden(contract, op)}
    if contract.zaak_id is not None:
        context = merge_context(contract.zaak, ontvanger=ontvanger, extra=extra)
    else:
        volgt = str(_("(volgt bij verzenden)"))
        context = voorbeeld_context(
            contract.organisatie,
            extra={
                **extra,
                "ontvanger": ontvanger.als_samenvoegvelden(),
                "zaak": {"identificatie": volgt, "omschrijving": contract.onderwerp},
            },
        )
    return bibliotheekbrief_html(sjabloon, context, organisatie=contract.organisatie)


def contract_brief_send(
    *,
    actor: Actor,
    contract: Any,  # noqa: ANN401 - a Contract
    sjabloon_code: str,
    kanaal: str,
    tekst: str = "",
    reden: str = "",
) -> Any:  # noqa: ANN401 - a kernel Brief
    """Send a library letter of the category 'Contracten' to the contract party by e-mail or
    post. The kernel's brief_send checks role and case access (the case type 'Contractbeheer'
    must be granted), files the PDF on the contract's case, records the letter (shown on the
    contract page) with the audit entry 'brief_verstuurd', and queues the e-mail or puts the
    letter in the print queue. Dutch ValidationErrors per field."""
    from raadhuis.modules.crm.contracten.signalen import _zaak

    sjabloon = _bibliotheeksjabloon(actor, sjabloon_code, tekst)
    ontvanger = contract_ontvanger(contract)
    ontvanger.check(kanaal)  # before a case is made for a letter that cannot go
    try:
        # One transaction: a case made for a letter that is then refused is not kept.
        with transaction.atomic():
            zaak = _zaak(Actor.system(contract.organisatie, weergave="Contractbrief"), contract)
            return bibliotheekbrief_send(
                actor,
                zaak=zaak,
                sjabloon=sjabloon,
                ontvanger=ontvanger,
                kanaal=kanaal,
                tekst=tekst,
                reden=reden,
            )
    except ToegangGeweigerd as error:
        contract.refresh_from_db(fields=["zaak"])
        raise ValidationError(
            _(
                "Je mag geen brieven versturen op de zaak Contractbeheer: je bent niet "
                "geautoriseerd voor dat zaaktype. Vraag de functioneel beheerder om die "
                "autorisatie."
            )
        ) from error


def contract_brieven(contract: Any) -> list[Any]:  # noqa: ANN401 - Contract -> [Brief]
    """The letters on the contract's case, newest first, with their deliveries."""
    from raadhuis.kernel.messaging.models import Brief

    if contract.zaak_id is None:
        return []
    return list(
        Brief.objects.filter(zaak_id=contract.zaak_id)
        .prefetch_related("verzendingen")
        .order_by("-id")
    )
