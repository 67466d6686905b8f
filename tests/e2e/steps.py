"""Steps of the user stories, as a person does them in the browser (shared by the story tests)."""

from __future__ import annotations

import re

ZAAK_URL = re.compile(r"/zaken/[0-9a-f-]{36}/(#.*)?$")


def zaak_aanmaken(screen, wereld, omschrijving: str = "Hond blaft de hele nacht") -> str:  # noqa: ANN001
    """Werkvoorraad → Nieuwe zaak → fill in, pick the initiator → the new case's page.
    Returns the case number."""
    page = screen.page
    screen.click_link("Nieuwe zaak")
    page.get_by_label("Zaaktype").select_option(label="Klacht (KLACHT)")
    page.get_by_label("Omschrijving").fill(omschrijving)

    # The picker searches while one types; only this organisation's parties come back.
    page.get_by_label("Zoek de initiator").fill("Klaag")
    keuze = page.get_by_role("group", name="Kies de initiator")
    keuze.wait_for()
    radios = keuze.get_by_role("radio", name=re.compile("Klaagmans"))
    assert radios.count() == 1, "only Gemeente Aaltjesdorp's Klaagmans, not Stad Beekveld's"
    screen.check("party picker with results")
    radios.check()
    assert page.get_by_label("Behandelaar").input_value() == str(wereld.behandelaar.pk)

    screen.press("Zaak aanmaken", wait_for=ZAAK_URL)
    kop = page.get_by_role("heading", level=1).inner_text()
    nummer = kop.removeprefix("Zaak ").strip()
    assert page.get_by_role("status").filter(has_text=f"Zaak {nummer} is aangemaakt").count() == 1
    betrokkenen = page.get_by_role("table", name="Rollen in deze zaak")
    initiator = betrokkenen.get_by_role("row").filter(has_text="Initiator")
    assert "Karel Klaagmans" in initiator.inner_text()
    return nummer


def document_met_versies(screen) -> None:  # noqa: ANN001
    """Upload a letter, then a corrected version, and download both versions."""
    page = screen.page
    page.get_by_text("Document toevoegen", exact=True).first.click()
    formulier = page.locator("form[action$='/documenten/nieuw/']")
    formulier.get_by_label("Bestand").set_input_files(
        files=[{"name": "ontvangst.txt", "mimeType": "text/plain", "buffer": VERSIE_1}]
    )
    formulier.get_by_label("Titel").fill("Ontvangstbevestiging")
    formulier.get_by_label("Documenttype").select_option(label="Brief")
    screen.check("document form filled in")
    screen.press("Document uploaden", wait_for=ZAAK_URL)
    assert "Document ‘Ontvangstbevestiging’ is toegevoegd." in screen.text()

    screen.click_link(re.compile(r"^Nieuwe versie.*Ontvangstbevestiging"))
    page.get_by_label("Nieuwe versie").set_input_files(
        files=[{"name": "ontvangst-v2.txt", "mimeType": "text/plain", "buffer": VERSIE_2}]
    )
    page.get_by_label("Wat is er veranderd?").fill("Adres van de klager verbeterd")
    screen.press("Versie uploaden", wait_for=ZAAK_URL)
    assert "Versie 2 van ‘Ontvangstbevestiging’ is toegevoegd." in screen.text()

    for versie, inhoud in ((1, VERSIE_1), (2, VERSIE_2)):
        link = page.get_by_role("link", name=f"Versie {versie} van Ontvangstbevestiging")
        with page.expect_download() as download:
            link.click()
        bestand = download.value
        assert bestand.suggested_filename.startswith("ontvangst")
        with open(bestand.path(), "rb") as fh:
            assert fh.read() == inhoud, f"versie {versie}"


VERSIE_1 = b"Geachte heer Klaagmans,\nwij hebben uw klacht ontvangen.\n"
VERSIE_2 = b"Geachte heer Klaagmans,\nwij hebben uw klacht over de hond ontvangen.\n"


