"""What the VTLB calculation works with: its input (VtlbInvoer), the norms (NormSet), its
result (VtlbUitkomst with every line), the checks on input and norms, and the book
(Rekenboek) that collects lines, used norms and warnings while the steps run. Pure data and
rules; the steps are in beslagvrije_voet.py and nominaal_bedrag.py, the whole in rekenen.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from raadhuis.modules.shv.vtlb.normen import NormSleutel

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


class Rekenboek:
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


def bijstandsnorm_sleutel(leefsituatie: str, aow: bool) -> str:
    """The bijstandsnorm for the household type, before or after the pension age."""
    if Leefsituatie.met_partner(leefsituatie):
        return NormSleutel.BIJSTAND_AOW_GEHUWD if aow else NormSleutel.BIJSTAND_GEHUWD
    return NormSleutel.BIJSTAND_AOW_ALLEENSTAAND if aow else NormSleutel.BIJSTAND_ALLEENSTAAND


def vereiste_norm(boek: Rekenboek, sleutel: str, veld: str, uitweg: str = "") -> NormWaarde:
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
