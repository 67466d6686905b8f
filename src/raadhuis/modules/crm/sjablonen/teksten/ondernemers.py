"""Vergunningen en ondernemers: account management of companies (mailings) and letters on a
permit case."""

from raadhuis.modules.crm.sjablonen.soorten import MAILING, ZAAKBRIEF, brief, email
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import MAILING_SLOT, VRIJE_TEKST, ZAAK_CONTACT

C = "Vergunningen en ondernemers"

SJABLONEN = (
    email(
        "crm_ondernemer_welkom",
        "Ondernemer: welkom in de gemeente",
        C,
        MAILING,
        "Welkom als ondernemer in onze gemeente",
        "<p>{{ relatie.aanhef }}</p>\n"
        "<p>Van harte welkom! {{ relatie.naam }} is nieuw gevestigd in onze gemeente. Wij "
        "wensen u veel succes.</p>\n"
        "<p>Het ondernemersloket is uw vaste aanspreekpunt. Wij helpen u bijvoorbeeld met:</p>"
        "\n<ul>\n<li>vergunningen voor uw pand, reclame of terras;</li>\n"
        "<li>contact met ondernemersverenigingen en het ondernemersfonds;</li>\n"
        "<li>personeel zoeken via het Werkgeversservicepunt.</li>\n</ul>\n" + MAILING_SLOT,
    ),
    email(
        "crm_ondernemer_bedrijfsbezoek",
        "Ondernemer: uitnodiging bedrijfsbezoek",
        C,
        MAILING,
        "Mogen wij bij u op bezoek komen?",
        "<p>{{ relatie.aanhef }}</p>\n"
        "<p>De wethouder Economie bezoekt regelmatig bedrijven in onze gemeente. Wij willen "
        "graag ook bij {{ relatie.naam }} langskomen.</p>\n"
        "<p>Tijdens het bezoek maken wij kennis, krijgen wij een rondleiding en horen wij "
        "wat er in uw bedrijf speelt. Het bezoek duurt ongeveer anderhalf uur.</p>\n"
        "<p>Heeft u interesse? Beantwoord deze e-mail. Wij plannen dan samen een datum.</p>\n"
        + MAILING_SLOT,
    ),
    email(
        "crm_ondernemer_terrasseizoen",
        "Ondernemer: terrasvergunning voor het nieuwe seizoen",
        C,
        MAILING,
        "Vraag op tijd uw terrasvergunning aan",
        "<p>{{ relatie.aanhef }}</p>\n"
        "<p>Het terrasseizoen komt eraan. Wilt u een terras of wilt u uw terras veranderen? "
        "Vraag dan op tijd een terrasvergunning aan. De behandeling duurt maximaal acht "
        "weken.</p>\n"
        "<p>Heeft u al een vergunning en verandert er niets? Dan hoeft u niets te doen.</p>\n"
        + MAILING_SLOT,
    ),
    email(
        "crm_ondernemer_regelgeving",
        "Ondernemer: nieuwe regels",
        C,
        MAILING,
        "Nieuwe regels voor ondernemers",
        "<p>{{ relatie.aanhef }}</p>\n"
        "<p>Er veranderen regels die gevolgen kunnen hebben voor {{ relatie.naam }}. In het "
        "kort: wat verandert er, vanaf wanneer, en wat moet u doen?</p>\n"
        "<p>Op onze website leest u alles over de nieuwe regels. Heeft u vragen? Het "
        "ondernemersloket helpt u graag.</p>\n" + MAILING_SLOT,
    ),
    brief(
        "crm_vergunning_verloopt",
        "Vergunning: uw vergunning verloopt binnenkort",
        C,
        ZAAKBRIEF,
        "Uw vergunning verloopt binnenkort ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U heeft bij ons een vergunning ({{ zaak.zaaktype|lower }}). Deze vergunning is "
        "tijdelijk en verloopt binnenkort.</p>\n" + VRIJE_TEKST + "<p>Wilt u doorgaan? Vraag "
        "dan minstens acht weken voor de einddatum een nieuwe vergunning aan. Zonder geldige "
        "vergunning mag u de activiteit niet voortzetten.</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_vergunning_vooroverleg",
        "Vergunning: uitnodiging vooroverleg",
        C,
        ZAAKBRIEF,
        "Uitnodiging vooroverleg over uw plan ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U heeft ons gevraagd mee te denken over uw plan. Wij nodigen u uit voor een "
        "vooroverleg. Daarin bespreken wij welke vergunningen u nodig heeft en waar u op moet "
        "letten.</p>\n" + VRIJE_TEKST + "<p>Neem tekeningen, foto’s of een korte beschrijving "
        "van uw plan mee. Een vooroverleg is vrijblijvend en kosteloos.</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_vergunning_controle",
        "Vergunning: aankondiging controlebezoek",
        C,
        ZAAKBRIEF,
        "Aankondiging controlebezoek ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>De gemeente controleert of de voorschriften van vergunningen worden nageleefd. Wij "
        "komen ook bij u langs voor een controle.</p>\n" + VRIJE_TEKST + "<p>De controle duurt "
        "ongeveer een uur. Zorg dat er iemand aanwezig is die ons kan rondleiden en de "
        "vergunning kan laten zien.</p>\n" + ZAAK_CONTACT,
    ),
)
