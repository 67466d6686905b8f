"""The settlement (schuldregeling) of a debt track: the offer to the creditors, their answers,
the court requests when the amicable route stalls, and the bookkeeping of a running settlement.

One dossier can have several offers over time (a refused offer is replaced by a better one);
at most one of them is active (concept, offered or running). What was offered is a snapshot:
the capacity, the period, the weighting and every debt's amount at that moment, so a later
change of a debt or of the settings never rewrites an offer a creditor has already received.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.models import Taak
from raadhuis.modules.shv.models import Schuld, Schuldeiser, ShvDossier

MONEY = {"max_digits": 12, "decimal_places": 2}
NUL = Decimal("0.00")


class RegelingInstellingen(models.Model):
    """The organisation's settlement rules, edited by the functional administrator."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.PROTECT, related_name="shv_regeling_instellingen"
    )
    preferent_weging = models.DecimalField(
        _("weging preferente schuldeisers"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(Decimal("1.00")), MaxValueValidator(Decimal("10.00"))],
        help_text=_(
            "Een preferente schuldeiser krijgt dit veelvoud van het percentage van een "
            "concurrente schuldeiser (1 = geen voorrang)."
        ),
    )
    looptijd_maanden = models.PositiveSmallIntegerField(
        _("looptijd (maanden)"),
        default=18,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("NVVK-standaard sinds 1 juli 2023: 18 maanden."),
    )
    looptijd_ondernemer_maanden = models.PositiveSmallIntegerField(
        _("looptijd voor ondernemers (maanden)"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Te kiezen voor (ex-)zelfstandigen."),
    )
    fase_termijn_dagen = models.PositiveSmallIntegerField(
        _("termijn schuldregelingsfase (dagen)"),
        default=120,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    waarschuwing_werkdagen = models.PositiveSmallIntegerField(
        _("taak vóór het verlopen (werkdagen)"),
        default=10,
        validators=[MaxValueValidator(60)],
        help_text=_("Zoveel werkdagen vóór het einde van de termijn staat er een taak klaar."),
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen schuldregeling")
        verbose_name_plural = _("instellingen schuldregeling")

    def __str__(self) -> str:
        return str(_("Instellingen schuldregeling"))


class RegelingStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept-aanbod")
    AANGEBODEN = "aangeboden", _("Aanbod verstuurd")
    LOPEND = "lopend", _("Regeling loopt")
    AFGEROND = "afgerond", _("Afgerond")
    MISLUKT = "mislukt", _("Minnelijk traject mislukt")
    VERVALLEN = "vervallen", _("Vervangen door een nieuw aanbod")


ACTIEF = (RegelingStatus.CONCEPT, RegelingStatus.AANGEBODEN, RegelingStatus.LOPEND)


class Grondslag(models.TextChoices):
    """Why a settlement runs: every creditor agreed, or the court imposed it."""

    AKKOORD = "akkoord", _("Alle schuldeisers akkoord")
    DWANGAKKOORD = "dwangakkoord", _("Dwangakkoord (art. 287a Fw)")


class Regeling(models.Model):
    """One settlement offer and, once accepted, the settlement that runs."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(ShvDossier, on_delete=models.CASCADE, related_name="regelingen")
    volgnummer = models.PositiveSmallIntegerField(_("aanbod nr."), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=RegelingStatus.choices, default=RegelingStatus.CONCEPT
    )
    afloscapaciteit = models.DecimalField(_("afloscapaciteit per maand"), **MONEY)
    looptijd_maanden = models.PositiveSmallIntegerField(_("looptijd (maanden)"))
    totaal = models.DecimalField(_("totaal aangeboden"), **MONEY)
    schuldenlast = models.DecimalField(_("totale schuldenlast"), **MONEY)
    preferent_weging = models.DecimalField(_("weging preferent"), max_digits=4, decimal_places=2)
    vtlb_berekening_uuid = models.UUIDField(_("VTLB-berekening"), null=True, blank=True)
    # The settlement phase's limit runs from the first offer of the dossier; a revised offer
    # keeps the original start, or the limit could be stretched by re-offering.
    fase_start = models.DateField(_("start schuldregelingsfase"))
    fase_uiterlijk = models.DateField(_("schuldregelingsfase uiterlijk"))
    termijn_taak = models.ForeignKey(
        Taak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangeboden_op = models.DateField(_("aanbod verstuurd op"), null=True, blank=True)
    akkoord_op = models.DateField(_("tot stand gekomen op"), null=True, blank=True)
    grondslag = models.CharField(
        _("grondslag"), max_length=20, choices=Grondslag.choices, blank=True
    )
    eerste_maand = models.DateField(_("eerste maand"), null=True, blank=True)
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("schuldregeling")
        verbose_name_plural = _("schuldregelingen")
        ordering = ["-volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(status__in=["concept", "aangeboden", "lopend"]),
                name="shv_regeling_een_actief_per_dossier",
            ),
            models.UniqueConstraint(
                fields=["dossier", "volgnummer"], name="shv_regeling_volgnummer_uniek"
            ),
        ]
        indexes = [models.Index(fields=["organisatie", "status"], name="shv_regeling_status_idx")]

    def __str__(self) -> str:
        return f"{_('Schuldregeling')} {self.volgnummer}"

    @property
    def percentage(self) -> Decimal:
        """The share of the total debt offered, as a percentage with two decimals."""
        if not self.schuldenlast:
            return NUL
        return (self.totaal * 100 / self.schuldenlast).quantize(Decimal("0.01"))

    @property
    def is_actief(self) -> bool:
        return self.status in ACTIEF


class Reactie(models.TextChoices):
    OPEN = "open", _("Nog geen reactie")
    AKKOORD = "akkoord", _("Akkoord")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Aanbod(models.Model):
    """What one debt gets in the offer, and the creditor's answer."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    regeling = models.ForeignKey(Regeling, on_delete=models.CASCADE, related_name="aanbiedingen")
    schuld = models.ForeignKey(Schuld, on_delete=models.PROTECT, related_name="+")
    schuldeiser = models.ForeignKey(Schuldeiser, on_delete=models.PROTECT, related_name="+")
    schuld_bedrag = models.DecimalField(_("schuld"), **MONEY)
    preferent = models.BooleanField(_("preferent"), default=False)
    aandeel = models.DecimalField(_("aangeboden bedrag"), **MONEY)
    percentage = models.DecimalField(_("percentage"), max_digits=6, decimal_places=2)
    brief_uuid = models.UUIDField(null=True, blank=True)
    verzonden_op = models.DateField(_("aanbod verstuurd op"), null=True, blank=True)
    reactie = models.CharField(
        _("reactie"), max_length=20, choices=Reactie.choices, default=Reactie.OPEN
    )
    reactie_op = models.DateField(_("reactie ontvangen op"), null=True, blank=True)
    reactie_toelichting = models.TextField(_("toelichting bij de reactie"), blank=True)

    class Meta:
        verbose_name = _("aanbod aan schuldeiser")
        verbose_name_plural = _("aanbiedingen aan schuldeisers")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["regeling", "schuld"], name="shv_aanbod_per_schuld")
        ]

    def __str__(self) -> str:
        return f"{self.schuldeiser} {self.schuld.kenmerk}".strip()


class VerzoekSoort(models.TextChoices):
    """The court requests a debt counsellor drafts, each with its article of the Fw."""

    DWANGAKKOORD = "dwangakkoord", _("Verzoek dwangakkoord (art. 287a Fw)")
    MORATORIUM = "moratorium", _("Verzoek moratorium (art. 287b Fw)")
    VOORLOPIGE_VOORZIENING = (
        "voorlopige_voorziening",
        _("Verzoek voorlopige voorziening (art. 287 lid 4 Fw)"),
    )
    WSNP = "wsnp", _("Verzoekschrift toelating Wsnp (art. 284 Fw)")


class VerzoekStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend bij de rechtbank")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Verzoek(models.Model):
    """A request to the court, drafted from a template and kept as a document of the case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(ShvDossier, on_delete=models.CASCADE, related_name="+")
    regeling = models.ForeignKey(
        Regeling, null=True, blank=True, on_delete=models.CASCADE, related_name="verzoeken"
    )
    soort = models.CharField(_("soort"), max_length=30, choices=VerzoekSoort.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=VerzoekStatus.choices, default=VerzoekStatus.CONCEPT
    )
    # A forced settlement is asked against the creditors who refused (art. 287a lid 1 Fw).
    weigeraars = models.ManyToManyField(Aanbod, blank=True, related_name="+")
    document = models.ForeignKey(
        InformatieObject, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bijlagen = models.JSONField(_("bijlagen"), default=list, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    ingediend_op = models.DateField(_("ingediend op"), null=True, blank=True)
    uitspraak_op = models.DateField(_("uitspraak op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek aan de rechtbank")
        verbose_name_plural = _("verzoeken aan de rechtbank")
        ordering = ["aangemaakt_op", "id"]

    def __str__(self) -> str:
        return str(self.get_soort_display())


class RegelingMaand(models.Model):
    """One month of a running settlement: what the client should pay and what came in."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    regeling = models.ForeignKey(Regeling, on_delete=models.CASCADE, related_name="maanden")
    volgnummer = models.PositiveSmallIntegerField(_("maand nr."))
    maand = models.DateField(_("maand"))  # the first day of the month
    verwacht = models.DecimalField(_("verwacht"), **MONEY)
    ontvangen = models.DecimalField(_("ontvangen"), **MONEY, default=NUL)

    class Meta:
        verbose_name = _("maand van de regeling")
        verbose_name_plural = _("maanden van de regeling")
        ordering = ["volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["regeling", "volgnummer"], name="shv_regelingmaand_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.maand:%m-%Y}"


class Ontvangst(models.Model):
    """A payment by (or for) the client into the settlement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    regeling = models.ForeignKey(Regeling, on_delete=models.CASCADE, related_name="ontvangsten")
    maand = models.ForeignKey(RegelingMaand, on_delete=models.CASCADE, related_name="ontvangsten")
    datum = models.DateField(_("datum ontvangst"))
    bedrag = models.DecimalField(
        _("bedrag"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ontvangst")
        verbose_name_plural = _("ontvangsten")
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"{self.datum} € {self.bedrag}"


class Uitbetaling(models.Model):
    """One payout run to the creditors: monthly, or the final one at the end."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    regeling = models.ForeignKey(Regeling, on_delete=models.CASCADE, related_name="uitbetalingen")
    maand = models.ForeignKey(
        RegelingMaand, null=True, blank=True, on_delete=models.CASCADE, related_name="uitbetalingen"
    )
    slot = models.BooleanField(_("slotuitkering"), default=False)
    datum = models.DateField(_("datum"))
    bedrag = models.DecimalField(_("uitbetaald"), **MONEY)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uitbetaling")
        verbose_name_plural = _("uitbetalingen")
        ordering = ["datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["maand"], condition=models.Q(slot=False), name="shv_uitbetaling_per_maand"
            ),
            models.UniqueConstraint(
                fields=["regeling"], condition=models.Q(slot=True), name="shv_slotuitkering_een"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.datum} € {self.bedrag}"


class Afdracht(models.Model):
    """What one debt got in one payout."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    uitbetaling = models.ForeignKey(
        Uitbetaling, on_delete=models.CASCADE, related_name="afdrachten"
    )
    aanbod = models.ForeignKey(Aanbod, on_delete=models.CASCADE, related_name="afdrachten")
    bedrag = models.DecimalField(_("bedrag"), **MONEY)

    class Meta:
        verbose_name = _("afdracht")
        verbose_name_plural = _("afdrachten")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["uitbetaling", "aanbod"], name="shv_afdracht_per_aanbod"
            )
        ]

    def __str__(self) -> str:
        return f"€ {self.bedrag}"


def eerste_van_de_maand(dag: date) -> date:
    return dag.replace(day=1)
