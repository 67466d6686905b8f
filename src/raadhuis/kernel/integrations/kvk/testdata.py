"""The fictitious Handelsregister of the KvK test double: generated, deterministic, plainly test
data.

KvK numbers come from 9800 0000 upward (8 digits; the demo's own parties use 99xx xxxx, so the
two never meet); branch numbers are 12 digits starting with 98; RSINs pass the 11-check and
start with 8. Names are made of words like "Proef", "Test", "Voorbeeld" and "Oefen"; streets are
"Proefstraat", "Voorbeeldlaan" and so on, in 's-Hertogenbosch, Rosmalen and Zevenaar.

The first companies (`DEMO_BEDRIJVEN`) are written out, so their numbers never change and the
documentation can name them (docs/integraties/kvk.md); more companies follow from a seeded
random generator. The SBI codes are real SBI 2008 codes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from raadhuis.kernel.validators import elfproef

KVK_PREFIX = 98_000_000
RSIN_PREFIX = 80_000_000
DEFAULT_SEED = 2026
EXTRA_BEDRIJVEN = 40

# Legal forms as the KvK writes them (rechtsvorm), and whether they are legal entities with
# statutes (then the register has a statutaire naam and a 'rechtspersoon' search result).
RECHTSVORMEN: dict[str, bool] = {
    "Eenmanszaak": False,
    "Vennootschap onder firma": False,
    "Maatschap": False,
    "Besloten Vennootschap": True,
    "Naamloze Vennootschap": True,
    "Stichting": True,
    "Vereniging": True,
    "Coöperatie": True,
}

SBI: dict[str, str] = {
    "1071": "Vervaardiging van brood en vers banketbakkerswerk",
    "1072": "Vervaardiging van beschuit, biscuit en koekjes",
    "3511": "Productie van elektriciteit",
    "4321": "Elektrotechnische bouwinstallatie",
    "4322": "Loodgieters- en fitterbedrijven; installatie van sanitair en van verwarmings- en "
    "luchtbehandelingsapparatuur",
    "4332": "Bouwtimmerwerk",
    "4334": "Schilderen en glaszetten",
    "4711": "Supermarkten en dergelijke winkels met een algemeen assortiment",
    "4941": "Goederenvervoer over de weg",
    "5610": "Restaurants, cafetaria's en dergelijke",
    "6201": "Ontwikkelen, produceren en uitgeven van software",
    "6420": "Financiële holdings",
    "7022": "Organisatie-adviesbureaus",
    "8121": "Algemene reiniging van gebouwen",
    "8810": "Maatschappelijke dienstverlening zonder overnachting gericht op ouderen en "
    "gehandicapten",
    "8899": "Overige maatschappelijke dienstverlening zonder overnachting",
    "9312": "Sportclubs",
    "9499": "Overige ideële organisaties",
}


def rsin_numbers() -> Iterator[str]:
    """Every 11-check-valid 9-digit number from 800 000 000 upward, in order."""
    for prefix in range(RSIN_PREFIX, 90_000_000):
        for check in range(10):
            candidate = f"{prefix:08d}{check}"
            if elfproef(candidate):
                yield candidate
                break


def kvk_nummer(index: int) -> str:
    """The KvK number of the index-th company: 98000011, 98000022, … (plainly fictitious)."""
    return f"{KVK_PREFIX + index * 11:08d}"


def vestigingsnummer(index: int, volgnummer: int) -> str:
    """Branch `volgnummer` (0 = the main branch) of the index-th company: 12 digits."""
    return f"98{index:06d}{volgnummer:04d}"


@dataclass(frozen=True)
class Adres:
    straatnaam: str = ""
    huisnummer: int | None = None
    postcode: str = ""
    plaats: str = ""
    huisletter: str = ""
    huisnummertoevoeging: str = ""
    postbusnummer: int | None = None

    @property
    def straat_huisnummer(self) -> str:
        if self.postbusnummer is not None:
            return f"Postbus {self.postbusnummer}"
        nummer = f"{self.huisnummer}{self.huisletter}"
        if self.huisnummertoevoeging:
            nummer += f" {self.huisnummertoevoeging}"
        return f"{self.straatnaam} {nummer}"

    @property
    def postcode_woonplaats(self) -> str:
        return f"{self.postcode} {self.plaats}"


@dataclass
class Vestiging:
    vestigingsnummer: str
    handelsnaam: str
    bezoekadres: Adres | None
    hoofdvestiging: bool = True
    postadres: Adres | None = None
    afgeschermd: bool = False
    commercieel: bool = True
    sbi: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    voltijd: int = 1
    deeltijd: int = 0


@dataclass
class Bedrijf:
    """One registration (maatschappelijke activiteit) in the double's register."""

    kvk_nummer: str
    naam: str
    rechtsvorm: str
    sbi: tuple[str, ...]
    registratiedatum: date
    rsin: str = ""
    statutaire_naam: str = ""
    handelsnamen: tuple[str, ...] = ()
    vervallen_namen: tuple[str, ...] = ()
    uitgebreide_rechtsvorm: str = ""
    datum_einde: date | None = None
    non_mailing: bool = False
    vestigingen: list[Vestiging] = field(default_factory=list)
    beschrijving: str = ""  # what a demo user reads in the documentation

    @property
    def actief(self) -> bool:
        return self.datum_einde is None

    @property
    def rechtspersoon(self) -> bool:
        return RECHTSVORMEN.get(self.rechtsvorm, False)

    @property
    def alle_handelsnamen(self) -> tuple[str, ...]:
        return self.handelsnamen or (self.naam,)

    @property
    def hoofdvestiging(self) -> Vestiging | None:
        return next((v for v in self.vestigingen if v.hoofdvestiging), None)

    @property
    def werkzame_personen(self) -> int:
        return sum(v.voltijd + v.deeltijd for v in self.vestigingen)


