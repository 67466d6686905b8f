"""Merge fields: the data a letter template may use, in named groups (`{{ client.naam }}`).

Each group has a provider that reads a case and returns a dict of plain values, and a
description per field that the template editor lists. The kernel registers `organisatie`,
`zaak`, `client`, `ontvanger`, `behandelaar` and `datum`; a module adds its own groups from its
AppConfig.ready(), so the kernel never imports it::

    from raadhuis.kernel.messaging.samenvoegvelden import register_merge_fields

    register_merge_fields(
        "schuldhulp",
        schuldhulp_velden,  # Callable[[Zaak], dict]
        {"fase": "Fase van het traject", "afloscapaciteit": "Aflossing per maand (€)"},
    )

Data that depends on the recipient rather than the case (the creditor a letter goes to) is
passed to `brief_send(extra_context={"schuldeiser": {...}})`; register the group all the same,
with a provider that returns {} (or what the case alone can say), so the editor lists its
fields and templates that use them pass the field check.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.messaging.ontvangers import (
    Ontvanger,
    aanhef,
    achternaam,
    adresnaam,
    adresregels,
    correspondentieadres,
)
from raadhuis.kernel.parties.models import Partij, PartijSoort
from raadhuis.kernel.workflow.calendar import vandaag

Provider = Callable[[Zaak], dict]


@dataclass(frozen=True)
class VeldGroep:
    naam: str
    provider: Provider
    beschrijving: dict[str, str]
    voorbeeld: dict[str, Any] = field(default_factory=dict)

    @property
    def velden(self) -> set[str]:
        """The first part of every described field ("adres" of "adres.postcode")."""
        return {sleutel.split(".")[0] for sleutel in self.beschrijving}


_REGISTER: dict[str, VeldGroep] = {}


def register_merge_fields(
    naam: str,
    provider: Provider,
    beschrijving: dict[str, str],
    *,
    voorbeeld: dict[str, Any] | None = None,
) -> None:
    """Make the group `naam` available in every template. `beschrijving` maps each field to a
    Dutch description (shown in the editor); `voorbeeld` gives fictitious values for the
    editor's preview (default: the description between «»). Registering a name again
    replaces the group (a reloaded app)."""
    if not naam.isidentifier() or naam.startswith("_"):
        raise ValueError(f"merge field group {naam!r}: a Python identifier, not starting with _")
    _REGISTER[naam] = VeldGroep(
        naam=naam,
        provider=provider,
        beschrijving={str(k): str(v) for k, v in beschrijving.items()},
        voorbeeld=dict(voorbeeld or {}),
    )


def merge_field_groups() -> list[VeldGroep]:
    """Every registered group: the kernel's first, then the others by name."""
    kernel = [g for n in KERNEL_GROEPEN if (g := _REGISTER.get(n)) is not None]
    return kernel + sorted(
        (g for n, g in _REGISTER.items() if n not in KERNEL_GROEPEN), key=lambda g: g.naam
    )


def merge_field_group(naam: str) -> VeldGroep | None:
    return _REGISTER.get(naam)


def _plain(value: Any, depth: int = 0) -> Any:  # noqa: ANN401 - any merge value
    """Only plain data reaches a template: a model object or queryset could be walked into
    (`{{ zaak.organisatie.medewerkers }}`) and would leak more than the provider meant."""
    if depth > 5:
        return ""
    if value is None or isinstance(
        value, str | int | float | bool | decimal.Decimal | datetime.date | datetime.datetime
    ):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    return str(value)


