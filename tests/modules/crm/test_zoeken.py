"""The CRM search box (issue 6 item 9): one search over relations, contact persons, contact
moments, leads, contracts and complaints; type filters; smart filters; each part's access rule;
the processing log for residents; bounded groups with a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.contracten.services import contract_create
from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import Categorie, Kanaal, Klacht
from raadhuis.modules.crm.klachten.services import klacht_create
from raadhuis.modules.crm.leads.models import LeadBron
from raadhuis.modules.crm.leads.services import lead_create, leads_pipelines_ensure
from raadhuis.modules.crm.models import Grondslag, RelatieSoort
from raadhuis.modules.crm.services import (
    contactpersoon_add,
    klantcontact_create,
    relatie_create,
    relatie_handmatig_create,
)
from raadhuis.modules.crm.zoeken import crm_zoeken, slim_suggesties, zoekbronnen
from tests import factories
from tests.modules.crm.test_klachten_fixtures import klacht_grant

BACKEND = "django.contrib.auth.backends.ModelBackend"
VANDAAG = date.today()


def login(client, medewerker):  # noqa: ANN001, ANN201
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def _namen(resultaat, bron: str) -> list[str]:  # noqa: ANN001
    for groep in resultaat.groepen:
        if groep.bron.naam == bron:
            return [t.titel for t in groep.treffers]
    return []


@pytest.fixture
def lead(am, bedrijf, afdeling_ez, accountmanager, crm_org):
    pipeline = leads_pipelines_ensure(crm_org)[0]
    return lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Uitbreiding bakkerij",
        pipeline=pipeline,
        waarde="45000,00",
        afdeling=afdeling_ez,
        eigenaar=accountmanager,
        bron=LeadBron.DOORVERWIJZING,
    )


@pytest.fixture
def contract(am, bedrijf, afdeling_ez, accountmanager):
    """Ends in 60 days: the smart filter 'binnen 90 dagen aflopen' finds it."""
    return contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Levering broodjes raadhuiskantine",
        waarde="12000,00",
        startdatum=VANDAAG - timedelta(days=300),
        einddatum=VANDAAG + timedelta(days=60),
        eigenaar=accountmanager,
        afdeling=afdeling_ez,
    )


@pytest.fixture
def klacht(am, bedrijf, afdeling_ez, accountmanager, crm_org):
    """A complaint received three months ago and still open: over its term."""
    klacht_catalogus_ensure(crm_org)
    klacht_grant(accountmanager)
    return klacht_create(
        actor=factories.actor(accountmanager),
        klager=bedrijf.partij,
        kanaal=Kanaal.EMAIL,
        ontvangen_op=VANDAAG - timedelta(days=90),
        categorie=Categorie.BEJEGENING,
        onderwerp="Broodjes te laat bezorgd bij de markt",
        omschrijving="Drie keer te laat.",
        afdeling=afdeling_ez,
        behandelaar=accountmanager,
    )


def test_every_part_registers_a_source():
    assert [b.naam for b in zoekbronnen()] == [
        "relaties",
        "contactpersonen",
        "klantcontacten",
        "leads",
        "contracten",
        "klachten",
    ]


def test_one_search_finds_every_type_grouped(am, accountmanager, bedrijf, lead, contract, klacht):
    contactpersoon_add(
        actor=am, relatie=bedrijf, rol="directeur", geslachtsnaam="Krakeling", voornamen="Piet"
    )
    klantcontact_create(
        actor=am, partij=bedrijf.partij, kanaal="telefoon", onderwerp="Vraag over de vergunning"
    )
    actor = factories.actor(accountmanager)
    resultaat = crm_zoeken(actor=actor, zoekterm="krakeling")
    assert _namen(resultaat, "relaties") == ["Bakkerij De Proefkrakeling B.V."]
    assert _namen(resultaat, "contactpersonen") == ["Piet Krakeling"]
    assert _namen(resultaat, "klantcontacten")[0].endswith("Vraag over de vergunning")
    assert _namen(resultaat, "leads") == [f"{lead.kenmerk} Uitbreiding bakkerij"]
    assert _namen(resultaat, "contracten") == [
        f"{contract.kenmerk} Levering broodjes raadhuiskantine"
    ]
    assert _namen(resultaat, "klachten")[0].endswith("Broodjes te laat bezorgd bij de markt")
    # Text of the item itself, and every word must match.
    assert _namen(crm_zoeken(actor=actor, zoekterm="broodjes"), "relaties") == []
    assert len(_namen(crm_zoeken(actor=actor, zoekterm="broodjes"), "contracten")) == 1
    assert _namen(crm_zoeken(actor=actor, zoekterm="broodjes kantine"), "klachten") == []
    # A type filter narrows to that type.
    alleen = crm_zoeken(actor=actor, zoekterm="krakeling", soorten=["leads"])
    assert [g.bron.naam for g in alleen.groepen] == ["leads"]
    # A number matches exactly: the contract number.
    assert _namen(crm_zoeken(actor=actor, zoekterm=contract.kenmerk), "contracten")


def test_each_parts_access_rule_applies(sport, kcc_actor, bedrijf, lead, contract, crm_org):
    gezien = crm_zoeken(actor=sport, zoekterm="krakeling")
    assert gezien.aantal == 0
    kcc = crm_zoeken(actor=kcc_actor, zoekterm="krakeling")
    assert _namen(kcc, "relaties") and _namen(kcc, "leads") and _namen(kcc, "contracten")
    teamleider = factories.actor(
        factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,), team=factories.team(crm_org, "T"))
    )
    with pytest.raises(ToegangGeweigerd):
        crm_zoeken(actor=teamleider, zoekterm="krakeling")


def test_a_confidential_contact_is_found_only_by_its_department(am, kcc_actor, bedrijf):
    klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal="telefoon",
        onderwerp="Geheime fusieplannen",
        vertrouwelijk=True,
    )
    assert _namen(crm_zoeken(actor=am, zoekterm="fusieplannen"), "klantcontacten")
    assert not _namen(crm_zoeken(actor=kcc_actor, zoekterm="fusieplannen"), "klantcontacten")


def test_smart_filters(am, accountmanager, bedrijf, vereniging, lead, contract, klacht):
    actor = factories.actor(accountmanager)
    zonder_am = crm_zoeken(actor=actor, slim="relaties_zonder_accountmanager")
    assert _namen(zonder_am, "relaties") == ["Bakkerij De Proefkrakeling B.V."]
    aflopend = crm_zoeken(actor=actor, slim="contracten_aflopend_90")
    assert [g.bron.naam for g in aflopend.groepen] == ["contracten"]
    assert len(_namen(aflopend, "contracten")) == 1
    assert len(_namen(crm_zoeken(actor=actor, slim="leads_zonder_contact_30"), "leads")) == 1
    klantcontact_create(actor=am, partij=bedrijf.partij, kanaal="telefoon", onderwerp="Bijpraten")
    assert _namen(crm_zoeken(actor=actor, slim="leads_zonder_contact_30"), "leads") == []
    te_laat = crm_zoeken(actor=actor, slim="klachten_over_termijn")
    assert len(_namen(te_laat, "klachten")) == 1
    # A smart filter narrows a search term too.
    assert crm_zoeken(actor=actor, zoekterm="xyzzy", slim="klachten_over_termijn").aantal == 0
    # A complaint received today is within its term.
    Klacht.objects.filter(pk=klacht.pk).update(uiterlijk_oorspronkelijk=VANDAAG + timedelta(days=4))
    assert _namen(crm_zoeken(actor=actor, slim="klachten_over_termijn"), "klachten") == []


def test_typed_words_suggest_a_smart_filter():
    titels = [str(s.titel) for _b, s in slim_suggesties("aflopen")]
    assert titels == ["Contracten die binnen 90 dagen aflopen"]
    assert slim_suggesties("zonder accountmanager")
    assert slim_suggesties("xq") == []


def test_finding_a_resident_is_in_the_processing_log(am, accountmanager, afdeling_ez):
    persoon = factories.persoon(am, geslachtsnaam="Zoekgraag", voornamen="Anna")
    relatie_create(
        actor=am,
        partij=persoon,
        soort=RelatieSoort.INWONER,
        eenheid=afdeling_ez,
        grondslag=Grondslag.PUBLIEKE_TAAK,
        grondslag_toelichting="Subsidieaanvraag",
    )
    voor = VerwerkingsLog.objects.filter(partij_uuid=persoon.uuid).count()
    resultaat = crm_zoeken(actor=factories.actor(accountmanager), zoekterm="zoekgraag")
    assert _namen(resultaat, "relaties")
    logs = VerwerkingsLog.objects.filter(partij_uuid=persoon.uuid)
    assert logs.count() == voor + 1
    assert logs.order_by("-pk").first().handeling.startswith("Gevonden bij zoeken in het CRM")


def test_groups_are_bounded_and_queries_do_not_grow(
    am, accountmanager, afdeling_ez, django_assert_max_num_queries
):
    def maak(aantal: int, start: int) -> None:
        for i in range(start, start + aantal):
            relatie = relatie_handmatig_create(
                actor=am, soort=RelatieSoort.PARTNER, naam=f"Stichting Zoekproef {i}",
                eenheid=afdeling_ez,
            )  # fmt: skip
            klantcontact_create(
                actor=am, partij=relatie.partij, kanaal="email", onderwerp=f"Zoekproef {i}"
            )

    maak(3, 0)
    with django_assert_max_num_queries(40) as weinig:
        crm_zoeken(actor=factories.actor(accountmanager), zoekterm="zoekproef", limit=8)
    maak(12, 3)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        resultaat = crm_zoeken(actor=factories.actor(accountmanager), zoekterm="zoekproef")
    relaties = next(g for g in resultaat.groepen if g.bron.naam == "relaties")
    assert len(relaties.treffers) == 8 and relaties.meer


def test_the_page_groups_hits_and_offers_smart_filters(client, accountmanager, bedrijf, contract):
    login(client, accountmanager)
    url = reverse("crm:zoeken")
    html = client.get(url).content.decode()
    assert "Contracten die binnen 90 dagen aflopen" in html
    html = client.get(url, {"q": "krakeling"}).content.decode()
    assert "Bakkerij De Proefkrakeling B.V." in html and contract.kenmerk in html
    partial = client.get(url, {"q": "krakeling"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<h1" not in partial and "Bakkerij De Proefkrakeling" in partial
    assert "Typ minstens twee tekens" in client.get(url, {"q": "k"}).content.decode()
    assert "Bedoel je een slim filter?" in client.get(url, {"q": "aflopen"}).content.decode()
    html = client.get(url, {"slim": "contracten_aflopend_90"}).content.decode()
    assert contract.kenmerk in html
    # Bad input is a form error, never a 500.
    assert client.get(url, {"slim": "bestaat-niet", "soort": "x"}).status_code == 200


def test_roles_without_crm_access_get_403(client, crm_org):
    team = factories.team(crm_org, "Team")
    for rol in (Rol.TEAMLEIDER, Rol.AUDITOR, Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER):
        medewerker = factories.medewerker(crm_org, rollen=(rol,), team=team)
        assert login(client, medewerker).get(reverse("crm:zoeken")).status_code == 403
    client.logout()
    assert client.get(reverse("crm:zoeken")).status_code == 302


# --- matching: every word in the name or in the row's own text, by index-friendly ways -----


def test_words_may_split_over_the_name_and_the_text(am, accountmanager, bedrijf):
    """ "krakeling directeur": the contact person Krakeling in the role directeur; the order
    of the words does not matter, and a word in neither excludes the hit."""
    contactpersoon_add(
        actor=am, relatie=bedrijf, rol="directeur", geslachtsnaam="Krakeling", voornamen="Piet"
    )
    klantcontact_create(
        actor=am, partij=bedrijf.partij, kanaal="telefoon", onderwerp="Vraag over de vergunning"
    )
    actor = factories.actor(accountmanager)
    for term in ("krakeling directeur", "directeur krakeling", "piet directeur"):
        assert _namen(crm_zoeken(actor=actor, zoekterm=term), "contactpersonen") == [
            "Piet Krakeling"
        ], term
    gevonden = crm_zoeken(actor=actor, zoekterm="vergunning proefkrakeling")
    assert _namen(gevonden, "klantcontacten")[0].endswith("Vraag over de vergunning")
    assert (
        _namen(crm_zoeken(actor=actor, zoekterm="krakeling penningmeester"), "contactpersonen")
        == []
    )
    assert _namen(crm_zoeken(actor=actor, zoekterm="vergunning xyzzy"), "klantcontacten") == []


def test_a_hit_found_two_ways_shows_once_in_order(am, accountmanager, afdeling_ez):
    """The name way and the local-name way both find "Zoekorde Alfa": one hit; the group is
    in name order whichever way found each hit."""
    for naam, lokaal in (
        ("Zoekorde Charlie", ""),
        ("Beta Holding", "zoekorde"),
        ("Zoekorde Alfa", "zoekorde"),
    ):
        relatie_handmatig_create(
            actor=am, soort=RelatieSoort.PARTNER, naam=naam, eenheid=afdeling_ez,
            lokale_naam=lokaal,
        )  # fmt: skip
    resultaat = crm_zoeken(actor=factories.actor(accountmanager), zoekterm="zoekorde")
    assert _namen(resultaat, "relaties") == ["Beta Holding", "Zoekorde Alfa", "Zoekorde Charlie"]


def test_a_number_finds_the_party_by_register_number_and_the_contact_by_reference(
    am, accountmanager, afdeling_ez, contract
):
    relatie = relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.BEDRIJF,
        naam="Nummerzoek B.V.",
        eenheid=afdeling_ez,
        kvk_nummer="90004321",
    )
    contact = klantcontact_create(
        actor=am, partij=relatie.partij, kanaal="email", onderwerp="Offerte aangevraagd"
    )
    actor = factories.actor(accountmanager)
    assert _namen(crm_zoeken(actor=actor, zoekterm="9000.4321"), "relaties") == ["Nummerzoek B.V."]
    assert _namen(crm_zoeken(actor=actor, zoekterm="9000 4321"), "klantcontacten")
    op_referentie = crm_zoeken(actor=actor, zoekterm=contact.referentienummer.lower())
    assert _namen(op_referentie, "klantcontacten") == [
        f"{contact.referentienummer} Offerte aangevraagd"
    ]
    assert _namen(crm_zoeken(actor=actor, zoekterm=contract.kenmerk.lower()), "contracten")


def test_a_department_finds_only_its_own_contact_moments(am, sport, bedrijf, vereniging):
    klantcontact_create(actor=am, partij=bedrijf.partij, kanaal="balie", onderwerp="Zoekbalie")
    klantcontact_create(
        actor=sport, partij=vereniging.partij, kanaal="balie", onderwerp="Zoekbalie"
    )
    gevonden = _namen(crm_zoeken(actor=sport, zoekterm="zoekbalie"), "klantcontacten")
    assert len(gevonden) == 1


def test_queries_do_not_grow_with_words_or_hits(
    am, accountmanager, afdeling_ez, django_assert_max_num_queries
):
    """Multi-word and number terms too: a fixed number of queries, whatever the hits."""
    actor = factories.actor(accountmanager)
    termen = ("zoekvast", "zoekvast stichting", "zoekvast stichting proef", "9000.1234")

    def maak(aantal: int, start: int) -> None:
        for i in range(start, start + aantal):
            relatie = relatie_handmatig_create(
                actor=am, soort=RelatieSoort.PARTNER, naam=f"Stichting Zoekvast Proef {i}",
                eenheid=afdeling_ez,
            )  # fmt: skip
            contactpersoon_add(actor=am, relatie=relatie, rol="voorzitter", geslachtsnaam="Vast")
            klantcontact_create(
                actor=am, partij=relatie.partij, kanaal="email", onderwerp=f"Zoekvast {i}"
            )

    maak(2, 0)
    aantallen = {}
    for term in termen:
        with django_assert_max_num_queries(60) as gemeten:
            crm_zoeken(actor=factories.actor(accountmanager), zoekterm=term)
        aantallen[term] = len(gemeten.captured_queries)
    maak(12, 2)
    for term in termen:
        with django_assert_max_num_queries(aantallen[term]):
            crm_zoeken(actor=factories.actor(accountmanager), zoekterm=term)
    assert crm_zoeken(actor=actor, zoekterm="zoekvast").groepen[0].meer


def test_the_processing_log_is_written_per_group_for_residents_only(
    am, accountmanager, afdeling_ez, bedrijf
):
    persoon = factories.persoon(am, geslachtsnaam="Logzoek", voornamen="Bram")
    relatie_create(
        actor=am,
        partij=persoon,
        soort=RelatieSoort.INWONER,
        eenheid=afdeling_ez,
        grondslag=Grondslag.PUBLIEKE_TAAK,
        grondslag_toelichting="Subsidie",
    )
    klantcontact_create(actor=am, partij=persoon, kanaal="telefoon", onderwerp="Logzoek vraag")
    klantcontact_create(actor=am, partij=bedrijf.partij, kanaal="telefoon", onderwerp="Logzoek")
    voor = VerwerkingsLog.objects.count()
    crm_zoeken(actor=factories.actor(accountmanager), zoekterm="logzoek")
    nieuw = VerwerkingsLog.objects.order_by("pk")[voor:]
    assert sorted(v.handeling for v in nieuw) == [
        "Gevonden bij zoeken in het CRM (klantcontacten)",
        "Gevonden bij zoeken in het CRM (relaties)",
    ]
    assert {v.partij_uuid for v in nieuw} == {persoon.uuid}


@pytest.mark.django_db
def test_postgresql_has_the_search_indexes():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only indexes (crm migrations 0002 and 0003)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'crm_zoek_%%'")
        namen = {rij[0] for rij in cursor.fetchall()}
    assert {
        "crm_zoek_relatie_lokaal_trgm",
        "crm_zoek_kc_onderwerp_trgm",
        "crm_zoek_kc_nieuwste",
        "crm_zoek_kc_referentie",
        "crm_zoek_lead_titel_trgm",
        "crm_zoek_contract_onderwerp_trgm",
        "crm_zoek_klacht_onderwerp_trgm",
    } <= namen
    assert "crm_zoek_partij_naam_trgm" not in namen  # the kernel's partij_zoeknaam_trgm_idx


# --- the benchmark's data generator stays runnable --------------------------------------------


def test_benchmark_bsns_are_valid_and_unique():
    from benchmarks.bench_crm import bsn_voor

    from raadhuis.kernel.validators import elfproef

    bsns = [bsn_voor(i) for i in range(0, 200_000, 97)]
    assert all(elfproef(b) and len(b) == 9 for b in bsns)
    assert len(set(bsns)) == len(bsns)


@pytest.mark.django_db(transaction=True)
def test_the_crm_benchmark_generates_and_measures_a_small_crm(tmp_path):
    from benchmarks import bench_crm

    # Everything it writes goes to tmp_path: the locust data file of a real run stays.
    opties = {"locust": False, "results": tmp_path, "data_file": tmp_path / "data.json"}
    resultaat = bench_crm.run(relaties=120, contactmomenten=600, verzoeken=2, **opties)
    assert resultaat["relaties"] == 120 and resultaat["contactmomenten"] == 600
    een = resultaat["een_gebruiker"]
    assert een["zoeken"]["naam"]["fouten"] == 0 and een["relatiepagina"]["fouten"] == 0
    assert set(een["slim"]) == {
        "relaties_zonder_accountmanager",
        "leads_zonder_contact_30",
        "contracten_aflopend_90",
        "klachten_over_termijn",
    }
    assert (tmp_path / "crm.json").exists() and (tmp_path / "data.json").exists()
    # A second run finds the data and generates nothing new.
    tweede = bench_crm.run(relaties=120, contactmomenten=600, verzoeken=1, **opties)
    assert tweede["generatie"]["relaties"]["nieuw"] == 0


# --- keyset paging ------------------------------------------------------------------------------


def test_one_type_pages_by_keyset_without_gaps_or_doubles(am, accountmanager, afdeling_ez):
    """Contact moments at the same moment (ties on the date) and relations by name: the pages
    together hold every hit once, in order; a bad token is page 1."""
    from django.utils import timezone

    moment = timezone.now()
    for i in range(7):
        relatie = relatie_handmatig_create(
            actor=am, soort=RelatieSoort.PARTNER, naam=f"Bladerproef {i:02d}", eenheid=afdeling_ez
        )
        klantcontact_create(
            actor=am,
            partij=relatie.partij,
            kanaal="email",
            onderwerp=f"Bladerproef {i}",
            plaatsgevonden_op=moment - timedelta(hours=i // 3),  # three share a moment
        )
    actor = factories.actor(accountmanager)
    for soort, verwacht in (
        ("relaties", [f"Bladerproef {i:02d}" for i in range(7)]),
        ("klantcontacten", None),
    ):
        gezien, na = [], ""
        for _pagina in range(5):
            resultaat = crm_zoeken(
                actor=actor, zoekterm="bladerproef", soorten=[soort], limit=3, na=na
            )
            groep = resultaat.groepen[0]
            gezien += [t.titel for t in groep.treffers]
            na = groep.volgende
            if not na:
                break
        assert len(gezien) == 7 and len(set(gezien)) == 7, soort
        if verwacht:
            assert gezien == verwacht
    eerste = crm_zoeken(actor=actor, zoekterm="bladerproef", soorten=["relaties"], limit=3)
    for fout in ("rommel", eerste.groepen[0].volgende[:-2] + "xx"):
        opnieuw = crm_zoeken(
            actor=actor, zoekterm="bladerproef", soorten=["relaties"], limit=3, na=fout
        )
        assert [t.titel for t in opnieuw.groepen[0].treffers] == [
            t.titel for t in eerste.groepen[0].treffers
        ]
    # A token of one type does nothing for another.
    ander = crm_zoeken(
        actor=actor,
        zoekterm="bladerproef",
        soorten=["klantcontacten"],
        limit=3,
        na=eerste.groepen[0].volgende,
    )
    assert len(ander.groepen[0].treffers) == 3


def test_the_page_links_to_the_next_page_and_says_more_than(
    client, am, accountmanager, afdeling_ez
):
    for i in range(10):
        relatie_handmatig_create(
            actor=am, soort=RelatieSoort.PARTNER, naam=f"Linkproef {i:02d}", eenheid=afdeling_ez
        )
    login(client, accountmanager)
    url = reverse("crm:zoeken")
    overzicht = client.get(url, {"q": "linkproef"}).content.decode()
    assert "meer dan 8" in overzicht and "Meer Relaties tonen" in overzicht
    assert "Volgende" not in overzicht
    response = client.get(url, {"q": "linkproef", "soort": "relaties"})
    assert response.status_code == 200 and "Linkproef 09" in response.content.decode()
    assert 'rel="next"' not in response.content.decode()  # 10 hits fit in one page of 50
    from raadhuis.modules.crm.zoeken import crm_zoeken as zoek

    resultaat = zoek(
        actor=factories.actor(accountmanager), zoekterm="linkproef", soorten=["relaties"], limit=4
    )
    html = client.get(
        url, {"q": "linkproef", "soort": "relaties", "na": resultaat.groepen[0].volgende}
    ).content.decode()
    assert "Linkproef 04" in html and "Linkproef 03" not in html
    assert "Terug naar de eerste resultaten" in html
