"""Destroying a budget case blanks the client in the stored pain.001 payment files (ADR 0006).

Two clients are paid out in one payment proposal, so its file holds both transfers. After
client A's case is destroyed through the kernel's destruction list, the file still exists (the
bank's record of what was sent for client B), still validates against the SEPA schema and still
has the same number of transfers and control sum, but A's name, IBAN, remittance text and
end-to-end id (which carries her account reference) are gone; B's transfer is untouched."""

from __future__ import annotations

import string
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from raadhuis.kernel.retention.models import ItemStatus, VernietigingslijstItem
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.beeindigen import budgetrekening_beeindigen
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.betalingen.goedkeuring import pain001, voorstel_goedkeuren
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo
from raadhuis.modules.budget.models import Betaalopdracht, Betaalvoorstel, OpdrachtStatus
from raadhuis.modules.budget.overzicht import eindoverzichten_bijwerken
from raadhuis.modules.budget.pain001 import (
    GEWIST_IBAN,
    GEWIST_TEKST,
    Overboeking,
    pain001_maken,
    pain001_schonen,
    pain001_valideren,
)
from raadhuis.modules.budget.testbestanden import Regel
from tests.modules.budget.conftest import BEHEER_IBAN, CLIENT_IBAN, WERKGEVER_IBAN
from tests.modules.budget.test_vernietiging import (  # noqa: F401 - fixtures
    ANDER_IBAN,
    _afsluiten,
    _importeren,
    _lijst_uitvoeren,
    andere_client,
    beheerders,
    hook_geregistreerd,
)

D = Decimal


def _tekst(voorstel: Betaalvoorstel) -> str:
    voorstel.refresh_from_db()
    return bytes(voorstel.pain001).decode("utf-8")


def test_the_destroyed_clients_transfer_is_blanked_in_the_shared_payment_file(
    budgetrekening, andere_client, consulent_actor, fiatteur_actor, beheerders,  # noqa: F811
    django_capture_on_commit_callbacks,
):  # fmt: skip
    org = budgetrekening.organisatie
    dag = vandaag(org.tijdzone)
    _importeren(
        consulent_actor, org,
        [Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever Zevenaar BV",
               f"Salaris januari {budgetrekening.kenmerk}", boekdatum=date(2026, 1, 26)),
         Regel(D("900.00"), "NL69INGB0123456789", "UWV",
               f"Uitkering {andere_client.kenmerk}", boekdatum=date(2026, 1, 26))],
        date(2026, 1, 26), 1,
    )  # fmt: skip
    uitbetalingen = [
        budgetrekening_beeindigen(
            actor=consulent_actor, budgetrekening=rekening, datum=date(2026, 1, 31)
        ).uitbetaling
        for rekening in (budgetrekening, andere_client)
    ]
    dagvoorstel_maken(actor=consulent_actor, organisatie=org, datum=dag)
    a, b = (Betaalopdracht.objects.get(pk=u.pk) for u in uitbetalingen)
    assert a.voorstel_id == b.voorstel_id, "both payouts are in one proposal"
    voorstel = a.voorstel
    voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)
    _importeren(
        consulent_actor, org,
        [Regel(-o.bedrag, o.iban, o.begunstigde, o.omschrijving, end_to_end_id=o.end_to_end_id,
               boekdatum=dag) for o in (a, b)],
        dag, 2,
    )  # fmt: skip
    for o in (a, b):
        o.refresh_from_db()
        assert o.status == OpdrachtStatus.AFGESCHREVEN
    assert beschikbaar_saldo(budgetrekening) == 0
    eindoverzichten_bijwerken(org)
    voor = _tekst(voorstel)
    for gegeven in (CLIENT_IBAN, a.begunstigde, a.end_to_end_id, ANDER_IBAN, b.begunstigde):
        assert gegeven in voor
    zaak = _afsluiten(consulent_actor, budgetrekening.zaak, dag - timedelta(days=1))

    lijst = _lijst_uitvoeren(beheerders, dag, django_capture_on_commit_callbacks)

    item = VernietigingslijstItem.objects.get(lijst=lijst, zaak_uuid=zaak.uuid)
    assert item.status == ItemStatus.VERNIETIGD, item.reden
    assert item.aantallen["budget.betaalbestand_overboeking_geschoond"] == 1
    na = _tekst(voorstel)
    # Client A is gone from the file: name, IBAN, the text and the end-to-end id with her
    # account reference ...
    for gegeven in (CLIENT_IBAN, a.begunstigde, a.omschrijving, a.end_to_end_id, "Jansen"):
        assert gegeven not in na, gegeven
    assert GEWIST_IBAN in na and GEWIST_TEKST in na
    # ... client B's transfer and the file's totals are as the bank received them.
    for gegeven in (ANDER_IBAN, b.begunstigde, b.end_to_end_id, b.omschrijving):
        assert gegeven in na, gegeven
    totaal = a.bedrag + b.bedrag
    assert na.count("<CdtTrfTxInf>") == 2
    assert f"<CtrlSum>{totaal:.2f}</CtrlSum>" in voor and f"<CtrlSum>{totaal:.2f}</CtrlSum>" in na
    assert f'<InstdAmt Ccy="EUR">{a.bedrag:.2f}</InstdAmt>' in na
    pain001_valideren(na.encode("utf-8"))
    assert pain001(Betaalvoorstel.objects.get(pk=voorstel.pk)) == na.encode("utf-8")


