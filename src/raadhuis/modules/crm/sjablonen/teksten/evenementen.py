"""Evenementen: mailings to organisers and participants of events."""

from raadhuis.modules.crm.sjablonen.soorten import MAILING, email
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import MAILING_SLOT

C = "Evenementen"
AANHEF = "<p>{{ relatie.aanhef }}</p>\n"

SJABLONEN = (
    email(
        "crm_evenement_organisatoren",
        "Evenement: informatie voor organisatoren",
        C,
        MAILING,
        "Organiseert u volgend jaar een evenement?",
        AANHEF + "<p>Organiseert {{ relatie.naam }} volgend jaar een evenement in onze "
        "gemeente? Vraag dan op tijd een evenementenvergunning aan. Voor grote evenementen is "
        "dat minstens twaalf weken van tevoren.</p>\n"
        "<p>Meld uw evenement ook aan voor de evenementenkalender. Zo voorkomen wij dat "
        "evenementen op dezelfde dag en plek vallen.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_evenement_uitnodiging",
        "Evenement: uitnodiging",
        C,
        MAILING,
        "U bent uitgenodigd",
        AANHEF + "<p>Graag nodigen wij {{ relatie.naam }} uit voor ons evenement. Het wordt een "
        "mooie gelegenheid om elkaar te ontmoeten.</p>\n"
        "<p>Komt u? Meld u dan aan door deze e-mail te beantwoorden. Laat ons ook weten of u "
        "iets nodig heeft om goed te kunnen deelnemen, bijvoorbeeld een rolstoelplek.</p>\n"
        + MAILING_SLOT,
    ),
    email(
        "crm_evenement_praktisch",
        "Evenement: praktische informatie voor deelnemers",
        C,
        MAILING,
        "Praktische informatie voor het evenement",
        AANHEF + "<p>Fijn dat {{ relatie.naam }} meedoet. In deze e-mail staat de praktische "
        "informatie.</p>\n<ul>\n<li>Opbouw kan vanaf twee uur voor de start.</li>\n"
        "<li>Parkeren kan op het parkeerterrein naast de locatie.</li>\n"
        "<li>Afval neemt u zelf mee, of u gebruikt de afvalcontainers van de organisatie.</li>"
        "\n</ul>\n<p>Op de dag zelf is de coördinator van de gemeente uw aanspreekpunt.</p>\n"
        + MAILING_SLOT,
    ),
    email(
        "crm_evenement_evaluatie",
        "Evenement: vraag om evaluatie",
        C,
        MAILING,
        "Hoe heeft u het evenement ervaren?",
        AANHEF + "<p>Dank u wel dat {{ relatie.naam }} heeft meegedaan aan ons evenement. Wij "
        "willen graag weten hoe u het heeft ervaren.</p>\n"
        "<p>Wilt u een korte vragenlijst invullen? Het duurt ongeveer vijf minuten. Met uw "
        "antwoorden maken wij het volgende evenement nog beter.</p>\n" + MAILING_SLOT,
    ),
)
