"""Writes of the login steps: setting up and checking a TOTP device (the second factor)."""

from __future__ import annotations

import logging

import django_otp
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.organisations.models import Medewerker

security_log = logging.getLogger("raadhuis.security")

TOTP_DEVICE_NAME = "Raadhuis"


class TotpThrottledError(Exception):
    """Too many wrong codes in a row: django-otp makes the user wait before the next try."""


def totp_device_prepare(*, user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device whose secret the user scans during enrolment.

    Reloading the enrolment page shows the same secret, so a code from an app that already
    scanned it keeps working.
    """
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_DEVICE_NAME)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user: AbstractBaseUser, device: TOTPDevice, token: str) -> bool:
    """Confirm the enrolment with a first code from the app; records the audit entry."""
    if device.user_id != user.pk or device.confirmed:
        return False
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_is_allowed()[0]:
            raise TotpThrottledError
        if not device.verify_token(token):
            security_log.warning("totp enrolment code wrong user=%s", user.get_username())
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        medewerker = _medewerker_for_audit(user)
        if medewerker is not None:
            audit_entry_record(
                actor=Actor.for_medewerker(medewerker),
                actie="tweede_factor_ingesteld",
                obj=medewerker,
                wijzigingen={"tweede_factor": [False, True]},
            )
    security_log.info("totp device confirmed user=%s", user.get_username())
    return True


def totp_token_verify(*, user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts `token`, or None; wrong codes are throttled."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        if not device.verify_is_allowed()[0]:
            raise TotpThrottledError
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    security_log.warning("totp code wrong user=%s", user.get_username())
    return None


def _medewerker_for_audit(user: AbstractBaseUser) -> Medewerker | None:
    """The audit entry goes to the organisation that demanded the factor, else the first."""
    return (
        Medewerker.objects.filter(user=user, actief=True)
        .select_related("organisatie")
        .order_by("-organisatie__totp_verplicht", "organisatie_id")
        .first()
    )
