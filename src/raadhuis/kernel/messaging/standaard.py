"""The standard letters every organisation starts with, and a plain letterhead. A functional
administrator adapts them in the editor; `sjablonen_standaard_ensure` never overwrites that."""

from __future__ import annotations

CONTACT = (
    "<p>Heeft u vragen? Neem dan contact op met "
    "{% if behandelaar.naam %}{{ behandelaar.naam }}{% if behandelaar.email %} "
    "({{ behandelaar.email }}){% endif %}{% else %}ons{% endif %}. "
    "Vermeld daarbij het zaaknummer {{ zaak.identificatie }}.</p>"
)

STANDAARD_SJABLONEN = (
    {
        "code": "algemeen",
        "naam": "Algemene brief",
        "categorie": "Zaken",
        "onderwerp": "{{ zaak.omschrijving|default:zaak.zaaktype }}",
        "html": ("<p>{{ ontvanger.aanhef }}</p>\n{{ brief.tekst|linebreaks }}\n" + CONTACT + "\n"),
    },
    {
        "code": "ontvangstbevestiging",
        "naam": "Ontvangstbevestiging",
        "categorie": "Zaken",
        "onderwerp": "Ontvangstbevestiging {{ zaak.zaaktype|lower }}",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Op {{ zaak.startdatum|date:'j F Y' }} hebben wij uw aanvraag "
            "‘{{ zaak.zaaktype|lower }}’ ontvangen. Met deze brief bevestigen wij dat. "
            "Wij hebben uw aanvraag geregistreerd onder zaaknummer "
            "<strong>{{ zaak.identificatie }}</strong>.</p>\n"
            "{% if zaak.uiterlijke_einddatum %}<p>U hoort uiterlijk "
            "{{ zaak.uiterlijke_einddatum|date:'j F Y' }} van ons.</p>{% endif %}\n"
            "{% if brief.tekst %}{{ brief.tekst|linebreaks }}{% endif %}\n" + CONTACT + "\n"
        ),
    },
)

STANDAARD_BRIEFHOOFD = {
    "logo_svg": "",
    "afzender": "Postbus 1\n1234 AB  GEMEENTE",
    "plaats": "",
    "ondertekening": "Met vriendelijke groet,\n\nHet college van burgemeester en wethouders",
    "voettekst": "",
}
