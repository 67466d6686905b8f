"""Rendering letter templates with merge fields, safely.

A functional administrator writes the body in HTML with Django template syntax
(`{{ client.naam }}`, `{% if … %}`, `{% for regel in … %}`). It is compiled by a locked-down
template Engine: no loaders (no `{% include %}` or `{% extends %}`), no `{% load %}`, only a
short list of harmless tags and filters (no `safe`, no `autoescape off`), and autoescaping on, so
a client's name can never inject markup. The values themselves are plain data
(samenvoegvelden._plain), never model objects.

Every problem is a `SjabloonFout` (a ValidationError) with a Dutch message and, where known,
the line: a syntax error, an unknown tag or filter, a merge field nobody provides, or markup
that does not belong in a letter (scripts, frames, event handlers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.template import (
    Context,
    Engine,
    Library,
    Node,
    Template,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import FilterExpression, Variable
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.messaging.samenvoegvelden import merge_field_groups

TAGS = (
    "if",
    "for",
    "with",
    "comment",
    "firstof",
    "cycle",
    "ifchanged",
    "now",
    "spaceless",
    "templatetag",
    "verbatim",
    "widthratio",
)
FILTERS = (
    "add",
    "capfirst",
    "center",
    "cut",
    "date",
    "default",
    "default_if_none",
    "divisibleby",
    "first",
    "floatformat",
    "join",
    "last",
    "length",
    "linebreaks",
    "linebreaksbr",
    "ljust",
    "lower",
    "pluralize",
    "rjust",
    "slice",
    "stringformat",
    "time",
    "title",
    "truncatechars",
    "truncatewords",
    "upper",
    "wordcount",
    "wordwrap",
    "yesno",
)
# Names a template binds itself ({% for x in … %}, {% with y=… %}): not merge fields.
INGEBOUWD = {"forloop", "True", "False", "None"}
VERBODEN_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|frame|object|embed|link|meta|base|form|input)\b"
    r"|\son[a-z]+\s*="
    r"|javascript\s*:",
    re.IGNORECASE,
)


class SjabloonFout(ValidationError):
    """A template that cannot be rendered; the message says why, in Dutch."""


@dataclass(frozen=True)
class SjabloonTekst:
    """The text of a template: a saved version, or what is being typed in the editor."""

    onderwerp: str
    inhoud: str
    naam: str = ""


def _bedrag(value: Any) -> str:  # noqa: ANN401 - a number in any form
    """'€ 1.234,56' (Dutch notation); the value unchanged when it is not a number."""
    try:
        return "€ " + formats.number_format(
            value, decimal_pos=2, use_l10n=True, force_grouping=True
        )
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


def _library() -> Library:
    library = Library()
    for naam in TAGS:
        library.tags[naam] = defaulttags.register.tags[naam]
    for naam in FILTERS:
        library.filters[naam] = defaultfilters.register.filters[naam]
    library.filter("bedrag", _bedrag, is_safe=False)
    return library


def _engine(*, autoescape: bool) -> Engine:
    # debug=True only adds the line number to errors; it changes nothing in the output.
    engine = Engine(debug=True, loaders=[], autoescape=autoescape, string_if_invalid="")
    engine.template_builtins = [_library()]
    engine.template_libraries = {}
    return engine


@cache
def html_engine() -> Engine:
    return _engine(autoescape=True)


@cache
def tekst_engine() -> Engine:
    """For the subject: plain text (an e-mail subject, escaped again where it goes into HTML)."""
    return _engine(autoescape=False)


# --- compiling and checking ----------------------------------------------------------------
_FOUTEN = (
    (
        re.compile(r"Invalid block tag on line (\d+): '([^']+)'"),
        gettext_lazy(
            "Regel %(1)s: de opdracht {%% %(2)s %%} bestaat niet of mag niet in een brief."
        ),
    ),
    (
        re.compile(r"Invalid filter: '([^']+)'"),
        gettext_lazy("Het filter ‘%(1)s’ bestaat niet of mag niet."),
    ),
    (
        re.compile(r"Unclosed tag on line (\d+): '([^']+)'"),
        gettext_lazy(
            "Regel %(1)s: {%% %(2)s %%} is niet afgesloten (bijvoorbeeld met {%% end%(2)s %%})."
        ),
    ),
    (
        re.compile(r"Could not parse the remainder: '([^']*)' from '([^']*)'"),
        gettext_lazy("‘%(2)s’ kan niet gelezen worden: ‘%(1)s’ hoort er niet bij."),
    ),
    (re.compile(r"Empty variable tag on line (\d+)"), gettext_lazy("Regel %(1)s: {{ }} is leeg.")),
    (
        re.compile(r"Variables and attributes may not begin with underscores: '([^']+)'"),
        gettext_lazy("Een samenvoegveld mag niet met een liggend streepje beginnen: ‘%(1)s’."),
    ),
)


def _vertaal(error: TemplateSyntaxError) -> str:
    tekst = str(error)
    for patroon, bericht in _FOUTEN:
        match = patroon.search(tekst)
        if match:
            return bericht % {str(i): g for i, g in enumerate(match.groups(), start=1)}
    regel = getattr(error, "template_debug", {}).get("line")
    if regel:
        return _("Regel %(regel)s: de sjabloontekst is niet juist (%(fout)s).") % {
            "regel": regel,
            "fout": tekst,
        }
    return _("De sjabloontekst is niet juist (%(fout)s).") % {"fout": tekst}


def compileer(bron: str, *, veld: str, html: bool = True) -> Template:
    """The compiled template, or a SjabloonFout on `veld` in Dutch."""
    if html:
        verboden = VERBODEN_HTML.search(bron)
        if verboden:
            raise SjabloonFout(
                {
                    veld: _(
                        "‘%(stuk)s’ mag niet in een brief: geen scripts, frames, formulieren "
                        "of gebeurtenissen (on…=)."
                    )
                    % {"stuk": verboden.group(0).strip()}
                }
            )
    try:
        return Template(bron, engine=html_engine() if html else tekst_engine())
    except TemplateSyntaxError as error:
        raise SjabloonFout({veld: _vertaal(error)}) from error


def _walk(obj: Any, seen: set[int]) -> Iterable[Any]:  # noqa: ANN401
    """Every Variable in a compiled template, and every name the template binds itself."""
    if id(obj) in seen or isinstance(obj, str | int | float | bool) or obj is None:
        return
    seen.add(id(obj))
    if isinstance(obj, Variable):
        yield obj
    elif isinstance(obj, FilterExpression):
        yield from _walk(obj.var, seen)
        for _func, args in obj.filters:
            for lookup, arg in args:
                if lookup:
                    yield from _walk(arg, seen)
    elif isinstance(obj, list | tuple | set):
        for item in obj:
            yield from _walk(item, seen)
    elif isinstance(obj, dict):
        for sleutel, waarde in obj.items():
            if isinstance(sleutel, str):
                yield ("bound", sleutel)
            yield from _walk(waarde, seen)
    elif hasattr(obj, "__dict__") and (isinstance(obj, Node) or _is_smartif(obj)):
        for naam in ("loopvars",):
            for lus in getattr(obj, naam, None) or ():
                yield ("bound", lus)
        for naam in ("variable_name", "var_name", "asvar"):
            gebonden = getattr(obj, naam, None)
            if isinstance(gebonden, str) and gebonden:
                yield ("bound", gebonden)
        for naam, waarde in vars(obj).items():
            if naam not in ("token", "origin", "source"):
                yield from _walk(waarde, seen)


def _is_smartif(obj: Any) -> bool:  # noqa: ANN401
    return type(obj).__module__ == "django.template.smartif" or type(obj).__module__.startswith(
        "django.template.defaulttags"
    )


def velden_check(templates: Mapping[str, Template], *, extra_namen: Iterable[str] = ()) -> None:
    """Every merge field used must be provided: a registered group and one of its described
    fields, or a name in `extra_namen` (extra context a caller passes, not checked further)."""
    groepen = {g.naam: g for g in merge_field_groups()}
    extra = set(extra_namen)
    for veld, template in templates.items():
        gevonden = list(_walk(template.nodelist, set()))
        gebonden = {item[1] for item in gevonden if isinstance(item, tuple)} | INGEBOUWD
        for variabele in (v for v in gevonden if isinstance(v, Variable)):
            if not variabele.lookups:
                continue  # a literal ("tekst", 3)
            naam = ".".join(variabele.lookups)
            wortel = variabele.lookups[0]
            if wortel in gebonden:
                continue
            groep = groepen.get(wortel)
            if groep is None and wortel in extra:
                continue  # extra context the caller passes: not described, not checked
            if groep is None:
                raise SjabloonFout(
                    {
                        veld: _("Onbekend samenvoegveld ‘%(naam)s’. Beschikbaar zijn: %(groepen)s.")
                        % {"naam": naam, "groepen": ", ".join(sorted(groepen))}
                    }
                )
            if len(variabele.lookups) > 1 and groep.beschrijving:
                sub = variabele.lookups[1]
                if sub not in groep.velden:
                    raise SjabloonFout(
                        {
                            veld: _(
                                "Onbekend samenvoegveld ‘%(naam)s’. In ‘%(groep)s’ zijn "
                                "beschikbaar: %(velden)s."
                            )
                            % {
                                "naam": naam,
                                "groep": wortel,
                                "velden": ", ".join(sorted(groep.velden)),
                            }
                        }
                    )


def sjabloon_check(tekst: SjabloonTekst, *, extra_namen: Iterable[str] = ()) -> None:
    """Raise a SjabloonFout (per field: onderwerp, inhoud) when the text cannot be used."""
    templates = {
        "onderwerp": compileer(tekst.onderwerp, veld="onderwerp", html=False),
        "inhoud": compileer(tekst.inhoud, veld="inhoud"),
    }
    velden_check(templates, extra_namen=extra_namen)


# Where a template takes the sender's own words (the "Eigen tekst" of a library letter).
_EIGEN_TEKST = re.compile(r"\bbrief\.tekst\b")


def eigen_tekst_check(inhoud: str, tekst: str) -> None:
    """Refuse own text for a template without `{{ brief.tekst }}`: it would be left out of the
    letter without a word to the person who typed it."""
    if tekst.strip() and not _EIGEN_TEKST.search(inhoud):
        raise field_error(
            "tekst",
            _(
                "Deze brief heeft geen plaats voor eigen tekst. Laat het veld leeg of kies een "
                "brief die eigen tekst opneemt."
            ),
            code="invalid",
        )


# --- rendering ------------------------------------------------------------------------------
def _render(template: Template, context: Mapping[str, Any], veld: str) -> str:
    try:
        with override("nl"):
            return template.render(Context(dict(context), autoescape=template.engine.autoescape))
    except Exception as error:  # noqa: BLE001 - any failure becomes a Dutch message
        raise SjabloonFout(
            {veld: _("De brief kan niet gemaakt worden: %(fout)s") % {"fout": error}}
        ) from error


def onderwerp_render(tekst: SjabloonTekst, context: Mapping[str, Any]) -> str:
    template = compileer(tekst.onderwerp, veld="onderwerp", html=False)
    return " ".join(_render(template, context, "onderwerp").split())


def inhoud_render(tekst: SjabloonTekst, context: Mapping[str, Any]) -> str:
    return _render(compileer(tekst.inhoud, veld="inhoud"), context, "inhoud")


def logo_html(briefhoofd: Any, organisatie: Any) -> str:  # noqa: ANN401
    """The letterhead's SVG logo, or the organisation's name as a text logo."""
    svg = (getattr(briefhoofd, "logo_svg", "") or "").strip()
    if svg:
        return mark_safe(svg)  # noqa: S308 - checked by logo_check when saved
    return ""


def brief_document_render(
    tekst: SjabloonTekst,
    context: Mapping[str, Any],
    *,
    organisatie: Any,  # noqa: ANN401
    briefhoofd: Any = None,  # noqa: ANN401
    voor_scherm: bool = False,
) -> str:
    """The whole letter as an HTML document: letterhead, address block, reference lines,
    body, signature and footer. `voor_scherm` links the stylesheet for a browser preview (the
    PDF gets it directly, see pdf.py)."""
    onderwerp = onderwerp_render(tekst, context)
    inhoud = inhoud_render(tekst, context)
    ontvanger = context.get("ontvanger") or {}
    zaak = context.get("zaak") or {}
    datum = (context.get("datum") or {}).get("vandaag")
    with override("nl"):
        return render_to_string(
            "messaging/brief.html",
            {
                "onderwerp": onderwerp,
                "inhoud": mark_safe(inhoud),  # noqa: S308 - rendered with autoescape on
                "ontvanger": ontvanger,
                "kenmerk": zaak.get("identificatie", ""),
                "datum": datum,
                "organisatie": organisatie,
                "briefhoofd": briefhoofd,
                "logo": logo_html(briefhoofd, organisatie),
                "afzender": (getattr(briefhoofd, "afzender", "") or "").splitlines(),
                "ondertekening": (getattr(briefhoofd, "ondertekening", "") or "").splitlines(),
                "stylesheet": static("messaging/brief.css") if voor_scherm else "",
                "voor_scherm": voor_scherm,
            },
        )
