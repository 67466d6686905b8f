"""Issue 5 (budget management, namespace `budget`) in the URL/role matrix: the expectations of
its URLs, the objects their paths need, the forms a POST sends and the markers of what they hold.

Where an expectation comes from: the URL tables in the handoffs of budget-plan,
budget-grootboek, budget-bank, budget-betalingen and budget-overzicht (/tmp/handoff/budget-*.md);
POST outcomes the handoffs do not name are marked "inferred" (from the view's decorators,
selectors and services).

The objects hang on the matrix's world. The matrix's medewerkers become budget consultants
(a grant on zaaktype BB up to "vertrouwelijk"), and every variant gets a budget account of its
own client (the world's three parties):
- a_klacht: A's account of Klaagmans, opened by medewerker A: theirs to open;
- a_verlof: A's account of Verlofsma, opened by A's VERLOF colleague, its BB case made "geheim":
  beyond medewerker A's grant, so "not there" (404) for them, as A's VERLOF case is;
- b: B's account of Beeckman, opened by medewerker B.
So A_ONLY / B_ONLY carry over to everything on an account. Organisation-level objects (a bank
statement, a bank entry to be matched, a payment proposal) are A's for both A variants and B's
for b.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.modules.budget import betalingen, grootboek, signalen
from raadhuis.modules.budget.bankimport import afschrift_importeren
from raadhuis.modules.budget.catalogus import ZAAKTYPE_IDENTIFICATIE, budget_catalogus_ensure
from raadhuis.modules.budget.models import (
    Bankafschrift,
    Bankmutatie,
    BetaalSoort,
    BoekingSoort,
    Frequentie,
    GrootboekSoort,
    InkomstenSoort,
    MutatieStatus,
    SignaalSoort,
)
from raadhuis.modules.budget.overzicht import clientoverzicht_maken
from raadhuis.modules.budget.services import (
    beheerrekening_ensure,
    betaalpost_create,
    budgetrekening_openen,
    inkomstenpost_create,
    reservering_create,
)
from raadhuis.modules.budget.testbestanden import Regel, camt053_maken
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
    INVALID,
    LOGIN,
    MW_A,
    MW_B,
    NOT_ALLOWED,
    NOT_FOUND,
    OBJECT_VARIANTS,
    OK,
    REDIRECT,
    TL,
    B,
    F,
    each,
    row,
)

# row(anonymous, medewerker_a, medewerker_b, teamleider, auditor, functioneel_beheerder, beheerder)
MW_PAGE = row(LOGIN, OK, OK, F, F, F, F)
MW_CASE = row(LOGIN, A_ONLY, B_ONLY, F, F, F, F)
# A POST-only URL opened with GET: the role gate first, then 405.
MW_POST_ONLY = row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, F, F)
# An object of the organisation (a bank statement, a proposal): A's for both A variants.
MW_ORG = row(LOGIN, each(OK, OK, NOT_FOUND), each(NOT_FOUND, NOT_FOUND, OK), F, F, F, F)
A_DOES = each(DONE, NOT_FOUND, NOT_FOUND)
B_DOES = each(NOT_FOUND, NOT_FOUND, DONE)
MW_CASE_DOES = row(LOGIN, A_DOES, B_DOES, F, F, F, F)
MW_CASE_INVALID = row(
    LOGIN, each(INVALID, NOT_FOUND, NOT_FOUND), each(NOT_FOUND, NOT_FOUND, INVALID), F, F, F, F
)
MW_CASE_REDIRECT = row(
    LOGIN, each(REDIRECT, NOT_FOUND, NOT_FOUND), each(NOT_FOUND, NOT_FOUND, REDIRECT), F, F, F, F
)

# --- GET ------------------------------------------------------------------------------------
GET_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    # budget-plan (handoff budget-plan.md): the consultant's accounts and plans.
    "budget:rekeningen": MW_PAGE,
    "budget:rekening_openen": MW_PAGE,
    "budget:rekening": MW_CASE,
    "budget:rekening_wijzigen": MW_CASE,
    "budget:inkomsten_nieuw": MW_CASE,
    "budget:betaalpost_nieuw": MW_CASE,
    "budget:leefgeld": MW_CASE,
    "budget:reservering_nieuw": MW_CASE,
    "budget:inkomsten_wijzigen": MW_CASE,
    "budget:inkomsten_verwijderen": MW_POST_ONLY,
    "budget:betaalpost_wijzigen": MW_CASE,
    "budget:betaalpost_verwijderen": MW_POST_ONLY,
    "budget:reservering_wijzigen": MW_CASE,
    "budget:reservering_verwijderen": MW_POST_ONLY,
    # budget-grootboek (handoff budget-grootboek.md): the ledger; the team manager reads the
    # reconciliation (totals only).
    "budget:boekingen": MW_CASE,
    "budget:boeking_correctie": MW_POST_ONLY,
    "budget:boeking_tegenboeken": MW_CASE,
    "budget:roodstand_beoordelen": MW_POST_ONLY,
    "budget:aansluiting": row(LOGIN, OK, OK, OK, F, F, F),
    "budget:signalen": MW_PAGE,
    "budget:signaal_afhandelen": MW_POST_ONLY,
    # budget-bank (handoff budget-bank.md): statements and entries belong to the organisation.
    "budget:bank_import": MW_PAGE,
    "budget:bank_wachtrij": MW_PAGE,
    "budget:bank_afschriften": MW_PAGE,
    "budget:bank_afschrift": MW_ORG,
    "budget:bank_mutatie": MW_ORG,
    "budget:bank_mutatie_matchen": MW_POST_ONLY,
    "budget:bank_mutatie_negeren": MW_POST_ONLY,
    # budget-betalingen (handoff budget-betalingen.md): proposals belong to the organisation;
    # the world's proposals are approved, so their pain.001 exists.
    "budget:voorstellen": MW_PAGE,
    "budget:voorstel_maken": MW_POST_ONLY,
    "budget:voorstel": MW_ORG,
    "budget:voorstel_goedkeuren": MW_POST_ONLY,
    "budget:voorstel_afwijzen": MW_POST_ONLY,
    "budget:voorstel_pain001": MW_ORG,
    "budget:opdracht_actie": MW_POST_ONLY,
    # budget-overzicht (handoff budget-overzicht.md): statements and ending an account.
    "budget:overzichten": MW_CASE,
    "budget:overzicht_tussentijds": MW_CASE,
    "budget:overzicht_pdf": MW_CASE,
    "budget:beeindigen": MW_CASE,
    "budget:eindoverzicht": MW_POST_ONLY,
}

# --- POST -----------------------------------------------------------------------------------
POST_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    # budget-plan: valid forms on the variant's account (302 done, handoff); a new account for
    # a client who has one running is refused with errors (inferred from the service).
    "budget:rekening_wijzigen": MW_CASE_DOES,
    "budget:inkomsten_nieuw": MW_CASE_DOES,
    "budget:betaalpost_nieuw": MW_CASE_DOES,
    "budget:betaalpost_wijzigen": MW_CASE_DOES,
    "budget:leefgeld": MW_CASE_DOES,
    "budget:reservering_nieuw": MW_CASE_DOES,
    "budget:inkomsten_wijzigen": MW_CASE_DOES,
    "budget:inkomsten_verwijderen": MW_CASE_DOES,
    "budget:betaalpost_verwijderen": MW_CASE_DOES,
    "budget:reservering_wijzigen": MW_CASE_DOES,
    "budget:reservering_verwijderen": MW_CASE_DOES,
    # budget-grootboek: a correction without a form is refused with errors (inferred).
    "budget:boeking_correctie": MW_CASE_INVALID,
    "budget:boeking_tegenboeken": MW_CASE_DOES,
    "budget:signaal_afhandelen": MW_CASE_DOES,
    # budget-bank: setting A's unknown entry aside (with a reason) is A's consultants' work
    # (inferred: the entry belongs to the organisation, no client's case is involved).
    "budget:bank_mutatie_negeren": row(
        LOGIN, each(DONE, DONE, NOT_FOUND), each(NOT_FOUND, NOT_FOUND, DONE), F, F, F, F
    ),
    # budget-overzicht: the account still has money, so no final statement: back to
    # beeindigen with a message (handoff).
    "budget:eindoverzicht": MW_CASE_REDIRECT,
}

# The beheerrekeningen: read-only in the admin, each organisation's own (budget-plan).
ADMIN_MODELS: dict[str, str] = {"budget.beheerrekening": "read-only-scoped"}


# --- the objects --------------------------------------------------------------------------------
IBANS = {
    "beheer_a": "NL91ABNA0417164300",
    "beheer_b": "NL87BNGH0285007777",
    A_KLACHT: "NL20INGB0001234567",
    A_VERLOF: "NL44RABO0123456789",
    B: "NL31BUNQ2291234567",
    "huur": "NL12TRIO0198765432",
    "onbekend": "NL22SNSB0912345678",
}
TENAAMSTELLING = {
    A_KLACHT: "K. Klaagmans-Budget",
    A_VERLOF: "V. Verlofsma-Budget",
    B: "B. Beeckman-Budget",
}


def _grant(medewerker, maximum: str) -> None:  # noqa: ANN001
    ZaakTypeAutorisatie.objects.get_or_create(
        medewerker=medewerker,
        zaaktype_identificatie=ZAAKTYPE_IDENTIFICATIE,
        defaults={"max_vertrouwelijkheidaanduiding": maximum},
    )


def _org(v: str) -> str:
    return "b" if v == B else "a"


def _vorige_maand(vandaag: date) -> tuple[int, int]:
    eerste = vandaag.replace(day=1) - timedelta(days=1)
    return eerste.year, eerste.month


def build(basis: Any, markers: dict[str, list[str]]) -> dict[str, Any]:
    """Every object issue 5's URLs need (in `extra["budget"]`); adds the markers."""
    vandaag = timezone.localdate()
    orgs = {"a": basis.org_a, "b": basis.org_b}
    for org in orgs.values():
        budget_catalogus_ensure(org)
    # Medewerker A up to "vertrouwelijk" (A's "geheim" account is beyond them); the VERLOF
    # colleague and medewerker B up to "geheim".
    _grant(basis.mw_a, Vertrouwelijkheid.VERTROUWELIJK)
    _grant(basis.actors[A_VERLOF].medewerker, Vertrouwelijkheid.GEHEIM)
    _grant(basis.mw_b, Vertrouwelijkheid.GEHEIM)
    actors = {v: factories.actor(basis.actors[v].medewerker) for v in OBJECT_VARIANTS}
    beheer = {
        "a": beheerrekening_ensure(orgs["a"], IBANS["beheer_a"], "Aaltjes Budgetbeheer"),
        "b": beheerrekening_ensure(orgs["b"], IBANS["beheer_b"], "Beekveldse Budgetpot"),
    }
    objs: dict[str, dict] = {
        k: {}
        for k in (
            "rekening",
            "inkomsten",
            "betaalpost",
            "reservering",
            "journaalpost",
            "verzoek",
            "signaal",
            "overzicht",
            "opdracht",
        )
    }
    start = date(vandaag.year - 1, 1, 1)
    for v in OBJECT_VARIANTS:
        actor = actors[v]
        rekening = budgetrekening_openen(
            actor=actor,
            client=basis.partijen[v],
            beheerrekening=beheer[_org(v)],
            client_iban=IBANS[v],
            client_tenaamstelling=TENAAMSTELLING[v],
            startdatum=start,
        )
        if v == A_VERLOF:  # beyond medewerker A's grant
            Zaak.objects.filter(pk=rekening.zaak_id).update(
                vertrouwelijkheidaanduiding=Vertrouwelijkheid.GEHEIM
            )
        objs["rekening"][v] = rekening
        objs["inkomsten"][v] = inkomstenpost_create(
            actor=actor,
            budgetrekening=rekening,
            soort=InkomstenSoort.LOON,
            bron=f"Werkgever {v}",
            bedrag=Decimal("1850.00"),
            dag=25,
        )
        # Due today: the day's payment proposal holds it.
        objs["betaalpost"][v] = betaalpost_create(
            actor=actor,
            budgetrekening=rekening,
            soort=BetaalSoort.HUUR,
            begunstigde=f"Verhuurder {v}",
            iban=IBANS["huur"],
            omschrijving=f"Huur {v}",
            bedrag=Decimal("725.00"),
            frequentie=Frequentie.MAAND,
            dag=vandaag.day,
        )
        objs["reservering"][v] = reservering_create(
            actor=actor,
            budgetrekening=rekening,
            omschrijving=f"Jaarafrekening {v}",
            bedrag_per_maand=Decimal("30.00"),
            doelbedrag=Decimal("360.00"),
        )
        bank = grootboek.grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer[_org(v)])
        client = grootboek.grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening)
        te_matchen = grootboek.grootboekrekening(
            GrootboekSoort.TE_MATCHEN, beheerrekening=beheer[_org(v)]
        )
        grootboek.boeken(
            actor=actor,
            organisatie=rekening.organisatie,
            boekdatum=start + timedelta(days=24),
            soort=BoekingSoort.ONTVANGST,
            omschrijving=f"Salaris {v}",
            regels=[(bank, Decimal("2000.00")), (client, Decimal("-2000.00"))],
            budgetrekening=rekening,
        )
        # A small booking of its own to reverse (the balance stays well above zero).
        objs["journaalpost"][v] = grootboek.boeken(
            actor=actor,
            organisatie=rekening.organisatie,
            boekdatum=start + timedelta(days=25),
            soort=BoekingSoort.ONTVANGST,
            omschrijving=f"Teruggave {v}",
            regels=[(bank, Decimal("10.00")), (client, Decimal("-10.00"))],
            budgetrekening=rekening,
        )
        objs["verzoek"][v] = grootboek.roodstand_vragen(
            actor=actor,
            budgetrekening=rekening,
            boekdatum=vandaag,
            soort=BoekingSoort.CORRECTIE,
            omschrijving=f"Correctie {v}",
            reden="Matrix",
            regels=[(client, Decimal("9000.00")), (te_matchen, Decimal("-9000.00"))],
        )
        objs["signaal"][v] = signalen.signaal_geven(
            organisatie=rekening.organisatie,
            budgetrekening=rekening,
            soort=SignaalSoort.SALDO_LAAG,
            sleutel=f"matrix-{v}",
            tekst=f"Matrixsignaal {TENAAMSTELLING[v]}",
            datum=vandaag,
        )
        jaar, maand = _vorige_maand(vandaag)
        objs["overzicht"][v] = clientoverzicht_maken(
            actor=actor, budgetrekening=rekening, jaar=jaar, maand=maand
        )
    # Per organisation: a statement with an unknown payer (to be matched), and the day's
    # payment proposal made by the system and approved by a consultant who sees every line.
    afschrift, mutatie, voorstel = {}, {}, {}
    for org_key, org in orgs.items():
        actor = actors[B if org_key == "b" else A_VERLOF]
        inhoud = camt053_maken(
            iban=beheer[org_key].iban,
            regels=[Regel(Decimal("12.34"), IBANS["onbekend"], "Onbekende Storter", "Gift")],
            datum=vandaag - timedelta(days=1),
        )
        rapport = afschrift_importeren(
            actor=actor, organisatie=org, inhoud=inhoud, bestandsnaam="matrix.xml"
        )
        assert rapport.geslaagd, rapport.fouten
        afschrift[org_key] = Bankafschrift.objects.filter(organisatie=org).latest("pk")
        mutatie[org_key] = Bankmutatie.objects.get(organisatie=org, status=MutatieStatus.TE_MATCHEN)
        made = betalingen.dagvoorstel_maken(actor=Actor.system(org), organisatie=org, datum=vandaag)
        assert made is not None, org_key
        voorstel[org_key] = betalingen.voorstel_goedkeuren(actor=actor, voorstel=made)
    for v in OBJECT_VARIANTS:
        objs["opdracht"][v] = voorstel[_org(v)].opdrachten.get(betaalpost=objs["betaalpost"][v])
    objs.update(beheer=beheer, afschrift=afschrift, mutatie=mutatie, voorstel=voorstel)
    # Markers: the clients are the world's parties (their names and BSNs are markers already);
    # the names on their accounts and B's bank account name besides.
    markers.setdefault("budget_a_verlof", []).append(TENAAMSTELLING[A_VERLOF])
    markers.setdefault("budget_a_klacht", []).append(TENAAMSTELLING[A_KLACHT])
    markers["b"].extend([TENAAMSTELLING[B], "Beekveldse Budgetpot"])
    return objs


