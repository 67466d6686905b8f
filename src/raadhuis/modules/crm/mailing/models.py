"""Targeted communication: segments of relations, mailings to a segment, the recipients with
their delivery status, and opt-outs.

A `Segment` is a saved filter over the CRM's relations (kind, tag, department, account manager,
postcode range, and "was a party in a case of type X in the last N years": the issue's
"associations in a district with a subsidy in the last two years"). A `Mailing` sends one
e-mail template (a kernel messaging `BriefSjabloon`) to the segment, once. Each recipient is a
`MailingOntvanger` row with its own status (also for relations not mailed: opted out, no
address); the e-mail itself goes through the kernel's one e-mail outbox (a messaging
`Verzending` without a case, `bron` "crm_mailing"), whose outcome handler keeps the
recipient's status in step.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.messaging.models import BriefSjabloon, BriefSjabloonVersie, Verzending
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.crm.models import Klantcontact, RelatieSoort, Tag


class Segment(models.Model):
    """A saved filter over the relations; every criterion left empty does not filter."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    soort = models.CharField(
        _("soort relatie"), max_length=20, choices=RelatieSoort.choices, blank=True
    )
    tag = models.ForeignKey(
        Tag,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tag"),
    )
    eenheid = models.ForeignKey(
        OrganisatorischeEenheid,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    accountmanager = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("accountmanager"),
    )
    postcode_van = models.CharField(
        _("postcode vanaf (4 cijfers)"), max_length=4, blank=True, help_text=_("Bijv. 5211.")
    )
    postcode_tot = models.CharField(
        _("postcode tot en met (4 cijfers)"), max_length=4, blank=True, help_text=_("Bijv. 5216.")
    )
    zaaktype_identificatie = models.CharField(
        _("betrokken bij een zaak van zaaktype"),
        max_length=80,
        blank=True,
        help_text=_("De identificatie van het zaaktype, bijv. SUBSIDIE-VER."),
    )
    zaak_jaren = models.PositiveSmallIntegerField(_("zaak gestart in de laatste … jaar"), default=2)
    aangemaakt_door = models.CharField(_("aangemaakt door"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segmenten")
        ordering = ["naam", "id"]

    def __str__(self) -> str:
        return self.naam


class MailingStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VERZONDEN = "verzonden", _("Verzonden")


class Mailing(models.Model):
    """One e-mail to every relation of a segment; sent once (status concept → verzonden)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=200)
    segment = models.ForeignKey(
        Segment, on_delete=models.PROTECT, related_name="mailings", verbose_name=_("segment")
    )
    sjabloon = models.ForeignKey(
        BriefSjabloon, on_delete=models.PROTECT, related_name="+", verbose_name=_("sjabloon")
    )
    onderwerp = models.CharField(
        _("onderwerp"),
        max_length=300,
        blank=True,
        help_text=_("Leeg: het onderwerp van het sjabloon. Samenvoegvelden mogen."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MailingStatus.choices, default=MailingStatus.CONCEPT
    )
    # The exact template text sent (a later edit of the template does not change the mailing).
    sjabloon_versie = models.ForeignKey(
        BriefSjabloonVersie, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_door = models.CharField(_("aangemaakt door"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verzonden_door = models.CharField(_("verzonden door"), max_length=200, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return self.naam


class OntvangerStatus(models.TextChoices):
    IN_WACHTRIJ = "in_wachtrij", _("In wachtrij")
    VERZONDEN = "verzonden", _("Verzonden")
    NIET_BEZORGBAAR = "niet_bezorgbaar", _("Niet bezorgbaar")
    BOUNCE = "bounce", _("Geweigerd (bounce)")
    AFGEMELD = "afgemeld", _("Afgemeld, niet verstuurd")
    NON_MAILING = "non_mailing", _("KvK non-mailing, niet verstuurd")
    MISLUKT = "mislukt", _("Mislukt na herhaalde pogingen")


class MailingOntvanger(models.Model):
    """One recipient of a mailing, its status and contact moment; `verzending` is its e-mail
    in the kernel outbox (attempts, last error), for those that were mailed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="ontvangers")
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=400)
    emailadres = models.EmailField(_("e-mailadres"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=OntvangerStatus.choices)
    reden = models.CharField(_("reden"), max_length=500, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=300, blank=True)
    verzending = models.ForeignKey(
        Verzending, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ontvanger van een mailing")
        verbose_name_plural = _("ontvangers van mailings")
        ordering = ["naam", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "partij"], name="crm_mailing_ontvanger_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_status_display()})"


class Afmelding(models.Model):
    """A relation that wants no more mailings (opt-out), by the unsubscribe link or recorded
    by a medewerker. Mailings skip it; letters on a case are not affected."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="+")
    bron = models.CharField(_("bron"), max_length=100, blank=True)
    afgemeld_op = models.DateTimeField(_("afgemeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afmelding voor mailings")
        verbose_name_plural = _("afmeldingen voor mailings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "partij"], name="crm_mailing_afmelding_uniek"
            )
        ]

    def __str__(self) -> str:
        return str(self.partij)
