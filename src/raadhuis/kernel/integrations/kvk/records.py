"""What the KvK Handelsregister tells us about a company, as plain immutable values.

The client (`client.py`) builds these from the KvK APIs Zoeken and Basisprofiel (version 1);
the rest of Raadhuis reads them (kernel/parties/kvk.py turns one into a `Partij`). No Django,
no HTTP here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The KvK writes its types and flags as Dutch words.
HOOFDVESTIGING = "hoofdvestiging"
NEVENVESTIGING = "nevenvestiging"
RECHTSPERSOON = "rechtspersoon"
ZOEKTYPES = (HOOFDVESTIGING, NEVENVESTIGING, RECHTSPERSOON)
BEZOEKADRES = "bezoekadres"
CORRESPONDENTIEADRES = "correspondentieadres"


def ja(value: object) -> bool:
    """The KvK's 'Ja'/'Nee' flags as a bool (anything but 'Ja' is False)."""
    return str(value or "").strip().lower() == "ja"


def kvk_datum(value: object) -> date | None:
    """'20170710' (yyyymmdd, as the KvK writes dates) -> date; None when empty or partial
    (the KvK writes an unknown day or month as 00)."""
    text = str(value or "").strip()
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


@dataclass(frozen=True)
class KvkAdres:
    """A visiting address (bezoekadres) or postal address (correspondentieadres).

    A P.O. box has `postbusnummer` and no street. `afgeschermd` is True when the owner had the
    address shielded (then the KvK gives no street or number)."""

    type: str
    straatnaam: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    huisnummertoevoeging: str = ""
    postcode: str = ""
    postbusnummer: int | None = None
    plaats: str = ""
    land: str = ""
    volledig_adres: str = ""
    afgeschermd: bool = False
    # References into the BAG (address register); only when asked for with geoData.
    nummeraanduiding_id: str = ""
    adresseerbaar_object_id: str = ""

    @property
    def is_postbus(self) -> bool:
        return self.postbusnummer is not None and not self.straatnaam

    @property
    def in_nederland(self) -> bool:
        return self.land in ("", "Nederland")

    def __str__(self) -> str:
        if self.is_postbus:
            regel1 = f"Postbus {self.postbusnummer}"
        else:
            nummer = f"{self.huisnummer or ''}{self.huisletter}"
            if self.huisnummertoevoeging:
                nummer += f"-{self.huisnummertoevoeging}"
            regel1 = f"{self.straatnaam} {nummer}".strip()
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else ""
        tekst = f"{regel1}, {postcode} {self.plaats}".replace("  ", " ").strip(" ,")
        return tekst or " ".join(self.volledig_adres.split())


@dataclass(frozen=True)
class KvkSbiActiviteit:
    """An activity by its SBI 2008 code (Standaard Bedrijfsindeling)."""

    code: str
    omschrijving: str
    hoofdactiviteit: bool = False

    def __str__(self) -> str:
        return f"{self.code} {self.omschrijving}"


@dataclass(frozen=True)
class KvkZoekresultaat:
    """One hit of the Zoeken API: a legal entity (type 'rechtspersoon', no branch number) or
    a branch ('hoofdvestiging' / 'nevenvestiging') with its visiting address in parts."""

    kvk_nummer: str
    handelsnaam: str
    type: str
    vestigingsnummer: str = ""
    rsin: str = ""
    straatnaam: str = ""
    huisnummer: int | None = None
    huisnummer_toevoeging: str = ""
    postcode: str = ""
    plaats: str = ""
    actief: bool = True
    vervallen_naam: str = ""

    @property
    def adres(self) -> str:
        nummer = f"{self.huisnummer or ''}{self.huisnummer_toevoeging}"
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else ""
        regel1 = f"{self.straatnaam} {nummer}".strip()
        return f"{regel1}, {postcode} {self.plaats}".replace("  ", " ").strip(" ,")


@dataclass(frozen=True)
class KvkZoekpagina:
    """One page of search results. `totaal` counts every hit (the KvK shows at most 1000)."""

    pagina: int
    aantal: int
    totaal: int
    resultaten: tuple[KvkZoekresultaat, ...] = ()

    @property
    def heeft_volgende(self) -> bool:
        return self.pagina * self.aantal < min(self.totaal, 1000)

    @property
    def heeft_vorige(self) -> bool:
        return self.pagina > 1


@dataclass(frozen=True)
class KvkVestiging:
    """A branch as the Basisprofiel API gives it (the hoofdvestiging, embedded or on its own)."""

    vestigingsnummer: str
    kvk_nummer: str
    eerste_handelsnaam: str
    hoofdvestiging: bool = False
    commercieel: bool = True
    adressen: tuple[KvkAdres, ...] = ()
    sbi_activiteiten: tuple[KvkSbiActiviteit, ...] = ()
    websites: tuple[str, ...] = ()
    totaal_werkzame_personen: int | None = None
    voltijd_werkzame_personen: int | None = None
    deeltijd_werkzame_personen: int | None = None

    def adres(self, soort: str) -> KvkAdres | None:
        """The address of this kind (BEZOEKADRES or CORRESPONDENTIEADRES), if any."""
        return next((a for a in self.adressen if a.type == soort), None)


@dataclass(frozen=True)
class KvkVestigingBasis:
    """A branch in the list of all branches of a company: number, name, address as a line."""

    vestigingsnummer: str
    eerste_handelsnaam: str
    hoofdvestiging: bool = False
    commercieel: bool = True
    volledig_adres: str = ""
    adres_afgeschermd: bool = False


@dataclass(frozen=True)
class KvkEigenaar:
    """Who owns the company: the legal form and, for a legal entity, its RSIN."""

    rechtsvorm: str = ""
    uitgebreide_rechtsvorm: str = ""
    rsin: str = ""
    adressen: tuple[KvkAdres, ...] = ()


@dataclass(frozen=True)
class KvkBasisprofiel:
    """The Basisprofiel of a registration (a 'maatschappelijke activiteit') by KvK number."""

    kvk_nummer: str
    naam: str
    statutaire_naam: str = ""
    handelsnamen: tuple[str, ...] = ()
    sbi_activiteiten: tuple[KvkSbiActiviteit, ...] = ()
    formele_registratiedatum: date | None = None
    datum_aanvang: date | None = None
    datum_einde: date | None = None
    non_mailing: bool = False
    totaal_werkzame_personen: int | None = None
    hoofdvestiging: KvkVestiging | None = None
    eigenaar: KvkEigenaar | None = None

    @property
    def actief(self) -> bool:
        """False once the company has ended (a datumEinde in the material registration)."""
        return self.datum_einde is None

    @property
    def rsin(self) -> str:
        return self.eigenaar.rsin if self.eigenaar else ""

    @property
    def rechtsvorm(self) -> str:
        return self.eigenaar.rechtsvorm if self.eigenaar else ""

    @property
    def hoofdactiviteit(self) -> KvkSbiActiviteit | None:
        return next((a for a in self.sbi_activiteiten if a.hoofdactiviteit), None)
