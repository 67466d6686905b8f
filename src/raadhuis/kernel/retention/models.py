"""Retention terms and destruction lists (Archiefwet; the process of Open Archiefbeheer).

- `Bewaartermijn`: the organisation's term for a result type of a *published* case type, set
  with a reason and a source (docs/decisions/retention-terms.md). The newest row counts;
  older rows are its history.
- `Vernietigingslijst`: closed cases whose archive action date has passed and whose result
  says "vernietigen", gathered by one functioneel beheerder, approved by another (four eyes),
  then destroyed case by case.
- `VernietigingslijstItem`: one case on a list. It copies what may outlive the case (number,
  type, result, dates, the rule) and has no foreign key to it: after destruction the item is
  the record of what was destroyed, when, by whom and under which rule.
- `Vernietigingsverslag`: the report of a list's execution.

None of these rows holds personal data: no names, no BSNs, no free-text case descriptions.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.catalog.durations import validate_duration
from raadhuis.kernel.catalog.models import ResultaatType
from raadhuis.kernel.common import Archiefnominatie
from raadhuis.kernel.organisations.models import Medewerker, Organisatie


class Bewaartermijn(models.Model):
    """The organisation's archive nomination and term for one result type, replacing what the
    published catalogue says (docs/decisions/retention-terms.md). Append-only: a change is a
    new row."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    resultaattype = models.ForeignKey(
        ResultaatType, on_delete=models.PROTECT, related_name="bewaartermijnen"
    )
    archiefnominatie = models.CharField(
        _("archiefnominatie"), max_length=20, choices=Archiefnominatie.choices
    )
    archiefactietermijn = models.CharField(
        _("archiefactietermijn"), max_length=20, validators=[validate_duration]
    )
    reden = models.TextField(_("reden"))
    bron = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Selectielijst gemeenten 2020, categorie 1.1.2."),
    )
    vastgesteld_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vastgesteld_door_weergave = models.CharField(max_length=200)
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["-vastgesteld_op", "-id"]
        indexes = [
            models.Index(fields=["resultaattype", "-vastgesteld_op"], name="bewaartermijn_rt_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_archiefnominatie_display()} {self.archiefactietermijn}"


class LijstStatus(models.TextChoices):
    """See kernel/retention/workflow.py for who moves a list from which status to which."""

    NIEUW = "nieuw", _("Nieuw")
    TER_BEOORDELING = "ter_beoordeling", _("Ter beoordeling")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    VERNIETIGD = "vernietigd", _("Vernietigd")


class Vernietigingslijst(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LijstStatus.choices, default=LijstStatus.NIEUW
    )
    # The filters the cases were selected with: {"zaaktype": identificatie, "tot": iso date}.
    selectie = models.JSONField(_("selectie"), default=dict, blank=True)
    auteur = models.ForeignKey(
        Medewerker, on_delete=models.PROTECT, related_name="+", verbose_name=_("opgesteld door")
    )
    aangemaakt_op = models.DateTimeField(_("opgesteld op"), auto_now_add=True)
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    beoordelaar = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    uitvoerder = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitgevoerd door"),
    )
    # Who started the execution as shown in the report (a medewerker, or the operator's command).
    uitvoerder_weergave = models.CharField(_("uitgevoerd door"), max_length=200, blank=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["organisatie", "status", "-aangemaakt_op"], name="vl_status_idx")
        ]

    def __str__(self) -> str:
        return self.naam


class ItemStatus(models.TextChoices):
    OPGENOMEN = "opgenomen", _("Op de lijst")
    UITGEZONDERD = "uitgezonderd", _("Uitgezonderd")
    VERNIETIGD = "vernietigd", _("Vernietigd")
    OVERGESLAGEN = "overgeslagen", _("Overgeslagen")
    MISLUKT = "mislukt", _("Mislukt")


