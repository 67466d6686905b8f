"""Browser test of budget management (issue 5): the consultant's story, through the UI only.

A consultant opens a budget account for a client and sets up the plan (salary in, rent out),
imports the bank statement with the salary, makes the day's payment proposal; a second person
approves it and downloads the pain.001 file for the bank; the consultant downloads the client's
statement. Every page is checked with axe, at desktop and at phone width (conftest.Screen).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.catalogus import budget_catalogus_ensure, budget_zaaktype
from raadhuis.modules.budget.models import Budgetrekening
from raadhuis.modules.budget.services import beheerrekening_ensure
from raadhuis.modules.budget.testbestanden import Regel, camt053_maken
from tests import factories

BEHEER_IBAN = "NL91ABNA0417164300"
CLIENT_IBAN = "NL20INGB0001234567"
WERKGEVER_IBAN = "NL44RABO0123456789"
HUUR_IBAN = "NL31BUNQ2291234567"
REKENING_URL = re.compile(r"/budget/rekeningen/[0-9a-f-]{36}/(#.*)?$")
VOORSTEL_URL = re.compile(r"/budget/betalingen/[0-9a-f-]{36}/$")


@dataclass
class Budgetwereld:
    organisatie: object
    consulent: object
    fiatteur: object
    client: object


@pytest.fixture
def budgetwereld(transactional_db) -> Budgetwereld:
    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZV")
    budget_catalogus_ensure(org)
    zaaktype = budget_zaaktype(org)
    consulent = factories.medewerker(org, zaaktypen=(zaaktype,), username="consulent")
    fiatteur = factories.medewerker(org, zaaktypen=(zaaktype,), username="fiatteur")
    client = factories.persoon(
        factories.actor(consulent),
        "Jansen",
        voornamen="Petra",
        bsn=factories.elfproef_number(77, prefix="18"),
    )
    beheerrekening_ensure(org, BEHEER_IBAN, "Gemeente Zevenaar Budgetbeheer")
    return Budgetwereld(organisatie=org, consulent=consulent, fiatteur=fiatteur, client=client)


def _url(naam: str, **kwargs: object) -> str:
    """The path of a budget screen; skips the step clearly when its owner has not built it."""
    try:
        return reverse(naam, kwargs=kwargs or None)
    except NoReverseMatch:
        pytest.skip(f"screen {naam} does not exist yet (owned by another helper)")


def _pdf_tekst(pad: str) -> str:
    from pypdf import PdfReader

    with open(pad, "rb") as fh:
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)


def _rekening_openen(screen, wereld: Budgetwereld, dag) -> None:  # noqa: ANN001
    page = screen.page
    screen.goto(_url("budget:rekeningen"))
    screen.click_link("Budgetrekening openen")
    page.get_by_label("BSN van de cliënt").fill(wereld.client.natuurlijkpersoon.bsn)
    page.get_by_label("Eigen rekening van de cliënt (IBAN)").fill("NL20 INGB 0001 2345 67")
    page.get_by_label("Tenaamstelling van die rekening").fill("P. Jansen")
    page.get_by_label("Startdatum budgetbeheer").fill(dag.isoformat())
    screen.press("Budgetrekening openen", wait_for=REKENING_URL)


def _plan_invullen(screen, dag) -> None:  # noqa: ANN001
    """The salary comes in and the rent goes out on today's day of the month."""
    page = screen.page
    screen.click_link("Inkomsten toevoegen")
    page.get_by_label("Soort inkomsten", exact=True).select_option(label="Salaris")
    page.get_by_label("Betaler", exact=True).fill("Werkgever Zevenaar BV")
    page.get_by_label(re.compile(r"^IBAN van de betaler")).fill(WERKGEVER_IBAN)
    page.get_by_label("Bedrag", exact=True).fill("1.850,00")
    page.get_by_label("Dag", exact=True).fill(str(dag.day))
    page.get_by_label("Vanaf", exact=True).fill(dag.isoformat())
    screen.press("Inkomsten toevoegen", wait_for=REKENING_URL)

    screen.click_link("Vaste last toevoegen")
    page.get_by_label("Soort betaling", exact=True).select_option(label="Huur of hypotheek")
    page.get_by_label("Begunstigde", exact=True).fill("Woonstichting De Liemers")
    page.get_by_label(re.compile(r"^IBAN van de begunstigde")).fill(HUUR_IBAN)
    page.get_by_label(re.compile(r"^Omschrijving")).fill("Huur J-114")
    page.get_by_label("Bedrag", exact=True).fill("725,00")
    page.get_by_label("Dag", exact=True).fill(str(dag.day))
    page.get_by_label("Vanaf", exact=True).fill(dag.isoformat())
    screen.press("Vaste last toevoegen", wait_for=REKENING_URL)
    tekst = screen.text()
    assert "Werkgever Zevenaar BV" in tekst and "Woonstichting De Liemers" in tekst


