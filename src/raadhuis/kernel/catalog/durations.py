"""ISO 8601 durations as the ZGW standards use them ("P8W", "P1Y6M", "P10D").

A timedelta cannot hold months or years, so durations become a relativedelta.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?$"
)


def parse_duration(value: str) -> relativedelta:
    match = _DURATION.match(value or "")
    if not match:
        raise ValueError(f"not an ISO 8601 date duration: {value!r}")
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    return relativedelta(**parts)


def validate_duration(value: str) -> None:
    if value and not _DURATION.match(value):
        raise ValidationError(
            _("Geef een duur op in ISO 8601, bijvoorbeeld P8W, P3M of P10D."), code="duur"
        )


def add_duration(start: date, value: str) -> date:
    return start + parse_duration(value)


def werkdagen_in_duur(value: str) -> int | None:
    """Working days in a day/week duration ("P10D" -> 10, "P8W" -> 40), else None.

    A week of working days is five working days; months and years are calendar terms.
    """
    match = _DURATION.match(value or "")
    if not match:
        raise ValueError(f"not an ISO 8601 date duration: {value!r}")
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    if parts.get("years") or parts.get("months"):
        return None
    return parts.get("days", 0) + 5 * parts.get("weeks", 0)
