"""Issue 4, the functional administrator's destruction story, in the browser: one functioneel
beheerder draws up a destruction list of cases whose retention period has passed, takes one
off with a reason and submits it; a second functioneel beheerder approves it (the author
cannot); the list is executed, the documents leave storage, and the report is on screen and
downloadable. Every page is checked with axe (Screen.check)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.catalog.models import ResultaatType
from raadhuis.kernel.documents.models import InformatieObjectVersie
from raadhuis.kernel.documents.services import zaak_document_add
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = [pytest.mark.e2e]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class Archief:
    fb: object
    archivaris: object
    weg: object  # closed 2019-03-15, destroy after 7 years: due 2026-03-15
    bewaard: object  # on the list too, taken off by the author
    bestanden: list[str]
    client_data: list[str]


def _gesloten(actor, zaaktype, einddatum: date, omschrijving: str, initiator) -> Zaak:
    zaak = zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        omschrijving=omschrijving,
        startdatum=einddatum - timedelta(days=60),
        initiator=initiator,
    )
    zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(b"Geachte mevrouw Veenstra, ...", name="beschikking.txt"),
        titel="Beschikking Veenstra",
        informatieobjecttype=zaaktype.informatieobjecttypen.first(),
    )
    zaak_status_set(
        actor=actor,
        zaak=zaak,
        statustype=zaaktype.statustypen.order_by("-volgnummer").first(),
        resultaattype=zaaktype.resultaattypen.get(omschrijving="Gegrond"),
        datum=datetime.combine(einddatum, time(12), tzinfo=AMSTERDAM),
    )
    return Zaak.objects.get(pk=zaak.pk)


@pytest.fixture
def archief(transactional_db) -> Archief:
    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZEV")
    shv = factories.zaaktype(
        org, identificatie="SHV", omschrijving="Schuldhulpverlening", versiedatum=date(2018, 1, 1)
    )
    ResultaatType.objects.filter(zaaktype=shv, omschrijving="Gegrond").update(
        archiefactietermijn="P7Y"
    )
    consulent = factories.medewerker(org, zaaktypen=(shv,), username="consulent")
    fb = factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb")
    archivaris = factories.medewerker(
        org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="archivaris"
    )
    actor = factories.actor(consulent)
    klant = factories.persoon(actor, "Veenstra", voornamen="Vera")
    weg = _gesloten(actor, shv, date(2019, 3, 15), "Schulden mevrouw Veenstra", klant)
    bewaard = _gesloten(actor, shv, date(2019, 5, 2), "Schulden mevrouw Veenstra (2)", klant)
    bestanden = list(
        InformatieObjectVersie.objects.filter(informatieobject__zaken__zaak=weg).values_list(
            "bestand", flat=True
        )
    )
    return Archief(
        fb=fb,
        archivaris=archivaris,
        weg=weg,
        bewaard=bewaard,
        bestanden=bestanden,
        client_data=["Veenstra", "Vera", klant.bsn, "Schulden mevrouw", "Beschikking"],
    )


def _geen_clientgegevens(screen, archief: Archief) -> None:
    html = screen.html()
    shown = [item for item in archief.client_data if item in html]
    assert not shown, f"personal data on {screen.page.url}: {shown}"


def test_a_list_is_drawn_up_approved_by_a_second_administrator_and_executed(screen, archief):
    page = screen.page
    assert archief.weg.archiefactiedatum == date(2026, 3, 15)
    assert all(default_storage.exists(b) for b in archief.bestanden)

    # The author draws up the list.
    screen.login("fb")
    screen.goto("/vernietiging/")
    assert page.get_by_role("heading", name="Vernietigingslijsten").is_visible()
    assert "2 afgesloten zaken" in screen.text()
    screen.click_link("Vernietigingslijst opstellen")
    page.get_by_label("Zaaktype").select_option(label="Schuldhulpverlening (SHV)")
    screen.press("Zaken tonen")
    zaken = page.get_by_role("table", name="Zaken die vernietigd kunnen worden")
    assert archief.weg.identificatie in zaken.inner_text()
    _geen_clientgegevens(screen, archief)
    page.get_by_label("Naam van de lijst").fill("Schuldhulp afgesloten in 2019")
    screen.press("Vernietigingslijst opstellen", wait_for=re.compile(r"/vernietiging/lijsten/"))
    assert "Vernietigingslijst ‘Schuldhulp afgesloten in 2019’ is opgesteld." in screen.text()

    # One case stays: the author takes it off with a reason.
    screen.click_link(re.compile(rf"Uitzonderen.*{archief.bewaard.identificatie}"))
    page.get_by_label("Reden").fill("Er loopt nog een klacht over de afhandeling")
    screen.press("Uitzonderen", wait_for=re.compile(r"/vernietiging/lijsten/[0-9a-f-]{36}/$"))
    screen.press("Ter beoordeling aanbieden")
    assert "De lijst is ter beoordeling aangeboden." in screen.text()
    assert page.get_by_role("button", name="Goedkeuren").count() == 0, "no review of one's own"
    lijst_url = page.url
    screen.logout()

    # A second administrator reviews and approves.
    screen.login("archivaris")
    screen.goto(lijst_url.removeprefix(screen.base_url))
    assert archief.fb.naam in screen.text()
    page.get_by_label("Toelichting").fill("Steekproef van drie dossiers gedaan: akkoord")
    screen.press("Goedkeuren")
    assert "De lijst is goedgekeurd." in screen.text()

    # Execution: confirm, destroy, and the report.
    page.get_by_label("Ik bevestig de vernietiging").check()
    screen.press("Zaken vernietigen", wait_for=re.compile(r"/vernietiging/verslagen/"))
    assert "Vernietigd: 1, overgeslagen: 0, mislukt: 0." in screen.text()
    tabel = page.get_by_role("table", name="Vernietigde en overgeslagen zaken")
    rijen = tabel.locator("tbody tr")
    weg = rijen.filter(has_text=archief.weg.identificatie)
    assert "Vernietigd" in weg.inner_text() and "P7Y" in weg.inner_text()
    bewaard = rijen.filter(has_text=archief.bewaard.identificatie)
    assert "Uitgezonderd: Er loopt nog een klacht" in bewaard.inner_text()
    assert archief.archivaris.naam in screen.text() and archief.fb.naam in screen.text()
    _geen_clientgegevens(screen, archief)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    with open(download.value.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"

    assert not Zaak.objects.filter(pk=archief.weg.pk).exists()
    assert Zaak.objects.filter(pk=archief.bewaard.pk).exists()
    assert not any(default_storage.exists(b) for b in archief.bestanden)

    # The report stays findable under the reports.
    screen.click_link("Terug naar de vernietigingsverslagen")
    assert page.get_by_role("link", name="Schuldhulp afgesloten in 2019").is_visible()


def test_the_administrator_sets_a_retention_term_and_recomputes_closed_cases(screen, archief):
    page = screen.page
    screen.login("fb")
    screen.goto("/vernietiging/bewaartermijnen/")
    tabel = page.get_by_role("table", name=re.compile("Resultaattypen van Schuldhulpverlening"))
    assert "P7Y" in tabel.get_by_role("row").filter(has_text="Gegrond").first.inner_text()
    screen.click_link(re.compile(r"^Gegrond"))

    # A wrong term gets a Dutch message at the field; then the organisation's own term.
    page.get_by_label("Bewaartermijn").fill("tien jaar")
    page.get_by_label("Reden van de wijziging").fill("Besluit archivaris 2026")
    screen.press("Bewaartermijn opslaan")
    assert "Geef een duur op in ISO 8601" in screen.text()
    page.get_by_label("Bewaartermijn").fill("P10Y")
    page.get_by_label(re.compile(r"^Bron")).fill("Selectielijst gemeenten 2020, 1.1.2")
    screen.press("Bewaartermijn opslaan")
    assert "De bewaartermijn van ‘Gegrond’ is opgeslagen." in screen.text()
    historie = page.get_by_role("table", name=re.compile("Eigen termijnen"))
    assert "Besluit archivaris 2026" in historie.inner_text()

    screen.click_link("Archiefactiedatum van afgesloten zaken herberekenen")
    assert "2 afgesloten zaken" in screen.text()
    page.get_by_label("Reden").fill("Nieuwe termijn toepassen op oude dossiers")
    screen.press("Herberekenen")
    assert "De archiefactiedatum van 2 zaken is herberekend en gewijzigd." in screen.text()
    archief.weg.refresh_from_db()
    assert archief.weg.archiefactiedatum == date(2029, 3, 15)
    _geen_clientgegevens(screen, archief)
