"""Issue 4 (debt assistance) in the URL/role matrix: the expectations of its URLs, the objects
their paths need, and the forms a POST sends.

Where an expectation comes from: the handoff of the URL's owner (/tmp/handoff/<helper>.md), or,
marked "inferred", from the view's decorators, selectors and code (where a handoff names no
POST outcome).

The objects hang on the matrix's world: organisation A's object for the a_klacht/a_verlof
variants where the object belongs to the organisation (a letter template, a destruction list),
B's for b; where the object belongs to a case (an SHV dossier, a letter, a VTLB calculation),
the case of the variant, so A_ONLY / B_ONLY carry over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.documents.inkomende_post import (
    inkomend_bericht_inlezen,
    inkomend_bericht_koppelen,
)
from raadhuis.kernel.messaging.models import BriefSjabloon
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.services import (
    BRIEFHOOFD_VELDEN,
    brief_send,
    briefhoofd_ensure,
    sjablonen_standaard_ensure,
    sjabloon_update,
)
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.retention.services import (
    vernietigingslijst_beoordelen,
    vernietigingslijst_create,
    vernietigingslijst_indienen,
    vernietigingslijst_uitvoeren,
)
from raadhuis.kernel.workflow.models import ActieTrigger
from raadhuis.kernel.workflow.proces_services import (
    proces_create,
    procesactie_add,
    processtap_add,
)
from raadhuis.modules.shv.catalogus import shv_catalogus_ensure
from raadhuis.modules.shv.koppelingen.demo import koppelingen_demo_load
from raadhuis.modules.shv.koppelingen.migratie import migratie_upload_create
from raadhuis.modules.shv.koppelingen.models import Signaal
from raadhuis.modules.shv.models import SchuldStatus, ShvDossier
from raadhuis.modules.shv.regeling.services import regeling_create
from raadhuis.modules.shv.services import (
    inkomen_add,
    schuld_create,
    schuld_status_set,
    schuldeiser_create,
)
from raadhuis.modules.shv.vtlb.models import NormVersie
from raadhuis.modules.shv.vtlb.services import vtlb_bereken, vtlb_normen_ensure
from tests import factories
from tests.url_matrix.outcomes import (
    A_KLACHT,
    A_ONLY,
    A_VERLOF,
    AUD,
    B_ONLY,
    BEH,
    CREATED,
    DONE,
    FB,
    INVALID,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OBJECT_VARIANTS,
    OK,
    REDIRECT,
    B,
    F,
    each,
    row,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# An object of organisation A (both A variants), never B's.
A_ORG = each(OK, OK, NOT_FOUND)
A_ORG_DOES = each(DONE, DONE, NOT_FOUND)
A_DOES = each(DONE, NOT_FOUND, NOT_FOUND)
B_DOES = each(NOT_FOUND, NOT_FOUND, DONE)
A_REDIRECT = each(REDIRECT, REDIRECT, NOT_FOUND)
# A POST-only URL opened with GET: the role gate first, then 405.
MW_POST_ONLY = row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, F, F)
FB_POST_ONLY = row(LOGIN, F, F, F, F, NOT_ALLOWED, F)
BEHEER_POST_ONLY = row(LOGIN, F, F, F, F, NOT_ALLOWED, NOT_ALLOWED)
MW_PAGE = row(LOGIN, OK, OK, F, F, F, F)
MW_CASE = row(LOGIN, A_ONLY, B_ONLY, F, F, F, F)
MW_CASE_DOES = row(LOGIN, A_DOES, B_DOES, F, F, F, F)
MW_CASE_INVALID = row(
    LOGIN, each(INVALID, NOT_FOUND, NOT_FOUND), each(NOT_FOUND, NOT_FOUND, INVALID), F, F, F, F
)
FB_PAGE = row(LOGIN, F, F, F, F, OK, F)
FB_OBJECT = row(LOGIN, F, F, F, F, A_ORG, F)
FB_OBJECT_DOES = row(LOGIN, F, F, F, F, A_ORG_DOES, F)
BEHEER_PAGE = row(LOGIN, F, F, F, F, OK, OK)
BEHEER_OBJECT = row(LOGIN, F, F, F, F, A_ORG, A_ORG)
# An API under /api/shv/v1/: a staff session is a credential; without one, 401.
API_ANON = "401"

# --- GET ------------------------------------------------------------------------------------
# row(anonymous, medewerker_a, medewerker_b, teamleider, auditor, functioneel_beheerder, beheerder)
GET_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    # brp (handoff brp.md): no path parameters, medewerkers only.
    "web:brp_zoeken": MW_PAGE,
    "web:brp_overnemen": MW_POST_ONLY,
    # retention (handoff retention.md): the functioneel beheerder works on terms and lists;
    # the auditor reads the reports; the beheerder is refused (ADR retention-terms).
    "web:vernietigingslijsten": FB_PAGE,
    "web:bewaartermijnen": FB_PAGE,
    "web:bewaartermijn_wijzigen": FB_OBJECT,
    "web:bewaartermijn_herberekenen": FB_OBJECT,
    "web:vernietigingslijst_create": FB_PAGE,
    "web:vernietigingslijst_detail": FB_OBJECT,
    "web:vernietigingslijst_item_uitzonderen": FB_OBJECT,
    # POST-only actions: a GET goes back to the list.
    "web:vernietigingslijst_indienen": row(LOGIN, F, F, F, F, A_REDIRECT, F),
    "web:vernietigingslijst_beoordelen": row(LOGIN, F, F, F, F, A_REDIRECT, F),
    "web:vernietigingslijst_uitvoeren": row(LOGIN, F, F, F, F, A_REDIRECT, F),
    "web:vernietigingsverslagen": row(LOGIN, F, F, F, OK, OK, F),
    "web:vernietigingsverslag": row(LOGIN, F, F, F, A_ORG, A_ORG, F),
    "web:vernietigingsverslag_csv": row(LOGIN, F, F, F, A_ORG, A_ORG, F),
    "web:vernietigingsverslag_pdf": row(LOGIN, F, F, F, A_ORG, A_ORG, F),
    # messaging (handoff messaging.md): templates and letterhead for the administrators,
    # letters on a case and the print queue for the medewerkers.
    "web:brieven_sjablonen": BEHEER_PAGE,
    "web:brieven_sjabloon_nieuw": BEHEER_PAGE,
    "web:brieven_briefhoofd": BEHEER_PAGE,
    "web:brieven_sjabloon": BEHEER_OBJECT,
    "web:brieven_sjabloon_versies": BEHEER_OBJECT,
    "web:brieven_sjabloon_voorbeeld": BEHEER_POST_ONLY,
    "web:brieven_briefhoofd_voorbeeld": BEHEER_POST_ONLY,
    "web:brieven_sjabloon_versie_terugzetten": BEHEER_POST_ONLY,
    # session 5 (handoff messaging.md): the library's export/import, version comparison and
    # switching a template on or off, for the administrators.
    "web:brieven_sjablonen_export": BEHEER_PAGE,
    "web:brieven_sjablonen_import": BEHEER_PAGE,
    "web:brieven_sjabloon_vergelijken": BEHEER_OBJECT,
    "web:brieven_sjabloon_actief": BEHEER_POST_ONLY,
    "web:brieven_printwachtrij": MW_PAGE,
    "web:brieven_printwachtrij_pdf": MW_POST_ONLY,
    "web:brieven_printwachtrij_geprint": MW_POST_ONLY,
    "web:zaak_brieven": MW_CASE,
    "web:zaak_brief_nieuw": MW_CASE,
    "web:zaak_brief_voorbeeld": MW_POST_ONLY,
    "web:zaak_brief_opnieuw": MW_POST_ONLY,
    # shv (handoff shv.md): consultants with an SHV grant; a dossier is its case's (404).
    "shv:caseload": MW_PAGE,
    "shv:aanmelding": MW_PAGE,
    "shv:dossier": MW_CASE,
    "shv:eerste_gesprek": MW_CASE,
    "shv:toelating": MW_CASE,
    "shv:fase": MW_CASE,
    "shv:afsluiten": MW_CASE,
    "shv:financien": MW_CASE,
    "shv:financien_add": MW_POST_ONLY,
    "shv:financien_remove": MW_POST_ONLY,
    "shv:schulden_opvragen": MW_CASE,
    "shv:schuld_add": MW_CASE,
    "shv:schuld": MW_CASE,
    "shv:schuldeisers": MW_PAGE,
    "shv:schuldeiser_create": MW_PAGE,
    # The creditor register belongs to the organisation.
    "shv:schuldeiser": row(LOGIN, A_ORG, each(NOT_FOUND, NOT_FOUND, OK), F, F, F, F),
    # shv-regeling (handoff shv-regeling.md).
    "shv:regeling": MW_CASE,
    "shv:regeling_aanbod": MW_POST_ONLY,
    "shv:regeling_versturen": MW_POST_ONLY,
    "shv:regeling_reactie": MW_POST_ONLY,
    "shv:regeling_mislukt": MW_POST_ONLY,
    "shv:regeling_verzoek": MW_POST_ONLY,
    "shv:regeling_verzoek_status": MW_POST_ONLY,
    "shv:regeling_ontvangst": MW_POST_ONLY,
    "shv:regeling_uitbetalen": MW_POST_ONLY,
    "shv:regeling_afsluiten": MW_POST_ONLY,
    "shv:regeling_instellingen": BEHEER_PAGE,
    "shv:team": row(LOGIN, F, F, OK, F, F, F),
    # vtlb API (handoff vtlb.md): a staff session or a JWT; the services check the
    # role (medewerker, functioneel beheerder, beheerder), a calculation on a case needs access.
    "shv-api:vtlb-berekeningen": row(API_ANON, *[NOT_ALLOWED] * 6),
    "shv-api:verdelingen": row(API_ANON, *[NOT_ALLOWED] * 6),
    "shv-api:vtlb-berekening-detail": row(API_ANON, A_ONLY, B_ONLY, F, F, NOT_FOUND, NOT_FOUND),
    "shv-api:vtlb-berekening-pdf": row(API_ANON, A_ONLY, B_ONLY, F, F, NOT_FOUND, NOT_FOUND),
    "shv-api:vtlb-schema": row(OK, OK, OK, OK, OK, OK, OK),
    # vtlb staff pages (handoff vtlb.md): norms for the functioneel beheerder, the calculator
    # for whoever may calculate; a calculation on a case needs access to that case.
    "shv:vtlb:normversies": FB_PAGE,
    "shv:vtlb:normversie_detail": FB_OBJECT,
    "shv:vtlb:normversie_kopieren": FB_OBJECT,
    "shv:vtlb:normbedrag_wijzigen": FB_OBJECT,
    "shv:vtlb:berekenen": row(LOGIN, OK, OK, F, F, OK, OK),
    "shv:vtlb:berekening_detail": row(LOGIN, A_ONLY, B_ONLY, F, F, NOT_FOUND, NOT_FOUND),
    "shv:vtlb:berekening_pdf": row(LOGIN, A_ONLY, B_ONLY, F, F, NOT_FOUND, NOT_FOUND),
    # shv-koppelingen (handoff shv-koppelingen.md): the signal queue for consultants granted
    # SHV-VROEGSIGNALERING (signals belong to the organisation), migration for the
    # functioneel beheerder.
    "shv:signaal_wachtrij": MW_PAGE,
    "shv:signaal_detail": row(LOGIN, A_ORG, each(NOT_FOUND, NOT_FOUND, OK), F, F, F, F),
    "shv:signaal_oppakken": MW_POST_ONLY,
    "shv:signaal_omzetten": MW_POST_ONLY,
    "shv:signaal_afsluiten": MW_POST_ONLY,
    "shv:signaal_importeren": row(LOGIN, OK, OK, F, F, OK, F),
    # session 5 (handoff shv.md): exchange status screens; the overview and the exchange
    # actions for consultants and the functioneel beheerder, a dossier's page for its consultant.
    "shv:koppelingen": row(LOGIN, OK, OK, F, F, OK, F),
    "shv:koppeling_dossier": MW_CASE,
    "shv:koppeling_skn_saldoverzoeken": MW_POST_ONLY,
    "shv:koppeling_vish_opnieuw": row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, NOT_ALLOWED, F),
    "shv:koppeling_skn_versturen": row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, NOT_ALLOWED, F),
    "shv:koppeling_skn_antwoorden": row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, NOT_ALLOWED, F),
    "shv:koppeling_skn_opnieuw": row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, NOT_ALLOWED, F),
    "shv:migratie_overzicht": FB_PAGE,
    "shv:migratie_upload": FB_OBJECT,
    "shv:migratie_importeren": FB_POST_ONLY,
    # documents (handoff documents.md): dossier ZIP and incoming mail, medewerkers; mail filed
    # in a case is case data (a_klacht, a_verlof: filed in that case; b: waiting in B's post).
    "web:zaak_dossier_zip": MW_CASE,
    "web:zaak_post_add": MW_CASE,
    "web:postkamer": MW_PAGE,
    "web:postkamer_bericht": MW_CASE,
    "web:postkamer_bericht_download": MW_CASE,
    "web:postkamer_koppelen": MW_POST_ONLY,
    "web:postkamer_afwijzen": MW_POST_ONLY,
    # workflow (handoff workflow.md): the functioneel beheerder only (the beheerder too is
    # refused).
    "web:processen": FB_PAGE,
    "web:proces_create": FB_PAGE,
    "web:proces_import": FB_PAGE,
    "web:proces_detail": FB_OBJECT,
    "web:procesversie_detail": FB_OBJECT,
    "web:proces_export": FB_OBJECT,
    "web:processtap_update": FB_OBJECT,
    "web:procesactie_add": FB_OBJECT,
    "web:procesactie_update": FB_OBJECT,
    "web:proces_migrate": FB_OBJECT,
    "web:procesversie_concept": FB_POST_ONLY,
    "web:processtap_add": FB_POST_ONLY,
    "web:processtap_move": FB_POST_ONLY,
    "web:processtap_delete": FB_POST_ONLY,
    "web:procesactie_delete": FB_POST_ONLY,
    "web:procesversie_publish": FB_POST_ONLY,
    "web:procesversie_discard": FB_POST_ONLY,
    "web:zaak_proces": MW_CASE,
    "web:zaak_processtap": MW_POST_ONLY,
}

# --- POST -------------------------------------------------------------------------------------
POST_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    # A search asks the BRP double and changes nothing (processing-log rows only).
    "web:brp_zoeken": MW_PAGE,
    "web:brp_overnemen": row(LOGIN, DONE, DONE, F, F, F, F),
    "web:bewaartermijn_wijzigen": FB_OBJECT_DOES,
    "web:bewaartermijn_herberekenen": FB_OBJECT_DOES,
    "web:vernietigingslijst_create": row(LOGIN, F, F, F, F, DONE, F),
    # On the list the matrix's functioneel beheerder drew up ("nieuw").
    "web:vernietigingslijst_item_uitzonderen": FB_OBJECT_DOES,
    "web:vernietigingslijst_indienen": FB_OBJECT_DOES,
    # On a list a colleague drew up (four eyes), then on an approved one.
    "web:vernietigingslijst_beoordelen": FB_OBJECT_DOES,
    "web:vernietigingslijst_uitvoeren": FB_OBJECT_DOES,
    "web:brieven_sjabloon_nieuw": row(LOGIN, F, F, F, F, DONE, DONE),
    "web:brieven_sjabloon": row(LOGIN, F, F, F, F, A_ORG_DOES, A_ORG_DOES),
    "web:brieven_sjabloon_versie_terugzetten": row(LOGIN, F, F, F, F, A_ORG_DOES, A_ORG_DOES),
    "web:brieven_sjabloon_voorbeeld": BEHEER_PAGE,
    "web:brieven_briefhoofd_voorbeeld": BEHEER_PAGE,
    "web:brieven_briefhoofd": row(LOGIN, F, F, F, F, DONE, DONE),
    "web:zaak_brief_nieuw": MW_CASE_DOES,
    "web:zaak_brief_voorbeeld": MW_CASE,
    # The letter went by post and did not fail: nothing to resend, a message (no write).
    "web:zaak_brief_opnieuw": row(
        LOGIN,
        each(REDIRECT, NOT_FOUND, NOT_FOUND),
        each(NOT_FOUND, NOT_FOUND, REDIRECT),
        F,
        F,
        F,
        F,
    ),
    # Every letter in the queue is posted; each medewerker gets (and marks) their own.
    "web:brieven_printwachtrij_pdf": MW_PAGE,
    "web:brieven_printwachtrij_geprint": row(LOGIN, DONE, DONE, F, F, F, F),
    # shv (POST outcomes inferred from modules/shv/views/; shv.md names none). A dossier
    # action with an invalid form is refused with errors (400); a debt, an income and the
    # creditor register take a valid form.
    "shv:aanmelding": row(LOGIN, INVALID, INVALID, F, F, F, F),
    "shv:eerste_gesprek": MW_CASE_INVALID,
    "shv:toelating": MW_CASE_INVALID,
    "shv:fase": MW_CASE_INVALID,
    "shv:afsluiten": MW_CASE_INVALID,
    "shv:schulden_opvragen": MW_CASE_INVALID,
    "shv:schuld_add": MW_CASE_DOES,
    "shv:schuld": MW_CASE_DOES,
    "shv:schuldeiser_create": row(LOGIN, DONE, DONE, F, F, F, F),
    "shv:schuldeiser": row(LOGIN, A_ORG_DOES, each(NOT_FOUND, NOT_FOUND, DONE), F, F, F, F),
    "shv:financien_add": MW_CASE_DOES,
    "shv:financien_remove": MW_CASE_DOES,
    "shv:regeling_instellingen": row(LOGIN, F, F, F, F, INVALID, INVALID),
    # shv-regeling (handoff shv-regeling.md): POST-only actions on the dossier's settlement
    # offer (a concept over the one verified debt). Sending it is a write; the other actions
    # without data are refused with errors; the world has no court request (404).
    "shv:regeling_aanbod": MW_CASE_INVALID,
    "shv:regeling_verzoek": MW_CASE_INVALID,
    "shv:regeling_versturen": MW_CASE_DOES,
    "shv:regeling_reactie": MW_CASE_INVALID,
    "shv:regeling_mislukt": MW_CASE_INVALID,
    "shv:regeling_ontvangst": MW_CASE_INVALID,
    "shv:regeling_afsluiten": MW_CASE_INVALID,
    # A concept offer has no months yet; the world has no court request.
    "shv:regeling_uitbetalen": row(LOGIN, NOT_FOUND, NOT_FOUND, F, F, F, F),
    "shv:regeling_verzoek_status": row(LOGIN, NOT_FOUND, NOT_FOUND, F, F, F, F),
    "shv-api:vtlb-berekeningen": row(API_ANON, CREATED, CREATED, F, F, CREATED, CREATED),
    "shv-api:verdelingen": row(API_ANON, OK, OK, F, F, OK, OK),
    "web:zaak_post_add": MW_CASE_DOES,
    # Filed mail is handled already (400) for who may see it; B's waiting mail without a case
    # or a reason is refused with errors too.
    "web:postkamer_koppelen": MW_CASE_INVALID,
    "web:postkamer_afwijzen": MW_CASE_INVALID,
    "shv:vtlb:normversie_kopieren": FB_OBJECT_DOES,
    "shv:vtlb:normbedrag_wijzigen": FB_OBJECT_DOES,
    "shv:vtlb:berekenen": row(LOGIN, DONE, DONE, F, F, DONE, DONE),
    "shv:signaal_oppakken": row(LOGIN, A_ORG_DOES, each(NOT_FOUND, NOT_FOUND, DONE), F, F, F, F),
    "shv:signaal_omzetten": row(
        LOGIN,
        each(INVALID, INVALID, NOT_FOUND),
        each(NOT_FOUND, NOT_FOUND, INVALID),
        F,
        F,
        F,
        F,
    ),
    "shv:signaal_afsluiten": row(
        LOGIN,
        each(INVALID, INVALID, NOT_FOUND),
        each(NOT_FOUND, NOT_FOUND, INVALID),
        F,
        F,
        F,
        F,
    ),
    "shv:signaal_importeren": row(LOGIN, INVALID, INVALID, F, F, INVALID, F),
    "shv:migratie_overzicht": row(LOGIN, F, F, F, F, INVALID, F),
    # The upload's dry run failed: the import is refused with a message, and audited.
    "shv:migratie_importeren": FB_OBJECT_DOES,
    # workflow (handoff workflow.md): on the variant's concept version, step and action.
    "web:proces_create": row(LOGIN, F, F, F, F, DONE, F),  # for A's ARCHIEF type
    "web:proces_import": row(LOGIN, F, F, F, F, INVALID, F),  # without a file
    "web:processtap_update": FB_OBJECT_DOES,
    "web:procesactie_add": FB_OBJECT_DOES,
    "web:procesversie_concept": row(LOGIN, F, F, F, F, A_REDIRECT, F),  # the concept exists
    "web:processtap_add": FB_OBJECT_DOES,
    "web:processtap_move": row(LOGIN, F, F, F, F, A_REDIRECT, F),  # the only step: a message
    "web:processtap_delete": FB_OBJECT_DOES,
    "web:procesactie_delete": FB_OBJECT_DOES,
    "web:procesactie_update": FB_OBJECT_DOES,
    # Without a file the import form is shown again with its error (400, nothing read).
    "web:brieven_sjablonen_import": row(LOGIN, F, F, F, F, INVALID, INVALID),
    "web:procesversie_publish": FB_OBJECT_DOES,
    "web:procesversie_discard": FB_OBJECT_DOES,
    # The KLACHT case follows no published process: refused with a message on the form.
    "web:zaak_processtap": MW_CASE_INVALID,
    "web:proces_migrate": row(LOGIN, F, F, F, F, each(INVALID, INVALID, NOT_FOUND), F),
}

# Admin models of issue 4 and how the admin treats them (see ADMIN_MODELS in the matrix).
ADMIN_MODELS: dict[str, str] = {
    "messaging.verzending": "read-only-scoped",
    "shv.schuldeiser": "read-only-scoped",  # the creditor register, changed on the staff pages
}


# --- the objects --------------------------------------------------------------------------------
@dataclass
class Basis:
    """What the matrix's world built first and issue 4 builds on."""

    org_a: Any
    org_b: Any
    zaken: dict[str, Zaak]
    partijen: dict[str, Any]
    zaaktypen: dict[str, Any]
    actors: dict[str, Any]  # the actor that created each variant's case
    mw_a: Any
    mw_b: Any
    fb: Any


