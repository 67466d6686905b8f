"""The bulk path of the migration import: duplicates within the file and against the database,
all or nothing, the per-row report, audit and events per created row, a constant number of
queries whatever the number of rows, and the command's streamed JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.parties.models import NietNatuurlijkPersoon, Partij
from raadhuis.kernel.parties.services import (
    natuurlijk_persoon_create,
    niet_natuurlijk_persoon_create,
)
from raadhuis.modules.crm.migratie import importeren as imp
from raadhuis.modules.crm.migratie.dubbelen import naam_vergelijkbaar
from raadhuis.modules.crm.models import (
    Contactpersoon,
    Grondslag,
    Klantcontact,
    Relatie,
    RelatieSoort,
    Tag,
)
from raadhuis.modules.crm.services import relatie_create, relatie_handmatig_create

pytestmark = pytest.mark.django_db

KOP = "Naam;KvK;E-mail;Postcode;Straat;Huisnummer;Plaats;Tags;Contactpersoon;Functie;Contactdatum;Onderwerp\n"  # noqa: E501


def _csv(*regels: str) -> bytes:
    return (KOP + "".join(r + "\n" for r in regels)).encode()


def _import(actor, afdeling, inhoud: bytes, *, proef: bool = False, **kwargs):
    return imp.import_uitvoeren(
        actor=actor, inhoud=inhoud, bestandsnaam="export.csv", afdeling=afdeling, proef=proef,
        **kwargs,
    )  # fmt: skip


def test_dubbelen_in_het_bestand_en_in_de_database(am, afdeling_ez):
    bestaand = relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.BEDRIJF,
        naam="Garage Van Dijk",
        eenheid=afdeling_ez,
        kvk_nummer="12345678",
    )
    inhoud = _csv(
        "Bakkerij Jansen B.V.;11111111;info@jansen.example;5211AB;Markt;1;Den Bosch;brood;Jansen;directeur;2025-03-01;Kennismaking",  # noqa: E501
        "Bakkerij Jansen;;info@jansen.example;;;;;;Pietersen;verkoper;;",
        "Bakkerij Janssen;;;5211 AB;;;;;;;2025-04-01;Vervolg",
        "Garage v. Dijk;12345678;;;;;;;Smit;eigenaar;;",
        "Fietsenmaker De Spaak;22222222;;5211AB;;;;brood, fietsen;;;;",
    )
    verslag = _import(am, afdeling_ez, inhoud)
    assert verslag.uitgevoerd, verslag.as_dict()
    rijen = {r.nummer: r for r in verslag.rijen}
    assert [rijen[n].uitkomst for n in range(2, 7)] == [
        "nieuw",
        "samengevoegd",
        "samengevoegd",
        "samengevoegd",
        "nieuw",
    ]
    assert rijen[3].dubbel["reden"] == "zelfde e-mailadres"
    assert rijen[3].dubbel["bron"] == "rij 2"
    assert rijen[4].dubbel["reden"] == "vergelijkbare naam op dezelfde postcode"
    assert rijen[5].dubbel == {
        "reden": "zelfde KvK-nummer",
        "naam": "Garage Van Dijk",
        "uuid": str(bestaand.partij.uuid),
        "bron": "bestaand",
    }
    # The report's uuids are the parties that were made.
    jansen = Relatie.objects.get(partij__identificatie="11111111")
    assert rijen[2].relatie_uuid == rijen[3].relatie_uuid == str(jansen.partij.uuid)
    assert sorted(c.rol for c in jansen.contactpersonen.all()) == ["directeur", "verkoper"]
    assert sorted(k.onderwerp for k in Klantcontact.objects.filter(partij=jansen.partij)) == [
        "Kennismaking",
        "Vervolg",
    ]
    assert jansen.partij.adressen.get().postcode == "5211AB"
    assert isinstance(jansen.partij.concreet, NietNatuurlijkPersoon)
    assert jansen.partij.concreet.kvk_nummer == "11111111"
    assert jansen.eenheid == afdeling_ez
    assert [c.persoon.concreet.geslachtsnaam for c in bestaand.contactpersonen.all()] == ["Smit"]
    spaak = Relatie.objects.get(partij__identificatie="22222222")
    assert sorted(t.naam for t in spaak.tags.all()) == ["brood", "fietsen"]
    assert Tag.objects.filter(naam="brood").count() == 1
    assert rijen[2].toegevoegd == ["contactpersoon Jansen", "contactmoment Kennismaking"]


def test_een_foute_rij_breekt_alles_af(am, afdeling_ez, crm_org):
    audit_voor = AuditEntry.objects.count()
    events_voor = OutboxEvent.objects.count()
    inhoud = _csv(
        "Bakkerij Jansen;11111111;;;;;;;Jansen;;2025-03-01;Kennismaking",
        "Garage;1234;geen-mail;12345;;;;;;;;",
        "Fietsenmaker;22222222;;;;;;;;;2999-01-01;Toekomst",
    )
    verslag = _import(am, afdeling_ez, inhoud)
    assert not verslag.uitgevoerd
    assert [r.uitkomst for r in verslag.rijen] == ["nieuw", "fout", "fout"]
    assert verslag.rijen[1].fouten == [
        "KvK-nummer '1234' is geen 8 cijfers.",
        "Postcode '12345' is geen Nederlandse postcode.",
        "E-mailadres 'geen-mail' is geen geldig e-mailadres.",
    ]
    assert verslag.rijen[2].fouten == ["Contactdatum '2999-01-01' ligt in de toekomst."]
    assert verslag.samenvatting().endswith("Er is niets ingelezen.")
    assert not Relatie.objects.exists()
    assert not Partij.objects.filter(organisatie=crm_org).exists()
    assert not Klantcontact.objects.exists()
    assert AuditEntry.objects.count() == audit_voor
    assert OutboxEvent.objects.count() == events_voor


def test_audit_en_events_per_aangemaakte_rij(am, afdeling_ez, crm_org):
    migratie = imp.migratie_actor(am)
    laatste_event = OutboxEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    verslag = _import(
        migratie,
        afdeling_ez,
        _csv(
            "Bakkerij Jansen;11111111;;5211AB;Markt;1;Den Bosch;brood;Jansen;directeur;2025-03-01;Kennismaking",  # noqa: E501
            "Garage;;;;;;;;;;;",
        ),
    )
    assert verslag.uitgevoerd
    door_import = AuditEntry.objects.filter(actor_weergave=migratie.weergave)
    acties = sorted(door_import.values_list("actie", flat=True))
    assert acties == [
        "contactpersoon_toegevoegd",
        "klantcontact_aangemaakt",
        "partij_aangemaakt",
        "partij_aangemaakt",
        "partij_aangemaakt",
        "relatie_aangemaakt",
        "relatie_aangemaakt",
        "tag_aangemaakt",
    ]
    jansen = Relatie.objects.get(partij__identificatie="11111111")
    entry = AuditEntry.objects.get(actie="relatie_aangemaakt", object_uuid=jansen.uuid)
    assert entry.actor_weergave == migratie.weergave
    assert entry.object_weergave == "Bakkerij Jansen"
    assert entry.wijzigingen["tags"] == [None, "brood"]
    assert entry.toelichting == "Migratie, rij 2"
    partij = AuditEntry.objects.get(actie="partij_aangemaakt", object_uuid=jansen.partij.uuid)
    assert partij.wijzigingen["adres"] == [None, "Markt 1, 5211AB Den Bosch"]
    contact = Klantcontact.objects.get()
    assert contact.referentienummer.startswith("KC")
    assert AuditEntry.objects.filter(actie="klantcontact_aangemaakt", object_uuid=contact.uuid)
    events = OutboxEvent.objects.filter(organisatie=crm_org, pk__gt=laatste_event)
    assert sorted(events.values_list("resource", "actie")) == [
        ("klantcontact", "create"),
        ("partij", "create"),
        ("partij", "create"),
        ("partij", "create"),
    ]
    assert events.filter(resource_uuid=jansen.partij.uuid).exists()


def test_opnieuw_importeren_voegt_niets_dubbel_toe(am, afdeling_ez):
    inhoud = imp.testbestand_xlsx(5)
    eerste = imp.import_uitvoeren(
        actor=am, inhoud=inhoud, bestandsnaam="x.xlsx", afdeling=afdeling_ez, proef=False
    )
    assert eerste.aantal("nieuw") == 5
    tweede = imp.import_uitvoeren(
        actor=am, inhoud=inhoud, bestandsnaam="x.xlsx", afdeling=afdeling_ez, proef=False
    )
    assert tweede.uitgevoerd
    assert tweede.aantal("samengevoegd") == 5
    assert all(not r.toegevoegd for r in tweede.rijen)
    assert Relatie.objects.count() == 5
    assert Contactpersoon.objects.count() == 5
    assert Klantcontact.objects.count() == 5


def test_keuzes_apart_en_overslaan(am, afdeling_ez):
    inhoud = _csv(
        "Bakkerij Jansen;11111111;info@jansen.example;;;;;;;;;",
        "Bakkerij Jansen Oost;;info@jansen.example;;;;;;;;;",
        "Bakkerij Jansen West;;info@jansen.example;;;;;;;;;",
        "Bakkerij Jansen;11111111;;;;;;;;;;",
    )
    keuzes = {"3": {"_actie": "apart"}, "4": {"_actie": "overslaan"}, "5": {"_actie": "apart"}}
    verslag = _import(am, afdeling_ez, inhoud, keuzes=keuzes, proef=True)
    assert [r.uitkomst for r in verslag.rijen] == ["nieuw", "nieuw", "overgeslagen", "fout"]
    assert "Er is al een partij met KvK-nummer 11111111" in verslag.rijen[3].fouten[0]


def test_partij_met_dat_kvk_nummer_zonder_relatie(am, afdeling_ez):
    niet_natuurlijk_persoon_create(actor=am, statutaire_naam="Uit een zaak", kvk_nummer="33333333")
    verslag = _import(am, afdeling_ez, _csv("Iets Anders;33333333;;;;;;;;;;"), proef=True)
    assert verslag.rijen[0].uitkomst == "fout"


def test_afdeling_en_relaties_van_een_andere_afdeling(am, sport, afdeling_ez, afdeling_sport):
    relatie_handmatig_create(
        actor=sport,
        soort=RelatieSoort.VERENIGING,
        naam="Korfbalvereniging Geheim",
        eenheid=afdeling_sport,
        kvk_nummer="44444444",
    )
    verslag = _import(am, afdeling_sport, _csv("X;;;;;;;;;;;"), proef=True)
    assert verslag.algemene_fouten == ["Kies een afdeling waar je zelf bij hoort."]
    verslag = _import(am, afdeling_ez, _csv("Korfbal;44444444;;;;;;;;;;"), proef=True)
    rij = verslag.rijen[0]
    assert rij.uitkomst == "fout"
    assert "Geheim" not in json.dumps(rij.as_dict())  # no name of a relation am may not see
    assert "functioneel beheerder" in rij.fouten[0]


def test_inwoner_als_dubbele_staat_in_het_verwerkingenlog(am, afdeling_ez):
    persoon = natuurlijk_persoon_create(
        actor=am, geslachtsnaam="Vries", voornamen="Jan", email="jan@vries.example"
    )
    relatie_create(
        actor=am,
        partij=persoon,
        soort=RelatieSoort.INWONER,
        eenheid=afdeling_ez,
        grondslag=Grondslag.PUBLIEKE_TAAK,
        grondslag_toelichting="Subsidieregeling",
    )
    verslag = _import(
        am, afdeling_ez, _csv("J. de Vries;;jan@vries.example;;;;;;Smit;;;"), proef=True
    )
    assert verslag.rijen[0].fouten == ["Alleen een organisatie heeft contactpersonen."]
    log = VerwerkingsLog.objects.get(partij_uuid=persoon.uuid)
    assert log.handeling == "crm_migratie_dubbelcontrole"


def _bedrijven(begin: int, aantal: int) -> bytes:
    """`aantal` distinct companies from number `begin`, and the first one again at the end."""
    regels = [
        f"Bedrijf {i};{50000000 + i};info@b{i}.example;{1000 + i}AA;Markt;1;Oss;;Jansen{i};;"
        f"2025-01-02;Kennismaking"
        for i in range(begin, begin + aantal)
    ]
    return _csv(*regels, regels[0])


def test_aantal_queries_hangt_niet_af_van_het_aantal_rijen(am, afdeling_ez):
    relatie_handmatig_create(
        actor=am, soort=RelatieSoort.BEDRIJF, naam="Bestaand", eenheid=afdeling_ez
    )
    assert _import(am, afdeling_ez, _bedrijven(1, 1)).uitgevoerd  # counters and memos made
    tellingen = []
    for begin, aantal in ((100, 10), (1000, 200)):
        with CaptureQueriesContext(connection) as queries:
            verslag = _import(am, afdeling_ez, _bedrijven(begin, aantal))
        assert verslag.uitgevoerd
        assert verslag.aantal("samengevoegd") == 1
        sql = [q["sql"] for q in queries.captured_queries]
        audit = [q for q in sql if q.startswith('INSERT INTO "audit_auditentry"')]
        tellingen.append((len(sql) - len(audit), len(audit)))
    (overig_10, audit_10), (overig_200, audit_200) = tellingen
    assert overig_10 == overig_200, tellingen
    # Audit entries go in with the kernel's bulk_create, which SQLite splits at its limit of
    # 999 parameters per statement (about 60 entries): still far from one query per row.
    assert audit_200 - audit_10 <= 200 * 5 // 60, tellingen


def test_cli_schrijft_compacte_json_per_rij(tmp_path, crm_org, afdeling_ez):
    bestand = tmp_path / "export.xlsx"
    bestand.write_bytes(imp.testbestand_xlsx(3, extra=[imp.testbestand_rij(2)]))
    uit = io.StringIO()
    call_command(
        "crm", "import", str(bestand), "--dry-run", "--organisatie", crm_org.rsin,
        "--afdeling", afdeling_ez.naam, stdout=uit,
    )  # fmt: skip
    tekst = uit.getvalue()
    rapport = json.loads(tekst)
    assert rapport["aantallen"] == {"nieuw": 3, "samengevoegd": 1, "overgeslagen": 0, "fout": 0}
    assert rapport["rijen"][0] == {
        "rij": 2,
        "naam": "Testbedrijf 1 B.V.",
        "uitkomst": "nieuw",
        "relatie": rapport["rijen"][0]["relatie"],
        "toegevoegd": ["contactpersoon Jansen1", "contactmoment Kennismaking"],
    }
    assert rapport["rijen"][3]["dubbel"]["bron"] == "rij 3"
    # One line per row: a 100,000-row report can be read (and grepped) line by line.
    assert len([r for r in tekst.splitlines() if r.strip().startswith('{"rij":')]) == 4


def test_lang_verslag_wordt_ingekort_met_melding(am, afdeling_ez):
    inhoud = f"Naam;Onderwerp;Contactdatum;Verslag\nGarage;Bezoek;2025-01-02;{'x' * 1500}\n"
    verslag = _import(am, afdeling_ez, inhoud.encode())
    assert verslag.uitgevoerd
    assert "ingekort tot 1000 tekens" in verslag.rijen[0].toegevoegd[-1]
    assert len(Klantcontact.objects.get().inhoud) == 1000


@settings(max_examples=60, deadline=None)
@given(
    naam=st.text(alphabet="abcdefghijklmnopqrstuvwxyz éë'-", min_size=1, max_size=40),
    vorm=st.sampled_from(["B.V.", "BV", "b.v.", "N.V.", "V.O.F.", "Holding", "CV"]),
)
def test_rechtsvorm_telt_niet_mee(naam, vorm):
    assert naam_vergelijkbaar(f"{naam} {vorm}") == naam_vergelijkbaar(naam)