# --- the written-out companies ---------------------------------------------------------------

DEN_BOSCH = "'s-Hertogenbosch"


def _demo_bedrijven(rsins: Iterator[str]) -> list[Bedrijf]:
    """The companies the documentation names. Index i gets KvK number kvk_nummer(i + 1)."""

    def nr(i: int) -> str:
        return kvk_nummer(i)

    def vnr(i: int, n: int = 0) -> str:
        return vestigingsnummer(i, n)

    return [
        Bedrijf(
            nr(1),
            "Proefbakkerij De Testoven B.V.",
            "Besloten Vennootschap",
            ("1071", "5610"),
            date(2012, 3, 1),
            rsin=next(rsins),
            statutaire_naam="Proefbakkerij De Testoven B.V.",
            handelsnamen=("Proefbakkerij De Testoven B.V.", "Bakkerij De Testoven"),
            vervallen_namen=("Broodbakkerij Oefenmeel",),
            beschrijving="BV met een hoofdvestiging, een nevenvestiging en een postbus",
            vestigingen=[
                Vestiging(
                    vnr(1),
                    "Bakkerij De Testoven",
                    Adres("Proefstraat", 12, "5211ZA", DEN_BOSCH),
                    postadres=Adres(postbusnummer=9901, postcode="5200ZZ", plaats=DEN_BOSCH),
                    sbi=("1071",),
                    websites=("https://www.testoven.example",),
                    voltijd=8,
                    deeltijd=6,
                ),
                Vestiging(
                    vnr(1, 1),
                    "Testoven Lunchroom",
                    Adres("Voorbeeldlaan", 3, "5212ZB", DEN_BOSCH, huisletter="A"),
                    hoofdvestiging=False,
                    sbi=("5610",),
                    voltijd=2,
                    deeltijd=4,
                ),
            ],
        ),
        Bedrijf(
            nr(2),
            "Stichting Voorbeeldwijk Samen",
            "Stichting",
            ("9499", "8899"),
            date(2016, 9, 15),
            rsin=next(rsins),
            statutaire_naam="Stichting Voorbeeldwijk Samen",
            beschrijving="Stichting (wijkvereniging-achtig), niet-commercieel",
            vestigingen=[
                Vestiging(
                    vnr(2),
                    "Stichting Voorbeeldwijk Samen",
                    Adres("Demoplein", 1, "6901ZC", "Zevenaar"),
                    commercieel=False,
                    sbi=("9499",),
                    voltijd=0,
                    deeltijd=3,
                )
            ],
        ),
        Bedrijf(
            nr(3),
            "Testelink Installatietechniek",
            "Eenmanszaak",
            ("4322", "4321"),
            date(2019, 5, 6),
            non_mailing=True,
            beschrijving="Eenmanszaak (geen RSIN), wil geen ongevraagde post",
            vestigingen=[
                Vestiging(
                    vnr(3),
                    "Testelink Installatietechniek",
                    Adres("Testweg", 7, "6903ZC", "Zevenaar"),
                    sbi=("4322", "4321"),
                )
            ],
        ),
        Bedrijf(
            nr(4),
            "Sportvereniging Oefenveld '26",
            "Vereniging",
            ("9312",),
            date(1998, 1, 12),
            rsin=next(rsins),
            statutaire_naam="Sportvereniging Oefenveld '26",
            uitgebreide_rechtsvorm="Vereniging met volledige rechtsbevoegdheid",
            beschrijving="Vereniging met volledige rechtsbevoegdheid",
            vestigingen=[
                Vestiging(
                    vnr(4),
                    "Sportvereniging Oefenveld '26",
                    Adres("Oefenkade", 5, "5213ZD", DEN_BOSCH, huisnummertoevoeging="bis"),
                    commercieel=False,
                    sbi=("9312",),
                    voltijd=0,
                    deeltijd=2,
                )
            ],
        ),
        Bedrijf(
            nr(5),
            "Oefenhout Timmerwerken V.O.F.",
            "Vennootschap onder firma",
            ("4332",),
            date(2021, 11, 1),
            rsin=next(rsins),
            beschrijving="VOF met één vestiging",
            vestigingen=[
                Vestiging(
                    vnr(5),
                    "Oefenhout Timmerwerken V.O.F.",
                    Adres("Modelpad", 21, "5241ZE", "Rosmalen"),
                    sbi=("4332",),
                    voltijd=2,
                )
            ],
        ),
        Bedrijf(
            nr(6),
            "Schetsgroep Schoonmaak B.V.",
            "Besloten Vennootschap",
            ("8121",),
            date(2010, 6, 1),
            rsin=next(rsins),
            statutaire_naam="Schetsgroep Schoonmaak B.V.",
            datum_einde=date(2024, 12, 31),
            beschrijving="Opgeheven BV (inactief; alleen te vinden met inactieve registraties)",
            vestigingen=[
                Vestiging(
                    vnr(6),
                    "Schetsgroep Schoonmaak",
                    Adres("Schetsgracht", 40, "5211ZF", DEN_BOSCH),
                    sbi=("8121",),
                    voltijd=12,
                )
            ],
        ),
        Bedrijf(
            nr(7),
            "Proefholding B.V.",
            "Besloten Vennootschap",
            ("6420",),
            date(2015, 2, 2),
            rsin=next(rsins),
            statutaire_naam="Proefholding B.V.",
            beschrijving="Holding zonder vestigingen (alleen een rechtspersoon)",
        ),
        Bedrijf(
            nr(8),
            "Monsterdijk Thuiszorg",
            "Eenmanszaak",
            ("8810",),
            date(2022, 4, 4),
            beschrijving="Eenmanszaak met afgeschermd bezoekadres (aan huis)",
            vestigingen=[
                Vestiging(
                    vnr(8),
                    "Monsterdijk Thuiszorg",
                    Adres("Monsterdreef", 9, "6901ZG", "Zevenaar"),
                    afgeschermd=True,
                    sbi=("8810",),
                )
            ],
        ),
    ]


