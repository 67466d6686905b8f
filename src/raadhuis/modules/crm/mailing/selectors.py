"""Reads of segments and mailings. A segment's relations are always the actor's visible
relations (crm core `relaties_zichtbaar`: the department rule) narrowed by the segment's
criteria; showing recipients writes the processing log per party."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Rol as ZaakRol
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.parties.models import NietNatuurlijkPersoon, Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.mailing.models import (
    Afmelding,
    Mailing,
    MailingOntvanger,
    OntvangerStatus,
    Segment,
)
from raadhuis.modules.crm.models import Relatie
from raadhuis.modules.crm.relatiepagina import Blokfunctie
from raadhuis.modules.crm.selectors import MAY_READ_RELATIES, relaties_zichtbaar

DOEL = "Relatiebeheer: gerichte communicatie"
PREVIEW_AANTAL = 20
REDEN_AFGEMELD = _("De relatie heeft zich afgemeld voor mailings.")
REDEN_NON_MAILING = _(
    "Het bedrijf wil volgens het Handelsregister (KvK) geen ongevraagde post (non-mailing)."
)
REDEN_GEEN_EMAIL = _("Geen e-mailadres bekend (relatie en partij).")


def _jaren_terug(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year - jaren, day=28)


def segment_relaties(
    *, actor: Actor, segment: Segment, op: date | None = None
) -> QuerySet[Relatie]:
    """Active relations of the segment that the actor sees (no processing log: counts only)."""
    if segment.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Segment niet gevonden.")
    qs = relaties_zichtbaar(actor).filter(actief=True)
    if segment.soort:
        qs = qs.filter(soort=segment.soort)
    if segment.tag_id:
        qs = qs.filter(tags=segment.tag_id)
    if segment.eenheid_id:
        qs = qs.filter(eenheid_id=segment.eenheid_id)
    if segment.accountmanager_id:
        qs = qs.filter(accountmanager_id=segment.accountmanager_id)
    if segment.postcode_van or segment.postcode_tot:
        # "5211 AB" and "5211AB" both sort between "5211" and "5216ZZ" (space < letters).
        qs = qs.filter(
            partij__adressen__postcode__gte=segment.postcode_van or "0000",
            partij__adressen__postcode__lte=(segment.postcode_tot or "9999") + "ZZ",
        )
    if segment.zaaktype_identificatie:
        sinds = _jaren_terug(op or vandaag(actor.organisatie.tijdzone), segment.zaak_jaren)
        betrokken = ZaakRol.objects.filter(
            zaak__organisatie_id=actor.organisatie.pk,
            zaak__zaaktype__identificatie=segment.zaaktype_identificatie,
            zaak__startdatum__gte=sinds,
            partij__isnull=False,
        ).values("partij_id")
        qs = qs.filter(partij_id__in=betrokken)
    return qs.distinct().select_related("partij").order_by("partij__zoeknaam", "id")


def afgemelde_partijen(organisatie_id: int) -> QuerySet:
    """Party ids that opted out of mailings (a subquery)."""
    return Afmelding.objects.filter(organisatie_id=organisatie_id).values("partij_id")


def non_mailing_partijen(organisatie_id: int) -> QuerySet:
    """Party ids of companies that told the KvK they want no unsolicited mail (a subquery)."""
    return NietNatuurlijkPersoon.objects.filter(
        organisatie_id=organisatie_id, non_mailing=True
    ).values("partij_ptr_id")


def uitsluit_redenen(organisatie_id: int, partij_ids: list[int]) -> dict[int, str]:
    """Why a mailing skips a party, per party id (absent: it gets the mailing when it has an
    e-mail address). An opt-out goes before the KvK non-mailing wish."""
    redenen = dict.fromkeys(
        NietNatuurlijkPersoon.objects.filter(
            organisatie_id=organisatie_id, non_mailing=True, partij_ptr_id__in=partij_ids
        ).values_list("partij_ptr_id", flat=True),
        REDEN_NON_MAILING,
    )
    redenen.update(
        dict.fromkeys(
            Afmelding.objects.filter(
                organisatie_id=organisatie_id, partij_id__in=partij_ids
            ).values_list("partij_id", flat=True),
            REDEN_AFGEMELD,
        )
    )
    return redenen


@dataclass(frozen=True)
class SegmentPreview:
    aantal: int
    eerste: list[Relatie]  # each with `uitgesloten_reden` ("" when it gets the mailing)
    afgemeld: int = 0
    non_mailing: int = 0
    zonder_email: int = 0

    @property
    def ontvangen(self) -> int:
        """How many relations of the segment get the e-mail."""
        return self.aantal - self.afgemeld - self.non_mailing - self.zonder_email


def _zonder_email(qs: QuerySet[Relatie]) -> QuerySet[Relatie]:
    return qs.filter(lokaal_email="", partij__email="")


def segment_preview(*, actor: Actor, segment: Segment) -> SegmentPreview:
    """The number of relations in the segment, how many of them the mailing skips and why,
    and the first 20 (logged as seen), each with the reason it is skipped."""
    qs = segment_relaties(actor=actor, segment=segment)
    eerste = list(qs[:PREVIEW_AANTAL])
    if eerste:
        verwerkingen_record(
            actor=actor,
            handeling=f"Voorbeeld van segment {segment.naam}",
            doel=DOEL,
            partijen=[r.partij for r in eerste],
        )
    org = actor.organisatie.pk
    redenen = uitsluit_redenen(org, [r.partij_id for r in eerste])
    for relatie in eerste:
        relatie.uitgesloten_reden = redenen.get(relatie.partij_id) or (
            REDEN_GEEN_EMAIL if not (relatie.lokaal_email or relatie.partij.email) else ""
        )
    afgemeld = qs.filter(partij_id__in=afgemelde_partijen(org))
    non_mailing = qs.filter(partij_id__in=non_mailing_partijen(org)).exclude(
        partij_id__in=afgemelde_partijen(org)
    )
    overig = qs.exclude(partij_id__in=afgemelde_partijen(org)).exclude(
        partij_id__in=non_mailing_partijen(org)
    )
    return SegmentPreview(
        aantal=qs.count(),
        eerste=eerste,
        afgemeld=afgemeld.count(),
        non_mailing=non_mailing.count(),
        zonder_email=_zonder_email(overig).count(),
    )


def segmenten_list(*, actor: Actor) -> QuerySet[Segment]:
    require_role(actor, *MAY_READ_RELATIES)
    return Segment.objects.filter(organisatie_id=actor.organisatie.pk)


def segment_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Segment:
    require_role(actor, *MAY_READ_RELATIES)
    try:
        return Segment.objects.get(
            organisatie_id=actor.organisatie.pk, uuid=uuid_module.UUID(str(uuid))
        )
    except (Segment.DoesNotExist, ValueError) as error:
        raise NietGevonden("Segment niet gevonden.") from error


def mailings_list(*, actor: Actor) -> QuerySet[Mailing]:
    require_role(actor, *MAY_READ_RELATIES)
    return Mailing.objects.filter(organisatie_id=actor.organisatie.pk).select_related(
        "segment", "sjabloon"
    )


def mailing_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Mailing:
    require_role(actor, *MAY_READ_RELATIES)
    try:
        return Mailing.objects.select_related("segment", "sjabloon").get(
            organisatie_id=actor.organisatie.pk, uuid=uuid_module.UUID(str(uuid))
        )
    except (Mailing.DoesNotExist, ValueError) as error:
        raise NietGevonden("Mailing niet gevonden.") from error


def mailing_ontvangers(*, actor: Actor, mailing: Mailing) -> list[MailingOntvanger]:
    """The recipients of a sent mailing with their status (logged as seen): only those whose
    relation the actor sees (a colleague of another department sees the counts only)."""
    require_role(actor, *MAY_READ_RELATIES)
    zichtbaar = relaties_zichtbaar(actor).values("partij_id")
    ontvangers = list(
        mailing.ontvangers.filter(partij_id__in=zichtbaar)
        .select_related("partij")
        .order_by("naam", "id")
    )
    if ontvangers:
        verwerkingen_record(
            actor=actor,
            handeling=f"Ontvangers van mailing {mailing.naam} ingezien",
            doel=DOEL,
            partijen=[o.partij for o in ontvangers],
        )
    return ontvangers


def _mailingblok(actor: Actor, partij: Partij) -> dict | None:
    """The block on the relation page: opted out or not, and the last mailings to the party.
    The relation page has checked access to the party already (and logged the read)."""
    if not actor.heeft_rol(*MAY_READ_RELATIES):
        return None
    return {
        "afmelding": Afmelding.objects.filter(
            organisatie_id=actor.organisatie.pk, partij=partij
        ).first(),
        "mailing_ontvangers": list(
            MailingOntvanger.objects.filter(organisatie_id=actor.organisatie.pk, partij=partij)
            .select_related("mailing")
            .only("status", "reden", "mailing__uuid", "mailing__naam")
            .order_by("-mailing__verzonden_op", "-id")[:5]
        ),
    }


def _geen_mailings(actor: Actor, partij: Partij) -> dict | None:
    """The block when the party never opted out nor got a mailing (no query)."""
    if not actor.heeft_rol(*MAY_READ_RELATIES):
        return None
    return {"afmelding": None, "mailing_ontvangers": []}


relatie_mailingblok = Blokfunctie(
    fn=_mailingblok,
    bronnen=lambda: [
        (Afmelding.objects.all(), "partij_id"),
        (MailingOntvanger.objects.all(), "partij_id"),
    ],
    leeg=_geen_mailings,
)


def mailing_tellingen(mailing: Mailing) -> list[tuple[str, int]]:
    """Recipients per status (counts only: no names), in the order of OntvangerStatus."""
    per_status = dict(
        mailing.ontvangers.values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [(str(label), per_status.get(waarde, 0)) for waarde, label in OntvangerStatus.choices]