def _org(v: str) -> str:
    return "b" if v == B else "a"


def _gesloten_archiefzaak(actor, zaaktype, nummer: str, initiator) -> Zaak:  # noqa: ANN001
    """A case closed in 2019 with a result destroyed after five years: due for destruction."""
    zaak = zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        identificatie=nummer,
        omschrijving=f"Archiefgeheim {nummer}",
        initiator=initiator,
        startdatum=date(2019, 1, 7),
    )
    zaak_status_set(
        actor=actor,
        zaak=zaak,
        statustype=zaaktype.statustypen.order_by("-volgnummer").first(),
        resultaattype=zaaktype.resultaattypen.get(omschrijving="Gegrond"),
        datum=datetime.combine(date(2019, 3, 1), time(12), tzinfo=AMSTERDAM),
    )
    return zaak


def _archiefzaak(act, archief, prefix: str, n: int, markers: dict) -> None:  # noqa: ANN001
    """Closed case n of the ARCHIEF type, due for destruction, with an initiator of its own
    (destroying a case erases its initiator); its number and client data become markers."""
    org_key = "b" if prefix == "BEE" else "a"
    nummer = f"ZK-{prefix}-ARCH-{n}"
    initiator = factories.persoon(
        act,
        f"Archiefpersoon{prefix}{n}",
        bsn=factories.elfproef_number(4000 + 10 * n + (500 if org_key == "b" else 0), "27"),
    )
    _gesloten_archiefzaak(act, archief, nummer, initiator)
    markers.setdefault(f"{org_key}_archief_nummers", []).append(nummer)
    markers.setdefault(f"{org_key}_archief_client", []).extend(
        [initiator.geslachtsnaam, initiator.bsn, f"Archiefgeheim {nummer}"]
    )


