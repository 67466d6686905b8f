"""Relation management on top of the kernel's parties.

A relation is a kernel `Partij`: what a register says (name, KvK number, BSN, address) stays
on the party and is changed only from the register. The CRM adds a profile (`Relatie`) with
what only the municipality knows: kind, tags, account manager, owning department, lawful basis
and local notes and contact details, always shown as *local*, next to the register data, never
over it.

`Klantcontact` follows the Klantinteracties API (Open Klant 0.9) so a later issue can expose it
as that standard; the field names map one to one (see KLANTINTERACTIES_VELDEN).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.models import Taak


class RelatieSoort(models.TextChoices):
    BEDRIJF = "bedrijf", _("Bedrijf")
    INWONER = "inwoner", _("Inwoner")
    PARTNER = "partner", _("Partner")
    VERENIGING = "vereniging", _("Vereniging of stichting")


class RelatieBron(models.TextChoices):
    KVK = "kvk", _("Handelsregister (KvK)")
    BRP = "brp", _("Basisregistratie Personen (BRP)")
    HANDMATIG = "handmatig", _("Handmatig vastgelegd")


class Grondslag(models.TextChoices):
    """The lawful basis (AVG art. 6 lid 1) for keeping a resident as a relation."""

    PUBLIEKE_TAAK = "publieke_taak", _("Taak van algemeen belang of openbaar gezag (art. 6.1.e)")
    WETTELIJKE_VERPLICHTING = "wettelijke_verplichting", _("Wettelijke verplichting (art. 6.1.c)")
    OVEREENKOMST = "overeenkomst", _("Uitvoering van een overeenkomst (art. 6.1.b)")
    TOESTEMMING = "toestemming", _("Toestemming van de betrokkene (art. 6.1.a)")
    VITAAL_BELANG = "vitaal_belang", _("Vitaal belang (art. 6.1.d)")


class Tag(models.Model):
    """A label a department gives relations ('evenementen', 'subsidie 2026'), per organisation."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=60)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"], name="crm_tag_naam_uniek")
        ]

    def __str__(self) -> str:
        return self.naam


