"""Cases (zaken) and what hangs under them. Field names follow the Zaken API 1.x."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.catalog.models import (
    BesluitType,
    EigenschapType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
)
from raadhuis.kernel.common import Archiefnominatie, Archiefstatus, Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij


class Betalingsindicatie(models.TextChoices):
    NVT = "nvt", _("Er is geen sprake van te betalen, met de zaak gemoeide, kosten.")
    NOG_NIET = "nog_niet", _("De met de zaak gemoeide kosten zijn (nog) niet betaald.")
    GEDEELTELIJK = "gedeeltelijk", _("De met de zaak gemoeide kosten zijn gedeeltelijk betaald.")
    GEHEEL = "geheel", _("De met de zaak gemoeide kosten zijn geheel betaald.")


class Zaak(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    identificatie = models.CharField(_("zaaknummer"), max_length=40)
    bronorganisatie = models.CharField(_("bronorganisatie"), max_length=9)
    verantwoordelijke_organisatie = models.CharField(
        _("verantwoordelijke organisatie"), max_length=9
    )
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.PROTECT, related_name="zaken")
    omschrijving = models.CharField(_("omschrijving"), max_length=80, blank=True)
    toelichting = models.TextField(_("toelichting"), max_length=1000, blank=True)
    registratiedatum = models.DateField(_("registratiedatum"))
    startdatum = models.DateField(_("startdatum"))
    einddatum_gepland = models.DateField(_("geplande einddatum"), null=True, blank=True)
    uiterlijke_einddatum_afdoening = models.DateField(
        _("uiterlijke einddatum afdoening"), null=True, blank=True
    )
    publicatiedatum = models.DateField(null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        _("vertrouwelijkheid"), max_length=20, choices=Vertrouwelijkheid.choices
    )
    communicatiekanaal = models.CharField(max_length=1000, blank=True)
    producten_of_diensten = models.JSONField(default=list, blank=True)
    betalingsindicatie = models.CharField(
        max_length=20, choices=Betalingsindicatie.choices, blank=True
    )
    laatste_betaaldatum = models.DateTimeField(null=True, blank=True)
    # GeoJSON as given; its bounding box in columns so a "within" search is an index range.
    zaakgeometrie = models.JSONField(null=True, blank=True)
    geo_xmin = models.FloatField(null=True, blank=True, editable=False)
    geo_ymin = models.FloatField(null=True, blank=True, editable=False)
    geo_xmax = models.FloatField(null=True, blank=True, editable=False)
    geo_ymax = models.FloatField(null=True, blank=True, editable=False)
    selectielijstklasse = models.CharField(max_length=1000, blank=True)
    opdrachtgevende_organisatie = models.CharField(max_length=9, blank=True)
    processobjectaard = models.CharField(max_length=200, blank=True)
    startdatum_bewaartermijn = models.DateField(null=True, blank=True)
    # {datumkenmerk, identificatie, objecttype, registratie} (Zaken API processobject)
    processobject = models.JSONField(null=True, blank=True)
    archiefnominatie = models.CharField(
        _("archiefnominatie"), max_length=20, choices=Archiefnominatie.choices, blank=True
    )
    archiefstatus = models.CharField(
        max_length=40, choices=Archiefstatus.choices, default=Archiefstatus.NOG_TE_ARCHIVEREN
    )
    archiefactiedatum = models.DateField(_("archiefactiedatum"), null=True, blank=True)
    opschorting_indicatie = models.BooleanField(default=False)
    opschorting_reden = models.CharField(max_length=200, blank=True)
    verlenging_reden = models.CharField(max_length=200, blank=True)
    verlenging_duur = models.CharField(max_length=20, blank=True)
    hoofdzaak = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="deelzaken"
    )
    # Denormalised for fast lists and work queues; kept in step by the services.
    status_actueel = models.ForeignKey(
        "Status", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    behandelaar = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        constraints = [
            models.UniqueConstraint(
                fields=["bronorganisatie", "identificatie"], name="zaak_identificatie_uniek"
            )
        ]
        indexes = [
            models.Index(fields=["organisatie", "-startdatum", "-id"], name="zaak_lijst_idx"),
            # One case type's cases newest first (the list filtered on a case type walks it and
            # stops at a page); the access filter's confidentiality is checked from the index
            # too (INCLUDE, PostgreSQL), so counting the cases one may see needs no table rows.
            models.Index(
                fields=["organisatie", "zaaktype", "-startdatum", "-id"],
                include=["vertrouwelijkheidaanduiding"],
                name="zaak_type_lijst_idx",
            ),
            # Work queues and the team view count open cases per handler from the index alone.
            models.Index(
                fields=["organisatie", "behandelaar", "uiterlijke_einddatum_afdoening"],
                condition=models.Q(einddatum__isnull=True),
                include=["startdatum"],
                name="zaak_open_beh_idx",
            ),
            models.Index(fields=["organisatie", "einddatum", "-startdatum"], name="zaak_open_idx"),
            models.Index(fields=["organisatie", "identificatie"], name="zaak_ident_idx"),
            models.Index(fields=["archiefactiedatum"], name="zaak_archief_idx"),
            # Zaken API filters (the default order is zaak_lijst_idx's).
            models.Index(fields=["organisatie", "registratiedatum"], name="zaak_registratie_idx"),
            models.Index(fields=["organisatie", "einddatum_gepland"], name="zaak_gepland_idx"),
            models.Index(
                fields=["organisatie", "uiterlijke_einddatum_afdoening"], name="zaak_uiterlijk_idx"
            ),
            models.Index(fields=["organisatie", "publicatiedatum"], name="zaak_publicatie_idx"),
            models.Index(
                fields=["organisatie", "archiefnominatie", "archiefactiedatum"],
                name="zaak_archiefnom_idx",
            ),
            models.Index(
                fields=["organisatie", "archiefstatus", "archiefactiedatum"],
                name="zaak_archiefstatus_idx",
            ),
            models.Index(fields=["geo_xmin", "geo_ymin"], name="zaak_geo_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.identificatie} {self.omschrijving}".strip()

    @property
    def is_afgesloten(self) -> bool:
        return self.einddatum is not None


class ZaakNummerTeller(models.Model):
    """Last issued number per organisation, kind (zaak, document, besluit) and year.

    The row is locked while the next number is issued, so two requests never get the same one.
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(max_length=20, default="zaak")
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "soort", "jaar"], name="nummer_per_soort_per_jaar"
            )
        ]


