"""Leads and opportunities (issue 6, item 3): pipelines with ordered stages, leads moving through
them with a recorded history, and quotations made from the letter template "offerte".

A lead points at a kernel `Partij` (the relation), never at other CRM parts' models. Access
follows the CRM rule per department: a lead belongs to a department (`afdeling`) and may have
an owner (`eigenaar`), see selectors.py.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.messaging.models import BriefSjabloonVersie
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij


class FaseSoort(models.TextChoices):
    OPEN = "open", _("Open")
    GEWONNEN = "gewonnen", _("Gewonnen (eindfase)")
    VERLOREN = "verloren", _("Verloren (eindfase)")


class LeadBron(models.TextChoices):
    WEBSITE = "website", _("Website")
    EVENEMENT = "evenement", _("Evenement of beurs")
    DOORVERWIJZING = "doorverwijzing", _("Doorverwijzing (via netwerk of partner)")
    KCC = "kcc", _("Klantcontactcentrum")
    CAMPAGNE = "campagne", _("Campagne of mailing")
    ACCOUNTMANAGER = "accountmanager", _("Eigen acquisitie accountmanager")
    OVERIG = "overig", _("Overig")


class Pipeline(models.Model):
    """A sales or partnership process ('Bedrijfshuisvesting') with its own stages."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=100)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pijplijn")
        verbose_name_plural = _("pijplijnen")
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "naam"], name="crm_leads_pipeline_naam_uniek"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Fase(models.Model):
    """One stage of a pipeline with the chance (in %) that a lead in it is won."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    pipeline = models.ForeignKey(Pipeline, on_delete=models.CASCADE, related_name="fasen")
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    kans = models.PositiveSmallIntegerField(
        _("kans op winst (%)"), default=0, help_text=_("Van 0 tot en met 100.")
    )
    soort = models.CharField(_("soort"), max_length=10, choices=FaseSoort.choices)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["pipeline", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pipeline", "naam"], name="crm_leads_fase_naam_uniek"),
            models.CheckConstraint(
                condition=models.Q(kans__lte=100), name="crm_leads_fase_kans_max_100"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_open(self) -> bool:
        return self.soort == FaseSoort.OPEN


class Lead(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    kenmerk = models.CharField(_("leadnummer"), max_length=40)
    partij = models.ForeignKey(
        Partij, on_delete=models.PROTECT, related_name="crm_leads", verbose_name=_("relatie")
    )
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    pipeline = models.ForeignKey(
        Pipeline, on_delete=models.PROTECT, related_name="leads", verbose_name=_("pijplijn")
    )
    fase = models.ForeignKey(
        Fase, on_delete=models.PROTECT, related_name="leads", verbose_name=_("fase")
    )
    waarde = models.DecimalField(_("verwachte waarde (€)"), max_digits=14, decimal_places=2)
    verwachte_sluitdatum = models.DateField(_("verwachte sluitdatum"), null=True, blank=True)
    eigenaar = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    afdeling = models.ForeignKey(
        OrganisatorischeEenheid,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    bron = models.CharField(_("bron"), max_length=20, choices=LeadBron.choices)
    verlies_reden = models.CharField(_("reden van verlies"), max_length=300, blank=True)
    gesloten_op = models.DateField(_("gesloten op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "kenmerk"], name="crm_lead_kenmerk_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(waarde__gte=0), name="crm_lead_waarde_niet_negatief"
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "pipeline", "fase"], name="crm_lead_fase_idx"),
            models.Index(fields=["organisatie", "partij"], name="crm_lead_partij_idx"),
            models.Index(fields=["organisatie", "afdeling"], name="crm_lead_afdeling_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.titel}"


class FaseWissel(models.Model):
    """The stage history of a lead: who moved it from where to where, and when."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="fasewissels")
    van_fase = models.ForeignKey(
        Fase, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    naar_fase = models.ForeignKey(Fase, on_delete=models.PROTECT, related_name="+")
    door = models.CharField(_("door"), max_length=200)
    op = models.DateTimeField(_("op"), auto_now_add=True)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("fasewissel")
        verbose_name_plural = _("fasewissels")
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"{self.lead}: {self.van_fase} → {self.naar_fase}"


def offerte_pad(instance: Offerte, filename: str) -> str:
    return f"crm/offertes/{instance.organisatie_id}/{filename}"


class Offerte(models.Model):
    """A quotation PDF made from the letter template 'offerte' for a lead."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="offertes")
    nummer = models.CharField(_("offertenummer"), max_length=60)
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    bedrag = models.DecimalField(_("bedrag (€)"), max_digits=14, decimal_places=2)
    geldig_tot = models.DateField(_("geldig tot"))
    bestand = models.FileField(_("bestand"), upload_to=offerte_pad, max_length=300)
    sjabloon_versie = models.ForeignKey(
        BriefSjabloonVersie, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gemaakt_door = models.CharField(max_length=200)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offerte")
        verbose_name_plural = _("offertes")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "nummer"], name="crm_offerte_nummer_uniek"
            )
        ]

    def __str__(self) -> str:
        return self.nummer
