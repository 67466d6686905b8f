"""The CRM template library: about seventy letters, quotations and e-mails, seeded into an
organisation's kernel template library (kernel.messaging) by `crm_sjablonen_ensure`.

Each template states its use (soorten.Gebruik): the flow that renders it and so the merge
fields it may use. `velden_buiten_gebruik` says which fields of a text its use does not fill;
the leads screen uses it to refuse a quotation template that would print empty fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.template.base import Variable

from raadhuis.kernel.messaging.models import BriefSjabloon
from raadhuis.kernel.messaging.samenvoegvelden import merge_field_group
from raadhuis.kernel.messaging.sjablonen import _walk, compileer
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.crm.sjablonen.soorten import GEBRUIKEN, CrmSjabloon, Gebruik
from raadhuis.modules.crm.sjablonen.teksten import (
    communicatie,
    contracten,
    evenementen,
    klachten,
    klantcontact,
    offertes,
    ondernemers,
    relatiebeheer,
    subsidies,
)

CATEGORIEEN = (
    klachten,
    contracten,
    offertes,
    relatiebeheer,
    klantcontact,
    communicatie,
    evenementen,
    subsidies,
    ondernemers,
)


@cache
def bibliotheek() -> tuple[CrmSjabloon, ...]:
    """Every template of the library, in the order of the categories."""
    sjablonen = tuple(s for categorie in CATEGORIEEN for s in categorie.SJABLONEN)
    codes = [s.code for s in sjablonen]
    dubbel = {c for c in codes if codes.count(c) > 1}
    if dubbel:  # a programming error in the data files, caught by the tests
        raise ValueError(f"template codes used twice: {sorted(dubbel)}")
    return sjablonen


def sjabloon_spec(code: str) -> CrmSjabloon | None:
    return next((s for s in bibliotheek() if s.code == code), None)


def gebruik_van(code: str) -> Gebruik | None:
    """The use of a template of the library by code; None for a template made elsewhere."""
    spec = sjabloon_spec(code)
    return spec.gebruik if spec is not None else None


def beschikbare_velden(gebruik: Gebruik) -> dict[str, frozenset[str]]:
    """Per group the fields `gebruik` fills, as registered now (a group of an app that is not
    installed is left out)."""
    velden: dict[str, frozenset[str]] = {}
    for naam, subset in gebruik.groepen.items():
        groep = merge_field_group(naam)
        if groep is None:
            continue
        velden[naam] = groep.velden if subset is None else frozenset(subset) & groep.velden
    return velden


def gebruikte_velden(onderwerp: str, html: str) -> set[str]:
    """Every merge field a text uses ("klacht.onderwerp"; a bare group as "klacht"), without
    the names the text binds itself ({% for regel in … %}). Raises SjabloonFout for a text
    that does not compile."""
    templates = (
        compileer(onderwerp, veld="onderwerp", html=False),
        compileer(html, veld="inhoud"),
    )
    # The kernel's walker (kernel.messaging.sjablonen._walk) is the one that knows every
    # place Django keeps a variable; a copy here would drift from the kernel's own check.
    gevonden = [item for t in templates for item in _walk(t.nodelist, set())]
    gebonden = {item[1] for item in gevonden if isinstance(item, tuple)}
    gebonden |= {"forloop", "True", "False", "None"}
    velden = set()
    for variabele in (v for v in gevonden if isinstance(v, Variable)):
        if not variabele.lookups or variabele.lookups[0] in gebonden:
            continue
        velden.add(".".join(variabele.lookups[:2]))
    return velden


def velden_buiten_gebruik(onderwerp: str, html: str, gebruik: Gebruik) -> list[str]:
    """The merge fields of the text that `gebruik` does not fill, sorted; [] when it fits."""
    beschikbaar = beschikbare_velden(gebruik)
    buiten = []
    for veld in gebruikte_velden(onderwerp, html):
        groep, _punt, sub = veld.partition(".")
        if groep not in beschikbaar or (sub and sub not in beschikbaar[groep]):
            buiten.append(veld)
    return sorted(buiten)


def _bruikbaar(spec: CrmSjabloon) -> bool:
    """The template's groups are registered (their apps installed)."""
    return all(merge_field_group(naam) is not None for naam in spec.gebruik.groepen)


def crm_sjablonen_ensure(
    organisatie: Organisatie, *, codes: Iterable[str] | None = None
) -> list[BriefSjabloon]:
    """The library's templates in the organisation's template library, created (by the
    system, as version 1) where the code is missing. Idempotent; a template that exists is
    left exactly as the functional administrator made it (text, name, active or not). Only
    `codes` when given. Returns the organisation's templates of the library."""
    from raadhuis.kernel.messaging.services import briefhoofd_ensure, sjabloon_ensure

    briefhoofd_ensure(organisatie)
    gekozen = set(codes) if codes is not None else None
    bestaand = {
        s.code: s
        for s in BriefSjabloon.objects.filter(
            organisatie=organisatie, code__in=[s.code for s in bibliotheek()]
        )
    }
    resultaat = []
    for spec in bibliotheek():
        if gekozen is not None and spec.code not in gekozen:
            continue
        sjabloon = bestaand.get(spec.code)
        if sjabloon is None:
            if not _bruikbaar(spec):
                continue
            sjabloon = sjabloon_ensure(
                organisatie,
                spec.code,
                spec.naam,
                spec.onderwerp,
                spec.html,
                soort=spec.soort,
                categorie=spec.categorie,
            )
        resultaat.append(sjabloon)
    return resultaat


def crm_sjablonen_demo_load(organisatie: Organisatie, **_kwargs: Any) -> list[BriefSjabloon]:  # noqa: ANN401
    """For tools/demo.py: the whole library for the demo organisation."""
    return crm_sjablonen_ensure(organisatie)


def overzicht() -> list[dict[str, Any]]:
    """One row per template (code, naam, soort, categorie, gebruik, velden): for the docs
    table and a catalogue page."""
    return [
        {
            "code": s.code,
            "naam": s.naam,
            "soort": s.soort,
            "categorie": s.categorie,
            "gebruik": s.gebruik.naam,
            "velden": sorted(gebruikte_velden(s.onderwerp, s.html)),
        }
        for s in bibliotheek()
    ]


__all__ = [
    "GEBRUIKEN",
    "beschikbare_velden",
    "bibliotheek",
    "crm_sjablonen_demo_load",
    "crm_sjablonen_ensure",
    "gebruik_van",
    "gebruikte_velden",
    "overzicht",
    "sjabloon_spec",
    "velden_buiten_gebruik",
]