class Status(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="statussen")
    statustype = models.ForeignKey(StatusType, on_delete=models.PROTECT, related_name="+")
    datum_status_gezet = models.DateTimeField(_("datum status gezet"))
    statustoelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)
    gezetdoor = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Zaken API `gezetdoor`: the ROL (of this case) that set the status.
    gezetdoor_rol = models.ForeignKey(
        "Rol", null=True, blank=True, on_delete=models.SET_NULL, related_name="statussen"
    )
    # Who set it, as the case page shows it: also for an API application or the system,
    # which have no medewerker.
    gezetdoor_weergave = models.CharField(_("gezet door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statussen")
        ordering = ["datum_status_gezet", "id"]

    def __str__(self) -> str:
        return self.statustype.omschrijving


class BetrokkeneType(models.TextChoices):
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
    NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("Niet-natuurlijk persoon")
    VESTIGING = "vestiging", _("Vestiging")
    ORGANISATORISCHE_EENHEID = "organisatorische_eenheid", _("Organisatorische eenheid")
    MEDEWERKER = "medewerker", _("Medewerker")


class Rol(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="rollen")
    roltype = models.ForeignKey(RolType, on_delete=models.PROTECT, related_name="+")
    betrokkene_type = models.CharField(max_length=30, choices=BetrokkeneType.choices)
    partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.PROTECT, related_name="rollen"
    )
    medewerker = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="zaakrollen"
    )
    eenheid = models.ForeignKey(
        OrganisatorischeEenheid, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    roltoelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)
    registratiedatum = models.DateTimeField(auto_now_add=True)
    indicatie_machtiging = models.CharField(max_length=20, blank=True)
    # Zaken API: a betrokkene outside our registers (a URL) and/or its identification as the
    # caller gave it (betrokkeneIdentificatie, camelCase keys). A rol linked to one of our
    # parties, medewerkers or units derives its identification from that instead.
    betrokkene_url = models.CharField(max_length=1000, blank=True)
    betrokkene_identificatie = models.JSONField(default=dict, blank=True)
    afwijkende_naam_betrokkene = models.CharField(max_length=625, blank=True)
    contactpersoon_rol = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.CheckConstraint(
                name="rol_hoogstens_een_betrokkene",
                condition=(
                    models.Q(medewerker__isnull=True, eenheid__isnull=True)
                    | models.Q(partij__isnull=True, medewerker__isnull=False, eenheid__isnull=True)
                    | models.Q(partij__isnull=True, medewerker__isnull=True, eenheid__isnull=False)
                ),
            )
        ]
        indexes = [models.Index(fields=["betrokkene_url"], name="rol_betrokkene_url_idx")]

    def __str__(self) -> str:
        return f"{self.roltype}: {self.betrokkene}"

    @property
    def betrokkene(self) -> object:
        """Our party, medewerker or unit; else the name the caller gave."""
        return (
            self.partij
            or self.medewerker
            or self.eenheid
            or self.afwijkende_naam_betrokkene
            or _betrokkene_naam(self.betrokkene_identificatie)
            or self.betrokkene_url
        )


