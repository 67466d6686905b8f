"""Reads for the login steps: does this user need a second factor, and which device."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from raadhuis.kernel.organisations.models import Medewerker


def totp_device_confirmed(*, user: AbstractBaseUser) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_mandatory(*, user: AbstractBaseUser) -> bool:
    """True when an organisation the user works for demands a second factor."""
    return Medewerker.objects.filter(
        user=user, actief=True, organisatie__totp_verplicht=True
    ).exists()


def second_factor_required(*, user: AbstractBaseUser) -> bool:
    """A user gives a TOTP code when they have a device, or when an organisation demands it.

    The rule is per user, not per chosen organisation: switching to another organisation
    never lowers the bar that was checked at login.
    """
    return totp_device_confirmed(user=user) is not None or totp_mandatory(user=user)


def second_factor_annotations() -> dict[str, Exists]:
    """`second_factor_required` as two annotations on a Medewerker query (heeft_totp_apparaat,
    totp_verplicht_ergens), so the staff gate needs no queries of its own: the middleware
    reads both with the medewerker on every request. Same rule: per user, any organisation."""
    return {
        "heeft_totp_apparaat": Exists(
            TOTPDevice.objects.filter(user_id=OuterRef("user_id"), confirmed=True)
        ),
        "totp_verplicht_ergens": Exists(
            Medewerker.objects.filter(
                user_id=OuterRef("user_id"), actief=True, organisatie__totp_verplicht=True
            )
        ),
    }
