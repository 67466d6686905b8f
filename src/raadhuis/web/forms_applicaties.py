"""Forms of the API-koppelingen pages: an application (label, client id, "all autorisaties"),
and its autorisaties per component.

Components without types (Catalogi, Autorisaties, Notificaties API) are one set of scope
checkboxes each. Components with types (Zaken, Documenten, Besluiten API) are rows: scopes,
one or more types and (Zaken, Documenten) the highest confidentiality. A row with several types
becomes one autorisatie per type, as the standard stores them; editing groups them back.

The single forms are in forms_autorisaties.py; this module puts them together into the page.
The forms check the shape of the input; the rules of the standard live in
`kernel.access.services`, whose errors are put back on the fields (`service_errors_apply`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie, Autorisatie, Component
from raadhuis.kernel.access.selectors import (
    AutoriseerbareTypen,
    TypeKeuze,
    autoriseerbare_typen,
    type_namen,
)
from raadhuis.kernel.access.services import AutorisatieData
from raadhuis.web.forms_autorisaties import (
    MAX_REGELS,
    MET_VERTROUWELIJKHEID,
    TYPE_COMPONENTEN,
    TYPE_LABELS,
    TYPE_PAD,
    TYPE_SOORT,
    VASTE_COMPONENTEN,
    ApplicatieForm,
    ScopesForm,
    SecretForm,
    TypeAutorisatieForm,
    TypeAutorisatieFormSet,
    VerwijderForm,
    type_url,
    uuid_at_end,
)

# The single forms and their constants are importable from here still.
__all__ = [
    "MAX_REGELS",
    "MET_VERTROUWELIJKHEID",
    "TYPE_COMPONENTEN",
    "TYPE_LABELS",
    "TYPE_PAD",
    "TYPE_SOORT",
    "VASTE_COMPONENTEN",
    "ApplicatieForm",
    "ApplicatieFormulier",
    "AutorisatieRegel",
    "Beginwaarden",
    "Fout",
    "ScopesForm",
    "SecretForm",
    "TypeAutorisatieForm",
    "TypeAutorisatieFormSet",
    "TypeSectie",
    "VerwijderForm",
    "applicatie_formulier",
    "autorisatie_regels",
    "type_url",
    "uuid_at_end",
]


# --- the whole page -------------------------------------------------------------------------


@dataclass
class Fout:
    """One line of the error summary: its text and the field it links to."""

    tekst: str
    anker: str


@dataclass
class TypeSectie:
    component: str
    naam: str
    formset: Any


@dataclass
class ApplicatieFormulier:
    """Every form of the create and edit pages together, with the autorisaties they make."""

    hoofd: ApplicatieForm
    vast: dict[str, ScopesForm]
    per_type: dict[str, Any]  # component -> TypeAutorisatieFormSet
    urls: dict[str, str] = field(default_factory=dict)  # choice -> stored URL

    def is_valid(self) -> bool:
        results = [self.hoofd.is_valid()]
        results += [f.is_valid() for f in self.vast.values()]
        results += [fs.is_valid() for fs in self.per_type.values()]
        if all(results) and self.hoofd.cleaned_data["heeft_alle_autorisaties"]:
            if self.autorisaties():
                self.hoofd.add_error(
                    "heeft_alle_autorisaties",
                    _("Kies óf alle autorisaties, óf losse autorisaties hieronder; niet allebei."),
                )
                return False
        return all(results)

    def autorisaties(self) -> list[AutorisatieData]:
        result: list[AutorisatieData] = []
        for component in TYPE_COMPONENTEN:
            result += self.per_type[component].autorisaties(self.urls)
        for component in VASTE_COMPONENTEN:
            result += self.vast[component].autorisaties()
        return result

    def type_secties(self) -> list[TypeSectie]:
        return [
            TypeSectie(
                component=c,
                naam=str(Component(c).label),
                formset=self.per_type[c],
            )
            for c in TYPE_COMPONENTEN
        ]

    def vaste_secties(self) -> list[tuple[str, ScopesForm]]:
        return [(str(Component(c).label), self.vast[c]) for c in VASTE_COMPONENTEN]

    def fouten(self) -> list[Fout]:
        """Every error on the page, each linking to its field (for the error summary); a row's
        errors say which API and row they belong to."""
        result = _form_fouten(self.hoofd, "")
        for component in TYPE_COMPONENTEN:
            naam = Component(component).label
            for index, form in enumerate(self.per_type[component].forms, start=1):
                waar = _("%(naam)s, regel %(nummer)s") % {"naam": naam, "nummer": index}
                result += _form_fouten(form, f"{waar} – ")
        for component in VASTE_COMPONENTEN:
            result += _form_fouten(self.vast[component], f"{Component(component).label} – ")
        return result

    def service_errors_apply(self, error: ValidationError) -> None:
        """A service's ValidationError on the matching field, else at the top of the form."""
        field_map = {
            "label": "label",
            "clientIds": "client_id",
            "nonFieldErrors": "heeft_alle_autorisaties",
        }
        if not hasattr(error, "error_dict"):
            self.hoofd.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            target = field_map.get(name)
            self.hoofd.add_error(target if target in self.hoofd.fields else None, errors)


