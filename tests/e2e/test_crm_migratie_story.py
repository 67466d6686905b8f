"""Browser story of the migration (issue 6, item 11 and its quality bar): a medewerker of
Economische Zaken imports an Exact-like Excel export into the CRM. A first file with a bad row
is refused as a whole (per-row report, nothing saved). The corrected file: map the two columns
the suggestion missed, read the dry-run report, find the duplicates (same KvK number, same
e-mail address, a similar name at the same postcode, and a row that repeats an earlier row),
choose per field in the merge screen which value stays, import for real, and see that every
organisation exists once, with the file's contact persons and contact moments on it and the
chosen values as local data (the register data untouched).

The .xlsx is made with openpyxl in the test; every name in it is fictitious. Every page is
checked with axe-core and, at phone width, for sideways scrolling (Screen.check)."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.migratie.models import ImportBestand
from raadhuis.modules.crm.models import Contactpersoon, Klantcontact, Relatie, RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create
from tests import factories
from tests.e2e.conftest import Screen

pytestmark = [pytest.mark.e2e]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# As an Exact export names them: two headers ("KvK-nr", "Onderwerp gesprek") are not
# recognised by the suggestion and must be mapped by hand.
KOPPEN = [
    "Relatiecode",
    "Soort",
    "Bedrijfsnaam",
    "KvK-nr",
    "E-mailadres",
    "Telefoon",
    "Adres",
    "Huisnr",
    "Postcode",
    "Plaats",
    "Contactpersoon",
    "Voornaam",
    "Functie",
    "Contactdatum",
    "Kanaal",
    "Onderwerp gesprek",
    "Contract",
    "Contractwaarde",
    "Ingangsdatum",
]


def _rij(
    code,
    soort,
    naam,
    kvk,
    email,
    postcode,
    achternaam,
    voornaam,
    functie,
    onderwerp,
    contract=("", "", None),
):  # noqa: ANN001, ANN202, PLR0913
    return [
        code,
        soort,
        naam,
        kvk,
        email,
        "073-6150000",
        "Marktstraat",
        12,
        postcode,
        "Handelstad",
        achternaam,
        voornaam,
        functie,
        date(2025, 3, 1) if onderwerp else None,
        "telefoon" if onderwerp else "",
        onderwerp,
        *contract,
    ]


RIJEN = [
    # 2: the existing bakery (same KvK number), with another e-mail address.
    _rij(
        "D1001",
        "klant",
        "Bakkerij Jansen",
        12345678,
        "bestellingen@bakkerijjansen.example",
        "5211 AB",
        "Jansen",
        "Piet",
        "eigenaar",
        "Kennismaking nieuwe eigenaar",
    ),
    # 3: the existing bicycle shop (same e-mail address), under its trade name.
    _rij(
        "D1002",
        "klant",
        "Rijwielhandel De Snelle Spaak",
        "",
        "spaak@snellespaak.example",
        "5222CD",
        "Wielema",
        "Sanne",
        "bedrijfsleider",
        "Vraag over fietsparkeren",
    ),
    # 4: the existing printer (a similar name at the same postcode).
    _rij(
        "D1003",
        "klant",
        "Drukkerij 't Lettertje",
        "",
        "",
        "5233 EF",
        "Letterman",
        "Kees",
        "drukker",
        "Offerte folders",
    ),
    # 5: new.
    _rij(
        "D1004",
        "klant",
        "Kapsalon Knip & Go",
        "87654321",
        "knip@knipengo.example",
        "5244GH",
        "Schaar",
        "Linda",
        "eigenaar",
        "Aanvraag uitstalling",
    ),
    # 6: the same hair salon again (same KvK number as row 5), another contact person.
    _rij(
        "D1005",
        "klant",
        "Kapsalon Knip en Go VOF",
        "87654321",
        "",
        "5244GH",
        "Kam",
        "Joost",
        "medewerker",
        "",
    ),
    # 7: new, an association.
    _rij(
        "D1006",
        "stichting",
        "Stichting Buurthuis De Brug",
        "",
        "info@debrug.example",
        "5255JK",
        "Brugman",
        "Fatima",
        "voorzitter",
        "Subsidie buurtfeest",
        # The foundation's contract (Dutch amount notation, an Excel date cell).
        ("Beheer buurthuis", "48.000,00", date(2025, 1, 1)),
    ),
    # 8: new, at the bakery's postcode but a different business.
    _rij(
        "D1007",
        "klant",
        "Slagerij Pieters",
        "",
        "slager@pieters.example",
        "5211AB",
        "Pieters",
        "Ahmed",
        "eigenaar",
        "",
    ),
]


def _xlsx(rijen: list[list]) -> bytes:
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.title = "Relaties"
    blad.append(KOPPEN)
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


@pytest.fixture
def migratie_wereld(transactional_db):
    """Economische Zaken's medewerker 'migrator' and the three relations already in the CRM."""
    org = factories.organisatie("Gemeente Handelstad (migratie)")
    opvolging = crm_catalogus_ensure(org)
    ez = factories.team(org, "Economische Zaken")
    migrator = factories.medewerker(
        org, rollen=(Rol.MEDEWERKER,), zaaktypen=(opvolging,), team=ez, username="migrator"
    )
    ik = factories.actor(migrator)

    def bedrijf(naam: str, postcode: str, **extra: str) -> Relatie:
        return relatie_handmatig_create(
            actor=ik,
            soort=RelatieSoort.BEDRIJF,
            naam=naam,
            rechtsvorm="besloten_vennootschap",
            eenheid=ez,
            adres={
                "straatnaam": "Marktstraat",
                "huisnummer": 12,
                "postcode": postcode,
                "woonplaats": "Handelstad",
            },
            **extra,
        )

    return {
        "bakkerij": bedrijf(
            "Bakkerij Jansen B.V.",
            "5211AB",
            kvk_nummer="12345678",
            email="info@bakkerijjansen.example",
        ),
        "fiets": bedrijf(
            "Fietsenmaker De Snelle Spaak", "5222CD", email="spaak@snellespaak.example"
        ),
        "drukkerij": bedrijf("Drukkerij Het Lettertje", "5233EF"),
    }


