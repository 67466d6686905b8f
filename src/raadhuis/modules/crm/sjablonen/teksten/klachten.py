"""Klachten: letters on a complaint case (Awb chapter 9). The complaints module brings its own
seven letters (klacht_ontvangstbevestiging, …); these add the decisions per outcome, the
referral to the ombudsman and the other steps of a complaint."""

from raadhuis.modules.crm.sjablonen.soorten import KLACHT, brief
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import KLACHT_CONTACT, VRIJE_TEKST

C = "Klachten"
OMBUDSMAN = (
    "<p>Bent u het niet eens met hoe wij uw klacht hebben afgehandeld? Dan kunt u dat voorleggen "
    "aan de Nationale ombudsman. Dat kan binnen een jaar na deze brief, via "
    "www.nationaleombudsman.nl of telefonisch via 0800 335 55 55 (gratis).</p>\n"
)

SJABLONEN = (
    brief(
        "crm_klacht_beslissing_gegrond",
        "Klacht: beslissing, klacht gegrond",
        C,
        KLACHT,
        "Uw klacht is gegrond ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
        "{{ klacht.onderwerp }}. Wij hebben uw klacht onderzocht. In deze brief leest u onze "
        "beslissing.</p>\n"
        "<h2>Wat wij hebben onderzocht</h2>\n<p>{{ klacht.bevindingen|linebreaksbr }}</p>\n"
        "<h2>Onze beslissing</h2>\n<p>Wij vinden uw klacht gegrond. Dat betekent dat u gelijk "
        "heeft: het had anders moeten gaan. Wij bieden u daarvoor onze excuses aan.</p>\n"
        "{% if klacht.conclusies %}<p>{{ klacht.conclusies|linebreaksbr }}</p>\n{% endif %}"
        "{% if klacht.maatregelen %}<h2>Wat wij gaan doen</h2>\n"
        "<p>{{ klacht.maatregelen|linebreaksbr }}</p>\n{% endif %}"
        "<p>Dank u wel dat u de moeite nam om uw klacht te melden. Zo kunnen wij onze "
        "dienstverlening verbeteren.</p>\n" + OMBUDSMAN + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_beslissing_deels_gegrond",
        "Klacht: beslissing, klacht deels gegrond",
        C,
        KLACHT,
        "Uw klacht is deels gegrond ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
        "{{ klacht.onderwerp }}. Wij hebben uw klacht onderzocht. In deze brief leest u onze "
        "beslissing.</p>\n"
        "<h2>Wat wij hebben onderzocht</h2>\n<p>{{ klacht.bevindingen|linebreaksbr }}</p>\n"
        "<h2>Onze beslissing</h2>\n<p>Wij vinden uw klacht deels gegrond. Op een aantal punten "
        "heeft u gelijk, op andere punten niet. Hieronder leggen wij uit waarom.</p>\n"
        "<p>{{ klacht.conclusies|linebreaksbr }}</p>\n"
        "{% if klacht.maatregelen %}<h2>Wat wij gaan doen</h2>\n"
        "<p>{{ klacht.maatregelen|linebreaksbr }}</p>\n{% endif %}" + OMBUDSMAN + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_beslissing_ongegrond",
        "Klacht: beslissing, klacht ongegrond",
        C,
        KLACHT,
        "Beslissing op uw klacht ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
        "{{ klacht.onderwerp }}. Wij hebben uw klacht zorgvuldig onderzocht. In deze brief "
        "leest u onze beslissing.</p>\n"
        "<h2>Wat wij hebben onderzocht</h2>\n<p>{{ klacht.bevindingen|linebreaksbr }}</p>\n"
        "<h2>Onze beslissing</h2>\n<p>Wij vinden uw klacht ongegrond. Dat betekent dat wij "
        "vinden dat onze medewerkers zich correct hebben gedragen. Wij begrijpen dat u dit "
        "anders heeft ervaren. Daarom leggen wij onze beslissing hieronder uit.</p>\n"
        "<p>{{ klacht.conclusies|linebreaksbr }}</p>\n" + OMBUDSMAN + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_doorverwijzing_ombudsman",
        "Klacht: doorverwijzing naar de Nationale ombudsman",
        C,
        KLACHT,
        "Uw klacht en de Nationale ombudsman ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U heeft laten weten dat u het niet eens bent met de afhandeling van uw klacht over "
        "{{ klacht.onderwerp }}. Wij hebben uw klacht zo goed mogelijk behandeld. Binnen onze "
        "gemeente is de klachtprocedure nu afgerond.</p>\n"
        "<p>U kunt uw klacht voorleggen aan de Nationale ombudsman. De ombudsman is "
        "onafhankelijk en kijkt of wij behoorlijk hebben gehandeld. Dat is gratis.</p>\n"
        "<ul>\n<li>Website: www.nationaleombudsman.nl</li>\n"
        "<li>Telefoon: 0800 335 55 55 (gratis)</li>\n"
        "<li>Post: Nationale ombudsman, Postbus 93122, 2509 AC Den Haag</li>\n</ul>\n"
        "<p>Stuur een kopie van deze brief en van onze beslissing mee. Dat kan tot een jaar na "
        "onze beslissing.</p>\n" + VRIJE_TEKST + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_informeel_opgelost",
        "Klacht: bevestiging informele oplossing",
        C,
        KLACHT,
        "Uw klacht is opgelost ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
        "{{ klacht.onderwerp }}. Daarna heeft {{ klacht.behandelaar }} met u gesproken. Wij "
        "hebben samen een oplossing gevonden.</p>\n"
        "{% if klacht.afsluit_toelichting %}<p>Wij hebben afgesproken: "
        "{{ klacht.afsluit_toelichting }}</p>\n{% endif %}"
        "<p>U heeft aangegeven dat u tevreden bent met deze oplossing. Daarom sluiten wij uw "
        "klacht af (artikel 9:5 Algemene wet bestuursrecht). Is dit niet juist? Laat het ons "
        "dan binnen twee weken weten. Dan behandelen wij uw klacht alsnog volledig.</p>\n"
        + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_doorgezonden",
        "Klacht: doorgezonden naar een andere organisatie",
        C,
        KLACHT,
        "Wij hebben uw klacht doorgestuurd ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
        "{{ klacht.onderwerp }}. Uw klacht gaat niet over onze gemeente, maar over een andere "
        "organisatie. Daarom hebben wij uw klacht naar die organisatie doorgestuurd (artikel 2:3 "
        "Algemene wet bestuursrecht).</p>\n" + VRIJE_TEKST + "<p>Die organisatie neemt zelf "
        "contact met u op. Vragen over de behandeling stelt u voortaan aan hen.</p>\n"
        + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_aanvulling_gevraagd",
        "Klacht: verzoek om aanvullende informatie",
        C,
        KLACHT,
        "Wij hebben meer informatie nodig over uw klacht ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
        "{{ klacht.onderwerp }}. Om uw klacht goed te kunnen behandelen, hebben wij meer "
        "informatie van u nodig.</p>\n" + VRIJE_TEKST + "<p>Wilt u de informatie binnen twee "
        "weken sturen? U kunt reageren per e-mail of per post. Noem daarbij ons kenmerk. "
        "Krijgen wij geen reactie, dan kunnen wij uw klacht misschien niet behandelen.</p>\n"
        + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_verslag_hoorzitting",
        "Klacht: verslag van het gesprek (hoorzitting)",
        C,
        KLACHT,
        "Verslag van het gesprek over uw klacht ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Op {{ klacht.hoorzitting_datum }} hebben wij met u gesproken over uw klacht over "
        "{{ klacht.onderwerp }}. Bedankt voor uw komst en uw toelichting. Bij deze brief vindt "
        "u het verslag van het gesprek.</p>\n" + VRIJE_TEKST + "<p>Klopt er iets niet in het "
        "verslag? Laat het ons dan binnen een week weten. Daarna nemen wij een beslissing. U "
        "krijgt die uiterlijk {% if klacht.verdaagd_tot %}{{ klacht.verdaagd_tot|date:'j F Y' }}"
        "{% else %}{{ klacht.uiterlijk|date:'j F Y' }}{% endif %}.</p>\n" + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_intrekking",
        "Klacht: bevestiging intrekking",
        C,
        KLACHT,
        "Bevestiging: u heeft uw klacht ingetrokken ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U heeft ons laten weten dat u uw klacht over {{ klacht.onderwerp }} intrekt. Met "
        "deze brief bevestigen wij dat. Wij behandelen uw klacht daarom niet verder.</p>\n"
        "<p>Wij gebruiken uw melding wel om te leren en onze dienstverlening te verbeteren.</p>\n"
        + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_hoorzitting_verplaatst",
        "Klacht: gesprek (hoorzitting) verplaatst",
        C,
        KLACHT,
        "Nieuwe datum voor het gesprek over uw klacht ({{ zaak.identificatie }})",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Het gesprek over uw klacht over {{ klacht.onderwerp }} is verplaatst. De nieuwe "
        "afspraak is op {{ klacht.hoorzitting_datum }} om {{ klacht.hoorzitting_tijd }}"
        "{% if klacht.hoorzitting_locatie %}, {{ klacht.hoorzitting_locatie }}{% endif %}.</p>\n"
        "<p>Kunt u op dit moment niet? Laat het ons dan zo snel mogelijk weten. Dan zoeken wij "
        "samen een ander moment.</p>\n" + KLACHT_CONTACT,
    ),
    brief(
        "crm_klacht_tevredenheid",
        "Klacht: vraag naar uw ervaring met de klachtbehandeling",
        C,
        KLACHT,
        "Hoe heeft u de behandeling van uw klacht ervaren?",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Onlangs hebben wij uw klacht over {{ klacht.onderwerp }} afgehandeld. Wij willen "
        "graag weten hoe u de behandeling heeft ervaren. Daar leren wij van.</p>\n"
        "<p>Wilt u een paar korte vragen beantwoorden? Dat duurt ongeveer drie minuten.</p>\n"
        + VRIJE_TEKST
        + "<p>Meedoen is vrijwillig. Uw antwoorden gebruiken wij alleen om onze "
        "klachtbehandeling te verbeteren.</p>\n" + KLACHT_CONTACT,
    ),
)
