"""What the BRP tells us about a person, as plain immutable values (no Django, no HTTP).

The client (`client.py`) builds these from the Haal Centraal BRP Personen API; the rest of
Raadhuis reads them (kernel/parties/brp.py turns one into a `Partij`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def leeftijd_op(geboortedatum: date | None, op: date) -> int | None:
    """Age in whole years on `op`; None when the birth date is unknown (or incomplete).

    Someone born on 29 February turns a year older on 1 March in a common year, the reading
    the BRP itself uses for `leeftijd`.
    """
    if geboortedatum is None:
        return None
    jaren = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return max(jaren, 0)


def samengestelde_naam(voornamen: str, voorvoegsel: str, geslachtsnaam: str) -> str:
    return " ".join(deel for deel in (voornamen, voorvoegsel, geslachtsnaam) if deel)


@dataclass(frozen=True)
class BrpAdres:
    """A Dutch residential address (verblijfplaats of type Adres)."""

    straat: str
    huisnummer: int
    huisletter: str = ""
    huisnummertoevoeging: str = ""
    postcode: str = ""
    woonplaats: str = ""
    # References into the BAG (address register), when the BRP gives them.
    nummeraanduiding_id: str = ""
    adresseerbaar_object_id: str = ""

    def __str__(self) -> str:
        nummer = f"{self.huisnummer}{self.huisletter}"
        if self.huisnummertoevoeging:
            nummer += f"-{self.huisnummertoevoeging}"
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else ""
        return f"{self.straat} {nummer}, {postcode} {self.woonplaats}".replace("  ", " ").strip()


@dataclass(frozen=True)
class BrpRelatie:
    """A partner or child as the BRP lists them on the person: BSN, full name, birth date."""

    bsn: str
    naam: str
    geboortedatum: date | None = None

    def leeftijd(self, op: date) -> int | None:
        return leeftijd_op(self.geboortedatum, op)


@dataclass(frozen=True)
class BrpPersoon:
    """A person from the BRP.

    `persoon(bsn)` fills every field. Search results (`zoek(...)`) carry only what the API
    gives for a search (PersoonBeperkt): name, birth date, sex and the address as printed
    lines (`adresregels`); `adres`, `partners`, `kinderen` and `overlijdensdatum` stay empty
    there, and `volledig` is False.

    `partners` holds the current marriage or registered partnership only (a dissolved one,
    also by death, is left out); `kinderen` holds every child, of any age, wherever they live.
    `geboortedatum` is None when the BRP knows only the year or month.
    """

    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: date | None
    geslacht: str  # the BRP code: "M", "V" or "O" (onbekend)
    adres: BrpAdres | None = None
    partners: tuple[BrpRelatie, ...] = ()
    kinderen: tuple[BrpRelatie, ...] = ()
    overlijdensdatum: date | None = None
    adresregels: tuple[str, ...] = ()
    volledig: bool = True

    @property
    def naam(self) -> str:
        """'Anna de Proefmaker': first names, prefix and surname."""
        return samengestelde_naam(self.voornamen, self.voorvoegsel, self.geslachtsnaam)

    @property
    def voorletters(self) -> str:
        """'A.M.' for 'Anna Maria', as the BRP derives them."""
        return "".join(f"{naam[0].upper()}." for naam in self.voornamen.split() if naam)

    @property
    def overleden(self) -> bool:
        return self.overlijdensdatum is not None

    def leeftijd(self, op: date) -> int | None:
        """Age in whole years on `op` (None when the birth date is incomplete)."""
        return leeftijd_op(self.geboortedatum, op)
