"""Speed rules of the CRM search box (issue 6, wave 8), pinned as "the same hits as the rule
says" and as query counts:

* one typed word is counted too (its parties' ids, once per search): a rare name is then read
  party by party (relations; contact moments of the relations a department user sees; leads
  and contracts), and a word in no party's name leaves the name way out. The hits are the same
  as on the old ways (the counting switched off) and as the rule in plain Python;
* on PostgreSQL a list of party ids is one array parameter (`= ANY(%s::bigint[])`): the SQL
  text is the same for 3 and 300 ids;
* a hit reads only the fields it shows (`Zoekbron.velden`): no query per hit, for every type;
* the processing log of a search is one INSERT;
* a hit's URL is reversed once per URL name (`uuid_url`), the same URL as reverse();
* the smart filter "contracten die binnen 90 dagen aflopen" builds the shown contracts only:
  the overview's first rows, in a fixed number of queries.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_script_prefix, reverse, set_script_prefix

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.parties.models import normalise_for_search
from raadhuis.kernel.parties.services import partij_update
from raadhuis.modules.crm import zoeken
from raadhuis.modules.crm.contracten.selectors import (
    Contractfilter,
    contracten_aflopend,
    contracten_overzicht,
)
from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import Categorie, Kanaal
from raadhuis.modules.crm.klachten.services import klacht_create
from raadhuis.modules.crm.models import (
    Contactpersoon,
    Grondslag,
    Klantcontact,
    Relatie,
    RelatieSoort,
)
from raadhuis.modules.crm.selectors import mag_relatie_zien, relatie_bereik
from raadhuis.modules.crm.services import (
    contactpersoon_add,
    klantcontact_create,
    relatie_create,
    relatie_handmatig_create,
)
from raadhuis.modules.crm.zoekbronnen import _partijen_met_zichtbare_relatie
from raadhuis.modules.crm.zoeken import crm_zoeken, uuid_url, veld_in
from tests import factories
from tests.modules.crm.test_crm_snelheid import gemengde_contracten  # noqa: F401 (fixture)
from tests.modules.crm.test_klachten_fixtures import klacht_grant

# Names, roles and subjects built from a few words, so that a word can be in a name, in a
# row's own text, in both or in neither. "Groeker" is rare, "horeca" common, "vergunning"
# only in subjects, "xyzzy" nowhere.
NAMEN = [
    ("Groeker Horeca B.V.", "ez"),
    ("Smit Horeca", "ez"),
    ("Groeker Bouw", "sport"),
    ("Bakkerij Horeca Zuid", "sport"),
    ("Vries Advies", "ez"),
]
PERSONEN = ["Groeker", "Jansen", "Horecaman", "Smit"]
ONDERWERPEN = ["Vergunning horeca", "Vraag over bouw", "Terugbelverzoek Groeker"]
WOORDEN = ["groeker", "horeca", "smit", "vergunning", "bouw", "jansen", "xyzzy"]


@pytest.fixture
def zoekgegevens(am, sport, afdeling_ez, afdeling_sport):
    """Five relations in two departments, each with a contact person and three contacts."""
    for i, (naam, afdeling) in enumerate(NAMEN):
        eigen = am if afdeling == "ez" else sport
        relatie = relatie_handmatig_create(
            actor=eigen,
            soort=RelatieSoort.BEDRIJF,
            naam=naam,
            rechtsvorm="besloten_vennootschap",
            eenheid=afdeling_ez if afdeling == "ez" else afdeling_sport,
        )
        contactpersoon_add(
            actor=eigen,
            relatie=relatie,
            rol="directeur" if i % 2 else "inkoop bouw",
            geslachtsnaam=PERSONEN[i % len(PERSONEN)],
            email=f"contact{i}@voorbeeld.example",
        )
        for onderwerp in ONDERWERPEN:
            klantcontact_create(
                actor=eigen, partij=relatie.partij, kanaal="telefoon", onderwerp=onderwerp
            )


def _in(woord: str, naam: str) -> bool:
    return normalise_for_search(woord) in normalise_for_search(naam)


def _verwacht(woord: str, bron: str, actor) -> set[str]:  # noqa: ANN001
    """The rule in plain Python over the rows of the relations the actor may see."""

    def zichtbaar(relatie: Relatie) -> bool:
        return mag_relatie_zien(actor, relatie)

    hoofd = woord.upper()
    if bron == "relaties":
        return {
            r.partij.weergavenaam
            for r in Relatie.objects.select_related("partij")
            if zichtbaar(r)
            and (_in(woord, r.partij.weergavenaam) or hoofd in r.lokale_naam.upper())
        }
    if bron == "contactpersonen":
        return {
            str(c.persoon)
            for c in Contactpersoon.objects.select_related("persoon", "relatie")
            if zichtbaar(c.relatie)
            and (
                _in(woord, c.persoon.weergavenaam)
                or hoofd in c.email.upper()
                or hoofd in c.rol.upper()
            )
        }
    relaties = {r.partij_id: r for r in Relatie.objects.all()}
    return {
        f"{k.referentienummer} {k.onderwerp}"
        for k in Klantcontact.objects.select_related("partij")
        if zichtbaar(relaties[k.partij_id])
        and (_in(woord, k.partij.weergavenaam) or hoofd in k.onderwerp.upper())
    }


def _gevonden(actor, woord: str, bron: str) -> set[str]:  # noqa: ANN001
    resultaat = crm_zoeken(actor=actor, zoekterm=woord, soorten=[bron], limit=50)
    return {t.titel for g in resultaat.groepen for t in g.treffers}


@pytest.mark.parametrize("geteld", [True, False], ids=["geteld", "oude-wegen"])
@pytest.mark.parametrize("bron", ["relaties", "contactpersonen", "klantcontacten"])
def test_one_word_finds_what_the_rule_says_for_every_actor(
    zoekgegevens, am, kcc_actor, bron, geteld, monkeypatch
):
    """Counted (the new ways: ids, per party) and not (TEL_GRENS 0: every word is
    "common", the old ways: name subquery, index walk): the same hits, the rule's."""
    if not geteld:
        monkeypatch.setattr(zoeken, "TEL_GRENS", 0)
    gezien = 0
    for actor in (kcc_actor, am):
        for woord in WOORDEN:
            verwacht = _verwacht(woord, bron, actor)
            assert _gevonden(actor, woord, bron) == verwacht, (woord, actor.weergave)
            gezien += len(verwacht)
    assert gezien > 5  # the data really reaches the groups


