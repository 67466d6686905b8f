"""Validators for Dutch and Belgian identifiers, with Dutch error messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def elfproef(number: str) -> bool:
    """The 11-check for BSN and RSIN: sum(digit * weight) with the last weight -1."""
    if len(number) != 9 or not number.isdigit():
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    total = sum(int(d) * w for d, w in zip(number, weights, strict=True))
    return total % 11 == 0 and number != "000000000"


def validate_bsn(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(_("Een BSN bestaat uit precies 9 cijfers."), code="bsn-formaat")
    if not elfproef(value):
        raise ValidationError(_("Dit is geen geldig BSN (de elfproef klopt niet)."), code="bsn")


def validate_rsin(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(_("Een RSIN bestaat uit precies 9 cijfers."), code="rsin-formaat")
    if not elfproef(value):
        raise ValidationError(_("Dit is geen geldig RSIN (de elfproef klopt niet)."), code="rsin")


def validate_kvk_nummer(value: str) -> None:
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError(_("Een KvK-nummer bestaat uit precies 8 cijfers."), code="kvk")


def validate_kbo_nummer(value: str) -> None:
    """Belgian enterprise number: 10 digits, the last two are 97 - (first eight mod 97)."""
    digits = value.replace(".", "").replace(" ", "")
    if not (len(digits) == 10 and digits.isdigit() and digits[0] in "01"):
        raise ValidationError(
            _("Een KBO-nummer bestaat uit 10 cijfers en begint met 0 of 1."), code="kbo-formaat"
        )
    if 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise ValidationError(_("Dit is geen geldig KBO-nummer (controlegetal klopt niet)."))


def validate_postcode_nl(value: str) -> None:
    compact = value.replace(" ", "").upper()
    if not (
        len(compact) == 6 and compact[:4].isdigit() and compact[0] != "0" and compact[4:].isalpha()
    ):
        raise ValidationError(_("Een postcode heeft de vorm 1234 AB."), code="postcode")
