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

from django.db.models import Exists, Expression, OuterRef, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import (
    NOTHING,
    require_role,
    zaak_filter,
    zaakdocument_filter,
)
from raadhuis.kernel.audit.services import verwerking_record, verwerkingen_record
from raadhuis.kernel.cases.models import Rol as Zaakrol
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import (
    Partij,
    PartijSoort,
    Vertegenwoordiging,
    Vestiging,
    normalise_for_search,
)
from raadhuis.kernel.parties.selectors import MAY_READ_PARTIES
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


def _onder(wortels: set[int], kinderen: dict[int, list[int]]) -> frozenset[int]:
    """The units in `wortels` and every unit below them."""
    alle = set(wortels)
    nieuw = list(wortels)
    while nieuw:
        nieuw = [kind for ouder in nieuw for kind in kinderen.get(ouder, ()) if kind not in alle]
        alle.update(nieuw)
    return frozenset(alle)


@dataclass(frozen=True)
class _Eenheden:
    eigen: dict[int, bool]  # the actor's own units -> whether that unit sees every relation
    met_onderliggende: frozenset[int]  # the own units and every unit below them (hoort_bij)


def _eenheden(actor: Actor) -> _Eenheden:
    """The actor's own units and the tree below them, in ONE query, once per actor: every
    unit of the organisation (a few dozen rows: id, parent) plus the own ones, marked. Was
    one query for the own units and one per level of the tree below them, on every CRM
    page."""

    def bepalen() -> _Eenheden:
        if actor.medewerker is None:
            return _Eenheden(eigen={}, met_onderliggende=frozenset())
        organisatie_id = actor.organisatie.pk
        eigen_ids = Medewerker.eenheden.through.objects.filter(
            medewerker_id=actor.medewerker.pk
        ).values("organisatorischeeenheid_id")
        rijen = (
            OrganisatorischeEenheid.objects.filter(
                Q(organisatie_id=organisatie_id) | Q(pk__in=eigen_ids)
            )
            .annotate(
                eigen=Exists(eigen_ids.filter(organisatorischeeenheid_id=OuterRef("pk"))),
                ziet_alles=Exists(
                    EenheidInstelling.objects.filter(
                        eenheid_id=OuterRef("pk"), ziet_alle_relaties=True
                    )
                ),
            )
            .order_by()
            .values_list("pk", "organisatie_id", "hoort_bij_id", "eigen", "ziet_alles")
        )
        eigen: dict[int, bool] = {}
        kinderen: dict[int, list[int]] = {}
        for pk, organisatie, ouder, is_eigen, ziet_alles in rijen:
            if is_eigen:
                eigen[pk] = ziet_alles
            # Units below are the organisation's own (as they always were).
            if ouder is not None and organisatie == organisatie_id:
                kinderen.setdefault(ouder, []).append(pk)
        return _Eenheden(eigen=eigen, met_onderliggende=_onder(set(eigen), kinderen))

    return actor.memo(("crm", "eenheden"), bepalen)


def relatie_bereik(actor: Actor) -> Bereik:
    """The actor's scope, worked out once per Actor object: an Actor lives for one request
    (or one command), and a relation page asks for it several times."""
    return actor.memo(("crm", "bereik"), lambda: _bereik_bepalen(actor))


def _eigen_eenheden(actor: Actor) -> dict[int, bool]:
    """The actor's own departments -> whether that department sees every relation."""
    return _eenheden(actor).eigen


def eenheden_met_onderliggende(actor: Actor) -> frozenset[int]:
    """The actor's own departments and every department below them (hoort_bij), worked out
    once per actor; the CRM's scope and the complaint rule (crm.klachten) share it."""
    return _eenheden(actor).met_onderliggende


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