# --- generated companies ---------------------------------------------------------------------

_STAM = ["Test", "Proef", "Demo", "Voorbeeld", "Oefen", "Fictie", "Schets", "Model", "Monster"]
_UITGANG = ["berg", "dijk", "huis", "veld", "hof", "stra", "man", "inga"]
_BRANCHES = [
    ("Schilderwerken", "4334"),
    ("Elektra", "4321"),
    ("Software", "6201"),
    ("Advies", "7022"),
    ("Transport", "4941"),
    ("Supermarkt", "4711"),
    ("Koekfabriek", "1072"),
    ("Energie", "3511"),
    ("Schoonmaak", "8121"),
]
_STRATEN = [
    "Proefstraat",
    "Voorbeeldlaan",
    "Testweg",
    "Demoplein",
    "Oefenkade",
    "Fictiefhof",
    "Steekproefsingel",
    "Schetsgracht",
    "Modelpad",
    "Monsterdreef",
]
_PLAATSEN = [(DEN_BOSCH, "52"), ("Rosmalen", "524"), ("Zevenaar", "690")]
_SUFFIX = {
    "Besloten Vennootschap": " B.V.",
    "Vennootschap onder firma": " V.O.F.",
    "Coöperatie": " U.A.",
    "Eenmanszaak": "",
}


