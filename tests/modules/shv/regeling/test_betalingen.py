"""The running settlement's bookkeeping: payments in per month, a payout per month pro rata to
what each debt is still owed, a running balance, and at the end the final payout and the
debts discharged. Property: payouts never exceed receipts, no debt gets more than its share,
and a month's parts add up to the month's payout."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.shv.models import Fase, SchuldStatus
from raadhuis.modules.shv.regeling.berekening import (
    NUL,
    aanbod_berekenen,
    maandregels,
    uitbetaling_berekenen,
)
from raadhuis.modules.shv.regeling.betalingen import (
    maand_uitbetalen,
    ontvangst_registreren,
    regeling_afsluiten,
)
from raadhuis.modules.shv.regeling.models import (
    Afdracht,
    Reactie,
    RegelingStatus,
    Uitbetaling,
)
from raadhuis.modules.shv.regeling.selectors import afdrachten_per_maand, regeling_stand
from raadhuis.modules.shv.regeling.services import (
    aanbod_reactie_registreren,
    regeling_aanbieden,
    regeling_create,
)
from raadhuis.modules.shv.regeling.verdeling import Post

D = Decimal
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NA_DE_LOOPTIJD = datetime(2028, 7, 1, 10, tzinfo=AMSTERDAM)


# --- the rule, for every case -----------------------------------------------------------------
centen = st.integers(min_value=1, max_value=2_000_000).map(lambda c: Decimal(c) / 100)


@settings(max_examples=300, deadline=None)
@given(
    schulden=st.lists(st.tuples(centen, st.booleans()), min_size=1, max_size=8),
    capaciteit=st.integers(min_value=0, max_value=60_000).map(lambda c: Decimal(c) / 100),
    looptijd=st.sampled_from([18, 36]),
    ontvangsten=st.lists(
        st.integers(min_value=0, max_value=100_000).map(lambda c: Decimal(c) / 100),
        min_size=1,
        max_size=40,
    ),
)
def test_payouts_never_exceed_receipts_and_add_up(schulden, capaciteit, looptijd, ontvangsten):
    """Uneven receipts (nothing, too little, too much) month after month."""
    aanbod = aanbod_berekenen(
        afloscapaciteit=capaciteit,
        looptijd_maanden=looptijd,
        schulden=[Post(i, b, p) for i, (b, p) in enumerate(schulden)],
        preferent_weging=D("2"),
    )
    aandeel = {a.sleutel: a.aandeel for a in aanbod.aandelen}
    betaald = dict.fromkeys(aandeel, NUL)
    ontvangen_totaal = uitbetaald_totaal = NUL
    for ontvangst in ontvangsten:
        ontvangen_totaal += ontvangst
        resterend = {k: aandeel[k] - betaald[k] for k in aandeel}
        delen = uitbetaling_berekenen(ontvangen_totaal - uitbetaald_totaal, resterend)
        maand = sum(delen.values(), NUL)
        assert all(d >= 0 for d in delen.values())
        assert maand <= ontvangen_totaal - uitbetaald_totaal  # never more than is held
        uitbetaald_totaal += maand
        for k, d in delen.items():
            betaald[k] += d
            assert betaald[k] <= aandeel[k]  # no debt above its share of the offer
        assert uitbetaald_totaal <= ontvangen_totaal
    if ontvangen_totaal >= aanbod.totaal:
        assert betaald == aandeel  # paid in full: every creditor got exactly the offer


def test_running_totals_of_the_months():
    regels = maandregels(
        [
            (1, date(2026, 12, 1), D("150"), D("150"), D("150"), date(2026, 12, 31)),
            (2, date(2027, 1, 1), D("150"), D("0"), D("0"), date(2027, 1, 31)),
            (3, date(2027, 2, 1), D("150"), D("400"), D("300"), date(2027, 2, 28)),
        ]
    )
    assert [r.achterstand for r in regels] == [D("0"), D("150"), D("0")]
    assert [r.saldo for r in regels] == [D("0"), D("0"), D("100")]


# --- the services -----------------------------------------------------------------------------
@pytest.fixture
def lopend(ik, dossier, schulden, vtlb_150):
    with freeze_time(datetime(2026, 11, 20, 10, tzinfo=AMSTERDAM)):
        regeling = regeling_aanbieden(actor=ik, regeling=regeling_create(actor=ik, dossier=dossier))
        for aanbod in regeling.aanbiedingen.all():
            aanbod_reactie_registreren(actor=ik, aanbod=aanbod, reactie=Reactie.AKKOORD)
    regeling.refresh_from_db()
    assert regeling.status == RegelingStatus.LOPEND
    return regeling


def maand(regeling, n: int):  # noqa: ANN001, ANN201
    return regeling.maanden.get(volgnummer=n)


def test_uneven_payments_are_paid_out_pro_rata_month_by_month(ik, lopend):
    """Shares 270 : 675 : 1,755 (10 % : 25 % : 65 % of 2,700)."""
    with freeze_time(NA_DE_LOOPTIJD):
        ontvangst_registreren(actor=ik, regeling=lopend, maand=maand(lopend, 1), bedrag=D("150"))
        eerste = maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, 1))
        tweede = maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, 2))  # nothing in
        ontvangst_registreren(actor=ik, regeling=lopend, maand=maand(lopend, 3), bedrag=D("100"))
        ontvangst_registreren(actor=ik, regeling=lopend, maand=maand(lopend, 3), bedrag=D("200.01"))
        derde = maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, 3))

    assert (eerste.bedrag, tweede.bedrag, derde.bedrag) == (D("150.00"), D("0.00"), D("300.01"))
    per_maand = afdrachten_per_maand(lopend)
    kenmerk = {a.pk: a.schuld.kenmerk for a in lopend.aanbiedingen.all()}
    assert {kenmerk[k]: v for k, v in per_maand[1].items()} == {
        "HUUR-1": D("15.00"),
        "EN-2": D("37.50"),
        "HUUR-2": D("97.50"),
    }
    # 300.01 over what is still owed (255 : 637.50 : 1,657.50): the extra cent goes to the
    # largest remainder (HUUR-2's 195.0065).
    assert {kenmerk[k]: v for k, v in per_maand[3].items()} == {
        "HUUR-1": D("30.00"),
        "EN-2": D("75.00"),
        "HUUR-2": D("195.01"),
    }
    for uitbetaling in Uitbetaling.objects.filter(regeling=lopend):
        assert sum(a.bedrag for a in uitbetaling.afdrachten.all()) == uitbetaling.bedrag

    stand = regeling_stand(dossier=lopend.dossier)
    m = {r.volgnummer: r for r in stand.maanden}
    assert (m[2].achterstand, m[2].saldo) == (D("150.00"), D("0.00"))
    assert (m[3].cumulatief_ontvangen, m[3].cumulatief_uitbetaald, m[3].achterstand) == (
        D("450.01"),
        D("450.01"),
        D("0.00"),
    )
    assert stand.volgende_uitbetaling.volgnummer == 4


def test_months_are_paid_out_in_order_once_and_not_ahead(ik, lopend):
    with freeze_time(NA_DE_LOOPTIJD):
        with pytest.raises(ValidationError, match="eerdere maanden"):
            maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, 2))
        maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, 1))
        with pytest.raises(ValidationError, match="al uitbetaald"):
            maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, 1))
    with freeze_time(datetime(2026, 12, 15, 10, tzinfo=AMSTERDAM)):
        with pytest.raises(ValidationError, match="nog niet begonnen"):
            maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, 2))


def test_a_payment_is_a_positive_amount_in_cents(ik, lopend):
    for fout in (D("0"), D("-5"), D("1.001")):
        with pytest.raises(ValidationError):
            ontvangst_registreren(actor=ik, regeling=lopend, maand=maand(lopend, 1), bedrag=fout)


def test_the_end_final_payout_and_discharge(ik, lopend, dossier):
    with freeze_time(NA_DE_LOOPTIJD):
        with pytest.raises(ValidationError, match="alle maanden"):
            regeling_afsluiten(actor=ik, regeling=lopend)
        for n in range(1, 19):
            ontvangst_registreren(
                actor=ik, regeling=lopend, maand=maand(lopend, n), bedrag=D("140")
            )
            maand_uitbetalen(actor=ik, regeling=lopend, maand=maand(lopend, n))
        # A late payment after the last payout: it goes out with the final payout.
        ontvangst_registreren(actor=ik, regeling=lopend, maand=maand(lopend, 18), bedrag=D("230"))
        regeling_afsluiten(actor=ik, regeling=lopend, toelichting="Looptijd voorbij")

    lopend.refresh_from_db()
    assert lopend.status == RegelingStatus.AFGEROND
    slot = Uitbetaling.objects.get(regeling=lopend, slot=True)
    # 18 × 140 = 2,520 paid monthly; 2,700 − 2,520 = 180 owed; 50 of the 230 goes back.
    assert slot.bedrag == D("180.00")
    per_aanbod = {
        a.schuld.kenmerk: sum(x.bedrag for x in Afdracht.objects.filter(aanbod=a))
        for a in lopend.aanbiedingen.all()
    }
    assert per_aanbod == {"HUUR-1": D("270.00"), "EN-2": D("675.00"), "HUUR-2": D("1755.00")}
    audit = AuditEntry.objects.get(actie="schuldregeling_slotuitkering")
    assert audit.wijzigingen["terug_aan_client"] == [None, "50.00"]
    assert {a.schuld.status for a in lopend.aanbiedingen.all()} == {SchuldStatus.AFGELOST}
    dossier.refresh_from_db()
    assert dossier.fase == Fase.NAZORG


def test_bookkeeping_only_in_a_running_settlement(ik, dossier, schulden, vtlb_150):
    concept = regeling_create(actor=ik, dossier=dossier)
    with pytest.raises(ValidationError, match="lopende regeling"):
        regeling_afsluiten(actor=ik, regeling=concept)
