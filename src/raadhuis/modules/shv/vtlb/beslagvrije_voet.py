"""Step 1 of the VTLB (docs/shv/vtlb-methode.md): the household net income and the
beslagvrije voet (art. 475da Rv) with its income group and compensation (compensatiekop).
"""

from __future__ import annotations

from decimal import Decimal

from raadhuis.modules.shv.vtlb.normen import NORM_REGELS, NormSleutel
from raadhuis.modules.shv.vtlb.rekengegevens import (
    NUL,
    PERCENTAGE_BVV,
    Leefsituatie,
    Rekenboek,
    VtlbInvoer,
    bijstandsnorm_sleutel,
    cent,
    vereiste_norm,
)

BVV_MAX_SLEUTEL = {
    Leefsituatie.ALLEENSTAAND: NormSleutel.BVV_MAX_ALLEENSTAAND,
    Leefsituatie.ALLEENSTAANDE_OUDER: NormSleutel.BVV_MAX_ALLEENSTAANDE_OUDER,
    Leefsituatie.GEHUWD: NormSleutel.BVV_MAX_GEHUWD,
    Leefsituatie.GEHUWD_MET_KINDEREN: NormSleutel.BVV_MAX_GEHUWD_MET_KINDEREN,
}


def netto_gezinsinkomen(boek: Rekenboek, invoer: VtlbInvoer) -> Decimal:
    """The household net income per month (client and partner), each as a line."""
    boek.regel(
        "netto_inkomen",
        "Netto inkomen schuldenaar per maand (incl. vakantietoeslag)",
        invoer.netto_inkomen,
        "Invoer",
        "Opgave schuldenaar",
        "informatie",
    )
    if Leefsituatie.met_partner(invoer.leefsituatie):
        boek.regel(
            "partner_netto_inkomen",
            "Netto inkomen partner per maand (incl. vakantietoeslag)",
            invoer.partner_netto_inkomen,
            "Invoer",
            "Opgave schuldenaar",
            "informatie",
        )
    return boek.regel(
        "gezinsinkomen",
        "Netto gezinsinkomen per maand",
        invoer.gezinsinkomen,
        "Recofa-methode: inkomen van schuldenaar en partner samen",
        "Berekend",
        "subtotaal",
    )


def beslagvrije_voet_berekenen(
    boek: Rekenboek, invoer: VtlbInvoer, inkomen: Decimal
) -> tuple[Decimal, Decimal, str]:
    """(beslagvrije voet, compensatiekop used, income group)."""
    label = Leefsituatie.LABELS[invoer.leefsituatie]
    sleutel = bijstandsnorm_sleutel(invoer.leefsituatie, aow=False)
    norm = vereiste_norm(boek, sleutel, "peildatum")
    assert norm.bedrag is not None
    boek.regel(
        "bijstandsnorm",
        f"Toepasselijke bijstandsnorm ({label}, 21 jaar tot pensioengerechtigde leeftijd, "
        "incl. vakantietoeslag)",
        norm.bedrag,
        f"{NORM_REGELS[sleutel].regel}; in de beslagvrije voet geldt de norm 21 jaar tot "
        "pensioengerechtigde leeftijd (Recofa)",
        norm.bron,
        "informatie",
    )
    if inkomen <= norm.bedrag:
        bvv = cent(PERCENTAGE_BVV * inkomen)
        boek.regel(
            "beslagvrije_voet",
            "Beslagvrije voet: 95% van het netto gezinsinkomen (laag inkomen: niet hoger dan de "
            "bijstandsnorm), afgerond op de cent",
            bvv,
            "art. 475da Rv (inkomen lager dan of gelijk aan de bijstandsnorm)",
            "Berekend",
            "subtotaal",
        )
        return bvv, NUL, "laag"
    basis = cent(PERCENTAGE_BVV * norm.bedrag)
    boek.regel(
        "bvv_basis",
        "95% van de bijstandsnorm, afgerond op de cent",
        basis,
        "art. 475da Rv",
        norm.bron,
        "post",
    )
    kop, groep = _compensatiekop(boek, invoer, basis)
    bvv = basis + kop
    boek.regel(
        "beslagvrije_voet",
        "Beslagvrije voet (95% van de norm + compensatiekop)",
        bvv,
        "art. 475da Rv",
        "Berekend",
        "subtotaal",
    )
    return bvv, kop, groep


def _compensatiekop(boek: Rekenboek, invoer: VtlbInvoer, basis: Decimal) -> tuple[Decimal, str]:
    """The compensation for allowances lost through income, capped by the fixed maximum.

    The Rijksoverheid rekentool derives it from the fiscal income; the method here
    approximates the lost allowances as the maximum compensation minus the allowances the
    household still receives. A compensatiekop taken from the rekentool overrides it."""
    sleutel = BVV_MAX_SLEUTEL[invoer.leefsituatie]
    maximum = boek.norm(sleutel)
    if maximum.bedrag is None and invoer.compensatiekop is None:
        vereiste_norm(
            boek,
            sleutel,
            "peildatum",
            uitweg="Tot dan: vul de compensatiekop uit de rekentool beslagvrije voet "
            "(uwbeslagvrijevoet.nl) in.",
        )
    maximale_kop = max(maximum.bedrag - basis, NUL) if maximum.bedrag is not None else None
    if invoer.compensatiekop is not None:
        kop = invoer.compensatiekop
        if maximale_kop is not None:
            kop = min(kop, maximale_kop)
        else:
            boek.ontbreekt(
                sleutel,
                "de compensatiekop uit de rekentool is gebruikt zonder toetsing aan het "
                "maximum; controleer hem.",
            )
        boek.regel(
            "compensatiekop",
            "Compensatiekop, opgegeven uit de rekentool beslagvrije voet"
            + (" (niet hoger dan maximum − 95% norm)" if maximale_kop is not None else ""),
            kop,
            "art. 475da Rv; rekentool Rijksoverheid (uwbeslagvrijevoet.nl)",
            maximum.bron if maximale_kop is not None else "Invoer",
            "post",
        )
        groep = "hoog" if maximale_kop is not None and kop == maximale_kop else "midden"
        return kop, groep
    assert maximale_kop is not None and maximum.bedrag is not None
    ontvangen = invoer.toeslagen.totaal
    kop = max(maximale_kop - ontvangen, NUL)
    hoog = kop == maximale_kop
    omschrijving = (
        f"Compensatiekop (hoog inkomen, geen toeslagen): maximum beslagvrije voet "
        f"€ {maximum.bedrag} − 95% norm"
        if hoog
        else f"Compensatiekop (middeninkomen): maximum beslagvrije voet € {maximum.bedrag} "
        f"− 95% norm − ontvangen toeslagen € {ontvangen}, niet lager dan 0"
    )
    boek.regel(
        "compensatiekop",
        omschrijving,
        kop,
        f"{NORM_REGELS[sleutel].regel}; benadering van de afbouw van huurtoeslag, zorgtoeslag "
        "en kindgebonden budget",
        maximum.bron,
        "post",
    )
    return kop, ("hoog" if hoog else "midden")