def _adres(rng: random.Random) -> Adres:
    plaats, begin = rng.choice(_PLAATSEN)
    cijfers = begin + "".join(str(rng.randint(1, 9)) for _ in range(4 - len(begin)))
    return Adres(
        rng.choice(_STRATEN), rng.randint(1, 180), f"{cijfers}Z{rng.choice('ABCDEFGH')}", plaats
    )


def _gegenereerd(index: int, rng: random.Random, rsins: Iterator[str]) -> Bedrijf:
    branche, sbi = rng.choice(_BRANCHES)
    rechtsvorm = rng.choice(list(_SUFFIX))
    naam = f"{rng.choice(_STAM)}{rng.choice(_UITGANG)} {branche}{_SUFFIX[rechtsvorm]}"
    heeft_rsin = rechtsvorm != "Eenmanszaak"
    vestigingen = [
        Vestiging(
            vestigingsnummer(index, n),
            naam if n == 0 else f"{naam.removesuffix(_SUFFIX[rechtsvorm])} {adres.plaats}",
            adres,
            hoofdvestiging=n == 0,
            sbi=(sbi,),
            voltijd=rng.randint(0, 20),
            deeltijd=rng.randint(0, 10),
        )
        for n, adres in enumerate(_adres(rng) for _ in range(rng.choice((1, 1, 1, 2, 3))))
    ]
    return Bedrijf(
        kvk_nummer(index),
        naam,
        rechtsvorm,
        (sbi,),
        date(rng.randint(1990, 2024), rng.randint(1, 12), rng.randint(1, 28)),
        rsin=next(rsins) if heeft_rsin else "",
        statutaire_naam=naam if RECHTSVORMEN[rechtsvorm] else "",
        non_mailing=rng.random() < 0.2,
        vestigingen=vestigingen,
    )


class Register:
    """The double's Handelsregister: the written-out companies, then `extra` generated ones."""

    def __init__(self, *, seed: int = DEFAULT_SEED, extra: int = EXTRA_BEDRIJVEN) -> None:
        rsins = rsin_numbers()
        self.bedrijven: dict[str, Bedrijf] = {}
        for bedrijf in _demo_bedrijven(rsins):
            self.add(bedrijf)
        rng = random.Random(seed)  # noqa: S311 - test data, not security
        eerste = len(self.bedrijven) + 1
        for index in range(eerste, eerste + extra):
            self.add(_gegenereerd(index, rng, rsins))

    def add(self, bedrijf: Bedrijf) -> Bedrijf:
        self.bedrijven[bedrijf.kvk_nummer] = bedrijf
        return bedrijf

    def get(self, kvk_nummer: str) -> Bedrijf | None:
        return self.bedrijven.get(kvk_nummer)

    def __iter__(self) -> Iterator[Bedrijf]:
        return iter(self.bedrijven.values())

    def __len__(self) -> int:
        return len(self.bedrijven)

    def bedrijf(self, naam: str) -> Bedrijf:
        """The written-out company with this name (for tests and the documentation)."""
        return next(b for b in self if b.naam == naam)
