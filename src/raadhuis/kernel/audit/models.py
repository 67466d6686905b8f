"""The audit trail (every write) and the processing log (every read of personal data).

Both are append-only: rows are never updated or deleted through the ORM, and on PostgreSQL a
trigger refuses UPDATE and DELETE as well (see the migration).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Organisatie


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN003
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class ActorType(models.TextChoices):
    MEDEWERKER = "medewerker", _("Medewerker")
    APPLICATIE = "applicatie", _("Applicatie")
    SYSTEEM = "systeem", _("Systeem")


class AuditEntry(AppendOnlyModel):
    """Who changed what, when and why, with the old and new values of changed fields."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor_type = models.CharField(max_length=20, choices=ActorType.choices)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_weergave = models.CharField(_("wie"), max_length=200)
    # For API calls: the application and the user it acted for (the JWT's user_id claim).
    applicatie_uuid = models.UUIDField(null=True, blank=True)
    applicatie_weergave = models.CharField(_("applicatie"), max_length=200, blank=True)
    gebruiker_id = models.CharField(_("gebruiker"), max_length=255, blank=True)
    actie = models.CharField(_("actie"), max_length=40)
    object_type = models.CharField(_("objecttype"), max_length=60)
    object_uuid = models.UUIDField(null=True)
    object_weergave = models.CharField(_("object"), max_length=300)
    # The case the change belongs to, so a case's history is one indexed query.
    zaak_uuid = models.UUIDField(null=True, blank=True)
    toelichting = models.TextField(_("toelichting / reden"), blank=True)
    wijzigingen = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["organisatie", "-tijdstip"], name="audit_org_idx"),
            models.Index(fields=["zaak_uuid", "-tijdstip"], name="audit_zaak_idx"),
            models.Index(fields=["object_uuid", "-tijdstip"], name="audit_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_weergave} {self.actie}"


class VerwerkingsLog(AppendOnlyModel):
    """A read of personal data: who looked at whose data, in which case, and why."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor_type = models.CharField(max_length=20, choices=ActorType.choices)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_weergave = models.CharField(_("wie"), max_length=200)
    partij_uuid = models.UUIDField(_("betrokkene"), null=True, blank=True)
    partij_weergave = models.CharField(_("betrokkene"), max_length=400, blank=True)
    zaak_uuid = models.UUIDField(null=True, blank=True)
    zaak_identificatie = models.CharField(_("zaak"), max_length=40, blank=True)
    doel = models.CharField(_("doel"), max_length=200)
    handeling = models.CharField(_("handeling"), max_length=200)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("verwerkingsregel")
        verbose_name_plural = _("verwerkingenlog")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["organisatie", "-tijdstip"], name="verwerking_org_idx"),
            models.Index(fields=["partij_uuid", "-tijdstip"], name="verwerking_partij_idx"),
        ]
