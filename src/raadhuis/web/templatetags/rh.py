"""Template helpers of the staff UI: form fields in NL Design System markup, deadline badges,
masked BSNs and the current section of the main navigation."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

register = template.Library()

# Utrecht component class per Django widget type (BoundField.widget_type).
WIDGET_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "clearablefile": "rh-file",
    "file": "rh-file",
}
INVALID_SUFFIX = {
    "select": "utrecht-select--invalid",
    "textarea": "utrecht-textarea--invalid",
}


@register.simple_tag
def widget(field: BoundField, **attrs: str) -> str:
    """The input of `field` with Utrecht classes; Django adds aria-invalid and
    aria-describedby="<id>_helptext <id>_error" itself (ids used by _field.html)."""
    kind = field.widget_type
    css = WIDGET_CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")
    if field.errors:
        css += " " + INVALID_SUFFIX.get(kind, "utrecht-textbox--invalid")
    extra = attrs.pop("class", "")
    attrs["class"] = f"{css} {extra}".strip()
    if field.field.required and kind not in ("checkbox",):
        attrs.setdefault("aria-required", "true")
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("web/_field.html")
def field(bound_field: BoundField, **options: str) -> dict:
    """One form field: label, description, error and input, linked for screen readers."""
    return {"field": bound_field, "options": options}


@register.filter
def datum(value: date | None) -> str:
    """'5 jan. 2026' in the active language, as Django's `date:"j b Y"` writes it but without
    its general-purpose formatter: it stands on every row of every list."""
    if not isinstance(value, date):
        return ""
    return f"{value.day} {_month_abbreviations()[value.month - 1]} {value.year}"


@register.filter
def iso(value: date | None) -> str:
    """The machine-readable date for `<time datetime>`."""
    return value.isoformat()[:10] if isinstance(value, date) else ""


_MONTHS: dict[str, list[str]] = {}


def _month_abbreviations() -> list[str]:
    language = get_language() or "nl"
    months = _MONTHS.get(language)
    if months is None:
        months = _MONTHS[language] = [str(MONTHS_3[m]) for m in range(1, 13)]
    return months


@register.filter
def bsn_masked(value: str) -> str:
    """'123456782' -> '******782': enough to recognise, not enough to copy."""
    value = value or ""
    if len(value) <= 3:
        return value
    return "*" * (len(value) - 3) + value[-3:]


@register.simple_tag
def termijn_badge(datum: date | None, vandaag: date, binnenkort: date | None = None) -> str:
    """'Te laat' when the date has passed, 'Binnenkort' when within the due-soon window.
    Built in Python, not an included template: it stands on every row of the work queues."""
    if not isinstance(binnenkort, date):
        binnenkort = None  # a template without a due-soon date passes ""
    if not (isinstance(datum, date) and isinstance(vandaag, date)):
        return ""
    if datum < vandaag:
        soort, tekst = "danger", _("Te laat")
    elif binnenkort is not None and datum <= binnenkort:
        soort, tekst = "warning", _("Binnenkort")
    else:
        return ""
    return format_html(
        '<span class="utrecht-status-badge utrecht-status-badge--{} rh-badge">{}</span>',
        soort,
        tekst,
    )


NAV_SECTIONS = {
    "werkvoorraad": "werkvoorraad",
    "taak_complete": "werkvoorraad",
    "zaken": "zaken",
    "zaak_create": "zaken",
    "zaak_detail": "zaken",
    "zaak_status": "zaken",
    "zaak_document_add": "zaken",
    "document_versie_add": "zaken",
    "zaak_taak_add": "zaken",
    "zaak_eigenschap_set": "zaken",
    "partijen": "partijen",
    "partij_detail": "partijen",
    "partij_create": "partijen",
    "team": "team",
    "audit": "audit",
    "zaak_proces": "zaken",
    "zaak_processtap": "zaken",
    "zaak_brieven": "zaken",
    "zaak_brief_nieuw": "zaken",
    "zaak_post_add": "zaken",
    "brp_zoeken": "brp_zoeken",
    "brp_overnemen": "brp_zoeken",
}


# Sections by the start of a URL name, for areas with many pages (longest prefix first).
NAV_PREFIXES = (
    ("brieven_printwachtrij", "brieven_printwachtrij"),
    ("brieven_", "brieven_sjablonen"),
    ("procesversie", "processen"),
    ("processtap", "processen"),
    ("procesactie", "processen"),
    ("proces_", "processen"),
    ("vernietigingsverslag", "vernietigingsverslagen"),
    ("vernietigingslijst", "vernietigingslijsten"),
    ("bewaartermijn", "vernietigingslijsten"),
    ("postkamer", "postkamer"),
)


def section_of(url_name: str, namespace: str = "") -> str:
    """The kernel menu entry a page belongs to; module pages (with a namespace) belong to the
    entries the modules register (web/menu.py)."""
    if namespace not in ("", "web"):
        return ""
    if url_name in NAV_SECTIONS:
        return NAV_SECTIONS[url_name]
    return next((sectie for prefix, sectie in NAV_PREFIXES if url_name.startswith(prefix)), "")


@register.simple_tag(takes_context=True)
def nav_section(context: template.Context) -> str:
    match = getattr(context.get("request"), "resolver_match", None)
    return section_of(getattr(match, "url_name", "") or "", getattr(match, "namespace", "") or "")


@register.simple_tag(takes_context=True)
def nav_current(context: template.Context, name: str) -> str:
    """aria-current for a main menu link: "page" on that page, "true" inside its section."""
    match = getattr(context.get("request"), "resolver_match", None)
    url_name = getattr(match, "url_name", "") or ""
    namespace = getattr(match, "namespace", "") or ""
    if namespace in ("", "web") and url_name == name:
        return mark_safe('aria-current="page"')
    if section_of(url_name, namespace) == name:
        return mark_safe('aria-current="true"')
    return ""


def _huidig_menu(context: template.Context) -> tuple[list[Any], Any, bool]:
    """The entries the actor sees, the entry the current page belongs to, and whether the page
    is that entry's own page. Worked out once per request: the main menu asks for it once per
    role block and the section navigation once more."""
    from raadhuis.web.menu import menu_item_van, menu_items

    actor = context.get("actor")
    if not actor:
        return [], None, False
    request = context.get("request")
    memo = getattr(request, "_rh_menu", None)
    if memo is not None and memo[0] is actor:
        return memo[1]
    zichtbaar = menu_items(actor)
    match = getattr(request, "resolver_match", None)
    huidig, eigen_pagina = menu_item_van(getattr(match, "view_name", "") or "", zichtbaar)
    result = (zichtbaar, huidig, eigen_pagina)
    if request is not None:
        request._rh_menu = (actor, result)
    return result


def _menu_link(css: str, entry: dict[str, Any]) -> str:
    current = entry["current"]
    return format_html(
        '<a class="{}" href="{}"{}>{}</a>',
        css,
        reverse(entry["item"].url_name),
        format_html(' aria-current="{}"', current) if current else "",
        entry["item"].label,
    )


@register.simple_tag(takes_context=True)
def module_menu(context: template.Context, groep: str) -> str:
    """The main-menu entries the domain modules registered for one block of the main menu.
    Built in Python rather than an included template: it stands on every page."""
    from raadhuis.web.menu import hoofdmenu_item

    zichtbaar, huidig, eigen_pagina = _huidig_menu(context)
    hoofd = hoofdmenu_item(huidig, zichtbaar) if huidig is not None else None
    items = [
        {
            "item": item,
            "current": ("page" if eigen_pagina and item is huidig else "true")
            if item is hoofd
            else "",
        }
        for item in zichtbaar
        if item.groep == groep and not (item.onder and hoofdmenu_item(item, zichtbaar) != item)
    ]
    css = "utrecht-link utrecht-link--html-a rh-nav__link"
    return mark_safe(
        "".join(
            format_html('<li class="utrecht-link-list__item">{}</li>\n', _menu_link(css, entry))
            for entry in items
        )
    )


@register.simple_tag(takes_context=True)
def module_submenu(context: template.Context) -> str:
    """The section navigation of the current main entry: the entry itself and the entries
    registered under it (`onder`); nothing on pages of entries without sub-entries."""
    from raadhuis.web.menu import hoofdmenu_item

    zichtbaar, huidig, eigen_pagina = _huidig_menu(context)
    if huidig is None:
        return ""
    hoofd = hoofdmenu_item(huidig, zichtbaar)
    onder = [i for i in zichtbaar if i.onder == hoofd.url_name]
    if not onder:
        return ""
    links = "".join(
        format_html(
            "<li>{}</li>\n",
            _menu_link(
                "rh-tabs__link",
                {
                    "item": item,
                    "current": ("page" if eigen_pagina else "true") if item is huidig else "",
                },
            ),
        )
        for item in [hoofd, *onder]
    )
    return format_html(
        '<nav class="rh-tabs" aria-label="{}">\n  <ul class="rh-tabs__list">\n    {}  </ul>\n'
        "</nav>",
        hoofd.label,
        mark_safe(links),
    )


@register.filter
def vertrouwelijkheid_label(value: str) -> str:
    from raadhuis.kernel.common import Vertrouwelijkheid

    try:
        return str(Vertrouwelijkheid(value).label)
    except ValueError:
        return value


@register.simple_tag
def ja_nee(value: bool) -> str:
    return _("ja") if value else _("nee")


# Labels for the audit actions the kernel services and the admin write.
ACTIES = {
    "zaak_aangemaakt": gettext_lazy("Zaak aangemaakt"),
    "zaak_gewijzigd": gettext_lazy("Zaak gewijzigd"),
    "status_gezet": gettext_lazy("Status gezet"),
    "zaak_afgesloten": gettext_lazy("Zaak afgesloten"),
    "zaak_heropend": gettext_lazy("Zaak heropend"),
    "resultaat_gezet": gettext_lazy("Resultaat vastgelegd"),
    "rol_toegevoegd": gettext_lazy("Betrokkene toegevoegd"),
    "rol_verwijderd": gettext_lazy("Betrokkene verwijderd"),
    "behandelaar_gewijzigd": gettext_lazy("Behandelaar gewijzigd"),
    "eigenschap_gezet": gettext_lazy("Eigenschap vastgelegd"),
    "document_toegevoegd": gettext_lazy("Document toegevoegd"),
    "documentversie_toegevoegd": gettext_lazy("Nieuwe documentversie"),
    "taak_aangemaakt": gettext_lazy("Taak aangemaakt"),
    "taak_afgerond": gettext_lazy("Taak afgerond"),
    "partij_aangemaakt": gettext_lazy("Partij geregistreerd"),
    "partij_gewijzigd": gettext_lazy("Partij gewijzigd"),
    "adres_toegevoegd": gettext_lazy("Adres toegevoegd"),
    "partij_uit_brp": gettext_lazy("Overgenomen uit de BRP"),
    "adres_gewijzigd": gettext_lazy("Adres gewijzigd"),
    "medewerker_rollen_gewijzigd": gettext_lazy("Rollen gewijzigd"),
    "vertegenwoordiging_aangemaakt": gettext_lazy("Vertegenwoordiging vastgelegd"),
    "beheer_aangemaakt": gettext_lazy("Beheer: aangemaakt"),
    "beheer_gewijzigd": gettext_lazy("Beheer: gewijzigd"),
    "beheer_verwijderd": gettext_lazy("Beheer: verwijderd"),
    "zaaktype_gepubliceerd": gettext_lazy("Zaaktype gepubliceerd"),
}


def actie_label_text(code: str) -> str:
    label = ACTIES.get(code)
    return str(label) if label else code.replace("_", " ").capitalize()


@register.filter
def actie_label(code: str) -> str:
    """'zaak_afgesloten' -> 'Zaak afgesloten' (translated); unknown codes readable."""
    return actie_label_text(code or "")
