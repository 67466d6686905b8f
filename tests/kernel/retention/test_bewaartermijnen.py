"""Retention terms per result type: worked archive dates, the organisation's own term on a
published case type (ADR 0004), a concept edited in place, and recomputation only on request."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.catalog.bewaartermijnen import bewaartermijn_wijzigen
from raadhuis.kernel.catalog.models import ResultaatType
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.retention.models import Bewaartermijn
from raadhuis.kernel.retention.rules import bewaartermijn_geldend
from raadhuis.kernel.retention.services import archiefactiedata_herberekenen
from tests import factories
from tests.kernel.retention.conftest import gesloten_zaak


@pytest.mark.parametrize(
    ("einddatum", "termijn", "verwacht"),
    [
        # The example of issue 4: closed 15 March 2019, destroy 7 years after closing.
        (date(2019, 3, 15), "P7Y", date(2026, 3, 15)),
        # A leap day has no twin seven years on: the term ends on the last day of February.
        (date(2020, 2, 29), "P7Y", date(2027, 2, 28)),
        # Selectielijst terms in months and days (ISO 8601 as in the Catalogi API).
        (date(2019, 8, 31), "P1Y6M", date(2021, 2, 28)),
        (date(2019, 12, 31), "P10D", date(2020, 1, 10)),
    ],
)
def test_closing_a_case_sets_the_archive_date_from_the_term(gemeente, einddatum, termijn, verwacht):
    ResultaatType.objects.filter(pk=gemeente.vernietigen.pk).update(archiefactietermijn=termijn)
    zaak = gesloten_zaak(gemeente, einddatum)
    assert zaak.einddatum == einddatum
    assert zaak.archiefnominatie == "vernietigen"
    assert zaak.archiefactiedatum == verwacht


def test_a_published_type_keeps_its_catalogue_and_the_organisation_records_its_own_term(gemeente):
    oud = gesloten_zaak(gemeente, date(2019, 3, 15))
    assert oud.archiefactiedatum == date(2026, 3, 15)

    geldend = bewaartermijn_wijzigen(
        actor=gemeente.fb_actor,
        resultaattype=gemeente.vernietigen,
        archiefnominatie="vernietigen",
        archiefactietermijn="p10y",
        reden="Nieuwe selectielijst",
        bron="Selectielijst gemeenten 2020, categorie 1.1.2",
    )

    assert geldend.archiefactietermijn == "P10Y"
    assert geldend.afwijking is not None
    assert "Selectielijst gemeenten 2020" in geldend.bron()
    gemeente.vernietigen.refresh_from_db()
    assert gemeente.vernietigen.archiefactietermijn == "P7Y", "the published type is untouched"
    entry = AuditEntry.objects.get(actie="bewaartermijn_vastgesteld")
    assert entry.wijzigingen == {"archiefactietermijn": ["P7Y", "P10Y"]}
    assert "Nieuwe selectielijst" in entry.toelichting

    # A case closed from now on gets the new term; the one closed before keeps its date.
    nieuw = gesloten_zaak(gemeente, date(2020, 5, 1))
    assert nieuw.archiefactiedatum == date(2030, 5, 1)
    oud.refresh_from_db()
    assert oud.archiefactiedatum == date(2026, 3, 15)


def test_a_changed_nomination_reaches_the_cases_closed_from_then_on(gemeente):
    bewaartermijn_wijzigen(
        actor=gemeente.fb_actor,
        resultaattype=gemeente.vernietigen,
        archiefnominatie="blijvend_bewaren",
        archiefactietermijn="P20Y",
        reden="Van historisch belang",
        bron="Besluit archivaris",
    )
    nieuw = gesloten_zaak(gemeente, date(2020, 5, 1))
    assert nieuw.archiefnominatie == "blijvend_bewaren"
    assert nieuw.archiefactiedatum == date(2040, 5, 1)


def test_recomputing_is_an_explicit_audited_action_and_running_it_twice_changes_nothing(gemeente):
    oud = gesloten_zaak(gemeente, date(2019, 3, 15))
    bewaard = gesloten_zaak(gemeente, date(2019, 3, 15), resultaat="Ongegrond")
    bewaartermijn_wijzigen(
        actor=gemeente.fb_actor,
        resultaattype=gemeente.vernietigen,
        archiefnominatie="vernietigen",
        archiefactietermijn="P10Y",
        reden="Nieuwe selectielijst",
    )

    assert (
        archiefactiedata_herberekenen(
            actor=gemeente.fb_actor, resultaattype=gemeente.vernietigen, reden="Nieuwe termijn"
        )
        == 1
    )
    oud.refresh_from_db()
    assert oud.archiefactiedatum == date(2029, 3, 15)
    entry = AuditEntry.objects.get(actie="archiefactiedatum_herberekend")
    assert entry.zaak_uuid == oud.uuid
    assert entry.wijzigingen == {"archiefactiedatum": ["2026-03-15", "2029-03-15"]}
    assert entry.object_weergave == oud.identificatie, "the case by its number, no description"
    bewaard.refresh_from_db()
    assert bewaard.archiefactiedatum == date(2039, 3, 15), "another result type is untouched"

    assert (
        archiefactiedata_herberekenen(
            actor=gemeente.fb_actor, resultaattype=gemeente.vernietigen, reden="Nog eens"
        )
        == 0
    )


def test_recomputing_applies_a_changed_nomination(gemeente):
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15))
    bewaartermijn_wijzigen(
        actor=gemeente.fb_actor,
        resultaattype=gemeente.vernietigen,
        archiefnominatie="blijvend_bewaren",
        archiefactietermijn="P20Y",
        reden="Dossiers met een schuldregeling zijn van blijvende waarde (besluit archivaris)",
    )
    archiefactiedata_herberekenen(
        actor=gemeente.fb_actor, resultaattype=gemeente.vernietigen, reden="Besluit archivaris"
    )
    zaak = Zaak.objects.get(pk=zaak.pk)
    assert (zaak.archiefnominatie, zaak.archiefactiedatum) == (
        "blijvend_bewaren",
        date(2039, 3, 15),
    )


def test_a_concept_case_type_is_changed_in_the_catalogue_itself(gemeente):
    concept = factories.zaaktype(
        gemeente.org, identificatie="SHV", concept=True, versiedatum=date(2027, 1, 1)
    )
    rt = concept.resultaattypen.get(omschrijving="Gegrond")
    bewaartermijn_wijzigen(
        actor=gemeente.fb_actor,
        resultaattype=rt,
        archiefnominatie="vernietigen",
        archiefactietermijn="P7Y",
        reden="Selectielijst",
    )
    rt.refresh_from_db()
    assert rt.archiefactietermijn == "P7Y"
    assert not Bewaartermijn.objects.exists()
    assert AuditEntry.objects.filter(actie="resultaattype_gewijzigd", object_uuid=rt.uuid).exists()
    assert AuditEntry.objects.filter(actie="bewaartermijn_gewijzigd", object_uuid=rt.uuid).exists()


def test_the_newest_decision_counts_and_the_history_stays(gemeente):
    for termijn in ("P8Y", "P9Y"):
        bewaartermijn_wijzigen(
            actor=gemeente.fb_actor,
            resultaattype=gemeente.vernietigen,
            archiefnominatie="vernietigen",
            archiefactietermijn=termijn,
            reden=f"Naar {termijn}",
        )
    assert bewaartermijn_geldend(gemeente.vernietigen).archiefactietermijn == "P9Y"
    assert Bewaartermijn.objects.count() == 2
    # The same values again record nothing.
    bewaartermijn_wijzigen(
        actor=gemeente.fb_actor,
        resultaattype=gemeente.vernietigen,
        archiefnominatie="vernietigen",
        archiefactietermijn="P9Y",
        reden="Nog eens",
    )
    assert Bewaartermijn.objects.count() == 2


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"archiefactietermijn": "7 jaar"}, "archiefactietermijn"),
        ({"archiefactietermijn": ""}, "archiefactietermijn"),
        ({"archiefnominatie": "weggooien"}, "archiefnominatie"),
        ({"reden": "  "}, "reden"),
    ],
)
def test_bad_input_gets_a_dutch_message_on_its_field(gemeente, velden, veld):
    invoer = {
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P7Y",
        "reden": "Selectielijst",
    } | velden
    with pytest.raises(ValidationError) as fout:
        bewaartermijn_wijzigen(
            actor=gemeente.fb_actor, resultaattype=gemeente.vernietigen, **invoer
        )
    assert veld in fout.value.message_dict
    assert not Bewaartermijn.objects.exists()


@pytest.mark.parametrize("rol", [Rol.MEDEWERKER, Rol.TEAMLEIDER, Rol.AUDITOR, Rol.BEHEERDER])
def test_only_a_functioneel_beheerder_sets_terms(gemeente, rol):
    iemand = factories.actor(factories.medewerker(gemeente.org, rollen=(rol,)))
    with pytest.raises(ToegangGeweigerd):
        bewaartermijn_wijzigen(
            actor=iemand,
            resultaattype=gemeente.vernietigen,
            archiefnominatie="vernietigen",
            archiefactietermijn="P1Y",
            reden="Sneller weg",
        )
    with pytest.raises(ToegangGeweigerd):
        archiefactiedata_herberekenen(
            actor=iemand, resultaattype=gemeente.vernietigen, reden="Sneller weg"
        )


def test_another_organisations_result_type_is_not_found(gemeente):
    elders = factories.zaaktype(factories.organisatie("Elders"))
    from raadhuis.kernel.exceptions import NietGevonden

    with pytest.raises(NietGevonden):
        bewaartermijn_wijzigen(
            actor=gemeente.fb_actor,
            resultaattype=elders.resultaattypen.first(),
            archiefnominatie="vernietigen",
            archiefactietermijn="P1Y",
            reden="Niet van ons",
        )
