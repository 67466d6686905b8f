"""What every budget model shares: money fields, the organisation (tenant) and a public uuid,
the four-eyes "done by" reference, and the ledger's rule that a booking never changes."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models

from raadhuis.kernel.organisations.models import Medewerker, Organisatie

MONEY = {"max_digits": 14, "decimal_places": 2}


def _door(related_name: str = "+", verbose_name: str = "") -> models.ForeignKey:
    """Who did something, for the four-eyes rules (empty for the system)."""
    return models.ForeignKey(
        Medewerker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class Organisatiegebonden(models.Model):
    """A row of one organisation with a public uuid (the first two columns of most budget
    tables). Abstract: no table of its own, the fields land in each model as before."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class BoekingOnveranderlijk(RuntimeError):
    """A journal entry or line was about to be changed or deleted: the ledger never changes;
    a correction is a reversing entry (grootboek.tegenboeken)."""


class Onveranderlijk(models.Model):
    """A ledger row: saved once, never updated, never deleted (a correction is a reversal)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise BoekingOnveranderlijk("Een boeking wordt nooit gewijzigd; maak een tegenboeking.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise BoekingOnveranderlijk("Een boeking wordt nooit verwijderd; maak een tegenboeking.")
