"""Contracts in the migration import (issue 6 item 11): the contract columns of an export,
checked per row in Dutch, duplicates reported, written through contract_create, all or
nothing, in the screens and on the command line."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.crm.contracten.importeren import (
    bedrag,
    datum,
    opzegtermijn,
    verlenging,
)
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.contracten.services import contract_create
from raadhuis.modules.crm.migratie.importeren import import_uitvoeren, mapping_voorstellen
from raadhuis.modules.crm.migratie.models import ImportBestand
from raadhuis.modules.crm.models import Relatie

DOCS_VOORBEELD = Path(__file__).parents[3] / "docs" / "crm" / "voorbeelden" / "contracten.csv"
BACKEND = "django.contrib.auth.backends.ModelBackend"
KOPPEN = (
    "Relatiecode;Bedrijfsnaam;KvK;E-mail;Postcode;Contractnummer;Contract;Waarde;Ingangsdatum;"
    "Einddatum;Opzegtermijn;Verlenging;Verlengingsperiode;Contracteigenaar;SROI uren;SROI bedrag"
)


def _csv(*regels: str) -> bytes:
    return ("\n".join((KOPPEN, *regels)) + "\n").encode()


def _import(actor, afdeling, inhoud: bytes, *, proef: bool, naam: str = "contracten.csv"):  # noqa: ANN001, ANN202
    return import_uitvoeren(
        actor=actor, inhoud=inhoud, bestandsnaam=naam, afdeling=afdeling, proef=proef
    )


# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("€ 12.500", "12500.00"),
        ("80.000", "80000.00"),  # an amount has two decimals: a dot and three digits is Dutch
        ("EUR 250000", "250000.00"),
        ("12.345.678", "12345678.00"),
        ("0", "0.00"),
        ("99,5", "99.50"),
    ],
)
def test_bedrag_nederlands_en_engels(tekst, verwacht):
    assert bedrag(tekst, "Waarde") == Decimal(verwacht)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("12,345", "dubbelzinnig"),
        ("-100", "negatief"),
        ("twaalf", "geen bedrag"),
        ("1.2.3", "geen bedrag"),
        ("1000.125", "meer dan 2 cijfers achter de komma"),
        ("9999999999999", "te groot"),
        ("1" * 40, "te groot"),
    ],
)
def test_bedrag_fouten(tekst, melding):
    with pytest.raises(ValidationError) as fout:
        bedrag(tekst, "Waarde")
    assert melding in fout.value.messages[0]
    assert fout.value.messages[0].startswith(f"Waarde '{tekst}'")


@given(st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2))
def test_bedrag_elke_notatie_geeft_hetzelfde(getal):
    engels = f"{getal:,.2f}"  # 1,234,567.89
    nederlands = engels.replace(",", "_").replace(".", ",").replace("_", ".")  # 1.234.567,89
    assert bedrag(engels, "W") == getal
    assert bedrag(nederlands, "W") == getal
    assert bedrag(f"{getal:.2f}", "W") == getal


def test_datum_opzegtermijn_verlenging():
    assert datum("2025-01-31", "Start") == date(2025, 1, 31)
    assert datum("31-01-2025", "Start") == date(2025, 1, 31)
    assert datum("31/01/2025", "Start") == date(2025, 1, 31)
    assert datum("2025-01-31 00:00", "Start") == date(2025, 1, 31)  # an Excel date cell
    for fout in ("31-02-2025", "morgen", "2025-13-01", "01-01-0001"):
        with pytest.raises(ValidationError, match="geen datum"):
            datum(fout, "Startdatum")

    assert opzegtermijn("") == (0, "maanden")
    assert opzegtermijn("3") == (3, "maanden")
    assert opzegtermijn("3 mnd") == (3, "maanden")
    assert opzegtermijn("90 dagen") == (90, "dagen")
    assert opzegtermijn("6 weken") == (42, "dagen")
    assert opzegtermijn("1 jaar") == (12, "maanden")
    for fout in ("drie", "3 eeuwen", "500 maanden"):
        with pytest.raises(ValidationError, match="geen termijn"):
            opzegtermijn(fout)

    assert verlenging("", "") == ("geen", None)
    assert verlenging("nee", "") == ("geen", None)
    assert verlenging("ja", "12") == ("automatisch", 12)
    assert verlenging("stilzwijgend met 1 jaar", "") == ("automatisch", 12)
    assert verlenging("", "24 maanden") == ("automatisch", 24)
    with pytest.raises(ValidationError, match="zonder verlengingsperiode"):
        verlenging("stilzwijgend", "")
    with pytest.raises(ValidationError, match="onbekend"):
        verlenging("misschien", "")
    with pytest.raises(ValidationError, match="maar er is een verlengingsperiode"):
        verlenging("nee", "12")


def test_mapping_voorstel_herkent_contractkolommen():
    voorstel = mapping_voorstellen(KOPPEN.split(";"))
    assert voorstel["naam"] == "Bedrijfsnaam"
    assert voorstel["ct_kenmerk"] == "Contractnummer"
    assert voorstel["ct_onderwerp"] == "Contract"
    assert voorstel["ct_waarde"] == "Waarde"
    assert voorstel["ct_start"] == "Ingangsdatum"
    assert voorstel["ct_eind"] == "Einddatum"
    assert voorstel["ct_opzegtermijn"] == "Opzegtermijn"
    assert voorstel["ct_verlenging"] == "Verlenging"
    assert voorstel["ct_verlengingsperiode"] == "Verlengingsperiode"
    assert voorstel["ct_eigenaar"] == "Contracteigenaar"
    assert voorstel["ct_sr_uren"] == "SROI uren"
    assert voorstel["ct_sr_bedrag"] == "SROI bedrag"
    # A contract register names the relation "Leverancier".
    assert mapping_voorstellen(["Leverancier", "Contract"])["naam"] == "Leverancier"


# --- the import -----------------------------------------------------------------------------


@pytest.fixture
def bestaand_contract(am, bedrijf, accountmanager, afdeling_ez):
    return contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Catering raadzaal",
        waarde="18000",
        startdatum=date(2024, 1, 1),
        afdeling=afdeling_ez,
    )


def _goede_regels(accountmanager) -> tuple[str, ...]:  # noqa: ANN001
    email = accountmanager.user.email
    gebruiker = accountmanager.user.username
    return (
        # 2: an existing relation named by e-mail only (no name), a renewing contract.
        f";;;info@proefkrakeling.example;;;Schoonmaak stadskantoor;1.234,56;01-01-2025;"
        f"31-12-2026;3;ja;12;{email};120;5.000,00",
        # 3: a new relation with a contract owned by username, with its own number.
        f"L100;Groenvoorziening Het Blad B.V.;12345670;;5211AB;EXT-2025-7;Groenonderhoud "
        f"parken;250000.00;2025-02-01;2027-01-31;2 maanden;nee;;{gebruiker};;",
        # 4: the contract the relation already has: reported, not added again.
        ";;;info@proefkrakeling.example;;;Catering raadzaal;18000;01-01-2024;;;;;;;",
        # 5: row 3 again (same KvK, same subject and start): reported, not added twice.
        ";Groenvoorziening Het Blad;12345670;;;;Groenonderhoud parken;250000;01-02-2025;;;;;;;",
        # 6: a relation without a contract.
        "L101;Bakkerij Zonder Contract;;;;;;;;;;;;;;",
    )


def test_contracten_inlezen_proef_dan_echt(
    am, accountmanager, afdeling_ez, bedrijf, bestaand_contract
):
    inhoud = _csv(*_goede_regels(accountmanager))

    proef = _import(am, afdeling_ez, inhoud, proef=True)
    assert not proef.heeft_fouten, proef.as_dict()
    assert Contract.objects.count() == 1  # the dry run wrote nothing
    rijen = {r.nummer: r for r in proef.rijen}
    assert {n: r.uitkomst for n, r in rijen.items()} == {
        2: "samengevoegd",
        3: "nieuw",
        4: "samengevoegd",
        5: "samengevoegd",
        6: "nieuw",
    }
    assert rijen[2].naam == "Bakkerij De Proefkrakeling B.V."  # named by its relation
    assert rijen[2].toegevoegd == ["contract Schoonmaak stadskantoor"]
    assert rijen[4].toegevoegd == []
    assert rijen[4].meldingen == [
        f"contract Catering raadzaal (start 01-01-2024) bestaat al als "
        f"{bestaand_contract.kenmerk}; niet opnieuw toegevoegd"
    ]
    assert rijen[5].meldingen == [
        "contract Groenonderhoud parken (start 01-02-2025) staat ook op rij 3; niet nog eens "
        "toegevoegd"
    ]
    assert rijen[6].toegevoegd == []
    assert "meldingen" in rijen[4].as_dict()

    verslag = _import(am, afdeling_ez, inhoud, proef=False)
    assert verslag.uitgevoerd, verslag.as_dict()
    assert Contract.objects.count() == 3
    schoonmaak = Contract.objects.get(onderwerp="Schoonmaak stadskantoor")
    assert schoonmaak.partij_id == bedrijf.partij_id
    assert schoonmaak.waarde == Decimal("1234.56")
    assert (schoonmaak.startdatum, schoonmaak.einddatum) == (date(2025, 1, 1), date(2026, 12, 31))
    assert (schoonmaak.opzegtermijn, schoonmaak.opzegtermijn_eenheid) == (3, "maanden")
    assert (schoonmaak.verlenging, schoonmaak.verlengingsperiode_maanden) == ("automatisch", 12)
    assert schoonmaak.eigenaar == accountmanager
    assert schoonmaak.afdeling == afdeling_ez
    assert schoonmaak.sr_uren_toegezegd == Decimal("120.0")
    assert schoonmaak.sr_bedrag_toegezegd == Decimal("5000.00")
    assert schoonmaak.kenmerk.startswith("CON-2025-")

    groen = Contract.objects.get(onderwerp="Groenonderhoud parken")
    assert groen.kenmerk == "EXT-2025-7"
    assert groen.partij.weergavenaam == "Groenvoorziening Het Blad B.V."
    assert Relatie.objects.filter(partij=groen.partij).exists()
    assert (groen.opzegtermijn, groen.verlenging) == (2, "geen")
    assert groen.sr_uren_toegezegd is None

    audit = AuditEntry.objects.filter(actie="contract_aangemaakt", object_uuid=groen.uuid).get()
    assert audit.toelichting == "Migratie, rij 3"
    assert audit.wijzigingen["waarde"] == [None, "250000.00"]

    # Importing the same file again adds no contract (each is now a duplicate).
    opnieuw = _import(am, afdeling_ez, inhoud, proef=False)
    assert opnieuw.uitgevoerd
    assert Contract.objects.count() == 3
    assert "bestaat al als EXT-2025-7" in opnieuw.rijen[1].meldingen[0]


def test_fouten_per_rij_en_niets_ingelezen(am, accountmanager, afdeling_ez, bedrijf):
    inhoud = _csv(
        *_goede_regels(accountmanager),
        ";;99999999;;;;Onderhoud;100;01-01-2025;;;;;;;",  # 7
        ";Firma A;;;;;Onderhoud;100;31-02-2025;;;;;;;",  # 8
        ";Firma B;;;;;Onderhoud;twaalf;01-01-2025;;;;;;;",  # 9
        ";Firma C;;;;;Onderhoud;100;01-06-2025;01-01-2025;;;;;;",  # 10
        ";Firma D;;;;;Onderhoud;100;01-01-2025;;;;;iemand@elders.example;;",  # 11
        ";Firma E;;;;;Onderhoud;100;01-01-2025;31-12-2025;;stilzwijgend;;;;",  # 12
        ";Firma F;;;;;;1,234;;;;;;;;",  # 13
        ";Firma G;;;;EXT-1;Reiniging;100;01-01-2025;;;;;;;",  # 14
        ";Firma H;;;;EXT-1;Verlichting;100;01-01-2025;;;;;;;",  # 15
    )
    verslag = _import(am, afdeling_ez, inhoud, proef=False)
    assert not verslag.uitgevoerd
    fouten = {r.nummer: r.fouten for r in verslag.rijen if r.fouten}
    assert fouten == {
        7: [
            "Onbekende relatie: er is geen relatie met KvK-nummer 99999999. Vul de naam in om "
            "een nieuwe relatie te maken, of verbeter het kenmerk."
        ],
        8: ["Startdatum '31-02-2025' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)."],
        9: ["Contractwaarde 'twaalf' is geen bedrag (bijvoorbeeld 1.234,56 of 1234.56)."],
        10: ["De einddatum 01-01-2025 ligt voor de startdatum 01-06-2025."],
        11: [
            "Contracteigenaar 'iemand@elders.example' is geen medewerker (gebruik het "
            "e-mailadres of de gebruikersnaam)."
        ],
        12: ["Stilzwijgende verlenging zonder verlengingsperiode: vul het aantal maanden in."],
        13: [
            "Het contract heeft geen onderwerp.",
            "Contractwaarde '1,234' is dubbelzinnig (duizend of een komma-getal?); schrijf "
            "bijvoorbeeld 1234 of 1.234,00.",
            "Het contract heeft geen startdatum.",
        ],
        15: ["Contractnummer EXT-1 staat ook op rij 14, bij een ander contract."],
    }
    assert "Er is niets ingelezen." in verslag.samenvatting()
    # All or nothing: not the good rows' relations or contracts either.
    assert Contract.objects.count() == 0
    assert not Relatie.objects.filter(partij__weergavenaam__startswith="Groenvoorziening").exists()


def test_contractnummer_al_in_gebruik_en_inactieve_eigenaar(
    am, accountmanager, afdeling_ez, bedrijf, bestaand_contract, crm_org
):
    from tests import factories

    oud = factories.medewerker(crm_org, username="vertrokken", team=afdeling_ez)
    oud.actief = False
    oud.save()
    inhoud = _csv(
        f";Firma K;;;;{bestaand_contract.kenmerk};Nieuw werk;100;01-01-2025;;;;;;;",
        ";Firma L;;;;;Nieuw werk;100;01-01-2025;;;;;vertrokken;;",
    )
    verslag = _import(am, afdeling_ez, inhoud, proef=True)
    assert [r.fouten for r in verslag.rijen] == [
        [f"Contractnummer {bestaand_contract.kenmerk} is al in gebruik voor een ander contract."],
        ["Contracteigenaar 'vertrokken' is geen actieve medewerker meer."],
    ]


def test_relatiebestand_zonder_contractkolommen_laadt_geen_contracten(
    am, afdeling_ez, django_assert_max_num_queries
):
    """A relations-only export pays nothing for contracts; a contract run checks its rows
    without a query per row."""
    inhoud = b"Naam;E-mail\n" + b"".join(
        f"Firma {i};info{i}@firma.example\n".encode() for i in range(40)
    )
    with django_assert_max_num_queries(12) as alleen_relaties:
        _import(am, afdeling_ez, inhoud, proef=True)
    regels = [f";Firma {i};;;;;Werk {i};100;01-01-2025;;;;;;;" for i in range(40)]
    with django_assert_max_num_queries(len(alleen_relaties) + 2):
        verslag = _import(am, afdeling_ez, _csv(*regels), proef=True)
    assert not verslag.heeft_fouten


def test_zonder_naamkolom_mag_alleen_met_contracten(am, afdeling_ez, bedrijf):
    koppeling = {
        "email": "E-mail",
        "ct_onderwerp": "Contract",
        "ct_waarde": "Waarde",
        "ct_start": "Ingangsdatum",
    }
    inhoud = (
        b"E-mail;Contract;Waarde;Ingangsdatum\ninfo@proefkrakeling.example;Werk;10;2025-01-01\n"
    )
    verslag = import_uitvoeren(
        actor=am,
        inhoud=inhoud,
        bestandsnaam="c.csv",
        afdeling=afdeling_ez,
        mapping=koppeling,
        proef=False,
    )
    assert verslag.uitgevoerd, verslag.as_dict()
    assert Contract.objects.get().partij_id == bedrijf.partij_id

    # "Not a duplicate" for a row without a name cannot make a new relation.
    verslag = import_uitvoeren(
        actor=am,
        inhoud=inhoud,
        bestandsnaam="c.csv",
        afdeling=afdeling_ez,
        mapping=koppeling,
        keuzes={"2": {"_actie": "apart"}},
        proef=True,
    )
    assert verslag.rijen[0].fouten == [
        "Zonder naam wordt een rij geen nieuwe relatie: kies samenvoegen."
    ]

    zonder_contract = {"email": "E-mail"}
    verslag = import_uitvoeren(
        actor=am,
        inhoud=inhoud,
        bestandsnaam="c.csv",
        afdeling=afdeling_ez,
        mapping=zonder_contract,
        proef=True,
    )
    assert verslag.algemene_fouten == ["Koppel een kolom aan 'Naam'."]


# --- screens and command line ---------------------------------------------------------------


def test_scherm_upload_koppelen_verslag_importeren(client, accountmanager, afdeling_ez, bedrijf):
    client.force_login(accountmanager.user, backend=BACKEND)
    html = client.get(reverse("crm:migratie:overzicht")).content.decode()
    assert "contactmomenten en contracten" in html
    assert "Contracten lees je in bij Contracten" not in html

    inhoud = _csv(*_goede_regels(accountmanager)[:2])
    client.post(
        reverse("crm:migratie:overzicht"),
        {"bestand": SimpleUploadedFile("register.csv", inhoud), "afdeling": afdeling_ez.pk},
    )
    bestand = ImportBestand.objects.get()
    html = client.get(reverse("crm:migratie:koppelen", args=[bestand.uuid])).content.decode()
    assert "Contract: onderwerp" in html
    assert '<option value="Contract" selected>' in html

    # Without the name column (KvK/e-mail and contract columns) the mapping is accepted; the
    # new relation of row 3 is then unknown: the report says so and nothing can be imported.
    mapping = {k: v for k, v in bestand.mapping.items() if k != "naam"}
    response = client.post(reverse("crm:migratie:koppelen", args=[bestand.uuid]), mapping)
    assert response.status_code == 302
    html = client.get(reverse("crm:migratie:verslag", args=[bestand.uuid])).content.decode()
    assert "met contract Schoonmaak stadskantoor" in html
    assert "Onbekende relatie: er is geen relatie met KvK-nummer 12345670." in html
    assert "Definitief importeren" not in html

    volledig = {**mapping, "naam": "Bedrijfsnaam"}
    client.post(reverse("crm:migratie:koppelen", args=[bestand.uuid]), volledig)
    html = client.get(reverse("crm:migratie:verslag", args=[bestand.uuid])).content.decode()
    assert "Definitief importeren" in html
    response = client.post(reverse("crm:migratie:importeren", args=[bestand.uuid]))
    assert response.status_code == 302
    assert sorted(Contract.objects.values_list("onderwerp", flat=True)) == [
        "Groenonderhoud parken",
        "Schoonmaak stadskantoor",
    ]

    # A relations-only mapping without a name column is still refused, on the field.
    client.post(
        reverse("crm:migratie:overzicht"),
        {"bestand": SimpleUploadedFile("x.csv", b"Naam;E-mail\nA;a@b.example\n"),
         "afdeling": afdeling_ez.pk},
    )  # fmt: skip
    tweede = ImportBestand.objects.exclude(pk=bestand.pk).get()
    response = client.post(
        reverse("crm:migratie:koppelen", args=[tweede.uuid]), {"email": "E-mail"}
    )
    assert response.status_code == 400
    assert 'id="id_naam_error"' in response.content.decode()


def test_opdrachtregel(tmp_path, crm_org, accountmanager, afdeling_ez, bedrijf):
    pad = tmp_path / "contracten.csv"
    pad.write_bytes(_csv(*_goede_regels(accountmanager)[:2]))
    uit = io.StringIO()
    call_command("crm", "import", str(pad), "--dry-run", "--afdeling", afdeling_ez.naam, stdout=uit)
    verslag = json.loads(uit.getvalue())
    assert verslag["proef"] is True
    assert verslag["rijen"][0]["toegevoegd"] == ["contract Schoonmaak stadskantoor"]
    assert Contract.objects.count() == 0

    call_command("crm", "import", str(pad), "--afdeling", afdeling_ez.naam, stdout=io.StringIO())
    assert Contract.objects.count() == 2
    audit = AuditEntry.objects.filter(actie="contract_aangemaakt").first()
    assert audit.actor_weergave == "Systeem (crm import)"

    pad.write_bytes(_csv(";Firma X;;;;;Werk;abc;01-01-2025;;;;;;;"))
    with pytest.raises(CommandError, match="Er is niets ingelezen"):
        call_command(
            "crm", "import", str(pad), "--afdeling", afdeling_ez.naam, stdout=io.StringIO()
        )


def test_voorbeeldbestand_in_de_handleiding_leest_foutloos_in(am, afdeling_ez, crm_org):
    """docs/crm/voorbeelden/contracten.csv is the file the migration guide shows; its owner is
    the demo's user 'accountmanager'."""
    from tests import factories

    factories.medewerker(crm_org, username="accountmanager", team=afdeling_ez)
    inhoud = DOCS_VOORBEELD.read_bytes()
    verslag = _import(am, afdeling_ez, inhoud, proef=False, naam="contracten.csv")
    assert verslag.uitgevoerd, verslag.as_dict()
    assert Contract.objects.count() == len(verslag.rijen) == 4


def test_excel_getallen_en_datums(am, afdeling_ez):
    """An .xlsx holds numbers and dates as cells, not text: they read as the same values."""
    from datetime import datetime

    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.append(["Bedrijfsnaam", "Contract", "Waarde", "Ingangsdatum", "Einddatum", "SROI uren"])
    blad.append(["Firma Excel", "Licenties", 1234.5, datetime(2025, 3, 1), date(2026, 2, 28), 80])
    uit = io.BytesIO()
    boek.save(uit)
    verslag = _import(am, afdeling_ez, uit.getvalue(), proef=False, naam="register.xlsx")
    assert verslag.uitgevoerd, verslag.as_dict()
    contract = Contract.objects.get()
    assert contract.waarde == Decimal("1234.50")
    assert (contract.startdatum, contract.einddatum) == (date(2025, 3, 1), date(2026, 2, 28))
    assert contract.sr_uren_toegezegd == Decimal("80.0")
