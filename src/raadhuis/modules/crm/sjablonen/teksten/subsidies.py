"""Subsidies: letters on a subsidy case and mailings about subsidy rounds. Decisions
(beschikkingen) are not here: they come from the subsidy case type's own letters."""

from raadhuis.modules.crm.sjablonen.soorten import MAILING, ZAAKBRIEF, brief, email
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import MAILING_SLOT, VRIJE_TEKST, ZAAK_CONTACT

C = "Subsidies"
AANHEF = "<p>{{ ontvanger.aanhef }}</p>\n"

SJABLONEN = (
    email(
        "crm_subsidie_ronde_open",
        "Subsidie: nieuwe aanvraagronde geopend",
        C,
        MAILING,
        "Subsidie aanvragen kan weer",
        "<p>{{ relatie.aanhef }}</p>\n"
        "<p>Vanaf nu kunt u weer subsidie aanvragen bij {{ organisatie.naam }}. Wij laten "
        "{{ relatie.naam }} dat graag op tijd weten.</p>\n"
        "<p>Op onze website leest u welke regelingen er zijn, wie kan aanvragen en hoe u dat "
        "doet. Vraag op tijd aan: een aanvraag die te laat is, kunnen wij niet behandelen.</p>\n"
        "<p>Twijfelt u of uw plan in aanmerking komt? Neem dan contact op met de "
        "subsidieadviseur. Die denkt graag met u mee.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_subsidie_deadline",
        "Subsidie: de aanvraagtermijn sluit bijna",
        C,
        MAILING,
        "Nog twee weken om subsidie aan te vragen",
        "<p>{{ relatie.aanhef }}</p>\n"
        "<p>Over twee weken sluit de termijn om subsidie aan te vragen. Heeft "
        "{{ relatie.naam }} nog plannen voor volgend jaar? Vraag dan op tijd aan.</p>\n"
        "<p>Zorg dat u deze stukken klaar heeft: een activiteitenplan, een begroting en de "
        "laatste jaarrekening.</p>\n" + MAILING_SLOT,
    ),
    brief(
        "crm_subsidie_ontvangen",
        "Subsidie: ontvangstbevestiging aanvraag",
        C,
        ZAAKBRIEF,
        "Wij hebben uw subsidieaanvraag ontvangen ({{ zaak.identificatie }})",
        AANHEF + "<p>Op {{ zaak.startdatum|date:'j F Y' }} hebben wij uw subsidieaanvraag "
        "ontvangen. Met deze brief bevestigen wij dat. Uw aanvraag heeft zaaknummer "
        "{{ zaak.identificatie }}.</p>\n"
        "<p>Wij bekijken eerst of uw aanvraag compleet is. Ontbreekt er iets, dan hoort u dat "
        "van ons. {% if zaak.uiterlijke_einddatum %}U krijgt uiterlijk "
        "{{ zaak.uiterlijke_einddatum|date:'j F Y' }} een beslissing.{% endif %}</p>\n"
        + ZAAK_CONTACT,
    ),
    brief(
        "crm_subsidie_aanvulling",
        "Subsidie: verzoek om aanvulling",
        C,
        ZAAKBRIEF,
        "Uw subsidieaanvraag is nog niet compleet ({{ zaak.identificatie }})",
        AANHEF + "<p>Wij hebben uw subsidieaanvraag bekeken. Om een beslissing te kunnen nemen, "
        "hebben wij nog de volgende informatie nodig:</p>\n"
        + VRIJE_TEKST
        + "<p>Wilt u de informatie binnen twee weken sturen? Dan behandelen wij uw aanvraag "
        "verder. Ontvangen wij de informatie niet op tijd, dan kunnen wij besluiten uw "
        "aanvraag niet te behandelen (artikel 4:5 Algemene wet bestuursrecht). De termijn "
        "voor onze beslissing staat stil tot wij de informatie hebben.</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_subsidie_verantwoording",
        "Subsidie: herinnering verantwoording",
        C,
        ZAAKBRIEF,
        "Herinnering: verantwoording van uw subsidie ({{ zaak.identificatie }})",
        AANHEF + "<p>U heeft subsidie van ons ontvangen. Na afloop van de activiteiten laat u "
        "zien wat u met de subsidie heeft gedaan. Dat heet verantwoording.</p>\n"
        "<p>Wij hebben uw verantwoording nog niet ontvangen. Wilt u die binnen vier weken "
        "sturen? Stuur dan een inhoudelijk verslag en een financieel overzicht mee.</p>\n"
        + VRIJE_TEKST
        + "<p>Zonder verantwoording kunnen wij de subsidie lager vaststellen of "
        "terugvorderen.</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_subsidie_voortgangsgesprek",
        "Subsidie: uitnodiging voortgangsgesprek",
        C,
        ZAAKBRIEF,
        "Uitnodiging voortgangsgesprek ({{ zaak.identificatie }})",
        AANHEF + "<p>U voert activiteiten uit met subsidie van de gemeente. Wij willen graag "
        "met u bespreken hoe het gaat. Lopen de activiteiten volgens plan? Waar loopt u "
        "tegenaan?</p>\n" + VRIJE_TEKST + "<p>Het gesprek duurt ongeveer een uur. Neem gerust "
        "iemand van uw bestuur mee.</p>\n" + ZAAK_CONTACT,
    ),
    brief(
        "crm_subsidie_wijziging_melden",
        "Subsidie: bevestiging gemelde wijziging",
        C,
        ZAAKBRIEF,
        "Uw wijziging in de gesubsidieerde activiteiten ({{ zaak.identificatie }})",
        AANHEF + "<p>U heeft ons laten weten dat er iets verandert in de activiteiten waarvoor "
        "u subsidie krijgt. Dank u wel dat u dat op tijd meldt.</p>\n"
        + VRIJE_TEKST
        + "<p>Wij bekijken of de wijziging gevolgen heeft voor uw subsidie. Is dat zo, dan "
        "krijgt u daarover een aparte beslissing.</p>\n" + ZAAK_CONTACT,
    ),
)
