"""Documents (informatieobjecten) with immutable versions, and their link to cases."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker, Organisatie


class DocumentStatus(models.TextChoices):
    IN_BEWERKING = "in_bewerking", _("In bewerking")
    TER_VASTSTELLING = "ter_vaststelling", _("Ter vaststelling")
    DEFINITIEF = "definitief", _("Definitief")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")


class InformatieObject(models.Model):
    """The document itself; what changes over time lives in its versions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    identificatie = models.CharField(_("identificatie"), max_length=40)
    bronorganisatie = models.CharField(max_length=9)
    informatieobjecttype = models.ForeignKey(
        InformatieObjectType, on_delete=models.PROTECT, related_name="+"
    )
    creatiedatum = models.DateField(_("creatiedatum"))
    # The current version's metadata, copied here so lists need no join on versions.
    titel = models.CharField(_("titel"), max_length=200)
    vertrouwelijkheidaanduiding = models.CharField(max_length=20, choices=Vertrouwelijkheid.choices)
    versie = models.PositiveIntegerField(_("versie"), default=1)
    lock = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        constraints = [
            models.UniqueConstraint(
                fields=["bronorganisatie", "identificatie"], name="document_identificatie_uniek"
            )
        ]

    def __str__(self) -> str:
        return self.titel


def versie_upload_to(instance: InformatieObjectVersie, filename: str) -> str:
    return f"documenten/{instance.informatieobject.uuid}/{instance.versie}/{filename}"


class InformatieObjectVersie(models.Model):
    """One immutable version: file and metadata as they were when it was registered."""

    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="versies"
    )
    versie = models.PositiveIntegerField()
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    auteur = models.CharField(_("auteur"), max_length=200)
    status = models.CharField(max_length=20, choices=DocumentStatus.choices, blank=True)
    taal = models.CharField(max_length=3, default="nld")
    vertrouwelijkheidaanduiding = models.CharField(max_length=20, choices=Vertrouwelijkheid.choices)
    bestand = models.FileField(upload_to=versie_upload_to, max_length=500)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    formaat = models.CharField(_("formaat"), max_length=255, blank=True)
    bestandsomvang = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    begin_registratie = models.DateTimeField(auto_now_add=True)
    geregistreerd_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["informatieobject", "versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["informatieobject", "versie"], name="documentversie_uniek"
            )
        ]

    def save(self, *args, **kwargs) -> None:
        # Versions are evidence: once registered they never change.
        if self.pk is not None:
            raise ValueError("InformatieObjectVersie is immutable; register a new version.")
        super().save(*args, **kwargs)


class ZaakInformatieObject(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="documenten")
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.PROTECT, related_name="zaken"
    )
    aard_relatie = models.CharField(max_length=20, default="hoort_bij")
    titel = models.CharField(max_length=200, blank=True)
    beschrijving = models.TextField(blank=True)
    registratiedatum = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zaakdocument")
        verbose_name_plural = _("zaakdocumenten")
        constraints = [
            models.UniqueConstraint(fields=["zaak", "informatieobject"], name="zaakdocument_uniek")
        ]
