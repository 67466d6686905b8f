"""The demo's parties: persons, organisations with their branches, and who represents whom,
all written through the kernel's party services (part of `raadhuis load-demo`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.parties.models import (
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Partij,
    normalise_for_search,
)
from raadhuis.kernel.parties.services import (
    natuurlijk_persoon_create,
    niet_natuurlijk_persoon_create,
    vertegenwoordiging_create,
    vestiging_create,
)
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.tools import fictitious as fx
from raadhuis.tools.demo_basis import DemoBasis


class PartijenDemo(DemoBasis):
    """Writes the parties of one organisation; the random draws keep the demo's order."""

    def _adres(self, organisatie: Organisatie, soort: str = "woonadres") -> dict[str, Any]:
        rng = self.rng
        if organisatie.land == "BE":
            return {
                "soort": soort,
                "straatnaam": rng.choice(fx.STRATEN_BE),
                "huisnummer": rng.randint(1, 180),
                "postcode": fx.postcode_be(rng),
                "woonplaats": fx.WOONPLAATS_BE,
                "land": "BE",
            }
        return {
            "soort": soort,
            "straatnaam": rng.choice(fx.STRATEN_NL),
            "huisnummer": rng.randint(1, 250),
            "huisletter": rng.choice(["", "", "", "", "A", "B"]),
            "postcode": fx.postcode_nl(rng),
            "woonplaats": fx.WOONPLAATS_NL,
            "land": "NL",
        }

    def _personen(self, actor: Actor, aantal: int) -> list[NatuurlijkPersoon]:
        rng = self.rng
        organisatie = actor.organisatie
        today = vandaag(organisatie.tijdzone)
        personen = []
        for _ in range(aantal):
            naam = fx.persoon_naam(rng)
            achternaam = normalise_for_search(naam["geslachtsnaam"]).replace(" ", "")
            voornaam = normalise_for_search(naam["voornamen"].split()[0])
            gegevens: dict[str, Any] = {
                **{k: v for k, v in naam.items() if k != "geslachtsnaam"},
                "geboortedatum": today - timedelta(days=rng.randint(18 * 365, 90 * 365)),
                "email": f"{voornaam}.{achternaam}@example.org" if rng.random() < 0.7 else "",
                "telefoonnummer": f"06-0{rng.randint(1000000, 9999999)}"
                if rng.random() < 0.6
                else "",
            }
            # Belgian residents have no BSN; their national number is not modelled (yet).
            if organisatie.land == "NL":
                gegevens["bsn"] = next(self.bsns)
            persoon = natuurlijk_persoon_create(
                actor=actor,
                geslachtsnaam=naam["geslachtsnaam"],
                adres=self._adres(organisatie),
                **gegevens,
            )
            self._write("natuurlijk_persoon", persoon)
            self.resultaat.aantallen["adres"] += 1
            personen.append(persoon)
        return personen

    def _bedrijven(
        self, actor: Actor, aantal: int
    ) -> tuple[list[NietNatuurlijkPersoon], list[Partij]]:
        rng = self.rng
        organisatie = actor.organisatie
        bedrijven: list[NietNatuurlijkPersoon] = []
        vestigingen: list[Partij] = []
        for _ in range(aantal):
            naam, rechtsvorm = fx.bedrijf_naam(rng, land=organisatie.land)
            gegevens: dict[str, Any] = {"rechtsvorm": rechtsvorm}
            if organisatie.land == "BE":
                self.kbo_index += 1
                gegevens["kbo_nummer"] = fx.kbo_nummer(self.kbo_index)
            else:
                self.kvk_index += 1
                gegevens["kvk_nummer"] = fx.kvk_nummer(self.kvk_index)
            if rng.random() < 0.6:
                slug = "".join(ch for ch in normalise_for_search(naam) if ch.isalnum())[:20]
                gegevens["email"] = f"info@{slug}.example.org"
            bedrijf = niet_natuurlijk_persoon_create(
                actor=actor,
                statutaire_naam=naam,
                adres=self._adres(organisatie, "bezoekadres"),
                **gegevens,
            )
            self._write("niet_natuurlijk_persoon", bedrijf)
            bedrijven.append(bedrijf)
            plaatsen = rng.sample(fx.VESTIGING_PLAATS, rng.randint(1, 3))
            for plaats in plaatsen:
                self.vestiging_index += 1
                nummer = f"99{self.vestiging_index:010d}"
                vestiging = vestiging_create(
                    actor=actor,
                    onderneming=bedrijf,
                    handelsnaam=f"{naam} {plaats}",
                    vestigingsnummer=nummer if organisatie.land == "NL" else "",
                    adres=self._adres(organisatie, "bezoekadres"),
                )
                self._write("vestiging", vestiging)
                vestigingen.append(vestiging)
        return bedrijven, vestigingen

    def _vertegenwoordigingen(
        self,
        actor: Actor,
        personen: list[NatuurlijkPersoon],
        bedrijven: list[NietNatuurlijkPersoon],
        aantal: int,
    ) -> None:
        rng = self.rng
        today = vandaag(actor.organisatie.tijdzone)
        for n in range(aantal):
            if n % 2 == 0:
                vertegenwoordiger, vertegenwoordigde = rng.choice(personen), rng.choice(bedrijven)
                omschrijving = "Bestuurder, tekenbevoegd"
            else:
                vertegenwoordiger, vertegenwoordigde = rng.sample(personen, 2)
                omschrijving = "Bewindvoerder (beschermingsbewind)"
            v = vertegenwoordiging_create(
                actor=actor,
                vertegenwoordiger=vertegenwoordiger,
                vertegenwoordigde=vertegenwoordigde,
                omschrijving=omschrijving,
                begindatum=today - timedelta(days=rng.randint(30, 1500)),
            )
            self._write("vertegenwoordiging", v)
