"""The budget management catalogue: one published case type "Budgetbeheer" (identificatie `BB`),
made through the kernel catalogue services so it has an audit trail and can be versioned by a
functional administrator (the same way as modules/shv/catalogus.py).

`budget_catalogus_ensure(organisatie)` is idempotent: it creates what is missing and leaves a
published case type alone (a change after that is a new version, made in the admin).
"""

from __future__ import annotations

from datetime import date

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.catalog.inrichting import (
    CatalogusSpec,
    DocumenttypeSpec,
    ResultaattypeSpec,
    RoltypeSpec,
    ZaaktypeSpec,
    catalogus_inrichten,
    statustypen_met_informeren,
)
from raadhuis.kernel.catalog.models import Catalogus, RolOmschrijving, ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Organisatie, Rol

CATALOGUS_NAAM = "Budgetbeheer"
CATALOGUS_DOMEIN = "BB"
ZAAKTYPE_IDENTIFICATIE = "BB"
ZAAKTYPE_OMSCHRIJVING = "Budgetbeheer"
# Case numbers read BB-2026-0000042 (services.budgetrekening_openen).
ZAAKNUMMER_PREFIX = "BB"
GELDIG_VANAF = date(2020, 1, 1)
# Financial records: the fiscal retention period (AWR art. 52) is 7 years; the municipality's
# Selectielijst class is linked by the functional administrator.
BEWAARTERMIJN = "P7Y"


class StatusCode:
    """The phases of a budget account; stored in StatusType.omschrijving_generiek."""

    AANMELDING = "aanmelding"
    INTAKE = "intake"
    ACTIEF = "actief"
    AFBOUW = "afbouw"
    BEEINDIGD = "beeindigd"


STATUSTYPEN = (
    ("Aanmelding budgetbeheer", StatusCode.AANMELDING),
    ("Intake en budgetplan", StatusCode.INTAKE),
    ("Budgetbeheer actief", StatusCode.ACTIEF),
    ("Afbouw naar zelfstandigheid", StatusCode.AFBOUW),
    ("Budgetbeheer beëindigd", StatusCode.BEEINDIGD),
)

RESULTAATTYPEN = (
    ("Afgerond", "De cliënt kan zijn geld weer zelf beheren."),
    ("Overgedragen aan bewindvoerder", "Beschermingsbewind uitgesproken door de kantonrechter."),
    ("Voortijdig beëindigd", "Gestopt op verzoek van de cliënt of door de gemeente."),
    ("Ingetrokken", "De aanmelding is ingetrokken voordat het budgetbeheer startte."),
)

ROLTYPEN = (
    ("Cliënt", RolOmschrijving.INITIATOR),
    ("Consulent budgetbeheer", RolOmschrijving.BEHANDELAAR),
    ("Partner", RolOmschrijving.MEDE_INITIATOR),
    ("Begunstigde", RolOmschrijving.BELANGHEBBENDE),
)


# (omschrijving, richting, categorie), as the kernel spec has it.
Documenttype = DocumenttypeSpec


# "Cliëntoverzicht" is where the monthly statement PDF goes (overzicht.py).
DOCUMENTTYPE_CLIENTOVERZICHT = "Cliëntoverzicht"
DOCUMENTTYPEN = (
    Documenttype("Budgetplan", "intern", "Plan"),
    Documenttype(DOCUMENTTYPE_CLIENTOVERZICHT, "uitgaand", "Overzicht"),
    Documenttype("Eindoverzicht budgetbeheer", "uitgaand", "Overzicht"),
    Documenttype("Machtiging budgetbeheer", "inkomend", "Machtiging"),
    Documenttype("Brief budgetbeheer", "uitgaand", "Brief"),
    Documenttype("Inkomende post budgetbeheer", "inkomend", "Brief"),
)


def budget_zaaktype(organisatie: Organisatie) -> ZaakType | None:
    """The newest published "Budgetbeheer" case type of the organisation, or None."""
    return (
        ZaakType.objects.filter(
            catalogus__organisatie=organisatie,
            identificatie=ZAAKTYPE_IDENTIFICATIE,
            concept=False,
        )
        .order_by("-versiedatum", "-pk")
        .first()
    )


BUDGET_CATALOGUS = CatalogusSpec(
    naam=CATALOGUS_NAAM,
    domein=CATALOGUS_DOMEIN,
    contactpersoon_beheer_naam="Functioneel beheer budgetbeheer",
    geldig_vanaf=GELDIG_VANAF,
    documenttypen=DOCUMENTTYPEN,
    zaaktypen=(
        ZaaktypeSpec(
            identificatie=ZAAKTYPE_IDENTIFICATIE,
            omschrijving=ZAAKTYPE_OMSCHRIJVING,
            fields={
                "omschrijving_generiek": "Budgetbeheer",
                "vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK,
                "doel": "De gemeente ontvangt tijdelijk het inkomen van een inwoner en betaalt "
                "daaruit de vaste lasten en het leefgeld, zodat de financiële situatie stabiel "
                "wordt.",
                "aanleiding": "Een inwoner (vaak in de schuldhulpverlening) kan zijn geld "
                "tijdelijk niet zelf beheren.",
                "indicatie_intern_of_extern": "extern",
                "onderwerp": "Budgetbeheer",
                "doorlooptijd": "P3Y",
                "servicenorm": "P2Y",
                "trefwoorden": ["budgetbeheer", "schulden", "stabilisatie"],
                "referentieproces_naam": "NVVK-module budgetbeheer",
            },
            statustypen=statustypen_met_informeren(
                STATUSTYPEN, "Uw budgetbeheer heeft de status '{naam}'."
            ),
            roltypen=tuple(RoltypeSpec(*rol) for rol in ROLTYPEN),
            resultaattypen=tuple(
                ResultaattypeSpec(
                    omschrijving, BEWAARTERMIJN, f"{toelichting} Vernietigen 7 jaar na afhandeling."
                )
                for omschrijving, toelichting in RESULTAATTYPEN
            ),
            documenttypen=tuple(d.omschrijving for d in DOCUMENTTYPEN),
        ),
    ),
)


def budget_catalogus_ensure(organisatie: Organisatie) -> Catalogus:
    """Create the published catalogue "Budgetbeheer" with its case type, when missing. Safe to
    call again: what exists is left as it is."""
    return catalogus_inrichten(organisatie, BUDGET_CATALOGUS, weergave="Budgetbeheer (inrichting)")


# --- Who may work on budget accounts ----------------------------------------------------------


def heeft_budget_toegang(actor: Actor | None) -> bool:
    """A consultant (role medewerker) granted the "Budgetbeheer" case type (for menus)."""
    if actor is None or not actor.heeft_rol(Rol.MEDEWERKER):
        return actor is not None and actor.type == "systeem"
    return actor.alle_zaaktypen or ZAAKTYPE_IDENTIFICATIE in actor.zaaktype_grants


def require_budget_toegang(actor: Actor) -> None:
    """The role medewerker is needed (403 otherwise); without the BB grant the budget pages
    do not exist for the actor (404), like the debt-assistance pages."""
    if actor.type == "systeem":
        return
    require_role(actor, Rol.MEDEWERKER)
    if not heeft_budget_toegang(actor):
        raise NietGevonden("Budgetbeheer niet gevonden.")
