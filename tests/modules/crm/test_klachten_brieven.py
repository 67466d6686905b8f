"""Issue 6: the complaint page offers the letters of the template library's category
'Klachten' (not only its own step letters): choose, preview, send by post or e-mail (to a real
SMTP server) through the kernel, audited, shown on the complaint; someone of another department
gets 404, a team leader or auditor 403."""

from __future__ import annotations

import html as html_module

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.messaging.bezorging import verzending_attempt
from raadhuis.kernel.messaging.models import Brief, Verzending, VerzendStatus
from raadhuis.modules.crm.sjablonen.bibliotheek import crm_sjablonen_ensure
from tests.kernel.messaging.conftest import smtp_server  # noqa: F401
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403

BACKEND = "django.contrib.auth.backends.ModelBackend"
GEGROND = "crm_klacht_beslissing_gegrond"


def _login(client, medewerker):  # noqa: ANN001, ANN202
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def bibliotheek(kl_org):  # noqa: F405
    return crm_sjablonen_ensure(kl_org)


@pytest.fixture
def web(client, kl_behandelaar):  # noqa: F405
    return _login(client, kl_behandelaar)


def _url(klacht):  # noqa: ANN001, ANN202
    return reverse("crm:klachten:brief", args=[klacht.uuid])


def _srcdoc(pagina: str) -> str:
    start = pagina.index('srcdoc="') + len('srcdoc="')
    return html_module.unescape(pagina[start : pagina.index('"', start)])


def test_the_picker_offers_the_library_letters_of_the_category_klachten(
    web, kl_klacht, bibliotheek
):
    pagina = web.get(_url(kl_klacht))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert f'value="{GEGROND}"' in tekst
    assert 'value="crm_contract_' not in tekst  # another category
    assert "Klaagmans" in tekst  # the addressee
    # The first letter is previewed at once, filled with the complaint.
    assert "Onvriendelijk behandeld aan de balie" in _srcdoc(tekst)


def test_the_live_preview_follows_the_choice(web, kl_klacht, bibliotheek):
    antwoord = web.post(
        _url(kl_klacht),
        {"sjabloon": GEGROND, "kanaal": "post", "tekst": "", "actie": "voorbeeld"},
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 200
    doc = _srcdoc(antwoord.content.decode())
    assert "Wij vinden uw klacht gegrond" in doc
    assert kl_klacht.zaak.identificatie in doc
    assert Brief.objects.count() == 0  # a preview sends nothing


def test_send_by_post_files_audits_and_shows_the_letter(web, kl_klacht, bibliotheek):
    antwoord = web.post(
        _url(kl_klacht),
        {"sjabloon": GEGROND, "kanaal": "post", "tekst": "", "reden": "Beslissing"},
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("crm:klachten:detail", args=[kl_klacht.uuid])
    brief = Brief.objects.get(zaak=kl_klacht.zaak)
    assert brief.kanaal == "post" and brief.onderwerp.startswith("Uw klacht is gegrond")
    assert brief.sjabloon_versie.sjabloon.code == GEGROND
    assert brief.informatieobject is not None  # the PDF in the complaint's dossier
    assert Verzending.objects.get(brief=brief).status == VerzendStatus.KLAAR_VOOR_PRINT
    audit = AuditEntry.objects.get(actie="brief_verstuurd")
    assert audit.zaak_uuid == kl_klacht.zaak.uuid and audit.toelichting == "Beslissing"
    detail = web.get(antwoord["Location"]).content.decode()
    assert brief.onderwerp in detail and "staat klaar voor print" in detail


def test_send_by_email_reaches_the_smtp_server(web, kl_klacht, bibliotheek, smtp_server):  # noqa: F811
    antwoord = web.post(_url(kl_klacht), {"sjabloon": GEGROND, "kanaal": "email"})
    assert antwoord.status_code == 302
    verzending = Verzending.objects.get(brief__zaak=kl_klacht.zaak)
    if verzending.status != VerzendStatus.VERZONDEN:
        verzending_attempt(verzending.pk)
        verzending.refresh_from_db()
    assert verzending.status == VerzendStatus.VERZONDEN
    bericht = smtp_server.berichten[-1]
    assert bericht["To"] == "karin@klaagmans.example"
    assert bericht["Subject"].startswith("Uw klacht is gegrond")
    assert any(p.get_content_type() == "application/pdf" for p in bericht.walk())


def test_wrong_input_is_a_dutch_field_error(web, kl_klacht, kl_klager, bibliotheek):
    fout = web.post(_url(kl_klacht), {"sjabloon": "crm_contract_opzegging", "kanaal": "post"})
    assert fout.status_code == 400
    assert Brief.objects.count() == 0
    # No e-mail address: the error says so on the channel.
    kl_klager.email = ""
    kl_klager.save(update_fields=["email"])
    fout = web.post(_url(kl_klacht), {"sjabloon": GEGROND, "kanaal": "email"})
    assert fout.status_code == 400
    assert "De ontvanger heeft geen e-mailadres" in fout.content.decode()


def test_own_text_for_a_letter_without_a_place_for_it_is_refused(web, kl_klacht, bibliotheek):
    """The 'gegrond' decision has no {{ brief.tekst }}: typed words would vanish silently."""
    fout = web.post(
        _url(kl_klacht), {"sjabloon": GEGROND, "kanaal": "post", "tekst": "Excuses namens ons"}
    )
    assert fout.status_code == 400
    assert "geen plaats voor eigen tekst" in fout.content.decode()
    assert Brief.objects.count() == 0
    # A letter that takes own text sends it.
    antwoord = web.post(
        _url(kl_klacht),
        {"sjabloon": "crm_klacht_aanvulling_gevraagd", "kanaal": "post", "tekst": "Graag foto's"},
    )
    assert antwoord.status_code == 302
    assert Brief.objects.count() == 1


def test_another_department_gets_404_and_teamleider_auditor_403(
    client,
    kl_klacht,
    bibliotheek,
    kl_wijk_mw,  # noqa: F405
    kl_teamleider,  # noqa: F405
    kl_auditor,  # noqa: F405
):
    _login(client, kl_wijk_mw)
    assert client.get(_url(kl_klacht)).status_code == 404
    assert client.post(_url(kl_klacht), {"sjabloon": GEGROND, "kanaal": "post"}).status_code == 404
    for medewerker in (kl_teamleider, kl_auditor):
        _login(client, medewerker)
        assert client.get(_url(kl_klacht)).status_code == 403
    assert Brief.objects.count() == 0


def test_without_library_letters_the_page_says_what_to_do(web, kl_klacht):
    pagina = web.get(_url(kl_klacht))
    assert pagina.status_code == 200
    assert "Er zijn nog geen actieve brieven in de categorie Klachten" in pagina.content.decode()
