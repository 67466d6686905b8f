"""An uploaded export waiting for (or done with) its import, and the ERP's invoice lines."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij


class ImportBestand(models.Model):
    """An export file with its column mapping, merge choices and the last report."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    # The file itself: exports are small enough (100,000 rows of XLSX is a few MB).
    inhoud = models.BinaryField(editable=False)
    koppen = models.JSONField(_("kolomkoppen"), default=list)
    mapping = models.JSONField(_("kolomkoppeling"), default=dict)
    keuzes = models.JSONField(_("keuzes bij dubbelen"), default=dict)
    rapport = models.JSONField(_("verslag"), default=dict)
    afdeling = models.ForeignKey(
        OrganisatorischeEenheid,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    geupload_door = models.ForeignKey(
        Medewerker, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    geimporteerd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("importbestand")
        verbose_name_plural = _("importbestanden")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return self.bestandsnaam


class FactuurRegel(models.Model):
    """One invoice of a relation from the ERP export (Unit4-like), with what is still open."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="crm_facturen")
    debiteurnummer = models.CharField(_("debiteurnummer"), max_length=40, blank=True)
    factuurnummer = models.CharField(_("factuurnummer"), max_length=40)
    factuurdatum = models.DateField(_("factuurdatum"))
    bedrag = models.DecimalField(_("bedrag"), max_digits=14, decimal_places=2)
    openstaand = models.DecimalField(_("openstaand"), max_digits=14, decimal_places=2)
    betaald_op = models.DateField(_("betaald op"), null=True, blank=True)
    ingelezen_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        ordering = ["-factuurdatum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "factuurnummer"], name="crm_factuur_nummer_uniek"
            )
        ]

    def __str__(self) -> str:
        return self.factuurnummer
