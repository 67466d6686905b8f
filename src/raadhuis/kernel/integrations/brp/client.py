"""HTTP client for the Haal Centraal BRP Personen API, version 2 (openapi.yaml next to this file).

One endpoint, `POST {RAADHUIS_BRP_URL}/personen`, with the query `type` in the body and the
`fields` we need (data minimisation: nothing else is asked for). The API key goes in the
`X-API-KEY` header, as the Haal Centraal "Getting started" prescribes (the specification itself
names no security scheme).

Every failure (not configured, unreachable, timed out, an error answer, an answer that is not
the specified JSON) raises `BrpFout` with a Dutch message a user can read; callers show it
instead of failing with a 500.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from raadhuis.kernel.integrations.brp.records import BrpAdres, BrpPersoon, BrpRelatie
from raadhuis.kernel.integrations.brp.records import samengestelde_naam as _naam

logger = logging.getLogger(__name__)

API_KEY_HEADER = "X-API-KEY"
MAX_BSNS_PER_VRAAG = 20  # spec: RaadpleegMetBurgerservicenummer.burgerservicenummer maxItems
_NAAM = ["naam.voornamen", "naam.voorvoegsel", "naam.geslachtsnaam"]
# What a lookup by BSN asks for: the person, the address, the partner and the children.
FIELDS_RAADPLEGEN = [
    "burgerservicenummer",
    *_NAAM,
    "geboorte.datum",
    "geslacht",
    "overlijden.datum",
    "verblijfplaats",
    "adressering.adresregel1",
    "adressering.adresregel2",
    "partners.burgerservicenummer",
    *(f"partners.{veld}" for veld in _NAAM),
    "partners.geboorte.datum",
    "partners.ontbindingHuwelijkPartnerschap.datum",
    "kinderen.burgerservicenummer",
    *(f"kinderen.{veld}" for veld in _NAAM),
    "kinderen.geboorte.datum",
]
# What a search asks for (a search answers PersoonBeperkt: no partners, no address parts).
FIELDS_ZOEKEN = [
    "burgerservicenummer",
    *_NAAM,
    "geboorte.datum",
    "geslacht",
    "adressering.adresregel1",
    "adressering.adresregel2",
]


class BrpFout(Exception):
    """The BRP could not answer. `str(fout)` is a Dutch sentence for the user; `status` is the
    HTTP status of the BRP's answer (None when there was none) and `code` its error code."""

    def __init__(self, message: str, *, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class BrpClient:
    def __init__(self, base_url: str, api_key: str = "", *, timeout: float = 10) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    # --- queries --------------------------------------------------------------------------

    def persoon(self, bsn: str) -> BrpPersoon | None:
        """The person with this BSN (also when deceased), or None when the BRP has no one."""
        personen = self.personen([bsn])
        return personen[0] if personen else None

    def personen(self, bsns: list[str]) -> list[BrpPersoon]:
        """Look up to 20 persons by BSN at once; unknown BSNs are simply absent."""
        if not bsns:
            return []
        if len(bsns) > MAX_BSNS_PER_VRAAG:
            raise ValueError(f"at most {MAX_BSNS_PER_VRAAG} BSNs per request")
        antwoord = self._post(
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": list(bsns),
                "fields": FIELDS_RAADPLEGEN,
            }
        )
        return [persoon_from_json(p, volledig=True) for p in antwoord]

    def zoek(
        self,
        *,
        geslachtsnaam: str | None = None,
        geboortedatum: date | None = None,
        postcode: str | None = None,
        huisnummer: int | None = None,
        voorvoegsel: str | None = None,
        huisletter: str | None = None,
        huisnummertoevoeging: str | None = None,
        inclusief_overleden: bool = False,
    ) -> list[BrpPersoon]:
        """Search living persons (and the deceased with `inclusief_overleden`).

        Postcode + huisnummer finds everyone registered at the address (surname and birth
        date, when given, narrow it down); otherwise surname + birth date are both required.
        A surname ending in `*` matches its beginning (at least 3 letters). The results are
        search results (`volledig` False): call `persoon(bsn)` for the full record."""
        query: dict[str, Any]
        if postcode and huisnummer:
            query = {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": postcode.replace(" ", "").upper(),
                "huisnummer": int(huisnummer),
            }
            if huisletter:
                query["huisletter"] = huisletter
            if huisnummertoevoeging:
                query["huisnummertoevoeging"] = huisnummertoevoeging
        elif geslachtsnaam and geboortedatum:
            query = {"type": "ZoekMetGeslachtsnaamEnGeboortedatum"}
            if voorvoegsel:
                query["voorvoegsel"] = voorvoegsel
        else:
            raise ValueError("give postcode and huisnummer, or geslachtsnaam and geboortedatum")
        if geslachtsnaam:
            query["geslachtsnaam"] = geslachtsnaam.strip()
        if geboortedatum:
            query["geboortedatum"] = geboortedatum.isoformat()
        if inclusief_overleden:
            query["inclusiefOverledenPersonen"] = True
        query["fields"] = FIELDS_ZOEKEN
        return [persoon_from_json(p, volledig=False) for p in self._post(query)]

    # --- transport ------------------------------------------------------------------------

    def _post(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        if not self.base_url:
            raise BrpFout(
                _(
                    "De koppeling met de BRP is niet ingesteld. Vraag de beheerder om "
                    "RAADHUIS_BRP_URL in te stellen."
                )
            )
        try:
            response = requests.post(
                f"{self.base_url}/personen",
                json=query,
                headers={
                    API_KEY_HEADER: self.api_key,
                    "Accept": "application/json",
                    "Content-Type": "application/json; charset=utf-8",
                },
                timeout=self.timeout,
            )
        except requests.Timeout as error:
            logger.warning("BRP timed out after %ss (%s)", self.timeout, query["type"])
            raise BrpFout(
                _("De BRP antwoordt niet op tijd. Probeer het over een paar minuten opnieuw.")
            ) from error
        except requests.RequestException as error:
            logger.warning("BRP unreachable (%s): %s", query["type"], type(error).__name__)
            raise BrpFout(
                _("De BRP is niet bereikbaar. Probeer het over een paar minuten opnieuw.")
            ) from error
        return self._personen(response, query["type"])

    def _personen(self, response: requests.Response, query_type: str) -> list[dict[str, Any]]:
        if response.status_code != 200:
            raise fout_from_response(response)
        try:
            body = response.json()
        except ValueError as error:
            raise _onverwacht(response.status_code) from error
        personen = body.get("personen", []) if isinstance(body, dict) else None
        if not isinstance(personen, list) or body.get("type") != query_type:
            raise _onverwacht(response.status_code)
        return personen


def brp_client() -> BrpClient:
    """The client for the configured BRP (settings BRP_URL, BRP_API_KEY,
    BRP_TIMEOUT_SECONDS, read on every call so a test or the demo can point it elsewhere)."""
    return BrpClient(
        getattr(settings, "BRP_URL", ""),
        getattr(settings, "BRP_API_KEY", ""),
        timeout=getattr(settings, "BRP_TIMEOUT_SECONDS", 10),
    )


# --- errors ----------------------------------------------------------------------------------


def _onverwacht(status: int) -> BrpFout:
    logger.warning("BRP answered HTTP %s with an unexpected body", status)
    return BrpFout(
        _("De BRP gaf een antwoord dat Raadhuis niet kan lezen. Meld dit bij de beheerder."),
        status=status,
        code="onverwacht",
    )


def fout_from_response(response: requests.Response) -> BrpFout:
    """The Dutch message for an error answer (a Foutbericht, application/problem+json)."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    code = str(body.get("code", ""))
    logger.warning("BRP answered HTTP %s (%s)", status, code or "no code")
    if status == 400:
        velden = sorted(
            {str(p.get("name", "")) for p in body.get("invalidParams", []) if isinstance(p, dict)}
        )
        message = _("De BRP keurt de zoekvraag af")
        if velden:
            message += " (" + ", ".join(velden) + ")"
        return BrpFout(message + ".", status=status, code=code)
    if status in (401, 403):
        message = _(
            "De BRP weigert de aanvraag: Raadhuis is niet (goed) aangemeld of heeft geen "
            "toegang tot deze gegevens (HTTP %(status)s). Meld dit bij de beheerder."
        ) % {"status": status}
        return BrpFout(message, status=status, code=code)
    if status == 429:
        message = _("De BRP krijgt op dit moment te veel vragen. Probeer het zo opnieuw.")
        return BrpFout(message, status=status, code=code)
    if status >= 500:
        message = _(
            "De BRP is tijdelijk niet beschikbaar (HTTP %(status)s). Probeer het later opnieuw."
        ) % {"status": status}
        return BrpFout(message, status=status, code=code)
    message = _("De BRP gaf een onverwachte foutmelding (HTTP %(status)s).") % {"status": status}
    return BrpFout(message, status=status, code=code)


# --- JSON -> records -------------------------------------------------------------------------


def datum_from_json(value: Any) -> date | None:
    """A full date (type 'Datum'); None for a partial or unknown one (JaarDatum, ...)."""
    if not isinstance(value, dict) or value.get("type") != "Datum":
        return None
    try:
        return date.fromisoformat(str(value.get("datum", "")))
    except ValueError:
        return None


def _naam_from_json(naam: dict[str, Any]) -> tuple[str, str, str]:
    return (
        str(naam.get("voornamen", "")),
        str(naam.get("voorvoegsel", "")),
        str(naam.get("geslachtsnaam", "")),
    )


def relatie_from_json(data: dict[str, Any]) -> BrpRelatie:
    voornamen, voorvoegsel, geslachtsnaam = _naam_from_json(data.get("naam") or {})
    return BrpRelatie(
        bsn=str(data.get("burgerservicenummer", "")),
        naam=_naam(voornamen, voorvoegsel, geslachtsnaam),
        geboortedatum=datum_from_json((data.get("geboorte") or {}).get("datum")),
    )


def adres_from_json(verblijfplaats: Any) -> BrpAdres | None:
    """The address of a verblijfplaats of type 'Adres'; None abroad, unknown or a location."""
    if not isinstance(verblijfplaats, dict) or verblijfplaats.get("type") != "Adres":
        return None
    adres = verblijfplaats.get("verblijfadres") or {}
    if "huisnummer" not in adres:
        return None
    return BrpAdres(
        straat=str(adres.get("officieleStraatnaam") or adres.get("korteStraatnaam") or ""),
        huisnummer=int(adres["huisnummer"]),
        huisletter=str(adres.get("huisletter", "")),
        huisnummertoevoeging=str(adres.get("huisnummertoevoeging", "")),
        postcode=str(adres.get("postcode", "")).replace(" ", "").upper(),
        woonplaats=str(adres.get("woonplaats", "")),
        nummeraanduiding_id=str(verblijfplaats.get("nummeraanduidingIdentificatie", "")),
        adresseerbaar_object_id=str(verblijfplaats.get("adresseerbaarObjectIdentificatie", "")),
    )


def persoon_from_json(data: dict[str, Any], *, volledig: bool) -> BrpPersoon:
    voornamen, voorvoegsel, geslachtsnaam = _naam_from_json(data.get("naam") or {})
    adressering = data.get("adressering") or {}
    partners = tuple(
        relatie_from_json(p)
        for p in data.get("partners", [])
        # The API also lists the last dissolved partnership; that partner is not household.
        if not p.get("ontbindingHuwelijkPartnerschap")
    )
    return BrpPersoon(
        bsn=str(data.get("burgerservicenummer", "")),
        voornamen=voornamen,
        voorvoegsel=voorvoegsel,
        geslachtsnaam=geslachtsnaam,
        geboortedatum=datum_from_json((data.get("geboorte") or {}).get("datum")),
        geslacht=str((data.get("geslacht") or {}).get("code", "O")).upper(),
        adres=adres_from_json(data.get("verblijfplaats")),
        partners=partners,
        kinderen=tuple(relatie_from_json(k) for k in data.get("kinderen", [])),
        overlijdensdatum=datum_from_json((data.get("overlijden") or {}).get("datum")),
        adresregels=tuple(
            str(adressering[regel])
            for regel in ("adresregel1", "adresregel2", "adresregel3")
            if adressering.get(regel)
        ),
        volledig=volledig,
    )
