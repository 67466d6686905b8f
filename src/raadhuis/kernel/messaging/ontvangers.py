"""Who a letter goes to: a name, the lines of a postal address, an e-mail address and the
salutation, taken from one of our parties or typed in by the medewerker."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from raadhuis.kernel.parties.models import (
    Adres,
    AdresSoort,
    Geslacht,
    NatuurlijkPersoon,
    Partij,
)

# The address a letter goes to, best first (a postadres is where the person wants mail).
ADRES_VOORKEUR = (AdresSoort.POSTADRES, AdresSoort.WOONADRES, AdresSoort.BEZOEKADRES)


@dataclass(frozen=True)
class Ontvanger:
    """The recipient of one letter. `partij` links the letter to one of our parties."""

    naam: str
    adresregels: tuple[str, ...] = ()
    email: str = ""
    aanhef: str = ""
    partij: Partij | None = field(default=None, compare=False)

    @classmethod
    def van_partij(cls, partij: Partij) -> Ontvanger:
        """The party's name as it goes on an envelope, its correspondence address, e-mail
        address and salutation."""
        adres = correspondentieadres(partij)
        return cls(
            naam=adresnaam(partij),
            adresregels=adresregels(adres) if adres is not None else (),
            email=partij.email,
            aanhef=aanhef(partij),
            partij=partij,
        )

    def als_samenvoegvelden(self) -> dict[str, object]:
        return {
            "naam": self.naam,
            "aanhef": self.aanhef or _("Geachte heer, mevrouw,"),
            "adresregels": list(self.adresregels),
            "adres": ", ".join(self.adresregels),
            "email": self.email,
        }

    def check(self, kanaal: str) -> None:
        """The recipient can be reached through `kanaal`; Dutch errors per field."""
        errors: dict[str, str] = {}
        if not self.naam.strip():
            errors["ontvanger_naam"] = _("Vul de naam van de ontvanger in.")
        if kanaal == "email":
            if not self.email:
                errors["ontvanger_email"] = _(
                    "De ontvanger heeft geen e-mailadres. Vul er een in of kies post."
                )
            else:
                try:
                    validate_email(self.email)
                except ValidationError:
                    errors["ontvanger_email"] = _("Dit is geen geldig e-mailadres.")
        elif kanaal == "post" and not [r for r in self.adresregels if r.strip()]:
            errors["ontvanger_adres"] = _(
                "De ontvanger heeft geen postadres. Vul het adres in of kies e-mail."
            )
        if errors:
            raise ValidationError(errors)


def correspondentieadres(partij: Partij) -> Adres | None:
    adressen = list(partij.adressen.all())
    for soort in ADRES_VOORKEUR:
        for adres in adressen:
            if adres.soort == soort:
                return adres
    return adressen[0] if adressen else None


def adresregels(adres: Adres) -> tuple[str, ...]:
    """'Stationsstraat 12A-2' / '6901 AB  ZEVENAAR' as on an envelope (PostNL: two spaces
    between postcode and place, place in capitals); a foreign country as a third line."""
    nummer = f"{adres.huisnummer}{adres.huisletter}"
    if adres.huisnummertoevoeging:
        nummer += f"-{adres.huisnummertoevoeging}"
    postcode = adres.postcode
    if adres.land == "NL" and len(postcode) == 6:
        postcode = f"{postcode[:4]} {postcode[4:]}"
    regels = [f"{adres.straatnaam} {nummer}", f"{postcode}  {adres.woonplaats.upper()}"]
    if adres.land and adres.land != "NL":
        regels.append({"BE": "BELGIË"}.get(adres.land, adres.land))
    return tuple(regels)


def _voorletters(persoon: NatuurlijkPersoon) -> str:
    if persoon.voorletters:
        return persoon.voorletters
    return "".join(f"{naam[0]}." for naam in persoon.voornamen.split() if naam)


def _np(partij: Partij) -> NatuurlijkPersoon | None:
    concreet = partij.concreet
    return concreet if isinstance(concreet, NatuurlijkPersoon) else None


def adresnaam(partij: Partij) -> str:
    """'J.P. de Vries' for a person, the name for an organisation."""
    persoon = _np(partij)
    if persoon is None or not persoon.geslachtsnaam:
        return partij.weergavenaam
    delen = [_voorletters(persoon), persoon.voorvoegsel_geslachtsnaam, persoon.geslachtsnaam]
    return " ".join(d for d in delen if d)


def achternaam(partij: Partij) -> str:
    """'De Vries': the surname with its prefix capitalised, as in a salutation."""
    persoon = _np(partij)
    if persoon is None:
        return partij.weergavenaam
    voorvoegsel = persoon.voorvoegsel_geslachtsnaam
    if voorvoegsel:
        return f"{voorvoegsel[0].upper()}{voorvoegsel[1:]} {persoon.geslachtsnaam}"
    return persoon.geslachtsnaam


def aanhef(partij: Partij) -> str:
    persoon = _np(partij)
    if persoon is None:
        return _("Geachte heer, mevrouw,")
    titels: dict[str, str] = {Geslacht.MAN: _("heer"), Geslacht.VROUW: _("mevrouw")}
    titel = titels.get(persoon.geslacht, _("heer/mevrouw"))
    return _("Geachte %(titel)s %(naam)s,") % {"titel": titel, "naam": achternaam(partij)}
