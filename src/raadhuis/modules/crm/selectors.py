"""Every read of relations and contact moments, with the CRM's access rule and the
processing log.

The access rule (docs/crm/README.md, "Wie ziet welke relatie"):

* Only the role `medewerker` reads relations; a teamleider, auditor or administrator does not
  (a team leader gets counts only, elsewhere).
* A medewerker sees the relations managed by one of their departments (Medewerker.eenheden),
  including the departments below it (OrganisatorischeEenheid.hoort_bij), and the relations
  they are account manager of.
* A medewerker of a department marked "ziet alle relaties" (EenheidInstelling; the customer
  contact centre, Hasselt's "uniek loket") sees every relation of the organisation.
* The system actor sees everything of its organisation.

Reading a relation, a list of relations or contact moments writes the processing log for each
party shown; the kernel's own selectors do the same for cases.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import NOTHING, require_role, zaakdocument_filter
from raadhuis.kernel.audit.services import verwerking_record, verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import Partij, normalise_for_search
from raadhuis.kernel.parties.selectors import partij_zaken
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.crm.models import (
    Contactpersoon,
    EenheidInstelling,
    Kanaal,
    Klantcontact,
    Relatie,
    Tag,
    Uitkomst,
)

MAY_READ_RELATIES = (Rol.MEDEWERKER,)
DOEL = "Relatiebeheer"


@dataclass(frozen=True)
class Bereik:
    """What part of the organisation's relations an actor sees."""

    alles: bool
    eenheid_ids: frozenset[int]
    medewerker_id: int | None


def _onderliggende(organisatie_id: int, eenheid_ids: set[int]) -> set[int]:
    """The departments and every department below them (hoort_bij), in a few queries."""
    alle = set(eenheid_ids)
    nieuw = set(eenheid_ids)
    while nieuw:
        nieuw = (
            set(
                OrganisatorischeEenheid.objects.filter(
                    organisatie_id=organisatie_id, hoort_bij_id__in=nieuw
                ).values_list("pk", flat=True)
            )
            - alle
        )
        alle |= nieuw
    return alle


def relatie_bereik(actor: Actor) -> Bereik:
    """The actor's scope, worked out once per Actor object: an Actor lives for one request
    (or one command), and a relation page asks for it several times."""
    return actor.memo(("crm", "bereik"), lambda: _bereik_bepalen(actor))


def _eigen_eenheden(actor: Actor) -> dict[int, bool]:
    """The actor's own departments -> whether that department sees every relation, in one
    query, once per actor."""

    def bepalen() -> dict[int, bool]:
        if actor.medewerker is None:
            return {}
        rijen = actor.medewerker.eenheden.annotate(
            ziet_alles=Exists(
                EenheidInstelling.objects.filter(eenheid_id=OuterRef("pk"), ziet_alle_relaties=True)
            )
        ).values_list("pk", "ziet_alles")
        return dict(rijen)

    return actor.memo(("crm", "eigen_eenheden"), bepalen)


def eenheden_met_onderliggende(actor: Actor) -> frozenset[int]:
    """The actor's own departments and every department below them (hoort_bij), worked out
    once per actor; the CRM's scope and the complaint rule (crm.klachten) share it."""

    def bepalen() -> frozenset[int]:
        eigen = set(_eigen_eenheden(actor))
        if not eigen:
            return frozenset()
        return frozenset(_onderliggende(actor.organisatie.pk, eigen))

    return actor.memo(("crm", "eenheden_met_onderliggende"), bepalen)


def _bereik_bepalen(actor: Actor) -> Bereik:
    if actor.type == "systeem":
        return Bereik(alles=True, eenheid_ids=frozenset(), medewerker_id=None)
    medewerker = actor.medewerker
    if medewerker is None or not actor.heeft_rol(*MAY_READ_RELATIES):
        return Bereik(alles=False, eenheid_ids=frozenset(), medewerker_id=None)
    return Bereik(
        alles=any(_eigen_eenheden(actor).values()),
        eenheid_ids=eenheden_met_onderliggende(actor),
        medewerker_id=medewerker.pk,
    )


def relatie_filter(actor: Actor, prefix: str = "") -> Q:
    """Q for the relations the actor may see; `prefix` reaches Relatie through a relation."""
    tenant = Q(**{f"{prefix}organisatie_id": actor.organisatie.pk})
    bereik = relatie_bereik(actor)
    if bereik.alles:
        return tenant
    if bereik.medewerker_id is None:
        return NOTHING
    return tenant & (
        Q(**{f"{prefix}eenheid_id__in": sorted(bereik.eenheid_ids)})
        | Q(**{f"{prefix}accountmanager_id": bereik.medewerker_id})
    )


