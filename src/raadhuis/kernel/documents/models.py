"""Documents (informatieobjecten) with immutable versions, and their link to cases."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Besluit, Status, Zaak
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker, Organisatie


class DocumentStatus(models.TextChoices):
    IN_BEWERKING = "in_bewerking", _("In bewerking")
    TER_VASTSTELLING = "ter_vaststelling", _("Ter vaststelling")
    DEFINITIEF = "definitief", _("Definitief")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")


class InformatieObject(models.Model):
    """The document itself; what changes over time lives in its versions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    identificatie = models.CharField(_("identificatie"), max_length=40)
    bronorganisatie = models.CharField(max_length=9)
    informatieobjecttype = models.ForeignKey(
        InformatieObjectType, on_delete=models.PROTECT, related_name="+"
    )
    creatiedatum = models.DateField(_("creatiedatum"))
    # The current version's metadata, copied here so lists need no join on versions.
    titel = models.CharField(_("titel"), max_length=200)
    vertrouwelijkheidaanduiding = models.CharField(max_length=20, choices=Vertrouwelijkheid.choices)
    versie = models.PositiveIntegerField(_("versie"), default=1)
    # A checkout (Documenten API lock): only who holds this value may change the document.
    lock = models.CharField(max_length=100, blank=True)
    # Set by the services while GEBRUIKSRECHTen exist (True) and cleared when the last one goes;
    # False means "known to have no restrictions", null "not known".
    indicatie_gebruiksrecht = models.BooleanField(null=True, blank=True)
    # The current version, so a list needs one join instead of a query per document.
    laatste_versie = models.ForeignKey(
        "InformatieObjectVersie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        constraints = [
            models.UniqueConstraint(
                fields=["bronorganisatie", "identificatie"], name="document_identificatie_uniek"
            )
        ]
        indexes = [
            # Access filters: informatieobjecttype IN (...) AND vertrouwelijkheid IN (...).
            models.Index(
                fields=["organisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"],
                name="document_toegang_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def locked(self) -> bool:
        return bool(self.lock)


def versie_upload_to(instance: InformatieObjectVersie, filename: str) -> str:
    return f"documenten/{instance.informatieobject.uuid}/{instance.versie}/{filename}"


class OndertekeningSoort(models.TextChoices):
    ANALOOG = "analoog", _("Analoog")
    DIGITAAL = "digitaal", _("Digitaal")
    PKI = "pki", _("PKI")


class IntegriteitAlgoritme(models.TextChoices):
    CRC_16 = "crc_16", "CRC-16"
    CRC_32 = "crc_32", "CRC-32"
    CRC_64 = "crc_64", "CRC-64"
    FLETCHER_4 = "fletcher_4", "Fletcher-4"
    FLETCHER_8 = "fletcher_8", "Fletcher-8"
    FLETCHER_16 = "fletcher_16", "Fletcher-16"
    FLETCHER_32 = "fletcher_32", "Fletcher-32"
    HMAC = "hmac", "HMAC"
    MD5 = "md5", "MD5"
    SHA_1 = "sha_1", "SHA-1"
    SHA_256 = "sha_256", "SHA-256"
    SHA_512 = "sha_512", "SHA-512"
    SHA_3 = "sha_3", "SHA-3"


class InformatieObjectVersie(models.Model):
    """One immutable version: file and metadata as they were when it was registered.

    A version registered without content (a large file sent in BESTANDSDELEN) gets its file
    once, when the upload is completed; after that nothing about it changes."""

    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="versies"
    )
    versie = models.PositiveIntegerField()
    identificatie = models.CharField(_("identificatie"), max_length=40, blank=True)
    bronorganisatie = models.CharField(max_length=9, blank=True)
    creatiedatum = models.DateField(_("creatiedatum"), null=True, blank=True)
    informatieobjecttype = models.ForeignKey(
        InformatieObjectType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    auteur = models.CharField(_("auteur"), max_length=200)
    status = models.CharField(max_length=20, choices=DocumentStatus.choices, blank=True)
    taal = models.CharField(max_length=3, default="nld")
    vertrouwelijkheidaanduiding = models.CharField(max_length=20, choices=Vertrouwelijkheid.choices)
    bestand = models.FileField(upload_to=versie_upload_to, max_length=500, blank=True)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    formaat = models.CharField(_("formaat"), max_length=255, blank=True)
    bestandsomvang = models.PositiveBigIntegerField(_("grootte (bytes)"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    link = models.URLField(max_length=200, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    verschijningsvorm = models.TextField(blank=True)
    ondertekening_soort = models.CharField(
        max_length=10, choices=OndertekeningSoort.choices, blank=True
    )
    ondertekening_datum = models.DateField(null=True, blank=True)
    integriteit_algoritme = models.CharField(
        max_length=20, choices=IntegriteitAlgoritme.choices, blank=True
    )
    integriteit_waarde = models.CharField(max_length=128, blank=True)
    integriteit_datum = models.DateField(null=True, blank=True)
    trefwoorden = models.JSONField(default=list, blank=True)
    is_gereed_voor_publicatie = models.BooleanField(null=True, blank=True)
    tonen_aan_initiator = models.BooleanField(default=False)
    inhoud_is_vervallen = models.BooleanField(null=True, blank=True)
    begin_registratie = models.DateTimeField(auto_now_add=True)
    geregistreerd_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["informatieobject", "versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["informatieobject", "versie"], name="documentversie_uniek"
            )
        ]

    def save(self, *args, **kwargs) -> None:
        # Versions are evidence: once registered they never change.
        if self.pk is not None:
            raise ValueError("InformatieObjectVersie is immutable; register a new version.")
        super().save(*args, **kwargs)


class BestandsDeel(models.Model):
    """One part of a large file sent in pieces (Documenten API 1.1+ BESTANDSDEEL). Parts exist
    while their document is locked; unlocking joins them into the version's file."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="bestandsdelen"
    )
    volgnummer = models.PositiveIntegerField()
    omvang = models.PositiveBigIntegerField()
    inhoud = models.FileField(upload_to="documenten/bestandsdelen/%Y/%m/", blank=True)
    voltooid = models.BooleanField(default=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bestandsdeel")
        verbose_name_plural = _("bestandsdelen")
        ordering = ["informatieobject", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["informatieobject", "volgnummer"], name="bestandsdeel_volgnummer_uniek"
            ),
            models.CheckConstraint(condition=models.Q(omvang__gt=0), name="bestandsdeel_omvang"),
        ]

    def __str__(self) -> str:
        return f"{self.informatieobject_id} deel {self.volgnummer}"


class Gebruiksrecht(models.Model):
    """Conditions on using a document other than reading it (Documenten API GEBRUIKSRECHTEN)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="gebruiksrechten"
    )
    startdatum = models.DateTimeField(_("startdatum"), db_index=True)
    einddatum = models.DateTimeField(_("einddatum"), null=True, blank=True, db_index=True)
    omschrijving_voorwaarden = models.TextField(_("omschrijving voorwaarden"))

    class Meta:
        verbose_name = _("gebruiksrecht")
        verbose_name_plural = _("gebruiksrechten")

    def __str__(self) -> str:
        return self.omschrijving_voorwaarden[:50]


class VerzendingAardRelatie(models.TextChoices):
    AFZENDER = "afzender", _("Afzender")
    GEADRESSEERDE = "geadresseerde", _("Geadresseerde")


class PostadresType(models.TextChoices):
    ANTWOORDNUMMER = "antwoordnummer", _("Antwoordnummer")
    POSTBUSNUMMER = "postbusnummer", _("Postbusnummer")


class Verzending(models.Model):
    """A document received from or sent to a party (Documenten API VERZENDING)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="verzendingen"
    )
    betrokkene = models.URLField(max_length=200)
    aard_relatie = models.CharField(max_length=20, choices=VerzendingAardRelatie.choices)
    toelichting = models.CharField(max_length=200, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    contact_persoon = models.URLField(max_length=1000)
    contactpersoonnaam = models.CharField(max_length=40, blank=True)
    # binnenlandsCorrespondentieadres
    binnenlands_huisletter = models.CharField(max_length=1, blank=True)
    binnenlands_huisnummer = models.PositiveIntegerField(null=True, blank=True)
    binnenlands_huisnummer_toevoeging = models.CharField(max_length=4, blank=True)
    binnenlands_naam_openbare_ruimte = models.CharField(max_length=80, blank=True)
    binnenlands_postcode = models.CharField(max_length=6, blank=True)
    binnenlands_woonplaatsnaam = models.CharField(max_length=80, blank=True)
    # buitenlandsCorrespondentieadres
    buitenlands_adres_buitenland_1 = models.CharField(max_length=35, blank=True)
    buitenlands_adres_buitenland_2 = models.CharField(max_length=35, blank=True)
    buitenlands_adres_buitenland_3 = models.CharField(max_length=35, blank=True)
    buitenlands_land_postadres = models.URLField(max_length=200, blank=True)
    # correspondentiePostadres
    postadres_post_bus_of_antwoordnummer = models.PositiveIntegerField(null=True, blank=True)
    postadres_postcode = models.CharField(max_length=6, blank=True)
    postadres_type = models.CharField(max_length=20, choices=PostadresType.choices, blank=True)
    postadres_woonplaatsnaam = models.CharField(max_length=80, blank=True)
    faxnummer = models.CharField(max_length=15, blank=True)
    emailadres = models.CharField(max_length=100, blank=True)
    mijn_overheid = models.BooleanField(default=False)
    telefoonnummer = models.CharField(max_length=15, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")

    def __str__(self) -> str:
        return f"{self.aard_relatie}: {self.betrokkene}"


class ZaakInformatieObject(models.Model):
    """A document of a case: a document of this installation (`informatieobject`), or one in
    another Documenten API (`informatieobject_url`, a configured zgw-consumers service of type
    drc). Exactly one of the two is set; see docs/api/externe-verwijzingen.md."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="documenten")
    informatieobject = models.ForeignKey(
        InformatieObject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="zaken",
    )
    # The EnkelvoudigInformatieObject in another Documenten API, exactly as the client sent it.
    informatieobject_url = models.URLField(max_length=1000, blank=True)
    # The mirrored relation the remote Documenten API created for it (removed with this one).
    objectinformatieobject_url = models.URLField(max_length=1000, blank=True)
    aard_relatie = models.CharField(max_length=20, default="hoort_bij")
    titel = models.CharField(max_length=200, blank=True)
    beschrijving = models.TextField(blank=True)
    registratiedatum = models.DateTimeField(auto_now_add=True)
    vernietigingsdatum = models.DateTimeField(null=True, blank=True)
    status = models.ForeignKey(
        Status,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="zaakinformatieobjecten",
    )

    class Meta:
        verbose_name = _("zaakdocument")
        verbose_name_plural = _("zaakdocumenten")
        constraints = [
            models.UniqueConstraint(fields=["zaak", "informatieobject"], name="zaakdocument_uniek"),
            models.UniqueConstraint(
                fields=["zaak", "informatieobject_url"],
                condition=~models.Q(informatieobject_url=""),
                name="zaakdocument_extern_uniek",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(informatieobject__isnull=False, informatieobject_url="")
                    | (models.Q(informatieobject__isnull=True) & ~models.Q(informatieobject_url=""))
                ),
                name="zaakdocument_lokaal_of_extern",
            ),
        ]

    def __str__(self) -> str:
        # Shown in the audit trail: the title the case gives the document, never a row id.
        return self.titel or f"Zaakdocument {self.uuid}"

    @property
    def is_extern(self) -> bool:
        """The document lives in another Documenten API (only its URL is known here)."""
        return bool(self.informatieobject_url)


class BesluitInformatieObject(models.Model):
    """A document that a decision is based on or that records it (Besluiten API)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="documenten")
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.PROTECT, related_name="besluiten"
    )
    registratiedatum = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("besluitdocument")
        verbose_name_plural = _("besluitdocumenten")
        constraints = [
            models.UniqueConstraint(
                fields=["besluit", "informatieobject"], name="besluitdocument_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.besluit_id} – {self.informatieobject_id}"


class ExternObjectInformatieObject(models.Model):
    """A document of this installation that a case (or decision) in ANOTHER Zaken (Besluiten)
    API refers to: the Documenten API's OBJECTINFORMATIEOBJECT that the other API created here.
    Relations within this installation are not stored twice: they are the rows of
    ZaakInformatieObject and BesluitInformatieObject."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.PROTECT, related_name="externe_objecten"
    )
    # Our document's URL as the other API knows it (what it sent; asked back with it).
    informatieobject_url = models.URLField(max_length=1000)
    object_url = models.URLField(max_length=1000)
    object_type = models.CharField(max_length=20)
    registratiedatum = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("externe objectrelatie")
        verbose_name_plural = _("externe objectrelaties")
        constraints = [
            models.UniqueConstraint(
                fields=["informatieobject", "object_url"], name="extern_objectrelatie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_type}: {self.object_url}"


class InkomendBerichtStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    GEKOPPELD = "gekoppeld", _("Gekoppeld")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


def bericht_upload_to(instance: InkomendBericht, filename: str) -> str:
    return f"post/{instance.organisatie_id}/{instance.uuid}.eml"


class InkomendBericht(models.Model):
    """An e-mail read from the post mailbox (`raadhuis post-inlezen`). Every message read gets
    one row, whatever became of it, so reading the mailbox twice stores nothing twice
    (`message_id`). One matched to a case is `gekoppeld` at once; the others wait as `nieuw`
    in the postkamer until a medewerker links them to a case or rejects them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    # The Message-ID header, or "sha256:<hash of the message>" for a message without one.
    message_id = models.CharField(max_length=998)
    afzender = models.CharField(_("afzender"), max_length=400, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=400, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    # The message exactly as it arrived (RFC 5322), the source of every document made from it.
    bestand = models.FileField(upload_to=bericht_upload_to, max_length=500)
    sha256 = models.CharField(max_length=64)
    bijlagen = models.JSONField(_("bijlagen"), default=list, blank=True)
    status = models.CharField(
        max_length=20,
        choices=InkomendBerichtStatus.choices,
        default=InkomendBerichtStatus.NIEUW,
        db_index=True,
    )
    # Why the message waits in the postkamer, or why it was rejected.
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)
    # A filed message is part of its case: it goes when the case is destroyed
    # (`inkomende_berichten_verwijderen` also removes the stored message).
    zaak = models.ForeignKey(
        Zaak, null=True, blank=True, on_delete=models.CASCADE, related_name="inkomende_berichten"
    )
    afgehandeld_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    ingelezen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inkomend bericht")
        verbose_name_plural = _("inkomende berichten")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "message_id"], name="inkomend_bericht_uniek"
            )
        ]
        indexes = [
            models.Index(fields=["organisatie", "status", "-ontvangen_op"], name="postkamer_idx")
        ]

    def __str__(self) -> str:
        return self.onderwerp or str(_("(geen onderwerp)"))
