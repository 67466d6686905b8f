"""Amounts of money as people read them: '€ 1.234,56' in Dutch, '€ 1,234.56' in English."""

from __future__ import annotations

from contextlib import nullcontext
from decimal import Decimal

from django.utils import formats
from django.utils.translation import override


def euro(bedrag: Decimal | int | None, *, leeg: str = "—", taal: str | None = None) -> str:
    """An amount in euro with two decimals and thousands grouping, in the active language (or
    in `taal`, e.g. "nl" for a letter); `leeg` when there is no amount."""
    if bedrag is None or bedrag == "":
        return leeg
    with override(taal) if taal else nullcontext():
        return "€ " + formats.number_format(
            Decimal(bedrag), decimal_pos=2, use_l10n=True, force_grouping=True
        )