def mag_relatie_zien(actor: Actor, relatie: Relatie) -> bool:
    """The in-Python twin of relatie_filter for one loaded relation."""
    if relatie.organisatie_id != actor.organisatie.pk:
        return False
    bereik = relatie_bereik(actor)
    return bereik.alles or (
        bereik.medewerker_id is not None
        and (
            relatie.eenheid_id in bereik.eenheid_ids
            or relatie.accountmanager_id == bereik.medewerker_id
        )
    )


def relaties_zichtbaar(actor: Actor) -> QuerySet[Relatie]:
    require_role(actor, *MAY_READ_RELATIES)
    return Relatie.objects.filter(relatie_filter(actor))


def relaties_zoeken(
    *,
    actor: Actor,
    zoekterm: str = "",
    soort: str = "",
    tag: Tag | None = None,
    accountmanager: Medewerker | None = None,
    ook_inactief: bool = False,
    limit: int = 50,
) -> list[Relatie]:
    """The relations the actor may see, filtered; a search term matches the start of the name
    or of a word in it, the register identifier (KvK number, BSN) or the local name."""
    # The party's tenant is the relation's: saying so lets the (organisatie_id, zoeknaam)
    # index give the list's name order (no sort of every relation the actor sees).
    qs = (
        relaties_zichtbaar(actor)
        .filter(partij__organisatie_id=actor.organisatie.pk)
        .select_related("partij", "eenheid", "accountmanager")
    )
    term = zoekterm.strip()
    if term:
        compact = term.replace(".", "").replace(" ", "")
        if compact.isdigit():
            qs = qs.filter(partij__identificatie=compact)
        else:
            naam = normalise_for_search(term)
            qs = qs.filter(
                Q(partij__zoeknaam__startswith=naam)
                | Q(partij__zoeknaam__contains=f" {naam}")
                | Q(lokale_naam__icontains=term)
            )
    if not ook_inactief:
        qs = qs.filter(actief=True)
    if soort:
        qs = qs.filter(soort=soort)
    if tag is not None:
        qs = qs.filter(tags=tag)
    if accountmanager is not None:
        qs = qs.filter(accountmanager=accountmanager)
    relaties = list(
        qs.prefetch_related("tags").distinct().order_by("partij__zoeknaam", "id")[:limit]
    )
    if relaties:
        verwerkingen_record(
            actor=actor,
            handeling="Gevonden bij zoeken op relaties",
            doel=DOEL,
            partijen=[r.partij for r in relaties],
        )
    return relaties


def relatie_get(*, actor: Actor, partij_uuid: uuid_module.UUID | str) -> Relatie:
    """The relation of the party with this uuid, if the actor may see it (else NietGevonden:
    a relation of another department is indistinguishable from none)."""
    require_role(actor, *MAY_READ_RELATIES)
    try:
        relatie = (
            Relatie.objects.filter(relatie_filter(actor))
            .select_related(
                "partij",
                "partij__natuurlijkpersoon",
                "partij__nietnatuurlijkpersoon",
                "partij__vestiging",
                "eenheid",
                "accountmanager",
            )
            .prefetch_related("tags", "partij__adressen")
            .get(partij__uuid=uuid_module.UUID(str(partij_uuid)))
        )
    except (Relatie.DoesNotExist, ValueError) as error:
        raise NietGevonden("Relatie niet gevonden.") from error
    verwerking_record(actor=actor, handeling="Relatie ingezien", doel=DOEL, partij=relatie.partij)
    return relatie


def relatie_van_partij(partij: Partij) -> Relatie | None:
    """The CRM profile of a party, or None (no access check: for links, never for display).

    A party loaded through its relation (relatie_get's select_related) already knows it: the
    relation page and its blocks then ask no query for it."""
    omgekeerd = Partij.crm_relatie.related
    if omgekeerd.is_cached(partij):
        return omgekeerd.get_cached_value(partij)
    return Relatie.objects.filter(partij_id=partij.pk).first()


def relatie_contactpersonen(*, actor: Actor, relatie: Relatie) -> list[Contactpersoon]:
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    personen = list(relatie.contactpersonen.select_related("persoon").order_by("-primair", "id"))
    if personen:
        verwerkingen_record(
            actor=actor,
            handeling=f"Contactpersonen van {relatie} ingezien",
            doel=DOEL,
            partijen=[c.persoon for c in personen],
        )
    return personen


def _mag_vertrouwelijk_lezen(actor: Actor, contact: Klantcontact) -> bool:
    """A confidential contact's content is for the one who recorded it and their department."""
    if actor.type == "systeem":
        return True
    medewerker = actor.medewerker
    if medewerker is None:
        return False
    if contact.medewerker_id == medewerker.pk:
        return True
    return (
        contact.eenheid_id is not None and contact.eenheid_id in relatie_bereik(actor).eenheid_ids
    )


