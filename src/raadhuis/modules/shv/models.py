"""Debt assistance (schuldhulpverlening): what only debt work needs, next to the kernel's Zaak.

A debt track is a Zaak of a debt case type; `ShvDossier` is its one-to-one extension. Creditors
(`Schuldeiser`) are a register shared by every dossier of the organisation; they point at a
kernel Partij for name, KvK number and address, and add what debt work needs (IBAN, rank,
correspondence address).
"""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.models import Taak

MONEY = {"max_digits": 12, "decimal_places": 2}


class Fase(models.TextChoices):
    """The phases of a debt track (NVVK module order), shown on the dossier and in queues.

    Each track (case type) uses a subset; its status types carry the phase code in
    `omschrijving_generiek`, so the kernel status and the dossier phase move together."""

    AANMELDING = "aanmelding", _("Aanmelding")
    INTAKE = "intake", _("Intake")
    STABILISATIE = "stabilisatie", _("Stabilisatie")
    INVENTARISATIE = "inventarisatie", _("Inventarisatie schulden")
    REGELING = "regeling", _("Schuldregeling")
    LOOPTIJD = "looptijd", _("Looptijd regeling")
    # Guidance, DFD, advice and prevention: the track's own work between intake and the end.
    UITVOERING = "uitvoering", _("Uitvoering traject")
    NAZORG = "nazorg", _("Nazorg")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class Dreiging(models.TextChoices):
    """Threats that shorten the first-conversation term to 3 working days (art. 4 lid 2 Wgs)."""

    GEEN = "", _("Geen")
    HUISUITZETTING = "huisuitzetting", _("Dreigende huisuitzetting")
    ENERGIE = "energie", _("Afsluiting energie")
    WATER = "water", _("Afsluiting water")
    ZORGVERZEKERING = "zorgverzekering", _("Beëindiging zorgverzekering")


class ShvDossier(models.Model):
    """The debt-specific part of one debt track (a Zaak of a debt case type)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="shv_dossier")
    client = models.ForeignKey(
        Partij, on_delete=models.PROTECT, related_name="shv_dossiers", verbose_name=_("cliënt")
    )
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, default=Fase.AANMELDING)
    dreiging = models.CharField(
        _("dreiging"), max_length=20, choices=Dreiging.choices, blank=True, default=Dreiging.GEEN
    )
    ondernemer = models.BooleanField(_("zelfstandig ondernemer"), default=False)
    # Wet gemeentelijke schuldhulpverlening, art. 4: the legal terms and when they were met.
    aanmeldingsdatum = models.DateField(_("datum hulpvraag"))
    # Empty for tracks without the Wgs terms (outreach, after-care, prevention).
    eerste_gesprek_uiterlijk = models.DateField(
        _("eerste gesprek uiterlijk"), null=True, blank=True
    )
    eerste_gesprek_op = models.DateField(_("eerste gesprek gevoerd op"), null=True, blank=True)
    beschikking_uiterlijk = models.DateField(_("beschikking uiterlijk"), null=True, blank=True)
    beschikking_op = models.DateField(_("beschikking genomen op"), null=True, blank=True)
    toegelaten = models.BooleanField(_("toegelaten"), null=True, blank=True)
    eerste_gesprek_verslag = models.TextField(_("verslag eerste gesprek"), blank=True)
    beschikking_toelichting = models.TextField(_("motivering beschikking"), blank=True)
    # The work-queue tasks that carry the two legal terms; completed when the event is recorded.
    taak_eerste_gesprek = models.ForeignKey(
        Taak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taak_beschikking = models.ForeignKey(
        Taak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schuldhulpdossier")
        verbose_name_plural = _("schuldhulpdossiers")
        indexes = [models.Index(fields=["organisatie", "fase"], name="shv_dossier_fase_idx")]

    def __str__(self) -> str:
        return self.zaak.identificatie

    @property
    def fase_actueel(self) -> str:
        """The phase of the case's current status: the truth when a process step or someone
        in the case screens moved the status; `fase` is the copy our services keep."""
        status = self.zaak.status_actueel
        generiek = status.statustype.omschrijving_generiek if status is not None else ""
        return generiek if generiek in Fase.values else self.fase

    @property
    def fase_label(self) -> str:
        return str(Fase(self.fase_actueel).label)


class HuishoudRelatie(models.TextChoices):
    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Kind")
    OVERIG = "overig", _("Overig lid van het huishouden")


class Huishoudlid(models.Model):
    """A member of the client's household, as the BRP gives it (or as the client tells it)."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(ShvDossier, on_delete=models.CASCADE, related_name="huishouden")
    relatie = models.CharField(_("relatie"), max_length=20, choices=HuishoudRelatie.choices)
    naam = models.CharField(_("naam"), max_length=300)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    uit_brp = models.BooleanField(_("uit de BRP"), default=False)

    class Meta:
        verbose_name = _("huishoudlid")
        verbose_name_plural = _("huishoudleden")
        ordering = ["relatie", "geboortedatum", "id"]

    def __str__(self) -> str:
        return self.naam


