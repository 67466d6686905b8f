"""Communicatie: newsletters, invitations and surveys sent as a mailing to a segment."""

from raadhuis.modules.crm.sjablonen.soorten import MAILING, email
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import MAILING_SLOT

C = "Communicatie"
AANHEF = "<p>{{ relatie.aanhef }}</p>\n"

SJABLONEN = (
    email(
        "crm_nieuwsbrief_ondernemers",
        "Nieuwsbrief ondernemers",
        C,
        MAILING,
        "Nieuwsbrief voor ondernemers – {{ datum.vandaag|date:'F Y' }}",
        AANHEF + "<p>In deze nieuwsbrief leest u het belangrijkste nieuws voor ondernemers in "
        "onze gemeente.</p>\n"
        "<h2>Ondernemersloket</h2>\n<p>Heeft u een vraag over een vergunning, een locatie of "
        "subsidie? Het ondernemersloket helpt u verder. Eén vast aanspreekpunt voor alle "
        "vragen.</p>\n"
        "<h2>Agenda</h2>\n<p>Binnenkort organiseren wij weer een ondernemersontbijt. U krijgt "
        "daarvoor een aparte uitnodiging.</p>\n"
        "<h2>Regels en vergunningen</h2>\n<p>Kijk op onze website voor de actuele regels over "
        "terrassen, reclame en evenementen.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_nieuwsbrief_verenigingen",
        "Nieuwsbrief verenigingen en stichtingen",
        C,
        MAILING,
        "Nieuwsbrief voor verenigingen – {{ datum.vandaag|date:'F Y' }}",
        AANHEF + "<p>In deze nieuwsbrief leest u nieuws voor verenigingen en stichtingen in "
        "onze gemeente.</p>\n"
        "<h2>Subsidies</h2>\n<p>Wilt u subsidie aanvragen voor volgend jaar? Let op de "
        "aanvraagtermijn. Op onze website staat welke regelingen er zijn.</p>\n"
        "<h2>Vrijwilligers</h2>\n<p>Zoekt u vrijwilligers? Plaats uw vacature gratis op de "
        "vrijwilligersvacaturebank.</p>\n"
        "<h2>Accommodaties</h2>\n<p>Wilt u een sporthal of zaal huren? Reserveer op tijd via "
        "het verhuurloket.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_uitnodiging_bijeenkomst",
        "Uitnodiging bijeenkomst",
        C,
        MAILING,
        "Uitnodiging: bijeenkomst van {{ organisatie.naam }}",
        AANHEF + "<p>Wij nodigen {{ relatie.naam }} van harte uit voor onze bijeenkomst. Wij "
        "praten u bij over plannen van de gemeente en horen graag wat u ervan vindt.</p>\n"
        "<p>Het programma:</p>\n<ul>\n<li>ontvangst met koffie en thee;</li>\n"
        "<li>presentatie door de gemeente;</li>\n<li>gesprek aan thematafels;</li>\n"
        "<li>afsluiting met een drankje.</li>\n</ul>\n"
        "<p>Komt u? Meld u dan aan door deze e-mail te beantwoorden. Laat ons ook weten met "
        "hoeveel personen u komt.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_uitnodiging_ondernemersontbijt",
        "Uitnodiging ondernemersontbijt",
        C,
        MAILING,
        "Uitnodiging ondernemersontbijt",
        AANHEF + "<p>Begin de dag met collega-ondernemers en de gemeente. Wij nodigen u uit voor "
        "het ondernemersontbijt.</p>\n"
        "<p>Tijdens het ontbijt vertelt de wethouder Economie over de plannen voor "
        "bedrijventerreinen en het centrum. Daarna is er volop tijd om te netwerken.</p>\n"
        "<p>Aanmelden kan door deze e-mail te beantwoorden. Er is plaats voor ongeveer 80 "
        "gasten, dus wacht niet te lang.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_uitnodiging_participatie",
        "Uitnodiging participatieavond",
        C,
        MAILING,
        "Denk mee over plannen in uw omgeving",
        AANHEF + "<p>De gemeente werkt aan plannen die ook {{ relatie.naam }} kunnen raken. "
        "Wij horen graag wat u ervan vindt, voordat de plannen vastliggen.</p>\n"
        "<p>Daarom organiseren wij een participatieavond. U hoort wat er gaat gebeuren en kunt "
        "vragen stellen en ideeën geven. Uw inbreng nemen wij mee in het voorstel aan het "
        "college.</p>\n"
        "<p>Aanmelden is niet nodig. Kunt u niet komen? Reageer dan op deze e-mail.</p>\n"
        + MAILING_SLOT,
    ),
    email(
        "crm_enquete_tevredenheid",
        "Enquête: tevredenheid over het contact",
        C,
        MAILING,
        "Hoe tevreden bent u over het contact met de gemeente?",
        AANHEF + "<p>U heeft onlangs contact gehad met {{ organisatie.naam }}. Wij willen "
        "graag weten hoe u dat heeft ervaren.</p>\n"
        "<p>Wilt u een korte vragenlijst invullen? Het duurt ongeveer drie minuten. Wij vragen "
        "onder andere of u snel geholpen werd en of uw vraag is opgelost.</p>\n"
        "<p>Meedoen is vrijwillig. Uw antwoorden gebruiken wij alleen om onze dienstverlening "
        "te verbeteren.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_enquete_herinnering",
        "Enquête: herinnering",
        C,
        MAILING,
        "Herinnering: wilt u uw mening geven?",
        AANHEF + "<p>Een tijdje geleden vroegen wij u om een korte vragenlijst in te vullen over "
        "het contact met {{ organisatie.naam }}. Misschien bent u er nog niet aan "
        "toegekomen.</p>\n"
        "<p>Uw mening helpt ons echt om beter te worden. Het invullen duurt ongeveer drie "
        "minuten. Heeft u de vragenlijst al ingevuld? Dan danken wij u hartelijk.</p>\n"
        + MAILING_SLOT,
    ),
    email(
        "crm_enquete_uitkomsten",
        "Enquête: de uitkomsten",
        C,
        MAILING,
        "Dit deden wij met uw mening",
        AANHEF + "<p>Onlangs vroegen wij u naar uw ervaring met {{ organisatie.naam }}. Veel "
        "relaties deden mee. Dank u wel!</p>\n"
        "<p>De belangrijkste uitkomsten en wat wij daarmee gaan doen, leest u op onze website. "
        "Wij houden u op de hoogte van de verbeteringen.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_bedankt_deelname",
        "Bedankt voor uw deelname",
        C,
        MAILING,
        "Bedankt voor uw komst",
        AANHEF + "<p>Dank u wel dat u bij onze bijeenkomst was. Wij vonden het fijn om met "
        "{{ relatie.naam }} in gesprek te gaan.</p>\n"
        "<p>Het verslag en de presentaties zetten wij binnenkort op onze website. Heeft u na "
        "afloop nog vragen of ideeën? Beantwoord dan deze e-mail.</p>\n" + MAILING_SLOT,
    ),
    email(
        "crm_aankondiging_werkzaamheden",
        "Aankondiging werkzaamheden in de openbare ruimte",
        C,
        MAILING,
        "Werkzaamheden in uw omgeving",
        AANHEF + "<p>Binnenkort voert de gemeente werkzaamheden uit in de buurt van "
        "{{ relatie.naam }}. Wij doen ons best om de overlast zo klein mogelijk te "
        "houden.</p>\n"
        "<p>Uw pand blijft tijdens de werkzaamheden bereikbaar voor voetgangers. Voor "
        "leveranciers maken wij een tijdelijke laad- en losplek. De actuele planning staat op "
        "onze website.</p>\n"
        "<p>Heeft u een vraag of last van de werkzaamheden? Neem dan contact op met de "
        "omgevingsmanager via deze e-mail.</p>\n" + MAILING_SLOT,
    ),
)
