"""Tenants (gemeenten), their organisational units and their staff (medewerkers)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.validators import validate_rsin


class Land(models.TextChoices):
    NL = "NL", _("Nederland")
    BE = "BE", _("België")


class Organisatie(models.Model):
    """A tenant: one municipality. Every row of municipal data belongs to one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    rsin = models.CharField(_("RSIN"), max_length=9, unique=True, validators=[validate_rsin])
    land = models.CharField(_("land"), max_length=2, choices=Land.choices, default=Land.NL)
    tijdzone = models.CharField(_("tijdzone"), max_length=64, default="Europe/Amsterdam")
    totp_verplicht = models.BooleanField(
        _("tweede factor verplicht"),
        default=False,
        help_text=_("Medewerkers moeten inloggen met een TOTP-code."),
    )
    zaak_prefix = models.CharField(_("voorvoegsel zaaknummer"), max_length=10, default="ZAAK")

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class OrganisatorischeEenheid(models.Model):
    """A department or team; tasks can be assigned to it as a team queue."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="eenheden")
    identificatie = models.CharField(_("identificatie"), max_length=24)
    naam = models.CharField(_("naam"), max_length=200)
    hoort_bij = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="onderdelen"
    )

    class Meta:
        verbose_name = _("organisatorische eenheid")
        verbose_name_plural = _("organisatorische eenheden")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "identificatie"], name="eenheid_identificatie_uniek"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Rol(models.TextChoices):
    """Staff roles. What each may do is decided in raadhuis.kernel.access.policies."""

    BEHEERDER = "beheerder", _("Beheerder")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    MEDEWERKER = "medewerker", _("Medewerker")
    TEAMLEIDER = "teamleider", _("Teamleider")
    AUDITOR = "auditor", _("Auditor")


class Medewerker(models.Model):
    """A member of staff in one organisation. A user may be a medewerker of several."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="medewerkers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="medewerkers"
    )
    identificatie = models.CharField(_("identificatie"), max_length=24)
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voorvoegsel_achternaam = models.CharField(_("voorvoegsel"), max_length=10, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    eenheden = models.ManyToManyField(
        OrganisatorischeEenheid, blank=True, related_name="medewerkers", verbose_name=_("teams")
    )
    rollen = models.JSONField(_("rollen"), default=list, help_text=_("Lijst van rollen."))
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["achternaam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "user"], name="medewerker_per_user"),
            models.UniqueConstraint(
                fields=["organisatie", "identificatie"], name="medewerker_identificatie_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        parts = [self.voorletters, self.voorvoegsel_achternaam, self.achternaam]
        return " ".join(p for p in parts if p)

    def heeft_rol(self, rol: str) -> bool:
        return rol in self.rollen
