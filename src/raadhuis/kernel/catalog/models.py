"""The catalogue (ZTC): case types and everything typed under them.

Field names follow the Catalogi API 1.3 (in snake_case), so the API maps onto these models one
to one. Durations are ISO 8601 strings ("P8W", "P3M") as in the standard; see durations.py.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.catalog.durations import validate_duration
from raadhuis.kernel.common import Archiefnominatie, Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.validators import validate_rsin


def extern_uniek(model: str, *, binnen: str = "zaaktype") -> models.UniqueConstraint:
    """A type mirrored from an external Catalogi API (extern_url set) is mirrored once within
    its case type (catalogue, organisation); our own types (extern_url empty) are not bound."""
    return models.UniqueConstraint(
        fields=[binnen, "extern_url"],
        condition=~models.Q(extern_url=""),
        name=f"{model}_extern_uniek",
    )


class InZaaktypeCatalogusMixin:
    """A type under a case type: its catalogue is its case type's."""

    @property
    def catalogus(self) -> Catalogus:
        """The catalogue of its case type (the Catalogi API shows it on this type too)."""
        return self.zaaktype.catalogus  # type: ignore[attr-defined]


class Catalogus(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=200)
    domein = models.CharField(_("domein"), max_length=5)
    rsin = models.CharField(_("RSIN"), max_length=9, validators=[validate_rsin])
    contactpersoon_beheer_naam = models.CharField(_("contactpersoon beheer"), max_length=40)
    contactpersoon_beheer_telefoonnummer = models.CharField(max_length=20, blank=True)
    contactpersoon_beheer_emailadres = models.EmailField(blank=True)
    versie = models.CharField(_("versie"), max_length=20, blank=True)
    begindatum_versie = models.DateField(_("begindatum versie"), null=True, blank=True)
    # Set on a read-only mirror of a type in an external Catalogi API (kernel/catalog/extern.py):
    # the original URL, which the APIs render instead of our own.
    extern_url = models.CharField(_("externe URL"), max_length=1000, blank=True, db_index=True)

    class Meta:
        verbose_name = _("catalogus")
        verbose_name_plural = _("catalogi")
        constraints = [
            models.UniqueConstraint(
                fields=["domein", "rsin"],
                condition=models.Q(extern_url=""),
                name="catalogus_domein_rsin_uniek",
            ),
            extern_uniek("catalogus", binnen="organisatie"),
        ]

    def __str__(self) -> str:
        return self.naam


class GeldigheidMixin(models.Model):
    """Versioned catalogue objects: valid from/to, and draft (concept) until published."""

    begin_geldigheid = models.DateField(_("begin geldigheid"))
    einde_geldigheid = models.DateField(_("einde geldigheid"), null=True, blank=True)
    concept = models.BooleanField(
        _("concept"), default=True, help_text=_("Een concept kan nog niet gebruikt worden.")
    )

    class Meta:
        abstract = True


class OptioneleGeldigheidMixin(models.Model):
    """Validity of a type under a case type (Catalogi API 1.3: optional on sub-resources)."""

    begin_geldigheid = models.DateField(_("begin geldigheid"), null=True, blank=True)
    einde_geldigheid = models.DateField(_("einde geldigheid"), null=True, blank=True)

    class Meta:
        abstract = True


class IndicatieInternOfExtern(models.TextChoices):
    INTERN = "intern", _("Intern")
    EXTERN = "extern", _("Extern")


