"""Issue 6 (CRM: namespaces `crm`, `crm:klachten`, `crm:contracten`, `crm:leads`) in the matrix:
the expectations of its URLs, the objects their paths need, the forms a POST sends and the
markers of what they hold.

Where an expectation comes from: the URL tables in the handoffs of crm (/tmp/handoff/crm.md),
crm-klachten (crm-klachten.md), crm-leads (crm-leads.md) and kvk (kvk.md, the contracts); POST
outcomes no handoff names are "inferred" (from the views' decorators, selectors and services).

CRM access is by department (crm.md): a medewerker sees the relations, complaints and
contracts of their own organisational units. So per variant:
- a_klacht: a relation of A managed by medewerker A's team (Team Aaltjes): theirs to open;
- a_verlof: a relation of A managed by another department of A ("Afdeling Verlofzaken"):
  "not there" (404) for medewerker A, as A's VERLOF case is;
- b: a relation of B managed by medewerker B's team.
Each relation is an organisation with a contact person, an open follow-up task, a contract, a
complaint and a lead (with a quotation) of that department. So A_ONLY / B_ONLY carry over.
Pipelines belong to the organisation (A's for both A variants).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.messaging.models import BriefSjabloon
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.modules.crm.catalogus import OPVOLGING_ZAAKTYPE as OPVOLG_ZAAKTYPE
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.contracten.services import contract_create
from raadhuis.modules.crm.klachten.catalogus import ZAAKTYPE_IDENTIFICATIE as KLACHT_ZAAKTYPE
from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import Categorie, Kanaal
from raadhuis.modules.crm.klachten.services import klacht_create
from raadhuis.modules.crm.leads.models import LeadBron
from raadhuis.modules.crm.leads.services import lead_create, leads_pipelines_ensure, offerte_create
from raadhuis.modules.crm.mailing.services import afmeld_token, mailing_create, segment_save
from raadhuis.modules.crm.migratie.services import importbestand_create
from raadhuis.modules.crm.models import EenheidInstelling, RelatieSoort, Uitkomst
from raadhuis.modules.crm.services import (
    Opvolging,
    contactpersoon_add,
    klantcontact_create,
    relatie_handmatig_create,
    tag_ensure,
)
from tests import factories
from tests.url_matrix.outcomes import (
    A_KLACHT,
    A_ONLY,
    A_VERLOF,
    ANON,
    AUD,
    B_ONLY,
    BEH,
    DONE,
    FB,
    LOGIN,
    MW_A,
    MW_B,
    NOT_ALLOWED,
    NOT_FOUND,
    OBJECT_VARIANTS,
    OK,
    TL,
    B,
    F,
    each,
    row,
)

# row(anonymous, medewerker_a, medewerker_b, teamleider, auditor, functioneel_beheerder, beheerder)
MW_PAGE = row(LOGIN, OK, OK, F, F, F, F)
MW_CASE = row(LOGIN, A_ONLY, B_ONLY, F, F, F, F)
MW_POST_ONLY = row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, F, F)
A_DOES = each(DONE, NOT_FOUND, NOT_FOUND)
B_DOES = each(NOT_FOUND, NOT_FOUND, DONE)
MW_CASE_DOES = row(LOGIN, A_DOES, B_DOES, F, F, F, F)
A_ORG = each(OK, OK, NOT_FOUND)
MW_ORG = row(LOGIN, A_ORG, each(NOT_FOUND, NOT_FOUND, OK), F, F, F, F)
KPI_LEZERS = row(LOGIN, OK, OK, OK, F, F, F)
MIGRATIE = row(LOGIN, A_ONLY, B_ONLY, F, F, A_ORG, F)

# --- GET ------------------------------------------------------------------------------------
GET_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    # crm (handoff crm.md): the path's uuid is the relation's kernel Partij.
    "crm:relaties": MW_PAGE,
    "crm:relatie_nieuw": MW_PAGE,
    "crm:relatie": MW_CASE,
    "crm:relatie_bewerken": MW_CASE,
    "crm:contactpersoon_nieuw": MW_CASE,
    "crm:vertegenwoordiging_nieuw": MW_CASE,
    "crm:klantcontact_nieuw": MW_CASE,
    "crm:relatie_verversen": MW_POST_ONLY,
    "crm:contactpersoon_beeindigen": MW_POST_ONLY,
    "crm:opvolging_afronden": MW_POST_ONLY,
    # crm-klachten (handoff crm-klachten.md): medewerkers, per department; the report (counts,
    # no complainants) also for the team manager and the functioneel beheerder.
    "crm:klachten:lijst": MW_PAGE,
    "crm:klachten:nieuw": MW_PAGE,
    "crm:klachten:rapportage": row(LOGIN, OK, OK, OK, F, OK, F),
    "crm:klachten:rapportage_csv": row(LOGIN, OK, OK, OK, F, OK, F),
    "crm:klachten:detail": MW_CASE,
    "crm:klachten:brief": MW_CASE,
    "crm:klachten:actie": MW_CASE,
    # contracten (handoff kvk.md).
    "crm:contracten:lijst": MW_PAGE,
    "crm:contracten:nieuw": MW_PAGE,
    "crm:contracten:detail": MW_CASE,
    "crm:contracten:brief": MW_CASE,
    "crm:contracten:wijzigen": MW_CASE,
    "crm:contracten:opzeggen": MW_CASE,
    "crm:contracten:realisatie": MW_CASE,
    "crm:contracten:indicator": MW_CASE,
    # crm-leads (handoff crm-leads.md): leads per department like the other CRM parts;
    # conversion figures also for the team manager; pipelines are the administrators'
    # configuration of their organisation.
    "crm:leads:bord": MW_PAGE,
    "crm:leads:lijst": MW_PAGE,
    "crm:leads:nieuw": MW_PAGE,
    "crm:leads:conversie": row(LOGIN, OK, OK, OK, F, F, F),
    "crm:leads:pipelines": row(LOGIN, F, F, F, F, OK, OK),
    "crm:leads:pipeline_nieuw": row(LOGIN, F, F, F, F, OK, OK),
    "crm:leads:pipeline_wijzigen": row(LOGIN, F, F, F, F, A_ORG, A_ORG),
    "crm:leads:detail": MW_CASE,
    "crm:leads:wijzigen": MW_CASE,
    "crm:leads:fase": MW_CASE,
    "crm:leads:offerte": MW_CASE,
    "crm:leads:offerte_download": MW_CASE,
    "crm:leads:verplaatsen": MW_POST_ONLY,
    # crm-mailing (no handoff yet: inferred from mailing/views.py and selectors.py): segments
    # and mailings belong to the organisation; the unsubscribe page is public (a valid token).
    "crm:mailing:overzicht": MW_PAGE,
    "crm:mailing:segment_nieuw": MW_PAGE,
    "crm:mailing:mailing_nieuw": MW_PAGE,
    "crm:mailing:segment": MW_ORG,
    "crm:mailing:segment_bewerken": MW_ORG,
    "crm:mailing:mailing": MW_ORG,
    "crm:mailing:versturen": MW_POST_ONLY,
    "crm:mailing:testmail": MW_POST_ONLY,
    "crm:mailing:bounce": MW_POST_ONLY,
    "crm:mailing:afmelding": MW_POST_ONLY,  # a relation's opt-out, recorded by a medewerker
    "crm:mailing:afmelden": row(OK, OK, OK, OK, OK, OK, OK),
    # crm-kpi (no handoff yet: inferred from kpi/views.py): figures for medewerker and team
    # manager; the satisfaction survey is public (an unknown token: 404 for everyone).
    "crm:kpi:dashboard": KPI_LEZERS,
    "crm:kpi:rijen": KPI_LEZERS,
    "crm:kpi:export_csv": KPI_LEZERS,
    "crm:kpi:export_xlsx": KPI_LEZERS,
    "crm:kpi:tevredenheid": MW_PAGE,
    "crm:kpi:enquete": row(*[NOT_FOUND] * 7),
    # crm-zoeken (inferred from views_zoeken.py).
    "crm:zoeken": MW_PAGE,
    # The CRM KPI API (inferred from api/views.py: a staff session or a JWT; the selectors
    # check the role): 401 without a session.
    "crm-api:kpis": row("401", OK, OK, OK, F, F, F),
    "crm-api:kpi-rijen": row("401", OK, OK, OK, F, F, F),
    "crm-api:schema": row(OK, OK, OK, OK, OK, OK, OK),
    # crm-migratie (no handoff yet: inferred from migratie/views.py and selectors.py): a
    # medewerker opens their own uploads, the functioneel beheerder every upload of the
    # organisation.
    "crm:migratie:overzicht": row(LOGIN, OK, OK, F, F, OK, F),
    "crm:migratie:koppelen": MIGRATIE,
    "crm:migratie:mapping_json": MIGRATIE,
    "crm:migratie:verslag": MIGRATIE,
    "crm:migratie:importeren": row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, NOT_ALLOWED, F),
}

# --- POST -----------------------------------------------------------------------------------
POST_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    # crm (handoff crm.md: 302 done, 404 for another department's relation).
    "crm:contactpersoon_nieuw": MW_CASE_DOES,
    "crm:klantcontact_nieuw": MW_CASE_DOES,
    "crm:contactpersoon_beeindigen": MW_CASE_DOES,
    "crm:opvolging_afronden": MW_CASE_DOES,
    # crm-klachten (inferred): acknowledging receipt of the complaint by e-mail.
    "crm:klachten:actie": MW_CASE_DOES,
    # contracten (handoff kvk.md: the forms redirect to the contract when stored).
    "crm:contracten:opzeggen": MW_CASE_DOES,
    "crm:contracten:realisatie": MW_CASE_DOES,
    "crm:contracten:indicator": MW_CASE_DOES,
}

# CRM configuration in the admin (crm.md): organisation-scoped, audited, with Django's own
# permissions, which the matrix's functioneel beheerder (catalogue only) does not hold.
ADMIN_MODELS: dict[str, str] = {
    "crm.eenheidinstelling": "superuser-scoped",
    "crm.tag": "superuser-scoped",
}

NAMEN = {
    A_KLACHT: "Stichting Aaltjesbelang",
    A_VERLOF: "Verlofgenootschap Geheim",
    B: "Beekse Bijenvereniging",
}
CONTACTPERSOON = {A_KLACHT: "Contactmans", A_VERLOF: "Verloftrouw", B: "Beekcontact"}


# --- the objects --------------------------------------------------------------------------------
def _grant(medewerker: Medewerker, identificatie: str) -> None:
    ZaakTypeAutorisatie.objects.get_or_create(
        medewerker=medewerker,
        zaaktype_identificatie=identificatie,
        defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.GEHEIM},
    )


def build(basis: Any, markers: dict[str, list[str]]) -> dict[str, Any]:
    """Every object issue 6's URLs need (in `extra["crm"]`); adds the markers."""
    vandaag = timezone.localdate()
    mw_a = basis.mw_a
    mw_b = basis.mw_b
    team_a = mw_a.eenheden.get()
    team_b = mw_b.eenheden.get()
    verlofafdeling = factories.team(basis.org_a, "Afdeling Verlofzaken")
    mw_ander = factories.medewerker(basis.org_a, team=verlofafdeling)
    werkers = {A_KLACHT: mw_a, A_VERLOF: mw_ander, B: mw_b}
    afdelingen = {A_KLACHT: team_a, A_VERLOF: verlofafdeling, B: team_b}
    for org in (basis.org_a, basis.org_b):
        crm_catalogus_ensure(org)
        klacht_catalogus_ensure(org)
    for mw in werkers.values():
        _grant(mw, KLACHT_ZAAKTYPE)
        _grant(mw, OPVOLG_ZAAKTYPE)
    objs: dict[str, dict] = {
        k: {}
        for k in (
            "relatie",
            "contactpersoon",
            "klacht",
            "contract",
            "eenheid",
            "tag",
            "opvolgtaak",
            "lead",
            "offerte",
            "pipeline",
        )
    }
    pipelines = {"a": leads_pipelines_ensure(basis.org_a), "b": leads_pipelines_ensure(basis.org_b)}
    objs["pipeline"] = {k: p[0] for k, p in pipelines.items()}
    for v in OBJECT_VARIANTS:
        actor = factories.actor(werkers[v])
        relatie = relatie_handmatig_create(
            actor=actor,
            soort=RelatieSoort.VERENIGING,
            naam=NAMEN[v],
            eenheid=afdelingen[v],
            email=f"{v.replace('_', '')}@matrix.example",
        )
        objs["relatie"][v] = relatie
        objs["contactpersoon"][v] = contactpersoon_add(
            actor=actor, relatie=relatie, rol="voorzitter", geslachtsnaam=CONTACTPERSOON[v]
        )
        objs["contract"][v] = contract_create(
            actor=actor,
            partij=relatie.partij,
            onderwerp=f"Contractonderwerp {NAMEN[v]}",
            waarde=Decimal("12500.00"),
            startdatum=date(vandaag.year, 1, 1),
            eigenaar=werkers[v],
            afdeling=afdelingen[v],
        )
        objs["klacht"][v] = klacht_create(
            actor=actor,
            klager=relatie.partij,
            kanaal=Kanaal.values[0],
            ontvangen_op=vandaag - timedelta(days=3),
            categorie=Categorie.values[0],
            onderwerp=f"Klachtonderwerp {NAMEN[v]}",
            omschrijving="Matrixklacht",
            afdeling=afdelingen[v],
            behandelaar=werkers[v],
        )
        contact = klantcontact_create(
            actor=actor,
            partij=relatie.partij,
            kanaal="telefoon",
            onderwerp=f"Matrixgesprek {v}",
            opvolging=Opvolging(
                titel=f"Terugbellen {v}", toegewezen_aan=werkers[v], termijn_werkdagen=5
            ),
        )
        objs["opvolgtaak"][v] = contact.taak
        objs["lead"][v] = lead_create(
            actor=actor,
            partij=relatie.partij,
            titel=f"Leadtitel {NAMEN[v]}",
            pipeline=objs["pipeline"]["b" if v == B else "a"],
            waarde=Decimal("5000.00"),
            afdeling=afdelingen[v],
            bron=LeadBron.WEBSITE,
            eigenaar=werkers[v],
        )
        objs["offerte"][v] = offerte_create(actor=actor, lead=objs["lead"][v])
        rij = "Beeimportrij" if v == B else f"Importrij {v}"
        objs.setdefault("import", {})[v] = importbestand_create(
            actor=actor,
            naam=f"export-{v}.csv",
            inhoud=f"naam;email\n{rij};{v.replace('_', '')}@import.example\n".encode(),
            afdeling=afdelingen[v],
        )
    for org_key, org, team in (("a", basis.org_a, team_a), ("b", basis.org_b, team_b)):
        # A segment of every association of the organisation (the other department's too)
        # and a concept mailing to it.
        eigen = factories.actor(mw_a if org_key == "a" else mw_b)
        segment = segment_save(
            actor=eigen,
            naam="Matrixsegment" if org_key == "a" else "Beesegment",
            soort=RelatieSoort.VERENIGING,
        )
        objs.setdefault("segment", {})[org_key] = segment
        objs.setdefault("mailing", {})[org_key] = mailing_create(
            actor=eigen,
            naam="Matrixmailing" if org_key == "a" else "Beemailing",
            segment=segment,
            sjabloon=BriefSjabloon.objects.get(organisatie=org, code="algemeen"),
        )
        objs["eenheid"][org_key] = EenheidInstelling.objects.create(
            organisatie=org, eenheid=team, ziet_alle_relaties=False
        )
        objs["tag"][org_key] = tag_ensure(
            actor=factories.actor(mw_a if org_key == "a" else mw_b),
            naam="Matrixtag" if org_key == "a" else "Beetag",
        )
    # Markers: A's own department's relation data (medewerker A's to read), the other
    # department's (nobody's in the matrix), B's (in markers["b"]).
    for v, groep in ((A_KLACHT, "crm_a_eigen"), (A_VERLOF, "crm_a_ander")):
        markers[groep] = [
            NAMEN[v],
            CONTACTPERSOON[v],
            f"Contractonderwerp {NAMEN[v]}",
            f"Klachtonderwerp {NAMEN[v]}",
            f"Leadtitel {NAMEN[v]}",
        ]
    markers["b"].extend(
        [
            NAMEN[B],
            CONTACTPERSOON[B],
            f"Contractonderwerp {NAMEN[B]}",
            f"Leadtitel {NAMEN[B]}",
            "Beetag",
            "Beesegment",
            "Beemailing",
            "Beeimportrij",
        ]
    )
    return objs


