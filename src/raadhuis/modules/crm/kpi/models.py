"""The satisfaction survey (issue 6 item 7): one short question after a contact moment or a
closed case, answered through a public link with an unguessable token (no login)."""

from __future__ import annotations

import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.crm.models import Klantcontact


def nieuw_token() -> str:
    return secrets.token_urlsafe(24)


class Tevredenheidsmeting(models.Model):
    """An invitation to rate a contact or a case (1-5) and, once answered, the answer."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=nieuw_token, editable=False)
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="+")
    eenheid = models.ForeignKey(
        OrganisatorischeEenheid,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    zaak = models.ForeignKey(
        Zaak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referentie = models.CharField(_("referentie"), max_length=40)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    opmerking = models.TextField(_("toelichting"), max_length=1000, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateField(_("te beantwoorden tot"))
    beantwoord_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tevredenheidsmeting")
        verbose_name_plural = _("tevredenheidsmetingen")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.CheckConstraint(
                name="meting_score_1_5",
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
            ),
            models.CheckConstraint(
                name="meting_heeft_onderwerp",
                condition=models.Q(klantcontact__isnull=False) | models.Q(zaak__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "beantwoord_op"], name="meting_org_beantw_idx")
        ]

    def __str__(self) -> str:
        return f"Tevredenheidsmeting {self.referentie}"