class ZaakType(GeldigheidMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="zaaktypen")
    identificatie = models.CharField(_("identificatie"), max_length=50)
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    omschrijving_generiek = models.CharField(_("omschrijving generiek"), max_length=80, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        _("vertrouwelijkheidaanduiding"),
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.ZAAKVERTROUWELIJK,
    )
    doel = models.TextField(_("doel"), blank=True)
    aanleiding = models.TextField(_("aanleiding"), blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    indicatie_intern_of_extern = models.CharField(
        max_length=6,
        choices=IndicatieInternOfExtern.choices,
        default=IndicatieInternOfExtern.EXTERN,
    )
    handeling_initiator = models.CharField(max_length=20, default="Aanvragen")
    onderwerp = models.CharField(max_length=80, blank=True)
    handeling_behandelaar = models.CharField(max_length=20, default="Behandelen")
    doorlooptijd = models.CharField(
        _("doorlooptijd"),
        max_length=20,
        validators=[validate_duration],
        help_text=_("ISO 8601-duur, bijvoorbeeld P8W (acht weken) of P3M."),
    )
    servicenorm = models.CharField(
        _("servicenorm"), max_length=20, blank=True, validators=[validate_duration]
    )
    doorlooptijd_in_werkdagen = models.BooleanField(
        _("doorlooptijd in werkdagen"),
        default=False,
        help_text=_(
            "Tel de doorlooptijd in werkdagen (Algemene termijnenwet) in plaats van dagen."
        ),
    )
    opschorting_en_aanhouding_mogelijk = models.BooleanField(default=False)
    verlenging_mogelijk = models.BooleanField(default=False)
    verlengingstermijn = models.CharField(max_length=20, blank=True, validators=[validate_duration])
    trefwoorden = models.JSONField(default=list, blank=True)
    publicatie_indicatie = models.BooleanField(default=False)
    publicatietekst = models.TextField(blank=True)
    verantwoordingsrelatie = models.JSONField(default=list, blank=True)
    producten_of_diensten = models.JSONField(default=list, blank=True)
    selectielijst_procestype = models.URLField(blank=True)
    referentieproces_naam = models.CharField(max_length=80, blank=True)
    referentieproces_link = models.URLField(blank=True)
    verantwoordelijke = models.CharField(_("verantwoordelijke"), max_length=255, blank=True)
    versiedatum = models.DateField(_("versiedatum"))
    deelzaaktypen = models.ManyToManyField("self", symmetrical=False, blank=True)
    # broncatalogus / bronzaaktype: where this case type was derived from (Catalogi API 1.3)
    broncatalogus_url = models.URLField(max_length=200, blank=True)
    broncatalogus_domein = models.CharField(max_length=5, blank=True)
    broncatalogus_rsin = models.CharField(max_length=9, blank=True)
    bronzaaktype_url = models.URLField(max_length=200, blank=True)
    bronzaaktype_identificatie = models.CharField(max_length=50, blank=True)
    bronzaaktype_omschrijving = models.CharField(max_length=80, blank=True)
    # Set on a read-only mirror of a type in an external Catalogi API (kernel/catalog/extern.py):
    # the original URL, which the APIs render instead of our own.
    extern_url = models.CharField(_("externe URL"), max_length=1000, blank=True, db_index=True)

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        ordering = ["catalogus", "identificatie", "-versiedatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalogus", "identificatie", "versiedatum"],
                name="zaaktype_versie_uniek",
            ),
            extern_uniek("zaaktype", binnen="catalogus"),
        ]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.identificatie})"

    @property
    def eindstatustype(self) -> StatusType | None:
        return self.statustypen.order_by("-volgnummer").first()


class AardRelatie(models.TextChoices):
    VERVOLG = "vervolg", _("Vervolg")
    BIJDRAGE = "bijdrage", _("Bijdrage")
    ONDERWERP = "onderwerp", _("Onderwerp")


class ZaakTypenRelatie(models.Model):
    """A related case type (gerelateerdeZaaktypen): by identificatie or URL, possibly in
    another catalogue."""

    zaaktype = models.ForeignKey(
        ZaakType, on_delete=models.CASCADE, related_name="zaaktypenrelaties"
    )
    gerelateerd_zaaktype = models.CharField(_("gerelateerd zaaktype"), max_length=200)
    aard_relatie = models.CharField(_("aard relatie"), max_length=15, choices=AardRelatie.choices)
    toelichting = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("gerelateerd zaaktype")
        verbose_name_plural = _("gerelateerde zaaktypen")

    def __str__(self) -> str:
        return f"{self.gerelateerd_zaaktype} ({self.aard_relatie})"


