"""Read-only mirrors of case types that live in an external Catalogi API.

A Zaken API client may refer to a zaaktype (statustype, roltype, resultaattype) in another
Catalogi API, provided an administrator configured that API as a zgw-consumers Service. The
type is fetched and kept as a local mirror in a catalogue flagged external (`extern_url` set on
every mirrored row), so a case can refer to it by foreign key and every kernel rule keeps
working. The APIs render the original URL (`extern_url`) of a mirrored type.

A mirror is refreshed whenever it is resolved again (remote answers are cached briefly, see
kernel/integrations/zgw); changes are audited as the system. Mirrors are never removed: types
the remote no longer lists stay, as cases may refer to them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff
from raadhuis.kernel.catalog.models import (
    Catalogus,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
)
from raadhuis.kernel.integrations.zgw import ExternFout, resolve
from raadhuis.kernel.organisations.models import Organisatie

ZTC = "ztc"
SYSTEEM = "Externe catalogus"

M = TypeVar("M", bound=models.Model)


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _catalogus_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "naam": _text(data.get("naam")) or _text(data.get("domein")) or "Externe catalogus",
        "domein": _text(data.get("domein"))[:5],
        "rsin": _text(data.get("rsin"))[:9],
        "contactpersoon_beheer_naam": _text(data.get("contactpersoonBeheerNaam"))[:40],
        "versie": _text(data.get("versie"))[:20],
        "begindatum_versie": _date(data.get("begindatumVersie")),
    }


def _zaaktype_values(data: dict[str, Any]) -> dict[str, Any]:
    referentieproces = data.get("referentieproces") or {}
    return {
        "identificatie": _text(data.get("identificatie")),
        "omschrijving": _text(data.get("omschrijving")),
        "omschrijving_generiek": _text(data.get("omschrijvingGeneriek")),
        "vertrouwelijkheidaanduiding": _text(data.get("vertrouwelijkheidaanduiding")),
        "doel": _text(data.get("doel")),
        "aanleiding": _text(data.get("aanleiding")),
        "toelichting": _text(data.get("toelichting")),
        "indicatie_intern_of_extern": _text(data.get("indicatieInternOfExtern")) or "extern",
        "handeling_initiator": _text(data.get("handelingInitiator")),
        "onderwerp": _text(data.get("onderwerp")),
        "handeling_behandelaar": _text(data.get("handelingBehandelaar")),
        "doorlooptijd": _text(data.get("doorlooptijd")),
        "servicenorm": _text(data.get("servicenorm")),
        "opschorting_en_aanhouding_mogelijk": bool(data.get("opschortingEnAanhoudingMogelijk")),
        "verlenging_mogelijk": bool(data.get("verlengingMogelijk")),
        "verlengingstermijn": _text(data.get("verlengingstermijn")),
        "trefwoorden": list(data.get("trefwoorden") or []),
        "publicatie_indicatie": bool(data.get("publicatieIndicatie")),
        "publicatietekst": _text(data.get("publicatietekst")),
        "verantwoordingsrelatie": list(data.get("verantwoordingsrelatie") or []),
        "producten_of_diensten": list(data.get("productenOfDiensten") or []),
        "selectielijst_procestype": _text(data.get("selectielijstProcestype")),
        "referentieproces_naam": _text(referentieproces.get("naam")),
        "referentieproces_link": _text(referentieproces.get("link")),
        "verantwoordelijke": _text(data.get("verantwoordelijke")),
        "versiedatum": _date(data.get("versiedatum")) or timezone.localdate(),
        "begin_geldigheid": _date(data.get("beginGeldigheid")) or timezone.localdate(),
        "einde_geldigheid": _date(data.get("eindeGeldigheid")),
        "concept": bool(data.get("concept", False)),
    }


def _geldigheid(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "begin_geldigheid": _date(data.get("beginGeldigheid")),
        "einde_geldigheid": _date(data.get("eindeGeldigheid")),
    }


def _statustype_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "omschrijving": _text(data.get("omschrijving")),
        "omschrijving_generiek": _text(data.get("omschrijvingGeneriek")),
        "statustekst": _text(data.get("statustekst")),
        "volgnummer": int(data.get("volgnummer") or 1),
        "informeren": bool(data.get("informeren")),
        "doorlooptijd": _text(data.get("doorlooptijd")),
        "toelichting": _text(data.get("toelichting")),
        **_geldigheid(data),
    }


def _roltype_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "omschrijving": _text(data.get("omschrijving")),
        "omschrijving_generiek": _text(data.get("omschrijvingGeneriek")),
        **_geldigheid(data),
    }


def _resultaattype_values(data: dict[str, Any]) -> dict[str, Any]:
    bron = data.get("brondatumArchiefprocedure") or {}
    values = {
        "omschrijving": _text(data.get("omschrijving")),
        "resultaattypeomschrijving": _text(data.get("resultaattypeomschrijving")),
        "omschrijving_generiek": _text(data.get("omschrijvingGeneriek")),
        "selectielijstklasse": _text(data.get("selectielijstklasse")),
        "toelichting": _text(data.get("toelichting")),
        "archiefnominatie": _text(data.get("archiefnominatie")),
        "archiefactietermijn": _text(data.get("archiefactietermijn")),
        "datumkenmerk": _text(bron.get("datumkenmerk")),
        "einddatum_bekend": bool(bron.get("einddatumBekend")),
        "objecttype": _text(bron.get("objecttype")),
        "registratie": _text(bron.get("registratie")),
        "procestermijn": _text(bron.get("procestermijn")),
        **_geldigheid(data),
    }
    if bron.get("afleidingswijze"):
        values["afleidingswijze"] = bron["afleidingswijze"]
    return values


def _sync(actor: Actor, model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Create or update the mirror row `lookup` with `values`; audit what changed."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        before: dict[str, Any] = {}
        actie = "extern_gespiegeld"
    else:
        before = {name: getattr(obj, name) for name in values}
        if before == values:
            return obj
        for name, value in values.items():
            setattr(obj, name, value)
        actie = "extern_bijgewerkt"
    obj.save()
    audit_entry_record(
        actor=actor,
        actie=f"{model._meta.model_name}_{actie}",
        obj=obj,
        wijzigingen={k: [str(v[0]), str(v[1])] for k, v in diff(before, values).items()},
        toelichting=lookup.get("extern_url", ""),
    )
    return obj


CHILDREN: tuple[tuple[str, type[models.Model], Callable[[dict[str, Any]], dict[str, Any]]], ...] = (
    ("statustypen", StatusType, _statustype_values),
    ("roltypen", RolType, _roltype_values),
    ("resultaattypen", ResultaatType, _resultaattype_values),
)


def zaaktype_extern(organisatie: Organisatie, url: str) -> ZaakType:
    """The local mirror of the external zaaktype at `url` for this organisation, created or
    refreshed from the remote Catalogi API with its statustypen, roltypen and resultaattypen.
    Raises `ExternFout` when the URL is not of a configured service or cannot be fetched."""
    data = resolve(url, ZTC)
    catalogus_url = _text(data.get("catalogus"))
    catalogus_data = resolve(catalogus_url, ZTC) if catalogus_url else {}
    children = {
        name: [(child_url, resolve(child_url, ZTC)) for child_url in data.get(name) or []]
        for name, _model, _values in CHILDREN
    }
    try:
        return _mirror(organisatie, url, data, catalogus_url, catalogus_data, children)
    except IntegrityError:
        # another request mirrored the same type at the same moment: use (refresh) its rows
        return _mirror(organisatie, url, data, catalogus_url, catalogus_data, children)


def _mirror(
    organisatie: Organisatie,
    url: str,
    data: dict[str, Any],
    catalogus_url: str,
    catalogus_data: dict[str, Any],
    children: dict[str, list[tuple[str, dict[str, Any]]]],
) -> ZaakType:
    actor = Actor.system(organisatie, SYSTEEM)
    with transaction.atomic():
        catalogus = _sync(
            actor,
            Catalogus,
            {"organisatie": organisatie, "extern_url": catalogus_url or url},
            _catalogus_values(catalogus_data),
        )
        zaaktype = _sync(
            actor,
            ZaakType,
            {"catalogus": catalogus, "extern_url": url},
            _zaaktype_values(data),
        )
        for name, model, values_of in CHILDREN:
            for child_url, child in children[name]:
                _sync(
                    actor,
                    model,
                    {"zaaktype": zaaktype, "extern_url": child_url},
                    values_of(child),
                )
    return zaaktype


def type_extern(organisatie: Organisatie, model: type[M], url: str) -> M:
    """The local mirror of an external statustype, roltype or resultaattype: looked up among
    this organisation's mirrors, or mirrored with its zaaktype first."""
    mirrors = model._default_manager.filter(
        extern_url=url, zaaktype__catalogus__organisatie=organisatie
    )
    found = mirrors.first()
    if found is not None:
        return found
    data = resolve(url, ZTC)
    zaaktype_url = _text(data.get("zaaktype"))
    if not zaaktype_url:
        raise ExternFout("does_not_exist", _("Het externe type hoort niet bij een zaaktype."))
    zaaktype_extern(organisatie, zaaktype_url)
    found = mirrors.first()
    if found is None:
        raise ExternFout("does_not_exist", _("Het externe zaaktype kent dit type niet."))
    return found
