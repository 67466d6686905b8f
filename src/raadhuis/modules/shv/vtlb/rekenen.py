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

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from raadhuis.modules.shv.vtlb.normen import NORM_REGELS, NormSleutel

CENT = Decimal("0.01")
NUL = Decimal("0.00")
PERCENTAGE_BVV = Decimal("0.95")
MEERDERJARIG = 18


def cent(value: Decimal) -> Decimal:
    """Round to the cent, half up (the rounding the Rijksoverheid rekentool uses)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Leefsituatie:
    ALLEENSTAAND = "alleenstaand"
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder"
    GEHUWD = "gehuwd"
    GEHUWD_MET_KINDEREN = "gehuwd_met_kinderen"

    ALLE = (ALLEENSTAAND, ALLEENSTAANDE_OUDER, GEHUWD, GEHUWD_MET_KINDEREN)
    LABELS = {
        ALLEENSTAAND: "alleenstaande",
        ALLEENSTAANDE_OUDER: "alleenstaande ouder",
        GEHUWD: "gehuwden zonder kinderen",
        GEHUWD_MET_KINDEREN: "gehuwden met kinderen",
    }

    @staticmethod
    def met_partner(leefsituatie: str) -> bool:
        return leefsituatie in (Leefsituatie.GEHUWD, Leefsituatie.GEHUWD_MET_KINDEREN)

    @staticmethod
    def met_kinderen(leefsituatie: str) -> bool:
        return leefsituatie in (Leefsituatie.ALLEENSTAANDE_OUDER, Leefsituatie.GEHUWD_MET_KINDEREN)


# The corrections a court allows on top of the method (Recofa: overige correcties).
CORRECTIE_SOORTEN: dict[str, str] = {
    "lokale_lasten": "Gemeentelijke en waterschapsbelastingen",
    "medische_kosten": "Medische kosten",
    "reiskosten": "Reiskosten",
    "kinderopvang": "Kosten kinderopvang (na kinderopvangtoeslag)",
    "alimentatie": "Alimentatie",
    "bewindvoering": "Kosten budgetbeheer of beschermingsbewind",
    "overig": "Overige correctie",
}


class InvoerFout(ValueError):
    """Input the method cannot work with; `veld` and `code` feed the API's invalidParams."""

    def __init__(self, veld: str, code: str, melding: str) -> None:
        super().__init__(melding)
        self.veld = veld
        self.code = code
        self.melding = melding


@dataclass(frozen=True)
class Toeslagen:
    huurtoeslag: Decimal = NUL
    zorgtoeslag: Decimal = NUL
    kindgebonden_budget: Decimal = NUL

    @property
    def totaal(self) -> Decimal:
        return self.huurtoeslag + self.zorgtoeslag + self.kindgebonden_budget


@dataclass(frozen=True)
class Correctie:
    soort: str
    bedrag: Decimal
    toelichting: str = ""


@dataclass(frozen=True)
class VtlbInvoer:
    peildatum: date
    leefsituatie: str
    netto_inkomen: Decimal
    partner_netto_inkomen: Decimal = NUL
    woonlasten: Decimal = NUL
    zorgpremie: Decimal = NUL
    toeslagen: Toeslagen = field(default_factory=Toeslagen)
    kinderen: tuple[int, ...] = ()
    correcties: tuple[Correctie, ...] = ()
    pensioengerechtigd: bool = False
    aantal_werkenden: int = 0
    # The compensatiekop from the official rekentool (uwbeslagvrijevoet.nl), when known.
    compensatiekop: Decimal | None = None

    @property
    def gezinsinkomen(self) -> Decimal:
        return self.netto_inkomen + self.partner_netto_inkomen

    @property
    def volwassenen(self) -> int:
        return 2 if Leefsituatie.met_partner(self.leefsituatie) else 1

    @property
    def minderjarige_kinderen(self) -> int:
        return sum(1 for leeftijd in self.kinderen if leeftijd < MEERDERJARIG)


@dataclass(frozen=True)
class NormWaarde:
    bedrag: Decimal | None
    bron: str


@dataclass(frozen=True)
class NormSet:
    """The amounts of one norm version, as the calculation needs them."""

    geldig_vanaf: date
    omschrijving: str
    waarden: dict[str, NormWaarde]
    uuid: str = ""

    def waarde(self, sleutel: str) -> NormWaarde:
        return self.waarden.get(sleutel) or NormWaarde(None, "Niet vastgelegd in deze normversie.")