def test_a_department_user_narrows_the_parties_to_visible_relations(
    zoekgegevens, am, kcc_actor, django_assert_num_queries
):
    ids = list(Relatie.objects.order_by("-pk").values_list("partij_id", flat=True))
    eigen = [r.partij_id for r in Relatie.objects.order_by("-pk") if mag_relatie_zien(am, r)]
    assert 0 < len(eigen) < len(ids)
    assert _partijen_met_zichtbare_relatie(am, ids) == eigen  # in the given order
    relatie_bereik(kcc_actor)  # the actor's scope, worked out once per request
    with django_assert_num_queries(0):  # the contact centre sees every relation: no query
        assert _partijen_met_zichtbare_relatie(kcc_actor, ids) == ids


def test_a_word_in_no_name_leaves_the_name_way_out(zoekgegevens, kcc_actor):
    with CaptureQueriesContext(connection) as ctx:
        treffers = _gevonden(kcc_actor, "vergunning", "klantcontacten")
    assert len(treffers) == len(NAMEN)
    (sql,) = [q["sql"] for q in ctx.captured_queries if "crm_klantcontact" in q["sql"]]
    assert "zoeknaam" not in sql  # only the subject way ran


def test_a_list_of_ids_filters_the_same_on_every_database(zoekgegevens):
    partij_ids = list(Relatie.objects.order_by("pk").values_list("partij_id", flat=True))
    gekozen = partij_ids[1:4]
    qs = Klantcontact.objects.filter(veld_in("partij_id", gekozen))
    assert {k.partij_id for k in qs} == set(gekozen)
    assert not Klantcontact.objects.filter(veld_in("partij_id", [])).exists()
    subquery = Relatie.objects.filter(partij_id__in=gekozen).values("partij_id")
    assert Klantcontact.objects.filter(veld_in("partij_id", subquery)).count() == 9


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array parameter is PG's")
def test_on_postgresql_a_list_of_ids_is_one_parameter(zoekgegevens):
    """The same SQL text for 3 and 300 ids: a prepared statement is reused, and Django
    compiles and psycopg adapts one parameter instead of hundreds."""
    drie = Klantcontact.objects.filter(veld_in("partij_id", [1, 2, 3])).query.sql_with_params()
    veel = Klantcontact.objects.filter(veld_in("partij_id", list(range(300))))
    sql, params = veel.query.sql_with_params()
    assert sql == drie[0]
    assert "= ANY(%s::bigint[])" in sql and len(params) == 1
    assert params[0] == "{" + ",".join(map(str, range(300))) + "}"


