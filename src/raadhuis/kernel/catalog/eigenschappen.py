"""Values of case properties (eigenschappen), checked against the format their type sets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.kernel.catalog.models import EigenschapFormaat, EigenschapType

DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%d-%m-%Y")
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y%m%d%H%M%S", "%d-%m-%Y %H:%M")


def _parse(waarde: str, formats: tuple[str, ...]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(waarde, fmt)  # noqa: DTZ007 - a local wall-clock value
        except ValueError:
            continue
    return None


def eigenschap_waarde_normaliseren(eigenschap: EigenschapType, waarde: str) -> str:
    """The value in its canonical form (dates as ISO 8601), or a Dutch ValidationError."""
    waarde = waarde.strip()
    if not waarde:
        raise ValidationError({"waarde": _("Vul een waarde in.")})
    if eigenschap.waardenverzameling and waarde not in eigenschap.waardenverzameling:
        raise ValidationError({"waarde": _("Kies een van de toegestane waarden.")})
    formaat = eigenschap.formaat
    if formaat == EigenschapFormaat.DATUM:
        parsed = _parse(waarde, DATE_FORMATS)
        if parsed is None:
            raise ValidationError({"waarde": _("Vul een datum in, bijvoorbeeld 31-12-2026.")})
        return date(parsed.year, parsed.month, parsed.day).isoformat()
    if formaat == EigenschapFormaat.DATUM_TIJD:
        parsed = _parse(waarde, DATETIME_FORMATS)
        if parsed is None:
            raise ValidationError(
                {"waarde": _("Vul een datum en tijd in, bijvoorbeeld 31-12-2026 14:30.")}
            )
        return parsed.isoformat(timespec="seconds")
    if formaat == EigenschapFormaat.GETAL:
        try:
            getal = Decimal(waarde.replace(",", "."))
        except InvalidOperation:
            getal = None
        if getal is None or not getal.is_finite():
            raise ValidationError({"waarde": _("Vul een getal in, bijvoorbeeld 12,50.")})
        return str(getal)
    lengte = int(eigenschap.lengte) if str(eigenschap.lengte).isdigit() else 255
    if len(waarde) > lengte:
        raise ValidationError(
            {"waarde": _("De waarde is langer dan %(n)s tekens.") % {"n": lengte}}
        )
    return waarde
