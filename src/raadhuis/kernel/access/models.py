"""Which case types a medewerker may work on, and up to which confidentiality."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker


class ZaakTypeAutorisatie(models.Model):
    """Grants a medewerker every version of a case type (by identificatie) up to a level."""

    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.CASCADE, related_name="zaaktype_autorisaties"
    )
    zaaktype_identificatie = models.CharField(_("zaaktype (identificatie)"), max_length=50)
    max_vertrouwelijkheidaanduiding = models.CharField(
        _("maximale vertrouwelijkheid"),
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.ZAAKVERTROUWELIJK,
    )

    class Meta:
        verbose_name = _("zaaktype-autorisatie")
        verbose_name_plural = _("zaaktype-autorisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["medewerker", "zaaktype_identificatie"], name="autorisatie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.zaaktype_identificatie} ≤ {self.max_vertrouwelijkheidaanduiding}"
