"""Tasks (taken) on cases: the raw material of the work queues."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid


class TaakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Taak(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="taken")
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    toegewezen_aan = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="taken",
        verbose_name=_("medewerker"),
    )
    toegewezen_team = models.ForeignKey(
        OrganisatorischeEenheid,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="taken",
        verbose_name=_("team"),
    )
    termijn_werkdagen = models.PositiveSmallIntegerField(_("termijn (werkdagen)"), null=True)
    vervaldatum = models.DateField(_("uiterste datum"))
    status = models.CharField(
        _("status"), max_length=20, choices=TaakStatus.choices, default=TaakStatus.OPEN
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)
    afgerond_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["vervaldatum", "id"]
        constraints = [
            models.CheckConstraint(
                name="taak_heeft_toewijzing",
                condition=models.Q(toegewezen_aan__isnull=False)
                | models.Q(toegewezen_team__isnull=False),
            )
        ]
        indexes = [
            models.Index(fields=["toegewezen_aan", "status", "vervaldatum"], name="taak_mw_idx"),
            models.Index(fields=["toegewezen_team", "status", "vervaldatum"], name="taak_team_idx"),
            # The team's unclaimed tasks, earliest first: read in order, no sort of thousands.
            models.Index(
                fields=["toegewezen_team", "vervaldatum", "id"],
                condition=models.Q(status="open", toegewezen_aan__isnull=True),
                name="taak_team_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.titel


# --- processes: versioned step plans per case type with automatic actions --------------------


class Procesdefinitie(models.Model):
    """The process of one case type. It is linked by catalogue + zaaktype identificatie, not by
    a zaaktype row: a new version of the case type (a new ZaakType row with the same
    identificatie) keeps its process. `code` identifies the process between environments
    (export/import)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    catalogus = models.ForeignKey(
        "catalog.Catalogus", on_delete=models.PROTECT, related_name="procesdefinities"
    )
    zaaktype_identificatie = models.CharField(_("zaaktype"), max_length=50)
    code = models.SlugField(_("code"), max_length=50)
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procesdefinitie")
        verbose_name_plural = _("procesdefinities")
        ordering = ["naam", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "code"], name="proces_code_uniek"),
            models.UniqueConstraint(
                fields=["catalogus", "zaaktype_identificatie"], name="proces_per_zaaktype"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class ProcesVersieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


class ProcesVersie(models.Model):
    """One version of a process. A concept may be edited; a published version never changes
    (cases run it). At most one concept and one active (published, used for new cases)
    version per process."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    definitie = models.ForeignKey(Procesdefinitie, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProcesVersieStatus.choices,
        default=ProcesVersieStatus.CONCEPT,
    )
    actief = models.BooleanField(_("actief"), default=False)
    toelichting = models.TextField(_("wat is er veranderd"), blank=True)
    gebaseerd_op = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.CharField(max_length=200, blank=True)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    gepubliceerd_door = models.CharField(_("gepubliceerd door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("procesversie")
        verbose_name_plural = _("procesversies")
        ordering = ["definitie", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["definitie", "versie"], name="procesversie_uniek"),
            models.UniqueConstraint(
                fields=["definitie"],
                condition=models.Q(actief=True),
                name="procesversie_een_actief",
            ),
            models.UniqueConstraint(
                fields=["definitie"],
                condition=models.Q(status="concept"),
                name="procesversie_een_concept",
            ),
            models.CheckConstraint(
                name="procesversie_actief_is_gepubliceerd",
                condition=models.Q(actief=False) | models.Q(status="gepubliceerd"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definitie.naam} v{self.versie}"

    @property
    def is_concept(self) -> bool:
        return self.status == ProcesVersieStatus.CONCEPT


class ProcesStap(models.Model):
    """A step of a process version. `code` is the step's identity across versions: a case
    migrated to a new version lands on the step with the same code unless told otherwise."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    versie = models.ForeignKey(ProcesVersie, on_delete=models.CASCADE, related_name="stappen")
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    code = models.SlugField(_("code"), max_length=50)
    naam = models.CharField(_("naam"), max_length=100)
    # By omschrijving, not by row: each version of the case type has its own status types.
    statustype_omschrijving = models.CharField(_("status bij begin"), max_length=80, blank=True)
    doorlooptijd_werkdagen = models.PositiveSmallIntegerField(
        _("standaard doorlooptijd (werkdagen)"), null=True, blank=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("processtap")
        verbose_name_plural = _("processtappen")
        ordering = ["versie", "volgnummer", "id"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "code"], name="processtap_code_uniek"),
        ]

    def __str__(self) -> str:
        return self.naam


