"""The fictitious population of the BRP test double: generated, deterministic, plainly test data.

BSNs come from 999 990 000 upward (valid by the 11-check, in a range no real person has; the
demo's own parties use 999 900 000 and up, so the two never meet). Names are made of words
like "Probeersel", "Steekproef" and "Namaak"; streets are "Proefstraat", "Voorbeeldlaan" and
so on, in the municipality of Zevenaar (gemeentecode 0299).

The first households (`DEMO_HUISHOUDENS`) are written out, so their BSNs never change and the
documentation can name them (docs/integraties/brp.md); more households follow from a seeded
random generator. Ages are fixed on 1 January of the `peiljaar`: a child of 3 stays 3 in every
year's demo, and a birth date stays the same all year.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from raadhuis.kernel.validators import elfproef

GEMEENTE = ("0299", "Zevenaar")
NEDERLAND = ("6030", "Nederland")
BSN_PREFIX_FIRST = 99999000  # 999 990 000 and up
DEFAULT_SEED = 2026
EXTRA_HUISHOUDENS = 24


def vandaag() -> date:
    """Today in the Netherlands (the double runs without Django's time zone settings)."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def test_bsns() -> Iterator[str]:
    """Every 11-check-valid BSN from 999 990 000 upward, in order."""
    for prefix in range(BSN_PREFIX_FIRST, 100_000_000):
        candidate = f"{prefix:08d}"
        for check in range(10):
            if elfproef(candidate + str(check)):
                yield candidate + str(check)


@dataclass(frozen=True)
class Woonadres:
    straat: str
    huisnummer: int
    postcode: str  # '6901ZA'
    woonplaats: str
    huisletter: str = ""
    huisnummertoevoeging: str = ""


@dataclass
class Verbintenis:
    partner_bsn: str
    soort: str  # "H" huwelijk, "P" geregistreerd partnerschap
    aangegaan: date
    ontbonden: date | None = None


@dataclass
class Mens:
    """One person in the double's register (the Persoon JSON is made from it per request)."""

    bsn: str
    voornamen: str
    geslachtsnaam: str
    geslacht: str  # "M" / "V"
    geboortedatum: date
    adres: Woonadres
    voorvoegsel: str = ""
    alleen_geboortejaar: bool = False  # the BRP knows the year only ("00-00-1979")
    overlijdensdatum: date | None = None
    verbintenissen: list[Verbintenis] = field(default_factory=list)
    kinderen: list[str] = field(default_factory=list)
    ouders: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lid:
    """A household member in a written-out household: role, first names, sex, age on 1 Jan."""

    rol: str  # "aanvrager", "partner", "kind", "ex", "overleden_partner", "uitwonend_kind"
    voornamen: str
    geslacht: str
    leeftijd: int
    geslachtsnaam: str = ""  # empty: the applicant's (for children: the father's) surname
    voorvoegsel: str = ""


@dataclass(frozen=True)
class DemoHuishouden:
    sleutel: str
    situatie: str  # what a demo user reads in the documentation
    geslachtsnaam: str
    voorvoegsel: str
    leden: tuple[Lid, ...]
    adres: Woonadres
    verbintenis: str = "H"
    alleen_geboortejaar: bool = False


def _adres(
    straat: str, nummer: int, postcode: str, plaats: str = "Zevenaar", **extra: str
) -> Woonadres:
    return Woonadres(straat, nummer, postcode, plaats, **extra)


DEMO_HUISHOUDENS: tuple[DemoHuishouden, ...] = (
    DemoHuishouden(
        "alleenstaand",
        "Alleenstaand, 34 jaar, geen kinderen",
        "Probeersel",
        "",
        (Lid("aanvrager", "Sanne", "V", 34),),
        _adres("Proefstraat", 1, "6901ZA"),
    ),
    DemoHuishouden(
        "alleenstaande_ouder",
        "Alleenstaande ouder (38) met twee kinderen van 15 en 8; gescheiden, de ex woont elders",
        "Steekproef",
        "",
        (
            Lid("aanvrager", "Lotte Maria", "V", 38),
            Lid("ex", "Thomas", "M", 41, geslachtsnaam="Oefenaar"),
            Lid("kind", "Daan", "M", 15, geslachtsnaam="Oefenaar"),
            Lid("kind", "Emma", "V", 8, geslachtsnaam="Oefenaar"),
        ),
        _adres("Voorbeeldlaan", 12, "6902ZB", huisletter="A"),
    ),
    DemoHuishouden(
        "gezin",
        "Echtpaar (42 en 40) met drie kinderen van 17, 12 en 3",
        "Testelink",
        "",
        (
            Lid("aanvrager", "Mohamed", "M", 42),
            Lid("partner", "Anouk", "V", 40, geslachtsnaam="Namaak", voorvoegsel="de"),
            Lid("kind", "Noah", "M", 17),
            Lid("kind", "Julia", "V", 12),
            Lid("kind", "Sem", "M", 3),
        ),
        _adres("Testweg", 7, "6903ZC"),
    ),
    DemoHuishouden(
        "partnerschap",
        "Geregistreerd partnerschap (55 en 52), geen kinderen",
        "Schijnveld",
        "van",
        (
            Lid("aanvrager", "Kees", "M", 55),
            Lid("partner", "Ruud", "M", 52, geslachtsnaam="Nepstra"),
        ),
        _adres("Oefenpad", 14, "6987ZD", "Giesbeek", huisnummertoevoeging="2"),
        verbintenis="P",
    ),
    DemoHuishouden(
        "weduwe_aow",
        "Weduwe van 79 (AOW-leeftijd); haar man is twee jaar geleden overleden, "
        "haar zoon van 51 woont elders",
        "Demozand",
        "",
        (
            Lid("aanvrager", "Gerda", "V", 79),
            Lid("overleden_partner", "Henk", "M", 81),
            Lid("uitwonend_kind", "Peter", "M", 51),
        ),
        _adres("Steekproefsingel", 30, "6904ZE"),
    ),
    DemoHuishouden(
        "aow_echtpaar",
        "Echtpaar boven de AOW-leeftijd (71 en 68)",
        "Fictief",
        "",
        (
            Lid("aanvrager", "Jan", "M", 71),
            Lid("partner", "Truus", "V", 68, geslachtsnaam="Proefhoeve", voorvoegsel="van der"),
        ),
        _adres("Demohof", 5, "6986ZF", "Angerlo"),
    ),
    DemoHuishouden(
        "jonge_moeder",
        "Jonge alleenstaande moeder (22) met een baby (jonger dan 1)",
        "Nepper",
        "",
        (Lid("aanvrager", "Mila", "V", 22), Lid("kind", "Zoë", "V", 0)),
        _adres("Schetsgracht", 2, "6905ZG"),
    ),
    DemoHuishouden(
        "geboortejaar",
        "Alleenstaand (46); de BRP kent alleen het geboortejaar, niet de dag",
        "Gissing",
        "",
        (Lid("aanvrager", "Yusuf", "M", 46),),
        _adres("Modelpad", 9, "6906ZH"),
        alleen_geboortejaar=True,
    ),
    DemoHuishouden(
        "gezin_volwassen_kind",
        "Echtpaar (50 en 49) met een thuiswonende zoon van 19 en een dochter van 16",
        "Testen",
        "van der",
        (
            Lid("aanvrager", "Bram", "M", 50),
            Lid("partner", "Eva", "V", 49, geslachtsnaam="Probeer"),
            Lid("kind", "Lars", "M", 19),
            Lid("kind", "Fenna", "V", 16),
        ),
        _adres("Monsterdreef", 21, "6907ZJ"),
    ),
)

_VOORNAMEN = {
    "M": "Ahmed Bram Daan Finn Gert Hamza Joost Levi Lucas Mehmet Olivier Ruben Thijs Wim".split(),
    "V": "Aisha Elif Femke Hanna Ilse Lieke Marie Noor Priya Rosa Saar Tess Vera Yara".split(),
}
_STAM = ["Proef", "Oefen", "Schets", "Namaak", "Nep", "Schijn", "Probeer", "Gis"]
_UITGANG = ["hoven", "inga", "stra", "kamp", "link", "werf", "horst", "sma"]
_VOORVOEGSELS = ["", "", "", "de", "van", "van der", "ter"]
_STRATEN = ["Fictiefkade", "Nepweg", "Schijnlaan", "Probeerstraat", "Oefenhof", "Namaakpad"]
_PLAATSEN = ["Zevenaar", "Zevenaar", "Babberich", "Lobith", "Pannerden", "Tolkamer"]


class Register:
    """Everyone the double knows, by BSN; built once, deterministic for (seed, peiljaar)."""

    def __init__(self, *, seed: int = DEFAULT_SEED, peiljaar: int | None = None) -> None:
        self.peildatum = date(peiljaar or vandaag().year, 1, 1)
        self.rng = random.Random(seed)
        self.personen: dict[str, Mens] = {}
        self.huishoudens: dict[str, list[Mens]] = {}
        self._bsns = test_bsns()
        self._adresnummer = 0
        for huishouden in DEMO_HUISHOUDENS:
            self.huishoudens[huishouden.sleutel] = self._demo_huishouden(huishouden)
        for index in range(EXTRA_HUISHOUDENS):
            self.huishoudens[f"extra_{index + 1}"] = self._extra_huishouden(index)

    # --- lookups --------------------------------------------------------------------------

    def get(self, bsn: str) -> Mens | None:
        return self.personen.get(bsn)

    def aanvrager(self, sleutel: str) -> Mens:
        """The first person of a household: whom a demo user looks up."""
        return self.huishoudens[sleutel][0]

    def __iter__(self) -> Iterator[Mens]:
        return iter(self.personen.values())

    # --- building -------------------------------------------------------------------------

    def _geboortedatum(self, leeftijd: int) -> date:
        """A day on which someone is exactly `leeftijd` on 1 January of the peiljaar."""
        dagen = self.rng.randint(1, 364)
        jaar = self.peildatum.year - leeftijd
        return date(jaar, 1, 1) - timedelta(days=dagen)

    def _mens(self, **gegevens: object) -> Mens:
        mens = Mens(bsn=next(self._bsns), **gegevens)  # type: ignore[arg-type]
        self.personen[mens.bsn] = mens
        return mens

    def _elders(self) -> Woonadres:
        self._adresnummer += 1
        plaats = self.rng.choice(["Babberich", "Lobith", "Herwen", "Pannerden"])
        return Woonadres(
            "Elderslaan", self._adresnummer, f"69{10 + self._adresnummer % 80:02d}ZK", plaats
        )

    def _huwen(self, a: Mens, b: Mens, soort: str, ontbonden: date | None = None) -> None:
        jongste = max(a.geboortedatum, b.geboortedatum)
        aangegaan = date(jongste.year + 26, jongste.month, min(jongste.day, 28))
        if ontbonden is None and b.overlijdensdatum:
            ontbonden = b.overlijdensdatum
        a.verbintenissen.append(Verbintenis(b.bsn, soort, aangegaan, ontbonden))
        b.verbintenissen.append(Verbintenis(a.bsn, soort, aangegaan, ontbonden))

    def _ouders_van(self, kind: Mens, *ouders: Mens) -> None:
        for ouder in ouders:
            ouder.kinderen.append(kind.bsn)
            kind.ouders.append(ouder.bsn)

    def _demo_huishouden(self, h: DemoHuishouden) -> list[Mens]:
        leden: list[Mens] = []
        aanvrager: Mens | None = None
        partner: Mens | None = None
        ex: Mens | None = None
        for lid in h.leden:
            achternaam, voorvoegsel = lid.geslachtsnaam or h.geslachtsnaam, lid.voorvoegsel
            if not lid.geslachtsnaam:
                voorvoegsel = h.voorvoegsel
            mens = self._mens(
                voornamen=lid.voornamen,
                geslachtsnaam=achternaam,
                voorvoegsel=voorvoegsel,
                geslacht=lid.geslacht,
                geboortedatum=self._geboortedatum(lid.leeftijd),
                adres=h.adres if lid.rol in ("aanvrager", "partner", "kind") else self._elders(),
                alleen_geboortejaar=h.alleen_geboortejaar and lid.rol == "aanvrager",
            )
            if lid.rol == "aanvrager":
                aanvrager = mens
            elif lid.rol == "partner" and aanvrager:
                partner = mens
                self._huwen(aanvrager, mens, h.verbintenis)
            elif lid.rol == "overleden_partner" and aanvrager:
                mens.overlijdensdatum = self.peildatum - timedelta(days=730)
                partner = mens
                self._huwen(aanvrager, mens, h.verbintenis)
            elif lid.rol == "ex" and aanvrager:
                ex = mens
                self._huwen(aanvrager, mens, "H", ontbonden=self.peildatum - timedelta(days=1500))
            elif lid.rol in ("kind", "uitwonend_kind") and aanvrager:
                ouders = [o for o in (aanvrager, partner or ex) if o is not None]
                self._ouders_van(mens, *ouders)
            leden.append(mens)
        return leden

    def _naam(self) -> tuple[str, str]:
        return self.rng.choice(_STAM) + self.rng.choice(_UITGANG), self.rng.choice(_VOORVOEGSELS)

    def _voornaam(self, geslacht: str) -> str:
        return self.rng.choice(_VOORNAMEN[geslacht])

    def _extra_huishouden(self, index: int) -> list[Mens]:
        soort = self.rng.choice(["alleenstaand", "stel", "stel_kinderen", "ouder_kinderen"])
        achternaam, voorvoegsel = self._naam()
        adres = Woonadres(
            self.rng.choice(_STRATEN),
            self.rng.randint(1, 120),
            f"69{20 + index:02d}Z{'ABCDEGHJKLMNPRTVWX'[index % 18]}",
            self.rng.choice(_PLAATSEN),
        )
        geslacht = self.rng.choice("MV")
        leeftijd = self.rng.randint(19, 85)
        hoofd = self._mens(
            voornamen=self._voornaam(geslacht),
            geslachtsnaam=achternaam,
            voorvoegsel=voorvoegsel,
            geslacht=geslacht,
            geboortedatum=self._geboortedatum(leeftijd),
            adres=adres,
        )
        leden = [hoofd]
        partner = None
        if soort in ("stel", "stel_kinderen"):
            partner_geslacht = "V" if geslacht == "M" else "M"
            partner_naam, partner_voorvoegsel = self._naam()
            partner = self._mens(
                voornamen=self._voornaam(partner_geslacht),
                geslachtsnaam=partner_naam,
                voorvoegsel=partner_voorvoegsel,
                geslacht=partner_geslacht,
                geboortedatum=self._geboortedatum(max(18, leeftijd + self.rng.randint(-5, 5))),
                adres=adres,
            )
            self._huwen(hoofd, partner, self.rng.choice("HHHP"))
            leden.append(partner)
        if soort in ("stel_kinderen", "ouder_kinderen") and leeftijd < 60:
            for _ in range(self.rng.randint(1, 3)):
                kind_geslacht = self.rng.choice("MV")
                kind = self._mens(
                    voornamen=self._voornaam(kind_geslacht),
                    geslachtsnaam=achternaam,
                    voorvoegsel=voorvoegsel,
                    geslacht=kind_geslacht,
                    geboortedatum=self._geboortedatum(self.rng.randint(0, min(17, leeftijd - 19))),
                    adres=adres,
                )
                self._ouders_van(kind, *(o for o in (hoofd, partner) if o is not None))
                leden.append(kind)
        return leden
