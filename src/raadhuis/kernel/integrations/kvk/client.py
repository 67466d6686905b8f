"""HTTP client for the KvK APIs Zoeken (v1) and Basisprofiel (v1), the specifications
`zoeken_openapi.yaml` and `basisprofiel_openapi.yaml` next to this file.

`{KVK_URL}` is the API root, e.g. `https://api.kvk.nl/api` (production) or
`https://api.kvk.nl/test/api` (the KvK's own test environment); paths follow the
specifications: `/v1/zoeken`, `/v1/basisprofielen/{kvkNummer}` and its `/eigenaar`,
`/hoofdvestiging` and `/vestigingen`. The API key goes in the `apikey` header, as the KvK
prescribes.

The KvK answers "nothing found" with HTTP 404 and error code IPD5200 (search) or IPD0005
(no product for this KvK number): the client turns those into an empty page or None. Every other
failure (not configured, unreachable, timed out, an error answer, an answer that is not the
specified JSON) raises `KvkFout` with a Dutch message a user can read; callers show it instead
of failing with a 500.
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from raadhuis.kernel.integrations.kvk.records import (
    ZOEKTYPES,
    KvkAdres,
    KvkBasisprofiel,
    KvkEigenaar,
    KvkSbiActiviteit,
    KvkVestiging,
    KvkVestigingBasis,
    KvkZoekpagina,
    KvkZoekresultaat,
    ja,
    kvk_datum,
)

logger = logging.getLogger(__name__)

API_KEY_HEADER = "apikey"
ACCEPT = "application/hal+json, application/json;q=0.9"
GEEN_RESULTATEN = "IPD5200"  # search: nothing matches
NIET_LEVERBAAR = ("IPD0005", "IPD0007")  # no product for this KvK number / branch number
TIJDELIJK_NIET_LEVERBAAR = ("IPD1002", "IPD1003")
MAX_AANTAL = 100  # spec: aantal, at most 100 per page
MAX_PAGINA = 1000


class KvkFout(Exception):
    """The KvK could not answer. `str(fout)` is a Dutch sentence for the user; `status` is the
    HTTP status of the KvK's answer (None when there was none) and `code` its IPD code."""

    def __init__(self, message: str, *, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


def _digits(value: str, length: int, name: str) -> str:
    compact = str(value or "").replace(" ", "").replace(".", "")
    if len(compact) != length or not compact.isdigit():
        raise ValueError(f"{name} must be {length} digits")
    return compact


class KvkClient:
    def __init__(self, base_url: str, api_key: str = "", *, timeout: float = 10) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    # --- Zoeken ---------------------------------------------------------------------------

    def zoeken(
        self,
        *,
        kvk_nummer: str | None = None,
        rsin: str | None = None,
        vestigingsnummer: str | None = None,
        handelsnaam: str | None = None,
        straatnaam: str | None = None,
        plaats: str | None = None,
        postcode: str | None = None,
        huisnummer: int | str | None = None,
        types: tuple[str, ...] | list[str] | None = None,
        inclusief_inactief: bool = False,
        pagina: int = 1,
        aantal: int = 10,
    ) -> KvkZoekpagina:
        """Search the Handelsregister. Postcode and huisnummer go together (the KvK refuses
        one without the other). `types` narrows to 'hoofdvestiging', 'nevenvestiging' and/or
        'rechtspersoon'. Nothing found is an empty page, not an error."""
        params: dict[str, Any] = {}
        if kvk_nummer:
            params["kvkNummer"] = _digits(kvk_nummer, 8, "kvkNummer")
        if rsin:
            params["rsin"] = _digits(rsin, 9, "rsin")
        if vestigingsnummer:
            params["vestigingsnummer"] = _digits(vestigingsnummer, 12, "vestigingsnummer")
        for name, value in (("handelsnaam", handelsnaam), ("straatnaam", straatnaam)):
            if value and value.strip():
                params[name] = value.strip()
        if plaats and plaats.strip():
            params["plaats"] = plaats.strip()
        if bool(postcode) != bool(huisnummer):
            raise ValueError("postcode and huisnummer go together")
        if postcode and huisnummer:
            params["postcode"] = postcode.replace(" ", "").upper()
            params["huisnummer"] = str(huisnummer).strip()
        if not params:
            raise ValueError("give at least one search criterion")
        if types:
            onbekend = set(types) - set(ZOEKTYPES)
            if onbekend:
                raise ValueError(f"unknown types: {sorted(onbekend)}")
            params["type"] = ",".join(types)
        if inclusief_inactief:
            params["InclusiefInactieveRegistraties"] = "true"
        params["pagina"] = max(1, min(int(pagina), MAX_PAGINA))
        params["aantal"] = max(1, min(int(aantal), MAX_AANTAL))
        body = self._get("/v1/zoeken", params, leeg_bij=(GEEN_RESULTATEN,))
        if body is None:
            return KvkZoekpagina(pagina=params["pagina"], aantal=params["aantal"], totaal=0)
        return zoekpagina_from_json(body)

    # --- Basisprofiel ---------------------------------------------------------------------

    def basisprofiel(self, kvk_nummer: str, *, geo_data: bool = False) -> KvkBasisprofiel | None:
        """The Basisprofiel with its hoofdvestiging and eigenaar; None when the KvK has no
        registration with this number. `geo_data` adds the BAG references to the addresses."""
        kvk_nummer = _digits(kvk_nummer, 8, "kvkNummer")
        params = {"geoData": "true"} if geo_data else {}
        body = self._get(f"/v1/basisprofielen/{kvk_nummer}", params, leeg_bij=NIET_LEVERBAAR)
        return None if body is None else basisprofiel_from_json(body)

    def eigenaar(self, kvk_nummer: str, *, geo_data: bool = False) -> KvkEigenaar | None:
        kvk_nummer = _digits(kvk_nummer, 8, "kvkNummer")
        params = {"geoData": "true"} if geo_data else {}
        path = f"/v1/basisprofielen/{kvk_nummer}/eigenaar"
        body = self._get(path, params, leeg_bij=NIET_LEVERBAAR)
        return None if body is None else eigenaar_from_json(body)

    def hoofdvestiging(self, kvk_nummer: str, *, geo_data: bool = False) -> KvkVestiging | None:
        """The main branch; None for an unknown number or a company without branches (a
        legal entity without business activity, such as a holding)."""
        kvk_nummer = _digits(kvk_nummer, 8, "kvkNummer")
        params = {"geoData": "true"} if geo_data else {}
        path = f"/v1/basisprofielen/{kvk_nummer}/hoofdvestiging"
        body = self._get(path, params, leeg_bij=NIET_LEVERBAAR)
        return None if body is None else vestiging_from_json(body)

    def vestigingen(self, kvk_nummer: str) -> list[KvkVestigingBasis]:
        """Every current branch of the company (main branch first); [] for an unknown number."""
        kvk_nummer = _digits(kvk_nummer, 8, "kvkNummer")
        path = f"/v1/basisprofielen/{kvk_nummer}/vestigingen"
        body = self._get(path, {}, leeg_bij=NIET_LEVERBAAR)
        if body is None:
            return []
        return [vestiging_basis_from_json(v) for v in _list(body.get("vestigingen"))]

    # --- transport ------------------------------------------------------------------------

    def _get(
        self, path: str, params: dict[str, Any], *, leeg_bij: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """The JSON object of a 200; None for a 'nothing there' answer with a code in
        `leeg_bij`; KvkFout for everything else."""
        if not self.base_url:
            raise KvkFout(
                _(
                    "De koppeling met de KvK is niet ingesteld. Vraag de beheerder om "
                    "RAADHUIS_KVK_URL en RAADHUIS_KVK_API_KEY in te stellen."
                )
            )
        try:
            response = requests.get(
                f"{self.base_url}{path}",
                params=params,
                headers={API_KEY_HEADER: self.api_key, "Accept": ACCEPT},
                timeout=self.timeout,
            )
        except requests.Timeout as error:
            logger.warning("KvK timed out after %ss (%s)", self.timeout, path.split("/")[2])
            raise KvkFout(
                _("De KvK antwoordt niet op tijd. Probeer het over een paar minuten opnieuw.")
            ) from error
        except requests.RequestException as error:
            logger.warning("KvK unreachable: %s", type(error).__name__)
            raise KvkFout(
                _("De KvK is niet bereikbaar. Probeer het over een paar minuten opnieuw.")
            ) from error
        if response.status_code != 200:
            fout = fout_from_response(response)
            if fout.code in leeg_bij and response.status_code in (400, 404):
                return None
            raise fout
        try:
            body = response.json()
        except ValueError as error:
            raise _onverwacht(response.status_code) from error
        if not isinstance(body, dict):
            raise _onverwacht(response.status_code)
        return body


def kvk_client() -> KvkClient:
    """The client for the configured KvK (settings KVK_URL, KVK_API_KEY, KVK_TIMEOUT_SECONDS,
    read on every call so a test or the demo can point it elsewhere)."""
    return KvkClient(
        getattr(settings, "KVK_URL", ""),
        getattr(settings, "KVK_API_KEY", ""),
        timeout=getattr(settings, "KVK_TIMEOUT_SECONDS", 10),
    )


# --- errors ----------------------------------------------------------------------------------


def _onverwacht(status: int) -> KvkFout:
    logger.warning("KvK answered HTTP %s with an unexpected body", status)
    return KvkFout(
        _("De KvK gaf een antwoord dat Raadhuis niet kan lezen. Meld dit bij de beheerder."),
        status=status,
        code="onverwacht",
    )


def _fouten(response: requests.Response) -> list[dict[str, Any]]:
    """The `fout` list of a KvK error answer: [{"code": "IPD5200", "omschrijving": ...}]."""
    try:
        body = response.json()
    except ValueError:
        return []
    fouten = body.get("fout") if isinstance(body, dict) else None
    return [f for f in fouten if isinstance(f, dict)] if isinstance(fouten, list) else []


def fout_from_response(response: requests.Response) -> KvkFout:
    """The Dutch message for an error answer."""
    status = response.status_code
    fouten = _fouten(response)
    code = str(fouten[0].get("code", "")) if fouten else ""
    if code == GEEN_RESULTATEN or code in NIET_LEVERBAAR:
        return KvkFout(_("De KvK heeft hier geen gegevens over."), status=status, code=code)
    logger.warning("KvK answered HTTP %s (%s)", status, code or "no code")
    if code in TIJDELIJK_NIET_LEVERBAAR:
        message = _(
            "De KvK kan deze gegevens tijdelijk niet leveren (ze worden bijgewerkt). "
            "Probeer het later opnieuw."
        )
    elif status == 400:
        omschrijvingen = "; ".join(str(f.get("omschrijving", "")) for f in fouten).strip("; ")
        message = _("De KvK keurt de zoekvraag af")
        if omschrijvingen:
            message += f": {omschrijvingen}"
        message += "."
    elif status in (401, 403):
        message = _(
            "De KvK weigert de aanvraag: Raadhuis is niet (goed) aangemeld of heeft geen "
            "toegang tot deze gegevens (HTTP %(status)s). Meld dit bij de beheerder."
        ) % {"status": status}
    elif status == 429:
        message = _("De KvK krijgt op dit moment te veel vragen. Probeer het zo opnieuw.")
    elif status >= 500:
        message = _(
            "De KvK is tijdelijk niet beschikbaar (HTTP %(status)s). Probeer het later opnieuw."
        ) % {"status": status}
    else:
        message = _("De KvK gaf een onverwachte foutmelding (HTTP %(status)s).") % {
            "status": status
        }
    return KvkFout(message, status=status, code=code)


# --- JSON -> records -------------------------------------------------------------------------


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:  # noqa: ANN401 - whatever the JSON holds
    return value if isinstance(value, dict) else {}


def _str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def adres_from_json(data: dict[str, Any]) -> KvkAdres:
    geo = _dict(data.get("geoData"))
    return KvkAdres(
        type=_str(data, "type").lower(),
        straatnaam=_str(data, "straatnaam"),
        huisnummer=_int(data.get("huisnummer")),
        huisletter=_str(data, "huisletter"),
        huisnummertoevoeging=_str(data, "huisnummerToevoeging"),
        postcode=_str(data, "postcode").replace(" ", "").upper(),
        postbusnummer=_int(data.get("postbusnummer")),
        plaats=_str(data, "plaats"),
        land=_str(data, "land"),
        volledig_adres=" ".join(_str(data, "volledigAdres").split()),
        afgeschermd=ja(data.get("indAfgeschermd")),
        nummeraanduiding_id=_str(geo, "nummerAanduidingId"),
        adresseerbaar_object_id=_str(geo, "addresseerbaarObjectId"),
    )


def sbi_from_json(data: dict[str, Any]) -> KvkSbiActiviteit:
    return KvkSbiActiviteit(
        code=_str(data, "sbiCode"),
        omschrijving=_str(data, "sbiOmschrijving"),
        hoofdactiviteit=ja(data.get("indHoofdactiviteit")),
    )


def zoekresultaat_from_json(data: dict[str, Any]) -> KvkZoekresultaat:
    actief = data.get("actief")
    return KvkZoekresultaat(
        kvk_nummer=_str(data, "kvkNummer"),
        handelsnaam=_str(data, "handelsnaam"),
        type=_str(data, "type").lower(),
        vestigingsnummer=_str(data, "vestigingsnummer"),
        rsin=_str(data, "rsin"),
        straatnaam=_str(data, "straatnaam"),
        huisnummer=_int(data.get("huisnummer")),
        huisnummer_toevoeging=_str(data, "huisnummerToevoeging"),
        postcode=_str(data, "postcode").replace(" ", "").upper(),
        plaats=_str(data, "plaats"),
        # Absent means active: the KvK only marks the inactive ones.
        actief=actief is None or ja(actief),
        vervallen_naam=_str(data, "vervallenNaam"),
    )


def zoekpagina_from_json(body: dict[str, Any]) -> KvkZoekpagina:
    resultaten = tuple(zoekresultaat_from_json(r) for r in _list(body.get("resultaten")))
    return KvkZoekpagina(
        pagina=_int(body.get("pagina")) or 1,
        aantal=_int(body.get("aantal")) or len(resultaten),
        totaal=_int(body.get("totaal")) or len(resultaten),
        resultaten=resultaten,
    )


def vestiging_from_json(data: dict[str, Any]) -> KvkVestiging:
    websites: list[Any] = w if isinstance(w := data.get("websites"), list) else []
    return KvkVestiging(
        vestigingsnummer=_str(data, "vestigingsnummer"),
        kvk_nummer=_str(data, "kvkNummer"),
        eerste_handelsnaam=_str(data, "eersteHandelsnaam"),
        hoofdvestiging=ja(data.get("indHoofdvestiging")),
        commercieel=ja(data.get("indCommercieleVestiging")),
        adressen=tuple(adres_from_json(a) for a in _list(data.get("adressen"))),
        sbi_activiteiten=tuple(sbi_from_json(s) for s in _list(data.get("sbiActiviteiten"))),
        websites=tuple(str(w) for w in websites if w),
        totaal_werkzame_personen=_int(data.get("totaalWerkzamePersonen")),
        voltijd_werkzame_personen=_int(data.get("voltijdWerkzamePersonen")),
        deeltijd_werkzame_personen=_int(data.get("deeltijdWerkzamePersonen")),
    )


def vestiging_basis_from_json(data: dict[str, Any]) -> KvkVestigingBasis:
    return KvkVestigingBasis(
        vestigingsnummer=_str(data, "vestigingsnummer"),
        eerste_handelsnaam=_str(data, "eersteHandelsnaam"),
        hoofdvestiging=ja(data.get("indHoofdvestiging")),
        commercieel=ja(data.get("indCommercieleVestiging")),
        volledig_adres=" ".join(_str(data, "volledigAdres").split()),
        adres_afgeschermd=ja(data.get("indAdresAfgeschermd")),
    )


def eigenaar_from_json(data: dict[str, Any]) -> KvkEigenaar:
    return KvkEigenaar(
        rechtsvorm=_str(data, "rechtsvorm"),
        uitgebreide_rechtsvorm=_str(data, "uitgebreideRechtsvorm"),
        rsin=_str(data, "rsin"),
        adressen=tuple(adres_from_json(a) for a in _list(data.get("adressen"))),
    )


def basisprofiel_from_json(body: dict[str, Any]) -> KvkBasisprofiel:
    embedded = _dict(body.get("_embedded"))
    hoofdvestiging = embedded.get("hoofdvestiging")
    eigenaar = embedded.get("eigenaar")
    materieel = _dict(body.get("materieleRegistratie"))
    handelsnamen = sorted(
        _list(body.get("handelsnamen")), key=lambda h: _int(h.get("volgorde")) or 0
    )
    return KvkBasisprofiel(
        kvk_nummer=_str(body, "kvkNummer"),
        naam=_str(body, "naam"),
        statutaire_naam=_str(body, "statutaireNaam"),
        handelsnamen=tuple(_str(h, "naam") for h in handelsnamen if _str(h, "naam")),
        sbi_activiteiten=tuple(sbi_from_json(s) for s in _list(body.get("sbiActiviteiten"))),
        formele_registratiedatum=kvk_datum(body.get("formeleRegistratiedatum")),
        datum_aanvang=kvk_datum(materieel.get("datumAanvang")),
        datum_einde=kvk_datum(materieel.get("datumEinde")),
        non_mailing=ja(body.get("indNonMailing")),
        totaal_werkzame_personen=_int(body.get("totaalWerkzamePersonen")),
        hoofdvestiging=(
            vestiging_from_json(hoofdvestiging) if isinstance(hoofdvestiging, dict) else None
        ),
        eigenaar=eigenaar_from_json(eigenaar) if isinstance(eigenaar, dict) else None,
    )
