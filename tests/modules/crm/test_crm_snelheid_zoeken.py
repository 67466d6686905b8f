"""Speed rules of the CRM search box (issue 6, wave 7), pinned as "same hits as the rule says"
and as query counts:

* two or more words on a semi-join source (contact moments, leads): the name way is split
  into "the party's name holds every word" and "the rarest word in the name, another word in
  the row's text"; the hits stay exactly "every word in the party's name or the row's text";
* a declared `Zoekbron.select_related` is the whole list of joins (complaints: case and
  complainant only), and rendering the hits asks no query per hit;
* the smart filter "relaties zonder accountmanager" walks the names in order: the same
  relations, in name order, as a plain query;
* leads and contracts in lists and on their pages still come with their details.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raadhuis.kernel.parties.models import normalise_for_search
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.contracten.selectors import contract_get, contracten_overzicht
from raadhuis.modules.crm.leads.models import LeadBron
from raadhuis.modules.crm.leads.selectors import Leadfilter, lead_get, leads_zoeken
from raadhuis.modules.crm.leads.services import lead_create, leads_pipelines_ensure
from raadhuis.modules.crm.models import Klantcontact, Relatie, RelatieSoort
from raadhuis.modules.crm.selectors import relaties_zoeken
from raadhuis.modules.crm.services import klantcontact_create, relatie_handmatig_create
from raadhuis.modules.crm.zoeken import _queryset, crm_zoeken, zoekbronnen

BACKEND = "django.contrib.auth.backends.ModelBackend"

# Party names and contact subjects built from the same few words, so that a word can be in the
# name, in the text, in both or in neither.
NAMEN = [
    "Smit Horeca B.V.",
    "Smit Bouw B.V.",
    "Bakker Horeca Zorg",
    "Bakker Bouw",
    "Horeca Smitsen",
    "Zorggroep Bakkerij",
    "De Vries Advies",
]
ONDERWERPEN = [
    "Vergunning horeca",
    "Vraag over zorg",
    "Bouw aanvraag Smit",
    "Terugbelverzoek",
    "Advies bakker horeca",
]
WOORDEN = ["smit", "horeca", "bakker", "zorg", "bouw", "advies", "vries", "aanvraag", "xyz"]


def _past(woorden: list[str], naam: str, tekst: str) -> bool:
    """The search rule in plain Python: every word in the party's name or the row's text."""
    zoeknaam = normalise_for_search(naam)
    return all(normalise_for_search(w) in zoeknaam or w.upper() in tekst.upper() for w in woorden)


@pytest.fixture
def kc_gegevens(am, afdeling_ez):
    """Seven relations with five contact moments each (every subject once)."""
    for naam in NAMEN:
        relatie = relatie_handmatig_create(
            actor=am,
            soort=RelatieSoort.BEDRIJF,
            naam=naam,
            rechtsvorm="besloten_vennootschap",
            eenheid=afdeling_ez,
        )
        for onderwerp in ONDERWERPEN:
            klantcontact_create(
                actor=am, partij=relatie.partij, kanaal="telefoon", onderwerp=onderwerp
            )
    return am


def _gevonden(actor, zoekterm: str, bron: str = "klantcontacten") -> set[str]:  # noqa: ANN001
    resultaat = crm_zoeken(actor=actor, zoekterm=zoekterm, soorten=[bron], limit=50)
    return {t.titel for g in resultaat.groepen for t in g.treffers}


def _verwacht(woorden: list[str]) -> set[str]:
    return {
        f"{c.referentienummer} {c.onderwerp}"
        for c in Klantcontact.objects.select_related("partij")
        if _past(woorden, c.partij.weergavenaam, c.onderwerp)
    }


@pytest.mark.parametrize(
    "zoekterm",
    [
        "smit horeca",  # both in one name; one in the name, the other in the text
        "horeca smit",  # the same, the other word first
        "bakker zorg",  # "Zorggroep Bakkerij": both inside longer words
        "smit bouw aanvraag",  # three words
        "vries horeca",  # name word + text word only
        "smit xyz",  # a word nowhere: no hits
    ],
)
def test_two_or_more_words_find_what_the_rule_says(kc_gegevens, zoekterm):
    woorden = zoekterm.split()
    verwacht = _verwacht(woorden)
    assert _gevonden(kc_gegevens, zoekterm) == verwacht
    if zoekterm == "smit xyz":
        assert verwacht == set()
    else:
        assert verwacht  # the case really tests something


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(woorden=st.lists(st.sampled_from(WOORDEN), min_size=2, max_size=3, unique=True))
def test_any_word_combination_finds_what_the_rule_says(kc_gegevens, woorden):
    assert _gevonden(kc_gegevens, " ".join(woorden)) == _verwacht(woorden)


def test_two_words_on_leads_find_what_the_rule_says(am, afdeling_ez, accountmanager, crm_org):
    pipeline = leads_pipelines_ensure(crm_org)[0]
    for naam in NAMEN[:4]:
        relatie = relatie_handmatig_create(
            actor=am,
            soort=RelatieSoort.BEDRIJF,
            naam=naam,
            rechtsvorm="besloten_vennootschap",
            eenheid=afdeling_ez,
        )
        for titel in ("Uitbreiding horeca", "Nieuwbouw", "Zorg en welzijn"):
            lead_create(
                actor=am,
                partij=relatie.partij,
                titel=titel,
                pipeline=pipeline,
                waarde="1000,00",
                afdeling=afdeling_ez,
                eigenaar=accountmanager,
                bron=LeadBron.WEBSITE,
            )
    for zoekterm in ("smit horeca", "bakker zorg", "bouw horeca", "horeca nieuwbouw"):
        woorden = zoekterm.split()
        leads = leads_zoeken(actor=am, filters=Leadfilter())
        verwacht = {
            f"{r.lead.kenmerk} {r.lead.titel}"
            for r in leads
            if _past(woorden, r.lead.partij.weergavenaam, r.lead.titel)
        }
        assert _gevonden(am, zoekterm, "leads") == verwacht, zoekterm


# --- joins ----------------------------------------------------------------------------------


def test_a_declared_select_related_is_the_whole_list(kcc_actor):
    bronnen = {b.naam: b for b in zoekbronnen()}
    klachten = _queryset(bronnen["klachten"], kcc_actor)
    assert klachten.query.select_related == {"zaak": {}, "klager": {}}
    # Without a declaration the basis selector's own joins stay: a lead hit shows its stage.
    leads = _queryset(bronnen["leads"], kcc_actor)
    assert set(leads.query.select_related) == {"partij", "fase"}
    contracten = _queryset(bronnen["contracten"], kcc_actor)
    assert set(contracten.query.select_related) == {"partij"}


def test_leads_and_contracts_keep_their_details_in_lists_and_pages(
    am, bedrijf, afdeling_ez, accountmanager, crm_org
):
    pipeline = leads_pipelines_ensure(crm_org)[0]
    lead = lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Kans",
        pipeline=pipeline,
        waarde="1000,00",
        afdeling=afdeling_ez,
        eigenaar=accountmanager,
        bron=LeadBron.WEBSITE,
    )
    contract = Contract.objects.create(
        organisatie=crm_org,
        partij=bedrijf.partij,
        kenmerk="CON-D-1",
        onderwerp="Onderhoud",
        waarde=Decimal("1000"),
        startdatum=date(2025, 1, 1),
        einddatum=date(2027, 1, 1),
        afdeling=afdeling_ez,
        eigenaar=accountmanager,
    )
    gelezen = lead_get(actor=am, uuid=lead.uuid)
    regel = leads_zoeken(actor=am, filters=Leadfilter())[0]
    overzicht = contracten_overzicht(actor=am, op=date(2026, 1, 1))[0]
    enkel = contract_get(actor=am, uuid=contract.uuid, op=date(2026, 1, 1))
    with CaptureQueriesContext(connection) as ctx:
        namen = [
            gelezen.pipeline.naam,
            gelezen.eigenaar.naam,
            gelezen.afdeling.naam,
            regel.lead.pipeline.naam,
            regel.lead.afdeling.naam,
            overzicht.contract.eigenaar.naam,
            overzicht.contract.afdeling.naam,
            enkel.contract.afdeling.naam,
        ]
    assert all(namen)
    assert len(ctx.captured_queries) == 0


# --- the search page: no query per hit --------------------------------------------------------


def test_the_search_page_runs_the_same_queries_with_more_hits(
    client, accountmanager, am, afdeling_ez, crm_org
):
    pipeline = leads_pipelines_ensure(crm_org)[0]

    def meer(van: int, tot: int) -> None:
        for i in range(van, tot):
            relatie = relatie_handmatig_create(
                actor=am,
                soort=RelatieSoort.BEDRIJF,
                naam=f"Zoekhuis {i} B.V.",
                rechtsvorm="besloten_vennootschap",
                eenheid=afdeling_ez,
            )
            klantcontact_create(
                actor=am, partij=relatie.partij, kanaal="telefoon", onderwerp=f"Gesprek {i}"
            )
            lead_create(
                actor=am,
                partij=relatie.partij,
                titel=f"Kans {i}",
                pipeline=pipeline,
                waarde="1000,00",
                afdeling=afdeling_ez,
                eigenaar=accountmanager,
                bron=LeadBron.WEBSITE,
            )
            Contract.objects.create(
                organisatie=crm_org,
                partij=relatie.partij,
                kenmerk=f"CON-Z-{i}",
                onderwerp=f"Onderhoud {i}",
                waarde=Decimal("1000"),
                startdatum=date(2025, 1, 1) + timedelta(days=i),
                einddatum=date(2027, 1, 1),
                afdeling=afdeling_ez,
                eigenaar=accountmanager,
            )

    client.force_login(accountmanager.user, backend=BACKEND)
    url = reverse("crm:zoeken") + "?q=zoekhuis"

    def aantal() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    meer(0, 1)
    client.get(url)  # warm up: per-process caches
    een = aantal()
    meer(1, 12)  # more than a group shows (8)
    assert aantal() == een
    body = client.get(url).content.decode()
    assert "Kans 11" in body and "CON-Z-11" in body


# --- smart filter: relations without an account manager ------------------------------------


def test_relations_without_account_manager_in_name_order(am, kcc_actor, afdeling_ez):
    for naam in ["Zeta B.V.", "Alfa B.V.", "Midden B.V.", "Beta B.V."]:
        relatie_handmatig_create(
            actor=am,
            soort=RelatieSoort.BEDRIJF,
            naam=naam,
            rechtsvorm="besloten_vennootschap",
            eenheid=afdeling_ez,
        )
    Relatie.objects.filter(partij__weergavenaam="Midden B.V.").update(accountmanager=am.medewerker)
    resultaat = crm_zoeken(actor=kcc_actor, slim="relaties_zonder_accountmanager", limit=50)
    titels = [t.titel for g in resultaat.groepen for t in g.treffers]
    verwacht = [
        r.partij.weergavenaam
        for r in Relatie.objects.filter(
            organisatie=kcc_actor.organisatie, actief=True, accountmanager__isnull=True
        )
        .select_related("partij")
        .order_by("partij__zoeknaam", "pk")
    ]
    assert titels == verwacht
    assert "Midden B.V." not in titels and "Alfa B.V." in titels


def test_the_relation_list_keeps_its_name_order(am, afdeling_ez):
    for naam in ["Zeta B.V.", "Alfa B.V.", "Beta B.V."]:
        relatie_handmatig_create(
            actor=am,
            soort=RelatieSoort.BEDRIJF,
            naam=naam,
            rechtsvorm="besloten_vennootschap",
            eenheid=afdeling_ez,
        )
    namen = [r.partij.weergavenaam for r in relaties_zoeken(actor=am)]
    assert namen == sorted(namen, key=normalise_for_search)
    assert {"Alfa B.V.", "Beta B.V.", "Zeta B.V."} <= set(namen)
