"""Who may do what: case-type grants for medewerkers, and API applications with ZGW scopes."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker, Organisatie


class ZaakTypeAutorisatie(models.Model):
    """Grants a medewerker every version of a case type (by identificatie) up to a level."""

    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.CASCADE, related_name="zaaktype_autorisaties"
    )
    zaaktype_identificatie = models.CharField(_("zaaktype (identificatie)"), max_length=50)
    max_vertrouwelijkheidaanduiding = models.CharField(
        _("maximale vertrouwelijkheid"),
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.ZAAKVERTROUWELIJK,
    )

    class Meta:
        verbose_name = _("zaaktype-autorisatie")
        verbose_name_plural = _("zaaktype-autorisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["medewerker", "zaaktype_identificatie"], name="autorisatie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.zaaktype_identificatie} ≤ {self.max_vertrouwelijkheidaanduiding}"


class Component(models.TextChoices):
    """The ZGW components an application can be authorised for (Autorisaties API)."""

    AC = "ac", _("Autorisaties API")
    NRC = "nrc", _("Notificaties API")
    ZRC = "zrc", _("Zaken API")
    ZTC = "ztc", _("Catalogi API")
    DRC = "drc", _("Documenten API")
    BRC = "brc", _("Besluiten API")


class Applicatie(models.Model):
    """A consumer of the APIs: one or more client ids, each with its own JWT secret."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="applicaties"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    label = models.CharField(_("label"), max_length=100)
    heeft_alle_autorisaties = models.BooleanField(_("heeft alle autorisaties"), default=False)
    alleen_is_gereed_voor_publicatie = models.BooleanField(
        _("alleen documenten gereed voor publicatie"), default=False
    )

    class Meta:
        verbose_name = _("applicatie")
        verbose_name_plural = _("applicaties")

    def __str__(self) -> str:
        return self.label


class ApplicatieClient(models.Model):
    """A `client_id` and the shared secret its JWTs are signed with (HS256).

    The secret is stored as given: HS256 verification needs the secret itself, as in every ZGW
    implementation. A client_id belongs to exactly one application (the standard's rule)."""

    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="clients")
    client_id = models.CharField(_("client-id"), max_length=50, unique=True)
    secret = models.CharField(_("secret"), max_length=255)

    class Meta:
        verbose_name = _("client-id")
        verbose_name_plural = _("client-id's")

    def __str__(self) -> str:
        return self.client_id


class Autorisatie(models.Model):
    """Scopes on one component, optionally limited to a type and a confidentiality level."""

    applicatie = models.ForeignKey(
        Applicatie, on_delete=models.CASCADE, related_name="autorisaties"
    )
    component = models.CharField(_("component"), max_length=3, choices=Component.choices)
    scopes = models.JSONField(_("scopes"), default=list)
    # URLs as the standard stores them; local types are resolved by the uuid at the end.
    zaaktype = models.URLField(_("zaaktype"), max_length=1000, blank=True)
    informatieobjecttype = models.URLField(_("informatieobjecttype"), max_length=1000, blank=True)
    besluittype = models.URLField(_("besluittype"), max_length=1000, blank=True)
    max_vertrouwelijkheidaanduiding = models.CharField(
        _("maximale vertrouwelijkheid"),
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("autorisatie")
        verbose_name_plural = _("autorisaties")

    def __str__(self) -> str:
        return f"{self.component}: {', '.join(self.scopes)}"
