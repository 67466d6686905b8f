"""A client's budget account and its plan: expected income, payments (fixed costs and the
living allowance) and monthly reservations; and the organisation's own bank account."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.iban import validate_iban
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.budget.models.basis import MONEY, Organisatiegebonden


class Beheerrekening(Organisatiegebonden):
    """The organisation's own bank account on which client money is received and paid from."""

    naam = models.CharField(_("naam"), max_length=70)  # pain.001 Dbtr/Nm: 70 characters
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("beheerrekening")
        verbose_name_plural = _("beheerrekeningen")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "iban"], name="budget_beheer_iban_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.iban})"


class RekeningStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class Budgetrekening(Organisatiegebonden):
    """One client's budget account, attached to the client's case."""

    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="budgetrekening")
    client = models.ForeignKey(
        Partij, on_delete=models.PROTECT, related_name="budgetrekeningen", verbose_name=_("cliënt")
    )
    beheerrekening = models.ForeignKey(
        Beheerrekening, on_delete=models.PROTECT, related_name="budgetrekeningen"
    )
    # The reference payers put on transfers to the beheerrekening, e.g. "BB0000123": the
    # strongest way to match an incoming payment to this client.
    kenmerk = models.CharField(_("betalingskenmerk"), max_length=35)
    client_iban = models.CharField(
        _("eigen rekening cliënt"), max_length=34, validators=[validate_iban]
    )
    client_tenaamstelling = models.CharField(_("tenaamstelling"), max_length=70)
    status = models.CharField(
        _("status"), max_length=12, choices=RekeningStatus.choices, default=RekeningStatus.ACTIEF
    )
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    # Below this available balance the consultant gets a signal.
    saldo_drempel = models.DecimalField(_("signaal onder saldo"), default=50, **MONEY)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("budgetrekening")
        verbose_name_plural = _("budgetrekeningen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "kenmerk"], name="budget_rekening_kenmerk_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.client_tenaamstelling}"


class Frequentie(models.TextChoices):
    WEEK = "week", _("Per week")
    MAAND = "maand", _("Per maand")
    KWARTAAL = "kwartaal", _("Per kwartaal")
    JAAR = "jaar", _("Per jaar")


class InkomstenSoort(models.TextChoices):
    LOON = "loon", _("Salaris")
    UITKERING = "uitkering", _("Uitkering")
    PENSIOEN = "pensioen", _("Pensioen")
    ZORGTOESLAG = "zorgtoeslag", _("Zorgtoeslag")
    HUURTOESLAG = "huurtoeslag", _("Huurtoeslag")
    KINDGEBONDEN_BUDGET = "kgb", _("Kindgebonden budget")
    KINDERBIJSLAG = "kinderbijslag", _("Kinderbijslag")
    OVERIG = "overig", _("Overig")


class Inkomstenpost(Organisatiegebonden):
    """Income the plan expects: who pays, how much, around which day of the month."""

    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.CASCADE, related_name="inkomsten"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=InkomstenSoort.choices)
    bron = models.CharField(_("betaler"), max_length=140)
    # When known, the payer's IBAN and reference help matching incoming payments.
    iban_betaler = models.CharField(
        _("IBAN betaler"), max_length=34, blank=True, validators=[validate_iban]
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=140, blank=True)
    bedrag = models.DecimalField(_("bedrag"), validators=[MinValueValidator(0)], **MONEY)
    frequentie = models.CharField(
        _("frequentie"), max_length=10, choices=Frequentie.choices, default=Frequentie.MAAND
    )
    # Day of the month (1-31, clamped to the month's length); ISO weekday (1-7) for WEEK.
    dag = models.PositiveSmallIntegerField(
        _("dag"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    startdatum = models.DateField(_("vanaf"))
    einddatum = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("inkomstenpost")
        verbose_name_plural = _("inkomstenposten")
        ordering = ["dag", "pk"]


class BetaalSoort(models.TextChoices):
    HUUR = "huur", _("Huur of hypotheek")
    ENERGIE = "energie", _("Energie")
    WATER = "water", _("Water")
    ZORGVERZEKERING = "zorgverzekering", _("Zorgverzekering")
    GEMEENTELIJKE_BELASTINGEN = "gemeentebelastingen", _("Gemeentelijke belastingen")
    SCHULDREGELING = "schuldregeling", _("Afdracht schuldregeling")
    KOSTEN_BUDGETBEHEER = "kosten_bb", _("Kosten budgetbeheer")
    LEEFGELD = "leefgeld", _("Leefgeld")
    OVERIG = "overig", _("Overig")


class Betaalpost(Organisatiegebonden):
    """A payment the plan makes: a fixed cost to a payee, or the living allowance (leefgeld) to
    the client's own account."""

    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.CASCADE, related_name="betaalposten"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BetaalSoort.choices)
    begunstigde = models.CharField(_("begunstigde"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    # The payee's payment reference (betalingskenmerk) or a free description: one of the two.
    betalingskenmerk = models.CharField(_("betalingskenmerk"), max_length=35, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=140, blank=True)
    bedrag = models.DecimalField(_("bedrag"), validators=[MinValueValidator(0)], **MONEY)
    frequentie = models.CharField(
        _("frequentie"), max_length=10, choices=Frequentie.choices, default=Frequentie.MAAND
    )
    # Day of the month (1-31, clamped); ISO weekday (1-7) for WEEK. Quarterly and yearly
    # payments fall in the month of `startdatum` and every 3 / 12 months after it.
    dag = models.PositiveSmallIntegerField(
        _("dag"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    startdatum = models.DateField(_("vanaf"))
    einddatum = models.DateField(_("tot en met"), null=True, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("betaalpost")
        verbose_name_plural = _("betaalposten")
        ordering = ["dag", "pk"]


class Reservering(Organisatiegebonden):
    """Money put aside every month for a bill that comes once (e.g. the yearly energy bill)."""

    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.CASCADE, related_name="reserveringen"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=140)
    bedrag_per_maand = models.DecimalField(
        _("per maand"), validators=[MinValueValidator(0)], **MONEY
    )
    doelbedrag = models.DecimalField(_("doelbedrag"), null=True, blank=True, **MONEY)
    dag = models.PositiveSmallIntegerField(
        _("dag"), default=1, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("reservering")
        verbose_name_plural = _("reserveringen")