class StatusType(OptioneleGeldigheidMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="statustypen")
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    statustekst = models.CharField(
        _("statustekst"), max_length=1000, blank=True, help_text=_("Tekst voor de burger.")
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    informeren = models.BooleanField(_("initiator informeren"), default=False)
    doorlooptijd = models.CharField(max_length=20, blank=True, validators=[validate_duration])
    toelichting = models.TextField(blank=True)
    # checklistitemStatustype: [{itemnaam, toelichting, vraagstelling, verplicht}]
    checklistitems = models.JSONField(default=list, blank=True)
    # Set on a read-only mirror of a type in an external Catalogi API (kernel/catalog/extern.py):
    # the original URL, which the APIs render instead of our own.
    extern_url = models.CharField(_("externe URL"), max_length=1000, blank=True, db_index=True)
    zaakobjecttype = models.ForeignKey(
        "ZaakObjectType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statustypen",
    )

    class Meta:
        verbose_name = _("statustype")
        verbose_name_plural = _("statustypen")
        ordering = ["zaaktype", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["zaaktype", "volgnummer"], name="statustype_volgnummer_uniek"
            ),
            extern_uniek("statustype"),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def is_eindstatus(self) -> bool:
        """The status type with the highest volgnummer closes the case (Catalogi API)."""
        return not self.zaaktype.statustypen.filter(volgnummer__gt=self.volgnummer).exists()


class RolOmschrijving(models.TextChoices):
    """omschrijvingGeneriek of a roltype in the Catalogi API."""

    ADVISEUR = "adviseur", _("Adviseur")
    BEHANDELAAR = "behandelaar", _("Behandelaar")
    BELANGHEBBENDE = "belanghebbende", _("Belanghebbende")
    BESLISSER = "beslisser", _("Beslisser")
    INITIATOR = "initiator", _("Initiator")
    KLANTCONTACTER = "klantcontacter", _("Klantcontacter")
    ZAAKCOORDINATOR = "zaakcoordinator", _("Zaakcoördinator")
    MEDE_INITIATOR = "mede_initiator", _("Mede-initiator")


class RolType(InZaaktypeCatalogusMixin, OptioneleGeldigheidMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="roltypen")
    omschrijving = models.CharField(_("omschrijving"), max_length=100)
    omschrijving_generiek = models.CharField(
        _("omschrijving generiek"), max_length=20, choices=RolOmschrijving.choices
    )
    # Set on a read-only mirror of a type in an external Catalogi API (kernel/catalog/extern.py):
    # the original URL, which the APIs render instead of our own.
    extern_url = models.CharField(_("externe URL"), max_length=1000, blank=True, db_index=True)

    class Meta:
        verbose_name = _("roltype")
        verbose_name_plural = _("roltypen")
        constraints = [
            extern_uniek("roltype"),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Afleidingswijze(models.TextChoices):
    """How the start date of the archive term is derived (brondatumArchiefprocedure)."""

    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    ANDER_DATUMKENMERK = "ander_datumkenmerk", _("Ander datumkenmerk")
    EIGENSCHAP = "eigenschap", _("Eigenschap")
    GERELATEERDE_ZAAK = "gerelateerde_zaak", _("Gerelateerde zaak")
    HOOFDZAAK = "hoofdzaak", _("Hoofdzaak")
    INGANGSDATUM_BESLUIT = "ingangsdatum_besluit", _("Ingangsdatum besluit")
    TERMIJN = "termijn", _("Termijn")
    VERVALDATUM_BESLUIT = "vervaldatum_besluit", _("Vervaldatum besluit")
    ZAAKOBJECT = "zaakobject", _("Zaakobject")


class ResultaatType(InZaaktypeCatalogusMixin, OptioneleGeldigheidMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="resultaattypen")
    omschrijving = models.CharField(_("omschrijving"), max_length=30)
    resultaattypeomschrijving = models.URLField(blank=True)
    omschrijving_generiek = models.CharField(max_length=20, blank=True)
    selectielijstklasse = models.URLField(blank=True)
    toelichting = models.TextField(blank=True)
    archiefnominatie = models.CharField(
        _("archiefnominatie"), max_length=20, choices=Archiefnominatie.choices, blank=True
    )
    archiefactietermijn = models.CharField(
        _("archiefactietermijn"),
        max_length=20,
        blank=True,
        validators=[validate_duration],
        help_text=_("Bewaartermijn als ISO 8601-duur, bijvoorbeeld P7Y."),
    )
    # brondatumArchiefprocedure
    afleidingswijze = models.CharField(
        _("afleidingswijze brondatum"),
        max_length=25,
        choices=Afleidingswijze.choices,
        default=Afleidingswijze.AFGEHANDELD,
    )
    datumkenmerk = models.CharField(max_length=80, blank=True)
    einddatum_bekend = models.BooleanField(default=False)
    objecttype = models.CharField(max_length=80, blank=True)
    registratie = models.CharField(max_length=80, blank=True)
    procestermijn = models.CharField(max_length=20, blank=True, validators=[validate_duration])
    # How long the case file stays in active use after closing (Catalogi API 1.3 `procestermijn`;
    # `procestermijn` above is the one of brondatumArchiefprocedure).
    procestermijn_dossier = models.CharField(
        max_length=20, blank=True, validators=[validate_duration]
    )
    procesobjectaard = models.CharField(max_length=200, blank=True)
    # Set on a read-only mirror of a type in an external Catalogi API (kernel/catalog/extern.py):
    # the original URL, which the APIs render instead of our own.
    extern_url = models.CharField(_("externe URL"), max_length=1000, blank=True, db_index=True)
    indicatie_specifiek = models.BooleanField(null=True, blank=True)
    besluittypen = models.ManyToManyField(  # type: ignore[var-annotated]
        "BesluitType", blank=True, related_name="resultaattypen"
    )
    informatieobjecttypen = models.ManyToManyField(  # type: ignore[var-annotated]
        "InformatieObjectType", blank=True, related_name="resultaattypen"
    )
    zaakobjecttype = models.ForeignKey(
        "ZaakObjectType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resultaattypen",
    )

    class Meta:
        verbose_name = _("resultaattype")
        verbose_name_plural = _("resultaattypen")
        constraints = [
            extern_uniek("resultaattype"),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class InformatieObjectType(GeldigheidMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    catalogus = models.ForeignKey(
        Catalogus, on_delete=models.PROTECT, related_name="informatieobjecttypen"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.ZAAKVERTROUWELIJK,
    )
    informatieobjectcategorie = models.CharField(max_length=80, default="Overig")
    trefwoord = models.JSONField(default=list, blank=True)
    # omschrijvingGeneriek (Catalogi API 1.3 gegevensgroep)
    omschrijving_generiek_informatieobjecttype = models.CharField(max_length=80, blank=True)
    omschrijving_generiek_definitie = models.CharField(max_length=255, blank=True)
    omschrijving_generiek_herkomst = models.CharField(max_length=12, blank=True)
    omschrijving_generiek_hierarchie = models.CharField(max_length=80, blank=True)
    omschrijving_generiek_opmerking = models.CharField(max_length=255, blank=True)
    zaaktypen = models.ManyToManyField(  # type: ignore[var-annotated]
        ZaakType, through="ZaakTypeInformatieObjectType", related_name="informatieobjecttypen"
    )

    class Meta:
        verbose_name = _("informatieobjecttype")
        verbose_name_plural = _("informatieobjecttypen")

    def __str__(self) -> str:
        return self.omschrijving


class Richting(models.TextChoices):
    INKOMEND = "inkomend", _("Inkomend")
    INTERN = "intern", _("Intern")
    UITGAAND = "uitgaand", _("Uitgaand")


class ZaakTypeInformatieObjectType(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE)
    informatieobjecttype = models.ForeignKey(InformatieObjectType, on_delete=models.CASCADE)
    volgnummer = models.PositiveSmallIntegerField(default=1)
    richting = models.CharField(max_length=10, choices=Richting.choices, default=Richting.INKOMEND)
    statustype = models.ForeignKey(StatusType, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("zaaktype-informatieobjecttype")
        verbose_name_plural = _("zaaktype-informatieobjecttypen")

    def __str__(self) -> str:
        return f"{self.informatieobjecttype} ({self.get_richting_display()})"


class EigenschapFormaat(models.TextChoices):
    TEKST = "tekst", _("Tekst")
    GETAL = "getal", _("Getal")
    DATUM = "datum", _("Datum")
    DATUM_TIJD = "datum_tijd", _("Datum/tijd")


class EigenschapType(OptioneleGeldigheidMixin):
    """A property a case of this type can carry ('Eigenschap' in the Catalogi API)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="eigenschappen")
    naam = models.CharField(_("naam"), max_length=20)
    definitie = models.CharField(_("definitie"), max_length=255)
    formaat = models.CharField(max_length=10, choices=EigenschapFormaat.choices)
    lengte = models.CharField(max_length=14, default="255")
    kardinaliteit = models.CharField(max_length=3, default="1")
    waardenverzameling = models.JSONField(default=list, blank=True)
    groep = models.CharField(max_length=32, blank=True)
    toelichting = models.TextField(blank=True)
    statustype = models.ForeignKey(
        StatusType, null=True, blank=True, on_delete=models.SET_NULL, related_name="eigenschappen"
    )

    class Meta:
        verbose_name = _("eigenschap")
        verbose_name_plural = _("eigenschappen")
        constraints = [
            models.UniqueConstraint(fields=["zaaktype", "naam"], name="eigenschap_naam_uniek")
        ]

    def __str__(self) -> str:
        return self.naam


class BesluitType(GeldigheidMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="besluittypen")
    zaaktypen = models.ManyToManyField(ZaakType, blank=True, related_name="besluittypen")
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    besluitcategorie = models.CharField(max_length=40, blank=True)
    reactietermijn = models.CharField(max_length=20, blank=True, validators=[validate_duration])
    publicatie_indicatie = models.BooleanField(default=False)
    publicatietekst = models.TextField(blank=True)
    publicatietermijn = models.CharField(max_length=20, blank=True, validators=[validate_duration])
    toelichting = models.TextField(blank=True)
    informatieobjecttypen = models.ManyToManyField(
        InformatieObjectType, blank=True, related_name="besluittypen"
    )

    class Meta:
        verbose_name = _("besluittype")
        verbose_name_plural = _("besluittypen")

    def __str__(self) -> str:
        return self.omschrijving


class ZaakObjectType(InZaaktypeCatalogusMixin, models.Model):
    """A kind of object cases of this type can be about (Catalogi API 1.3 ZAAKOBJECTTYPE)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="zaakobjecttypen")
    ander_objecttype = models.BooleanField(_("ander objecttype"), default=False)
    objecttype = models.URLField(_("objecttype"), max_length=200)
    relatie_omschrijving = models.CharField(_("relatieomschrijving"), max_length=80)
    begin_geldigheid = models.DateField(_("begin geldigheid"))
    einde_geldigheid = models.DateField(_("einde geldigheid"), null=True, blank=True)

    class Meta:
        verbose_name = _("zaakobjecttype")
        verbose_name_plural = _("zaakobjecttypen")

    def __str__(self) -> str:
        return self.relatie_omschrijving