def _afschrift_inlezen(screen, kenmerk: str, dag) -> None:  # noqa: ANN001
    inhoud = camt053_maken(
        iban=BEHEER_IBAN,
        datum=dag,
        naam="Gemeente Zevenaar Budgetbeheer",
        regels=[
            Regel(
                bedrag=Decimal("1850.00"),
                tegenrekening_iban=WERKGEVER_IBAN,
                tegenrekening_naam="Werkgever Zevenaar BV",
                omschrijving=f"Salaris {kenmerk}",
            )
        ],
    )
    screen.goto(_url("budget:bank_import"))
    screen.page.get_by_label("Bankafschrift", exact=True).set_input_files(
        files=[{"name": "camt053.xml", "mimeType": "application/xml", "buffer": inhoud}]
    )
    screen.press("Inlezen")
    assert "Toegewezen aan cliënt" in screen.text()


def test_consulent_verhaal(screen, budgetwereld):
    page, wereld = screen.page, budgetwereld
    dag = vandaag(wereld.organisatie.tijdzone)

    # The consultant sets up the account and its plan.
    screen.login("consulent")
    _rekening_openen(screen, wereld, dag)
    rekening = Budgetrekening.objects.get()
    _plan_invullen(screen, dag)

    # The salary arrives on the bank statement and lands on the client's account.
    _afschrift_inlezen(screen, rekening.kenmerk, dag)

    # The day's payment proposal; its maker may not approve it.
    screen.goto(_url("budget:voorstellen"))
    screen.press("Maak voorstel voor vandaag", wait_for=VOORSTEL_URL)
    voorstel_url = page.url
    assert "Woonstichting De Liemers" in screen.text()
    goedkeuren = page.get_by_role("button", name="Goedkeuren en betaalbestand maken")
    assert goedkeuren.is_disabled()
    screen.logout()

    # A second person approves and downloads the file for the bank.
    screen.login("fiatteur")
    screen.goto(voorstel_url.removeprefix(screen.base_url))
    screen.press("Goedkeuren en betaalbestand maken", wait_for=VOORSTEL_URL)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download betaalbestand (pain.001)").click()
    with open(download.value.path(), "rb") as fh:
        pain = fh.read()
    assert b"pain.001.001.03" in pain and b"725.00" in pain and HUUR_IBAN.encode() in pain
    screen.logout()

    # The consultant downloads the client's statement of this month.
    screen.login("consulent")
    screen.goto(_url("budget:rekening", uuid=rekening.uuid))
    screen.click_link("Maandoverzichten voor de cliënt")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download tussentijds overzicht (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    tekst = _pdf_tekst(download.value.path())
    assert "1.850,00" in tekst and rekening.kenmerk in tekst and "P. Jansen" in tekst


def test_consulent_beeindigt_budgetbeheer(screen, budgetwereld):
    """Ending an account without money left: refused input is explained per field, then the
    account ends and the final statement is in the dossier at once."""
    from raadhuis.modules.budget.models import Beheerrekening
    from raadhuis.modules.budget.services import budgetrekening_openen

    page, wereld = screen.page, budgetwereld
    dag = vandaag(wereld.organisatie.tijdzone)
    rekening = budgetrekening_openen(
        actor=factories.actor(wereld.consulent),
        client=wereld.client,
        beheerrekening=Beheerrekening.objects.get(),
        client_iban=CLIENT_IBAN,
        client_tenaamstelling="P. Jansen",
        startdatum=dag,
    )
    screen.login("consulent")
    screen.goto(_url("budget:rekening", uuid=rekening.uuid))
    screen.click_link("Budgetbeheer beëindigen")
    page.get_by_label(re.compile(r"^Restsaldo naar een andere rekening")).fill("NL00 FOUT")
    page.get_by_label("Reden van beëindigen").fill("Cliënt beheert zijn geld weer zelf")
    screen.press("Budgetbeheer beëindigen")
    assert page.get_by_role("alert").filter(has_text="Controleer wat je hebt ingevuld").count()

    page.get_by_label(re.compile(r"^Restsaldo naar een andere rekening")).fill("")
    screen.press("Budgetbeheer beëindigen")
    assert "Het budgetbeheer is beëindigd en het eindoverzicht is gemaakt." in screen.text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download eindoverzicht (PDF)").click()
    tekst = _pdf_tekst(download.value.path())
    assert "Eindoverzicht budgetbeheer" in tekst and "€ 0,00" in tekst

    screen.goto(_url("budget:overzichten", uuid=rekening.uuid))
    assert "Eindoverzicht" in screen.text()