@dataclass(frozen=True)
class KlantcontactRegel:
    contact: Klantcontact
    inhoud_zichtbaar: bool
    # The channel's and outcome's labels, looked up once per list (get_FOO_display builds
    # and hashes every lazy choice label on each call; the page shows up to 50 rows).
    kanaal_label: str = ""
    uitkomst_label: str = ""


def partij_klantcontacten(
    *, actor: Actor, partij: Partij, limit: int = 50
) -> list[KlantcontactRegel]:
    """The contact moments with a party, newest first. The party must be a relation the actor
    sees. A confidential contact shows only its date and channel to others."""
    relatie = relatie_van_partij(partij)
    if relatie is None or not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    contacten = list(
        Klantcontact.objects.filter(organisatie_id=actor.organisatie.pk, partij=partij)
        .select_related("medewerker", "contactpersoon", "zaak", "taak", "taak__toegewezen_aan")
        .order_by("-plaatsgevonden_op", "-id")[:limit]
    )
    kanalen = {waarde: str(label) for waarde, label in Kanaal.choices}
    uitkomsten = {waarde: str(label) for waarde, label in Uitkomst.choices}
    return [
        KlantcontactRegel(
            c,
            not c.vertrouwelijk or _mag_vertrouwelijk_lezen(actor, c),
            kanaal_label=kanalen.get(c.kanaal, c.kanaal),
            uitkomst_label=uitkomsten.get(c.uitkomst, c.uitkomst),
        )
        for c in contacten
    ]


def klantcontact_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Klantcontact:
    require_role(actor, *MAY_READ_RELATIES)
    try:
        contact = Klantcontact.objects.select_related("partij", "zaak", "taak").get(
            organisatie_id=actor.organisatie.pk, uuid=uuid_module.UUID(str(uuid))
        )
    except (Klantcontact.DoesNotExist, ValueError) as error:
        raise NietGevonden("Klantcontact niet gevonden.") from error
    relatie = relatie_van_partij(contact.partij)
    if relatie is not None and not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Klantcontact niet gevonden.")
    if contact.vertrouwelijk and not _mag_vertrouwelijk_lezen(actor, contact):
        raise NietGevonden("Klantcontact niet gevonden.")
    verwerking_record(
        actor=actor, handeling="Klantcontact ingezien", doel=DOEL, partij=contact.partij
    )
    return contact


def relatie_zaken(*, actor: Actor, relatie: Relatie, limit: int = 50) -> list[Zaak]:
    """Cases of every type in which the party (or a branch of it) has a role, within the
    actor's case-type grants (kernel zaak_filter)."""
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    return list(partij_zaken(actor=actor, partij=relatie.partij)[:limit])


def relatie_documenten(
    *, actor: Actor, zaken: list[Zaak], limit: int = 25
) -> list[ZaakInformatieObject]:
    """The documents of these cases that the actor may see (case and document grant)."""
    if not zaken:
        return []
    return list(
        ZaakInformatieObject.objects.filter(
            zaakdocument_filter(actor),
            zaak__in=[z.pk for z in zaken],
            informatieobject__isnull=False,
        )
        .select_related("zaak", "informatieobject", "informatieobject__informatieobjecttype")
        .order_by("-registratiedatum", "-pk")[:limit]
    )


def opvolgtaken_open(*, actor: Actor, partij: Partij | None = None) -> QuerySet[Taak]:
    """Open follow-up tasks of contact moments: the actor's own, or those of one party."""
    qs = Taak.objects.filter(
        organisatie_id=actor.organisatie.pk,
        status=TaakStatus.OPEN,
        crm_klantcontact__isnull=False,
    ).select_related("zaak", "toegewezen_aan", "crm_klantcontact")
    if partij is not None:
        return qs.filter(crm_klantcontact__partij=partij).order_by("vervaldatum", "id")
    if actor.medewerker is None:
        return qs.none()
    return qs.filter(toegewezen_aan=actor.medewerker).order_by("vervaldatum", "id")


def tags_van(actor: Actor) -> QuerySet[Tag]:
    return Tag.objects.filter(organisatie_id=actor.organisatie.pk).order_by("naam")


def accountmanagers_van(actor: Actor) -> list[Medewerker]:
    """Active medewerkers with the medewerker role (role test in Python: JSON list)."""
    return [
        m
        for m in Medewerker.objects.filter(organisatie_id=actor.organisatie.pk, actief=True)
        if Rol.MEDEWERKER in m.rollen
    ]


def eenheden_voor_beheer(actor: Actor) -> list[OrganisatorischeEenheid]:
    """The departments the actor may make the owner of a relation: their own (and those
    below), or every department when theirs sees every relation."""
    bereik = relatie_bereik(actor)
    qs = OrganisatorischeEenheid.objects.filter(organisatie_id=actor.organisatie.pk)
    if not bereik.alles:
        qs = qs.filter(pk__in=sorted(bereik.eenheid_ids))
    return list(qs.order_by("naam"))
