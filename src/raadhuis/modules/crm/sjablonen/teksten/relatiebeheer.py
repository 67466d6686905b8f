"""Relatiebeheer: e-mails to relations (sent as a mailing to a segment, e.g. "new relations
this month" or "relations of account manager X"), and a letter on a case."""

from raadhuis.modules.crm.sjablonen.soorten import MAILING, ZAAKBRIEF, brief, email
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import MAILING_SLOT, VRIJE_TEKST, ZAAK_CONTACT

C = "Relatiebeheer"
AANHEF = "<p>{{ relatie.aanhef }}</p>\n"

SJABLONEN = (
    email(
        "crm_relatie_welkom",
        "Relatie: welkom als relatie",
        C,
        MAILING,
        "Welkom bij {{ organisatie.naam }}",
        AANHEF + "<p>Welkom! {{ relatie.naam }} is vanaf nu bij ons bekend als relatie. Zo "
        "kunnen wij u beter en sneller helpen.</p>\n"
        "<p>Wat betekent dit voor u?</p>\n<ul>\n"
        "<li>U heeft een vast aanspreekpunt bij de gemeente.</li>\n"
        "<li>Wij houden u op de hoogte van nieuws dat voor u belangrijk is.</li>\n"
        "<li>Vragen, aanvragen en afspraken zien wij op één plek terug.</li>\n</ul>\n"
        "<p>Wij bewaren alleen de gegevens die wij voor onze dienstverlening nodig hebben. "
        "Meer daarover leest u in onze privacyverklaring.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_relatie_gegevens_controleren",
        "Relatie: vraag om de gegevens te controleren",
        C,
        MAILING,
        "Kloppen uw gegevens nog?",
        AANHEF + "<p>Wij willen u goed kunnen bereiken. Daarom vragen wij u om te controleren of "
        "de gegevens van {{ relatie.naam }} nog kloppen.</p>\n"
        "<p>Wij hebben dit e-mailadres: {{ relatie.email }}. Zijn uw adres, contactpersoon of "
        "telefoonnummer veranderd? Beantwoord dan deze e-mail met de juiste gegevens.</p>\n"
        "<p>Klopt alles? Dan hoeft u niets te doen.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_relatie_accountmanager_wisselt",
        "Relatie: uw accountmanager verandert",
        C,
        MAILING,
        "Nieuw aanspreekpunt voor {{ relatie.naam }}",
        AANHEF + "<p>U heeft bij {{ organisatie.naam }} een vast aanspreekpunt: uw "
        "accountmanager. Binnenkort krijgt {{ relatie.naam }} een nieuwe accountmanager.</p>\n"
        "<p>Uw nieuwe accountmanager neemt de komende weken contact met u op om kennis te maken. "
        "Lopende afspraken en vragen dragen wij zorgvuldig over. U hoeft niets te doen.</p>\n"
        + MAILING_SLOT,
    ),
    email(
        "crm_relatie_kennismaking",
        "Relatie: uitnodiging kennismakingsgesprek",
        C,
        MAILING,
        "Zullen we kennismaken?",
        AANHEF + "<p>Wij willen {{ relatie.naam }} graag beter leren kennen. Wat houdt u bezig? "
        "Waar kan de gemeente u mee helpen? En hoe werken wij prettig samen?</p>\n"
        "<p>Wij nodigen u daarom uit voor een kennismakingsgesprek van ongeveer een uur. Bij u "
        "op locatie of op het gemeentehuis, wat u het beste uitkomt.</p>\n"
        "<p>Beantwoord deze e-mail met een paar momenten die u passen. Wij plannen dan een "
        "afspraak.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_relatie_jaargesprek",
        "Relatie: uitnodiging jaarlijks relatiegesprek",
        C,
        MAILING,
        "Uitnodiging relatiegesprek {{ datum.vandaag|date:'Y' }}",
        AANHEF + "<p>Elk jaar spreken wij onze relaties om terug en vooruit te kijken. Ook "
        "met {{ relatie.naam }} doen wij dat graag.</p>\n"
        "<p>In het gesprek bespreken wij onder andere:</p>\n<ul>\n"
        "<li>de samenwerking van het afgelopen jaar;</li>\n"
        "<li>uw plannen en wensen voor het komende jaar;</li>\n"
        "<li>lopende afspraken, contracten en aanvragen.</li>\n</ul>\n"
        "<p>Beantwoord deze e-mail met een paar momenten die u passen.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_relatie_bedankt",
        "Relatie: bedankt voor de samenwerking",
        C,
        MAILING,
        "Bedankt voor de samenwerking",
        AANHEF + "<p>Het afgelopen jaar hebben wij met {{ relatie.naam }} samengewerkt. Daar "
        "zijn wij dankbaar voor. Samen hebben wij veel bereikt voor onze inwoners en "
        "ondernemers.</p>\n"
        "<p>Wij kijken uit naar een goede samenwerking in het nieuwe jaar.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_relatie_toestemming",
        "Relatie: toestemming voor nieuwsbrieven vragen",
        C,
        MAILING,
        "Wilt u onze berichten blijven ontvangen?",
        AANHEF + "<p>{{ organisatie.naam }} stuurt relaties af en toe nieuws en uitnodigingen "
        "per e-mail. Wij willen zeker weten dat u dat wilt.</p>\n"
        "<p>Wilt u onze berichten blijven ontvangen? Dan hoeft u niets te doen. Wilt u ze niet "
        "meer ontvangen? Gebruik dan de afmeldlink onder deze e-mail. U kunt zich altijd weer "
        "aanmelden.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_relatie_nieuw_kanaal",
        "Relatie: nieuw contactkanaal",
        C,
        MAILING,
        "Zo bereikt u ons voortaan",
        AANHEF + "<p>Wij hebben onze bereikbaarheid verbeterd. Voortaan kunt u met al uw vragen "
        "terecht bij één vast contactpunt voor relaties.</p>\n"
        "<p>U kunt ons bellen op werkdagen van 8.30 tot 17.00 uur, of een bericht sturen via "
        "de website. Wij reageren binnen twee werkdagen.</p>\n" + MAILING_SLOT,
    ),
    brief(
        "crm_relatie_gegevens_gewijzigd",
        "Relatie: bevestiging gewijzigde gegevens",
        C,
        ZAAKBRIEF,
        "Wij hebben uw gegevens aangepast",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U heeft ons gevraagd uw gegevens aan te passen. Dat hebben wij gedaan. Met deze "
        "brief bevestigen wij de wijziging.</p>\n" + VRIJE_TEKST + "<p>Gegevens uit de "
        "Basisregistratie Personen of het Handelsregister kunnen wij niet zelf wijzigen. "
        "Daarvoor gaat u naar de gemeente waar u woont of naar de Kamer van Koophandel.</p>\n"
        + ZAAK_CONTACT,
    ),
)
