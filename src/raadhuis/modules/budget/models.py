"""Budget management (budgetbeheer): the municipality receives a client's income for a while and
pays the client's fixed costs and living allowance from it.

One `Budgetrekening` per client case (1:1 Zaak, the kernel's case of type "Budgetbeheer"). Its
plan is three lists: expected income (`Inkomstenpost`), payments (`Betaalpost`: fixed costs and
the living allowance) and savings for yearly bills (`Reservering`).

The money itself is a double-entry ledger (`Journaalpost` with `Journaalregel`s on
`Grootboekrekening`s). Amounts on a line are signed: positive is debit, negative is credit, and
the lines of one journal entry sum to zero. Entries are never changed or deleted; a correction
is a reversing entry (`tegenboeking_van`). The organisation's bank account for budget management
is a `Beheerrekening`; bank statements (`Bankafschrift`, `Bankmutatie`) come in on it and
payment proposals (`Betaalvoorstel`, `Betaalopdracht`) go out from it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.iban import validate_iban
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.parties.models import Partij

MONEY = {"max_digits": 14, "decimal_places": 2}


def _door(related_name: str = "+", verbose_name: str = "") -> models.ForeignKey:
    """Who did something, for the four-eyes rules (empty for the system)."""
    return models.ForeignKey(
        Medewerker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class Beheerrekening(models.Model):
    """The organisation's own bank account on which client money is received and paid from."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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


class Budgetrekening(models.Model):
    """One client's budget account, attached to the client's case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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


class Inkomstenpost(models.Model):
    """Income the plan expects: who pays, how much, around which day of the month."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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


class Betaalpost(models.Model):
    """A payment the plan makes: a fixed cost to a payee, or the living allowance (leefgeld) to
    the client's own account."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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


class Reservering(models.Model):
    """Money put aside every month for a bill that comes once (e.g. the yearly energy bill)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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


# --- The ledger -------------------------------------------------------------------------------


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


class BoekingOnveranderlijk(RuntimeError):
    """A journal entry or line was about to be changed or deleted: the ledger never changes;
    a correction is a reversing entry (grootboek.tegenboeken)."""


class Journaalpost(models.Model):
    """One booking: two or more lines that sum to zero. Never updated, never deleted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise BoekingOnveranderlijk("Een boeking wordt nooit gewijzigd; maak een tegenboeking.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise BoekingOnveranderlijk("Een boeking wordt nooit verwijderd; maak een tegenboeking.")


class Journaalregel(models.Model):
    journaalpost = models.ForeignKey(Journaalpost, on_delete=models.PROTECT, related_name="regels")
    grootboekrekening = models.ForeignKey(
        Grootboekrekening, on_delete=models.PROTECT, related_name="regels"
    )
    # Positive is debit, negative is credit.
    bedrag = models.DecimalField(**MONEY)

    class Meta:
        indexes = [models.Index(fields=["grootboekrekening", "journaalpost"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise BoekingOnveranderlijk("Een boeking wordt nooit gewijzigd; maak een tegenboeking.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise BoekingOnveranderlijk("Een boeking wordt nooit verwijderd; maak een tegenboeking.")


class RoodstandStatus(models.TextChoices):
    GEVRAAGD = "gevraagd", _("Wacht op tweede persoon")
    TOEGESTAAN = "toegestaan", _("Toegestaan en geboekt")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Roodstandverzoek(models.Model):
    """A booking that would take a client's balance below zero, waiting for a second person."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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


# --- Bank statements in -----------------------------------------------------------------------


class AfschriftFormaat(models.TextChoices):
    CAMT053 = "camt053", "camt.053"
    MT940 = "mt940", "MT940"