def admin_objects(extra: dict[str, Any]) -> dict[str, dict[str, object]]:
    return {
        "crm.eenheidinstelling": dict(extra["crm"]["eenheid"]),
        "crm.tag": dict(extra["crm"]["tag"]),
    }


# --- filling the parameters ---------------------------------------------------------------------
def _partij(w: Any, v: str) -> dict[str, object]:
    return {"uuid": w.extra["crm"]["relatie"][v].partij.uuid}


def _contract(w: Any, v: str) -> dict[str, object]:
    return {"uuid": w.extra["crm"]["contract"][v].uuid}


WEB_OBJECTS: dict[str, Callable[[Any, str], dict[str, object]]] = {
    **{
        key: _partij
        for key in (
            "crm:relatie",
            "crm:relatie_bewerken",
            "crm:contactpersoon_nieuw",
            "crm:vertegenwoordiging_nieuw",
            "crm:klantcontact_nieuw",
            "crm:relatie_verversen",
            "crm:mailing:afmelding",
        )
    },
    "crm:contactpersoon_beeindigen": lambda w, v: {
        **_partij(w, v),
        "contactpersoon": w.extra["crm"]["contactpersoon"][v].uuid,
    },
    "crm:opvolging_afronden": lambda w, v: {
        **_partij(w, v),
        "taak": w.extra["crm"]["opvolgtaak"][v].uuid,
    },
    **{
        key: (lambda w, v: {"uuid": w.extra["crm"]["lead"][v].uuid})
        for key in (
            "crm:leads:detail",
            "crm:leads:wijzigen",
            "crm:leads:fase",
            "crm:leads:offerte",
            "crm:leads:verplaatsen",
        )
    },
    "crm:leads:offerte_download": lambda w, v: {"uuid": w.extra["crm"]["offerte"][v].uuid},
    "crm:leads:pipeline_wijzigen": lambda w, v: {
        "uuid": w.extra["crm"]["pipeline"]["b" if v == B else "a"].uuid
    },
    **{
        key: (lambda w, v: {"uuid": w.extra["crm"]["segment"]["b" if v == B else "a"].uuid})
        for key in ("crm:mailing:segment", "crm:mailing:segment_bewerken")
    },
    **{
        key: (lambda w, v: {"uuid": w.extra["crm"]["mailing"]["b" if v == B else "a"].uuid})
        for key in ("crm:mailing:mailing", "crm:mailing:versturen", "crm:mailing:testmail")
    },
    # POST only: a GET is refused before the recipient is looked up.
    "crm:mailing:bounce": lambda w, v: {
        "uuid": w.extra["crm"]["mailing"]["b" if v == B else "a"].uuid,
        "ontvanger": w.extra["crm"]["mailing"]["b" if v == B else "a"].uuid,
    },
    "crm:mailing:afmelden": lambda w, v: {
        "token": afmeld_token(w.extra["crm"]["relatie"][v].partij)
    },
    **{
        key: (lambda w, v: {"uuid": w.extra["crm"]["import"][v].uuid})
        for key in (
            "crm:migratie:koppelen",
            "crm:migratie:mapping_json",
            "crm:migratie:verslag",
            "crm:migratie:importeren",
        )
    },
    "crm:kpi:enquete": lambda w, v: {"token": "onbekend-token"},
    **{
        key: (lambda w, v: {"code": "reactietijd"})
        for key in (
            "crm:kpi:rijen",
            "crm:kpi:export_csv",
            "crm:kpi:export_xlsx",
            "crm-api:kpi-rijen",
        )
    },
    "crm:klachten:detail": lambda w, v: {"uuid": w.extra["crm"]["klacht"][v].uuid},
    "crm:klachten:brief": lambda w, v: {"uuid": w.extra["crm"]["klacht"][v].uuid},
    "crm:klachten:actie": lambda w, v: {
        "uuid": w.extra["crm"]["klacht"][v].uuid,
        "actie": "ontvangst",
    },
    **{
        key: _contract
        for key in (
            "crm:contracten:detail",
            "crm:contracten:brief",
            "crm:contracten:wijzigen",
            "crm:contracten:opzeggen",
            "crm:contracten:realisatie",
            "crm:contracten:indicator",
        )
    },
}


