"""The JSON shape of a VTLB result and a distribution, shared by the API, the command line,
the stored snapshot and the PDF: amounts are strings with two decimals ("1234.50")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from raadhuis.modules.shv.vtlb.rekenen import (
    Correctie,
    NormWaarde,
    Toeslagen,
    VtlbInvoer,
    VtlbUitkomst,
)
from raadhuis.modules.shv.vtlb.verdeling import Verdeling

NUL = Decimal("0.00")


def bedrag(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def invoer_json(invoer: VtlbInvoer) -> dict[str, Any]:
    """The input as it was given, for the snapshot (and to recompute it)."""
    return {
        "peildatum": invoer.peildatum.isoformat(),
        "leefsituatie": invoer.leefsituatie,
        "netto_inkomen": bedrag(invoer.netto_inkomen),
        "partner_netto_inkomen": bedrag(invoer.partner_netto_inkomen),
        "woonlasten": bedrag(invoer.woonlasten),
        "zorgpremie": bedrag(invoer.zorgpremie),
        "toeslagen": {
            "huurtoeslag": bedrag(invoer.toeslagen.huurtoeslag),
            "zorgtoeslag": bedrag(invoer.toeslagen.zorgtoeslag),
            "kindgebonden_budget": bedrag(invoer.toeslagen.kindgebonden_budget),
        },
        "kinderen": list(invoer.kinderen),
        "correcties": [
            {"soort": c.soort, "bedrag": bedrag(c.bedrag), "toelichting": c.toelichting}
            for c in invoer.correcties
        ],
        "pensioengerechtigd": invoer.pensioengerechtigd,
        "aantal_werkenden": invoer.aantal_werkenden,
        "compensatiekop": (
            bedrag(invoer.compensatiekop) if invoer.compensatiekop is not None else None
        ),
    }


def _decimal(value: Any, default: Decimal = NUL) -> Decimal:
    if value is None or value == "":
        return default
    return Decimal(str(value))


def invoer_uit_data(data: Mapping[str, Any]) -> VtlbInvoer:
    """A VtlbInvoer from validated data (the API serializer's, or a stored snapshot's)."""
    toeslagen = data.get("toeslagen") or {}
    peildatum = data["peildatum"]
    if isinstance(peildatum, str):
        peildatum = date.fromisoformat(peildatum)
    compensatiekop = data.get("compensatiekop")
    return VtlbInvoer(
        peildatum=peildatum,
        leefsituatie=data["leefsituatie"],
        netto_inkomen=_decimal(data["netto_inkomen"]),
        partner_netto_inkomen=_decimal(data.get("partner_netto_inkomen")),
        woonlasten=_decimal(data.get("woonlasten")),
        zorgpremie=_decimal(data.get("zorgpremie")),
        toeslagen=Toeslagen(
            huurtoeslag=_decimal(toeslagen.get("huurtoeslag")),
            zorgtoeslag=_decimal(toeslagen.get("zorgtoeslag")),
            kindgebonden_budget=_decimal(toeslagen.get("kindgebonden_budget")),
        ),
        kinderen=tuple(int(k) for k in data.get("kinderen") or ()),
        correcties=tuple(
            Correctie(
                soort=c["soort"],
                bedrag=_decimal(c["bedrag"]),
                toelichting=c.get("toelichting") or "",
            )
            for c in data.get("correcties") or ()
        ),
        pensioengerechtigd=bool(data.get("pensioengerechtigd", False)),
        aantal_werkenden=int(data.get("aantal_werkenden") or 0),
        compensatiekop=_decimal(compensatiekop) if compensatiekop is not None else None,
    )


def normen_json(gebruikt: Mapping[str, NormWaarde]) -> dict[str, dict[str, str | None]]:
    return {
        sleutel: {
            "bedrag": bedrag(w.bedrag) if w.bedrag is not None else None,
            "bron": w.bron,
        }
        for sleutel, w in sorted(gebruikt.items())
    }


def uitkomst_json(uitkomst: VtlbUitkomst) -> dict[str, Any]:
    """The result document of `POST /api/shv/v1/vtlb-berekeningen` and `raadhuis vtlb`."""
    return {
        "peildatum": uitkomst.invoer.peildatum.isoformat(),
        "leefsituatie": uitkomst.invoer.leefsituatie,
        "normversie": {
            "geldig_vanaf": uitkomst.normen.geldig_vanaf.isoformat(),
            "omschrijving": uitkomst.normen.omschrijving,
        },
        "inkomensgroep": uitkomst.inkomensgroep,
        "beslagvrije_voet": bedrag(uitkomst.beslagvrije_voet),
        "nominaal_bedrag": bedrag(uitkomst.nominaal_bedrag),
        "vtlb": bedrag(uitkomst.vtlb),
        "afloscapaciteit": bedrag(uitkomst.afloscapaciteit),
        "regels": [
            {
                "code": regel.code,
                "omschrijving": regel.omschrijving,
                "bedrag": bedrag(regel.bedrag),
                "regel": regel.regel,
                "bron": regel.bron,
                "soort": regel.soort,
            }
            for regel in uitkomst.regels
        ],
        "waarschuwingen": list(uitkomst.waarschuwingen),
    }


def verdeling_json(verdeling: Verdeling) -> dict[str, Any]:
    """The result document of `POST /api/shv/v1/verdelingen` and `raadhuis verdeling`."""
    return {
        "totaal": bedrag(verdeling.totaal),
        "totaal_schulden": bedrag(verdeling.totaal_schulden),
        "percentage": bedrag(verdeling.percentage),
        "preferent_weging": f"{verdeling.preferent_weging.normalize():f}",
        "schulden": [
            {
                "id": a.id,
                "bedrag": bedrag(a.bedrag),
                "preferent": a.preferent,
                "aandeel": bedrag(a.aandeel),
                "percentage": bedrag(a.percentage),
            }
            for a in verdeling.aandelen
        ],
    }