# --- the rewrite itself, for many files --------------------------------------------------------
NAAM = (
    st.text(alphabet=string.ascii_letters + " ", min_size=3, max_size=30)
    .map(str.strip)
    .filter(lambda s: len(s) >= 3)
)


@st.composite
def _bestanden(draw):  # noqa: ANN001, ANN202
    aantal = draw(st.integers(min_value=1, max_value=6))
    overboekingen = [
        Overboeking(
            naam=f"Q{n}{draw(NAAM)}",
            iban=f"NL{n + 10:02d}INGB{draw(st.integers(10**9, 10**10 - 1))}",
            bedrag=Decimal(draw(st.integers(1, 10**6))) / 100,
            omschrijving=f"Z{n} {draw(NAAM)}",
            end_to_end_id=f"E2E-{n}-{draw(st.integers(0, 999))}",
        )
        for n in range(aantal)
    ]
    weg = draw(st.sets(st.sampled_from(range(aantal))))
    return overboekingen, weg


@settings(max_examples=25, deadline=None)
@given(_bestanden())
def test_blanking_keeps_the_totals_and_only_the_others_transfers(bestand):
    overboekingen, weg = bestand
    xml = pain001_maken(
        naam="Gemeente Zevenaar Budgetbeheer", iban=BEHEER_IBAN, bericht_id="RH-TEST",
        uitvoerdatum=date(2026, 11, 23), overboekingen=overboekingen,
    )  # fmt: skip
    nieuw, aantal = pain001_schonen(xml, {overboekingen[i].end_to_end_id for i in weg})
    assert aantal == len(weg)
    tekst = nieuw.decode("utf-8")
    pain001_valideren(nieuw)
    assert tekst.count("<CdtTrfTxInf>") == len(overboekingen)
    totaal = sum((o.bedrag for o in overboekingen), Decimal("0"))
    assert tekst.count(f"<CtrlSum>{totaal:.2f}</CtrlSum>") == 2  # group header and batch
    for n, o in enumerate(overboekingen):
        # Names are unique by their Q<n> / Z<n> prefix, so a hit is this transfer's own.
        for gegeven in (o.iban, o.naam, o.omschrijving, o.end_to_end_id):
            assert (gegeven in tekst) is (n not in weg), (n, gegeven)
    if not weg:
        assert nieuw == xml  # nothing to do: the stored bytes stay exactly as sent