def admin_objects(extra: dict[str, Any]) -> dict[str, dict[str, object]]:
    return {"budget.beheerrekening": dict(extra["budget"]["beheer"])}


# --- filling the parameters ---------------------------------------------------------------------
def _obj(kind: str, name: str = "uuid") -> Callable[[Any, str], dict[str, object]]:
    return lambda w, v: {name: w.extra["budget"][kind][v].uuid}


def _org_obj(kind: str) -> Callable[[Any, str], dict[str, object]]:
    return lambda w, v: {"uuid": w.extra["budget"][kind][_org(v)].uuid}


_REKENING = _obj("rekening")
WEB_OBJECTS: dict[str, Callable[[Any, str], dict[str, object]]] = {
    **{
        key: _REKENING
        for key in (
            "budget:rekening",
            "budget:rekening_wijzigen",
            "budget:inkomsten_nieuw",
            "budget:betaalpost_nieuw",
            "budget:leefgeld",
            "budget:reservering_nieuw",
            "budget:boekingen",
            "budget:boeking_correctie",
            "budget:overzichten",
            "budget:overzicht_tussentijds",
            "budget:beeindigen",
            "budget:eindoverzicht",
        )
    },
    "budget:inkomsten_wijzigen": _obj("inkomsten"),
    "budget:inkomsten_verwijderen": _obj("inkomsten"),
    "budget:betaalpost_wijzigen": _obj("betaalpost"),
    "budget:betaalpost_verwijderen": _obj("betaalpost"),
    "budget:reservering_wijzigen": _obj("reservering"),
    "budget:reservering_verwijderen": _obj("reservering"),
    "budget:boeking_tegenboeken": lambda w, v: {
        **_REKENING(w, v),
        "post": w.extra["budget"]["journaalpost"][v].uuid,
    },
    "budget:roodstand_beoordelen": lambda w, v: {
        **_REKENING(w, v),
        "verzoek": w.extra["budget"]["verzoek"][v].uuid,
    },
    "budget:signaal_afhandelen": lambda w, v: {"pk": w.extra["budget"]["signaal"][v].pk},
    "budget:bank_afschrift": _org_obj("afschrift"),
    "budget:bank_mutatie": _org_obj("mutatie"),
    "budget:bank_mutatie_matchen": _org_obj("mutatie"),
    "budget:bank_mutatie_negeren": _org_obj("mutatie"),
    "budget:voorstel": _org_obj("voorstel"),
    "budget:voorstel_goedkeuren": _org_obj("voorstel"),
    "budget:voorstel_afwijzen": _org_obj("voorstel"),
    "budget:voorstel_pain001": _org_obj("voorstel"),
    "budget:opdracht_actie": _obj("opdracht"),
    "budget:overzicht_pdf": _obj("overzicht"),
}