def test_hits_read_no_query_per_hit_for_every_type(am, accountmanager, afdeling_ez, crm_org):
    """`Zoekbron.velden` reads only what a hit shows: a field left out would cost a query per
    hit. Relations, contact persons, contact moments and complaints, 1 and then 6 hits."""
    klacht_catalogus_ensure(crm_org)
    klacht_grant(accountmanager)
    actor = factories.actor(accountmanager)

    def maak(van: int, tot: int) -> None:
        for i in range(van, tot):
            relatie = relatie_handmatig_create(
                actor=am, soort=RelatieSoort.PARTNER, naam=f"Stichting Veldproef {i}",
                eenheid=afdeling_ez,
            )  # fmt: skip
            contactpersoon_add(
                actor=am, relatie=relatie, rol="veldproef", geslachtsnaam=f"Veldproef{i}"
            )
            klantcontact_create(
                actor=am, partij=relatie.partij, kanaal="email", onderwerp=f"Veldproef {i}"
            )
            klacht_create(
                actor=actor,
                klager=relatie.partij,
                kanaal=Kanaal.EMAIL,
                ontvangen_op=date.today() - timedelta(days=i),
                categorie=Categorie.BEJEGENING,
                onderwerp=f"Veldproef klacht {i}",
                omschrijving="Proef.",
                afdeling=afdeling_ez,
                behandelaar=accountmanager,
            )

    def aantal() -> tuple[int, dict[str, list[str]]]:
        with CaptureQueriesContext(connection) as ctx:
            resultaat = crm_zoeken(actor=factories.actor(accountmanager), zoekterm="veldproef")
        groepen = {
            g.bron.naam: [f"{t.titel}|{t.omschrijving}|{t.url}" for t in g.treffers]
            for g in resultaat.groepen
        }
        return len(ctx.captured_queries), groepen

    maak(0, 1)
    een, _groepen = aantal()
    maak(1, 6)
    zes, groepen = aantal()
    assert zes == een
    for bron in ("relaties", "contactpersonen", "klantcontacten", "klachten"):
        assert len(groepen[bron]) == 6, bron
    # What a hit shows is all there (read from the declared fields).
    assert all("/crm/relaties/" in h for h in groepen["relaties"])
    assert all("veldproef · Stichting Veldproef" in h for h in groepen["contactpersonen"])
    assert all(h.count(" · ") == 2 for h in groepen["klantcontacten"])
    assert all(" Veldproef klacht " in h and "/crm/klachten/" in h for h in groepen["klachten"])


def test_the_contact_centre_finds_contact_persons_without_joining_their_organisation(
    zoekgegevens, kcc_actor
):
    """The contact centre sees every contact person of the tenant: the match reads the
    contact persons and their own names only; the organisation a hit names is read after
    the LIMIT, for the hits shown (one query), and is the right one."""
    with CaptureQueriesContext(connection) as ctx:
        resultaat = crm_zoeken(actor=kcc_actor, zoekterm="groeker", soorten=["contactpersonen"])
    (groep,) = resultaat.groepen
    assert sorted(t.omschrijving for t in groep.treffers) == [
        "inkoop bouw · Groeker Horeca B.V.",
        "inkoop bouw · Vries Advies",
    ]
    relaties = {r.partij.weergavenaam: r.partij.uuid for r in Relatie.objects.all()}
    assert sorted(t.url for t in groep.treffers) == sorted(
        f"/crm/relaties/{relaties[naam]}/" for naam in ("Groeker Horeca B.V.", "Vries Advies")
    )
    # One UNION on PostgreSQL, a query per way on SQLite.
    zoek = [q["sql"] for q in ctx.captured_queries if 'FROM "crm_contactpersoon"' in q["sql"]]
    assert zoek and not any('"crm_relatie"' in sql for sql in zoek)
    na = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "crm_relatie"')]
    assert len(na) == 1 and '"parties_partij"' in na[0]


def test_a_contact_persons_search_name_follows_its_persons_name(zoekgegevens, am, kcc_actor):
    """Contact persons are matched on their own copy of the person's search name (crm 0005):
    set when the contact person is written, changed with the person's name."""
    contactpersonen = Contactpersoon.objects.select_related("persoon")
    assert all(c.zoeknaam == c.persoon.zoeknaam != "" for c in contactpersonen)
    jansen = contactpersonen.get(persoon__zoeknaam__contains="jansen")
    partij_update(actor=am, partij=jansen.persoon, geslachtsnaam="Vandersteen")
    jansen.refresh_from_db()
    assert "vandersteen" in jansen.zoeknaam and "jansen" not in jansen.zoeknaam
    assert _gevonden(kcc_actor, "vandersteen", "contactpersonen") == {str(jansen.persoon)}
    assert _gevonden(kcc_actor, "jansen", "contactpersonen") == set()
    # A full save of the contact person (its copy stale in memory) keeps the person's name.
    jansen.zoeknaam = "verouderd"
    jansen.save()
    jansen.refresh_from_db()
    assert jansen.zoeknaam == jansen.persoon.zoeknaam


