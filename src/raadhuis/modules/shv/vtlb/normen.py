"""The norm amounts the VTLB calculation uses, and the published figures per half year.

Every amount is data: a `NormVersie` per organisation and half year holds one `NormBedrag` per
key below, each with its source. `GEPUBLICEERDE_NORMEN` is what `vtlb_normen_ensure` seeds; an
amount that could not be found in a published source is `None` with a source text that says so,
and the calculation then shows a warning instead of silently using a figure (see rekenen.py).

All amounts are monthly, in euros, net, and the social-assistance norms include the holiday
allowance (vakantietoeslag), as art. 475da Rv requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class NormSleutel(models.TextChoices):
    # Participatiewet (bijstandsnormen incl. vakantietoeslag)
    BIJSTAND_ALLEENSTAAND = (
        "bijstandsnorm_alleenstaand",
        _("Bijstandsnorm alleenstaande (ouder), 21 jaar tot pensioengerechtigde leeftijd"),
    )
    BIJSTAND_GEHUWD = (
        "bijstandsnorm_gehuwd",
        _("Bijstandsnorm gehuwden, 21 jaar tot pensioengerechtigde leeftijd"),
    )
    BIJSTAND_AOW_ALLEENSTAAND = (
        "bijstandsnorm_aow_alleenstaand",
        _("Bijstandsnorm alleenstaande (ouder), pensioengerechtigde leeftijd"),
    )
    BIJSTAND_AOW_GEHUWD = (
        "bijstandsnorm_aow_gehuwd",
        _("Bijstandsnorm gehuwden, één of beiden pensioengerechtigd"),
    )
    # Beslagvrije voet: the fixed maximum for high incomes (art. 475da Rv)
    BVV_MAX_ALLEENSTAAND = "bvv_max_alleenstaand", _("Maximum beslagvrije voet alleenstaande")
    BVV_MAX_ALLEENSTAANDE_OUDER = (
        "bvv_max_alleenstaande_ouder",
        _("Maximum beslagvrije voet alleenstaande ouder"),
    )
    BVV_MAX_GEHUWD = "bvv_max_gehuwd", _("Maximum beslagvrije voet gehuwden zonder kinderen")
    BVV_MAX_GEHUWD_MET_KINDEREN = (
        "bvv_max_gehuwd_met_kinderen",
        _("Maximum beslagvrije voet gehuwden met kinderen"),
    )
    # Recofa-methode, nominaal bedrag
    RESERVERINGSTOESLAG_ALLEENSTAAND = (
        "reserveringstoeslag_alleenstaand",
        _("Reserveringstoeslag alleenstaande (ouder)"),
    )
    RESERVERINGSTOESLAG_GEHUWD = "reserveringstoeslag_gehuwd", _("Reserveringstoeslag gehuwden")
    WERKTOESLAG = "werktoeslag", _("Werktoeslag (arbeidstoeslag) per werkende")
    CORRECTIE_EIGEN_RISICO = (
        "correctie_eigen_risico",
        _("Correctie premie/eigen risico zorgverzekering per volwassene"),
    )
    WOONKOSTEN_DREMPEL = (
        "woonkosten_drempel",
        _("Woonlasten die in de norm zijn begrepen (drempel woonkostencorrectie)"),
    )
    ZORGPREMIE_DREMPEL = (
        "zorgpremie_drempel",
        _("Zorgpremie per volwassene die in de norm is begrepen (drempel premiecorrectie)"),
    )
    KGB_NORM_PER_KIND = (
        "kgb_norm_per_kind",
        _("Kindgebonden budget per kind jonger dan 18 waarvan de norm uitgaat"),
    )
    KGB_ALO_KOP = (
        "kgb_alo_kop",
        _("Alleenstaande-ouderkop kindgebonden budget waarvan de norm uitgaat"),
    )


@dataclass(frozen=True)
class NormRegel:
    """What a key means in law: the rule the calculation cites next to the amount."""

    regel: str
    groep: str


NORM_REGELS: dict[str, NormRegel] = {
    NormSleutel.BIJSTAND_ALLEENSTAAND: NormRegel("art. 21 onderdeel a Participatiewet", "bijstand"),
    NormSleutel.BIJSTAND_GEHUWD: NormRegel("art. 21 onderdeel b Participatiewet", "bijstand"),
    NormSleutel.BIJSTAND_AOW_ALLEENSTAAND: NormRegel(
        "art. 22 onderdeel a Participatiewet", "bijstand"
    ),
    NormSleutel.BIJSTAND_AOW_GEHUWD: NormRegel("art. 22 onderdeel b Participatiewet", "bijstand"),
    NormSleutel.BVV_MAX_ALLEENSTAAND: NormRegel("art. 475da Rv (hoog inkomen)", "bvv"),
    NormSleutel.BVV_MAX_ALLEENSTAANDE_OUDER: NormRegel("art. 475da Rv (hoog inkomen)", "bvv"),
    NormSleutel.BVV_MAX_GEHUWD: NormRegel("art. 475da Rv (hoog inkomen)", "bvv"),
    NormSleutel.BVV_MAX_GEHUWD_MET_KINDEREN: NormRegel("art. 475da Rv (hoog inkomen)", "bvv"),
    NormSleutel.RESERVERINGSTOESLAG_ALLEENSTAAND: NormRegel(
        "Recofa-methode, nominaal bedrag: reserveringstoeslag", "recofa"
    ),
    NormSleutel.RESERVERINGSTOESLAG_GEHUWD: NormRegel(
        "Recofa-methode, nominaal bedrag: reserveringstoeslag", "recofa"
    ),
    NormSleutel.WERKTOESLAG: NormRegel("Recofa-methode, nominaal bedrag: werktoeslag", "recofa"),
    NormSleutel.CORRECTIE_EIGEN_RISICO: NormRegel(
        "Recofa-methode, nominaal bedrag: correctie premie/eigen risico", "recofa"
    ),
    NormSleutel.WOONKOSTEN_DREMPEL: NormRegel(
        "Recofa-methode, correctie individuele lasten: woonlasten", "recofa"
    ),
    NormSleutel.ZORGPREMIE_DREMPEL: NormRegel(
        "Recofa-methode, correctie individuele lasten: premie zorgverzekering", "recofa"
    ),
    NormSleutel.KGB_NORM_PER_KIND: NormRegel(
        "Recofa-methode, correctie individuele lasten: missend kindgebonden budget", "recofa"
    ),
    NormSleutel.KGB_ALO_KOP: NormRegel(
        "Recofa-methode, correctie individuele lasten: missend kindgebonden budget", "recofa"
    ),
}

NORM_GROEPEN = {
    "bijstand": _("Bijstandsnormen (Participatiewet)"),
    "bvv": _("Beslagvrije voet (Wetboek van Burgerlijke Rechtsvordering)"),
    "recofa": _("Recofa-methode: nominaal bedrag en correcties"),
}


@dataclass(frozen=True)
class GepubliceerdBedrag:
    bedrag: Decimal | None
    bron: str


@dataclass(frozen=True)
class GepubliceerdeVersie:
    geldig_vanaf: date
    omschrijving: str
    bedragen: dict[str, GepubliceerdBedrag]


NIET_VASTGESTELD = "Nog niet vastgesteld"


def _b(bedrag: str | None, bron: str) -> GepubliceerdBedrag:
    """A published amount with its source; an amount not found is `None` and its source says
    first that it is not established, then why and where to look (never a guessed figure)."""
    if bedrag is None:
        return GepubliceerdBedrag(None, f"{NIET_VASTGESTELD}. {bron}")
    return GepubliceerdBedrag(Decimal(bedrag), bron)


def ontbrekende_normen() -> list[tuple[date, str, str]]:
    """Every seeded amount that is not established: (valid from, label, why), for the docs
    and the tests."""
    return [
        (versie.geldig_vanaf, str(NormSleutel(sleutel).label), bedrag.bron)
        for versie in GEPUBLICEERDE_NORMEN
        for sleutel, bedrag in versie.bedragen.items()
        if bedrag.bedrag is None
    ]


# --- sources ------------------------------------------------------------------------------
# The sources are named per amount. Where a municipality or newspaper reproduces the SZW
# figures, it is named with the ministry as its origin; the ministry's own normenbrief and the
# Staatscourant are the primary sources the functional administrator should check.
_VELSEN_2024_01 = (
    "SZW-normbedragen per 1 januari 2024, netto incl. vakantietoeslag, zoals gepubliceerd door "
    "Gemeente Velsen, 'Bijstandsnormen per 1 januari 2024' "
    "(https://www.velsen.nl/bijstandsnormen-per-1-januari-2024); gelijk aan Gemeente Westland, "
    "'Normenoverzicht minimuminkomen' (normbedragen Participatiewet per 1 januari 2024)"
)
_VELSEN_2024_07 = (
    "SZW-normbedragen per 1 juli 2024, netto incl. vakantietoeslag, zoals gepubliceerd door "
    "Gemeente Velsen, 'Bijstandsnormen per 1 juli 2024' "
    "(https://www.velsen.nl/bijstandsnormen-per-1-juli-2024); bevestigd door Metro, 'Dit "
    "(verhoogde) bedrag krijgen mensen in de bijstand vanaf dit jaar' (januari 2025)"
)
_WESTLAND_2025_01 = (
    "SZW-normbedragen per 1 januari 2025, netto incl. vakantietoeslag, zoals gepubliceerd door "
    "Gemeente Westland, 'Normenoverzicht minimuminkomen voor de bijzondere bijstand' en Metro "
    "(https://www.metronieuws.nl/geld-carriere/2025/01/bedrag-bijstand-verhoogd-2025-br/, "
    "bron: Rijksoverheid)"
)
_METRO_2025_07 = (
    "SZW-normbedragen per 1 juli 2025, netto incl. vakantietoeslag, Metro "
    "(https://www.metronieuws.nl/geld-carriere/2025/06/bedrag-bijstand-verhoogd-juli-2025/, "
    "bron: Rijksoverheid); gelijk aan Stimulansz, 'Normenoverzicht' "
    "(https://www.berekenuwrechtplus.nl/normenoverzicht/)"
)
_NORMENBRIEF_2026_01 = (
    "SZW Normenbrief 1 januari 2026 (gecorrigeerd 9 december 2025), art. 21 en 22 "
    "Participatiewet (BWBR0015703, geldend vanaf 1 januari 2026), netto incl. "
    "vakantietoeslag; overgenomen uit MinBZK regelrecht, 'Wetsanalyse Log - Participatiewet "
    "1 januari 2026'"
)
_WET_2026_07 = (
    "Participatiewet (BWBR0015703) geldend vanaf 1 juli 2026, art. 21 en 22, netto incl. "
    "vakantietoeslag; via de CPRMV-normen-API van open-regels.nl (applicable_date 2026-07-01), "
    "zoals vastgelegd in de testdocumentatie van PW-normbedragen.dmn"
)
_BVV_2024_01 = (
    "Maximum beslagvrije voet januari 2024 (art. 475da Rv), schuldinfo.nl, 'Hoogte "
    "beslagvrije voet' (https://schuldinfo.nl/beslag-inkomen/hoogte-beslagvrije-voet/)"
)
_BVV_2024_07 = (
    "Maximum beslagvrije voet per 1 juli 2024 (art. 475da Rv), AAG, 'Aanpassing beslagvrije "
    "voet per 1 juli 2024' (https://aag.nl/kennis/aanpassing-beslagvrije-voet-per-1-juli-2024/;"
    " de tekst noemt abusievelijk '1 juli 2023', titel en bedragen horen bij 1 juli 2024)"
)
_BVV_2024_07_ONTBREEKT = (
    "Niet gevonden: de geraadpleegde bron (AAG, 'Aanpassing beslagvrije voet per 1 juli 2024') "
    "noemt alleen de bedragen voor alleenstaanden en alleenstaande ouders. Vul aan uit de "
    "Mededeling van de minister van SZW over de bedragen in art. 475da Rv (Staatscourant)."
)
_BVV_2025_01 = (
    "Maximum beslagvrije voet per 1 januari 2025 (art. 475da Rv), AAG, 'Beslagvrije voet per 1 "
    "januari 2025' (https://aag.nl/kennis/beslagvrije-voet-per-1-januari-2025/); ook Rendement, "
    "'Per 1 januari 2025 hogere bedragen beslagvrije voet'"
)
_BVV_2025_07 = (
    "Maximum beslagvrije voet per 1 juli 2025 (art. 475da Rv), Fundament, 'Bedragen "
    "beslagvrije voet omhoog per 1 juli 2025' (https://www.fundamentvoor.nl/node/55343)"
)
_BVV_ONTBREEKT = (
    "Niet gevonden in de geraadpleegde bronnen. Vul aan uit de Mededeling van de minister van "
    "SZW over de bedragen in art. 475da Rv voor deze periode (Staatscourant) of uit "
    "uwbeslagvrijevoet.nl."
)
_EIGEN_RISICO = (
    "Recofa/NVVK: correctie eigen risico € 32,08 per maand in het nominaal bedrag (NVVK, "
    "'Besluiten Werkgroep Rekenmethode en nieuwe handleiding voor invullen Vtlb-calculator', 4 "
    "maart 2021), gelijk aan het verplicht eigen risico van € 385 per jaar gedeeld door 12 "
    "(art. 19 Zvw). Het eigen risico is in 2024, 2025 en 2026 ongewijzigd € 385 (Zilveren "
    "Kruis, 'Het eigen risico in 2026'). Aanname: het Recofa-bedrag is daarom ongewijzigd; "
    "controleer in het Recofa-rapport van deze periode."
)
_RESERVERING_ONTBREEKT = (
    "Niet gevonden: het Recofa-rapport 'Berekening vrij te laten bedrag' van deze periode was "
    "niet raadpleegbaar. Laatst gevonden bedragen: € 56,76 (alleenstaande) en € 88,28 (paren) "
    "in 2021 (NVVK, 4 maart 2021). Vul aan uit het Recofa-rapport van deze periode."
)
_RECOFA_ONTBREEKT = (
    "Niet gevonden: het Recofa-rapport 'Berekening vrij te laten bedrag' (Bureau Wsnp/NVVK) van "
    "deze periode was niet raadpleegbaar. Vul aan uit dat rapport; tot dan past de berekening "
    "deze correctie niet toe en meldt zij dat."
)


def _recofa() -> dict[str, GepubliceerdBedrag]:
    return {
        NormSleutel.RESERVERINGSTOESLAG_ALLEENSTAAND: _b(None, _RESERVERING_ONTBREEKT),
        NormSleutel.RESERVERINGSTOESLAG_GEHUWD: _b(None, _RESERVERING_ONTBREEKT),
        NormSleutel.WERKTOESLAG: _b(None, _RECOFA_ONTBREEKT),
        NormSleutel.CORRECTIE_EIGEN_RISICO: _b("32.08", _EIGEN_RISICO),
        NormSleutel.WOONKOSTEN_DREMPEL: _b(None, _RECOFA_ONTBREEKT),
        NormSleutel.ZORGPREMIE_DREMPEL: _b(None, _RECOFA_ONTBREEKT),
        NormSleutel.KGB_NORM_PER_KIND: _b(None, _RECOFA_ONTBREEKT),
        NormSleutel.KGB_ALO_KOP: _b(None, _RECOFA_ONTBREEKT),
    }


def _versie(
    geldig_vanaf: date,
    omschrijving: str,
    bijstand: tuple[str, str, str, str],
    bijstand_bron: str,
    bvv: tuple[str | None, str | None, str | None, str | None],
    bvv_bronnen: tuple[str, str, str, str],
) -> GepubliceerdeVersie:
    keys_bijstand = (
        NormSleutel.BIJSTAND_ALLEENSTAAND,
        NormSleutel.BIJSTAND_GEHUWD,
        NormSleutel.BIJSTAND_AOW_ALLEENSTAAND,
        NormSleutel.BIJSTAND_AOW_GEHUWD,
    )
    keys_bvv = (
        NormSleutel.BVV_MAX_ALLEENSTAAND,
        NormSleutel.BVV_MAX_ALLEENSTAANDE_OUDER,
        NormSleutel.BVV_MAX_GEHUWD,
        NormSleutel.BVV_MAX_GEHUWD_MET_KINDEREN,
    )
    bedragen = {
        key: _b(value, bijstand_bron) for key, value in zip(keys_bijstand, bijstand, strict=True)
    }
    bedragen.update(
        {key: _b(value, bron) for key, value, bron in zip(keys_bvv, bvv, bvv_bronnen, strict=True)}
    )
    bedragen.update(_recofa())
    return GepubliceerdeVersie(geldig_vanaf, omschrijving, bedragen)


def _alle(bron: str) -> tuple[str, str, str, str]:
    return (bron, bron, bron, bron)


GEPUBLICEERDE_NORMEN: tuple[GepubliceerdeVersie, ...] = (
    _versie(
        date(2024, 1, 1),
        "Gepubliceerde normen per 1 januari 2024",
        ("1283.83", "1834.04", "1425.76", "1933.98"),
        _VELSEN_2024_01,
        ("1996.21", "2162.60", "2631.49", "2747.09"),
        _alle(_BVV_2024_01),
    ),
    _versie(
        date(2024, 7, 1),
        "Gepubliceerde normen per 1 juli 2024",
        ("1308.45", "1869.21", "1456.85", "1976.64"),
        _VELSEN_2024_07,
        ("2019.60", "2181.31", None, None),
        (_BVV_2024_07, _BVV_2024_07, _BVV_2024_07_ONTBREEKT, _BVV_2024_07_ONTBREEKT),
    ),
    _versie(
        date(2025, 1, 1),
        "Gepubliceerde normen per 1 januari 2025",
        ("1345.45", "1922.07", "1501.07", "2053.48"),
        _WESTLAND_2025_01,
        ("2071.24", "2242.24", "2739.03", "2855.96"),
        _alle(_BVV_2025_01),
    ),
    _versie(
        date(2025, 7, 1),
        "Gepubliceerde normen per 1 juli 2025",
        ("1369.06", "1955.80", "1530.21", "2094.98"),
        _METRO_2025_07,
        ("2093.67", "2264.67", "2771.07", "2888.00"),
        _alle(_BVV_2025_07),
    ),
    _versie(
        date(2026, 1, 1),
        "Gepubliceerde normen per 1 januari 2026",
        ("1401.50", "2002.13", "1564.69", "2144.16"),
        _NORMENBRIEF_2026_01,
        (None, None, None, None),
        _alle(_BVV_ONTBREEKT),
    ),
    _versie(
        date(2026, 7, 1),
        "Gepubliceerde normen per 1 juli 2026",
        ("1419.46", "2027.79", "1587.34", "2176.10"),
        _WET_2026_07,
        (None, None, None, None),
        _alle(_BVV_ONTBREEKT),
    ),
)
# January 2027: not yet published in the sources consulted (searched November 2026).


def is_halfjaar_datum(value: date) -> bool:
    """Norm versions start on 1 January or 1 July, when SZW adjusts the amounts."""
    return value.day == 1 and value.month in (1, 7)
