"""Contracts with relations (issue 6, item 5): term, notice, renewal, owner and department, the
Social Return obligation with its realisations, MVOI indicators, and the signals sent before
the end of a term and before the notice deadline.

A contract points at a kernel `Partij` (the relation), never at other CRM models. The signals
become kernel tasks on the contract's own case (`zaak`, type 'Contractbeheer', made when the
first signal is due) and an e-mail to the owner through the kernel outbox.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.messaging.models import Brief
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.models import Taak


class Verlenging(models.TextChoices):
    GEEN = "geen", _("Geen (eindigt op de einddatum)")
    AUTOMATISCH = "automatisch", _("Automatisch (stilzwijgend)")


class TermijnEenheid(models.TextChoices):
    DAGEN = "dagen", _("dagen")
    MAANDEN = "maanden", _("maanden")


class Contract(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    partij = models.ForeignKey(
        Partij, on_delete=models.PROTECT, related_name="crm_contracten", verbose_name=_("relatie")
    )
    kenmerk = models.CharField(_("contractnummer"), max_length=40)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    waarde = models.DecimalField(_("waarde (€)"), max_digits=14, decimal_places=2)
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Leeg: voor onbepaalde tijd.")
    )
    opzegtermijn = models.PositiveSmallIntegerField(_("opzegtermijn"), default=0)
    opzegtermijn_eenheid = models.CharField(
        _("eenheid opzegtermijn"),
        max_length=10,
        choices=TermijnEenheid.choices,
        default=TermijnEenheid.MAANDEN,
    )
    verlenging = models.CharField(
        _("verlenging"), max_length=20, choices=Verlenging.choices, default=Verlenging.GEEN
    )
    verlengingsperiode_maanden = models.PositiveSmallIntegerField(
        _("verlengingsperiode (maanden)"), null=True, blank=True
    )
    eigenaar = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contracteigenaar"),
    )
    afdeling = models.ForeignKey(
        OrganisatorischeEenheid,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    signaal_dagen_voor_einde = models.PositiveSmallIntegerField(
        _("signaal voor het einde (dagen)"), default=90
    )
    signaal_dagen_voor_opzegging = models.PositiveSmallIntegerField(
        _("signaal voor de opzegdatum (dagen)"), default=30
    )
    opgezegd_op = models.DateField(_("opgezegd op"), null=True, blank=True)
    # Social Return: what the supplier promised (hours of work for people at a distance from
    # the labour market, and/or an amount); realisations are SocialReturnRealisatie rows.
    sr_uren_toegezegd = models.DecimalField(
        _("Social Return: toegezegde uren"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    sr_bedrag_toegezegd = models.DecimalField(
        _("Social Return: toegezegd bedrag (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    sr_omschrijving = models.TextField(_("Social Return: afspraken"), blank=True)
    zaak = models.OneToOneField(
        Zaak, null=True, blank=True, on_delete=models.SET_NULL, related_name="crm_contract"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["einddatum", "kenmerk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "kenmerk"], name="crm_contract_kenmerk_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(einddatum__gte=models.F("startdatum")),
                name="crm_contract_einde_na_start",
            ),
            models.CheckConstraint(
                condition=models.Q(waarde__gte=0), name="crm_contract_waarde_niet_negatief"
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "einddatum"], name="crm_contract_einde_idx"),
            models.Index(fields=["organisatie", "partij"], name="crm_contract_partij_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.onderwerp}"


class SocialReturnRealisatie(models.Model):
    """What the supplier did for its Social Return obligation in a period (hours and/or amount)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="realisaties")
    datum = models.DateField(_("datum"))
    uren = models.DecimalField(_("uren"), max_digits=10, decimal_places=1, default=0)
    bedrag = models.DecimalField(_("bedrag (€)"), max_digits=14, decimal_places=2, default=0)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    vastgelegd_door = models.CharField(max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Social Return-realisatie")
        verbose_name_plural = _("Social Return-realisaties")
        ordering = ["datum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uren__gte=0) & models.Q(bedrag__gte=0),
                name="crm_sr_realisatie_niet_negatief",
            )
        ]

    def __str__(self) -> str:
        return f"{self.datum}: {self.omschrijving}"


class MvoiIndicator(models.Model):
    """A free indicator of socially responsible procurement (MVOI) on a contract: name, target
    and what was reached, e.g. 'CO2-uitstoot (ton)' target 120, reached 95."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="indicatoren")
    naam = models.CharField(_("indicator"), max_length=200)
    doel = models.CharField(_("doel"), max_length=200, blank=True)
    gerealiseerd = models.CharField(_("gerealiseerd"), max_length=200, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("MVOI-indicator")
        verbose_name_plural = _("MVOI-indicatoren")
        ordering = ["naam", "id"]

    def __str__(self) -> str:
        return self.naam


class SignaalSoort(models.TextChoices):
    EINDE = "einde", _("Einde looptijd nadert")
    OPZEGGING = "opzegging", _("Uiterste opzegdatum nadert")


class Contractsignaal(models.Model):
    """One signal per contract, kind and date it warns about: the daily check may run as often
    as it likes (the unique constraint makes it idempotent)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="signalen")
    soort = models.CharField(_("soort"), max_length=20, choices=SignaalSoort.choices)
    peildatum = models.DateField(_("datum waarvoor gewaarschuwd wordt"))
    signaaldatum = models.DateField(_("gesignaleerd op"))
    taak = models.ForeignKey(
        Taak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    brief = models.ForeignKey(
        Brief, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opmerking = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("contractsignaal")
        verbose_name_plural = _("contractsignalen")
        ordering = ["-signaaldatum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "soort", "peildatum"], name="crm_contractsignaal_eenmalig"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.peildatum} ({self.contract})"
