from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from raadhuis.web.menu import Hoofdmenu


def raadhuis(request: HttpRequest) -> dict:
    return {
        "medewerker": getattr(request, "medewerker", None),
        "actor": getattr(request, "actor", None),
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_login_label": settings.OIDC_LOGIN_LABEL,
        # The main menu, rendered only where the page shows it (base.html).
        "hoofdmenu": Hoofdmenu(request),
    }