@dataclass(frozen=True)
class Regel:
    """One line of the calculation as a creditor or judge reads it."""

    code: str
    omschrijving: str
    bedrag: Decimal
    regel: str
    bron: str
    soort: str = "post"  # post | subtotaal | totaal | informatie


@dataclass(frozen=True)
class VtlbUitkomst:
    invoer: VtlbInvoer
    normen: NormSet
    inkomensgroep: str  # laag | midden | hoog
    beslagvrije_voet: Decimal
    nominaal_bedrag: Decimal
    vtlb: Decimal
    afloscapaciteit: Decimal
    regels: tuple[Regel, ...]
    waarschuwingen: tuple[str, ...]
    gebruikte_normen: dict[str, NormWaarde]


# --- input checks --------------------------------------------------------------------------
def invoer_controleren(invoer: VtlbInvoer) -> None:
    """The rules of the method the input must meet; raises InvoerFout on the first one."""
    if invoer.leefsituatie not in Leefsituatie.ALLE:
        raise InvoerFout("leefsituatie", "invalid_choice", "Kies een geldige leefsituatie.")
    if not Leefsituatie.met_partner(invoer.leefsituatie) and invoer.partner_netto_inkomen:
        raise InvoerFout(
            "partner_netto_inkomen",
            "geen-partner",
            "Een alleenstaande (ouder) heeft geen partnerinkomen; laat dit 0.",
        )
    minderjarig = invoer.minderjarige_kinderen
    if Leefsituatie.met_kinderen(invoer.leefsituatie) and not minderjarig:
        raise InvoerFout(
            "kinderen",
            "kinderen-ontbreken",
            "Bij deze leefsituatie hoort ten minste één kind jonger dan 18 jaar.",
        )
    if not Leefsituatie.met_kinderen(invoer.leefsituatie) and minderjarig:
        raise InvoerFout(
            "leefsituatie",
            "leefsituatie-kinderen",
            "Met een kind jonger dan 18 jaar is de leefsituatie 'alleenstaande ouder' of "
            "'gehuwd met kinderen'.",
        )
    if invoer.aantal_werkenden > invoer.volwassenen:
        raise InvoerFout(
            "aantal_werkenden",
            "te-veel-werkenden",
            "Er zijn niet meer werkenden dan volwassenen in het huishouden.",
        )
    for index, correctie in enumerate(invoer.correcties):
        if correctie.soort not in CORRECTIE_SOORTEN:
            raise InvoerFout(
                f"correcties.{index}.soort", "invalid_choice", "Kies een geldige soort correctie."
            )


def normset_controleren(normen: NormSet, peildatum: date) -> list[str]:
    """Warnings about the norm version itself (not about the case)."""
    waarschuwingen = []
    volgende = (
        date(normen.geldig_vanaf.year, 7, 1)
        if normen.geldig_vanaf.month < 7
        else date(normen.geldig_vanaf.year + 1, 1, 1)
    )
    if peildatum >= volgende:
        waarschuwingen.append(
            f"De peildatum {peildatum:%d-%m-%Y} valt na de looptijd van de nieuwste normversie "
            f"({normen.omschrijving}); controleer of er nieuwere normen zijn gepubliceerd."
        )
    return waarschuwingen


# --- the calculation -------------------------------------------------------------------------
class _Boek:
    """Collects lines, used norms and warnings while the calculation runs."""

    def __init__(self, normen: NormSet) -> None:
        self.normen = normen
        self.regels: list[Regel] = []
        self.waarschuwingen: list[str] = []
        self.gebruikt: dict[str, NormWaarde] = {}

    def norm(self, sleutel: str) -> NormWaarde:
        waarde = self.normen.waarde(sleutel)
        self.gebruikt[sleutel] = waarde
        return waarde

    def regel(
        self, code: str, omschrijving: str, bedrag: Decimal, regel: str, bron: str, soort: str
    ) -> Decimal:
        self.regels.append(Regel(code, omschrijving, bedrag, regel, bron, soort))
        return bedrag

    def ontbreekt(self, sleutel: str, gevolg: str) -> None:
        label = NormSleutel(sleutel).label
        self.waarschuwingen.append(
            f"Het normbedrag '{label}' is nog niet vastgesteld in normversie "
            f"'{self.normen.omschrijving}' (ontbreekt); {gevolg} De functioneel beheerder kan "
            "het bedrag met bron aanvullen."
        )