def _betrokkene_naam(identificatie: dict) -> str:
    """A readable name from a Zaken API betrokkeneIdentificatie."""
    keys = (
        "voorletters",
        "voorvoegselGeslachtsnaam",
        "geslachtsnaam",
        "statutaireNaam",
        "naam",
        "voorvoegselAchternaam",
        "achternaam",
    )
    naam = " ".join(str(identificatie.get(k) or "") for k in keys).split()
    if naam:
        return " ".join(naam)
    handelsnaam = identificatie.get("handelsnaam") or []
    return str(handelsnaam[0]) if handelsnaam else str(identificatie.get("identificatie") or "")


class RolSleutel(models.Model):
    """The identifiers of a rol's betrokkene, one row each, for the Zaken API filters
    `rol__betrokkeneIdentificatie__<type>__<veld>` as one indexed lookup:
    `sleutel = "natuurlijk_persoon.inpBsn=111222333"`. Kept in step by the services."""

    rol = models.ForeignKey(Rol, on_delete=models.CASCADE, related_name="sleutels")
    sleutel = models.CharField(max_length=300)

    class Meta:
        indexes = [models.Index(fields=["sleutel", "rol"], name="rolsleutel_idx")]


class Resultaat(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="resultaat")
    resultaattype = models.ForeignKey(ResultaatType, on_delete=models.PROTECT, related_name="+")
    toelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")

    def __str__(self) -> str:
        return self.resultaattype.omschrijving


class ZaakEigenschap(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="eigenschappen")
    eigenschap = models.ForeignKey(EigenschapType, on_delete=models.PROTECT, related_name="+")
    waarde = models.TextField(_("waarde"))

    class Meta:
        verbose_name = _("zaakeigenschap")
        verbose_name_plural = _("zaakeigenschappen")

    def __str__(self) -> str:
        return f"{self.eigenschap.naam}: {self.waarde}"


class AardRelatie(models.TextChoices):
    VERVOLG = "vervolg", _("Vervolg")
    ONDERWERP = "onderwerp", _("Onderwerp")
    BIJDRAGE = "bijdrage", _("Bijdrage")


class RelevanteZaak(models.Model):
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="relevante_andere_zaken")
    andere_zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="+")
    aard_relatie = models.CharField(max_length=20, choices=AardRelatie.choices)

    class Meta:
        verbose_name = _("gerelateerde zaak")
        verbose_name_plural = _("gerelateerde zaken")


