"""Norm versions (per organisation and half year), their amounts with sources, and the
immutable snapshots of VTLB calculations."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.shv.vtlb.normen import NormSleutel


class NormVersie(models.Model):
    """The VTLB norm amounts of one organisation from 1 January or 1 July of a year.

    Each organisation has its own versions (seeded from the published figures by
    `vtlb_normen_ensure`), so a functional administrator can correct a figure for their
    municipality without touching another's. A calculation uses the latest version that
    started on or before its peildatum."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="vtlb_normversies"
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    gekopieerd_van = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="kopieen"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("VTLB-normversie")
        verbose_name_plural = _("VTLB-normversies")
        ordering = ["organisatie", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "geldig_vanaf"], name="vtlb_normversie_per_halfjaar"
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving


class NormBedrag(models.Model):
    """One amount of a norm version; `bedrag` is empty when no published figure was found."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    normversie = models.ForeignKey(NormVersie, on_delete=models.CASCADE, related_name="bedragen")
    sleutel = models.CharField(_("norm"), max_length=40, choices=NormSleutel.choices)
    bedrag = models.DecimalField(
        _("bedrag per maand"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    bron = models.TextField(_("bron"))
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("VTLB-normbedrag")
        verbose_name_plural = _("VTLB-normbedragen")
        ordering = ["normversie", "sleutel"]
        constraints = [
            models.UniqueConstraint(
                fields=["normversie", "sleutel"], name="vtlb_normbedrag_per_sleutel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.normversie}: {self.get_sleutel_display()}"


class VtlbBerekeningQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN003
        raise PermissionError("A VTLB calculation is an immutable snapshot.")


class VtlbBerekening(models.Model):
    """An immutable snapshot: the input, the norm version and the amounts it used, and every
    line of the result, with who made it and when. Never updated; it goes with its case when
    the case is destroyed (Archiefwet), hence the cascade from `zaak`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    zaak = models.ForeignKey(
        "cases.Zaak",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="vtlb_berekeningen",
    )
    normversie = models.ForeignKey(NormVersie, on_delete=models.PROTECT, related_name="+")
    normversie_omschrijving = models.CharField(_("normversie"), max_length=200)
    normversie_geldig_vanaf = models.DateField(_("normen geldig vanaf"))
    peildatum = models.DateField(_("peildatum"))
    leefsituatie = models.CharField(_("leefsituatie"), max_length=30)
    inkomensgroep = models.CharField(_("inkomensgroep"), max_length=10)
    beslagvrije_voet = models.DecimalField(_("beslagvrije voet"), max_digits=10, decimal_places=2)
    vtlb = models.DecimalField(_("vtlb"), max_digits=10, decimal_places=2)
    afloscapaciteit = models.DecimalField(_("afloscapaciteit"), max_digits=10, decimal_places=2)
    invoer = models.JSONField(_("invoer"))
    normen = models.JSONField(_("gebruikte normbedragen"))
    uitkomst = models.JSONField(_("uitkomst"))
    aangemaakt_op = models.DateTimeField(_("berekend op"), auto_now_add=True, db_index=True)
    actor_type = models.CharField(max_length=20)
    actor_weergave = models.CharField(_("berekend door"), max_length=200)

    objects = VtlbBerekeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("VTLB-berekening")
        verbose_name_plural = _("VTLB-berekeningen")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["organisatie", "-aangemaakt_op"], name="vtlb_org_idx")]

    def __str__(self) -> str:
        return f"VTLB-berekening {self.peildatum:%d-%m-%Y} ({self.normversie_omschrijving})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(_("Een VTLB-berekening wordt nooit gewijzigd."))
        super().save(*args, **kwargs)
