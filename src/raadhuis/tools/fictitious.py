"""Obviously fictitious identifiers, names and addresses for the demo and the generator.

Identifiers are valid by their check rules (so forms and validators accept them) but come from
ranges that read as test data: BSNs from 9999x xxxx (demo) and 9xxx xxxxx (generator), KvK
numbers from 99xx xxxx, KBO numbers from 0999.xxx.xxx. Surnames are built from words such as
"Test", "Proef" and "Voorbeeld", streets are "Proefstraat", "Voorbeeldlaan", and so on.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from raadhuis.kernel.validators import elfproef

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def elfproef_complete(prefix: int) -> str | None:
    """The 9-digit number passing the 11-check that starts with the 8 digits of `prefix`.

    The check digit is the weighted sum of the first eight digits modulo 11; when that is 10
    no 9-digit number with this prefix passes, and None is returned.
    """
    digits = f"{prefix:08d}"
    check = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
    if check == 10:
        return None
    number = f"{digits}{check}"
    return number if elfproef(number) else None


def elfproef_numbers(first_prefix: int, last_prefix: int | None = None) -> Iterator[str]:
    """Every 11-check-valid 9-digit number with an 8-digit prefix from `first_prefix` on."""
    prefix = first_prefix
    while last_prefix is None or prefix <= last_prefix:
        number = elfproef_complete(prefix)
        if number is not None:
            yield number
        prefix += 1


# Demo BSNs: 999900000 up to 999999999 (about 9,000 valid numbers, plainly test data).
DEMO_BSN_PREFIX_FIRST = 99990000
# Generator BSNs: 900000000 and up, below the demo range (millions of valid numbers).
GENERATOR_BSN_PREFIX_FIRST = 90000000
GENERATOR_BSN_PREFIX_LAST = 99989999


def demo_bsns() -> Iterator[str]:
    return elfproef_numbers(DEMO_BSN_PREFIX_FIRST, 99999999)


def kvk_nummer(index: int) -> str:
    """A fictitious 8-digit KvK number from the 99xxxxxx range."""
    return f"99{index % 1_000_000:06d}"


def kbo_nummer(index: int) -> str:
    """A fictitious Belgian enterprise number (0999.xxx.xxx) with a valid mod-97 check."""
    base = 9_990_000 + index % 10_000  # 8 digits with the leading 0: 0999xxxx
    first8 = f"{base:08d}"
    check = 97 - int(first8) % 97
    return f"{first8}{check:02d}"


def kbo_weergave(kbo: str) -> str:
    return f"{kbo[:4]}.{kbo[4:7]}.{kbo[7:]}"


# --- names -----------------------------------------------------------------------------------
VOORNAMEN_M = (
    "Ahmed Arthur Bram Daan Finn Gert Hamza Ibrahim Jan Joost Kees Lars Levi Lucas Mehmet "
    "Mohamed Noah Olivier Pieter Quinten Ruben Sem Thijs Umut Vincent Wim Wout Xander Yusuf "
    "Zeger"
).split()
VOORNAMEN_V = (
    "Anna Aisha Chantal Elif Elise Emma Eva Fatima Femke Hanna Ilse Julia Lotte Louise Marie "
    "Mila Noor Priya Saar Sanne Sofie Tess Vera Yara Zoë Ineke Nadia Rosa Lieke Amira"
).split()
_STAM = ["Test", "Proef", "Demo", "Voorbeeld", "Oefen", "Fictie", "Schets", "Model", "Monster"]
_UITGANG = ["persoon", "mans", "berg", "dijk", "huis", "stra", "ma", "veld", "hof", "man", "inga"]
GESLACHTSNAMEN = [f"{s}{u}" for s in _STAM for u in _UITGANG]
VOORVOEGSELS = ["", "", "", "", "de", "van", "van der", "van den", "ter", "te"]

STRATEN_NL = (
    "Proefstraat Voorbeeldlaan Testweg Demoplein Oefenkade Fictiefhof Steekproefsingel "
    "Schetsgracht Modelpad Monsterdreef"
).split()
STRATEN_BE = ("Proefstraat Voorbeeldlei Teststeenweg Demoplein Oefenkaai Fictiefdreef").split()
WOONPLAATS_NL = "Voorbeeldstad"
WOONPLAATS_BE = "Proefdorp"

_BEDRIJF_NL = [
    ("Testbakkerij {naam}", "eenmanszaak"),
    ("{naam} Proefadvies B.V.", "besloten_vennootschap"),
    ("Stichting Voorbeeldhulp {naam}", "stichting"),
    ("Vereniging De {naam}tuin", "vereniging"),
    ("{naam} & Demo V.O.F.", "vennootschap_onder_firma"),
    ("Coöperatie Oefenveld {naam}", "cooperatie"),
    ("{naam} Fictief Bouw N.V.", "naamloze_vennootschap"),
]
_BEDRIJF_BE = [
    ("Proefbrouwerij {naam} BV", "bv_be"),
    ("vzw Voorbeeldwerking {naam}", "vzw"),
    ("{naam} Testdiensten BV", "bv_be"),
]
VESTIGING_PLAATS = ["Centrum", "Noord", "Zuid", "Oost", "West", "Haven", "Station"]


def postcode_nl(rng: random.Random, *, demo: bool = True) -> str:
    """'1234 AB' style; the demo uses only the 1234 block, the generator all of 1000-9999."""
    cijfers = 1234 if demo else rng.randint(1000, 9999)
    letters = rng.choice("ABCDEGHJKLMNPRTVWXZ") + rng.choice("ABCDEGHJKLMNPRTVWXZ")
    return f"{cijfers} {letters}"


def postcode_be(rng: random.Random) -> str:
    return str(rng.randint(9990, 9999))


def voorletters(voornamen: str) -> str:
    return "".join(f"{naam[0]}." for naam in voornamen.split())


def persoon_naam(rng: random.Random) -> dict[str, str]:
    """Name parts of a fictitious person: voornamen, voorletters, voorvoegsel, geslachtsnaam."""
    geslacht = rng.choice("mv")
    lijst = VOORNAMEN_M if geslacht == "m" else VOORNAMEN_V
    voornamen = rng.choice(lijst)
    if rng.random() < 0.3:
        voornamen = f"{voornamen} {rng.choice(lijst)}"
    return {
        "voornamen": voornamen,
        "voorletters": voorletters(voornamen),
        "voorvoegsel_geslachtsnaam": rng.choice(VOORVOEGSELS),
        "geslachtsnaam": rng.choice(GESLACHTSNAMEN),
        "geslacht": geslacht,
    }


def bedrijf_naam(rng: random.Random, *, land: str) -> tuple[str, str]:
    """(statutaire naam, rechtsvorm) of a fictitious organisation."""
    patroon, rechtsvorm = rng.choice(_BEDRIJF_BE if land == "BE" else _BEDRIJF_NL)
    return patroon.format(naam=rng.choice(GESLACHTSNAMEN)), rechtsvorm