class ActieTrigger(models.TextChoices):
    BIJ_START_STAP = "bij_start_stap", _("Bij het begin van de stap")
    NA_WERKDAGEN_IN_STAP = "na_werkdagen_in_stap", _("Na een aantal werkdagen in de stap")


class ProcesActie(models.Model):
    """An automatic action of a step: a kind from the action registry (acties.py) with its
    parameters. `sleutel` stays the same when a version is copied, so a case migrated to the
    new version does not run an action again that it already ran."""

    sleutel = models.UUIDField(default=uuid.uuid4, editable=False)  # before `uuid` shadows it
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stap = models.ForeignKey(ProcesStap, on_delete=models.CASCADE, related_name="acties")
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"), default=1)
    trigger = models.CharField(_("wanneer"), max_length=30, choices=ActieTrigger.choices)
    werkdagen = models.PositiveSmallIntegerField(_("aantal werkdagen"), null=True, blank=True)
    soort = models.CharField(_("soort actie"), max_length=50)
    parameters = models.JSONField(_("instellingen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("automatische actie")
        verbose_name_plural = _("automatische acties")
        ordering = ["stap", "volgnummer", "id"]
        constraints = [
            models.CheckConstraint(
                name="procesactie_werkdagen_bij_termijn",
                condition=(
                    models.Q(trigger="bij_start_stap", werkdagen__isnull=True)
                    | models.Q(trigger="na_werkdagen_in_stap", werkdagen__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.stap}: {self.soort}"


class ZaakProces(models.Model):
    """The process a case runs: its version (kept until migrated explicitly) and current step."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="proces")
    versie = models.ForeignKey(ProcesVersie, on_delete=models.PROTECT, related_name="zaakprocessen")
    huidige_stap = models.ForeignKey(ProcesStap, on_delete=models.PROTECT, related_name="+")
    stap_sinds = models.DateTimeField(_("in deze stap sinds"))
    gestart_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("proces van een zaak")
        verbose_name_plural = _("processen van zaken")
        indexes = [models.Index(fields=["versie", "huidige_stap"], name="zaakproces_versie_idx")]

    def __str__(self) -> str:
        return f"{self.zaak}: {self.huidige_stap}"


class StapReden(models.TextChoices):
    START = "start", _("Start van het proces")
    VOLGENDE = "volgende", _("Naar de volgende stap")
    GEZET = "gezet", _("Stap gekozen")
    STATUS = "status", _("Status van de zaak gewijzigd")
    MIGRATIE = "migratie", _("Gemigreerd naar een nieuwe versie")
    HEROPEND = "heropend", _("Zaak heropend")


class ZaakProcesStap(models.Model):
    """One stay of a case in a step (the step history). Timed actions count their working
    days from `begonnen_datum` (the local date the stay began)."""

    zaakproces = models.ForeignKey(ZaakProces, on_delete=models.CASCADE, related_name="historie")
    stap = models.ForeignKey(ProcesStap, on_delete=models.PROTECT, related_name="+")
    begonnen_op = models.DateTimeField(_("begonnen op"))
    begonnen_datum = models.DateField(_("begonnen op (datum)"))
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    reden = models.CharField(_("reden"), max_length=20, choices=StapReden.choices)
    door = models.CharField(_("door"), max_length=200, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("verblijf in een processtap")
        verbose_name_plural = _("stappenhistorie")
        ordering = ["zaakproces", "begonnen_op", "id"]

    def __str__(self) -> str:
        return str(self.stap)


class UitvoeringStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")
    MISLUKT = "mislukt", _("Mislukt")
    VERVALLEN = "vervallen", _("Vervallen")


class ActieUitvoering(models.Model):
    """One run of one action in one stay in a step: unique per (stay, action), so a timed
    action runs once however often the runner is started, and a crash mid-way leaves it
    planned (the run and its effect commit together)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="+")
    verblijf = models.ForeignKey(
        ZaakProcesStap, on_delete=models.CASCADE, related_name="uitvoeringen"
    )
    actie = models.ForeignKey(ProcesActie, on_delete=models.PROTECT, related_name="uitvoeringen")
    uitvoeren_op = models.DateField(_("uitvoeren op"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=UitvoeringStatus.choices,
        default=UitvoeringStatus.GEPLAND,
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=300, blank=True)
    object_uuid = models.UUIDField(null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("uitvoering van een actie")
        verbose_name_plural = _("uitvoeringen van acties")
        ordering = ["uitvoeren_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["verblijf", "actie"], name="actieuitvoering_eenmaal_per_verblijf"
            )
        ]
        indexes = [
            models.Index(
                fields=["uitvoeren_op", "id"],
                condition=models.Q(status="gepland"),
                name="actieuitvoering_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actie} ({self.get_status_display()})"