def merge_context(
    zaak: Zaak, *, ontvanger: Ontvanger | None = None, extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Every group's values for `zaak`; the recipient's data under `ontvanger`; `extra`
    merged over it (a dict into a group's dict, anything else replacing it)."""
    zaak = zaak_voor_brief(zaak)
    context: dict[str, Any] = {}
    for groep in merge_field_groups():
        context[groep.naam] = _plain(groep.provider(zaak) or {})
    if ontvanger is not None:
        context["ontvanger"] = _plain(ontvanger.als_samenvoegvelden())
    return merge_extra(context, extra)


def zaak_voor_brief(zaak: Zaak) -> Zaak:
    """The case as it is now in the database, with what the kernel's providers read."""
    return (
        Zaak.objects.select_related(
            "zaaktype", "organisatie", "behandelaar", "status_actueel__statustype"
        )
        .prefetch_related("rollen__roltype", "rollen__partij__adressen")
        .get(pk=zaak.pk)
    )


def merge_extra(context: dict[str, Any], extra: Mapping[str, Any] | None) -> dict[str, Any]:
    for naam, waarde in (extra or {}).items():
        if isinstance(waarde, Mapping) and isinstance(context.get(naam), dict):
            context[naam] = {**context[naam], **_plain(waarde)}
        else:
            context[naam] = _plain(waarde)
    return context


def voorbeeld_context(organisatie: Any, extra: Mapping[str, Any] | None = None) -> dict:  # noqa: ANN401
    """Fictitious values for every group, for the editor's preview without a real case."""
    context: dict[str, Any] = {}
    for groep in merge_field_groups():
        waarden: dict[str, Any] = {k: f"«{v}»" for k, v in groep.beschrijving.items()}
        waarden.update(groep.voorbeeld)
        context[groep.naam] = _plain(waarden)
    context["organisatie"] = {**context.get("organisatie", {}), **_organisatie(organisatie)}
    context["datum"] = {"vandaag": vandaag(organisatie.tijdzone)}
    return merge_extra(context, extra)


# --- the kernel's own groups ----------------------------------------------------------------
KERNEL_GROEPEN = ("organisatie", "zaak", "client", "ontvanger", "behandelaar", "datum", "brief")


def client_partij(zaak: Zaak) -> Partij | None:
    """The case's initiator (aanvrager), else the first party with a role in it."""
    rollen = [r for r in zaak.rollen.all() if r.partij_id is not None]
    for rol in rollen:
        if rol.roltype.omschrijving_generiek == "initiator":
            return rol.partij
    return rollen[0].partij if rollen else None


def _organisatie(organisatie: Any) -> dict[str, Any]:  # noqa: ANN401
    from raadhuis.kernel.messaging.models import Briefhoofd

    hoofd = Briefhoofd.objects.filter(organisatie=organisatie).first()
    return {
        "naam": organisatie.naam,
        "plaats": hoofd.plaats if hoofd else "",
        "afzender": hoofd.afzender.splitlines() if hoofd else [],
    }


def _zaak(zaak: Zaak) -> dict[str, Any]:
    return {
        "identificatie": zaak.identificatie,
        "omschrijving": zaak.omschrijving,
        "zaaktype": zaak.zaaktype.omschrijving,
        "startdatum": zaak.startdatum,
        "uiterlijke_einddatum": zaak.uiterlijke_einddatum_afdoening,
        "status": zaak.status_actueel.statustype.omschrijving
        if zaak.status_actueel is not None
        else "",
    }


def _bsn_gemaskeerd(bsn: str) -> str:
    return "*" * (len(bsn) - 3) + bsn[-3:] if len(bsn) > 3 else bsn


def _client(zaak: Zaak) -> dict[str, Any]:
    partij = client_partij(zaak)
    if partij is None:
        return {}
    adres = correspondentieadres(partij)
    concreet = partij.concreet
    waarden: dict[str, Any] = {
        "naam": partij.weergavenaam,
        "adresnaam": adresnaam(partij),
        "achternaam": achternaam(partij),
        "aanhef": aanhef(partij),
        "email": partij.email,
        "adres": ", ".join(adresregels(adres)) if adres else "",
        "adresregels": list(adresregels(adres)) if adres else [],
        "postcode": adres.postcode if adres else "",
        "woonplaats": adres.woonplaats if adres else "",
    }
    if partij.soort == PartijSoort.NATUURLIJK_PERSOON:
        waarden["bsn"] = _bsn_gemaskeerd(getattr(concreet, "bsn", "") or "")
        waarden["geboortedatum"] = getattr(concreet, "geboortedatum", None)
    return waarden


def _ontvanger(zaak: Zaak) -> dict[str, Any]:
    """By default the client; brief_send puts the actual recipient here."""
    partij = client_partij(zaak)
    return Ontvanger.van_partij(partij).als_samenvoegvelden() if partij is not None else {}


def _behandelaar(zaak: Zaak) -> dict[str, Any]:
    medewerker = zaak.behandelaar
    if medewerker is None:
        return {}
    return {"naam": medewerker.naam, "email": medewerker.email}


def _datum(zaak: Zaak) -> dict[str, Any]:
    return {"vandaag": vandaag(zaak.organisatie.tijdzone)}


# A field of a group: its name, its description in the editor and, optionally, the fictitious
# value the editor's preview shows (without one the preview shows the description).
Veld = tuple[str, Any] | tuple[str, Any, Any]


def _groep_register(naam: str, provider: Provider, velden: list[Veld]) -> None:
    """Register a group from one table of its fields (see register_merge_fields)."""
    register_merge_fields(
        naam,
        provider,
        {veld[0]: str(veld[1]) for veld in velden},
        voorbeeld={veld[0]: veld[2] for veld in velden if len(veld) == 3},
    )


def kernel_groepen_register() -> None:
    _groep_register(
        "organisatie",
        lambda zaak: _organisatie(zaak.organisatie),
        [
            ("naam", _("Naam van de organisatie (gemeente)")),
            ("plaats", _("Plaats uit het briefhoofd")),
            ("afzender", _("Regels van het afzenderadres")),
        ],
    )
    _groep_register(
        "zaak",
        _zaak,
        [
            ("identificatie", _("Zaaknummer"), "ZAAK-2026-0000123"),
            ("omschrijving", _("Omschrijving van de zaak"), str(_("Voorbeeldzaak"))),
            ("zaaktype", _("Zaaktype"), str(_("Schuldhulpverlening"))),
            ("startdatum", _("Startdatum van de zaak"), datetime.date(2026, 1, 5)),
            (
                "uiterlijke_einddatum",
                _("Uiterlijke einddatum afdoening"),
                datetime.date(2026, 3, 2),
            ),
            ("status", _("Huidige status"), str(_("In behandeling"))),
        ],
    )
    _groep_register(
        "client",
        _client,
        [
            ("naam", _("Volledige naam van de aanvrager"), "Jan de Vries"),
            ("adresnaam", _("Naam zoals op de envelop (voorletters en achternaam)"), "J. de Vries"),
            ("achternaam", _("Achternaam met voorvoegsel"), "De Vries"),
            (
                "aanhef",
                _("Aanhef, bijvoorbeeld ‘Geachte heer De Vries,’"),
                str(_("Geachte heer De Vries,")),
            ),
            ("adres", _("Adres op één regel"), "Stationsstraat 12, 6901 AB  ZEVENAAR"),
            (
                "adresregels",
                _("Adres als lijst van regels"),
                ["Stationsstraat 12", "6901 AB  ZEVENAAR"],
            ),
            ("postcode", _("Postcode"), "6901AB"),
            ("woonplaats", _("Woonplaats"), "Zevenaar"),
            ("email", _("E-mailadres"), "j.devries@example.org"),
            ("bsn", _("BSN, gemaskeerd (alleen de laatste drie cijfers)"), "******782"),
            ("geboortedatum", _("Geboortedatum"), datetime.date(1980, 4, 1)),
        ],
    )
    _groep_register(
        "ontvanger",
        _ontvanger,
        [
            ("naam", _("Naam van de geadresseerde"), "J. de Vries"),
            ("aanhef", _("Aanhef voor de geadresseerde"), str(_("Geachte heer De Vries,"))),
            ("adres", _("Adres op één regel"), "Stationsstraat 12, 6901 AB  ZEVENAAR"),
            (
                "adresregels",
                _("Adres als lijst van regels"),
                ["Stationsstraat 12", "6901 AB  ZEVENAAR"],
            ),
            ("email", _("E-mailadres van de geadresseerde"), "j.devries@example.org"),
        ],
    )
    _groep_register(
        "behandelaar",
        _behandelaar,
        [
            ("naam", _("Naam van de behandelaar van de zaak"), "A. Consulent"),
            ("email", _("E-mailadres van de behandelaar"), "a.consulent@example.org"),
        ],
    )
    _groep_register("datum", _datum, [("vandaag", _("De datum van vandaag"))])
    _groep_register(
        "brief",
        lambda zaak: {},
        [
            (
                "tekst",
                _("Vrije tekst die de medewerker bij het versturen typt"),
                str(_("Hier komt de tekst die de medewerker bij het versturen van de brief typt.")),
            )
        ],
    )
