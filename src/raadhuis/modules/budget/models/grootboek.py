"""The double-entry ledger: accounts (`Grootboekrekening`), journal entries (`Journaalpost`) with
their signed lines (`Journaalregel`: positive is debit, negative is credit, one entry sums to
zero), and the four-eyes requests for a booking that takes a client below zero."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.budget.models.basis import (
    MONEY,
    Onveranderlijk,
    Organisatiegebonden,
    _door,
)
from raadhuis.modules.budget.models.plan import Beheerrekening, Budgetrekening, Reservering


class GrootboekSoort(models.TextChoices):
    # Asset: the money on the organisation's beheerrekening (one per Beheerrekening).
    BANK = "bank", _("Bank")
    # Liability: what the organisation holds for one client, free to spend (per Budgetrekening).
    CLIENT = "client", _("Tegoed cliënt")
    # Liability: the client's money set aside for one Reservering.
    RESERVERING = "reservering", _("Reservering cliënt")
    # Approved payments sent to the bank, not yet seen on a statement (per Beheerrekening).
    ONDERWEG = "onderweg", _("Betalingen onderweg")
    # Incoming money not yet matched to a client (per Beheerrekening).
    TE_MATCHEN = "te_matchen", _("Nog toe te wijzen ontvangsten")


class Grootboekrekening(models.Model):
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort"), max_length=12, choices=GrootboekSoort.choices)
    beheerrekening = models.ForeignKey(
        Beheerrekening, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    budgetrekening = models.ForeignKey(
        Budgetrekening,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grootboekrekeningen",
    )
    reservering = models.OneToOneField(
        Reservering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grootboekrekening",
    )

    class Meta:
        verbose_name = _("grootboekrekening")
        verbose_name_plural = _("grootboekrekeningen")
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "beheerrekening"],
                condition=Q(soort__in=["bank", "onderweg", "te_matchen"]),
                name="budget_grootboek_beheer_uniek",
            ),
            models.UniqueConstraint(
                fields=["budgetrekening"],
                condition=Q(soort="client"),
                name="budget_grootboek_client_uniek",
            ),
        ]


class BoekingSoort(models.TextChoices):
    ONTVANGST = "ontvangst", _("Ontvangst")
    TOEWIJZING = "toewijzing", _("Toewijzing ontvangst aan cliënt")
    BETAALOPDRACHT = "betaalopdracht", _("Betaling verstuurd")
    AFSCHRIJVING = "afschrijving", _("Betaling afgeschreven")
    STORNO = "storno", _("Betaling teruggeboekt")
    RESERVEREN = "reserveren", _("Reserveren")
    VRIJVAL = "vrijval", _("Reservering vrijgeven")
    OVERBOEKING = "overboeking", _("Overboeking")
    CORRECTIE = "correctie", _("Correctie")
    TEGENBOEKING = "tegenboeking", _("Tegenboeking")
    EINDAFREKENING = "eindafrekening", _("Eindafrekening")


class Journaalpost(Onveranderlijk, Organisatiegebonden):
    """One booking: two or more lines that sum to zero. Never updated, never deleted."""

    boekdatum = models.DateField(_("boekdatum"))
    soort = models.CharField(_("soort"), max_length=16, choices=BoekingSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    # The client account this booking is about (empty for bank-only bookings), for fast lists.
    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.PROTECT, null=True, blank=True, related_name="boekingen"
    )
    tegenboeking_van = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="tegenboeking"
    )
    reden = models.TextField(_("reden"), blank=True)
    geboekt_door = _door(verbose_name=_("geboekt door"))
    geboekt_door_weergave = models.CharField(max_length=200)
    # A booking that takes a client balance below zero needs a second person's approval.
    roodstand_toegestaan_door = _door(verbose_name=_("roodstand toegestaan door"))
    geboekt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journaalpost")
        verbose_name_plural = _("journaalposten")
        indexes = [models.Index(fields=["budgetrekening", "boekdatum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.boekdatum:%d-%m-%Y}: {self.omschrijving}"


class Journaalregel(Onveranderlijk, models.Model):
    journaalpost = models.ForeignKey(Journaalpost, on_delete=models.PROTECT, related_name="regels")
    grootboekrekening = models.ForeignKey(
        Grootboekrekening, on_delete=models.PROTECT, related_name="regels"
    )
    # Positive is debit, negative is credit.
    bedrag = models.DecimalField(**MONEY)

    class Meta:
        indexes = [models.Index(fields=["grootboekrekening", "journaalpost"])]


class RoodstandStatus(models.TextChoices):
    GEVRAAGD = "gevraagd", _("Wacht op tweede persoon")
    TOEGESTAAN = "toegestaan", _("Toegestaan en geboekt")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Roodstandverzoek(Organisatiegebonden):
    """A booking that would take a client's balance below zero, waiting for a second person."""

    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.PROTECT, related_name="roodstandverzoeken"
    )
    boekdatum = models.DateField(_("boekdatum"))
    soort = models.CharField(_("soort"), max_length=16, choices=BoekingSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    reden = models.TextField(_("reden"))
    # The lines asked for: [[grootboekrekening_id, "12.34"], ...] (empty for a reversal).
    regels = models.JSONField(default=list, blank=True)
    # Set when the request is to reverse this entry (then `regels` is empty).
    tegenboeking_van = models.ForeignKey(
        Journaalpost, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=RoodstandStatus.choices, default=RoodstandStatus.GEVRAAGD
    )
    gevraagd_door = _door()
    gevraagd_door_weergave = models.CharField(max_length=200)
    gevraagd_op = models.DateTimeField(auto_now_add=True)
    beoordeeld_door = _door()
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    afwijzingsreden = models.TextField(blank=True)
    journaalpost = models.ForeignKey(
        Journaalpost, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("roodstandverzoek")
        verbose_name_plural = _("roodstandverzoeken")
        indexes = [models.Index(fields=["organisatie", "status"])]

    def __str__(self) -> str:
        return f"Roodstandverzoek {self.boekdatum:%d-%m-%Y}: {self.omschrijving}"