def _form_fouten(form: forms.Form, waar: str) -> list[Fout]:
    result = [Fout(f"{waar}{error}", "applicatie-formulier") for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        bound = form[name]
        anker = bound.auto_id
        if isinstance(form.fields[name].widget, forms.CheckboxSelectMultiple):
            anker = f"{bound.auto_id}_groep"
        result += [Fout(f"{waar}{bound.label}: {error}", anker) for error in errors]
    return result


def _groepen(applicatie: Applicatie, component: str) -> list[dict[str, Any]]:
    """The autorisaties of one component with types, grouped by (scopes, level): one row each."""
    soort = TYPE_SOORT[component]
    rows: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for autorisatie in applicatie.autorisaties.all():
        if autorisatie.component != component:
            continue
        key = (tuple(autorisatie.scopes), autorisatie.max_vertrouwelijkheidaanduiding)
        rows.setdefault(key, []).append(_keuze_waarde(getattr(autorisatie, soort)))
    return [
        {"scopes": list(scopes), "typen": typen, "max_vertrouwelijkheidaanduiding": level}
        for (scopes, level), typen in rows.items()
    ]


def _keuze_waarde(url: str) -> str:
    """A type's choice value: its uuid, or the URL itself when it has none."""
    type_uuid = uuid_at_end(url)
    return str(type_uuid) if type_uuid else url


def _keuzes_en_urls(
    *,
    request: HttpRequest,
    actor: Actor,
    soort: str,
    gepubliceerd: list[TypeKeuze],
    opgeslagen: Iterable[str],
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The choices for one kind of type: the organisation's published types, plus whatever an
    existing autorisatie points at (kept as stored, so saving changes nothing unasked)."""
    keuzes = [(str(t.uuid), t.naam) for t in gepubliceerd]
    urls = {str(t.uuid): type_url(request, soort, t.uuid) for t in gepubliceerd}
    opgeslagen = [url for url in opgeslagen if url]
    bekend = {str(t.uuid) for t in gepubliceerd}
    uuids = [u for u in (uuid_at_end(url) for url in opgeslagen) if u]
    namen = type_namen(actor=actor, soort=soort, uuids=uuids)
    for url in opgeslagen:
        waarde = _keuze_waarde(url)
        urls[waarde] = url
        if waarde not in bekend:
            type_uuid = uuid_at_end(url)
            naam = namen.get(type_uuid) if type_uuid else None
            label = _("%(naam)s (niet gepubliceerd)") % {"naam": naam} if naam else url
            keuzes.append((waarde, str(label)))
            bekend.add(waarde)
    return keuzes, urls


def _gepubliceerd(typen: AutoriseerbareTypen, soort: str) -> list[TypeKeuze]:
    return {
        "zaaktype": typen.zaaktypen,
        "informatieobjecttype": typen.informatieobjecttypen,
        "besluittype": typen.besluittypen,
    }[soort]


@dataclass
class Beginwaarden:
    """What the forms show before anything is posted."""

    hoofd: dict[str, Any] = field(default_factory=dict)
    vast: dict[str, list[str]] = field(default_factory=dict)  # component -> scopes
    rijen: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # component -> rows


def _beginwaarden_van(applicatie: Applicatie | None) -> Beginwaarden:
    if applicatie is None:
        return Beginwaarden()
    autorisaties = list(applicatie.autorisaties.all())
    return Beginwaarden(
        hoofd={
            "label": applicatie.label,
            "heeft_alle_autorisaties": applicatie.heeft_alle_autorisaties,
            "alleen_is_gereed_voor_publicatie": applicatie.alleen_is_gereed_voor_publicatie,
        },
        vast={
            c: [s for a in autorisaties if a.component == c for s in a.scopes]
            for c in VASTE_COMPONENTEN
        },
        rijen={c: _groepen(applicatie, c) for c in TYPE_COMPONENTEN},
    )


def _beginwaarden_uit(data: QueryDict, extra_regel: str) -> Beginwaarden:
    """What was posted, as the starting values of a page that adds a row: the user sees their
    input again without error messages; empty rows are dropped and `extra_regel` gets one more."""
    beginwaarden = Beginwaarden(
        hoofd={
            "label": data.get("label", ""),
            "client_id": data.get("client_id", ""),
            "heeft_alle_autorisaties": bool(data.get("heeft_alle_autorisaties")),
            "alleen_is_gereed_voor_publicatie": bool(data.get("alleen_is_gereed_voor_publicatie")),
            "toelichting": data.get("toelichting", ""),
        },
        vast={c: data.getlist(f"{c}-scopes") for c in VASTE_COMPONENTEN},
    )
    for component in TYPE_COMPONENTEN:
        try:
            aantal = min(int(data.get(f"{component}-TOTAL_FORMS", "0")), MAX_REGELS)
        except ValueError:
            aantal = 0
        rijen = []
        for index in range(aantal):
            prefix = f"{component}-{index}-"
            rij: dict[str, Any] = {
                "scopes": data.getlist(f"{prefix}scopes"),
                "typen": data.getlist(f"{prefix}typen"),
                "max_vertrouwelijkheidaanduiding": data.get(
                    f"{prefix}max_vertrouwelijkheidaanduiding", ""
                ),
            }
            if rij["scopes"] or rij["typen"]:
                rijen.append(rij)
        if component == extra_regel:
            rijen.append({})  # the formset adds one more empty row itself
        beginwaarden.rijen[component] = rijen
    return beginwaarden


def applicatie_formulier(
    request: HttpRequest,
    *,
    actor: Actor,
    applicatie: Applicatie | None = None,
    data: QueryDict | None = None,
    extra_regel: str = "",
) -> ApplicatieFormulier:
    """The forms of the create page (no `applicatie`) or the edit page, bound to `data` when
    given; with `extra_regel` (a component) they show the posted input, unchecked, with one
    more empty row for that component."""
    if data is not None and extra_regel:
        beginwaarden, data = _beginwaarden_uit(data, extra_regel), None
    else:
        beginwaarden = _beginwaarden_van(applicatie)
    hoofd = ApplicatieForm(data, initial=beginwaarden.hoofd, met_client_id=applicatie is None)
    vast = {
        c: ScopesForm(data, prefix=c, component=c, initial={"scopes": beginwaarden.vast.get(c, [])})
        for c in VASTE_COMPONENTEN
    }
    typen = autoriseerbare_typen(actor=actor)
    opgeslagen_autorisaties = list(applicatie.autorisaties.all()) if applicatie else []
    per_type = {}
    alle_urls: dict[str, str] = {}
    for component in TYPE_COMPONENTEN:
        soort = TYPE_SOORT[component]
        keuzes, urls = _keuzes_en_urls(
            request=request,
            actor=actor,
            soort=soort,
            gepubliceerd=_gepubliceerd(typen, soort),
            opgeslagen=[
                getattr(a, soort) for a in opgeslagen_autorisaties if a.component == component
            ],
        )
        alle_urls.update(urls)
        per_type[component] = TypeAutorisatieFormSet(
            data,
            prefix=component,
            initial=beginwaarden.rijen.get(component, []),
            form_kwargs={"component": component, "type_keuzes": keuzes},
        )
    return ApplicatieFormulier(hoofd=hoofd, vast=vast, per_type=per_type, urls=alle_urls)


@dataclass
class AutorisatieRegel:
    """An autorisatie as the detail page shows it: the type by name where it is ours."""

    autorisatie: Autorisatie
    type_naam: str


def autorisatie_regels(*, actor: Actor, applicatie: Applicatie) -> list[AutorisatieRegel]:
    autorisaties = list(applicatie.autorisaties.all())
    namen: dict[uuid.UUID, str] = {}
    for soort in TYPE_PAD:
        uuids = [u for u in (uuid_at_end(getattr(a, soort)) for a in autorisaties) if u]
        namen.update(type_namen(actor=actor, soort=soort, uuids=uuids))
    regels = []
    for autorisatie in autorisaties:
        url = autorisatie.zaaktype or autorisatie.informatieobjecttype or autorisatie.besluittype
        type_uuid = uuid_at_end(url)
        naam = namen.get(type_uuid, url) if type_uuid else url
        regels.append(AutorisatieRegel(autorisatie=autorisatie, type_naam=naam))
    return regels
