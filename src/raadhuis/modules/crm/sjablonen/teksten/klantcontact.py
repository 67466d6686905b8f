"""Klantcontact: letters after a contact moment, sent on its follow-up case (or any case)."""

from raadhuis.modules.crm.sjablonen.soorten import ZAAKBRIEF, brief
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import VRIJE_TEKST, ZAAK_CONTACT

C = "Klantcontact"
AANHEF = "<p>{{ ontvanger.aanhef }}</p>\n"

SJABLONEN = (
    brief(
        "crm_contact_antwoord",
        "Klantcontact: antwoord op uw vraag",
        C,
        ZAAKBRIEF,
        "Antwoord op uw vraag ({{ zaak.identificatie }})",
        AANHEF + "<p>Op {{ zaak.startdatum|date:'j F Y' }} stelde u ons een vraag over "
        "{{ zaak.omschrijving|default:zaak.zaaktype|lower }}. In deze brief geven wij u "
        "antwoord.</p>\n" + VRIJE_TEKST + "<p>Wij hopen dat wij u hiermee goed hebben "
        "geholpen.</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_contact_afspraak",
        "Klantcontact: bevestiging afspraak",
        C,
        ZAAKBRIEF,
        "Bevestiging van uw afspraak",
        AANHEF + "<p>Met deze brief bevestigen wij de afspraak die wij met u hebben gemaakt.</p>"
        "\n" + VRIJE_TEKST + "<p>Neem een geldig identiteitsbewijs mee. Gaat het om een bedrijf? "
        "Neem dan ook een uittreksel van de Kamer van Koophandel mee.</p>\n"
        "<p>Kunt u niet komen? Laat het ons dan uiterlijk een werkdag van tevoren weten.</p>\n"
        + ZAAK_CONTACT,
    ),
    brief(
        "crm_contact_doorverwijzing",
        "Klantcontact: doorverwijzing naar een andere organisatie",
        C,
        ZAAKBRIEF,
        "Waar u met uw vraag terechtkunt",
        AANHEF + "<p>U heeft ons een vraag gesteld. Uw vraag hoort niet bij de gemeente, maar "
        "bij een andere organisatie. Daar helpen ze u verder.</p>\n"
        + VRIJE_TEKST
        + "<p>Wij hebben uw vraag niet zelf doorgestuurd. Wilt u zelf contact opnemen met deze "
        "organisatie?</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_contact_niet_bereikt",
        "Klantcontact: wij konden u niet bereiken",
        C,
        ZAAKBRIEF,
        "Wij probeerden u te bereiken ({{ zaak.identificatie }})",
        AANHEF + "<p>Wij hebben geprobeerd u te bellen over uw vraag of melding. Helaas kregen "
        "wij geen contact.</p>\n"
        "<p>Wilt u ons terugbellen? Dat kan op werkdagen tussen 8.30 en 17.00 uur. U kunt ook "
        "een e-mail sturen. Noem daarbij het zaaknummer {{ zaak.identificatie }}.</p>\n"
        "<p>Horen wij binnen twee weken niets van u? Dan gaan wij ervan uit dat uw vraag is "
        "opgelost en sluiten wij de zaak.</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_contact_melding_afgehandeld",
        "Klantcontact: uw melding is afgehandeld",
        C,
        ZAAKBRIEF,
        "Uw melding is afgehandeld ({{ zaak.identificatie }})",
        AANHEF + "<p>Op {{ zaak.startdatum|date:'j F Y' }} deed u een melding bij ons. Wij "
        "hebben uw melding afgehandeld.</p>\n" + VRIJE_TEKST + "<p>Dank u wel voor uw melding. "
        "Zo helpt u mee aan een schone, hele en veilige gemeente.</p>\n" + ZAAK_CONTACT,
    ),
)