# --- the forms ----------------------------------------------------------------------------------
def post_form(key: str, w: Any, v: str) -> dict | None:  # noqa: C901
    """A valid form for an issue-5 URL on variant `v`'s objects; None: not one of these."""
    if not key.startswith("budget:"):
        return None
    if key == "budget:rekening_wijzigen":
        return {
            "client_iban": IBANS[v],
            "client_tenaamstelling": "Matrix Gewijzigd",
            "saldo_drempel": "50,00",
        }
    start = w.extra["budget"]["rekening"][v].startdatum.isoformat()
    if key in ("budget:inkomsten_nieuw", "budget:inkomsten_wijzigen"):
        return {
            "soort": InkomstenSoort.LOON,
            "bron": "Matrixwerkgever",
            "iban_betaler": "",
            "kenmerk": "",
            "bedrag": "100,00",
            "frequentie": Frequentie.MAAND,
            "dag": "25",
            "startdatum": start,
            "einddatum": "",
        }
    if key in ("budget:betaalpost_nieuw", "budget:betaalpost_wijzigen"):
        return {
            "soort": BetaalSoort.ENERGIE if key.endswith("nieuw") else BetaalSoort.HUUR,
            "begunstigde": "Matrix Energie",
            "iban": IBANS["huur"],
            "betalingskenmerk": "",
            "omschrijving": "Matrix energie",
            "bedrag": "45,00",
            "frequentie": Frequentie.MAAND,
            "dag": "2",
            "startdatum": start,
            "einddatum": "",
        }
    if key in ("budget:reservering_nieuw", "budget:reservering_wijzigen"):
        return {
            "omschrijving": "Matrixreservering",
            "bedrag_per_maand": "10,00",
            "doelbedrag": "",
            "dag": "1",
        }
    if key == "budget:leefgeld":
        return {"bedrag": "60,00", "frequentie": Frequentie.WEEK, "dag": "1", "startdatum": ""}
    if key == "budget:bank_mutatie_negeren":
        return {"negeren-reden": "Matrix"}
    if key == "budget:boeking_tegenboeken":
        return {"reden": "Matrix"}
    if key == "budget:signaal_afhandelen":
        return {"toelichting": "Matrix"}
    if key.endswith("_verwijderen"):
        return {"toelichting": "Matrix"}
    # Not empty: `request.POST or None` would treat an empty POST as a GET.
    return {"matrix": ""}


# --- what a role may see ------------------------------------------------------------------------
def hidden(role: str, key: str, variant: str, markers: dict[str, list[str]]) -> list[str]:
    """Issue 5's own markers a role may never read on this page: the names on A's accounts
    (the a_klacht one is medewerker A's to read; the a_verlof one nobody's in the matrix).
    B's are in markers["b"] already."""
    eigen, verlof = markers["budget_a_klacht"], markers["budget_a_verlof"]
    if role == AUD and key == "web:audit":
        return []  # A's audit trail and processing log are the auditor's to read
    if role == MW_A:
        return verlof
    if role in (ANON, MW_B, TL, AUD, FB, BEH):
        return eigen + verlof
    return []
