"""Contracten: letters to a contract party and e-mails to the contract owner, sent on the case
'Contractbeheer' of a contract (`{{ contract.… }}`). Social Return figures per contract are not
merge fields: the sender types them in the free text ({{ brief.tekst }})."""

from raadhuis.modules.crm.sjablonen.soorten import CONTRACT, brief, email
from raadhuis.modules.crm.sjablonen.teksten.gedeeld import CONTRACT_CONTACT, VRIJE_TEKST

C = "Contracten"
KOP = (
    "<table>\n"
    "<tr><th>Contract</th><td>{{ contract.kenmerk }} – {{ contract.onderwerp }}</td></tr>\n"
    "<tr><th>Looptijd tot en met</th><td>{{ contract.einddatum }}</td></tr>\n"
    "</table>\n"
)

SJABLONEN = (
    brief(
        "crm_contract_verloopt",
        "Contract: het contract loopt binnenkort af",
        C,
        CONTRACT,
        "Uw contract {{ contract.kenmerk }} loopt af op {{ contract.einddatum }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Het contract {{ contract.onderwerp }} tussen {{ contract.relatie }} en "
        "{{ organisatie.naam }} loopt af op {{ contract.einddatum }}.</p>\n"
        + KOP
        + "<p>Wij bekijken nu hoe wij verder gaan. Wij laten u vóór {{ contract.opzegdatum }} "
        "weten of wij het contract willen verlengen, opnieuw aanbesteden of beëindigen.</p>\n"
        + VRIJE_TEKST
        + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_opzegging",
        "Contract: opzegging",
        C,
        CONTRACT,
        "Opzegging contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Met deze brief zeggen wij het contract {{ contract.onderwerp }} "
        "({{ contract.kenmerk }}) op. Het contract eindigt op {{ contract.einddatum }}. Wij "
        "houden ons daarmee aan de opzegtermijn uit het contract.</p>\n"
        + VRIJE_TEKST
        + "<p>Tot de einddatum blijven de afspraken uit het contract gelden. Wij nemen contact "
        "met u op om de overdracht en de laatste facturen af te spreken.</p>\n"
        "<p>Wij danken u voor de samenwerking.</p>\n" + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_verlenging",
        "Contract: bevestiging verlenging",
        C,
        CONTRACT,
        "Verlenging contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Wij verlengen het contract {{ contract.onderwerp }} ({{ contract.kenmerk }}). "
        "Met deze brief bevestigen wij dat.</p>\n"
        "<p>De afspraken uit het contract blijven gelden, tenzij hieronder iets anders "
        "staat.</p>\n" + VRIJE_TEKST + "<p>Wilt u deze verlenging bevestigen door een getekend "
        "exemplaar van deze brief binnen twee weken terug te sturen?</p>\n" + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_niet_verlengen",
        "Contract: voornemen om niet te verlengen",
        C,
        CONTRACT,
        "Wij verlengen contract {{ contract.kenmerk }} niet",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Het contract {{ contract.onderwerp }} ({{ contract.kenmerk }}) loopt af op "
        "{{ contract.einddatum }}. Wij hebben besloten het contract daarna niet te "
        "verlengen.</p>\n" + VRIJE_TEKST + "<p>Wij gaan de opdracht opnieuw aanbesteden. Uw "
        "organisatie kan dan opnieuw een aanbieding doen. De aankondiging verschijnt op "
        "TenderNed.</p>\n" + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_sr_herinnering",
        "Contract: herinnering Social Return",
        C,
        CONTRACT,
        "Herinnering Social Return bij contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>In het contract {{ contract.onderwerp }} ({{ contract.kenmerk }}) heeft "
        "{{ contract.relatie }} afspraken gemaakt over Social Return. Dat betekent dat u een "
        "deel van de opdrachtwaarde besteedt aan werk of opleiding voor mensen met een afstand "
        "tot de arbeidsmarkt.</p>\n"
        "<p>Wij herinneren u graag aan deze afspraken. De stand van zaken is als volgt:</p>\n"
        + VRIJE_TEKST
        + "<p>Heeft u hulp nodig bij het vinden van kandidaten? Het Werkgevers"
        "servicepunt helpt u graag.</p>\n" + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_sr_verantwoording",
        "Contract: verantwoording Social Return opvragen",
        C,
        CONTRACT,
        "Verantwoording Social Return {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Voor het contract {{ contract.onderwerp }} ({{ contract.kenmerk }}) vragen wij u om "
        "te laten zien wat u aan Social Return heeft gedaan. Wilt u binnen vier weken een "
        "overzicht sturen met:</p>\n"
        "<ul>\n<li>de namen van de functies of trajecten;</li>\n"
        "<li>het aantal uren of het bedrag per traject;</li>\n"
        "<li>bewijsstukken, zoals arbeidsovereenkomsten of facturen van opleidingen.</li>\n"
        "</ul>\n" + VRIJE_TEKST + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_sr_achterstand",
        "Contract: achterstand Social Return",
        C,
        CONTRACT,
        "Achterstand Social Return bij contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Uit uw verantwoording blijkt dat u de afspraken over Social Return in het contract "
        "{{ contract.onderwerp }} ({{ contract.kenmerk }}) nog niet heeft waargemaakt.</p>\n"
        + VRIJE_TEKST
        + "<p>Wij willen graag met u afspreken hoe u de achterstand inhaalt. "
        "Wij nodigen u daarom uit voor een gesprek. Lukt het niet om de afspraken na te komen, "
        "dan kunnen wij de maatregelen uit het contract toepassen.</p>\n" + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_evaluatie",
        "Contract: uitnodiging contractevaluatie",
        C,
        CONTRACT,
        "Uitnodiging evaluatie contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Wij willen graag met u terugkijken op de samenwerking in het contract "
        "{{ contract.onderwerp }} ({{ contract.kenmerk }}). Wat gaat goed, en wat kan beter? "
        "Wij bespreken ook de kwaliteit, de planning en de afspraken over duurzaamheid en "
        "Social Return.</p>\n" + VRIJE_TEKST + "<p>Wilt u laten weten wie er namens "
        "{{ contract.relatie }} bij het gesprek komt?</p>\n" + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_wijziging",
        "Contract: bevestiging wijziging",
        C,
        CONTRACT,
        "Wijziging contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Wij hebben met u afgesproken het contract {{ contract.onderwerp }} "
        "({{ contract.kenmerk }}) te wijzigen. Met deze brief bevestigen wij de wijziging.</p>\n"
        "<h2>Wat er verandert</h2>\n" + VRIJE_TEKST + "<p>De andere afspraken uit het contract "
        "blijven gelden. Wilt u deze brief voor akkoord tekenen en binnen twee weken "
        "terugsturen?</p>\n" + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_indexering",
        "Contract: aankondiging prijsindexering",
        C,
        CONTRACT,
        "Prijsindexering contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Volgens het contract {{ contract.onderwerp }} ({{ contract.kenmerk }}) passen wij "
        "de prijzen één keer per jaar aan. Dat heet indexering. Wij volgen daarbij het "
        "indexcijfer dat in het contract staat.</p>\n" + VRIJE_TEKST + "<p>De nieuwe prijzen "
        "gelden vanaf de eerstvolgende factuur. U hoeft hiervoor niets te doen.</p>\n"
        + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_mvoi_rapportage",
        "Contract: rapportage MVOI opvragen",
        C,
        CONTRACT,
        "Rapportage duurzaamheid en MVOI {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>In het contract {{ contract.onderwerp }} ({{ contract.kenmerk }}) staan afspraken "
        "over maatschappelijk verantwoord opdrachtgeven en inkopen (MVOI). Denk aan CO2-uitstoot, "
        "circulair materiaalgebruik en eerlijke arbeidsomstandigheden.</p>\n"
        "<p>Wilt u ons binnen vier weken laten weten hoe u deze afspraken nakomt? Gebruik "
        "daarvoor het rapportageformat uit het contract.</p>\n" + VRIJE_TEKST + CONTRACT_CONTACT,
    ),
    brief(
        "crm_contract_afronding",
        "Contract: afronding na einde contract",
        C,
        CONTRACT,
        "Afronding contract {{ contract.kenmerk }}",
        "<p>{{ ontvanger.aanhef }}</p>\n"
        "<p>Het contract {{ contract.onderwerp }} ({{ contract.kenmerk }}) is afgelopen op "
        "{{ contract.einddatum }}. Met deze brief ronden wij het contract af.</p>\n"
        "<p>Wilt u uw laatste factuur binnen een maand sturen? Vermeld daarop het "
        "contractnummer.</p>\n"
        + VRIJE_TEKST
        + "<p>Wij danken u voor de samenwerking.</p>\n"
        + CONTRACT_CONTACT,
    ),
    email(
        "crm_contract_intern_opzegtermijn",
        "Contract: interne herinnering opzegtermijn",
        C,
        CONTRACT,
        "Let op: opzeggen uiterlijk {{ contract.opzegdatum }} ({{ contract.kenmerk }})",
        "<p>Beste {{ ontvanger.naam }},</p>\n"
        "<p>Je bent eigenaar van het contract {{ contract.kenmerk }} ({{ contract.onderwerp }}) "
        "met {{ contract.relatie }}.</p>\n"
        "<ul>\n<li>Uiterste opzegdatum: {{ contract.opzegdatum }}</li>\n"
        "<li>Einde van de huidige looptijd: {{ contract.einddatum }}</li>\n"
        "<li>Verlenging: {{ contract.verlenging }}</li>\n"
        "<li>Waarde: {{ contract.waarde }}</li>\n</ul>\n"
        "<p>Beslis op tijd: verlengen, opnieuw aanbesteden of opzeggen. Leg je beslissing vast "
        "in zaak {{ zaak.identificatie }}.</p>\n",
    ),
)
