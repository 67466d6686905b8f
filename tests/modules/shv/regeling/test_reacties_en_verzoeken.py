"""Sending the offer, the creditors' answers, the 120-day limit of the settlement phase and the
court requests: a refusal leads to a forced-settlement draft, a failed amicable route to the
Wsnp request with its standard attachments."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from email.header import decode_header, make_header
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from pypdf import PdfReader

from raadhuis.kernel.documents.models import DocumentStatus
from raadhuis.kernel.messaging.models import Brief, Kanaal
from raadhuis.kernel.workflow.models import TaakStatus
from raadhuis.modules.shv.models import Fase, SchuldStatus
from raadhuis.modules.shv.regeling.models import (
    Grondslag,
    Reactie,
    RegelingStatus,
    VerzoekSoort,
    VerzoekStatus,
)
from raadhuis.modules.shv.regeling.selectors import regeling_stand
from raadhuis.modules.shv.regeling.services import (
    aanbod_reactie_registreren,
    regeling_aanbieden,
    regeling_create,
    regeling_mislukt,
)
from raadhuis.modules.shv.regeling.verzoeken import (
    verzoek_indienen,
    verzoek_opstellen,
    verzoek_uitspraak_registreren,
)
from tests.kernel.messaging.conftest import Mailbox, smtp_server  # noqa: F401

D = Decimal
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def aanbodbrieven():  # noqa: ANN201
    """The offer letters (the intake sends its own receipt letter to the client)."""
    return Brief.objects.filter(sjabloon_versie__sjabloon__code="aanbod_schuldregeling")


def pdf_tekst(informatieobject) -> str:  # noqa: ANN001
    versie = informatieobject.laatste_versie
    with versie.bestand.open("rb") as f:
        pdf = f.read()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def aangeboden(ik, dossier, schulden, vtlb_150):
    regeling = regeling_create(actor=ik, dossier=dossier)
    return regeling_aanbieden(actor=ik, regeling=regeling)


def antwoord(ik, regeling, kenmerk: str, reactie: str):  # noqa: ANN001, ANN201
    aanbod = regeling.aanbiedingen.get(schuld__kenmerk=kenmerk)
    return aanbod_reactie_registreren(actor=ik, aanbod=aanbod, reactie=reactie)


def test_the_offer_goes_to_every_creditor_with_its_own_numbers(aangeboden):
    brieven = list(aanbodbrieven().filter(zaak=aangeboden.dossier.zaak))
    assert aangeboden.status == RegelingStatus.AANGEBODEN
    assert len(brieven) == 3  # one per debt: the housing corporation gets two
    # E-mail where the creditor gave an address for correspondence (else post: next test).
    assert {b.kanaal for b in brieven} == {Kanaal.EMAIL}
    brief = aanbodbrieven().filter(onderwerp__contains="EN-2").get()
    assert brief.ontvanger_email == "schulden@energie.test"
    tekst = pdf_tekst(brief.informatieobject)
    for stuk in ("€ 2.500,00", "€ 675,00", "27,00%", "18 maanden", "€ 150,00", "€ 2.700,00"):
        assert stuk in tekst, stuk
    assert all(a.verzonden_op is not None for a in aangeboden.aanbiedingen.all())


def test_a_creditor_without_email_gets_the_offer_by_post(ik, dossier, schuldeisers, vtlb_150):
    from tests.modules.shv.regeling.helpers import schuld_geverifieerd

    schuld_geverifieerd(ik, dossier, schuldeisers["belasting"], "1000.00", "IB-1")
    regeling_aanbieden(actor=ik, regeling=regeling_create(actor=ik, dossier=dossier))
    brief = aanbodbrieven().get()
    assert brief.kanaal == Kanaal.POST and brief.ontvanger_adres


def test_the_offer_letters_reach_a_real_smtp_server(
    ik,
    dossier,
    schulden,
    vtlb_150,
    smtp_server: Mailbox,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    regeling = regeling_create(actor=ik, dossier=dossier)
    with django_capture_on_commit_callbacks(execute=True):
        regeling_aanbieden(actor=ik, regeling=regeling)
    ontvangers = sorted(b["To"] for b in smtp_server.berichten)
    assert ontvangers == ["incasso@woon.test", "incasso@woon.test", "schulden@energie.test"]
    onderwerpen = [str(make_header(decode_header(b["Subject"]))) for b in smtp_server.berichten]
    assert all(o.startswith("Aanbod minnelijke schuldregeling") for o in onderwerpen)


def test_when_every_creditor_agrees_the_settlement_runs(ik, aangeboden, dossier):
    with freeze_time(datetime(2026, 11, 20, 10, tzinfo=AMSTERDAM)):
        for kenmerk in ("HUUR-1", "EN-2", "HUUR-2"):
            antwoord(ik, aangeboden, kenmerk, Reactie.AKKOORD)
    aangeboden.refresh_from_db()
    assert aangeboden.status == RegelingStatus.LOPEND
    assert aangeboden.grondslag == Grondslag.AKKOORD
    assert aangeboden.eerste_maand == date(2026, 12, 1)
    maanden = list(aangeboden.maanden.values_list("maand", flat=True))
    assert (
        len(maanden) == 18 and maanden[0] == date(2026, 12, 1) and maanden[-1] == date(2028, 5, 1)
    )
    assert set(aangeboden.maanden.values_list("verwacht", flat=True)) == {D("150.00")}
    assert {a.schuld.status for a in aangeboden.aanbiedingen.all()} == {SchuldStatus.IN_REGELING}
    assert aangeboden.termijn_taak.status == TaakStatus.AFGEROND
    dossier.refresh_from_db()
    assert dossier.fase == Fase.LOOPTIJD


def test_a_refusal_leads_to_a_forced_settlement_draft(ik, aangeboden):
    antwoord(ik, aangeboden, "HUUR-1", Reactie.AKKOORD)
    antwoord(ik, aangeboden, "HUUR-2", Reactie.AKKOORD)
    antwoord(ik, aangeboden, "EN-2", Reactie.AFGEWEZEN)
    aangeboden.refresh_from_db()
    assert aangeboden.status == RegelingStatus.AANGEBODEN  # still waiting: not everyone agreed
    assert [a.schuld.kenmerk for a in regeling_stand(dossier=aangeboden.dossier).weigeringen] == [
        "EN-2"
    ]

    verzoek = verzoek_opstellen(
        actor=ik, dossier=aangeboden.dossier, soort=VerzoekSoort.DWANGAKKOORD, toelichting="X"
    )

    assert verzoek.status == VerzoekStatus.CONCEPT
    assert [a.schuld.kenmerk for a in verzoek.weigeraars.all()] == ["EN-2"]
    document = verzoek.document
    assert document.laatste_versie.status == DocumentStatus.IN_BEWERKING
    assert document.informatieobjecttype.omschrijving == "Verzoekschrift"
    assert document.zaken.filter(zaak=aangeboden.dossier.zaak).exists()
    tekst = pdf_tekst(document)
    assert "287a" in tekst and "Energie Oost (fictief)" in tekst and "€ 675,00" in tekst
    assert "Verklaring art. 285 lid 1 onder f Fw" in tekst


def test_a_forced_settlement_granted_starts_the_settlement(ik, aangeboden):
    antwoord(ik, aangeboden, "HUUR-1", Reactie.AKKOORD)
    antwoord(ik, aangeboden, "EN-2", Reactie.AFGEWEZEN)
    verzoek = verzoek_opstellen(
        actor=ik, dossier=aangeboden.dossier, soort=VerzoekSoort.DWANGAKKOORD
    )
    verzoek_indienen(actor=ik, verzoek=verzoek)
    verzoek_uitspraak_registreren(actor=ik, verzoek=verzoek, toegewezen=True)

    verzoek.refresh_from_db()
    aangeboden.refresh_from_db()
    assert verzoek.status == VerzoekStatus.TOEGEWEZEN
    assert aangeboden.status == RegelingStatus.LOPEND
    assert aangeboden.grondslag == Grondslag.DWANGAKKOORD


def test_a_forced_settlement_needs_a_refusal(ik, aangeboden):
    with pytest.raises(ValidationError, match="afwijst"):
        verzoek_opstellen(actor=ik, dossier=aangeboden.dossier, soort=VerzoekSoort.DWANGAKKOORD)


def test_the_wsnp_request_follows_a_failed_amicable_route(ik, aangeboden):
    with pytest.raises(ValidationError, match="mislukt"):
        verzoek_opstellen(actor=ik, dossier=aangeboden.dossier, soort=VerzoekSoort.WSNP)
    regeling_mislukt(actor=ik, regeling=aangeboden, toelichting="Schuldeiser blijft weigeren")

    verzoek = verzoek_opstellen(actor=ik, dossier=aangeboden.dossier, soort=VerzoekSoort.WSNP)

    assert verzoek.bijlagen == [
        "Verklaring art. 285 lid 1 onder f Fw (schuldhulpverlener)",
        "Schuldenoverzicht (staat van schulden en schuldeisers)",
        "VTLB-berekening",
        "Aanbod aan de schuldeisers",
        "Reacties van de schuldeisers",
    ]
    tekst = pdf_tekst(verzoek.document)
    assert (
        "art. 284" in tekst.replace("artikel", "art.") and "Reacties van de schuldeisers" in tekst
    )
    with pytest.raises(ValidationError, match="al een"):
        verzoek_opstellen(actor=ik, dossier=aangeboden.dossier, soort=VerzoekSoort.WSNP)


@pytest.mark.parametrize("soort", [VerzoekSoort.MORATORIUM, VerzoekSoort.VOORLOPIGE_VOORZIENING])
def test_moratorium_and_provisional_measure_can_be_drafted_any_time(ik, dossier, soort):
    verzoek = verzoek_opstellen(actor=ik, dossier=dossier, soort=soort, toelichting="Ontruiming")
    assert verzoek.document is not None and "Ontruiming" in pdf_tekst(verzoek.document)


def test_answers_are_only_taken_while_the_offer_is_out(ik, dossier, schulden, vtlb_150):
    concept = regeling_create(actor=ik, dossier=dossier)
    with pytest.raises(ValidationError, match="uitstaat"):
        antwoord(ik, concept, "HUUR-1", Reactie.AKKOORD)


def test_the_120_day_limit_has_a_task_before_it_and_a_countdown(ik, dossier, schulden, vtlb_150):
    with freeze_time(datetime(2026, 3, 2, 9, tzinfo=AMSTERDAM)):
        regeling = regeling_create(actor=ik, dossier=dossier)
    # 2 March + 120 days = 30 June 2026; the task is due 10 working days before: 16 June.
    assert regeling.fase_start == date(2026, 3, 2)
    assert regeling.fase_uiterlijk == date(2026, 6, 30)
    assert regeling.termijn_taak.vervaldatum == date(2026, 6, 16)
    assert "30-06-2026" in regeling.termijn_taak.titel

    with freeze_time(datetime(2026, 6, 20, 9, tzinfo=AMSTERDAM)):
        assert regeling_stand(dossier=dossier).dagen_over == 10
    with freeze_time(datetime(2026, 7, 5, 9, tzinfo=AMSTERDAM)):
        stand = regeling_stand(dossier=dossier)
        assert stand.dagen_over == -5 and stand.dagen_te_laat == 5
