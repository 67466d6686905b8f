"""Retention terms per result type, as the functioneel beheerder sets them
(docs/decisions/retention-terms.md).

- A result type of a **concept** case type changes itself, through the catalogue's own service
  (`typeonderdeel_update`), which applies the concept rule and writes its audit entry.
- A **published** case type stays as published: the Catalogi API fixes it, running cases rely
  on it. The organisation records its own nomination and term for the result type instead: a
  `Bewaartermijn` row with the reason and the source (a selection list category, a decision).
  It counts from then on for every case with that result that is closed; cases closed before
  keep their archive action date until the administrator recomputes them
  (`raadhuis.kernel.retention.services.archiefactiedata_herberekenen`).

The term that counts for a result type is `raadhuis.kernel.retention.rules.bewaartermijn_geldend`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.catalog.durations import validate_duration
from raadhuis.kernel.catalog.models import ResultaatType
from raadhuis.kernel.catalog.services import typeonderdeel_update
from raadhuis.kernel.common import Archiefnominatie
from raadhuis.kernel.exceptions import NietGevonden, field_error
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.retention.models import Bewaartermijn
from raadhuis.kernel.retention.rules import GeldendeBewaartermijn, bewaartermijn_geldend


def _invoer_check(archiefnominatie: str, archiefactietermijn: str, reden: str) -> None:
    if archiefnominatie not in Archiefnominatie.values:
        raise field_error(
            "archiefnominatie", _("Kies ‘Blijvend bewaren’ of ‘Vernietigen’."), code="invalid"
        )
    if not archiefactietermijn:
        raise field_error(
            "archiefactietermijn",
            _("Geef de termijn op, bijvoorbeeld P7Y (zeven jaar)."),
            code="required",
        )
    try:
        validate_duration(archiefactietermijn)
    except ValidationError as error:
        raise field_error("archiefactietermijn", error.messages[0], code="duur") from error
    if not reden:
        raise field_error(
            "reden",
            _("Geef de reden van de wijziging (bijvoorbeeld de selectielijst)."),
            code="required",
        )


def bewaartermijn_wijzigen(
    *,
    actor: Actor,
    resultaattype: ResultaatType,
    archiefnominatie: str,
    archiefactietermijn: str,
    reden: str,
    bron: str = "",
) -> GeldendeBewaartermijn:
    """Set the archive nomination and term of a result type (see the module docstring for
    concept versus published case types). Returns what applies afterwards."""
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER)
    if resultaattype.zaaktype.catalogus.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Resultaattype niet gevonden.")
    archiefactietermijn = (archiefactietermijn or "").strip().upper()
    reden, bron = (reden or "").strip(), (bron or "").strip()
    _invoer_check(archiefnominatie, archiefactietermijn, reden)
    if len(bron) > 200:
        raise field_error("bron", _("De bron is maximaal 200 tekens."), code="max_length")
    with transaction.atomic():
        rt = (
            ResultaatType.objects.select_for_update(of=("self",))
            .select_related("zaaktype", "zaaktype__catalogus")
            .get(pk=resultaattype.pk)
        )
        huidig = bewaartermijn_geldend(rt)
        wijzigingen = {
            naam: [oud, nieuw]
            for naam, oud, nieuw in (
                ("archiefnominatie", huidig.archiefnominatie, archiefnominatie),
                ("archiefactietermijn", huidig.archiefactietermijn, archiefactietermijn),
            )
            if oud != nieuw
        }
        if not wijzigingen:
            return huidig
        toelichting = f"{reden} ({bron})" if bron else reden
        if rt.zaaktype.concept:
            typeonderdeel_update(
                actor=actor,
                obj=rt,
                changes={
                    "archiefnominatie": archiefnominatie,
                    "archiefactietermijn": archiefactietermijn,
                },
            )
            actie = "bewaartermijn_gewijzigd"
        else:
            Bewaartermijn.objects.create(
                organisatie=actor.organisatie,
                resultaattype=rt,
                archiefnominatie=archiefnominatie,
                archiefactietermijn=archiefactietermijn,
                reden=reden,
                bron=bron,
                vastgesteld_door=actor.medewerker,
                vastgesteld_door_weergave=actor.weergave[:200],
            )
            actie = "bewaartermijn_vastgesteld"
        audit_entry_record(
            actor=actor, actie=actie, obj=rt, wijzigingen=wijzigingen, toelichting=toelichting
        )
        return bewaartermijn_geldend(ResultaatType.objects.get(pk=rt.pk))
