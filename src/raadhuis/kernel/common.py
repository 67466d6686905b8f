"""Small building blocks shared by every kernel app: choices from the ZGW standards."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Vertrouwelijkheid(models.TextChoices):
    """Confidentiality levels of the ZGW standards, from open to most secret."""

    OPENBAAR = "openbaar", _("Openbaar")
    BEPERKT_OPENBAAR = "beperkt_openbaar", _("Beperkt openbaar")
    INTERN = "intern", _("Intern")
    ZAAKVERTROUWELIJK = "zaakvertrouwelijk", _("Zaakvertrouwelijk")
    VERTROUWELIJK = "vertrouwelijk", _("Vertrouwelijk")
    CONFIDENTIEEL = "confidentieel", _("Confidentieel")
    GEHEIM = "geheim", _("Geheim")
    ZEER_GEHEIM = "zeer_geheim", _("Zeer geheim")

    @classmethod
    def up_to(cls, maximum: str) -> list[str]:
        """All levels at or below `maximum`, for an SQL `IN` filter."""
        values = list(cls.values)
        return values[: values.index(maximum) + 1]


class Archiefnominatie(models.TextChoices):
    BLIJVEND_BEWAREN = "blijvend_bewaren", _("Blijvend bewaren")
    VERNIETIGEN = "vernietigen", _("Vernietigen")


class Archiefstatus(models.TextChoices):
    NOG_TE_ARCHIVEREN = "nog_te_archiveren", _("Nog te archiveren")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")
    GEARCHIVEERD_PROCESTERMIJN_ONBEKEND = (
        "gearchiveerd_procestermijn_onbekend",
        _("Gearchiveerd (procestermijn onbekend)"),
    )
    OVERGEDRAGEN = "overgedragen", _("Overgedragen")