def relatie_get(
    *,
    actor: Actor,
    partij_uuid: uuid_module.UUID | str,
    annotaties: dict[str, Expression] | None = None,
    met_tags: bool = True,
) -> Relatie:
    """The relation of the party with this uuid, if the actor may see it (else NietGevonden:
    a relation of another department is indistinguishable from none). `annotaties` are
    added to the same query (the relation page's "which sections have rows"); without
    `met_tags` the tags are not read along (the relation page reads them only when
    relatie_aanwezigheid says there are any)."""
    require_role(actor, *MAY_READ_RELATIES)
    try:
        relatie = (
            Relatie.objects.filter(relatie_filter(actor))
            .annotate(**(annotaties or {}))
            .select_related(
                "partij",
                "partij__natuurlijkpersoon",
                "partij__nietnatuurlijkpersoon",
                "partij__vestiging",
                "eenheid",
                "accountmanager",
            )
            .prefetch_related(*(("tags",) if met_tags else ()), "partij__adressen")
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


@dataclass(frozen=True)
class Aanwezig:
    """Which sections of the relation page have rows at all, from relatie_aanwezigheid()'s
    annotations on the relation (no access rule in them: a "no" is certain, a "yes" is
    left to the section's own selector)."""

    tags: bool = True
    contactpersonen: bool = True
    vertegenwoordiging: bool = True
    zaken: bool = True

    @classmethod
    def van(cls, relatie: Relatie) -> Aanwezig:
        if not hasattr(relatie, "heeft_contactpersonen"):
            return cls()
        return cls(
            tags=relatie.heeft_tags,
            contactpersonen=relatie.heeft_contactpersonen,
            vertegenwoordiging=relatie.heeft_vertegenwoordiging,
            zaken=relatie.heeft_zaakrol or relatie.heeft_vestiging_zaakrol,
        )


def relatie_aanwezigheid() -> dict[str, Exists]:
    """Annotations for the relation query: does the relation have tags, contact persons,
    representations, case roles (its own or its branches')? Most relations have none of
    these; each empty section then costs no query (one EXISTS probe each, by index, inside
    the relation's own query). Not the open follow-up tasks: their probe would read every
    contact moment of the party (5,600 for the busiest: 45 ms)."""
    partij = OuterRef("partij_id")
    return {
        "heeft_tags": Exists(Relatie.tags.through.objects.filter(relatie_id=OuterRef("pk"))),
        "heeft_contactpersonen": Exists(Contactpersoon.objects.filter(relatie_id=OuterRef("pk"))),
        "heeft_vertegenwoordiging": Exists(
            Vertegenwoordiging.objects.filter(
                Q(vertegenwoordiger_id=partij) | Q(vertegenwoordigde_id=partij)
            )
        ),
        "heeft_zaakrol": Exists(Zaakrol.objects.filter(partij_id=partij)),
        "heeft_vestiging_zaakrol": Exists(
            Zaakrol.objects.filter(partij__vestiging__onderneming_id=partij)
        ),
    }


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


# What the relation page shows of a contact moment (the 50 newest): loading only these
# columns (and no contact person or task assignee) halved the query's planning and the
# building of the rows. Other fields of a listed contact load one query each: callers that
# need more read the contact through klantcontact_get.
KLANTCONTACT_REGEL_VELDEN = (
    "uuid",
    "organisatie_id",
    "referentienummer",
    "partij_id",
    "kanaal",
    "onderwerp",
    "inhoud",
    "uitkomst",
    "vertrouwelijk",
    "plaatsgevonden_op",
    "eenheid_id",
    "zaak__uuid",
    "zaak__identificatie",
    "medewerker__voorletters",
    "medewerker__voorvoegsel_achternaam",
    "medewerker__achternaam",
    "taak__status",
)


def partij_klantcontacten(
    *, actor: Actor, partij: Partij, limit: int = 50
) -> list[KlantcontactRegel]:
    """The contact moments with a party, newest first. The party must be a relation the actor
    sees. A confidential contact shows only its date and channel to others.

    The contacts carry what the relation page shows (KLANTCONTACT_REGEL_VELDEN)."""
    relatie = relatie_van_partij(partij)
    if relatie is None or not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    contacten = list(
        Klantcontact.objects.filter(organisatie_id=actor.organisatie.pk, partij=partij)
        .select_related("medewerker", "zaak", "taak")
        .only(*KLANTCONTACT_REGEL_VELDEN)
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


# What the relation page (its case list, the documents' case numbers and the quick contact
# form's case choice) shows of a case.
ZAAK_REGEL_VELDEN = (
    "uuid",
    "organisatie_id",
    "identificatie",
    "omschrijving",
    "startdatum",
    "einddatum",
    "zaaktype__omschrijving",
    "status_actueel__statustype__omschrijving",
)


def _relatie_zaken_qs(actor: Actor, partij: Partij) -> QuerySet[Zaak]:
    """The cases of every type the actor may see (kernel zaak_filter) in which the party, or
    for a company one of its branches, has a role; newest first.

    The same cases as kernel parties.selectors.partij_zaken, asked differently: an EXISTS on
    the roles instead of a join + SELECT DISTINCT over every column, and the branches in a
    subquery instead of a query of their own. PostgreSQL planned partij_zaken's query in
    8.5 ms of CPU on every relation page (200,000 relations); this one in 1.5 ms."""
    betrokken = Q(partij_id=partij.pk)
    if partij.soort == PartijSoort.NIET_NATUURLIJK_PERSOON:
        vestigingen = Vestiging.objects.filter(onderneming_id=partij.pk).values("pk")
        betrokken |= Q(partij_id__in=vestigingen)
    rollen = Zaakrol.objects.filter(betrokken, zaak_id=OuterRef("pk"))
    return Zaak.objects.filter(zaak_filter(actor), Exists(rollen)).order_by("-startdatum", "-id")


def relatie_zaken(*, actor: Actor, relatie: Relatie, limit: int = 50) -> list[Zaak]:
    """Cases of every type in which the party (or a branch of it) has a role, within the
    actor's case-type grants (kernel zaak_filter), as whole cases (a service may use them)."""
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    return list(
        _relatie_zaken_qs(actor, relatie.partij).select_related(
            "zaaktype", "status_actueel__statustype", "behandelaar"
        )[:limit]
    )


def relatie_zaken_weergave(*, actor: Actor, relatie: Relatie, limit: int = 50) -> list[Zaak]:
    """relatie_zaken with only what the relation page shows (ZAAK_REGEL_VELDEN)."""
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    return list(
        _relatie_zaken_qs(actor, relatie.partij)
        .select_related("zaaktype", "status_actueel__statustype")
        .only(*ZAAK_REGEL_VELDEN)[:limit]
    )


def relatie_documenten(
    *, actor: Actor, zaken: list[Zaak], limit: int = 25
) -> list[ZaakInformatieObject]:
    """The documents of these cases that the actor may see (case and document grant), with
    what the relation page shows of them; each carries its case from `zaken`."""
    if not zaken:
        return []
    per_pk = {z.pk: z for z in zaken}
    documenten = list(
        ZaakInformatieObject.objects.filter(
            zaakdocument_filter(actor),
            zaak__in=list(per_pk),
            informatieobject__isnull=False,
        )
        .select_related("informatieobject")
        .only("zaak_id", "registratiedatum", "informatieobject__uuid", "informatieobject__titel")
        .order_by("-registratiedatum", "-pk")[:limit]
    )
    for document in documenten:
        document.zaak = per_pk[document.zaak_id]
    return documenten


def relatie_vertegenwoordigingen(
    *, actor: Actor, partij: Partij, aanwezig: bool = True
) -> dict[str, list]:
    """Whom the party acts for and who acts for it, in one query (none when `aanwezig` says
    there are none); the other parties shown are logged, and the read itself when there are
    none. The same lists and processing-log entry as kernel
    parties.selectors.partij_vertegenwoordigingen (which asks two queries)."""
    require_role(actor, *MAY_READ_PARTIES)
    if partij.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Partij niet gevonden.")
    rijen = (
        list(
            Vertegenwoordiging.objects.filter(
                Q(vertegenwoordiger_id=partij.pk) | Q(vertegenwoordigde_id=partij.pk)
            )
            .select_related("vertegenwoordiger", "vertegenwoordigde")
            .order_by("-begindatum", "id")
        )
        if aanwezig
        else []
    )
    vertegenwoordigt = [v for v in rijen if v.vertegenwoordiger_id == partij.pk]
    vertegenwoordigd_door = [v for v in rijen if v.vertegenwoordigde_id == partij.pk]
    verwerkingen_record(
        actor=actor,
        handeling=f"Vertegenwoordiging van {partij} ingezien",
        doel="Klantcontact",
        partijen=[v.vertegenwoordigde for v in vertegenwoordigt]
        + [v.vertegenwoordiger for v in vertegenwoordigd_door],
    )
    return {"vertegenwoordigt": vertegenwoordigt, "vertegenwoordigd_door": vertegenwoordigd_door}


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


def relatie_opvolgtaken(*, actor: Actor, partij: Partij) -> list[Taak]:
    """The open follow-up tasks of a party's contact moments, with what the relation page
    shows of them (title, assignee, due date): no case or contact moment loaded."""
    return list(
        opvolgtaken_open(actor=actor, partij=partij)
        .select_related(None)
        .select_related("toegewezen_aan")
        .only(
            "uuid",
            "titel",
            "vervaldatum",
            "toegewezen_aan__voorletters",
            "toegewezen_aan__voorvoegsel_achternaam",
            "toegewezen_aan__achternaam",
        )
    )


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