class Besluit(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    identificatie = models.CharField(max_length=50)
    verantwoordelijke_organisatie = models.CharField(max_length=9)
    besluittype = models.ForeignKey(BesluitType, on_delete=models.PROTECT, related_name="+")
    zaak = models.ForeignKey(
        Zaak, null=True, blank=True, on_delete=models.PROTECT, related_name="besluiten"
    )
    datum = models.DateField(_("besluitdatum"))
    toelichting = models.TextField(blank=True)
    bestuursorgaan = models.CharField(max_length=50, blank=True)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    vervaldatum = models.DateField(_("vervaldatum"), null=True, blank=True)
    vervalreden = models.CharField(max_length=30, blank=True)
    publicatiedatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    uiterlijke_reactiedatum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.UniqueConstraint(
                fields=["verantwoordelijke_organisatie", "identificatie"],
                name="besluit_identificatie_uniek",
            )
        ]

    def __str__(self) -> str:
        return self.identificatie


class ZaakKenmerk(models.Model):
    """A reference to the case in another system (Zaken API `kenmerken`)."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="kenmerken")
    kenmerk = models.CharField(max_length=40)
    bron = models.CharField(max_length=40)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.bron}: {self.kenmerk}"


class ZaakNummerReservering(models.Model):
    """A case number handed out by /zaaknummer_reserveren: never generated again, and taken
    only by a case created with that number explicitly."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    bronorganisatie = models.CharField(max_length=9)
    identificatie = models.CharField(max_length=40)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bronorganisatie", "identificatie"], name="zaaknummer_reservering_uniek"
            )
        ]

    def __str__(self) -> str:
        return self.identificatie


class ObjectType(models.TextChoices):
    ADRES = "adres", _("Adres")
    BESLUIT = "besluit", _("Besluit")
    BUURT = "buurt", _("Buurt")
    ENKELVOUDIG_DOCUMENT = "enkelvoudig_document", _("Enkelvoudig document")
    GEMEENTE = "gemeente", _("Gemeente")
    GEMEENTELIJKE_OPENBARE_RUIMTE = (
        "gemeentelijke_openbare_ruimte",
        _("Gemeentelijke openbare ruimte"),
    )
    HUISHOUDEN = "huishouden", _("Huishouden")
    INRICHTINGSELEMENT = "inrichtingselement", _("Inrichtingselement")
    KADASTRALE_ONROERENDE_ZAAK = "kadastrale_onroerende_zaak", _("Kadastrale onroerende zaak")
    KUNSTWERKDEEL = "kunstwerkdeel", _("Kunstwerkdeel")
    MAATSCHAPPELIJKE_ACTIVITEIT = "maatschappelijke_activiteit", _("Maatschappelijke activiteit")
    MEDEWERKER = "medewerker", _("Medewerker")
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
    NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("Niet-natuurlijk persoon")
    OPENBARE_RUIMTE = "openbare_ruimte", _("Openbare ruimte")
    ORGANISATORISCHE_EENHEID = "organisatorische_eenheid", _("Organisatorische eenheid")
    PAND = "pand", _("Pand")
    SPOORBAANDEEL = "spoorbaandeel", _("Spoorbaandeel")
    STATUS = "status", _("Status")
    TERREINDEEL = "terreindeel", _("Terreindeel")
    TERREIN_GEBOUWD_OBJECT = "terrein_gebouwd_object", _("Terrein gebouwd object")
    VESTIGING = "vestiging", _("Vestiging")
    WATERDEEL = "waterdeel", _("Waterdeel")
    WEGDEEL = "wegdeel", _("Wegdeel")
    WIJK = "wijk", _("Wijk")
    WOONPLAATS = "woonplaats", _("Woonplaats")
    WOZ_DEELOBJECT = "woz_deelobject", _("WOZ-deelobject")
    WOZ_OBJECT = "woz_object", _("WOZ-object")
    WOZ_WAARDE = "woz_waarde", _("WOZ-waarde")
    ZAKELIJK_RECHT = "zakelijk_recht", _("Zakelijk recht")
    OVERIGE = "overige", _("Overige")


