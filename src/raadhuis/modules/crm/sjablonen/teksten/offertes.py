"""Leads en offertes: quotation templates for the lead screen's "Offerte maken". The standard
one keeps the code "offerte" (the default in that screen)."""

from raadhuis.modules.crm.sjablonen.soorten import offerte
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import OFFERTE_SLOT, OFFERTE_TABEL

OMSCHRIJVING = "{% if lead.omschrijving %}<p>{{ lead.omschrijving|linebreaksbr }}</p>\n{% endif %}"
BTW = (
    "<p>Alle bedragen zijn exclusief btw, tenzij er iets anders staat. Op deze offerte zijn de "
    "algemene inkoop- en leveringsvoorwaarden van {{ organisatie.naam }} van toepassing.</p>\n"
)

SJABLONEN = (
    offerte(
        "offerte",
        "Offerte (standaard)",
        "Offerte {{ offerte.nummer }}: {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Naar aanleiding van onze gesprekken over <strong>{{ lead.titel }}</strong> doen wij "
        "u graag de volgende offerte.</p>\n" + OMSCHRIJVING + OFFERTE_TABEL + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_evenement",
        "Offerte: evenement of sponsoring",
        "Offerte {{ offerte.nummer }}: deelname aan {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Fijn dat {{ lead.relatie }} wil meedoen aan <strong>{{ lead.titel }}</strong>. In "
        "deze offerte leest u wat wij u bieden en wat het kost.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<h2>Wat is inbegrepen</h2>\n<ul>\n"
        "<li>vermelding van uw organisatie in de communicatie over het evenement;</li>\n"
        "<li>een standplaats of presentatiemoment, zoals met u besproken;</li>\n"
        "<li>gebruik van stroom en basismeubilair op de locatie.</li>\n</ul>\n"
        "<p>Na uw akkoord ontvangt u het draaiboek met de tijden voor opbouw en afbouw.</p>\n"
        + BTW
        + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_locatiehuur",
        "Offerte: huur van een locatie of zaal",
        "Offerte {{ offerte.nummer }}: huur {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U heeft gevraagd naar de mogelijkheden om <strong>{{ lead.titel }}</strong> te "
        "huren. Hieronder vindt u onze offerte.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<h2>Voorwaarden voor de huur</h2>\n<ul>\n"
        "<li>U gebruikt de ruimte alleen voor het doel dat u ons heeft genoemd.</li>\n"
        "<li>U laat de ruimte schoon en opgeruimd achter.</li>\n"
        "<li>Schade meldt u dezelfde dag bij de beheerder.</li>\n"
        "<li>Annuleren kan kosteloos tot vier weken voor de huurdatum.</li>\n</ul>\n"
        + BTW
        + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_subsidiebegeleiding",
        "Offerte: begeleiding bij een subsidieaanvraag",
        "Offerte {{ offerte.nummer }}: begeleiding subsidieaanvraag {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U wilt subsidie aanvragen voor <strong>{{ lead.titel }}</strong>. Wij helpen u "
        "graag om de aanvraag goed voor te bereiden.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<h2>Wat wij voor u doen</h2>\n<ul>\n"
        "<li>een gesprek over uw plan en de subsidieregelingen die passen;</li>\n"
        "<li>hulp bij het opstellen van de begroting en het activiteitenplan;</li>\n"
        "<li>een controle van de aanvraag voordat u die indient.</li>\n</ul>\n"
        "<p>Let op: onze begeleiding is geen garantie dat u de subsidie krijgt. Over de "
        "aanvraag beslist het bevoegde bestuursorgaan.</p>\n" + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_bedrijfskavel",
        "Offerte: uitgifte van een bedrijfskavel",
        "Offerte {{ offerte.nummer }}: bedrijfskavel voor {{ lead.relatie }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U heeft belangstelling voor een bedrijfskavel voor <strong>{{ lead.titel }}"
        "</strong>. Met deze brief doen wij u een vrijblijvende offerte.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<h2>Goed om te weten</h2>\n<ul>\n"
        "<li>De koopsom is exclusief btw en kosten koper.</li>\n"
        "<li>De kavel is bouwrijp. Het bestemmingsplan en de beeldkwaliteitseisen gelden.</li>\n"
        "<li>De verkoop is pas definitief na een besluit van het college en het tekenen van "
        "de koopovereenkomst.</li>\n</ul>\n" + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_standplaats",
        "Offerte: standplaats markt of openbare ruimte",
        "Offerte {{ offerte.nummer }}: standplaats {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U wilt een standplaats voor <strong>{{ lead.titel }}</strong>. Hieronder leest u "
        "onze offerte voor het standplaatsgeld.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<p>U heeft voor de standplaats ook een standplaatsvergunning nodig. Die vraagt u "
        "apart aan. Het standplaatsgeld betaalt u per kwartaal vooraf.</p>\n" + BTW + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_dienstverlening",
        "Offerte: dienstverlening op maat",
        "Offerte {{ offerte.nummer }}: {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U vroeg ons om een voorstel voor <strong>{{ lead.titel }}</strong>. Graag bieden "
        "wij u de volgende dienstverlening aan.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<h2>Planning</h2>\n<p>Wij starten binnen vier weken na uw akkoord"
        "{% if lead.verwachte_sluitdatum %}, en verwachten de afspraken vóór "
        "{{ lead.verwachte_sluitdatum|date:'j F Y' }} rond te hebben{% endif %}.</p>\n"
        + BTW
        + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_partnerschap",
        "Offerte: samenwerkingsvoorstel (partnerschap)",
        "Samenwerkingsvoorstel {{ offerte.nummer }}: {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Wij kijken met plezier terug op onze gesprekken over <strong>{{ lead.titel }}"
        "</strong>. In dit voorstel leggen wij vast hoe wij willen samenwerken en wat ieder "
        "bijdraagt.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<h2>Wat wij samen afspreken</h2>\n<ul>\n"
        "<li>een gezamenlijk doel en meetbare resultaten;</li>\n"
        "<li>een vast aanspreekpunt aan beide kanten;</li>\n"
        "<li>twee keer per jaar een gesprek over de voortgang.</li>\n</ul>\n" + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_materiaalverhuur",
        "Offerte: verhuur van evenementenmateriaal",
        "Offerte {{ offerte.nummer }}: materiaal voor {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Voor <strong>{{ lead.titel }}</strong> kunt u materiaal van de gemeente huren, "
        "zoals dranghekken, podiumdelen en afvalbakken. Hieronder vindt u onze offerte.</p>\n"
        + OMSCHRIJVING
        + OFFERTE_TABEL
        + "<p>U haalt het materiaal op en brengt het terug bij "
        "de gemeentewerf, op de tijden die wij met u afspreken. Beschadigd of vermist materiaal "
        "brengen wij in rekening.</p>\n" + BTW + OFFERTE_SLOT,
    ),
    offerte(
        "offerte_reclame",
        "Offerte: reclame op gemeentelijke locaties",
        "Offerte {{ offerte.nummer }}: reclame {{ lead.titel }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>U wilt reclame maken via {{ lead.titel }}. Wij doen u graag de volgende "
        "offerte.</p>\n" + OMSCHRIJVING + OFFERTE_TABEL + "<p>De reclame moet voldoen aan de "
        "reclameregels van de gemeente. Wij controleren het ontwerp voordat het wordt "
        "geplaatst.</p>\n" + BTW + OFFERTE_SLOT,
    ),
)
