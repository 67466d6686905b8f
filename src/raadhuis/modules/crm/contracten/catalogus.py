"""The case type 'Contractbeheer' and the e-mail template of the contract signals.

A kernel Taak always belongs to a case, so a contract gets a small case of this type when its
first signal is due (initiator: the relation; behandelaar: the contract owner). That puts the
signal's task in the owner's work queue, the audit trail and retention like any other case.
Made through the kernel catalogue services in the CRM catalogue, so a functional administrator
can version it later.
"""

from __future__ import annotations

from dataclasses import replace

from raadhuis.kernel.catalog.inrichting import (
    ResultaattypeSpec,
    RoltypeSpec,
    StatustypeSpec,
    ZaaktypeSpec,
    catalogus_inrichten,
    gepubliceerd_zaaktype,
)
from raadhuis.kernel.catalog.models import RolOmschrijving, ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.messaging.models import BriefSjabloon
from raadhuis.kernel.messaging.services import briefhoofd_ensure, sjabloon_ensure
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.crm.catalogus import CRM_CATALOGUS

CONTRACT_ZAAKTYPE = "CRM-CONTRACT"
STATUSSEN = ("Signaal", "In behandeling", "Afgehandeld")
RESULTATEN = ("Verlengd", "Opgezegd", "Beëindigd")
ROLTYPEN = (
    ("Contractpartij", RolOmschrijving.INITIATOR),
    ("Contracteigenaar", RolOmschrijving.BEHANDELAAR),
)
CONTRACTBEHEER = ZaaktypeSpec(
    identificatie=CONTRACT_ZAAKTYPE,
    omschrijving="Contractbeheer",
    fields={
        "omschrijving_generiek": "Contractbeheer",
        "vertrouwelijkheidaanduiding": Vertrouwelijkheid.ZAAKVERTROUWELIJK,
        "doel": "Tijdig beslissen over verlengen, opnieuw aanbesteden of opzeggen.",
        "aanleiding": "Het einde van een contract of de uiterste opzegdatum nadert.",
        "indicatie_intern_of_extern": "intern",
        "onderwerp": "Contractbeheer",
        "doorlooptijd": "P90D",
        "servicenorm": "P30D",
        "trefwoorden": ["contract", "opzegging", "verlenging"],
        "referentieproces_naam": "Contractmanagement",
    },
    statustypen=tuple(StatustypeSpec(naam, statustekst=naam) for naam in STATUSSEN),
    roltypen=tuple(RoltypeSpec(*rol) for rol in ROLTYPEN),
    resultaattypen=tuple(
        ResultaattypeSpec(naam, "P7Y", "Vernietigen 7 jaar na afhandeling (fiscale bewaarplicht).")
        for naam in RESULTATEN
    ),
)
SJABLOON_SIGNAAL = "crm_contract_signaal"
SIGNAAL_SJABLOON = {
    "naam": "Contract: signaal einde of opzegdatum",
    "onderwerp": "{{ contract.signaal }}: {{ contract.kenmerk }} {{ contract.onderwerp }}",
    "html": (
        "<p>Beste {{ ontvanger.naam }},</p>\n"
        "<p>{{ contract.signaal }} voor het contract {{ contract.kenmerk }} "
        "({{ contract.onderwerp }}) met {{ contract.relatie }}.</p>\n"
        "<ul>\n"
        "<li>Einde van de huidige looptijd: {{ contract.einddatum }}</li>\n"
        "<li>Uiterste opzegdatum: {{ contract.opzegdatum }}</li>\n"
        "<li>Verlenging: {{ contract.verlenging }}</li>\n"
        "<li>Waarde: {{ contract.waarde }}</li>\n"
        "</ul>\n"
        "<p>Er staat een taak voor je klaar in Raadhuis (zaak {{ zaak.identificatie }}). Beslis "
        "op tijd of het contract verlengd, opnieuw aanbesteed of opgezegd wordt.</p>\n"
    ),
}


def contract_zaaktype(organisatie: Organisatie) -> ZaakType | None:
    """The current published version of 'Contractbeheer', if the catalogue has it."""
    return (
        ZaakType.objects.filter(
            catalogus__organisatie=organisatie, identificatie=CONTRACT_ZAAKTYPE, concept=False
        )
        .order_by("-begin_geldigheid", "-pk")
        .first()
    )


def contract_catalogus_ensure(organisatie: Organisatie) -> ZaakType:
    """The published case type 'Contractbeheer' of the organisation and the signal template,
    made when missing. Safe to call again."""
    signaal_sjabloon_ensure(organisatie)
    bestaand = contract_zaaktype(organisatie)
    if bestaand is not None:
        return bestaand
    catalogus_inrichten(
        organisatie,
        replace(CRM_CATALOGUS, zaaktypen=(CONTRACTBEHEER,)),
        weergave="Contractbeheer (inrichting)",
    )
    return gepubliceerd_zaaktype(organisatie, CONTRACT_ZAAKTYPE)


def signaal_sjabloon_ensure(organisatie: Organisatie) -> BriefSjabloon:
    briefhoofd_ensure(organisatie)
    return sjabloon_ensure(organisatie, SJABLOON_SIGNAAL, **SIGNAAL_SJABLOON)
