"""Sentences several templates end with."""

ZAAK_CONTACT = (
    "<p>Heeft u vragen? Neem dan contact op met "
    "{% if behandelaar.naam %}{{ behandelaar.naam }}{% if behandelaar.email %} "
    "({{ behandelaar.email }}){% endif %}{% else %}ons{% endif %}. "
    "Noem daarbij het zaaknummer {{ zaak.identificatie }}.</p>\n"
)
KLACHT_CONTACT = (
    "<p>Heeft u vragen? Neem dan contact op met "
    "{% if klacht.behandelaar %}{{ klacht.behandelaar }}{% else %}ons{% endif %}. "
    "Noem daarbij ons kenmerk {{ zaak.identificatie }}.</p>\n"
)
CONTRACT_CONTACT = (
    "<p>Heeft u vragen over dit contract? Neem dan contact op met "
    "{% if contract.eigenaar %}{{ contract.eigenaar }}{% else %}de contractbeheerder{% endif %}. "
    "Noem daarbij contractnummer {{ contract.kenmerk }}.</p>\n"
)
VRIJE_TEKST = "{% if brief.tekst %}{{ brief.tekst|linebreaks }}{% endif %}\n"
MAILING_SLOT = (
    "<p>Met vriendelijke groet,<br>\n{{ organisatie.naam }}</p>\n"
    "<p><small>U ontvangt deze e-mail omdat {{ relatie.naam }} bij {{ organisatie.naam }} "
    "bekend is als relatie. Wilt u deze e-mails niet meer ontvangen? "
    '<a href="{{ relatie.afmeldlink }}">Meld u dan af</a>.</small></p>\n'
)
OFFERTE_TABEL = (
    "<table>\n"
    "<tr><th>Offertenummer</th><td>{{ offerte.nummer }}</td></tr>\n"
    "<tr><th>Omschrijving</th><td>{{ lead.titel }}</td></tr>\n"
    "<tr><th>Bedrag</th><td>{{ offerte.bedrag }}</td></tr>\n"
    "<tr><th>Geldig tot en met</th><td>{{ offerte.geldig_tot|date:'j F Y' }}</td></tr>\n"
    "</table>\n"
)
OFFERTE_SLOT = (
    "<p>Gaat u akkoord? Laat het ons dan vóór {{ offerte.geldig_tot|date:'j F Y' }} weten. "
    "Daarna leggen wij de afspraken vast in een overeenkomst.</p>\n"
    "<p>Heeft u vragen? Neem dan contact op met "
    "{% if lead.eigenaar %}{{ lead.eigenaar }}{% if lead.eigenaar_email %} "
    "({{ lead.eigenaar_email }}){% endif %}{% else %}{{ lead.afdeling }}{% endif %}. "
    "Noem daarbij offertenummer {{ offerte.nummer }}.</p>\n"
)
