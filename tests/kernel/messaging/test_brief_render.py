"""Rendering letters: merge fields filled in, wrong fields and bad syntax refused in Dutch, the
engine locked down, the PDF readable."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from raadhuis.kernel.messaging.models import BriefSjabloon
from raadhuis.kernel.messaging.pdf import brief_render_pdf
from raadhuis.kernel.messaging.samenvoegvelden import (
    _REGISTER,
    merge_context,
    merge_field_groups,
    register_merge_fields,
    voorbeeld_context,
)
from raadhuis.kernel.messaging.services import brief_render_html
from raadhuis.kernel.messaging.sjablonen import SjabloonFout, SjabloonTekst
from tests import factories


def pdf_tekst(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def render(org, zaak, inhoud: str, onderwerp: str = "Onderwerp", **extra) -> str:
    return brief_render_html(
        SjabloonTekst(onderwerp=onderwerp, inhoud=inhoud),
        merge_context(zaak, extra=extra or None),
        organisatie=org,
    )


def fout(error: SjabloonFout) -> str:
    return " ".join(m for msgs in error.message_dict.values() for m in msgs)


def test_the_receipt_letter_carries_the_client_and_case(org, zaak, standaard):
    sjabloon = BriefSjabloon.objects.get(organisatie=org, code="ontvangstbevestiging")
    html = brief_render_html(sjabloon, merge_context(zaak))
    assert "Geachte heer De Vries," in html
    assert zaak.identificatie in html
    # The address block as on an envelope (PostNL: two spaces, place in capitals).
    assert "J.P. de Vries" in html
    assert "Stationsstraat 12A" in html
    assert "6901 AB  ZEVENAAR" in html
    assert "Ontvangstbevestiging klacht" in html


def test_the_pdf_is_a4_and_its_text_can_be_read(org, zaak, standaard):
    sjabloon = BriefSjabloon.objects.get(organisatie=org, code="ontvangstbevestiging")
    pdf = brief_render_pdf(brief_render_html(sjabloon, merge_context(zaak)))
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    breedte, hoogte = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(breedte), round(hoogte)) == (595, 842)  # A4 in points
    tekst = pdf_tekst(pdf)
    assert "Geachte heer De Vries," in tekst
    assert zaak.identificatie in tekst
    assert "Pagina 1 van 1" in tekst


def test_a_misspelt_field_is_refused_with_the_fields_that_exist(org, zaak):
    with pytest.raises(SjabloonFout) as error:
        render(org, zaak, "<p>Beste {{ client.naaam }},</p>")
    bericht = fout(error.value)
    assert "Onbekend samenvoegveld ‘client.naaam’" in bericht
    assert "naam" in bericht and "adres" in bericht


def test_an_unknown_group_is_refused(org, zaak):
    with pytest.raises(SjabloonFout) as error:
        render(org, zaak, "<p>{{ klant.naam }}</p>")
    assert "Onbekend samenvoegveld ‘klant.naam’" in fout(error.value)
    assert "client" in fout(error.value)


def test_a_field_in_a_condition_is_checked_too(org, zaak):
    with pytest.raises(SjabloonFout):
        render(org, zaak, "{% if zaak.bestaatniet %}x{% endif %}")


def test_loop_variables_are_not_merge_fields(org, zaak):
    html = render(org, zaak, "{% for regel in client.adresregels %}<p>{{ regel }}</p>{% endfor %}")
    assert "<p>Stationsstraat 12A</p>" in html


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        ("<p>Hallo</p>\n{% if zaak.omschrijving %}open", "Regel 2: {% if %} is niet afgesloten"),
        ("<p>{% load static %}</p>", "de opdracht {% load %} bestaat niet of mag niet"),
        ("<p>{% include 'x.html' %}</p>", "de opdracht {% include %} bestaat niet of mag niet"),
        ("<p>{{ client.naam|safe }}</p>", "Het filter ‘safe’ bestaat niet of mag niet"),
        ("<p>{% autoescape off %}{{ client.naam }}{% endautoescape %}</p>", "{% autoescape %}"),
        ("<p>{{ client.__class__ }}</p>", "mag niet met een liggend streepje beginnen"),
        ("<script>alert(1)</script>", "mag niet in een brief"),
        ('<p onclick="x()">tekst</p>', "mag niet in een brief"),
    ],
)
def test_syntax_errors_and_unsafe_constructs_give_a_dutch_message(org, zaak, inhoud, verwacht):
    with pytest.raises(SjabloonFout) as error:
        render(org, zaak, inhoud)
    assert verwacht in fout(error.value)
    assert "inhoud" in error.value.message_dict


def test_an_error_in_the_subject_is_reported_on_the_subject(org, zaak):
    with pytest.raises(SjabloonFout) as error:
        render(org, zaak, "<p>x</p>", onderwerp="{{ zaak.nummer }}")
    assert list(error.value.message_dict) == ["onderwerp"]


def test_merge_values_are_escaped(org, zaak, actor, zaaktype):
    from raadhuis.kernel.cases.services import zaak_create

    boef = factories.persoon(actor, "<b>Boef</b>", voornamen="<script>x</script>")
    andere = zaak_create(actor=actor, zaaktype=zaaktype, initiator=boef)
    html = render(org, andere, "<p>{{ client.naam }}</p>")
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; &lt;b&gt;Boef&lt;/b&gt;" in html


def test_amounts_are_written_the_dutch_way(org, zaak):
    html = render(
        org, zaak, "<p>{{ bedragen.totaal|bedrag }}</p>", bedragen={"totaal": Decimal("1234.5")}
    )
    assert "€ 1.234,50" in html


def test_dates_are_written_in_dutch(org, zaak):
    html = render(org, zaak, "<p>{{ zaak.startdatum|date:'j F Y' }}</p>")
    maanden = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus")
    maanden += ("september", "oktober", "november", "december")
    assert any(f" {m} " in html for m in maanden)


@pytest.fixture
def schuldeiser_groep():
    register_merge_fields(
        "testschuldeiser",
        lambda zaak: {},
        {"naam": "Naam van de schuldeiser", "bedrag": "Openstaand bedrag"},
        voorbeeld={"naam": "Energie BV"},
    )
    yield
    _REGISTER.pop("testschuldeiser", None)


def test_a_module_adds_fields_the_kernel_does_not_know(org, zaak, schuldeiser_groep):
    assert "testschuldeiser" in [g.naam for g in merge_field_groups()]
    html = render(
        org,
        zaak,
        "<p>{{ testschuldeiser.naam }}: {{ testschuldeiser.bedrag|bedrag }}</p>",
        testschuldeiser={"naam": "Waterbedrijf Vitens", "bedrag": Decimal("88.10")},
    )
    assert "Waterbedrijf Vitens: € 88,10" in html
    with pytest.raises(SjabloonFout):
        render(org, zaak, "<p>{{ testschuldeiser.iban }}</p>")


def test_the_fictitious_sample_fills_every_field(org, schuldeiser_groep):
    context = voorbeeld_context(org)
    html = brief_render_html(
        SjabloonTekst(
            onderwerp="x",
            inhoud="<p>{{ client.naam }} {{ testschuldeiser.naam }} "
            "{{ testschuldeiser.bedrag }}</p>",
        ),
        context,
        organisatie=org,
    )
    assert "Jan de Vries Energie BV «Openstaand bedrag»" in html


def test_the_pdf_fetches_nothing_from_elsewhere(org, zaak):
    html = render(org, zaak, '<p><img src="http://127.0.0.1:9/x.png" alt="x"> tekst</p>')
    pdf = brief_render_pdf(html)  # no request is made: only data: URIs may be fetched
    assert "tekst" in pdf_tekst(pdf)
