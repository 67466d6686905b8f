"""Outgoing letters: templates (versioned), the organisation's letterhead, the letters sent and
their delivery (e-mail through a persistent outbox, or post through a print queue)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.parties.models import Partij


class SjabloonSoort(models.TextChoices):
    """What a template is for: a letter (PDF), a quotation (PDF) or an e-mail (its body)."""

    BRIEF = "brief", _("Brief")
    OFFERTE = "offerte", _("Offerte")
    EMAIL = "e-mail", _("E-mail")


class BriefSjabloon(models.Model):
    """A letter template of one organisation, known by its code ("ontvangstbevestiging").

    Its text lives in versions: editing adds a version, so a letter sent earlier keeps pointing
    at the exact text it was made from."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("code"), max_length=60)
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(
        _("soort"), max_length=10, choices=SjabloonSoort.choices, default=SjabloonSoort.BRIEF
    )
    categorie = models.CharField(
        _("categorie"),
        max_length=60,
        blank=True,
        help_text=_("Om sjablonen te groeperen, bijvoorbeeld ‘Klachten’ of ‘Contracten’."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    huidige_versie = models.ForeignKey(
        "BriefSjabloonVersie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("huidige versie"),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["naam", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "code"], name="briefsjabloon_code_uniek")
        ]
        indexes = [
            models.Index(
                fields=["organisatie", "soort", "categorie"], name="briefsjabloon_soort_idx"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class BriefSjabloonVersie(models.Model):
    """One immutable version of a template: subject and HTML body with merge fields."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sjabloon = models.ForeignKey(BriefSjabloon, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField(_("versie"))
    naam = models.CharField(_("naam"), max_length=200)
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    inhoud = models.TextField(_("inhoud (HTML)"))
    toelichting = models.CharField(_("toelichting op de wijziging"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.CharField(_("gemaakt door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("versie van een briefsjabloon")
        verbose_name_plural = _("versies van briefsjablonen")
        ordering = ["sjabloon", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["sjabloon", "versie"], name="briefsjabloonversie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam} (versie {self.versie})"


class Briefhoofd(models.Model):
    """The organisation's letterhead: logo, sender block and footer on every letter."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.PROTECT, related_name="briefhoofd"
    )
    logo_svg = models.TextField(
        _("logo (SVG)"),
        blank=True,
        help_text=_("De SVG-code van het logo. Leeg: de naam van de organisatie als logo."),
    )
    afzender = models.TextField(
        _("afzender"),
        blank=True,
        help_text=_("Het adresblok van de organisatie, één regel per regel."),
    )
    plaats = models.CharField(
        _("plaats"), max_length=80, blank=True, help_text=_("Voor de datumregel: ‘Zevenaar, …’.")
    )
    ondertekening = models.TextField(
        _("ondertekening"),
        blank=True,
        help_text=_("Onder elke brief, bijvoorbeeld ‘Met vriendelijke groet,’ en een afdeling."),
    )
    voettekst = models.CharField(_("voettekst"), max_length=300, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("briefhoofd")
        verbose_name_plural = _("briefhoofden")

    def __str__(self) -> str:
        return str(self.organisatie)


class Kanaal(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")


class Brief(models.Model):
    """A letter sent on a case: the template version used, the recipient, and the PDF stored
    as a document of the case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="brieven")
    sjabloon_versie = models.ForeignKey(
        BriefSjabloonVersie, on_delete=models.PROTECT, related_name="brieven"
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    informatieobject = models.ForeignKey(
        InformatieObject,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    ontvanger_partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ontvanger_naam = models.CharField(_("ontvanger"), max_length=400)
    ontvanger_adres = models.JSONField(_("adres"), default=list, blank=True)
    ontvanger_email = models.EmailField(_("e-mailadres"), blank=True)
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    reden = models.CharField(_("reden"), max_length=300, blank=True)
    # The letterhead as it was when the letter was made (logo, sender, place, signature,
    # footer): a later change of the letterhead does not change what this letter said.
    briefhoofd = models.JSONField(_("briefhoofd bij verzending"), default=dict, blank=True)
    verstuurd_door = models.CharField(_("verstuurd door"), max_length=200)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["zaak", "-aangemaakt_op"], name="brief_zaak_idx")]

    def __str__(self) -> str:
        return f"{self.onderwerp} → {self.ontvanger_naam}"


class VerzendStatus(models.TextChoices):
    IN_WACHTRIJ = "in_wachtrij", _("In wachtrij")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")
    GEWEIGERD = "geweigerd", _("Geweigerd (bounce)")
    KLAAR_VOOR_PRINT = "klaar_voor_print", _("Klaar voor print")
    GEPRINT = "geprint", _("Geprint")


class Verzending(models.Model):
    """The delivery of a message through one channel, with its attempts: the one e-mail
    outbox of the application.

    A letter on a case (`brief` set): e-mail with the PDF attached, or post. A plain e-mail
    (`brief` empty, e.g. one recipient of a CRM mailing): subject, text and HTML here, no case,
    no attachment; `bron` names the module that queued it (its outcome handler is told of every
    attempt, see bezorging.uitkomst_register).

    E-mail: in wachtrij → verzonden, geweigerd (a plain e-mail the mail server refused
    permanently) or mislukt after the last attempt (retried with back-off by
    `raadhuis brieven-versturen` / the worker). Post: klaar voor print → geprint."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    brief = models.ForeignKey(
        Brief, null=True, blank=True, on_delete=models.CASCADE, related_name="verzendingen"
    )
    bron = models.CharField(_("bron"), max_length=40, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=300, blank=True)
    html = models.TextField(_("HTML van de e-mail"), blank=True)
    kenmerk = models.CharField(_("kenmerk"), max_length=100, blank=True)
    afmeldlink = models.CharField(_("afmeldlink"), max_length=500, blank=True)
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    status = models.CharField(_("status"), max_length=20, choices=VerzendStatus.choices)
    emailadres = models.EmailField(_("e-mailadres"), blank=True)
    # The e-mail as it leaves (the PDF comes from the case's document): the outbox keeps it.
    afzender = models.CharField(_("afzender"), max_length=300, blank=True)
    bericht = models.TextField(_("tekst van de e-mail"), blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    geprint_op = models.DateTimeField(_("geprint op"), null=True, blank=True)
    geprint_door = models.CharField(_("geprint door"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"], name="verzending_due_idx"),
            models.Index(fields=["organisatie", "status"], name="verzending_org_status_idx"),
        ]

    def __str__(self) -> str:
        wat = self.brief if self.brief_id else self.onderwerp
        return f"{wat} ({self.get_kanaal_display()}: {self.get_status_display()})"

    @property
    def brief_zeker(self) -> Brief:
        """The letter of a letter delivery, for code that only handles letters (the print
        queue, a letter's PDF); a plain e-mail has none and raises."""
        if self.brief is None:
            raise ValueError("this delivery is a plain e-mail, not a letter")
        return self.brief
