"""Every read of parties: one search across all kinds, the party page and its cases (360°).

Reads of personal data are logged in the processing log (who, whose, why).
"""

from __future__ import annotations

import re
import uuid as uuid_module

from django.db.models import Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, zaak_filter
from raadhuis.kernel.audit.services import verwerking_record, verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import Partij, normalise_for_search

# Every medewerker may find every client of the organisation: the one-stop counter (Hasselt's
# "uniek loket", a KCC) must. What they see of a client's cases is limited by their grants, and
# every party shown is logged. See docs/decisions/0003-party-visibility.md.
MAY_READ_PARTIES = (Rol.MEDEWERKER,)
_POSTCODE_NUMMER = re.compile(r"^\s*(\d{4})\s*([a-zA-Z]{2})\s+(\d+)\s*$")
_POSTCODE_BE_NUMMER = re.compile(r"^\s*(\d{4})\s+(\d+)\s*$")
_POSTCODE = re.compile(r"^\s*(\d{4})\s*([a-zA-Z]{2})\s*$")


def partij_search(*, actor: Actor, zoekterm: str, limit: int = 25) -> list[Partij]:
    """Find parties by BSN, KvK/KBO number, postcode (+ house number) or name.

    Each form hits its own index: identificatie (exact), adres (postcode, huisnummer), and the
    normalised name (prefix of the whole name or of a word; trigram index on PostgreSQL).
    """
    require_role(actor, *MAY_READ_PARTIES)
    term = zoekterm.strip()
    if len(term) < 2:
        return []
    qs = Partij.objects.filter(organisatie_id=actor.organisatie.pk)
    compact = term.replace(".", "").replace(" ", "")
    if len(compact) == 4 and compact.isdigit():
        # Four digits: a Belgian postcode (Dutch ones carry two letters; no identifier is 4).
        qs = qs.filter(adressen__postcode=compact)
    elif compact.isdigit():
        qs = qs.filter(identificatie=compact)
    elif match := _POSTCODE_BE_NUMMER.match(term):
        qs = qs.filter(adressen__postcode=match[1], adressen__huisnummer=int(match[2]))
    elif match := _POSTCODE_NUMMER.match(term):
        postcode = (match[1] + match[2]).upper()
        qs = qs.filter(adressen__postcode=postcode, adressen__huisnummer=int(match[3]))
    elif match := _POSTCODE.match(term):
        qs = qs.filter(adressen__postcode=(match[1] + match[2]).upper())
    else:
        naam = normalise_for_search(term)
        qs = qs.filter(Q(zoeknaam__startswith=naam) | Q(zoeknaam__contains=f" {naam}"))
    results = list(qs.distinct().order_by("zoeknaam", "id")[:limit])
    verwerkingen_record(
        actor=actor,
        handeling="Gevonden bij zoeken op partijen",
        doel="Klantcontact",
        partijen=results,
    )
    return results


def partij_get(*, actor: Actor, uuid: uuid_module.UUID | str, doel: str = "Klantcontact") -> Partij:
    require_role(actor, *MAY_READ_PARTIES)
    try:
        partij = (
            Partij.objects.filter(organisatie_id=actor.organisatie.pk)
            .select_related(
                "natuurlijkpersoon",
                "nietnatuurlijkpersoon",
                "vestiging",
                "vestiging__onderneming",
            )
            .prefetch_related("adressen")
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Partij.DoesNotExist, ValueError) as error:
        raise NietGevonden("Partij niet gevonden.") from error
    verwerking_record(actor=actor, handeling="Partij ingezien", doel=doel, partij=partij)
    return partij


def partij_zaken(*, actor: Actor, partij: Partij) -> QuerySet[Zaak]:
    """All cases of every case type the actor may see in which the party (or, for a company,
    one of its branches) has a role: the CRM's 360° view."""
    partij_ids = [partij.pk]
    concreet = partij.concreet
    if hasattr(concreet, "vestigingen"):
        partij_ids += list(concreet.vestigingen.values_list("pk", flat=True))
    return (
        Zaak.objects.filter(zaak_filter(actor), rollen__partij_id__in=partij_ids)
        .select_related("zaaktype", "status_actueel__statustype", "behandelaar")
        .distinct()
        .order_by("-startdatum", "-id")
    )


def partij_vertegenwoordigingen(*, actor: Actor, partij: Partij) -> dict[str, list]:
    """Whom the party acts for and who acts for it; the other parties shown are logged."""
    require_role(actor, *MAY_READ_PARTIES)
    if partij.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Partij niet gevonden.")
    vertegenwoordigt = list(
        partij.vertegenwoordigt.select_related("vertegenwoordigde").order_by("-begindatum")
    )
    vertegenwoordigd_door = list(
        partij.vertegenwoordigd_door.select_related("vertegenwoordiger").order_by("-begindatum")
    )
    verwerkingen_record(
        actor=actor,
        handeling=f"Vertegenwoordiging van {partij} ingezien",
        doel="Klantcontact",
        partijen=[v.vertegenwoordigde for v in vertegenwoordigt]
        + [v.vertegenwoordiger for v in vertegenwoordigd_door],
    )
    return {"vertegenwoordigt": vertegenwoordigt, "vertegenwoordigd_door": vertegenwoordigd_door}
