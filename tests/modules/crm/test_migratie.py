"""Migration import of relations, contact persons and contact moments (issue 6 item 11)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from raadhuis.modules.crm.migratie import importeren as imp
from raadhuis.modules.crm.migratie.importeren import (
    TESTKOPPEN,
    import_uitvoeren,
    mapping_voorstellen,
)
from raadhuis.modules.crm.models import Contactpersoon, Klantcontact, Relatie, RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create

pytestmark = pytest.mark.django_db


def _dubbel_van(i: int, **anders) -> list:
    """Row i again, with some values different (a duplicate in the export)."""
    rij = imp.testbestand_rij(i)
    for index, waarde in anders.items():
        rij[int(index)] = waarde
    return rij


def test_mapping_voorstel_herkent_exact_koppen():
    voorstel = mapping_voorstellen(TESTKOPPEN)
    assert voorstel["naam"] == "Bedrijfsnaam"
    assert voorstel["kvk_nummer"] == "KvK"
    assert voorstel["email"] == "E-mail"
    assert voorstel["postcode"] == "Postcode"
    assert voorstel["cp_achternaam"] == "Contactpersoon"
    assert voorstel["cp_rol"] == "Functie"
    assert voorstel["kc_datum"] == "Contactdatum"


def test_excel_met_dubbelen_wordt_samengevoegd(am, afdeling_ez):
    bestaand = relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.BEDRIJF,
        naam="Bakkerij De Korenbloem",
        eenheid=afdeling_ez,
        kvk_nummer="90000003",
    )
    # Row 5 (file row 7) repeats company 1 by KvK with another contact person; row 6
    # repeats company 2 by e-mail; company 3 exists already in the CRM (same KvK).
    extra = [
        _dubbel_van(
            1, **{"9": "Pietersen", "11": "secretaris", "4": "06-12345678", "14": "Vervolg"}
        ),
        _dubbel_van(2, **{"2": "", "1": "Testbedrijf twee"}),
    ]
    inhoud = imp.testbestand_xlsx(4, extra=extra)

    proef = import_uitvoeren(
        actor=am, inhoud=inhoud, bestandsnaam="exact.xlsx", afdeling=afdeling_ez, proef=True
    )
    assert not proef.heeft_fouten, proef.as_dict()
    assert Relatie.objects.count() == 1  # dry run wrote nothing
    uitkomsten = {r.nummer: r.uitkomst for r in proef.rijen}
    assert uitkomsten == {
        2: "nieuw",
        3: "nieuw",
        4: "samengevoegd",
        5: "nieuw",
        6: "samengevoegd",
        7: "samengevoegd",
    }
    rij4 = proef.rijen[2]
    assert rij4.dubbel["reden"] == "zelfde KvK-nummer"
    assert rij4.dubbel["bron"] == "bestaand"
    assert rij4.relatie_uuid == str(bestaand.partij.uuid)
    assert proef.rijen[5].dubbel["reden"] == "zelfde e-mailadres"
    assert proef.rijen[4].dubbel["bron"] == "rij 2"

    # The merge screen's choice: take the phone number of row 6 into the relation.
    verslag = import_uitvoeren(
        actor=am,
        inhoud=inhoud,
        bestandsnaam="exact.xlsx",
        afdeling=afdeling_ez,
        keuzes={"6": {"telefoonnummer": "import"}},
        proef=False,
    )
    assert verslag.uitgevoerd
    assert Relatie.objects.count() == 4  # 1 existing + 3 new
    bedrijf1 = Relatie.objects.get(partij__identificatie="90000001")
    rollen = sorted(c.rol for c in Contactpersoon.objects.filter(relatie=bedrijf1))
    assert rollen == ["directeur", "secretaris"]
    assert bedrijf1.lokaal_telefoonnummer == "06-12345678"
    assert Klantcontact.objects.filter(partij=bedrijf1.partij).count() == 2
    bestaand.refresh_from_db()
    assert bestaand.partij.weergavenaam == "Bakkerij De Korenbloem"  # register name untouched
    assert Contactpersoon.objects.filter(relatie=bestaand).count() == 1


def test_vergelijkbare_naam_op_dezelfde_postcode(am, afdeling_ez):
    koppen = "Naam;Postcode;Straat;Huisnummer;Plaats\n"
    regels = (
        "Sportvereniging De Dommel;5211AB;Markt;1;'s-Hertogenbosch\n"
        "Sportver. De Dommel;5211 AB;;;\n"
        "Sportvereniging De Dommel;1234AB;;;\n"
    )
    verslag = import_uitvoeren(
        actor=am,
        inhoud=(koppen + regels).encode(),
        bestandsnaam="perfectview.csv",
        afdeling=afdeling_ez,
        proef=False,
    )
    assert [r.uitkomst for r in verslag.rijen] == ["nieuw", "samengevoegd", "nieuw"]
    assert verslag.rijen[1].dubbel["reden"] == "vergelijkbare naam op dezelfde postcode"


def test_alles_of_niets_bij_een_foute_rij(am, afdeling_ez):
    fout = imp.testbestand_rij(99)
    fout[2] = "123"  # not a KvK number
    fout[7] = "12345"  # not a postcode
    fout[12] = "gisteren"  # not a date
    verslag = import_uitvoeren(
        actor=am,
        inhoud=imp.testbestand_xlsx(3, extra=[fout]),
        bestandsnaam="x.xlsx",
        afdeling=afdeling_ez,
        proef=False,
    )
    assert not verslag.uitgevoerd
    assert Relatie.objects.count() == 0
    foutrij = verslag.rijen[-1]
    assert foutrij.nummer == 5
    assert foutrij.uitkomst == "fout"
    assert "KvK-nummer '123' is geen 8 cijfers." in foutrij.fouten
    assert "Postcode '12345' is geen Nederlandse postcode." in foutrij.fouten
    assert any("Contactdatum 'gisteren' is geen datum" in f for f in foutrij.fouten)
    assert [r.uitkomst for r in verslag.rijen[:3]] == ["nieuw"] * 3
    assert "Er is niets ingelezen." in verslag.samenvatting()


def test_inwoners_niet_uit_een_bestand(am, afdeling_ez):
    verslag = import_uitvoeren(
        actor=am,
        inhoud=b"naam,soort\nJ. de Vries,inwoner\n",
        bestandsnaam="x.csv",
        afdeling=afdeling_ez,
        proef=False,
    )
    assert "uit de BRP" in verslag.rijen[0].fouten[0]


def test_ontbrekende_naamkolom_en_onleesbaar_bestand(am, afdeling_ez):
    verslag = import_uitvoeren(
        actor=am, inhoud=b"kvk,plaats\n1,2\n", bestandsnaam="x.csv", afdeling=afdeling_ez
    )
    assert verslag.algemene_fouten == ["Koppel een kolom aan 'Naam'."]
    verslag = import_uitvoeren(
        actor=am, inhoud=b"PK\x03\x04rommel", bestandsnaam="x.xlsx", afdeling=afdeling_ez
    )
    assert verslag.algemene_fouten == ["Het bestand is geen leesbaar Excel-bestand (.xlsx)."]


def test_cli_dry_run_en_import_met_mapping(tmp_path, crm_org, afdeling_ez):
    bestand = tmp_path / "export.csv"
    bestand.write_text("Firma;Kamer\nGarage Van Dijk;12345678\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"naam": "Firma", "kvk_nummer": "Kamer"}))
    uit = io.StringIO()
    call_command(
        "crm",
        "import",
        str(bestand),
        "--dry-run",
        "--mapping",
        str(mapping),
        "--organisatie",
        crm_org.rsin,
        "--afdeling",
        afdeling_ez.naam,
        stdout=uit,
    )
    rapport = json.loads(uit.getvalue())
    assert rapport["proef"] is True
    assert rapport["rijen"][0]["uitkomst"] == "nieuw"
    assert Relatie.objects.count() == 0
    call_command(
        "crm",
        "import",
        str(bestand),
        "--mapping",
        str(mapping),
        "--organisatie",
        crm_org.rsin,
        "--afdeling",
        afdeling_ez.naam,
        stdout=io.StringIO(),
    )
    assert Relatie.objects.get().partij.identificatie == "12345678"


def test_cli_fout_geeft_json_en_foutmelding(tmp_path, crm_org, afdeling_ez):
    bestand = tmp_path / "export.csv"
    bestand.write_text("Naam,E-mail\nGarage,geen-mail\n", encoding="utf-8")
    uit = io.StringIO()
    with pytest.raises(CommandError, match="Er is niets ingelezen"):
        call_command(
            "crm",
            "import",
            str(bestand),
            "--organisatie",
            crm_org.rsin,
            "--afdeling",
            afdeling_ez.naam,
            stdout=uit,
        )
    rapport = json.loads(uit.getvalue())
    assert rapport["rijen"][0]["fouten"] == ["E-mailadres 'geen-mail' is geen geldig e-mailadres."]


def test_testbestand_datums_en_snelheid_klein(am, afdeling_ez):
    """Smoke test of the generator the benchmark uses (50 rows)."""
    verslag = import_uitvoeren(
        actor=am,
        inhoud=imp.testbestand_xlsx(50),
        bestandsnaam="bench.xlsx",
        afdeling=afdeling_ez,
        proef=False,
    )
    assert verslag.uitgevoerd and verslag.aantal("nieuw") == 50
    contact = Klantcontact.objects.order_by("plaatsgevonden_op").first()
    assert contact.plaatsgevonden_op.date() >= date(2025, 1, 1)


@pytest.mark.parametrize(
    ("a", "b", "dubbel"),
    [
        ("Bakkerij Jansen B.V.", "Bakkerij Jansen", True),
        ("Bakkerij Jansen", "Bakkerij Janssen", True),
        ("Sportvereniging De Dommel", "Sportver. De Dommel", True),
        ("Bakkerij Jansen", "Garage Van Dijk", False),
    ],
)
def test_naam_gelijkenis(a, b, dubbel):
    import difflib

    ratio = difflib.SequenceMatcher(
        None, imp.naam_vergelijkbaar(a), imp.naam_vergelijkbaar(b)
    ).ratio()
    assert (ratio >= imp.NAAM_GELIJKENIS) is dubbel
