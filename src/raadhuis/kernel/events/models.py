"""Domain events waiting in a persistent outbox until the notification issue delivers them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Organisatie


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verzonden")
    FAILED = "failed", _("Mislukt")


class OutboxEvent(models.Model):
    """Shaped like a ZGW notification: kanaal, resource, actie, kenmerken."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    kanaal = models.CharField(max_length=50)
    resource = models.CharField(max_length=50)
    actie = models.CharField(max_length=30)
    resource_uuid = models.UUIDField()
    hoofd_object_uuid = models.UUIDField()
    kenmerken = models.JSONField(default=dict, blank=True)
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
