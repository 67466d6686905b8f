"""The rule that decides whether an approved case may still be destroyed: every way the case can
have changed since the review is a reason to skip it, and nothing else is (property test over
unsaved cases: no database needed)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.common import Archiefnominatie, Archiefstatus
from raadhuis.kernel.retention.models import VernietigingslijstItem
from raadhuis.kernel.retention.vernietigen import reden_om_over_te_slaan

PEILDATUM = date(2026, 11, 22)
EIND = date(2019, 3, 15)
ACTIE = date(2026, 3, 15)

datums = st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 1, 1)))


def item() -> VernietigingslijstItem:
    return VernietigingslijstItem(einddatum=EIND, archiefactiedatum=ACTIE)


@given(
    einddatum=st.one_of(st.just(EIND), datums),
    nominatie=st.sampled_from(["", *Archiefnominatie.values]),
    actiedatum=st.one_of(st.just(ACTIE), datums),
    archiefstatus=st.sampled_from(Archiefstatus.values),
    deelzaken=st.booleans(),
)
def test_a_case_is_destroyed_only_when_nothing_changed(
    einddatum, nominatie, actiedatum, archiefstatus, deelzaken
):
    zaak = Zaak(
        einddatum=einddatum,
        archiefnominatie=nominatie,
        archiefactiedatum=actiedatum,
        archiefstatus=archiefstatus,
    )
    reden = reden_om_over_te_slaan(item(), zaak, PEILDATUM, heeft_deelzaken=deelzaken)
    ongewijzigd = (
        einddatum == EIND
        and nominatie == Archiefnominatie.VERNIETIGEN
        and actiedatum == ACTIE
        and archiefstatus != Archiefstatus.OVERGEDRAGEN
        and not deelzaken
    )
    assert (reden == "") == ongewijzigd, reden


def test_the_reasons_in_words():
    def reden(**velden) -> str:
        gegevens = {
            "einddatum": EIND,
            "archiefnominatie": "vernietigen",
            "archiefactiedatum": ACTIE,
        } | velden
        return reden_om_over_te_slaan(item(), Zaak(**gegevens), PEILDATUM, heeft_deelzaken=False)

    assert reden() == ""
    assert reden(einddatum=None) == "De zaak is heropend nadat de lijst is opgesteld."
    assert "opnieuw afgesloten (einddatum nu 2020-01-01)" in reden(einddatum=date(2020, 1, 1))
    assert "‘Blijvend bewaren’" in reden(archiefnominatie="blijvend_bewaren")
    assert reden(archiefactiedatum=date(2029, 3, 15)) == (
        "De archiefactiedatum is gewijzigd van 2026-03-15 in 2029-03-15."
    )
    assert "overgedragen" in reden(archiefstatus="overgedragen")
    # A date still in the future on the day of execution (a list run early) is not yet due.
    vroeg = reden_om_over_te_slaan(
        item(),
        Zaak(einddatum=EIND, archiefnominatie="vernietigen", archiefactiedatum=ACTIE),
        ACTIE - timedelta(days=1),
        heeft_deelzaken=False,
    )
    assert vroeg == "De archiefactiedatum is nog niet verstreken."