class ZaakObject(models.Model):
    """Something the case is about: an address, a building, a person, ... (by URL and/or an
    identification of its kind)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakobjecten")
    object = models.CharField(max_length=1000, blank=True)
    zaakobjecttype = models.ForeignKey(
        "catalog.ZaakObjectType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.CharField(max_length=100, choices=ObjectType.choices)
    object_type_overige = models.CharField(max_length=100, blank=True)
    object_type_overige_definitie = models.JSONField(null=True, blank=True)
    relatieomschrijving = models.CharField(max_length=80, blank=True)
    object_identificatie = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("zaakobject")
        verbose_name_plural = _("zaakobjecten")
        indexes = [
            models.Index(fields=["object"], name="zaakobject_object_idx"),
            models.Index(fields=["object_type", "zaak"], name="zaakobject_type_idx"),
        ]

    def __str__(self) -> str:
        return self.relatieomschrijving or self.object or self.object_type


class KlantContact(models.Model):
    """A contact with a client about the case (Zaken API, deprecated there)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="klantcontacten")
    identificatie = models.CharField(max_length=14)
    datumtijd = models.DateTimeField()
    kanaal = models.CharField(max_length=20, blank=True)
    onderwerp = models.CharField(max_length=200, blank=True)
    toelichting = models.CharField(max_length=1000, blank=True)

    class Meta:
        verbose_name = _("klantcontact")
        verbose_name_plural = _("klantcontacten")

    def __str__(self) -> str:
        return self.identificatie


class ZaakContactMoment(models.Model):
    """A contactmoment (Contactmomenten API) about the case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="contactmomenten")
    contactmoment = models.CharField(max_length=1000)

    class Meta:
        indexes = [models.Index(fields=["contactmoment"], name="zaakcontactmoment_idx")]

    def __str__(self) -> str:
        return self.contactmoment


class ZaakVerzoek(models.Model):
    """A verzoek (Verzoeken API) the case handles."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="verzoeken")
    verzoek = models.CharField(max_length=1000)

    class Meta:
        indexes = [models.Index(fields=["verzoek"], name="zaakverzoek_idx")]

    def __str__(self) -> str:
        return self.verzoek


class NotitieType(models.TextChoices):
    INTERN = "intern", _("Intern")
    EXTERN = "extern", _("Extern")


class NotitieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    DEFINITIEF = "definitief", _("Definitief")


class ZaakNotitie(models.Model):
    """A note on a case (Zaken API 1.7 zaaknotities, experimental); changeable while concept."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="notities")
    onderwerp = models.CharField(max_length=255)
    tekst = models.TextField()
    aangemaakt_door = models.CharField(max_length=255, blank=True)
    notitie_type = models.CharField(
        max_length=10, choices=NotitieType.choices, default=NotitieType.INTERN
    )
    status = models.CharField(
        max_length=10, choices=NotitieStatus.choices, default=NotitieStatus.CONCEPT
    )
    aanmaakdatum = models.DateTimeField(auto_now_add=True)
    wijzigingsdatum = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zaaknotitie")
        verbose_name_plural = _("zaaknotities")
        indexes = [models.Index(fields=["zaak", "-aanmaakdatum"], name="zaaknotitie_idx")]

    def __str__(self) -> str:
        return self.onderwerp


class ZaakTelling(models.Model):
    """How many cases there are per organisation, case type and confidentiality, kept by the
    database itself (triggers on the zaak table, see migration 0005), so the exact `count` of
    a large list needs no COUNT(*) over a million rows.

    Rows are deltas (+n for inserted cases, -n for deleted ones): writers only ever insert, so
    concurrent case creation never waits on a shared counter row. `zaaktellingen_samenvoegen`
    folds them into one row per group now and then. The field names are those of Zaak, so
    the access filter of a case (kernel.access.policies.zaak_filter) applies as it is."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    zaaktype = models.ForeignKey(
        ZaakType, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    vertrouwelijkheidaanduiding = models.CharField(max_length=20)
    aantal = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["organisatie", "zaaktype", "vertrouwelijkheidaanduiding"],
                name="zaaktelling_groep_idx",
            )
        ]
