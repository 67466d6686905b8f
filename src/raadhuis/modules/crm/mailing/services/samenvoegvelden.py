"""The merge fields `relatie` of a mailing, the opt-out link, and the context a mailing's text is
rendered with."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy

from raadhuis.kernel.messaging.ontvangers import aanhef, adresnaam
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.mailing.services.segmenten import AFMELD_SALT
from raadhuis.modules.crm.models import Relatie

# --- merge fields -----------------------------------------------------------------------------
RELATIE_VELDEN = {
    "naam": gettext_lazy("Naam van de relatie (zoals op een adres)"),
    "aanhef": gettext_lazy("Aanhef: ‘Geachte heer De Vries,’ of ‘Geachte heer, mevrouw,’"),
    "soort": gettext_lazy("Soort relatie: bedrijf, inwoner, partner, vereniging"),
    "email": gettext_lazy("E-mailadres waarnaar de mailing gaat"),
    "afmeldlink": gettext_lazy("Link om je af te melden voor mailings"),
}


def relatie_samenvoegvelden(zaak: Any) -> dict[str, Any]:  # noqa: ANN401
    """The provider for the kernel's merge-field register: a case has no relation of its own;
    the values come per recipient (`mailing_context`)."""
    return {}


def afmeld_token(partij: Partij) -> str:
    return signing.dumps({"o": partij.organisatie_id, "p": str(partij.uuid)}, salt=AFMELD_SALT)


def afmeld_url(partij: Partij) -> str:
    pad = reverse("crm:mailing:afmelden", kwargs={"token": afmeld_token(partij)})
    return settings.BASE_URL.rstrip("/") + pad


def _emailadres(relatie: Relatie) -> str:
    return (relatie.lokaal_email or relatie.partij.email or "").strip()


def mailing_context(organisatie: Organisatie, relatie: Relatie) -> dict[str, Any]:
    """The merge values for one recipient: organisatie, datum, relatie, ontvanger."""
    partij = relatie.partij
    naam = relatie.lokale_naam or adresnaam(partij)
    return {
        "organisatie": {"naam": organisatie.naam},
        "datum": {"vandaag": vandaag(organisatie.tijdzone)},
        "relatie": {
            "naam": naam,
            "aanhef": aanhef(partij),
            "soort": relatie.get_soort_display(),
            "email": _emailadres(relatie),
            "afmeldlink": afmeld_url(partij),
        },
        "ontvanger": {"naam": naam, "aanhef": aanhef(partij)},
    }
