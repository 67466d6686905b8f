"""Demo data of targeted communication: a mailing template, two segments and a concept
mailing, so a new user can preview and send a mailing from `make demo`."""

from __future__ import annotations

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.messaging.services import sjabloon_ensure
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.modules.crm.mailing.models import Mailing, Segment
from raadhuis.modules.crm.mailing.services import mailing_create, segment_save
from raadhuis.modules.crm.models import RelatieSoort

SJABLOON_CODE = "crm-mailing-nieuwsbrief"
SJABLOON_HTML = (
    "<p>{{ relatie.aanhef }}</p>"
    "<p>Op zaterdag 14 maart organiseert {{ organisatie.naam }} een informatieavond voor "
    "verenigingen en stichtingen over de subsidieregeling {{ datum.vandaag|date:'Y' }}. "
    "U bent van harte welkom in het stadhuis.</p>"
    "<p>Met vriendelijke groet,<br>Team Subsidies</p>"
    '<p><small>Geen berichten meer ontvangen? <a href="{{ relatie.afmeldlink }}">Afmelden</a>'
    "</small></p>"
)


def mailing_demo_load(
    organisatie: Organisatie, *, medewerker: Medewerker, subsidie_zaaktype: str = ""
) -> list[Segment]:
    """Seed the mailing template, the segments 'Alle verenigingen' and (with
    `subsidie_zaaktype`, the identificatie of a subsidy case type) 'Verenigingen met subsidie,
    laatste twee jaar', and one concept mailing. Idempotent: skipped when the segments exist.
    `medewerker` is a medewerker who sees the demo relations (the demo account manager)."""
    bestaand = list(Segment.objects.filter(organisatie=organisatie))
    if bestaand:
        return bestaand
    actor = Actor.for_medewerker(medewerker)
    sjabloon = sjabloon_ensure(
        organisatie,
        SJABLOON_CODE,
        "Mailing: uitnodiging informatieavond verenigingen",
        "Uitnodiging informatieavond subsidies voor {{ relatie.naam }}",
        SJABLOON_HTML,
        soort="e-mail",
        categorie="Relatiebeheer",
    )
    segmenten = [
        segment_save(
            actor=actor,
            naam="Alle verenigingen en stichtingen",
            omschrijving="Elke actieve relatie van soort vereniging of stichting.",
            soort=RelatieSoort.VERENIGING,
        )
    ]
    if subsidie_zaaktype:
        segmenten.append(
            segment_save(
                actor=actor,
                naam="Verenigingen met subsidie, laatste twee jaar",
                omschrijving="Verenigingen die betrokken waren bij een subsidiezaak.",
                soort=RelatieSoort.VERENIGING,
                zaaktype_identificatie=subsidie_zaaktype,
                zaak_jaren=2,
            )
        )
    if not Mailing.objects.filter(organisatie=organisatie).exists():
        mailing_create(
            actor=actor,
            naam="Uitnodiging informatieavond subsidies",
            segment=segmenten[0],
            sjabloon=sjabloon,
        )
    return segmenten