class Relatie(models.Model):
    """The CRM profile of a party: what the municipality keeps locally about it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    partij = models.OneToOneField(Partij, on_delete=models.PROTECT, related_name="crm_relatie")
    soort = models.CharField(_("soort relatie"), max_length=20, choices=RelatieSoort.choices)
    bron = models.CharField(
        _("bron"), max_length=20, choices=RelatieBron.choices, default=RelatieBron.HANDMATIG
    )
    eenheid = models.ForeignKey(
        OrganisatorischeEenheid,
        on_delete=models.PROTECT,
        related_name="crm_relaties",
        verbose_name=_("afdeling"),
        help_text=_("De afdeling die de relatie beheert; haar medewerkers zien de relatie."),
    )
    accountmanager = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="crm_relaties",
        verbose_name=_("accountmanager"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="relaties", verbose_name=_("tags"))
    grondslag = models.CharField(
        _("grondslag"), max_length=30, choices=Grondslag.choices, blank=True
    )
    grondslag_toelichting = models.CharField(
        _("toelichting op de grondslag"),
        max_length=400,
        blank=True,
        help_text=_("Welke taak of wet, of wanneer en hoe gaf de inwoner toestemming?"),
    )
    # Local data: never copied onto the party, always shown as "lokaal".
    lokale_naam = models.CharField(
        _("roepnaam of afwijkende naam (lokaal)"), max_length=200, blank=True
    )
    lokaal_email = models.EmailField(_("e-mailadres (lokaal)"), blank=True)
    lokaal_telefoonnummer = models.CharField(
        _("telefoonnummer (lokaal)"), max_length=20, blank=True
    )
    lokale_notitie = models.TextField(_("notitie (lokaal)"), blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        indexes = [
            models.Index(
                fields=["organisatie", "eenheid", "soort"], name="crm_relatie_eenheid_idx"
            ),
            models.Index(fields=["organisatie", "accountmanager"], name="crm_relatie_am_idx"),
        ]
        constraints = [
            # A resident is only a relation on a recorded lawful basis (AVG art. 6).
            models.CheckConstraint(
                condition=~models.Q(soort="inwoner") | ~models.Q(grondslag=""),
                name="crm_inwoner_heeft_grondslag",
            )
        ]

    def __str__(self) -> str:
        return str(self.partij)


class Contactpersoon(models.Model):
    """A person (a kernel party, usually without a BSN) who is the municipality's contact at
    an organisation, in a role; the period says since/until when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    relatie = models.ForeignKey(Relatie, on_delete=models.CASCADE, related_name="contactpersonen")
    persoon = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="crm_contactrollen")
    # The person's search name (Partij.zoeknaam), kept by database triggers (crm 0005) on
    # every insert and on every change of the person's name: the search box matches and
    # sorts contact persons on their own table, instead of joining every party whose name
    # holds a word (20,000 for "bak") to find the 2,000 that are contact persons.
    zoeknaam = models.CharField(max_length=400, editable=False, default="")
    rol = models.CharField(
        _("rol"),
        max_length=100,
        help_text=_("Bijvoorbeeld: directeur, secretaris, penningmeester."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    primair = models.BooleanField(_("eerste aanspreekpunt"), default=False)
    begindatum = models.DateField(_("begindatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["-primair", "id"]

    def __str__(self) -> str:
        return f"{self.persoon} ({self.rol})"


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    BALIE = "balie", _("Balie")
    BRIEF = "brief", _("Brief")
    PORTAAL = "portaal", _("Portaal")
    SOCIAL_MEDIA = "social_media", _("Social media")


class Uitkomst(models.TextChoices):
    BEANTWOORD = "beantwoord", _("Vraag beantwoord")
    DOORVERBONDEN = "doorverbonden", _("Doorverbonden of doorverwezen")
    TERUGBELVERZOEK = "terugbelverzoek", _("Terugbelverzoek vastgelegd")
    ZAAK = "zaak", _("Zaak gestart of bijgewerkt")
    NIET_BEREIKT = "niet_bereikt", _("Niet bereikt")
    OVERIG = "overig", _("Overig")


class Klantcontact(models.Model):
    """One contact with a relation through any channel (Klantinteracties: klantcontact).

    Betrokkenen: `partij` is the klant; `contactpersoon` (optional) the person who spoke for it
    (rol vertegenwoordiger). Onderwerpobject: `zaak`. Interne taak: `taak` (the follow-up)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    referentienummer = models.CharField(_("referentienummer"), max_length=10)
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="crm_klantcontacten")
    contactpersoon = models.ForeignKey(
        Partij,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="crm_klantcontacten_als_vertegenwoordiger",
        verbose_name=_("namens de relatie gesproken met"),
    )
    kanaal = models.CharField(_("kanaal"), max_length=50, choices=Kanaal.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    inhoud = models.TextField(_("inhoud"), max_length=1000, blank=True)
    reactie = models.TextField(_("reactie"), max_length=4000, blank=True)
    uitkomst = models.CharField(
        _("uitkomst"), max_length=20, choices=Uitkomst.choices, default=Uitkomst.BEANTWOORD
    )
    indicatie_contact_gelukt = models.BooleanField(_("contact gelukt"), null=True, blank=True)
    taal = models.CharField(_("taal"), max_length=3, default="nld")
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)
    plaatsgevonden_op = models.DateTimeField(_("plaatsgevonden op"))
    zaak = models.ForeignKey(
        Zaak, null=True, blank=True, on_delete=models.SET_NULL, related_name="crm_klantcontacten"
    )
    medewerker = models.ForeignKey(
        Medewerker,
        null=True,
        on_delete=models.SET_NULL,
        related_name="crm_klantcontacten",
        verbose_name=_("vastgelegd door"),
    )
    eenheid = models.ForeignKey(
        OrganisatorischeEenheid,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crm_klantcontacten",
        verbose_name=_("afdeling"),
    )
    taak = models.OneToOneField(
        Taak, null=True, blank=True, on_delete=models.SET_NULL, related_name="crm_klantcontact"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klantcontact")
        verbose_name_plural = _("klantcontacten")
        indexes = [
            models.Index(
                fields=["organisatie", "partij", "-plaatsgevonden_op"], name="crm_kc_partij_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "referentienummer"], name="crm_kc_referentie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.referentienummer} {self.onderwerp}"


class EenheidInstelling(models.Model):
    """Per department: whether its members see every relation (a customer contact centre, the
    'uniek loket'), not only those their own department manages. Set by a functional
    administrator in the admin."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    eenheid = models.OneToOneField(
        OrganisatorischeEenheid, on_delete=models.CASCADE, related_name="crm_instelling"
    )
    ziet_alle_relaties = models.BooleanField(_("ziet alle relaties"), default=False)

    class Meta:
        verbose_name = _("CRM-instelling van een afdeling")
        verbose_name_plural = _("CRM-instellingen van afdelingen")

    def __str__(self) -> str:
        return str(self.eenheid)


# Our field -> the Klantinteracties API attribute it maps to (for the later API layer).
KLANTINTERACTIES_VELDEN = {
    "uuid": "uuid",
    "referentienummer": "referentienummer",
    "kanaal": "kanaal",
    "onderwerp": "onderwerp",
    "inhoud": "inhoud",
    "reactie": "reactie",
    "indicatie_contact_gelukt": "indicatieContactGelukt",
    "taal": "taal",
    "vertrouwelijk": "vertrouwelijk",
    "plaatsgevonden_op": "plaatsgevondenOp",
    "partij": "hadBetrokkenen[rol=klant].wasPartij",
    "contactpersoon": "hadBetrokkenen[rol=vertegenwoordiger].wasPartij",
    "zaak": "gingOverOnderwerpobjecten[codeObjecttype=zaak].onderwerpobjectidentificator",
    "medewerker": "hadBetrokkenActoren",
    "taak": "leiddeTotInterneTaken",
}