# --- the forms ----------------------------------------------------------------------------------
def post_form(key: str, w: Any, v: str) -> dict | None:
    """A valid form for an issue-6 URL on variant `v`'s objects; None: not one of these."""
    if not key.startswith("crm:"):
        return None
    if key == "crm:contactpersoon_nieuw":
        return {"geslachtsnaam": "Nieuwcontact", "rol": "secretaris"}
    if key == "crm:klantcontact_nieuw":
        return {
            "kanaal": "telefoon",
            "onderwerp": "Matrixvraag",
            "inhoud": "Gebeld over de matrix.",
            "uitkomst": Uitkomst.BEANTWOORD,
        }
    vandaag = timezone.localdate().isoformat()
    if key == "crm:contracten:opzeggen":
        return {"datum": vandaag, "toelichting": "Matrix"}
    if key == "crm:contracten:realisatie":
        return {"datum": vandaag, "uren": "10", "bedrag": "", "omschrijving": "Matrix"}
    if key == "crm:contracten:indicator":
        return {"naam": "CO2-reductie", "doel": "10%", "gerealiseerd": "", "toelichting": ""}
    if key == "crm:klachten:actie":
        return {"kanaal": "email"}
    # Not empty: `request.POST or None` would treat an empty POST as a GET.
    return {"matrix": ""}


# --- what a role may see ------------------------------------------------------------------------
# The kernel's party pages: medewerker A may find every party of A (ADR 0003), the other
# department's organisation and its contact person included.
PARTY_PAGES = ("web:partijen", "web:partij_kiezen")


def hidden(role: str, key: str, variant: str, markers: dict[str, list[str]]) -> list[str]:
    """Issue 6's own markers a role may never read on this page (B's are in markers["b"])."""
    eigen, ander = markers["crm_a_eigen"], markers["crm_a_ander"]
    if role == AUD and key == "web:audit":
        return []  # A's audit trail and processing log are the auditor's to read
    if role == MW_A:
        if key in PARTY_PAGES:
            return ander[2:]  # the names are findable, the contract and complaint are not
        return ander
    if role in (ANON, MW_B, TL, AUD, FB, BEH):
        return eigen + ander
    return []
