"""Statements and checks: the client's monthly statement, the daily reconciliation of bank and
ledger, and the signals a consultant must look at."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.budget.models.basis import MONEY, Organisatiegebonden, _door
from raadhuis.modules.budget.models.plan import Beheerrekening, Budgetrekening


class Clientoverzicht(Organisatiegebonden):
    """The monthly (or final) statement a client gets: a PDF in the case's documents."""

    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.CASCADE, related_name="overzichten"
    )
    periode_begin = models.DateField()
    periode_einde = models.DateField()
    beginsaldo = models.DecimalField(**MONEY)
    eindsaldo = models.DecimalField(**MONEY)
    eindoverzicht = models.BooleanField(default=False)
    document = models.ForeignKey(
        InformatieObject, on_delete=models.PROTECT, null=True, related_name="+"
    )
    gemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cliëntoverzicht")
        verbose_name_plural = _("cliëntoverzichten")
        constraints = [
            models.UniqueConstraint(
                fields=["budgetrekening", "periode_begin", "eindoverzicht"],
                name="budget_overzicht_eenmaal",
            )
        ]


class Aansluiting(models.Model):
    """The daily reconciliation: the bank's balance against the ledger's."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    beheerrekening = models.ForeignKey(
        Beheerrekening, on_delete=models.PROTECT, related_name="aansluitingen"
    )
    datum = models.DateField()
    banksaldo = models.DecimalField(**MONEY)  # closing balance of the last statement
    som_clienttegoeden = models.DecimalField(**MONEY)  # client + reservation accounts
    onderweg = models.DecimalField(**MONEY)
    te_matchen = models.DecimalField(**MONEY)
    verschil = models.DecimalField(**MONEY)
    gemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["beheerrekening", "datum"], name="budget_aansluiting_per_dag"
            )
        ]


class SignaalSoort(models.TextChoices):
    INKOMEN_NIET_ONTVANGEN = "inkomen_ontbreekt", _("Inkomen niet ontvangen")
    BETALING_RETOUR = "betaling_retour", _("Betaling teruggekomen")
    SALDO_LAAG = "saldo_laag", _("Saldo onder de grens")
    BETALING_TEGENGEHOUDEN = "tegengehouden", _("Betaling tegengehouden")
    AANSLUITVERSCHIL = "aansluitverschil", _("Verschil bank en administratie")


class Budgetsignaal(models.Model):
    """Something the consultant must look at; raised once per cause (`sleutel`)."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.CASCADE, null=True, blank=True, related_name="signalen"
    )
    soort = models.CharField(max_length=20, choices=SignaalSoort.choices)
    sleutel = models.CharField(max_length=100)  # e.g. "<inkomstenpost uuid>:2026-11"
    tekst = models.CharField(max_length=300)
    datum = models.DateField()
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = _door()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "soort", "sleutel"], name="budget_signaal_eenmaal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.tekst}"