def _retention(basis: Basis, extra: dict, markers: dict) -> None:
    """Closed cases due for destruction and destruction lists in every state, per organisation:
    A: executed (with its report), approved, submitted by a colleague, new (drawn up by the
    matrix's functioneel beheerder), plus one due case on no list; B: an executed list."""
    lijsten: dict[tuple[str, str], Any] = {}
    for org_key, org, prefix in (("a", basis.org_a, "AA"), ("b", basis.org_b, "BEE")):
        omschrijving = "Archieftype" if org_key == "a" else "Beearchieftype"
        archief = factories.zaaktype(
            org, identificatie="ARCHIEF", omschrijving=omschrijving, versiedatum=date(2018, 1, 1)
        )
        act = factories.actor(factories.medewerker(org, zaaktypen=(archief,)))
        auteur = factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
        beoordelaar = factories.actor(
            factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
        )
        fb = factories.actor(basis.fb) if org_key == "a" else auteur
        stappen = ("uitgevoerd", "goedgekeurd", "ter_beoordeling", "nieuw")
        if org_key == "b":
            stappen = ("uitgevoerd",)
        # One case at a time: a new list takes every due case that is on no running list.
        for n, stap in enumerate(stappen, start=1):
            _archiefzaak(act, archief, prefix, n, markers)
            maker = fb if stap == "nieuw" else auteur
            lijst = vernietigingslijst_create(actor=maker, naam=f"Lijst {prefix} {stap}")
            if stap != "nieuw":
                vernietigingslijst_indienen(actor=maker, lijst=lijst)
            if stap in ("uitgevoerd", "goedgekeurd"):
                vernietigingslijst_beoordelen(actor=beoordelaar, lijst=lijst, goedkeuren=True)
            if stap == "uitgevoerd":
                extra.setdefault("verslag", {})[org_key] = vernietigingslijst_uitvoeren(
                    actor=auteur, lijst=lijst
                )
            lijsten[(org_key, stap)] = lijst
        if org_key == "a":  # due, on no list: a new list can be drawn up
            _archiefzaak(act, archief, prefix, len(stappen) + 1, markers)
            extra["archief_zaaktype"] = archief
    extra["lijst"] = lijsten
    extra["resultaattype"] = {
        v: basis.zaaktypen[v].resultaattypen.get(omschrijving="Gegrond") for v in OBJECT_VARIANTS
    }


