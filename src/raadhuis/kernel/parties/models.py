"""Parties (partijen): natural persons, organisations, branches, addresses and representation.

Every kind of party shares one `Partij` row with normalised search columns, so a single indexed
query finds a person by BSN, a company by KvK number, anyone by name or by postcode + number.
"""

from __future__ import annotations

import unicodedata
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.validators import (
    validate_bsn,
    validate_kbo_nummer,
    validate_kvk_nummer,
    validate_rsin,
)


def normalise_for_search(text: str) -> str:
    """Lower case, no accents, single spaces: 'Ötzi  de Vries' -> 'otzi de vries'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(ascii_only.lower().split())


class PartijSoort(models.TextChoices):
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
    NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("Niet-natuurlijk persoon")
    VESTIGING = "vestiging", _("Vestiging")


class Partij(models.Model):
    """What every kind of party has in common; the search runs on this table alone."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort"), max_length=30, choices=PartijSoort.choices)
    weergavenaam = models.CharField(_("naam"), max_length=400)
    # Normalised name for search (see normalise_for_search); kept in step by the services.
    zoeknaam = models.CharField(max_length=400, editable=False, db_index=False)
    # BSN, KvK number, KBO number or vestigingsnummer: the identifier a user types in.
    identificatie = models.CharField(_("identificatie"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        constraints = [
            # One BSN / KvK number / vestigingsnummer per kind of party per organisation.
            models.UniqueConstraint(
                fields=["organisatie", "soort", "identificatie"],
                condition=~models.Q(identificatie=""),
                name="partij_identificatie_uniek",
            )
        ]
        indexes = [
            models.Index(fields=["organisatie", "identificatie"], name="partij_identificatie_idx"),
            models.Index(fields=["organisatie", "zoeknaam"], name="partij_zoeknaam_idx"),
        ]

    def __str__(self) -> str:
        return self.weergavenaam

    @property
    def concreet(self) -> Partij:
        """The NatuurlijkPersoon, NietNatuurlijkPersoon or Vestiging behind this row."""
        return getattr(self, self.soort.replace("_", ""), self)


class Geslacht(models.TextChoices):
    MAN = "m", _("Man")
    VROUW = "v", _("Vrouw")
    ONBEKEND = "o", _("Onbekend")


class NatuurlijkPersoon(Partij):
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voorvoegsel_geslachtsnaam = models.CharField(_("voorvoegsel"), max_length=10, blank=True)
    geslachtsnaam = models.CharField(_("geslachtsnaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    geslacht = models.CharField(
        _("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )

    class Meta:
        verbose_name = _("natuurlijk persoon")
        verbose_name_plural = _("natuurlijke personen")

    def samengestelde_naam(self) -> str:
        first = self.voornamen or self.voorletters
        parts = [first, self.voorvoegsel_geslachtsnaam, self.geslachtsnaam]
        return " ".join(p for p in parts if p)


class Rechtsvorm(models.TextChoices):
    BESLOTEN_VENNOOTSCHAP = "besloten_vennootschap", _("Besloten vennootschap")
    NAAMLOZE_VENNOOTSCHAP = "naamloze_vennootschap", _("Naamloze vennootschap")
    EENMANSZAAK = "eenmanszaak", _("Eenmanszaak")
    VENNOOTSCHAP_ONDER_FIRMA = "vennootschap_onder_firma", _("Vennootschap onder firma")
    STICHTING = "stichting", _("Stichting")
    VERENIGING = "vereniging", _("Vereniging")
    COOPERATIE = "cooperatie", _("Coöperatie")
    VZW = "vzw", _("Vereniging zonder winstoogmerk (BE)")
    BV_BE = "bv_be", _("Besloten vennootschap (BE)")
    OVERIG = "overig", _("Overig")


class NietNatuurlijkPersoon(Partij):
    statutaire_naam = models.CharField(_("statutaire naam"), max_length=400)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[validate_kvk_nummer]
    )
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True, validators=[validate_rsin])
    kbo_nummer = models.CharField(
        _("KBO-nummer"), max_length=12, blank=True, validators=[validate_kbo_nummer]
    )
    rechtsvorm = models.CharField(
        _("rechtsvorm"), max_length=40, choices=Rechtsvorm.choices, default=Rechtsvorm.OVERIG
    )
    # Register data from the KvK Basisprofiel, never edited locally. db_default so rows made by
    # bulk loaders (migration import, benchmarks) get the same values as the ORM gives.
    sbi_activiteiten = models.JSONField(
        _("SBI-activiteiten"),
        default=list,
        db_default=[],
        blank=True,
        help_text=_("Uit het Handelsregister: code, omschrijving en of het de hoofdactiviteit is."),
    )
    non_mailing = models.BooleanField(
        _("geen ongevraagde post (KvK non-mailing)"),
        default=False,
        db_default=False,
        help_text=_(
            "Het bedrijf heeft in het Handelsregister aangegeven geen ongevraagde "
            "reclame of post te willen ontvangen."
        ),
    )

    class Meta:
        verbose_name = _("niet-natuurlijk persoon")
        verbose_name_plural = _("niet-natuurlijke personen")


class Vestiging(Partij):
    vestigingsnummer = models.CharField(_("vestigingsnummer"), max_length=12, blank=True)
    handelsnaam = models.CharField(_("handelsnaam"), max_length=400)
    onderneming = models.ForeignKey(
        NietNatuurlijkPersoon, on_delete=models.PROTECT, related_name="vestigingen"
    )

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")


class AdresSoort(models.TextChoices):
    WOONADRES = "woonadres", _("Woonadres")
    POSTADRES = "postadres", _("Postadres")
    BEZOEKADRES = "bezoekadres", _("Bezoekadres")


class Adres(models.Model):
    partij = models.ForeignKey(Partij, on_delete=models.CASCADE, related_name="adressen")
    soort = models.CharField(
        _("soort"), max_length=20, choices=AdresSoort.choices, default=AdresSoort.WOONADRES
    )
    straatnaam = models.CharField(_("straat"), max_length=200)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("toevoeging"), max_length=4, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    woonplaats = models.CharField(_("woonplaats"), max_length=80)
    land = models.CharField(_("land"), max_length=2, default="NL")
    # Optional references to the address register (BAG in NL).
    bag_nummeraanduiding_id = models.CharField(max_length=16, blank=True)
    bag_adresseerbaar_object_id = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        indexes = [models.Index(fields=["postcode", "huisnummer"], name="adres_postcode_idx")]

    def __str__(self) -> str:
        nummer = f"{self.huisnummer}{self.huisletter}"
        if self.huisnummertoevoeging:
            nummer += f"-{self.huisnummertoevoeging}"
        return f"{self.straatnaam} {nummer}, {self.postcode} {self.woonplaats}"


class Vertegenwoordiging(models.Model):
    """A party acting for another (a director for a company, a guardian for a person)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vertegenwoordiger = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="vertegenwoordigt"
    )
    vertegenwoordigde = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="vertegenwoordigd_door"
    )
    omschrijving = models.CharField(
        _("reikwijdte"), max_length=200, help_text=_("Waarvoor mag de vertegenwoordiger optreden?")
    )
    begindatum = models.DateField(_("begindatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("vertegenwoordiging")
        verbose_name_plural = _("vertegenwoordigingen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(vertegenwoordiger=models.F("vertegenwoordigde")),
                name="vertegenwoordiging_niet_zichzelf",
            ),
        ]
