"""Complaints (klachten) handled per the Algemene wet bestuursrecht, chapter 9.

A complaint is a kernel `Zaak` of the case type CRM-KLACHT (see catalogus.py) plus this record
for what only complaint handling needs: the complainant, the channel, the department and the
medewerker it is about, the legal term with its extension, the hearing and the decision. Being
a case, it shows in the work queues, the audit trail, the documents and retention without extra
code. `betreft_zaak` is the (other) case the complaint is about, when there is one.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.models import Taak


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    BALIE = "balie", _("Balie")
    BRIEF = "brief", _("Brief")
    PORTAAL = "portaal", _("Portaal / webformulier")
    SOCIAL_MEDIA = "social_media", _("Sociale media")


# Awb 9:4 lid 1 / 9:6: a written complaint (klaagschrift) must be acknowledged in writing.
SCHRIFTELIJKE_KANALEN = frozenset({Kanaal.EMAIL, Kanaal.BRIEF, Kanaal.PORTAAL})


class Categorie(models.TextChoices):
    BEJEGENING = "bejegening", _("Bejegening")
    BEREIKBAARHEID = "bereikbaarheid", _("Bereikbaarheid")
    INFORMATIE = "informatie", _("Informatievoorziening")
    TERMIJN = "termijn", _("Te laat of geen reactie")
    DIENSTVERLENING = "dienstverlening", _("Kwaliteit dienstverlening")
    PROCEDURE = "procedure", _("Werkwijze of procedure")
    OVERIG = "overig", _("Overig")


class KlachtStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    ONTVANGST_BEVESTIGD = "ontvangst_bevestigd", _("Ontvangst bevestigd")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    HOORZITTING = "hoorzitting", _("Hoorzitting gepland")
    BESLUIT_VERZONDEN = "besluit_verzonden", _("Besluit verzonden")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet in behandeling genomen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    INFORMEEL_OPGELOST = "informeel_opgelost", _("Informeel opgelost")


EINDSTATUSSEN = frozenset(
    {
        KlachtStatus.AFGEHANDELD,
        KlachtStatus.NIET_ONTVANKELIJK,
        KlachtStatus.INGETROKKEN,
        KlachtStatus.INFORMEEL_OPGELOST,
    }
)


class Oordeel(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    GEEN_OORDEEL = "geen_oordeel", _("Geen oordeel")


class GeenHoorzittingReden(models.TextChoices):
    """Awb 9:10 lid 2: the complainant need not be heard when..."""

    KENNELIJK_ONGEGROND = "kennelijk_ongegrond", _("De klacht is kennelijk ongegrond (a)")
    AFGEZIEN = "afgezien", _("De klager heeft verklaard niet gehoord te willen worden (b)")
    GEEN_REACTIE = (
        "geen_reactie",
        _(
            "De klager heeft niet binnen een redelijke termijn laten weten gehoord te willen "
            "worden (c)"
        ),
    )


class NietBehandelenGrond(models.TextChoices):
    """Awb 9:8: the grounds on which an authority need not handle a complaint."""

    EERDER_BEHANDELD = "eerder_behandeld", _("Al eerder volgens de regels behandeld (lid 1a)")
    OUDER_DAN_JAAR = "ouder_dan_jaar", _("Gedraging langer dan een jaar geleden (lid 1b)")
    BEZWAAR_MOGELIJK = "bezwaar_mogelijk", _("Bezwaar of beroep was of is mogelijk (lid 1c)")
    BEROEP_INGESTELD = "beroep_ingesteld", _("Beroep ingesteld of aanhangig (lid 1d)")
    STRAFVERVOLGING = "strafvervolging", _("Strafrechtelijk onderzoek of vervolging (lid 1e)")
    RECHTER = "rechter", _("Voorgelegd aan een rechterlijke instantie (lid 1f)")
    GERING_BELANG = "gering_belang", _("Belang van de klager of gewicht gering (lid 2)")


class Klacht(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    # The complaint is the case's own record: it goes when the case is destroyed (ADR 0005).
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="klacht")
    klager = models.ForeignKey(
        Partij, on_delete=models.PROTECT, related_name="klachten", verbose_name=_("klager")
    )
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    ontvangen_op = models.DateField(_("ontvangen op"))
    categorie = models.CharField(_("categorie"), max_length=30, choices=Categorie.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    omschrijving = models.TextField(_("omschrijving van de klacht"))
    afdeling = models.ForeignKey(
        OrganisatorischeEenheid,
        on_delete=models.PROTECT,
        related_name="klachten",
        verbose_name=_("afdeling"),
    )
    betreft_medewerker = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="klachten_over",
        verbose_name=_("medewerker over wie de klacht gaat"),
    )
    behandelaar = models.ForeignKey(
        Medewerker,
        on_delete=models.PROTECT,
        related_name="klachten_in_behandeling",
        verbose_name=_("klachtbehandelaar"),
    )
    geregistreerd_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    betreft_zaak = models.ForeignKey(
        Zaak,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="klachten_over",
        verbose_name=_("zaak waarover de klacht gaat"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=KlachtStatus.choices, default=KlachtStatus.ONTVANGEN
    )
    # --- the term (Awb 9:11) -----------------------------------------------------------------
    adviescommissie = models.BooleanField(
        _("klachtadviescommissie"),
        default=False,
        help_text=_("De klacht gaat naar een adviescommissie (Awb 9:14): termijn 10 weken."),
    )
    uiterlijk_oorspronkelijk = models.DateField(_("oorspronkelijke afhandeltermijn"))
    verdaagd_tot = models.DateField(_("verdaagd tot"), null=True, blank=True)
    verdaging_mededeling_op = models.DateField(_("verdaging meegedeeld op"), null=True, blank=True)
    verdaging_reden = models.TextField(_("reden van de verdaging"), blank=True)
    uitstel_tot = models.DateField(_("verder uitgesteld tot"), null=True, blank=True)
    uitstel_instemming_op = models.DateField(
        _("schriftelijke instemming klager op"), null=True, blank=True
    )
    termijn_taak = models.ForeignKey(
        Taak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # --- acknowledgement (Awb 9:6) -------------------------------------------------------------
    ontvangst_bevestigd_op = models.DateField(_("ontvangst bevestigd op"), null=True, blank=True)
    # --- hearing (Awb 9:10) --------------------------------------------------------------------
    hoorzitting_gepland_op = models.DateTimeField(
        _("hoorzitting gepland op"), null=True, blank=True
    )
    hoorzitting_locatie = models.CharField(_("locatie hoorzitting"), max_length=200, blank=True)
    hoorzitting_gehouden_op = models.DateField(_("hoorzitting gehouden op"), null=True, blank=True)
    hoorzitting_aanwezigen = models.TextField(_("aanwezigen"), blank=True)
    hoorzitting_verslag = models.TextField(_("verslag hoorzitting"), blank=True)
    geen_hoorzitting_reden = models.CharField(
        _("reden geen hoorzitting"), max_length=30, choices=GeenHoorzittingReden.choices, blank=True
    )
    geen_hoorzitting_toelichting = models.TextField(_("toelichting"), blank=True)
    # --- decision (Awb 9:12) -------------------------------------------------------------------
    oordeel = models.CharField(_("oordeel"), max_length=20, choices=Oordeel.choices, blank=True)
    bevindingen = models.TextField(_("bevindingen"), blank=True)
    conclusies = models.TextField(_("conclusies"), blank=True)
    maatregelen = models.TextField(_("maatregelen"), blank=True)
    besluit_verzonden_op = models.DateField(_("besluit verzonden op"), null=True, blank=True)
    # --- ending without a decision (Awb 9:5, 9:8, withdrawal) ----------------------------------
    niet_behandelen_grond = models.CharField(
        _("grond niet behandelen"), max_length=30, choices=NietBehandelenGrond.choices, blank=True
    )
    afsluit_toelichting = models.TextField(_("toelichting afsluiting"), blank=True)
    afgehandeld_op = models.DateField(_("afgehandeld op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            models.Index(fields=["organisatie", "afdeling", "status"], name="klacht_afdeling_idx"),
            models.Index(fields=["organisatie", "ontvangen_op"], name="klacht_ontvangen_idx"),
            models.Index(fields=["organisatie", "klager"], name="klacht_klager_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.zaak.identificatie}: {self.onderwerp}"

    @property
    def uiterlijk(self):  # noqa: ANN201 - a date
        """The deadline now in force: further postponement, else extension, else the term."""
        return self.uitstel_tot or self.verdaagd_tot or self.uiterlijk_oorspronkelijk

    @property
    def is_afgesloten(self) -> bool:
        return self.status in EINDSTATUSSEN

    @property
    def is_schriftelijk(self) -> bool:
        return self.kanaal in SCHRIFTELIJKE_KANALEN