class Bankafschrift(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    beheerrekening = models.ForeignKey(
        Beheerrekening, on_delete=models.PROTECT, related_name="afschriften"
    )
    formaat = models.CharField(max_length=8, choices=AfschriftFormaat.choices)
    # camt.053 Stmt/Id or MT940 :20: + :28C:; importing the same statement twice is a no-op.
    afschrift_id = models.CharField(max_length=140)
    datum = models.DateField(_("datum"))
    beginsaldo = models.DecimalField(_("beginsaldo"), **MONEY)
    eindsaldo = models.DecimalField(_("eindsaldo"), **MONEY)
    bestandsnaam = models.CharField(max_length=255, blank=True)
    geimporteerd_door = _door()
    geimporteerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bankafschrift")
        verbose_name_plural = _("bankafschriften")
        constraints = [
            models.UniqueConstraint(
                fields=["beheerrekening", "afschrift_id"], name="budget_afschrift_uniek"
            )
        ]


class MutatieStatus(models.TextChoices):
    TE_MATCHEN = "te_matchen", _("Nog toewijzen")
    GEMATCHT = "gematcht", _("Toegewezen aan cliënt")
    BETALING = "betaling", _("Eigen betaling afgeschreven")
    RETOUR = "retour", _("Betaling teruggekomen")
    GENEGEERD = "genegeerd", _("Geen cliëntgeld")


class Bankmutatie(models.Model):
    """One entry on a statement. Positive amounts come in, negative amounts go out."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    afschrift = models.ForeignKey(Bankafschrift, on_delete=models.PROTECT, related_name="mutaties")
    # The bank's own entry reference (camt AcctSvcrRef / MT940 bank reference), or a hash of
    # the entry's fields when the bank gives none; unique per beheerrekening.
    mutatie_id = models.CharField(max_length=140)
    beheerrekening = models.ForeignKey(Beheerrekening, on_delete=models.PROTECT, related_name="+")
    boekdatum = models.DateField(_("boekdatum"))
    bedrag = models.DecimalField(_("bedrag"), **MONEY)
    tegenrekening_iban = models.CharField(_("tegenrekening"), max_length=34, blank=True)
    tegenrekening_naam = models.CharField(_("naam tegenrekening"), max_length=140, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    end_to_end_id = models.CharField(max_length=35, blank=True)
    # Return reason (camt RtrInf/Rsn/Cd, e.g. AC04 closed account) for returned payments.
    retourcode = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        max_length=12, choices=MutatieStatus.choices, default=MutatieStatus.TE_MATCHEN
    )
    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.PROTECT, null=True, blank=True, related_name="mutaties"
    )
    # How it was matched: "kenmerk", "iban", "iban+bedrag", "betaalopdracht", "handmatig".
    match_regel = models.CharField(max_length=20, blank=True)
    journaalpost = models.ForeignKey(
        Journaalpost, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gematcht_door = _door()

    class Meta:
        verbose_name = _("bankmutatie")
        verbose_name_plural = _("bankmutaties")
        constraints = [
            models.UniqueConstraint(
                fields=["beheerrekening", "mutatie_id"], name="budget_mutatie_uniek"
            )
        ]
        indexes = [models.Index(fields=["organisatie", "status"])]


# --- Payments out -----------------------------------------------------------------------------


class VoorstelStatus(models.TextChoices):
    TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Betaalvoorstel(models.Model):
    """The day's due payments of all plans; a second person approves it, then it becomes a
    pain.001 file for the bank."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    beheerrekening = models.ForeignKey(
        Beheerrekening, on_delete=models.PROTECT, related_name="betaalvoorstellen"
    )
    uitvoerdatum = models.DateField(_("uitvoerdatum"))
    status = models.CharField(
        max_length=16, choices=VoorstelStatus.choices, default=VoorstelStatus.TER_GOEDKEURING
    )
    opgesteld_door = _door()
    opgesteld_door_weergave = models.CharField(max_length=200)
    opgesteld_op = models.DateTimeField(auto_now_add=True)
    beoordeeld_door = _door()
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    afwijzingsreden = models.TextField(blank=True)
    # pain.001 GrpHdr/MsgId and the file itself (kept: the bank's record of what was sent).
    bericht_id = models.CharField(max_length=35, blank=True)
    pain001 = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("betaalvoorstel")
        verbose_name_plural = _("betaalvoorstellen")


class OpdrachtStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    TEGENGEHOUDEN = "tegengehouden", _("Tegengehouden")
    ONDERWEG = "onderweg", _("Verstuurd naar de bank")
    AFGESCHREVEN = "afgeschreven", _("Afgeschreven")
    RETOUR = "retour", _("Teruggekomen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Betaalopdracht(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    voorstel = models.ForeignKey(
        Betaalvoorstel, on_delete=models.PROTECT, null=True, blank=True, related_name="opdrachten"
    )
    budgetrekening = models.ForeignKey(
        Budgetrekening, on_delete=models.PROTECT, related_name="betaalopdrachten"
    )
    # Empty for one-off payments (e.g. paying out the balance when the account ends).
    betaalpost = models.ForeignKey(
        Betaalpost, on_delete=models.PROTECT, null=True, blank=True, related_name="opdrachten"
    )
    vervaldatum = models.DateField(_("vervaldatum"))
    begunstigde = models.CharField(_("begunstigde"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bedrag = models.DecimalField(_("bedrag"), **MONEY)
    omschrijving = models.CharField(_("omschrijving"), max_length=140)
    end_to_end_id = models.CharField(max_length=35, unique=True)
    status = models.CharField(
        max_length=14, choices=OpdrachtStatus.choices, default=OpdrachtStatus.VOORGESTELD
    )
    reden = models.TextField(_("reden"), blank=True)  # why held back, refused or returned
    # Holding back because of an overdraft can be lifted by a second person.
    roodstand_gevraagd_door = _door()
    roodstand_toegestaan_door = _door()
    journaalpost = models.ForeignKey(
        Journaalpost, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("betaalopdracht")
        verbose_name_plural = _("betaalopdrachten")
        constraints = [
            # A plan's payment is proposed once per due date, however often the day runs.
            models.UniqueConstraint(
                fields=["betaalpost", "vervaldatum"],
                condition=Q(betaalpost__isnull=False),
                name="budget_opdracht_eenmaal",
            )
        ]
        indexes = [models.Index(fields=["organisatie", "status"])]


# --- Statements, checks -----------------------------------------------------------------------


class Clientoverzicht(models.Model):
    """The monthly (or final) statement a client gets: a PDF in the case's documents."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
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
