"""The rules of the Zaken API on a case's own fields, as pure checks the services call.

Each rule raises a field error with the code the reference implementation (Open Zaak) uses, so
an API client sees the same `invalidParams` whichever implementation it talks to. References:
Zaken API 1.7.0, operations zaak_create / zaak_update ("Er wordt gevalideerd op").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.cases.models import Betalingsindicatie, Zaak
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.common import Archiefstatus
from raadhuis.kernel.exceptions import field_error

# Fields a case keeps for life once created (Zaken API: "mag niet gewijzigd worden").
ONVERANDERLIJK = ("identificatie", "zaaktype", "bronorganisatie")
_ISO_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
LEEWAY = datetime.timedelta(seconds=10)


def onveranderlijk_check(zaak: Zaak, velden: dict[str, Any]) -> None:
    for naam in ONVERANDERLIJK:
        if naam in velden and velden[naam] != getattr(zaak, naam):
            raise field_error(
                naam, _("Dit veld mag niet gewijzigd worden."), code="wijzigen-niet-toegelaten"
            )


def betaling_check(betalingsindicatie: str, laatste_betaaldatum: datetime.datetime | None) -> None:
    """laatsteBetaaldatum not in the future, and not set when nothing is to be paid."""
    if laatste_betaaldatum is None:
        return
    if laatste_betaaldatum > timezone.now() + LEEWAY:
        raise field_error(
            "laatste_betaaldatum",
            _("Deze datum mag niet in de toekomst zijn."),
            code="date-in-future",
        )
    if betalingsindicatie == Betalingsindicatie.NVT:
        raise field_error(
            "laatste_betaaldatum",
            _('Laatste betaaldatum kan niet gezet worden als de betalingsindicatie "nvt" is.'),
            code="betaling-nvt",
        )


def producten_check(zaaktype: ZaakType, producten: Iterable[str]) -> None:
    if not set(producten) <= set(zaaktype.producten_of_diensten or []):
        raise field_error(
            "producten_of_diensten",
            _("Niet alle producten/diensten komen voor in de producten/diensten op het zaaktype."),
            code="invalid-products-services",
        )


def duur_check(veld: str, duur: str) -> None:
    if duur and not _ISO_DURATION.match(duur):
        raise field_error(veld, _("Geef een duur volgens ISO 8601 (bijv. P14D)."), code="invalid")


def archief_check(zaak: Zaak | None, velden: dict[str, Any]) -> None:
    """An archiefstatus other than nog_te_archiveren needs an archiefnominatie and an
    archiefactiedatum, and every document of the case must be archived."""

    def waarde(naam: str) -> Any:
        return velden[naam] if naam in velden else getattr(zaak, naam, None)

    archiefstatus = waarde("archiefstatus") or Archiefstatus.NOG_TE_ARCHIVEREN
    if archiefstatus == Archiefstatus.NOG_TE_ARCHIVEREN:
        return
    for naam in ("archiefnominatie", "archiefactiedatum"):
        if not waarde(naam):
            raise field_error(
                naam,
                _(
                    "Moet van een waarde voorzien zijn als de 'Archiefstatus' een waarde heeft "
                    "anders dan 'nog_te_archiveren'."
                ),
                code=f"{naam}-not-set",
            )
    if zaak is not None and _documenten_niet_gearchiveerd(zaak):
        raise field_error(
            "archiefstatus",
            _(
                "Er zijn gerelateerde informatieobjecten waarvan de `status` nog niet gelijk is "
                "aan `gearchiveerd`. Dit is een voorwaarde voor het zetten van de "
                "`archiefstatus` op een andere waarde dan `nog_te_archiveren`."
            ),
            code="documents-not-archived",
        )


def _documenten_niet_gearchiveerd(zaak: Zaak) -> bool:
    from raadhuis.kernel.documents.models import InformatieObjectVersie, ZaakInformatieObject

    laatste_status = (
        InformatieObjectVersie.objects.filter(informatieobject=OuterRef("informatieobject"))
        .order_by("-versie")
        .values("status")[:1]
    )
    return (
        ZaakInformatieObject.objects.filter(zaak=zaak)
        .annotate(laatste_status=Subquery(laatste_status))
        .exclude(laatste_status="gearchiveerd")
        .exists()
    )


def hoofdzaak_check(zaak: Zaak | None, zaaktype: ZaakType, hoofdzaak: Zaak | None) -> None:
    """A deelzaak's hoofdzaak is another case that is no deelzaak itself, whose zaaktype lists
    this zaaktype among its deelzaaktypen."""
    if hoofdzaak is None:
        return
    if zaak is not None and hoofdzaak.pk == zaak.pk:
        raise field_error(
            "hoofdzaak",
            _("De 'hoofdzaak' mag niet naar zichzelf verwijzen."),
            code="self-forbidden",
        )
    if hoofdzaak.hoofdzaak_id is not None:
        raise field_error(
            "hoofdzaak",
            _("Deelzaken van deelzaken wordt niet ondersteund."),
            code="deelzaak-als-hoofdzaak",
        )
    if not hoofdzaak.zaaktype.deelzaaktypen.filter(pk=zaaktype.pk).exists():
        raise field_error(
            "hoofdzaak",
            _("Zaaktype niet vastgelegd in deelzaaktypen van hoofdzaak.zaaktype."),
            code="invalid-deelzaaktype",
        )


def geometrie_bbox(geometrie: dict[str, Any] | None) -> tuple[float, ...] | tuple[None, ...]:
    """(xmin, ymin, xmax, ymax) of a GeoJSON geometry, or Nones."""
    alle = list(punten(geometrie.get("coordinates") if geometrie else None))
    if geometrie and geometrie.get("type") == "GeometryCollection":
        for deel in geometrie.get("geometries") or []:
            alle.extend(punten(deel.get("coordinates")))
    if not alle:
        return (None, None, None, None)
    xs = [p[0] for p in alle]
    ys = [p[1] for p in alle]
    return (min(xs), min(ys), max(xs), max(ys))


def punten(coordinates: Any) -> Iterable[tuple[float, float]]:
    if not isinstance(coordinates, list) or not coordinates:
        return
    if all(isinstance(c, int | float) for c in coordinates[:2]) and len(coordinates) >= 2:
        yield (float(coordinates[0]), float(coordinates[1]))
        return
    for deel in coordinates:
        yield from punten(deel)