def test_a_number_is_matched_by_the_rows_own_number_and_by_its_partys_apart(
    zoekgegevens, kcc_actor
):
    """A KvK number finds the company's contact moments, read party by party (not by
    walking the newest-first index), and a reference number its own contact moment: two
    ways, each with its own index."""
    relatie = Relatie.objects.select_related("partij").order_by("pk").first()
    relatie.partij.identificatie = "90004711"
    relatie.partij.save(update_fields=["identificatie"])
    bron = {b.naam: b for b in zoeken.zoekbronnen()}["klantcontacten"]
    manieren = zoeken._filters(bron, "90004711", zoeken._Partijen(kcc_actor.organisatie.pk))
    assert [m.per_partij for m in manieren] == [False, False, True]  # subject, number, party
    assert _gevonden(kcc_actor, "90004711", "klantcontacten") == {
        f"{k.referentienummer} {k.onderwerp}"
        for k in Klantcontact.objects.filter(partij=relatie.partij)
    }
    eigen = Klantcontact.objects.order_by("-pk").first()
    assert _gevonden(kcc_actor, eigen.referentienummer, "klantcontacten") == {
        f"{eigen.referentienummer} {eigen.onderwerp}"
    }


def test_the_processing_log_of_a_search_is_one_insert(am, accountmanager, afdeling_ez):
    """Residents found in two groups (relations, contact moments): one INSERT, the same rows
    as before (one per resident and group, with the group's purpose)."""
    persoon = factories.persoon(am, geslachtsnaam="Eeninsert", voornamen="Cor")
    relatie_create(
        actor=am,
        partij=persoon,
        soort=RelatieSoort.INWONER,
        eenheid=afdeling_ez,
        grondslag=Grondslag.PUBLIEKE_TAAK,
        grondslag_toelichting="Subsidie",
    )
    klantcontact_create(actor=am, partij=persoon, kanaal="telefoon", onderwerp="Vraag")
    voor = VerwerkingsLog.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        crm_zoeken(actor=factories.actor(accountmanager), zoekterm="eeninsert")
    inserts = [q for q in ctx.captured_queries if 'INSERT INTO "audit_verwerkingslog"' in q["sql"]]
    assert len(inserts) == 1
    nieuw = VerwerkingsLog.objects.order_by("pk")[voor:]
    assert sorted(v.handeling for v in nieuw) == [
        "Gevonden bij zoeken in het CRM (klantcontacten)",
        "Gevonden bij zoeken in het CRM (relaties)",
    ]
    assert {v.partij_uuid for v in nieuw} == {persoon.uuid}


# --- the contract smart filter ----------------------------------------------------------------


def test_contracts_ending_soon_are_the_overviews_first_rows(am, gemengde_contracten):  # noqa: F811
    gezien = 0
    for verschuiving in range(-40, 420, 11):
        op = gemengde_contracten + timedelta(days=verschuiving)
        for dagen in (0, 30, 90):
            overzicht = [
                r.contract.kenmerk
                for r in contracten_overzicht(
                    actor=am, filters=Contractfilter(eindigt_binnen_dagen=dagen), op=op
                )
            ]
            for limit in (1, 5, 51):
                snel = contracten_aflopend(actor=am, op=op, dagen=dagen, limit=limit)
                assert [c.kenmerk for c in snel] == overzicht[:limit], (op, dagen, limit)
            gezien += len(overzicht)
    assert gezien > 100  # the window is reached


def test_contracts_ending_soon_take_a_fixed_number_of_queries(
    am,
    gemengde_contracten,  # noqa: F811
    sport,
):
    op = gemengde_contracten

    def meet(limit: int) -> tuple[int, list]:
        with CaptureQueriesContext(connection) as ctx:
            rijen = contracten_aflopend(actor=am, op=op, dagen=90, limit=limit)
            _namen = [c.partij.weergavenaam for c in rijen]  # the party comes along
        return len(ctx.captured_queries), rijen

    (een, _), (veel, rijen) = meet(1), meet(51)
    assert een == veel and len(rijen) > 5
    # Another department sees none of them.
    assert contracten_aflopend(actor=sport, op=op, dagen=90, limit=51) == []


# --- hit URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "naam", ["crm:relatie", "crm:leads:detail", "crm:contracten:detail", "crm:klachten:detail"]
)
def test_a_hit_url_is_what_reverse_gives(naam):
    """`uuid_url` reverses the pattern once and puts the UUID in: the same URL as reverse(),
    also under another script prefix (a deployment below a path)."""
    for _ in range(3):
        waarde = uuid.uuid4()
        assert uuid_url(naam, waarde) == reverse(naam, args=[waarde])
    vorige = get_script_prefix()
    set_script_prefix("/raadhuis/")
    try:
        waarde = uuid.uuid4()
        assert uuid_url(naam, waarde) == reverse(naam, args=[waarde])
        assert uuid_url(naam, waarde).startswith("/raadhuis/crm/")
    finally:
        set_script_prefix(vorige)
