"""Tasks (taken) on cases: the raw material of the work queues."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid


class TaakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Taak(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="taken")
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    toegewezen_aan = models.ForeignKey(
        Medewerker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="taken",
        verbose_name=_("medewerker"),
    )
    toegewezen_team = models.ForeignKey(
        OrganisatorischeEenheid,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="taken",
        verbose_name=_("team"),
    )
    termijn_werkdagen = models.PositiveSmallIntegerField(_("termijn (werkdagen)"), null=True)
    vervaldatum = models.DateField(_("uiterste datum"))
    status = models.CharField(
        _("status"), max_length=20, choices=TaakStatus.choices, default=TaakStatus.OPEN
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)
    afgerond_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["vervaldatum", "id"]
        constraints = [
            models.CheckConstraint(
                name="taak_heeft_toewijzing",
                condition=models.Q(toegewezen_aan__isnull=False)
                | models.Q(toegewezen_team__isnull=False),
            )
        ]
        indexes = [
            models.Index(fields=["toegewezen_aan", "status", "vervaldatum"], name="taak_mw_idx"),
            models.Index(fields=["toegewezen_team", "status", "vervaldatum"], name="taak_team_idx"),
            # The team's unclaimed tasks, earliest first: read in order, no sort of thousands.
            models.Index(
                fields=["toegewezen_team", "vervaldatum", "id"],
                condition=models.Q(status="open", toegewezen_aan__isnull=True),
                name="taak_team_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.titel
