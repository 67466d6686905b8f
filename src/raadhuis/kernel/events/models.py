"""Domain events in a persistent outbox, the channels and subscriptions of the Notificaties API,
and one delivery record per (event, subscription) so a subscriber that is down loses nothing."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Organisatie


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verdeling")
    SENT = "sent", _("Verdeeld over abonnementen")
    SKIPPED = "skipped", _("Geen notificatie (geen API-resource)")
    FAILED = "failed", _("Mislukt")


class OutboxEvent(models.Model):
    """Shaped like a ZGW notification: kanaal, resource, actie, kenmerken.

    Kernel services queue events with uuids; the delivery worker turns them into a ZGW message
    (`bericht`) once and fans it out to the matching subscriptions. A message received on the
    Notificaties API arrives with its `bericht` already set and is routed unchanged."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    kanaal = models.CharField(max_length=50)
    resource = models.CharField(max_length=100)
    actie = models.CharField(max_length=100)
    resource_uuid = models.UUIDField(null=True, blank=True)
    hoofd_object_uuid = models.UUIDField(null=True, blank=True)
    kenmerken = models.JSONField(default=dict, blank=True)
    bericht = models.JSONField(_("bericht"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    pogingen = models.PositiveSmallIntegerField(default=0)
    volgende_poging_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.TextField(blank=True)

    class Meta:
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        indexes = [models.Index(fields=["status", "volgende_poging_op"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.kanaal}: {self.resource} {self.actie}"


class Kanaal(models.Model):
    """A channel ("exchange") of the Notificaties API, e.g. `zaken`; unique by name."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=50, unique=True)
    documentatie_link = models.URLField(_("documentatielink"), max_length=200, blank=True)
    filters = models.JSONField(
        _("filters"),
        default=list,
        blank=True,
        help_text=_("Kenmerken waarop gefilterd kan worden."),
    )

    class Meta:
        verbose_name = _("kanaal")
        verbose_name_plural = _("kanalen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Abonnement(models.Model):
    """A subscriber's callback URL with the Authorization header it wants, on one or more
    channels (each with its own filters). It receives the events of its own organisation."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="abonnementen"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    callback_url = models.URLField(_("callback-URL"), max_length=1000)
    # The subscriber's own secret for its endpoint: never shown in the admin.
    auth = models.CharField(_("autorisatieheader"), max_length=1000)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["aangemaakt_op", "pk"]

    def __str__(self) -> str:
        return self.callback_url


class AbonnementKanaal(models.Model):
    """One `FilterGroup` of an abonnement: a channel and the kenmerken a message must have."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="kanalen")
    kanaal = models.ForeignKey(Kanaal, on_delete=models.PROTECT, related_name="+")
    filters = models.JSONField(_("filters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("kanaal van een abonnement")
        verbose_name_plural = _("kanalen van een abonnement")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.kanaal.naam


class AfleveringStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op aflevering")
    SENT = "sent", _("Afgeleverd")
    FAILED = "failed", _("Mislukt")


class Aflevering(models.Model):
    """The delivery of one event to one abonnement, with its attempts. Unique per pair, so an
    event is never delivered twice to the same subscriber by the worker."""

    outbox_event = models.ForeignKey(
        OutboxEvent, on_delete=models.CASCADE, related_name="afleveringen"
    )
    abonnement = models.ForeignKey(
        Abonnement, on_delete=models.CASCADE, related_name="afleveringen"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AfleveringStatus.choices,
        default=AfleveringStatus.PENDING,
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    afgeleverd_op = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        constraints = [
            models.UniqueConstraint(
                fields=["outbox_event", "abonnement"], name="aflevering_per_abonnement"
            )
        ]
        indexes = [models.Index(fields=["status", "volgende_poging_op"], name="aflevering_due_idx")]

    def __str__(self) -> str:
        return f"{self.outbox_event} → {self.abonnement}"
