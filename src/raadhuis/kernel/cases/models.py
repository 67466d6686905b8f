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
    communicatiekanaal = models.CharField(max_length=200, blank=True)
    betalingsindicatie = models.CharField(max_length=20, blank=True)
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
            # Access filters: zaaktype_id IN (...) AND vertrouwelijkheid IN (...), newest first.
            models.Index(
                fields=["organisatie", "zaaktype", "vertrouwelijkheidaanduiding", "-startdatum"],
                name="zaak_toegang_idx",
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

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.CheckConstraint(
                name="rol_precies_een_betrokkene",
                condition=(
                    models.Q(partij__isnull=False, medewerker__isnull=True, eenheid__isnull=True)
                    | models.Q(partij__isnull=True, medewerker__isnull=False, eenheid__isnull=True)
                    | models.Q(partij__isnull=True, medewerker__isnull=True, eenheid__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.roltype}: {self.betrokkene}"

    @property
    def betrokkene(self) -> object:
        return self.partij or self.medewerker or self.eenheid


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
