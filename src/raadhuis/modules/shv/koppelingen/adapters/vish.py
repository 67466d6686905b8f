"""The Verwijsindex Schuldhulpverlening (VISH) behind an interface: register a client's
admission to debt assistance, and deregister it when the track ends.

The HTTP client speaks a small JSON API (documented in docs/shv/koppelingen.md, served by the
test double in doubles/vish.py)::

    POST   {VISH_URL}/registraties            {"bsn", "organisatie_oin", "zaak", "startdatum"}
           -> 201 {"id": "..."}
    POST   {VISH_URL}/registraties/{id}/afmelding   {"einddatum"}  -> 200
    header X-Api-Key: {VISH_API_KEY}
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

import requests
from django.conf import settings
from django.utils.translation import gettext as _


class VishFout(Exception):
    """The VISH did not accept the request: a Dutch sentence; the registration is retried."""


class VishAdapter(Protocol):
    def aanmelden(self, *, bsn: str, organisatie_oin: str, zaak: str, startdatum: date) -> str:
        """Register the admission; returns the VISH id of the registration."""

    def afmelden(self, *, vish_id: str, einddatum: date) -> None:
        """End the registration."""


class VishHttpClient:
    def __init__(self, url: str, api_key: str = "", timeout: float = 10) -> None:
        if not url:
            raise VishFout(_("De koppeling met de VISH is niet ingesteld (VISH_URL)."))
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def _post(self, pad: str, data: dict) -> dict:
        try:
            antwoord = requests.post(
                f"{self.url}{pad}",
                json=data,
                headers={"X-Api-Key": self.api_key, "Accept": "application/json"},
                timeout=self.timeout,
            )
        except requests.Timeout as error:
            raise VishFout(_("De VISH antwoordt niet op tijd.")) from error
        except requests.RequestException as error:
            raise VishFout(_("De VISH is niet bereikbaar.")) from error
        if antwoord.status_code in (401, 403):
            raise VishFout(_("De VISH weigert de toegang (sleutel onjuist)."))
        if antwoord.status_code >= 500:
            raise VishFout(
                _("De VISH is tijdelijk niet beschikbaar (%(code)s).")
                % {"code": antwoord.status_code}
            )
        if antwoord.status_code >= 400:
            raise VishFout(
                _("De VISH wijst het verzoek af (%(code)s): %(tekst)s")
                % {"code": antwoord.status_code, "tekst": antwoord.text[:200]}
            )
        try:
            return antwoord.json() if antwoord.content else {}
        except ValueError as error:
            raise VishFout(_("De VISH gaf een onleesbaar antwoord.")) from error

    def aanmelden(self, *, bsn: str, organisatie_oin: str, zaak: str, startdatum: date) -> str:
        data = self._post(
            "/registraties",
            {
                "bsn": bsn,
                "organisatie_oin": organisatie_oin,
                "zaak": zaak,
                "startdatum": startdatum.isoformat(),
            },
        )
        vish_id = str(data.get("id") or "")
        if not vish_id:
            raise VishFout(_("De VISH gaf geen registratienummer terug."))
        return vish_id

    def afmelden(self, *, vish_id: str, einddatum: date) -> None:
        self._post(f"/registraties/{vish_id}/afmelding", {"einddatum": einddatum.isoformat()})


def vish_adapter() -> VishAdapter:
    return VishHttpClient(
        getattr(settings, "VISH_URL", ""),
        getattr(settings, "VISH_API_KEY", ""),
        getattr(settings, "VISH_TIMEOUT_SECONDS", 10),
    )