def _messaging(basis: Basis, extra: dict) -> None:
    """The standard templates of both organisations (A's "algemeen" edited once: two
    versions), the letterheads, and a letter by post on each case (in the print queue)."""
    sjablonen = {}
    for org_key, org in (("a", basis.org_a), ("b", basis.org_b)):
        sjablonen_standaard_ensure(org)
        briefhoofd_ensure(org)
        sjablonen[org_key] = BriefSjabloon.objects.get(organisatie=org, code="algemeen")
    fb_a = factories.actor(basis.fb)
    huidig = sjablonen["a"].huidige_versie
    sjabloon_update(
        actor=fb_a,
        sjabloon=sjablonen["a"],
        naam=huidig.naam,
        onderwerp=huidig.onderwerp + " (bijgewerkt)",
        inhoud=huidig.inhoud,
    )
    fb_b = factories.actor(factories.medewerker(basis.org_b, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    huidig = sjablonen["b"].huidige_versie
    sjabloon_update(
        actor=fb_b,
        sjabloon=sjablonen["b"],
        naam=huidig.naam,
        onderwerp=huidig.onderwerp + " (bijgewerkt)",
        inhoud=huidig.inhoud,
    )
    extra["sjabloon"] = {k: BriefSjabloon.objects.get(pk=s.pk) for k, s in sjablonen.items()}
    extra["verzending"] = {}
    for v in OBJECT_VARIANTS:
        partij = basis.partijen[v]
        brief = brief_send(
            basis.actors[v],
            zaak=basis.zaken[v],
            sjabloon_code="algemeen",
            ontvanger=Ontvanger(
                naam=f"{partij.voornamen} {partij.geslachtsnaam}",
                adresregels=("Dorpsstraat 1", "1234 AB  AALTJESDORP"),
                partij=partij,
            ),
            kanaal="post",
        )
        extra["verzending"][v] = brief.verzendingen.get()


def _shv(basis: Basis, extra: dict) -> None:
    """Debt assistance on the matrix's three cases: A's and B's medewerker become consultants
    (a grant on one debt track), and each case gets a dossier with a creditor's debt and an
    income. The dossiers are made directly: shv_aanmelding_create always opens a new case of a
    debt track, and the matrix needs them on its existing cases (A_ONLY / B_ONLY)."""
    for org in (basis.org_a, basis.org_b):
        shv_catalogus_ensure(org)
    # The case's own worker (A's VERLOF colleague too) becomes a consultant as well.
    consulenten = {basis.mw_a, basis.mw_b, *(a.medewerker for a in basis.actors.values())}
    for mw in consulenten:
        ZaakTypeAutorisatie.objects.create(
            medewerker=mw,
            zaaktype_identificatie="SHV-MSR",
            max_vertrouwelijkheidaanduiding="geheim",
        )
    extra["dossier"], extra["schuld"], extra["inkomen"], extra["schuldeiser"] = {}, {}, {}, {}
    for v in OBJECT_VARIANTS:
        zaak = basis.zaken[v]
        dossier = ShvDossier.objects.create(
            organisatie=zaak.organisatie,
            zaak=zaak,
            client=basis.partijen[v],
            aanmeldingsdatum=date(2026, 1, 5),
        )
        actor = factories.actor(basis.actors[v].medewerker)  # with the new grant
        naam = {A_KLACHT: "Incasso Aaltjes", A_VERLOF: "Verlofincasso", B: "Beeincasso"}[v]
        # An e-mail address: the settlement offer goes to the creditor by e-mail.
        schuldeiser = schuldeiser_create(
            actor=actor, naam=naam, email_correspondentie=f"{v}@incasso.example"
        )
        extra["dossier"][v] = dossier
        extra["schuldeiser"][v] = schuldeiser
        extra["schuld"][v] = schuld_create(
            actor=actor,
            dossier=dossier,
            schuldeiser=schuldeiser,
            kenmerk=f"KEN-{v}",
            oorspronkelijk_bedrag=Decimal("1200.00"),
            actueel_bedrag=Decimal("1350.00"),
        )
        extra["inkomen"][v] = inkomen_add(
            actor=actor,
            dossier=dossier,
            soort="loon",
            omschrijving="Salaris",
            bedrag_per_maand=Decimal("1800.00"),
        )
        extra.setdefault("vtlb", {})[v] = vtlb_bereken(
            actor=actor,
            zaak=zaak,
            invoer={
                "peildatum": "2024-03-01",
                "leefsituatie": "alleenstaand",
                "netto_inkomen": "1800.00",
                "woonlasten": "700.00",
                "zorgpremie": "150.00",
            },
        )
        # A settlement offer (concept) over the verified debt (handoff shv-regeling.md).
        schuld_status_set(actor=actor, schuld=extra["schuld"][v], status=SchuldStatus.GEVERIFIEERD)
        regeling = regeling_create(actor=actor, dossier=ShvDossier.objects.get(pk=dossier.pk))
        extra.setdefault("regeling", {})[v] = regeling
        extra.setdefault("aanbod", {})[v] = regeling.aanbiedingen.get()


def _mail(onderwerp: str, kenmerk: str) -> bytes:
    return (
        "From: Afzender Matrix <afzender@example.nl>\r\n"
        "To: post@gemeente.example\r\n"
        f"Subject: {onderwerp}\r\n"
        f"Message-ID: <{kenmerk}@matrix.example>\r\n"
        "Date: Mon, 05 Jan 2026 10:00:00 +0100\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Zie onderwerp.\r\n"
    ).encode()


def _documents(basis: Basis, extra: dict, markers: dict) -> None:
    """Incoming mail: A's filed in A's KLACHT and VERLOF case (by the case number in the
    subject), B's waiting in B's postkamer."""
    extra["bericht"] = {}
    # The world's case numbers are not in the format the reader files by (PREFIX-YYYY-NNNNNNN):
    # the mail waits in the postkamer, and the case's own medewerker files it.
    for v, onderwerp, groep in (
        (A_KLACHT, "Klachtpost over de stoep", "a_klacht"),
        (A_VERLOF, "Verlofpost geheim", "a_verlof_zaak"),
    ):
        zaak = basis.zaken[v]
        bericht = inkomend_bericht_inlezen(organisatie=zaak.organisatie, ruw=_mail(onderwerp, v))
        extra["bericht"][v] = inkomend_bericht_koppelen(
            actor=basis.actors[v], bericht=bericht.bericht, zaak=zaak
        )
        markers[groep].append(onderwerp)
    extra["bericht"][B] = inkomend_bericht_inlezen(
        organisatie=basis.org_b, ruw=_mail("Beevraag zonder zaaknummer", "b")
    ).bericht
    markers["b"].append("Beevraag zonder zaaknummer")


def _vtlb(basis: Basis, extra: dict) -> None:
    extra["normversie"] = {}
    for org_key, org in (("a", basis.org_a), ("b", basis.org_b)):
        vtlb_normen_ensure(org)
        extra["normversie"][org_key] = NormVersie.objects.filter(organisatie=org).first()


def _koppelingen(basis: Basis, extra: dict) -> None:
    """Demo signals in both organisations (A's and B's consultants granted the early-warning
    track) and a migration upload per organisation (garbage: its dry run reports errors)."""
    extra["signaal"], extra["migratie"] = {}, {}
    for org_key, org, mw in (("a", basis.org_a, basis.mw_a), ("b", basis.org_b, basis.mw_b)):
        ZaakTypeAutorisatie.objects.create(
            medewerker=mw,
            zaaktype_identificatie="SHV-VROEGSIGNALERING",
            max_vertrouwelijkheidaanduiding="geheim",
        )
        koppelingen_demo_load(org)
        extra["signaal"][org_key] = Signaal.objects.filter(organisatie=org).order_by("pk").first()
        beheerder = (
            basis.fb
            if org_key == "a"
            else factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
        )
        extra["migratie"][org_key] = migratie_upload_create(
            actor=factories.actor(beheerder),
            bestand=SimpleUploadedFile("export.csv", b"geen export", "text/csv"),
        )


def _processen(basis: Basis, extra: dict) -> None:
    """A process per variant (on the case type of A's KLACHT case, A's VERLOF case, B's case):
    a concept version with a step that has an automatic action (handoff workflow.md)."""
    extra["procesversie"], extra["processtap"], extra["procesactie"] = {}, {}, {}
    beheerder_b = factories.medewerker(basis.org_b, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    for v in OBJECT_VARIANTS:
        zaaktype = basis.zaaktypen[v]
        actor = factories.actor(beheerder_b if v == B else basis.fb)
        versie = proces_create(actor=actor, zaaktype=zaaktype, naam=f"Proces {v}")
        eerste = zaaktype.statustypen.order_by("volgnummer").first()
        stap = processtap_add(
            actor=actor, versie=versie, naam="Intake", statustype_omschrijving=eerste.omschrijving
        )
        extra["procesversie"][v] = versie
        extra["processtap"][v] = stap
        extra["procesactie"][v] = procesactie_add(
            actor=actor,
            stap=stap,
            soort="taak_aanmaken",
            trigger=ActieTrigger.BIJ_START_STAP,
            parameters={"titel": "Matrixtaak"},
        )


def build(basis: Basis, markers: dict[str, list[str]]) -> dict[str, Any]:
    """Every object issue 4's URLs need; adds the markers of what they hold."""
    extra: dict[str, Any] = {}
    _retention(basis, extra, markers)
    _messaging(basis, extra)
    _shv(basis, extra)
    _documents(basis, extra, markers)
    _vtlb(basis, extra)
    _koppelingen(basis, extra)
    _processen(basis, extra)
    return extra


# --- filling the parameters ---------------------------------------------------------------------
def _zaak(w, v):  # noqa: ANN001, ANN202
    return {"uuid": w.zaken[v].uuid}


def _lijst(stap: str) -> Callable:
    return lambda w, v: {"uuid": w.extra["lijst"][(_org(v), stap if v != B else "uitgevoerd")].uuid}


def _verslag(w, v):  # noqa: ANN001, ANN202
    return {"uuid": w.extra["verslag"][_org(v)].uuid}


def _item(w, v):  # noqa: ANN001, ANN202
    lijst = w.extra["lijst"][("a", "nieuw") if v != B else ("b", "uitgevoerd")]
    return {"uuid": lijst.uuid, "item": lijst.items.first().uuid}


def _sjabloon(w, v):  # noqa: ANN001, ANN202
    return {"uuid": w.extra["sjabloon"][_org(v)].uuid}


WEB_OBJECTS: dict[str, Callable[[Any, str], dict[str, object]]] = {
    "web:bewaartermijn_wijzigen": lambda w, v: {"uuid": w.extra["resultaattype"][v].uuid},
    "web:bewaartermijn_herberekenen": lambda w, v: {"uuid": w.extra["resultaattype"][v].uuid},
    "web:vernietigingslijst_detail": _lijst("nieuw"),
    "web:vernietigingslijst_item_uitzonderen": _item,
    "web:vernietigingslijst_indienen": _lijst("nieuw"),
    "web:vernietigingslijst_beoordelen": _lijst("ter_beoordeling"),
    "web:vernietigingslijst_uitvoeren": _lijst("goedgekeurd"),
    "web:vernietigingsverslag": _verslag,
    "web:vernietigingsverslag_csv": _verslag,
    "web:vernietigingsverslag_pdf": _verslag,
    "web:brieven_sjabloon": _sjabloon,
    "web:brieven_sjabloon_versies": _sjabloon,
    "web:brieven_sjabloon_versie_terugzetten": lambda w, v: {**_sjabloon(w, v), "versie": 1},
    "web:zaak_brieven": _zaak,
    "web:zaak_brief_nieuw": _zaak,
    "web:zaak_brief_voorbeeld": _zaak,
    "web:zaak_brief_opnieuw": lambda w, v: {
        **_zaak(w, v),
        "verzending": w.extra["verzending"][v].uuid,
    },
    "shv:dossier": _zaak,
    "shv:eerste_gesprek": _zaak,
    "shv:toelating": _zaak,
    "shv:fase": _zaak,
    "shv:afsluiten": _zaak,
    "shv:financien": _zaak,
    "shv:financien_add": lambda w, v: {**_zaak(w, v), "soort": "inkomsten"},
    "shv:financien_remove": lambda w, v: {
        **_zaak(w, v),
        "soort": "inkomsten",
        "pk": w.extra["inkomen"][v].pk,
    },
    "shv:schulden_opvragen": _zaak,
    "shv:schuld_add": _zaak,
    "shv:schuld": lambda w, v: {**_zaak(w, v), "schuld": w.extra["schuld"][v].uuid},
    "shv:schuldeiser": lambda w, v: {"uuid": w.extra["schuldeiser"][v].uuid},
    "shv:regeling": _zaak,
    "shv-api:vtlb-berekening-detail": lambda w, v: {"uuid": w.extra["vtlb"][v].uuid},
    "shv-api:vtlb-berekening-pdf": lambda w, v: {"uuid": w.extra["vtlb"][v].uuid},
    "web:zaak_dossier_zip": _zaak,
    "web:zaak_post_add": _zaak,
    "web:postkamer_bericht": lambda w, v: {"uuid": w.extra["bericht"][v].uuid},
    "web:postkamer_bericht_download": lambda w, v: {"uuid": w.extra["bericht"][v].uuid},
    "web:postkamer_koppelen": lambda w, v: {"uuid": w.extra["bericht"][v].uuid},
    "web:postkamer_afwijzen": lambda w, v: {"uuid": w.extra["bericht"][v].uuid},
    "shv:vtlb:normversie_detail": lambda w, v: {"uuid": w.extra["normversie"][_org(v)].uuid},
    "shv:vtlb:normversie_kopieren": lambda w, v: {"uuid": w.extra["normversie"][_org(v)].uuid},
    "shv:vtlb:normbedrag_wijzigen": lambda w, v: {
        "uuid": w.extra["normversie"][_org(v)].uuid,
        "sleutel": "werktoeslag",
    },
    "shv:vtlb:berekening_detail": lambda w, v: {"uuid": w.extra["vtlb"][v].uuid},
    "shv:vtlb:berekening_pdf": lambda w, v: {"uuid": w.extra["vtlb"][v].uuid},
    "shv:signaal_detail": lambda w, v: {"uuid": w.extra["signaal"][_org(v)].uuid},
    "shv:signaal_oppakken": lambda w, v: {"uuid": w.extra["signaal"][_org(v)].uuid},
    "shv:signaal_omzetten": lambda w, v: {"uuid": w.extra["signaal"][_org(v)].uuid},
    "shv:signaal_afsluiten": lambda w, v: {"uuid": w.extra["signaal"][_org(v)].uuid},
    "shv:migratie_upload": lambda w, v: {"uuid": w.extra["migratie"][_org(v)].uuid},
    "shv:migratie_importeren": lambda w, v: {"uuid": w.extra["migratie"][_org(v)].uuid},
    "web:proces_detail": lambda w, v: {"uuid": w.extra["procesversie"][v].definitie.uuid},
    "web:procesversie_concept": lambda w, v: {"uuid": w.extra["procesversie"][v].definitie.uuid},
    **{
        key: (lambda w, v: {"uuid": w.extra["procesversie"][v].uuid})
        for key in (
            "web:procesversie_detail",
            "web:proces_export",
            "web:processtap_add",
            "web:procesversie_publish",
            "web:procesversie_discard",
            "web:proces_migrate",
        )
    },
    **{
        key: (lambda w, v: {"uuid": w.extra["processtap"][v].uuid})
        for key in (
            "web:processtap_update",
            "web:processtap_move",
            "web:processtap_delete",
            "web:procesactie_add",
        )
    },
    "web:procesactie_delete": lambda w, v: {"uuid": w.extra["procesactie"][v].uuid},
    "web:procesactie_update": lambda w, v: {"uuid": w.extra["procesactie"][v].uuid},
    "web:brieven_sjabloon_vergelijken": _sjabloon,
    "web:brieven_sjabloon_actief": _sjabloon,
    "shv:koppeling_dossier": _zaak,
    "shv:koppeling_skn_saldoverzoeken": _zaak,
    # POST only: a GET is refused (405) before the registration is looked up.
    "shv:koppeling_vish_opnieuw": lambda w, v: {"uuid": UUID(int=1)},
    "web:zaak_proces": _zaak,
    "web:zaak_processtap": _zaak,
}


def _regeling(w, v):  # noqa: ANN001, ANN202
    return {
        "uuid": w.zaken[v].uuid,
        "regeling": w.extra["regeling"][v].uuid,
        "aanbod": w.extra["aanbod"][v].uuid,
        # The world has no court request: the dossier's case uuid stands in (404).
        "verzoek": w.zaken[v].uuid,
        "volgnummer": 1,
    }


for _key in (
    "shv:regeling_aanbod",
    "shv:regeling_versturen",
    "shv:regeling_reactie",
    "shv:regeling_mislukt",
    "shv:regeling_verzoek",
    "shv:regeling_verzoek_status",
    "shv:regeling_ontvangst",
    "shv:regeling_uitbetalen",
    "shv:regeling_afsluiten",
):
    WEB_OBJECTS[_key] = _regeling


# --- the forms ----------------------------------------------------------------------------------
BRP_FORM = {"reden": "Matrix", "bsn": "999990007"}
BRIEF_FORM = {
    "sjabloon": "algemeen",
    "ontvanger": "anders",
    "ontvanger_naam": "Matrixontvanger",
    "ontvanger_adres": "Straat 1\n1234 AB  PLAATS",
    "kanaal": "post",
}


def post_form(key: str, w, v: str) -> dict | None:  # noqa: ANN001
    """A valid form for an issue-4 URL on variant `v`'s objects; None: not one of these."""
    if key in ("web:brp_zoeken", "web:brp_overnemen"):
        return dict(BRP_FORM)
    if key == "web:bewaartermijn_wijzigen":
        return {
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P6Y",
            "reden": "Matrix",
            "bron": "",
        }
    if key in ("web:bewaartermijn_herberekenen", "web:vernietigingslijst_item_uitzonderen"):
        return {"reden": "Matrix"}
    if key == "web:vernietigingslijst_create":
        return {"naam": "Matrixlijst", "toelichting": ""}
    if key == "web:vernietigingslijst_indienen":
        return {"toelichting": ""}
    if key == "web:vernietigingslijst_beoordelen":
        return {"besluit": "goedkeuren", "toelichting": ""}
    if key == "web:vernietigingslijst_uitvoeren":
        return {"bevestiging": "on"}
    if key == "web:brieven_sjabloon_nieuw":
        return {"code": "nieuw-x", "naam": "Nieuw", "onderwerp": "x", "inhoud": "<p>x</p>"}
    if key in ("web:brieven_sjabloon", "web:brieven_sjabloon_voorbeeld"):
        versie = w.extra["sjabloon"][_org(v) if v != "-" else "a"].huidige_versie
        return {"naam": versie.naam, "onderwerp": "Matrixonderwerp", "inhoud": versie.inhoud}
    if key in ("web:brieven_briefhoofd", "web:brieven_briefhoofd_voorbeeld"):
        hoofd = briefhoofd_ensure(w.medewerkers[FB].organisatie)
        data = {
            k: ("" if val is None else val)
            for k, val in model_to_dict(hoofd, fields=list(BRIEFHOOFD_VELDEN)).items()
        }
        data["plaats"] = "Matrixdorp"
        return data
    if key in ("web:zaak_brief_nieuw", "web:zaak_brief_voorbeeld"):
        return dict(BRIEF_FORM)
    if key in ("web:brieven_printwachtrij_pdf", "web:brieven_printwachtrij_geprint"):
        return {"verzending": [str(z.uuid) for z in w.extra["verzending"].values()]}
    if key.startswith("shv-api:"):
        return api_body(key)
    if key == "web:zaak_post_add":
        zaaktype = w.zaaktypen[v]
        return {
            "bestand": SimpleUploadedFile("post.txt", b"ingekomen brief", "text/plain"),
            "titel": "Ingekomen brief",
            "informatieobjecttype": zaaktype.informatieobjecttypen.order_by("pk").first().pk,
            "ontvangstdatum": "2026-01-10",
            "afzender": "Matrixafzender",
            "beschrijving": "",
        }
    if key == "web:processtap_add":
        return {"naam": "Besluit nemen"}
    if key == "web:proces_create":
        return {"zaaktype": str(w.extra["archief_zaaktype"].uuid), "naam": "Archiefproces"}
    if key == "web:processtap_update":
        stap = w.extra["processtap"][v]
        return {"naam": "Intake gewijzigd", "statustype_omschrijving": stap.statustype_omschrijving}
    if key == "web:procesactie_update":
        return {
            "soort": "taak_aanmaken",
            "trigger": "bij_start_stap",
            "p_titel": "Matrixtaak gewijzigd",
            "p_toewijzen_aan": "behandelaar",
            "p_termijn_werkdagen": "4",
        }
    if key == "web:procesactie_add":
        return {
            "soort": "taak_aanmaken",
            "trigger": "bij_start_stap",
            "p_titel": "Nog een taak",
            "p_toewijzen_aan": "behandelaar",
            "p_termijn_werkdagen": "3",
        }
    if key == "web:processtap_move":
        return {"richting": "omlaag"}
    if key == "web:procesversie_publish":
        return {"toelichting": "Matrix"}
    if key == "web:zaak_processtap":
        return {"actie": "volgende", "toelichting": ""}
    if key == "shv:financien_add":
        return {
            "inkomen-soort": "uitkering",
            "inkomen-omschrijving": "Matrixuitkering",
            "inkomen-bedrag_per_maand": "250",
        }
    if key == "shv:schuld":
        return {
            "actie": "wijzig",
            "wijzig-kenmerk": "KEN-MATRIX",
            "wijzig-oorspronkelijk_bedrag": "1200",
            "wijzig-actueel_bedrag": "1400",
            "wijzig-toelichting": "Matrix",
        }
    if key == "shv:schuld_add":
        return {
            "schuldeiser": w.extra["schuldeiser"][v].pk,
            "kenmerk": "KEN-NIEUW",
            "actueel_bedrag": "500",
        }
    if key in ("shv:schuldeiser_create", "shv:schuldeiser"):
        return {"naam": "Matrixincasso", "rangorde": "concurrent", "actief": "on"}
    if key == "shv:vtlb:normversie_kopieren":
        return {"geldig_vanaf": "2027-01-01", "omschrijving": "Matrixnormen", "toelichting": ""}
    if key == "shv:vtlb:normbedrag_wijzigen":
        return {"bedrag": "123,45", "bron": "Matrixbron", "toelichting": ""}
    if key == "shv:vtlb:berekenen":
        return {
            "peildatum": "2024-03-01",
            "leefsituatie": "alleenstaand",
            "netto_inkomen": "1800",
            "woonlasten": "700",
            "zorgpremie": "150",
            "aantal_werkenden": "0",
        }
    if key in GET_EXPECTED or key in POST_EXPECTED:
        # Not empty: `request.POST or None` would treat an empty POST as a GET. A form with
        # required fields is then refused with errors (400).
        return {"matrix": ""}
    return None


def api_body(key: str) -> dict:
    if key == "shv-api:verdelingen":
        return {
            "totaal": "100.00",
            "schulden": [
                {"id": "a", "bedrag": "300.00", "preferent": False},
                {"id": "b", "bedrag": "100.00", "preferent": False},
            ],
        }
    return {
        "peildatum": "2024-03-01",
        "leefsituatie": "alleenstaand",
        "netto_inkomen": "1800.00",
        "woonlasten": "700.00",
        "zorgpremie": "150.00",
    }


def is_json_api(key: str) -> bool:
    return key.startswith("shv-api:")


# --- what a role may see ------------------------------------------------------------------------
RETENTION_FB_PAGES = {
    "web:vernietigingslijsten",
    "web:vernietigingslijst_create",
    "web:vernietigingslijst_detail",
    "web:vernietigingslijst_item_uitzonderen",
    "web:vernietigingslijst_indienen",
    "web:vernietigingslijst_beoordelen",
    "web:vernietigingslijst_uitvoeren",
    "web:vernietigingsverslagen",
    "web:vernietigingsverslag",
    "web:vernietigingsverslag_csv",
    "web:vernietigingsverslag_pdf",
}
RETENTION_AUDITOR_PAGES = {
    "web:vernietigingsverslagen",
    "web:vernietigingsverslag",
    "web:vernietigingsverslag_csv",
    "web:vernietigingsverslag_pdf",
}
# Configuration of organisation A's whole catalogue (every case type, VERLOF included).
CATALOGUE_CONFIG_PAGES = {
    "web:bewaartermijnen",
    "web:bewaartermijn_wijzigen",
    "web:bewaartermijn_herberekenen",
    "web:vernietigingslijst_create",
    "web:processen",
    "web:proces_create",
    "web:proces_import",
    "web:proces_detail",
    "web:procesversie_detail",
    "web:proces_export",
    "web:processtap_update",
    "web:procesactie_add",
    "web:proces_migrate",
    "web:brieven_sjablonen",
    "web:brieven_sjabloon_nieuw",
    "web:brieven_sjabloon",
    "web:brieven_sjabloon_versies",
    "web:brieven_sjabloon_voorbeeld",
    "web:brieven_briefhoofd",
    "web:brieven_briefhoofd_voorbeeld",
    "shv:regeling_instellingen",
    "shv:vtlb:normversies",
    "shv:vtlb:normversie_detail",
    "shv:vtlb:normversie_kopieren",
    "shv:vtlb:normbedrag_wijzigen",
    "shv:migratie_overzicht",
    "shv:migratie_upload",
}


def shown_on_purpose(role: str, key: str, markers: dict[str, list[str]]) -> set[str]:
    """Markers a role reads on an issue-4 page by design (each with its reason)."""
    allowed: set[str] = set()
    # Retention (handoff retention.md): the destruction record names organisation A's case
    # numbers (never names, BSNs or descriptions), for the functioneel beheerder who draws up
    # and executes the lists and for the auditor who checks the reports.
    if (role == FB and key in RETENTION_FB_PAGES) or (
        role == AUD and key in RETENTION_AUDITOR_PAGES
    ):
        allowed |= set(markers["a_archief_nummers"])
    # The administrators configure every case type of their organisation (as on the
    # API-koppelingen pages): the VERLOF type's name is configuration, not client data.
    if role in (FB, BEH) and key in CATALOGUE_CONFIG_PAGES:
        allowed |= set(markers["a_verlof_type"])
    return allowed


def hidden_everywhere(markers: dict[str, list[str]]) -> dict[str, list[str]]:
    """Issue 4's own markers, by who may never read them: A's archived cases (their numbers
    except as allowed above, their client and description always) and B's."""
    return {
        "a": markers["a_archief_nummers"] + markers["a_archief_client"],
        "b": markers["b_archief_nummers"] + markers["b_archief_client"],
    }
