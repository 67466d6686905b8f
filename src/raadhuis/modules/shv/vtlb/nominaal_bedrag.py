"""Step 2 of the VTLB (Recofa method, docs/shv/vtlb-methode.md): the nominal amount on top
of the beslagvrije voet: reservation and work allowances, the health-insurance excess, the
correction for individual costs, the AOW-age correction and the corrections a court allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from raadhuis.modules.shv.vtlb.normen import NORM_REGELS, NormSleutel
from raadhuis.modules.shv.vtlb.rekengegevens import (
    CORRECTIE_SOORTEN,
    NUL,
    PERCENTAGE_BVV,
    Correctie,
    Leefsituatie,
    NormWaarde,
    Rekenboek,
    VtlbInvoer,
    bijstandsnorm_sleutel,
    cent,
    vereiste_norm,
)


def nominaal_bedrag_berekenen(boek: Rekenboek, invoer: VtlbInvoer, kop: Decimal) -> Decimal:
    """Step 2: the sum of every nominal line (`kop`: the compensatiekop of step 1)."""
    posten = [
        _reserveringstoeslag(boek, invoer),
        _werktoeslag(boek, invoer),
        _correctie_eigen_risico(boek, invoer),
        _correctie_individuele_lasten(boek, invoer, kop),
        _aow_correctie(boek, invoer),
        *_overige_correcties(boek, invoer.correcties),
    ]
    totaal = sum(posten, NUL)
    return boek.regel(
        "nominaal_bedrag",
        "Nominaal bedrag (som van toeslagen en correcties)",
        totaal,
        "Recofa-methode, nominaal bedrag",
        "Berekend",
        "subtotaal",
    )


def _reserveringstoeslag(boek: Rekenboek, invoer: VtlbInvoer) -> Decimal:
    sleutel = (
        NormSleutel.RESERVERINGSTOESLAG_GEHUWD
        if Leefsituatie.met_partner(invoer.leefsituatie)
        else NormSleutel.RESERVERINGSTOESLAG_ALLEENSTAAND
    )
    waarde = boek.norm(sleutel)
    if waarde.bedrag is None:
        boek.ontbreekt(sleutel, "de reserveringstoeslag is niet meegeteld (€ 0,00).")
    return boek.regel(
        "reserveringstoeslag",
        "Reserveringstoeslag" + ("" if waarde.bedrag is not None else " (bedrag ontbreekt)"),
        waarde.bedrag if waarde.bedrag is not None else NUL,
        NORM_REGELS[sleutel].regel,
        waarde.bron,
        "post",
    )


def _werktoeslag(boek: Rekenboek, invoer: VtlbInvoer) -> Decimal:
    if not invoer.aantal_werkenden:
        return NUL
    waarde = boek.norm(NormSleutel.WERKTOESLAG)
    if waarde.bedrag is None:
        boek.ontbreekt(NormSleutel.WERKTOESLAG, "de werktoeslag is niet meegeteld (€ 0,00).")
    bedrag = (waarde.bedrag or NUL) * invoer.aantal_werkenden
    return boek.regel(
        "werktoeslag",
        f"Werktoeslag voor {invoer.aantal_werkenden} werkende(n)"
        + ("" if waarde.bedrag is not None else " (bedrag ontbreekt)"),
        bedrag,
        NORM_REGELS[NormSleutel.WERKTOESLAG].regel,
        waarde.bron,
        "post",
    )


def _correctie_eigen_risico(boek: Rekenboek, invoer: VtlbInvoer) -> Decimal:
    waarde = boek.norm(NormSleutel.CORRECTIE_EIGEN_RISICO)
    if waarde.bedrag is None:
        boek.ontbreekt(
            NormSleutel.CORRECTIE_EIGEN_RISICO, "de correctie eigen risico is niet meegeteld."
        )
    bedrag = (waarde.bedrag or NUL) * invoer.volwassenen
    return boek.regel(
        "correctie_eigen_risico",
        f"Correctie premie/eigen risico zorgverzekering voor {invoer.volwassenen} volwassene(n)",
        bedrag,
        NORM_REGELS[NormSleutel.CORRECTIE_EIGEN_RISICO].regel,
        waarde.bron,
        "post",
    )


def _correctie_individuele_lasten(boek: Rekenboek, invoer: VtlbInvoer, kop: Decimal) -> Decimal:
    """Actual housing and health costs and missing child budget instead of the fictitious
    amounts in the beslagvrije voet: the three corrections minus the compensatiekop. Only
    made when every norm it needs is known (the comparison is meaningless otherwise)."""
    nodig = [NormSleutel.WOONKOSTEN_DREMPEL, NormSleutel.ZORGPREMIE_DREMPEL]
    if invoer.minderjarige_kinderen:
        nodig.append(NormSleutel.KGB_NORM_PER_KIND)
        if invoer.leefsituatie == Leefsituatie.ALLEENSTAANDE_OUDER:
            nodig.append(NormSleutel.KGB_ALO_KOP)
    waarden = {sleutel: boek.norm(sleutel) for sleutel in nodig}
    ontbrekend = [s for s, w in waarden.items() if w.bedrag is None]
    if ontbrekend:
        namen = ", ".join(f"'{NormSleutel(s).label}'" for s in ontbrekend)
        boek.waarschuwingen.append(
            f"De correctie individuele lasten (woonlasten, zorgpremie en kindgebonden budget, "
            f"verminderd met de compensatiekop) is niet toegepast: de normbedragen {namen} "
            f"ontbreken in normversie '{boek.normen.omschrijving}'. De functioneel beheerder "
            "kan ze met bron aanvullen."
        )
        return boek.regel(
            "correctie_individuele_lasten",
            "Correctie individuele lasten: niet toegepast, normbedrag(en) ontbreken",
            NUL,
            "Recofa-methode, correctie individuele lasten",
            waarden[ontbrekend[0]].bron,
            "post",
        )
    woon = waarden[NormSleutel.WOONKOSTEN_DREMPEL]
    zorg = waarden[NormSleutel.ZORGPREMIE_DREMPEL]
    assert woon.bedrag is not None and zorg.bedrag is not None
    woonlasten = max(invoer.woonlasten - invoer.toeslagen.huurtoeslag - woon.bedrag, NUL)
    boek.regel(
        "correctie_woonlasten",
        f"Woonlasten € {invoer.woonlasten} − huurtoeslag € {invoer.toeslagen.huurtoeslag} − "
        f"woonlasten in de norm € {woon.bedrag}, niet lager dan 0",
        woonlasten,
        NORM_REGELS[NormSleutel.WOONKOSTEN_DREMPEL].regel,
        woon.bron,
        "post",
    )
    in_norm = zorg.bedrag * invoer.volwassenen
    premie = max(invoer.zorgpremie - invoer.toeslagen.zorgtoeslag - in_norm, NUL)
    boek.regel(
        "correctie_zorgpremie",
        f"Premie zorgverzekering € {invoer.zorgpremie} − zorgtoeslag "
        f"€ {invoer.toeslagen.zorgtoeslag} − premie in de norm € {in_norm}, niet lager dan 0",
        premie,
        NORM_REGELS[NormSleutel.ZORGPREMIE_DREMPEL].regel,
        zorg.bron,
        "post",
    )
    kgb = _missend_kindgebonden_budget(boek, invoer, waarden)
    boek.regel(
        "correctie_min_compensatiekop",
        "Af: compensatiekop uit de beslagvrije voet",
        -kop,
        "Recofa-methode, correctie individuele lasten",
        "Berekend",
        "post",
    )
    return boek.regel(
        "correctie_individuele_lasten",
        "Correctie individuele lasten (kan negatief zijn)",
        woonlasten + premie + kgb - kop,
        "Recofa-methode, correctie individuele lasten",
        "Berekend",
        "subtotaal",
    )


def _missend_kindgebonden_budget(
    boek: Rekenboek, invoer: VtlbInvoer, waarden: dict[str, NormWaarde]
) -> Decimal:
    kinderen = invoer.minderjarige_kinderen
    if not kinderen:
        return NUL
    per_kind = waarden[NormSleutel.KGB_NORM_PER_KIND]
    assert per_kind.bedrag is not None
    verwacht = per_kind.bedrag * kinderen
    bronnen = [per_kind.bron]
    alo = waarden.get(NormSleutel.KGB_ALO_KOP)
    if alo is not None and alo.bedrag is not None:
        verwacht += alo.bedrag
        bronnen.append(alo.bron)
    missend = max(verwacht - invoer.toeslagen.kindgebonden_budget, NUL)
    return boek.regel(
        "correctie_kindgebonden_budget",
        f"Kindgebonden budget in de norm € {verwacht} ({kinderen} kind(eren) jonger dan 18) − "
        f"ontvangen € {invoer.toeslagen.kindgebonden_budget}, niet lager dan 0",
        missend,
        NORM_REGELS[NormSleutel.KGB_NORM_PER_KIND].regel,
        "; ".join(bronnen),
        "post",
    )


def _aow_correctie(boek: Rekenboek, invoer: VtlbInvoer) -> Decimal:
    if not invoer.pensioengerechtigd:
        return NUL
    gewoon_sleutel = bijstandsnorm_sleutel(invoer.leefsituatie, aow=False)
    aow_sleutel = bijstandsnorm_sleutel(invoer.leefsituatie, aow=True)
    gewoon = vereiste_norm(boek, gewoon_sleutel, "pensioengerechtigd")
    aow = vereiste_norm(boek, aow_sleutel, "pensioengerechtigd")
    assert gewoon.bedrag is not None and aow.bedrag is not None
    verschil = cent(PERCENTAGE_BVV * aow.bedrag) - cent(PERCENTAGE_BVV * gewoon.bedrag)
    return boek.regel(
        "aow_correctie",
        f"Correctie pensioengerechtigde leeftijd: 95% van de AOW-norm € {aow.bedrag} − 95% van "
        f"de norm € {gewoon.bedrag}, elk afgerond op de cent",
        verschil,
        f"Recofa-methode, PGL-correctie; {NORM_REGELS[aow_sleutel].regel}",
        aow.bron,
        "post",
    )


def _overige_correcties(boek: Rekenboek, correcties: Iterable[Correctie]) -> list[Decimal]:
    return [
        boek.regel(
            f"correctie_{correctie.soort}",
            CORRECTIE_SOORTEN[correctie.soort]
            + (f": {correctie.toelichting}" if correctie.toelichting else ""),
            correctie.bedrag,
            "Recofa-methode, overige correcties (door de rechter of de schuldhulpverlener "
            "toegestaan)",
            "Invoer, met bewijsstukken in het dossier",
            "post",
        )
        for correctie in correcties
    ]