def status_zetten(screen, status: str, resultaat: str = "") -> None:  # noqa: ANN001
    page = screen.page
    page.get_by_text("Status wijzigen", exact=True).first.click()
    page.get_by_label("Nieuwe status").select_option(label=status)
    if resultaat:
        page.get_by_label(re.compile(r"^Resultaat")).select_option(label=resultaat)
    screen.check("status form")
    screen.press("Status opslaan")


def taak_toevoegen(screen, titel: str, medewerker: str) -> None:  # noqa: ANN001
    """Open 'Taak toevoegen' on the case page (the form arrives when the disclosure opens),
    assign the task to a colleague and save it."""
    page = screen.page
    page.get_by_text("Taak toevoegen", exact=True).first.click()
    formulier = page.locator("form[action$='/taken/nieuw/']")
    formulier.wait_for()
    formulier.get_by_label(re.compile(r"^Taak")).fill(titel)
    formulier.get_by_label(re.compile(r"^Medewerker")).select_option(label=medewerker)
    screen.check("task form")
    screen.press("Taak toevoegen", wait_for=ZAAK_URL)


# --- debt help (SHV) ------------------------------------------------------------------------
SHV_DOSSIER_URL = re.compile(r"/shv/dossiers/[0-9a-f-]{36}/(#.*)?$")


def shv_brp_opzoeken(screen, bsn: str) -> None:  # noqa: ANN001
    """Debt-help work queue → Nieuwe aanmelding → look the applicant up in the BRP (htmx)."""
    page = screen.page
    screen.click_link("Nieuwe aanmelding")
    page.get_by_label("BSN van de aanvrager").fill(bsn)
    screen.htmx(
        lambda: page.get_by_role("button", name="Zoek in de BRP").click(),
        "/shv/aanmelding/",
        "BRP result",
    )


def shv_aanmelding_registreren(screen, traject: str, hulpvraag: str) -> None:  # noqa: ANN001
    """After the BRP look-up: choose the track, describe the request and register it; the
    dossier page of the applicant (Mohamed Testelink in the BRP double) opens."""
    page = screen.page
    page.get_by_label("Traject").select_option(label=traject)
    page.get_by_role("textbox", name=re.compile("^Hulpvraag")).fill(hulpvraag)
    screen.press("Aanmelding registreren", wait_for=SHV_DOSSIER_URL)
    assert page.get_by_role("heading", level=1, name="Mohamed Testelink").is_visible()
    assert "Aanmelding geregistreerd: dossier" in screen.text()


def shv_financien_toevoegen(screen, sectie: str, soort: str, velden: dict[str, str]) -> None:  # noqa: ANN001
    """On the finances page: fill the add form of `sectie` (inkomsten, vaste-lasten,
    bezittingen): `soort` by its label, `velden` as {field label: value}, and add the row
    (htmx swaps the section in)."""
    formulier = screen.page.locator(f"section#{sectie}")
    formulier.get_by_label("Soort").select_option(label=soort)
    for label, waarde in velden.items():
        formulier.get_by_label(label).fill(waarde)
    screen.htmx(
        lambda: formulier.get_by_role("button", name=re.compile("^Toevoegen")).click(),
        f"/financien/{sectie}/",
        f"{sectie}: {soort}",
    )


def shv_eerste_gesprek(screen) -> None:  # noqa: ANN001
    """Record the first conversation on the dossier page."""
    page = screen.page
    page.get_by_text("Eerste gesprek vastleggen", exact=True).first.click()
    page.locator("form[action$='/eerste-gesprek/']").get_by_label("Verslag").fill(
        "Situatie besproken, stukkenlijst meegegeven."
    )
    screen.check("first conversation form open")
    screen.press("Eerste gesprek vastleggen", wait_for=SHV_DOSSIER_URL)
    assert "Eerste gesprek vastgelegd. Beschikking uiterlijk" in screen.text()