class InkomenSoort(models.TextChoices):
    LOON = "loon", _("Loon")
    UITKERING = "uitkering", _("Uitkering")
    PENSIOEN = "pensioen", _("Pensioen / AOW")
    ONDERNEMING = "onderneming", _("Inkomsten uit onderneming")
    TOESLAG = "toeslag", _("Toeslag")
    ALIMENTATIE = "alimentatie", _("Alimentatie")
    OVERIG = "overig", _("Overig")


class Inkomen(models.Model):
    """A monthly income source of the client or partner (net, incl. holiday allowance)."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(ShvDossier, on_delete=models.CASCADE, related_name="inkomsten")
    soort = models.CharField(_("soort"), max_length=20, choices=InkomenSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    van_partner = models.BooleanField(_("inkomen van de partner"), default=False)
    bedrag_per_maand = models.DecimalField(
        _("netto per maand"), **MONEY, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("inkomen")
        verbose_name_plural = _("inkomsten")


class LastSoort(models.TextChoices):
    HUUR = "huur", _("Huur of hypotheek")
    ENERGIE = "energie", _("Energie")
    WATER = "water", _("Water")
    ZORGVERZEKERING = "zorgverzekering", _("Zorgverzekering")
    GEMEENTELIJKE_BELASTING = "gemeentelijke_belasting", _("Gemeentelijke belastingen")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    ALIMENTATIE = "alimentatie", _("Alimentatie")
    VERZEKERING = "verzekering", _("Overige verzekeringen")
    OVERIG = "overig", _("Overig")


class VasteLast(models.Model):
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(ShvDossier, on_delete=models.CASCADE, related_name="vaste_lasten")
    soort = models.CharField(_("soort"), max_length=30, choices=LastSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    bedrag_per_maand = models.DecimalField(
        _("per maand"), **MONEY, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("vaste last")
        verbose_name_plural = _("vaste lasten")


class BezittingSoort(models.TextChoices):
    BANKSALDO = "banksaldo", _("Banksaldo of spaargeld")
    VOERTUIG = "voertuig", _("Voertuig")
    WONING = "woning", _("Eigen woning")
    OVERIG = "overig", _("Overig")


class Bezitting(models.Model):
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(ShvDossier, on_delete=models.CASCADE, related_name="bezittingen")
    soort = models.CharField(_("soort"), max_length=20, choices=BezittingSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    waarde = models.DecimalField(_("waarde"), **MONEY, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("bezitting")
        verbose_name_plural = _("bezittingen")


class Rangorde(models.TextChoices):
    """A creditor's rank in a settlement (Faillissementswet order)."""

    SEPARATIST = "separatist", _("Separatist")
    PREFERENT = "preferent", _("Preferent")
    CONCURRENT = "concurrent", _("Concurrent")
    ACHTERGESTELD = "achtergesteld", _("Achtergesteld")


class Schuldeiser(models.Model):
    """A creditor in the organisation's register, shared by every dossier."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    partij = models.ForeignKey(
        Partij, on_delete=models.PROTECT, related_name="als_schuldeiser", verbose_name=_("partij")
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    rangorde = models.CharField(
        _("rangorde"), max_length=20, choices=Rangorde.choices, default=Rangorde.CONCURRENT
    )
    email_correspondentie = models.EmailField(_("e-mailadres voor correspondentie"), blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("schuldeiser")
        verbose_name_plural = _("schuldeisers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "partij"], name="shv_schuldeiser_uniek_per_partij"
            )
        ]

    def __str__(self) -> str:
        return self.partij.weergavenaam


class SchuldStatus(models.TextChoices):
    OPGEVRAAGD = "opgevraagd", _("Opgevraagd")
    OPGEGEVEN = "opgegeven", _("Opgegeven")
    GEVERIFIEERD = "geverifieerd", _("Geverifieerd")
    IN_REGELING = "in_regeling", _("In regeling")
    BETWIST = "betwist", _("Betwist")
    AFGELOST = "afgelost", _("Afgelost")


class Schuld(models.Model):
    """One debt of the client to one creditor, in one dossier."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(ShvDossier, on_delete=models.CASCADE, related_name="schulden")
    schuldeiser = models.ForeignKey(
        Schuldeiser,
        on_delete=models.PROTECT,
        related_name="schulden",
        verbose_name=_("schuldeiser"),
    )
    kenmerk = models.CharField(_("kenmerk schuldeiser"), max_length=100, blank=True)
    oorspronkelijk_bedrag = models.DecimalField(
        _("oorspronkelijk bedrag"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    actueel_bedrag = models.DecimalField(
        _("actueel bedrag"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SchuldStatus.choices, default=SchuldStatus.OPGEVRAAGD
    )
    opgevraagd_op = models.DateField(_("opgevraagd op"), null=True, blank=True)
    opgave_ontvangen_op = models.DateField(_("opgave ontvangen op"), null=True, blank=True)
    herinnerd_op = models.DateField(_("herinnering verstuurd op"), null=True, blank=True)
    # The reminder task made when the request went out; completed when the answer comes in.
    herinnering_taak = models.ForeignKey(
        Taak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schuld")
        verbose_name_plural = _("schulden")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.schuldeiser} {self.kenmerk}".strip()