def _upload(screen: Screen, naam: str, inhoud: bytes) -> None:
    page = screen.page
    page.get_by_label(re.compile(r"^Export")).set_input_files(
        files=[{"name": naam, "mimeType": XLSX, "buffer": inhoud}]
    )
    page.get_by_label(re.compile(r"^Afdeling")).select_option(label="Economische Zaken")
    screen.check("upload form filled in")
    screen.press("Uploaden", wait_for=re.compile(r"/koppelen/$"))
    assert page.get_by_role("heading", level=1, name="Kolommen koppelen").is_visible()


def _gekozen(screen: Screen, label: str) -> str:
    return (
        screen.page.get_by_label(re.compile("^" + re.escape(label)))
        .locator("option:checked")
        .inner_text()
    )


def test_excel_import_with_duplicates_merged(screen, migratie_wereld):  # noqa: PLR0915
    page = screen.page
    bestaand = migratie_wereld
    screen.login("migrator")
    screen.goto("/crm/migratie/")
    assert page.get_by_role("heading", level=1, name="Relaties importeren").is_visible()

    # 1. A file with a bad row: the report names the row; nothing can be imported.
    fout = [
        *RIJEN[:2],
        _rij("D9", "klant", "Kwekerij Groen", "", "geen-adres", "52 1", "", "", "", ""),
    ]
    _upload(screen, "export-met-fout.xlsx", _xlsx(fout))
    screen.press("Opslaan en proefimport doen")
    verslag = page.get_by_role("table", name="Uitkomst per rij")
    rij_fout = verslag.get_by_role("row").filter(has_text="Kwekerij Groen")
    assert "Postcode '52 1' is geen Nederlandse postcode." in rij_fout.inner_text()
    assert "E-mailadres 'geen-adres' is geen geldig e-mailadres." in rij_fout.inner_text()
    assert "Er is niets ingelezen." in screen.text()
    assert page.get_by_role("button", name="Definitief importeren").count() == 0
    assert Relatie.objects.count() == 3

    # 2. The corrected export: the suggestion found most columns; two are mapped by hand.
    screen.click_link("Terug naar importeren")
    _upload(screen, "export-exact.xlsx", _xlsx(RIJEN))
    assert _gekozen(screen, "Naam") == "Bedrijfsnaam"
    assert _gekozen(screen, "E-mailadres") == "E-mailadres"
    assert _gekozen(screen, "Contactpersoon: achternaam") == "Contactpersoon"
    assert _gekozen(screen, "KvK-nummer") == "— niet inlezen —"
    page.get_by_label(re.compile(r"^KvK-nummer")).select_option("KvK-nr")
    page.get_by_label(re.compile(r"^Contactmoment: onderwerp")).select_option("Onderwerp gesprek")
    screen.check("mapping chosen")
    screen.press("Opslaan en proefimport doen", wait_for=re.compile(r"/migratie/[0-9a-f-]{36}/$"))

    # 3. The dry run: every row reported, the duplicates found, nothing saved yet.
    samenvatting = page.get_by_role("region", name="Verslag van de proefimport").get_by_role(
        "status"
    )
    assert samenvatting.inner_text().strip() == (
        "7 rijen: 3 nieuwe relaties, 4 samengevoegd met een bestaande relatie, 0 overgeslagen, "
        "0 met fouten. Proefimport: er is niets opgeslagen."
    ), screen.text()
    assert Relatie.objects.count() == 3
    # The mapping can be downloaded for the command line (`raadhuis crm import --mapping`).
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Koppeling downloaden")).click()
    with open(download.value.path(), encoding="utf-8") as fh:
        koppeling = json.load(fh)
    assert koppeling["kvk_nummer"] == "KvK-nr"
    assert koppeling["kc_onderwerp"] == "Onderwerp gesprek"
    assert koppeling["naam"] == "Bedrijfsnaam"
    samenvoegen = page.get_by_role("region", name="Dubbele relaties samenvoegen")
    legendes = samenvoegen.locator("legend").all_inner_texts()
    assert legendes == [
        "Rij 2: Bakkerij Jansen — zelfde KvK-nummer als Bakkerij Jansen B.V. (bestaand)",
        "Rij 3: Rijwielhandel De Snelle Spaak — zelfde e-mailadres als Fietsenmaker De Snelle "
        "Spaak (bestaand)",
        "Rij 4: Drukkerij 't Lettertje — vergelijkbare naam op dezelfde postcode als Drukkerij "
        "Het Lettertje (bestaand)",
        "Rij 6: Kapsalon Knip en Go VOF — zelfde KvK-nummer als Kapsalon Knip & Go (rij 5)",
    ], legendes

    # 4. The merge screen: the bakery's new e-mail address and the shop's trade name stay.
    assert page.get_by_label("Wat gebeurt er met deze rij?").first.input_value() == "samenvoegen"
    page.get_by_label("Uit het bestand: bestellingen@bakkerijjansen.example").check()
    page.get_by_label("Uit het bestand: Rijwielhandel De Snelle Spaak").check()
    screen.check("merge choices made")
    screen.press("Keuzes opslaan en opnieuw controleren")
    assert "Keuzes opgeslagen; de proefimport is opnieuw gedaan." in screen.text()
    assert page.get_by_label("Uit het bestand: bestellingen@bakkerijjansen.example").is_checked()
    assert page.get_by_label("Uit het bestand: Rijwielhandel De Snelle Spaak").is_checked()
    assert page.get_by_label("Bestaand: Drukkerij Het Lettertje").is_checked()
    assert Relatie.objects.count() == 3

    # 5. Import for real: all rows in, the report stays.
    screen.press("Definitief importeren")
    assert "Alles is ingelezen." in screen.text()
    assert page.get_by_role("button", name="Definitief importeren").count() == 0
    assert page.get_by_role("region", name="Dubbele relaties samenvoegen").count() == 0
    verslag = page.get_by_role("table", name="Uitkomst per rij")
    brug = verslag.get_by_role("row").filter(has_text="Stichting Buurthuis De Brug").inner_text()
    assert "contract Beheer buurthuis" in brug
    uitkomst = verslag.get_by_role("row").filter(has_text="Kapsalon Knip en Go VOF").inner_text()
    assert "Samengevoegd met Kapsalon Knip & Go (zelfde KvK-nummer)" in uitkomst
    assert ImportBestand.objects.filter(geimporteerd_op__isnull=False).count() == 1

    # Every organisation exists once; the file's contact persons and contacts are on it.
    assert Relatie.objects.count() == 6
    for naam in (
        "Bakkerij Jansen B.V.",
        "Fietsenmaker De Snelle Spaak",
        "Drukkerij Het Lettertje",
        "Kapsalon Knip & Go",
        "Stichting Buurthuis De Brug",
        "Slagerij Pieters",
    ):
        assert Relatie.objects.filter(partij__weergavenaam=naam).count() == 1, naam
    contract = Contract.objects.get()
    assert (contract.onderwerp, contract.waarde) == ("Beheer buurthuis", Decimal("48000.00"))
    assert contract.partij.weergavenaam == "Stichting Buurthuis De Brug"
    knip = Relatie.objects.get(partij__weergavenaam="Kapsalon Knip & Go")
    assert sorted(
        Contactpersoon.objects.filter(relatie=knip).values_list("persoon__weergavenaam", flat=True)
    ) == ["Joost Kam", "Linda Schaar"]
    bakkerij = Relatie.objects.select_related("partij").get(pk=bestaand["bakkerij"].pk)
    assert bakkerij.lokaal_email == "bestellingen@bakkerijjansen.example"
    assert bakkerij.partij.email == "info@bakkerijjansen.example", "register data untouched"
    fiets = Relatie.objects.select_related("partij").get(pk=bestaand["fiets"].pk)
    assert fiets.lokale_naam == "Rijwielhandel De Snelle Spaak"
    assert fiets.partij.weergavenaam == "Fietsenmaker De Snelle Spaak"
    drukkerij = Relatie.objects.get(pk=bestaand["drukkerij"].pk)
    assert drukkerij.lokale_naam == ""
    assert (
        Klantcontact.objects.filter(partij=drukkerij.partij, onderwerp="Offerte folders").count()
        == 1
    )

    # 6. In the relations list each appears once; the bakery's page shows what was merged.
    screen.goto("/crm/relaties/")
    for naam in (
        "Bakkerij Jansen B.V.",
        "Drukkerij Het Lettertje",
        "Kapsalon Knip & Go",
        "Stichting Buurthuis De Brug",
        "Slagerij Pieters",
    ):
        assert page.get_by_role("link", name=naam, exact=True).count() == 1, naam
    assert "Knip en Go VOF" not in screen.text()
    screen.click_link("Bakkerij Jansen B.V.")
    tekst = screen.text()
    assert "bestellingen@bakkerijjansen.example" in tekst
    assert "Kennismaking nieuwe eigenaar" in tekst
    assert "Piet Jansen" in tekst

    # The upload is listed as imported.
    screen.goto("/crm/migratie/")
    eerdere = page.get_by_role("region", name="Eerdere bestanden")
    assert "export-exact.xlsx" in eerdere.inner_text()
    regel = eerdere.get_by_role("listitem").filter(has_text="export-exact.xlsx").inner_text()
    assert "ingelezen" in regel and "nog niet" not in regel
