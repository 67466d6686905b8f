"""Writes that link a case to others: related cases and decisions (Besluiten API).

Split from services.py along the domain's seam; the same rules apply: permission, one
transaction, one audit entry per change, an event in the outbox.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, require_zaak_access
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import AardRelatie, Besluit, RelevanteZaak, Zaak
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.organisations.models import Rol as MedewerkerRol


def zaak_relatie_add(
    *, actor: Actor, zaak: Zaak, andere_zaak: Zaak, aard_relatie: str
) -> RelevanteZaak:
    """Relate two cases (vervolg, onderwerp, bijdrage), both visible to the actor."""
    if aard_relatie not in AardRelatie.values:
        raise ValidationError({"aard_relatie": _("Kies een geldige aard van de relatie.")})
    if andere_zaak.pk == zaak.pk:
        raise ValidationError(
            {"andere_zaak": _("Een zaak kan niet aan zichzelf gerelateerd zijn.")}
        )
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        require_zaak_access(
            actor,
            organisatie_id=andere_zaak.organisatie_id,
            zaaktype_id=andere_zaak.zaaktype_id,
            vertrouwelijkheid=andere_zaak.vertrouwelijkheidaanduiding,
        )
        relatie, created = RelevanteZaak.objects.get_or_create(
            zaak=zaak, andere_zaak=andere_zaak, defaults={"aard_relatie": aard_relatie}
        )
        if created:
            audit_entry_record(
                actor=actor,
                actie="zaakrelatie_toegevoegd",
                obj=zaak,
                wijzigingen={"relevante_zaak": [None, f"{aard_relatie}: {andere_zaak}"]},
                zaak_uuid=zaak.uuid,
            )
            zaak_event_queue(zaak, resource="zaak", actie="partial_update")
    return relatie


def besluit_create(
    *,
    actor: Actor,
    besluittype: BesluitType,
    datum: date,
    ingangsdatum: date,
    zaak: Zaak | None = None,
    vervaldatum: date | None = None,
    toelichting: str = "",
    bestuursorgaan: str = "",
) -> Besluit:
    """Record a decision, usually on a case (Besluiten API)."""
    organisatie = actor.organisatie
    require_role(actor, MedewerkerRol.MEDEWERKER)
    if besluittype.catalogus.organisatie_id != organisatie.pk or besluittype.concept:
        raise ValidationError({"besluittype": _("Kies een gepubliceerd besluittype.")})
    if besluittype.begin_geldigheid > datum or (
        besluittype.einde_geldigheid is not None and besluittype.einde_geldigheid < datum
    ):
        raise ValidationError(
            {"besluittype": _("Dit besluittype is op de besluitdatum niet geldig.")}
        )
    if vervaldatum is not None and vervaldatum < ingangsdatum:
        raise ValidationError({"vervaldatum": _("De vervaldatum ligt voor de ingangsdatum.")})
    with transaction.atomic():
        if zaak is not None:
            zaak = zaak_lock_for_change(actor, zaak)
            if not besluittype.zaaktypen.filter(pk=zaak.zaaktype_id).exists():
                raise ValidationError(
                    {"besluittype": _("Dit besluittype hoort niet bij het zaaktype.")}
                )
        besluit = Besluit.objects.create(
            organisatie=organisatie,
            identificatie=identificatie_next(
                organisatie=organisatie, soort="besluit", prefix="BESLUIT", jaar=datum.year
            ),
            verantwoordelijke_organisatie=organisatie.rsin,
            besluittype=besluittype,
            zaak=zaak,
            datum=datum,
            ingangsdatum=ingangsdatum,
            vervaldatum=vervaldatum,
            toelichting=toelichting,
            bestuursorgaan=bestuursorgaan,
        )
        audit_entry_record(
            actor=actor,
            actie="besluit_genomen",
            obj=besluit,
            wijzigingen=diff(
                {}, snapshot(besluit, ["besluittype", "datum", "ingangsdatum", "vervaldatum"])
            ),
            zaak_uuid=zaak.uuid if zaak else None,
        )
        event_queue(
            organisatie=organisatie,
            kanaal="besluiten",
            resource="besluit",
            actie="create",
            resource_uuid=besluit.uuid,
            hoofd_object_uuid=besluit.uuid,
            kenmerken={
                "verantwoordelijkeOrganisatie": organisatie.rsin,
                "besluittype": str(besluittype.uuid),
            },
        )
    return besluit