def _bijstandsnorm_sleutel(leefsituatie: str, aow: bool) -> str:
    if Leefsituatie.met_partner(leefsituatie):
        return NormSleutel.BIJSTAND_AOW_GEHUWD if aow else NormSleutel.BIJSTAND_GEHUWD
    return NormSleutel.BIJSTAND_AOW_ALLEENSTAAND if aow else NormSleutel.BIJSTAND_ALLEENSTAAND


BVV_MAX_SLEUTEL = {
    Leefsituatie.ALLEENSTAAND: NormSleutel.BVV_MAX_ALLEENSTAAND,
    Leefsituatie.ALLEENSTAANDE_OUDER: NormSleutel.BVV_MAX_ALLEENSTAANDE_OUDER,
    Leefsituatie.GEHUWD: NormSleutel.BVV_MAX_GEHUWD,
    Leefsituatie.GEHUWD_MET_KINDEREN: NormSleutel.BVV_MAX_GEHUWD_MET_KINDEREN,
}


def vereiste_norm(boek: _Boek, sleutel: str, veld: str, uitweg: str = "") -> NormWaarde:
    """A norm without which the calculation cannot be made at all (`uitweg`: what the user
    can do meanwhile, besides having it filled in)."""
    waarde = boek.norm(sleutel)
    if waarde.bedrag is None:
        raise InvoerFout(
            veld,
            "norm-ontbreekt",
            f"Het normbedrag '{NormSleutel(sleutel).label}' ontbreekt in normversie "
            f"'{boek.normen.omschrijving}' ({waarde.bron}). Zonder dit bedrag kan de "
            "beslagvrije voet niet worden berekend; de functioneel beheerder kan het aanvullen."
            + (f" {uitweg}" if uitweg else ""),
        )
    return waarde


def vtlb_berekenen(invoer: VtlbInvoer, normen: NormSet) -> VtlbUitkomst:
    """The whole calculation; raises InvoerFout when input or norms make it impossible."""
    invoer_controleren(invoer)
    boek = _Boek(normen)
    boek.waarschuwingen.extend(normset_controleren(normen, invoer.peildatum))
    inkomen = _inkomen(boek, invoer)
    bvv, kop, groep = _beslagvrije_voet(boek, invoer, inkomen)
    nominaal = _nominaal_bedrag(boek, invoer, kop)
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


def _inkomen(boek: _Boek, invoer: VtlbInvoer) -> Decimal:
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


def _beslagvrije_voet(
    boek: _Boek, invoer: VtlbInvoer, inkomen: Decimal
) -> tuple[Decimal, Decimal, str]:
    """(beslagvrije voet, compensatiekop used, income group)."""
    label = Leefsituatie.LABELS[invoer.leefsituatie]
    sleutel = _bijstandsnorm_sleutel(invoer.leefsituatie, aow=False)
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


def _compensatiekop(boek: _Boek, invoer: VtlbInvoer, basis: Decimal) -> tuple[Decimal, str]:
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


def _nominaal_bedrag(boek: _Boek, invoer: VtlbInvoer, kop: Decimal) -> Decimal:
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


def _reserveringstoeslag(boek: _Boek, invoer: VtlbInvoer) -> Decimal:
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


def _werktoeslag(boek: _Boek, invoer: VtlbInvoer) -> Decimal:
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


def _correctie_eigen_risico(boek: _Boek, invoer: VtlbInvoer) -> Decimal:
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


def _correctie_individuele_lasten(boek: _Boek, invoer: VtlbInvoer, kop: Decimal) -> Decimal:
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
    boek: _Boek, invoer: VtlbInvoer, waarden: dict[str, NormWaarde]
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


def _aow_correctie(boek: _Boek, invoer: VtlbInvoer) -> Decimal:
    if not invoer.pensioengerechtigd:
        return NUL
    gewoon_sleutel = _bijstandsnorm_sleutel(invoer.leefsituatie, aow=False)
    aow_sleutel = _bijstandsnorm_sleutel(invoer.leefsituatie, aow=True)
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


def _overige_correcties(boek: _Boek, correcties: Iterable[Correctie]) -> list[Decimal]:
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