# Items that still wait for the execution (a failed one is tried again on the next run).
TE_VERWERKEN = (ItemStatus.OPGENOMEN, ItemStatus.MISLUKT)


class VernietigingslijstItem(models.Model):
    """One case on a list; after destruction, the record that remains of it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lijst = models.ForeignKey(Vernietigingslijst, on_delete=models.PROTECT, related_name="items")
    # No foreign key: the case is destroyed, this row stays.
    zaak_uuid = models.UUIDField(_("zaak-UUID"))
    identificatie = models.CharField(_("zaaknummer"), max_length=40)
    bronorganisatie = models.CharField(_("bronorganisatie"), max_length=9)
    zaaktype_identificatie = models.CharField(_("zaaktype"), max_length=50)
    zaaktype_omschrijving = models.CharField(_("zaaktype"), max_length=80)
    zaaktype_versiedatum = models.DateField(_("versie zaaktype"))
    resultaattype_uuid = models.UUIDField(null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=80, blank=True)
    selectielijstklasse = models.CharField(_("selectielijstklasse"), max_length=1000, blank=True)
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"))
    archiefnominatie = models.CharField(
        _("archiefnominatie"), max_length=20, choices=Archiefnominatie.choices
    )
    archiefactiedatum = models.DateField(_("archiefactiedatum"))
    archiefactietermijn = models.CharField(_("bewaartermijn"), max_length=20, blank=True)
    # Where the term comes from: the catalogue or the organisation's decision (with its reason).
    regel = models.CharField(_("regel"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.OPGENOMEN
    )
    # Why it was taken off the list, skipped or failed.
    reden = models.TextField(_("reden"), blank=True)
    uitgezonderd_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    # What was removed, as counts per kind ({"documenten": 2, "partijen": 1, ...}).
    aantallen = models.JSONField(_("verwijderd"), default=dict, blank=True)

    class Meta:
        verbose_name = _("zaak op een vernietigingslijst")
        verbose_name_plural = _("zaken op vernietigingslijsten")
        ordering = ["lijst", "archiefactiedatum", "identificatie"]
        constraints = [
            models.UniqueConstraint(fields=["lijst", "zaak_uuid"], name="vl_item_zaak_uniek")
        ]
        indexes = [models.Index(fields=["zaak_uuid", "status"], name="vl_item_zaak_idx")]

    def __str__(self) -> str:
        # Shown in the audit trail: the case number only, never the case's description.
        return self.identificatie


class BeoordelingBesluit(models.TextChoices):
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Beoordeling(models.Model):
    """One review of a list by a second functioneel beheerder: approved, or rejected with why."""

    lijst = models.ForeignKey(
        Vernietigingslijst, on_delete=models.PROTECT, related_name="beoordelingen"
    )
    beoordelaar = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="+")
    besluit = models.CharField(_("besluit"), max_length=20, choices=BeoordelingBesluit.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.get_besluit_display()} ({self.lijst})"


class Vernietigingsverslag(models.Model):
    """The report of a list's execution, kept up to date on every run."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    lijst = models.OneToOneField(
        Vernietigingslijst, on_delete=models.PROTECT, related_name="verslag"
    )
    opgesteld_op = models.DateTimeField(_("opgesteld op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    aantal_vernietigd = models.PositiveIntegerField(_("vernietigd"), default=0)
    aantal_overgeslagen = models.PositiveIntegerField(_("overgeslagen"), default=0)
    aantal_mislukt = models.PositiveIntegerField(_("mislukt"), default=0)
    aantal_uitgezonderd = models.PositiveIntegerField(_("uitgezonderd"), default=0)
    afgerond = models.BooleanField(_("afgerond"), default=False)

    class Meta:
        verbose_name = _("vernietigingsverslag")
        verbose_name_plural = _("vernietigingsverslagen")
        ordering = ["-opgesteld_op", "-id"]

    def __str__(self) -> str:
        return str(self.lijst)
