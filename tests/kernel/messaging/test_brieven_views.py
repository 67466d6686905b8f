"""The letter pages: the editor and its live preview (a wrong field is a Dutch message, never a
500), versions, the letterhead, sending a letter on a case, the print queue, and who may open
what."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from raadhuis.kernel.messaging.models import BriefSjabloon, Verzending, VerzendStatus
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.services import brief_send

BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, actor):
    client.force_login(actor.medewerker.user, backend=BACKEND)
    return client


def htmx(client, url, data):
    return client.post(url, data, HTTP_HX_REQUEST="true")


@pytest.fixture
def ontvangst(org, standaard):
    return BriefSjabloon.objects.get(organisatie=org, code="ontvangstbevestiging")


def test_the_template_list_and_editor_open_for_the_functional_administrator(
    client, beheerder, ontvangst
):
    login(client, beheerder)
    lijst = client.get(reverse("web:brieven_sjablonen"))
    assert lijst.status_code == 200
    assert "Ontvangstbevestiging" in lijst.content.decode()
    editor = client.get(reverse("web:brieven_sjabloon", args=[ontvangst.uuid]))
    html = editor.content.decode()
    assert editor.status_code == 200
    # The letter document, escaped into the frame's srcdoc, filled with fictitious data.
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in html and "Geachte heer De Vries," in html
    assert "{{ client.bsn }}" in html  # the list of merge fields


def test_the_live_preview_renders_what_is_typed(client, beheerder):
    login(client, beheerder)
    response = htmx(
        client,
        reverse("web:brieven_sjabloon_voorbeeld"),
        {
            "naam": "x",
            "onderwerp": "Hallo {{ client.achternaam }}",
            "inhoud": "<p>Beste {{ client.naam }}</p>",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<iframe" in html and "Beste Jan de Vries" in html and "Hallo De Vries" in html


def test_a_wrong_field_in_the_preview_is_a_dutch_message(client, beheerder):
    login(client, beheerder)
    response = htmx(
        client,
        reverse("web:brieven_sjabloon_voorbeeld"),
        {"naam": "x", "onderwerp": "x", "inhoud": "<p>{{ client.naaam }}</p>{% if %}"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<iframe" not in html
    assert "Zo kan de brief niet gemaakt worden" in html


def test_the_preview_with_a_real_case_uses_only_cases_one_may_see(
    client, actor, beheerder, zaak, standaard
):
    login(client, beheerder)  # no case grants: the real case is not used
    response = htmx(
        client,
        reverse("web:brieven_sjabloon_voorbeeld"),
        {
            "naam": "x",
            "onderwerp": "x",
            "inhoud": "<p>{{ zaak.identificatie }}</p>",
            "voorbeeld": str(zaak.uuid),
        },
    )
    assert zaak.identificatie not in response.content.decode()
    assert "ZAAK-2026-0000123" in response.content.decode()


def test_saving_an_edit_makes_a_new_version_and_a_wrong_field_does_not(
    client, beheerder, ontvangst
):
    login(client, beheerder)
    url = reverse("web:brieven_sjabloon", args=[ontvangst.uuid])
    fout = client.post(
        url, {"naam": "Ontvangst", "onderwerp": "Ontvangen", "inhoud": "<p>{{ zaak.nummer }}</p>"}
    )
    assert fout.status_code == 400
    assert "Onbekend samenvoegveld ‘zaak.nummer’" in fout.content.decode()
    goed = client.post(
        url,
        {
            "naam": "Ontvangst",
            "onderwerp": "Ontvangen",
            "inhoud": "<p>{{ zaak.identificatie }}</p>",
            "toelichting": "Korter",
        },
    )
    assert goed.status_code == 302
    ontvangst.refresh_from_db()
    assert ontvangst.huidige_versie.versie == 2
    versies = client.get(reverse("web:brieven_sjabloon_versies", args=[ontvangst.uuid]))
    assert "Versie 1 terugzetten" in versies.content.decode()
    terug = client.post(
        reverse("web:brieven_sjabloon_versie_terugzetten", args=[ontvangst.uuid, 1])
    )
    assert terug.status_code == 302
    ontvangst.refresh_from_db()
    assert ontvangst.huidige_versie.versie == 3


def test_a_new_template_is_created(client, beheerder, standaard):
    login(client, beheerder)
    response = client.post(
        reverse("web:brieven_sjabloon_nieuw"),
        {
            "code": "uitnodiging",
            "naam": "Uitnodiging",
            "onderwerp": "Uitnodiging",
            "inhoud": "<p>{{ ontvanger.aanhef }}</p>",
        },
    )
    assert response.status_code == 302
    assert BriefSjabloon.objects.filter(code="uitnodiging").exists()


def test_the_letterhead_is_edited_with_a_preview(client, beheerder, standaard):
    login(client, beheerder)
    url = reverse("web:brieven_briefhoofd")
    assert client.get(url).status_code == 200
    slecht = htmx(
        client,
        reverse("web:brieven_briefhoofd_voorbeeld"),
        {"logo_svg": "<svg onload='x()'></svg>"},
    )
    assert "Zo kan de brief niet gemaakt worden" in slecht.content.decode()
    response = client.post(
        url,
        {
            "logo_svg": "",
            "afzender": "Gemeente Voorbeeld\nPostbus 1",
            "plaats": "Voorbeeld",
            "ondertekening": "Met vriendelijke groet,",
            "voettekst": "www.voorbeeld.nl",
        },
    )
    assert response.status_code == 302
    pagina = client.get(url).content.decode()
    assert "www.voorbeeld.nl" in pagina


def test_a_medewerker_sends_a_letter_by_post_from_the_case(client, actor, zaak, jan, standaard):
    login(client, actor)
    url = reverse("web:zaak_brief_nieuw", args=[zaak.uuid])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "J.P. de Vries (Initiator)" in pagina.content.decode()
    voorbeeld = htmx(
        client,
        reverse("web:zaak_brief_voorbeeld", args=[zaak.uuid]),
        {
            "sjabloon": "algemeen",
            "ontvanger": str(jan.uuid),
            "kanaal": "post",
            "tekst": "Wij bellen u.",
        },
    )
    assert "Wij bellen u." in voorbeeld.content.decode()
    response = client.post(
        url,
        {
            "sjabloon": "algemeen",
            "ontvanger": str(jan.uuid),
            "kanaal": "post",
            "tekst": "Wij bellen u.",
            "reden": "Afspraak",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:zaak_brieven", args=[zaak.uuid])
    lijst = client.get(response["Location"]).content.decode()
    assert "Klaar voor print" in lijst and "J.P. de Vries" in lijst


def test_the_templates_to_choose_are_grouped_by_category(client, actor, zaak, standaard):
    """Some seventy templates are one list per category (option groups), those without a
    category first as "Algemeen"; e-mail templates are for mailings, not for a letter."""
    sjablonen = BriefSjabloon.objects.filter(organisatie=zaak.organisatie)
    sjablonen.update(categorie="")
    sjablonen.filter(code="ontvangstbevestiging").update(categorie="Zaken")
    versie = sjablonen.get(code="algemeen").huidige_versie
    for code, soort, categorie in [
        ("klacht-ontvangst", "brief", "Klachten"),
        ("nieuwsbrief", "e-mail", "Communicatie"),
    ]:
        BriefSjabloon.objects.create(
            organisatie=zaak.organisatie, code=code, naam=code.capitalize(), soort=soort,
            categorie=categorie, huidige_versie=versie,
        )  # fmt: skip
    login(client, actor)
    html = client.get(reverse("web:zaak_brief_nieuw", args=[zaak.uuid])).content.decode()
    select = html[
        html.index('name="sjabloon"') : html.index("</select>", html.index('name="sjabloon"'))
    ]
    groepen = re.findall(r'<optgroup label="([^"]+)">', select)
    assert groepen == ["Algemeen", "Klachten", "Zaken"]
    zaken = select[select.index('label="Zaken"') :]
    assert 'value="ontvangstbevestiging"' in zaken and 'value="algemeen"' not in zaken
    assert 'value="nieuwsbrief"' not in select
    verstuurbaar = sjablonen.filter(actief=True, soort__in=["brief", "offerte"]).exclude(
        huidige_versie=None
    )
    assert select.count("<option ") == verstuurbaar.count()


def test_sending_to_another_recipient_needs_their_data(client, actor, zaak, standaard):
    login(client, actor)
    url = reverse("web:zaak_brief_nieuw", args=[zaak.uuid])
    response = client.post(url, {"sjabloon": "algemeen", "ontvanger": "anders", "kanaal": "email"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul de naam van de ontvanger in." in html
    assert "De ontvanger heeft geen e-mailadres." in html
    response = client.post(
        url,
        {
            "sjabloon": "algemeen",
            "ontvanger": "anders",
            "kanaal": "post",
            "ontvanger_naam": "Woonstichting De Linge",
            "ontvanger_adres": "Postbus 7\n6900 AA  ZEVENAAR",
        },
    )
    assert response.status_code == 302


def test_the_print_queue_downloads_one_pdf_and_marks_printed(client, actor, zaak, jan, standaard):
    for code in ("algemeen", "ontvangstbevestiging"):
        brief_send(
            actor, zaak=zaak, sjabloon_code=code, ontvanger=Ontvanger.van_partij(jan), kanaal="post"
        )
    login(client, actor)
    pagina = client.get(reverse("web:brieven_printwachtrij"))
    assert pagina.status_code == 200
    uuids = [str(v.uuid) for v in Verzending.objects.all()]
    pdf = client.post(reverse("web:brieven_printwachtrij_pdf"), {"verzending": uuids})
    assert pdf["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 2
    klaar = client.post(reverse("web:brieven_printwachtrij_geprint"), {"verzending": uuids})
    assert klaar.status_code == 302
    assert set(Verzending.objects.values_list("status", flat=True)) == {VerzendStatus.GEPRINT}
    assert (
        "Er wachten geen brieven op print."
        in client.get(reverse("web:brieven_printwachtrij")).content.decode()
    )


BEHEER_URLS = ("web:brieven_sjablonen", "web:brieven_sjabloon_nieuw", "web:brieven_briefhoofd")
MEDEWERKER_URLS = ("web:brieven_printwachtrij",)


@pytest.mark.parametrize("wie", ["teamleider", "auditor"])
def test_teamleiders_and_auditors_get_403_everywhere(client, request, wie, zaak, ontvangst):
    login(client, request.getfixturevalue(wie))
    for naam in BEHEER_URLS + MEDEWERKER_URLS:
        assert client.get(reverse(naam)).status_code == 403, naam
    for naam in ("web:zaak_brieven", "web:zaak_brief_nieuw"):
        assert client.get(reverse(naam, args=[zaak.uuid])).status_code == 403, naam
    assert client.get(reverse("web:brieven_sjabloon", args=[ontvangst.uuid])).status_code == 403
    assert htmx(client, reverse("web:brieven_sjabloon_voorbeeld"), {}).status_code == 403


def test_a_medewerker_cannot_edit_templates_and_a_beheerder_cannot_send(
    client, actor, beheerder, zaak, ontvangst
):
    login(client, actor)
    for naam in BEHEER_URLS:
        assert client.get(reverse(naam)).status_code == 403
    login(client, beheerder)
    assert client.get(reverse("web:zaak_brief_nieuw", args=[zaak.uuid])).status_code == 403
    assert client.get(reverse("web:brieven_printwachtrij")).status_code == 403


def test_a_case_one_may_not_see_is_a_404(client, org, zaak, standaard):
    from tests import factories

    ander = factories.zaaktype(org, identificatie="ANDERS")
    collega = factories.actor(factories.medewerker(org, zaaktypen=(ander,)))
    login(client, collega)
    assert client.get(reverse("web:zaak_brief_nieuw", args=[zaak.uuid])).status_code == 404
    assert client.get(reverse("web:zaak_brieven", args=[zaak.uuid])).status_code == 404
