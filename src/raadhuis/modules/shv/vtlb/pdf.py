"""The printable VTLB calculation: an HTML template rendered to PDF with WeasyPrint, with every
line (description, amount, rule or article, norm source) so a creditor or a judge can follow
the calculation. Rendered from the stored snapshot only, so a later change of a norm never
changes a printed calculation."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import timezone

from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from raadhuis.modules.shv.vtlb.normen import NormSleutel
from raadhuis.modules.shv.vtlb.rekenen import CORRECTIE_SOORTEN, Leefsituatie

TEMPLATE = "shv_vtlb/pdf/berekening.html"


def euro(value: str | None) -> str:
    """'1234.50' -> '€ 1.234,50' (Dutch notation on paper; the API keeps '1234.50')."""
    if value in (None, ""):
        return "—"
    teken = "−" if str(value).startswith("-") else ""
    geheel, _punt, centen = str(value).lstrip("-").partition(".")
    groepen = f"{int(geheel):,}".replace(",", ".")
    return f"{teken}€ {groepen},{(centen + '00')[:2]}"


def pdf_context(berekening: VtlbBerekening) -> dict[str, Any]:
    uitkomst = berekening.uitkomst
    invoer = berekening.invoer
    regels = [dict(regel, bedrag_tekst=euro(regel["bedrag"])) for regel in uitkomst["regels"]]
    normen = [
        {
            "sleutel": sleutel,
            "label": NormSleutel(sleutel).label if sleutel in NormSleutel.values else sleutel,
            "bedrag": euro(waarde.get("bedrag")),
            "bron": waarde.get("bron", ""),
        }
        for sleutel, waarde in berekening.normen.items()
    ]
    correcties = [
        dict(c, soort_label=CORRECTIE_SOORTEN.get(c["soort"], c["soort"]), bedrag=euro(c["bedrag"]))
        for c in invoer.get("correcties", [])
    ]
    aangemaakt = timezone.localtime(
        berekening.aangemaakt_op, ZoneInfo(berekening.organisatie.tijdzone)
    )
    return {
        "berekening": berekening,
        "organisatie": berekening.organisatie,
        "zaak": berekening.zaak,
        "uitkomst": uitkomst,
        "invoer": invoer,
        "leefsituatie": Leefsituatie.LABELS.get(berekening.leefsituatie, berekening.leefsituatie),
        "regels": regels,
        "normen": normen,
        "correcties": correcties,
        "invoer_euro": {
            "woonlasten": euro(invoer.get("woonlasten")),
            "zorgpremie": euro(invoer.get("zorgpremie")),
            **{k: euro(v) for k, v in invoer.get("toeslagen", {}).items()},
        },
        "bvv": euro(uitkomst["beslagvrije_voet"]),
        "vtlb": euro(uitkomst["vtlb"]),
        "afloscapaciteit": euro(uitkomst["afloscapaciteit"]),
        "aangemaakt": aangemaakt,
    }


def vtlb_html(berekening: VtlbBerekening) -> str:
    return render_to_string(TEMPLATE, pdf_context(berekening))


def vtlb_pdf(berekening: VtlbBerekening) -> bytes:
    """The stored calculation as a PDF. The caller fetched it through a selector (access)."""
    from weasyprint import HTML  # imported here: loading it takes a moment

    return HTML(string=vtlb_html(berekening)).write_pdf()
