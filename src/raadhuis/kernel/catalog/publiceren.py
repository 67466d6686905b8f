"""Publishing a case type, document type or decision type: what must be in order first,
then the concept flag goes off (Catalogi API 1.3 publish)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.catalog.models import BesluitType, InformatieObjectType, ZaakType
from raadhuis.kernel.catalog.schrijfregels import (
    NON_FIELD,
    VersionedType,
    _actie,
    _locked,
    _notify,
    _require_own,
    require_catalogus_beheer,
)


# --- publishing ----------------------------------------------------------------------------
def _publish_problem(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def zaaktype_publish_problems(zaaktype: ZaakType) -> list[ValidationError]:
    """Why this concept cannot be published yet (empty when it can). The rules follow the
    Catalogi API's publish action: at least two status types, a role type and a result type,
    its document and decision types published, and no overlap in validity with another
    published version of the same case type."""
    problemen = []
    if zaaktype.statustypen.count() < 2:
        problemen.append(
            _publish_problem(
                _("Een zaaktype heeft minstens twee statustypen nodig."), "missing-statustypen"
            )
        )
    if not zaaktype.roltypen.exists():
        problemen.append(
            _publish_problem(
                _("Een zaaktype heeft minstens één roltype nodig."), "missing-roltypen"
            )
        )
    if not zaaktype.resultaattypen.exists():
        problemen.append(
            _publish_problem(
                _("Een zaaktype heeft minstens één resultaattype nodig."),
                "missing-resultaattypen",
            )
        )
    if (
        zaaktype.informatieobjecttypen.filter(concept=True).exists()
        or zaaktype.besluittypen.filter(concept=True).exists()
    ):
        problemen.append(
            _publish_problem(
                _(
                    "Alle gerelateerde informatieobjecttypen en besluittypen moeten eerst "
                    "gepubliceerd zijn."
                ),
                "concept-relation",
            )
        )
    overlap = ZaakType.objects.filter(
        catalogus=zaaktype.catalogus, identificatie=zaaktype.identificatie, concept=False
    ).exclude(pk=zaaktype.pk)
    if zaaktype.einde_geldigheid is not None:
        overlap = overlap.filter(begin_geldigheid__lte=zaaktype.einde_geldigheid)
    overlap = overlap.filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=zaaktype.begin_geldigheid)
    )
    if overlap.exists():
        problemen.append(
            _publish_problem(
                _(
                    "De geldigheid overlapt met een andere gepubliceerde versie; zet eerst de "
                    "einde geldigheid van die versie."
                ),
                "overlap",
            )
        )
    return problemen


def _publish(actor: Actor, obj: VersionedType, problemen: list[ValidationError]) -> None:
    if problemen:
        raise ValidationError({NON_FIELD: problemen})
    obj.concept = False
    obj.save(update_fields=["concept"])
    audit_entry_record(
        actor=actor,
        actie=_actie(obj, "gepubliceerd"),
        obj=obj,
        wijzigingen={"concept": [True, False]},
    )
    _notify(obj, "publish")


def zaaktype_publish(*, actor: Actor, zaaktype: ZaakType) -> ZaakType:
    """Publish a concept case type. Once published, its types are fixed: a change is a new
    version (open cases keep the version they were started with)."""
    require_catalogus_beheer(actor)
    with transaction.atomic():
        zaaktype = ZaakType.objects.select_for_update().get(pk=zaaktype.pk)
        if zaaktype.catalogus.organisatie_id != actor.organisatie.pk:
            raise ValidationError(_("Dit zaaktype hoort niet bij deze organisatie."))
        if zaaktype.concept:
            _publish(actor, zaaktype, zaaktype_publish_problems(zaaktype))
    return zaaktype


def _versie_publish_problems(obj: InformatieObjectType | BesluitType) -> list[ValidationError]:
    overlap = (
        type(obj)
        .objects.filter(catalogus=obj.catalogus, omschrijving=obj.omschrijving, concept=False)
        .exclude(pk=obj.pk)
    )
    if obj.einde_geldigheid is not None:
        overlap = overlap.filter(begin_geldigheid__lte=obj.einde_geldigheid)
    overlap = overlap.filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=obj.begin_geldigheid)
    )
    if not overlap.exists():
        return []
    return [
        _publish_problem(
            _(
                "De geldigheid overlapt met een andere gepubliceerde versie; zet eerst de "
                "einde geldigheid van die versie."
            ),
            "overlap",
        )
    ]


def informatieobjecttype_publish(
    *, actor: Actor, informatieobjecttype: InformatieObjectType
) -> InformatieObjectType:
    require_catalogus_beheer(actor)
    _require_own(actor, informatieobjecttype)
    with transaction.atomic():
        iotype: InformatieObjectType = _locked(informatieobjecttype)  # type: ignore[assignment]
        if iotype.concept:
            _publish(actor, iotype, _versie_publish_problems(iotype))
    return iotype


def besluittype_publish(*, actor: Actor, besluittype: BesluitType) -> BesluitType:
    require_catalogus_beheer(actor)
    _require_own(actor, besluittype)
    with transaction.atomic():
        locked: BesluitType = _locked(besluittype)  # type: ignore[assignment]
        if locked.concept:
            problemen = _versie_publish_problems(locked)
            if locked.informatieobjecttypen.filter(concept=True).exists():
                problemen.append(
                    _publish_problem(
                        _(
                            "Alle gerelateerde informatieobjecttypen moeten eerst "
                            "gepubliceerd zijn."
                        ),
                        "concept-relation",
                    )
                )
            _publish(actor, locked, problemen)
    return locked
