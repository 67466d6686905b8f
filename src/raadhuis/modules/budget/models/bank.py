"""Money in and out of the beheerrekening: bank statements with their entries, and the daily
payment proposals with their payment orders (pain.001)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.modules.budget.models.basis import MONEY, Organisatiegebonden, _door
from raadhuis.modules.budget.models.grootboek import Journaalpost
from raadhuis.modules.budget.models.plan import Beheerrekening, Betaalpost, Budgetrekening


class AfschriftFormaat(models.TextChoices):
    CAMT053 = "camt053", "camt.053"
    MT940 = "mt940", "MT940"


class Bankafschrift(Organisatiegebonden):
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


class Bankmutatie(Organisatiegebonden):
    """One entry on a statement. Positive amounts come in, negative amounts go out."""

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


class Betaalvoorstel(Organisatiegebonden):
    """The day's due payments of all plans; a second person approves it, then it becomes a
    pain.001 file for the bank."""

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


class Betaalopdracht(Organisatiegebonden):
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
