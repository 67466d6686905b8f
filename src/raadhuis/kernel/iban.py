"""IBAN checks with Dutch messages (schwifty does the ISO 13616 rules: country, length, structure
and the mod-97 check digits)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty import exceptions as iban_fouten


def iban_normaliseren(value: str) -> str:
    """'nl91 abna 0417 1643 00' -> 'NL91ABNA0417164300'; empty stays empty. Raises a
    ValidationError with a Dutch message when it is not a valid IBAN."""
    compact = "".join((value or "").split()).upper()
    if not compact:
        return ""
    try:
        return IBAN(compact).compact
    except iban_fouten.InvalidCountryCode as error:
        raise ValidationError(
            _("Een IBAN begint met een landcode, zoals NL. Deze landcode bestaat niet."),
            code="iban-land",
        ) from error
    except iban_fouten.InvalidLength as error:
        raise ValidationError(
            _("Dit IBAN heeft niet het juiste aantal tekens (een Nederlands IBAN heeft er 18)."),
            code="iban-lengte",
        ) from error
    except iban_fouten.InvalidChecksumDigits as error:
        raise ValidationError(
            _("Dit IBAN klopt niet: het controlegetal past niet bij het rekeningnummer."),
            code="iban-controlegetal",
        ) from error
    except iban_fouten.InvalidStructure as error:
        raise ValidationError(
            _("Dit IBAN is niet goed opgebouwd: controleer de letters en cijfers."),
            code="iban-opbouw",
        ) from error
    except iban_fouten.SchwiftyException as error:
        raise ValidationError(_("Dit is geen geldig IBAN."), code="iban") from error


def validate_iban(value: str) -> None:
    iban_normaliseren(value)
