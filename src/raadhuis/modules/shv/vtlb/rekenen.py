"""The VTLB calculation after the Recofa method, as pure functions: `VtlbInvoer` + `NormSet`
in, `VtlbUitkomst` with every line out. No database, no clock: the same input and norms give
the same result, so a stored snapshot can be recomputed and checked.

The method, step by step (docs/shv/vtlb-methode.md has the full text and sources):

1. Beslagvrije voet (art. 475da Rv). The applicable norm is always the one for 21 years to the
   pension age (the Recofa method puts the AOW difference in the nominal part, step 2).
   - low income (household net income <= norm): 95 % of the net income;
   - otherwise: 95 % of the norm plus a compensation (compensatiekop) for the allowances the
     household no longer receives because of its income, at most the fixed maximum for its
     household type (for a high income, without allowances, exactly that maximum).
2. Nominal amount (Recofa): reservation allowance, work allowance per working person, the
   health-insurance excess correction per adult, the correction for individual costs
   (housing, health premium, missing child budget, minus the compensatiekop), the AOW-age
   correction and the corrections a court allows.
3. VTLB = beslagvrije voet + nominal amount, never lower than the beslagvrije voet.
4. Afloscapaciteit = household net income - VTLB, never negative.

Rounding: every percentage is rounded to the cent, half up, where it is applied; all other
lines are sums of amounts in cents, so no further rounding happens.
"""

from __future__ import annotations

from raadhuis.modules.shv.vtlb.beslagvrije_voet import (
    BVV_MAX_SLEUTEL,
    beslagvrije_voet_berekenen,
    netto_gezinsinkomen,
)
from raadhuis.modules.shv.vtlb.nominaal_bedrag import nominaal_bedrag_berekenen
from raadhuis.modules.shv.vtlb.rekengegevens import (
    CENT,
    CORRECTIE_SOORTEN,
    MEERDERJARIG,
    NUL,
    PERCENTAGE_BVV,
    Correctie,
    InvoerFout,
    Leefsituatie,
    NormSet,
    NormWaarde,
    Regel,
    Rekenboek,
    Toeslagen,
    VtlbInvoer,
    VtlbUitkomst,
    cent,
    invoer_controleren,
    normset_controleren,
    vereiste_norm,
)


def vtlb_berekenen(invoer: VtlbInvoer, normen: NormSet) -> VtlbUitkomst:
    """The whole calculation; raises InvoerFout when input or norms make it impossible."""
    invoer_controleren(invoer)
    boek = Rekenboek(normen)
    boek.waarschuwingen.extend(normset_controleren(normen, invoer.peildatum))
    inkomen = netto_gezinsinkomen(boek, invoer)
    bvv, kop, groep = beslagvrije_voet_berekenen(boek, invoer, inkomen)
    nominaal = nominaal_bedrag_berekenen(boek, invoer, kop)
    vtlb = max(bvv + nominaal, bvv)
    boek.regel(
        "vtlb",
        "Vrij te laten bedrag (beslagvrije voet + nominaal bedrag, niet lager dan de "
        "beslagvrije voet)",
        vtlb,
        "Recofa-methode; de beslagvrije voet wordt in acht genomen (Wgs)",
        "Berekend",
        "totaal",
    )
    afloscapaciteit = max(inkomen - vtlb, NUL)
    boek.regel(
        "afloscapaciteit",
        "Afloscapaciteit per maand (netto gezinsinkomen − vtlb, niet lager dan 0)",
        afloscapaciteit,
        "Recofa-methode",
        "Berekend",
        "totaal",
    )
    return VtlbUitkomst(
        invoer=invoer,
        normen=normen,
        inkomensgroep=groep,
        beslagvrije_voet=bvv,
        nominaal_bedrag=nominaal,
        vtlb=vtlb,
        afloscapaciteit=afloscapaciteit,
        regels=tuple(boek.regels),
        waarschuwingen=tuple(boek.waarschuwingen),
        gebruikte_normen=dict(boek.gebruikt),
    )


# What callers import from here (the calculation's public names live in the step modules).
__all__ = [
    "BVV_MAX_SLEUTEL",
    "CENT",
    "CORRECTIE_SOORTEN",
    "MEERDERJARIG",
    "NUL",
    "PERCENTAGE_BVV",
    "Correctie",
    "InvoerFout",
    "Leefsituatie",
    "NormSet",
    "NormWaarde",
    "Regel",
    "Toeslagen",
    "VtlbInvoer",
    "VtlbUitkomst",
    "cent",
    "invoer_controleren",
    "normset_controleren",
    "vereiste_norm",
    "vtlb_berekenen",
]
