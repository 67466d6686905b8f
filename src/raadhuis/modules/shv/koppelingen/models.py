"""What the debt module's links to the outside world keep: early-warning signals (RIS
vroegsignalering) in a queue, the messages exchanged with the Schuldenknooppunt, the
registrations in the VISH, and the external ids of everything migrated from the previous system.
"""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.modules.shv.models import Schuld, ShvDossier

MONEY = {"max_digits": 12, "decimal_places": 2}


# --- vroegsignalering -----------------------------------------------------------------------


class SignaalBron(models.TextChoices):
    """Who reported the arrears (the partners of the Wgs art. 3 convenants)."""

    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    ENERGIE = "energie", _("Energieleverancier")
    WATER = "water", _("Drinkwaterbedrijf")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
    OVERIG = "overig", _("Overig")


class SignaalStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    OMGEZET = "omgezet", _("Omgezet in zaak")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    GEEN_CONTACT = "geen_contact", _("Geen contact")


class Signaal(models.Model):
    """One early-warning signal of payment arrears, waiting for outreach."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    bron = models.CharField(_("bron"), max_length=20, choices=SignaalBron.choices)
    bron_naam = models.CharField(_("naam melder"), max_length=200, blank=True)
    bron_kenmerk = models.CharField(_("kenmerk melder"), max_length=100, blank=True)
    signaaldatum = models.DateField(_("datum signaal"))
    achterstand_bedrag = models.DecimalField(
        _("achterstand"), **MONEY, validators=[MinValueValidator(0)]
    )
    maanden_achterstand = models.PositiveSmallIntegerField(_("maanden achterstand"))
    straatnaam = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("toevoeging"), max_length=4, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6)
    woonplaats = models.CharField(_("woonplaats"), max_length=80, blank=True)
    naam = models.CharField(_("naam"), max_length=300, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SignaalStatus.choices, default=SignaalStatus.NIEUW
    )
    behandelaar = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reden_afsluiting = models.TextField(_("reden"), blank=True)
    afgehandeld_op = models.DateField(_("afgehandeld op"), null=True, blank=True)
    dossier = models.ForeignKey(
        ShvDossier, null=True, blank=True, on_delete=models.SET_NULL, related_name="signalen"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["signaaldatum", "id"]
        indexes = [
            models.Index(fields=["organisatie", "status"], name="shv_signaal_status_idx"),
            models.Index(
                fields=["organisatie", "postcode", "huisnummer", "bron"],
                name="shv_signaal_adres_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_bron_display()} {self.adres}"

    @property
    def adres(self) -> str:
        nummer = f"{self.huisnummer}{self.huisletter}"
        if self.huisnummertoevoeging:
            nummer += f"-{self.huisnummertoevoeging}"
        straat = f"{self.straatnaam} {nummer}".strip()
        plaats = f"{self.postcode[:4]} {self.postcode[4:]} {self.woonplaats}".strip()
        return f"{straat}, {plaats}"


# --- migration ------------------------------------------------------------------------------


class MigratieSoort(models.TextChoices):
    CLIENT = "client", _("Cliënt")
    DOSSIER = "dossier", _("Dossier")
    SCHULDEISER = "schuldeiser", _("Schuldeiser")
    SCHULD = "schuld", _("Schuld")
    DOCUMENT = "document", _("Document")


class MigratieKoppeling(models.Model):
    """The id a record had in the previous system, and what it became here: a second import of
    the same export skips it (idempotent)."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(max_length=20, choices=MigratieSoort.choices)
    extern_id = models.CharField(max_length=100)
    object_uuid = models.UUIDField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("migratiekoppeling")
        verbose_name_plural = _("migratiekoppelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "soort", "extern_id"], name="shv_migratie_extern_uniek"
            )
        ]


class MigratieUpload(models.Model):
    """An export uploaded on the functional administrator's screen, with its dry-run report;
    kept so the same file is committed after the dry run."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    bestand = models.FileField(upload_to="shv/migratie/%Y/%m/")
    bestandsnaam = models.CharField(max_length=255)
    geupload_door = models.ForeignKey(
        Medewerker, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    behandelaar = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rapport = models.JSONField(default=dict)
    geimporteerd_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("migratiebestand")
        verbose_name_plural = _("migratiebestanden")
        ordering = ["-aangemaakt_op"]


# --- Schuldenknooppunt ----------------------------------------------------------------------


class SknSoort(models.TextChoices):
    SALDOVERZOEK = "saldoverzoek", _("Saldoverzoek")
    OPGAVE = "opgave", _("Opgave")
    BETAALVOORSTEL = "betaalvoorstel", _("Betaalvoorstel")
    AKKOORD = "akkoord", _("Akkoord of afwijzing")
    STATUS = "status", _("Status")


class SknBerichtStatus(models.TextChoices):
    KLAARGEZET = "klaargezet", _("Klaargezet")
    VERZONDEN = "verzonden", _("Verzonden")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    ONTVANGEN = "ontvangen", _("Ontvangen en verwerkt")


class SknBericht(models.Model):
    """One message to or from a creditor through the Schuldenknooppunt."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    schuld = models.ForeignKey(Schuld, on_delete=models.CASCADE, related_name="skn_berichten")
    soort = models.CharField(max_length=20, choices=SknSoort.choices)
    uitgaand = models.BooleanField(default=True)
    status = models.CharField(
        max_length=20, choices=SknBerichtStatus.choices, default=SknBerichtStatus.KLAARGEZET
    )
    batch = models.CharField(max_length=64, blank=True)
    in_antwoord_op = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="antwoorden"
    )
    inhoud = models.JSONField(default=dict)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bericht Schuldenknooppunt")
        verbose_name_plural = _("berichten Schuldenknooppunt")
        ordering = ["aangemaakt_op", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.schuld}"


# --- VISH -----------------------------------------------------------------------------------


class VishActie(models.TextChoices):
    AANMELDEN = "aanmelden", _("Aanmelden")
    AFMELDEN = "afmelden", _("Afmelden")


class VishStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wachtend")
    GELUKT = "gelukt", _("Gelukt")
    MISLUKT = "mislukt", _("Mislukt, wordt opnieuw geprobeerd")


class VishRegistratie(models.Model):
    """One (de)registration of a client's admission in the Verwijsindex Schuldhulpverlening,
    with its attempts: sent after commit and retried until the VISH accepts it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        ShvDossier, on_delete=models.CASCADE, related_name="vish_registraties"
    )
    actie = models.CharField(max_length=20, choices=VishActie.choices)
    status = models.CharField(
        max_length=20, choices=VishStatus.choices, default=VishStatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(default=0)
    laatste_fout = models.TextField(blank=True)
    vish_id = models.CharField(max_length=100, blank=True)
    volgende_poging_na = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("VISH-registratie")
        verbose_name_plural = _("VISH-registraties")
        ordering = ["aangemaakt_op", "id"]

    def __str__(self) -> str:
        return f"{self.get_actie_display()} {self.dossier}"
