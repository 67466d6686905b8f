"""The test double's answers (double.py): companies and branches of the fictitious register as
JSON, shaped as the KvK Zoeken and Basisprofiel APIs shape them (HAL links included)."""

from __future__ import annotations

from typing import Any

from raadhuis.kernel.integrations.kvk.testdata import SBI, Adres, Bedrijf, Vestiging

# --- JSON, as the APIs shape it --------------------------------------------------------------


def hal_link(rel: str, href: str) -> dict[str, str]:
    return {"rel": rel, "href": href}


def _bag_id(vestiging: Vestiging, soort: str) -> str:
    """A fictitious 16-digit BAG identification derived from the branch number."""
    return f"0796{soort}{vestiging.vestigingsnummer[-10:]}"


def adres_json(adres: Adres, soort: str, vestiging: Vestiging, *, geo_data: bool) -> dict[str, Any]:
    if vestiging.afgeschermd and soort == "bezoekadres":
        # A shielded address: the KvK gives only the fact that it is shielded.
        return {"type": soort, "indAfgeschermd": "Ja"}
    data: dict[str, Any] = {"type": soort, "indAfgeschermd": "Nee"}
    straat_regel = adres.straat_huisnummer
    data["volledigAdres"] = f"{straat_regel:<52}{adres.postcode_woonplaats}"
    if adres.postbusnummer is not None:
        data["postbusnummer"] = adres.postbusnummer
    else:
        data["straatnaam"] = adres.straatnaam
        data["huisnummer"] = adres.huisnummer
        if adres.huisletter:
            data["huisletter"] = adres.huisletter
        if adres.huisnummertoevoeging:
            data["huisnummerToevoeging"] = adres.huisnummertoevoeging
    data["postcode"] = adres.postcode
    data["plaats"] = adres.plaats
    data["straatHuisnummer"] = straat_regel
    data["postcodeWoonplaats"] = adres.postcode_woonplaats
    data["land"] = "Nederland"
    if geo_data and adres.postbusnummer is None:
        data["geoData"] = {
            "addresseerbaarObjectId": _bag_id(vestiging, "01"),
            "nummerAanduidingId": _bag_id(vestiging, "20"),
            "gpsLatitude": 51.69 + (adres.huisnummer or 0) / 10_000,
            "gpsLongitude": 5.30 + (adres.huisnummer or 0) / 10_000,
            "rijksdriehoekX": 149_000.0 + (adres.huisnummer or 0),
            "rijksdriehoekY": 411_000.0 + (adres.huisnummer or 0),
            "rijksdriehoekZ": 0.0,
        }
    return data


def sbi_json(codes: tuple[str, ...]) -> list[dict[str, str]]:
    return [
        {
            "sbiCode": code,
            "sbiOmschrijving": SBI[code],
            "indHoofdactiviteit": "Ja" if index == 0 else "Nee",
        }
        for index, code in enumerate(codes)
    ]


class HalJson:
    """Builds the JSON of one request (the links carry the address the client used)."""

    def __init__(self, root: str) -> None:
        self.root = root

    def basisprofiel_href(self, kvk: str, deel: str = "") -> str:
        return f"{self.root}/v1/basisprofielen/{kvk}" + (f"/{deel}" if deel else "")

    def vestigingsprofiel_href(self, vestigingsnummer: str) -> str:
        return f"{self.root}/v1/vestigingsprofielen/{vestigingsnummer}"

    def vestiging(self, bedrijf: Bedrijf, vestiging: Vestiging, *, geo: bool) -> dict[str, Any]:
        adressen = []
        if vestiging.bezoekadres is not None:
            adressen.append(
                adres_json(vestiging.bezoekadres, "bezoekadres", vestiging, geo_data=geo)
            )
        if vestiging.postadres is not None:
            adressen.append(
                adres_json(vestiging.postadres, "correspondentieadres", vestiging, geo_data=geo)
            )
        data: dict[str, Any] = {
            "vestigingsnummer": vestiging.vestigingsnummer,
            "kvkNummer": bedrijf.kvk_nummer,
        }
        if bedrijf.rsin:
            data["rsin"] = bedrijf.rsin
        data.update(
            {
                "indNonMailing": "Ja" if bedrijf.non_mailing else "Nee",
                "formeleRegistratiedatum": bedrijf.registratiedatum.strftime("%Y%m%d"),
                "materieleRegistratie": _materieel(bedrijf),
                "eersteHandelsnaam": vestiging.handelsnaam,
                "indHoofdvestiging": "Ja" if vestiging.hoofdvestiging else "Nee",
                "indCommercieleVestiging": "Ja" if vestiging.commercieel else "Nee",
                "voltijdWerkzamePersonen": vestiging.voltijd,
                "totaalWerkzamePersonen": vestiging.voltijd + vestiging.deeltijd,
                "deeltijdWerkzamePersonen": vestiging.deeltijd,
                "adressen": adressen,
            }
        )
        if vestiging.websites:
            data["websites"] = list(vestiging.websites)
        data["sbiActiviteiten"] = sbi_json(vestiging.sbi)
        data["links"] = [
            hal_link("self", self.basisprofiel_href(bedrijf.kvk_nummer, "hoofdvestiging")),
            hal_link("vestigingen", self.basisprofiel_href(bedrijf.kvk_nummer, "vestigingen")),
            hal_link("basisprofiel", self.basisprofiel_href(bedrijf.kvk_nummer)),
            hal_link("vestigingsprofiel", self.vestigingsprofiel_href(vestiging.vestigingsnummer)),
        ]
        return data

    def eigenaar(self, bedrijf: Bedrijf, *, geo: bool) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if bedrijf.rsin:
            data["rsin"] = bedrijf.rsin
        data["rechtsvorm"] = bedrijf.rechtsvorm
        data["uitgebreideRechtsvorm"] = bedrijf.uitgebreide_rechtsvorm or bedrijf.rechtsvorm
        hoofd = bedrijf.hoofdvestiging
        if bedrijf.rechtspersoon and hoofd is not None and hoofd.bezoekadres is not None:
            data["adressen"] = [adres_json(hoofd.bezoekadres, "bezoekadres", hoofd, geo_data=geo)]
        data["links"] = [
            hal_link("self", self.basisprofiel_href(bedrijf.kvk_nummer, "eigenaar")),
            hal_link("basisprofiel", self.basisprofiel_href(bedrijf.kvk_nummer)),
        ]
        return data

    def basisprofiel(self, bedrijf: Bedrijf, *, geo: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kvkNummer": bedrijf.kvk_nummer,
            "indNonMailing": "Ja" if bedrijf.non_mailing else "Nee",
            "naam": bedrijf.naam,
            "formeleRegistratiedatum": bedrijf.registratiedatum.strftime("%Y%m%d"),
            "materieleRegistratie": _materieel(bedrijf),
            "totaalWerkzamePersonen": bedrijf.werkzame_personen,
        }
        if bedrijf.statutaire_naam:
            data["statutaireNaam"] = bedrijf.statutaire_naam
        data["handelsnamen"] = [
            {"naam": naam, "volgorde": volgorde}
            for volgorde, naam in enumerate(bedrijf.alle_handelsnamen)
        ]
        data["sbiActiviteiten"] = sbi_json(bedrijf.sbi)
        links = [
            hal_link("self", self.basisprofiel_href(bedrijf.kvk_nummer)),
            hal_link("eigenaar", self.basisprofiel_href(bedrijf.kvk_nummer, "eigenaar")),
        ]
        embedded: dict[str, Any] = {}
        hoofd = bedrijf.hoofdvestiging
        if hoofd is not None:
            links.append(
                hal_link(
                    "hoofdvestiging", self.basisprofiel_href(bedrijf.kvk_nummer, "hoofdvestiging")
                )
            )
            links.append(
                hal_link("vestigingen", self.basisprofiel_href(bedrijf.kvk_nummer, "vestigingen"))
            )
            embedded["hoofdvestiging"] = self.vestiging(bedrijf, hoofd, geo=geo)
        embedded["eigenaar"] = self.eigenaar(bedrijf, geo=geo)
        data["links"] = links
        data["_embedded"] = embedded
        return data

    def vestigingen(self, bedrijf: Bedrijf) -> dict[str, Any]:
        lijst = []
        for v in sorted(bedrijf.vestigingen, key=lambda v: not v.hoofdvestiging):
            item: dict[str, Any] = {
                "vestigingsnummer": v.vestigingsnummer,
                "kvkNummer": bedrijf.kvk_nummer,
                "eersteHandelsnaam": v.handelsnaam,
                "indHoofdvestiging": "Ja" if v.hoofdvestiging else "Nee",
                "indAdresAfgeschermd": "Ja" if v.afgeschermd else "Nee",
                "indCommercieleVestiging": "Ja" if v.commercieel else "Nee",
            }
            if v.bezoekadres is not None and not v.afgeschermd:
                item["volledigAdres"] = (
                    f"{v.bezoekadres.straat_huisnummer} {v.bezoekadres.postcode_woonplaats}"
                )
            item["links"] = [
                hal_link("vestigingsprofiel", self.vestigingsprofiel_href(v.vestigingsnummer))
            ]
            lijst.append(item)
        commercieel = sum(1 for v in bedrijf.vestigingen if v.commercieel)
        return {
            "kvkNummer": bedrijf.kvk_nummer,
            "aantalCommercieleVestigingen": commercieel,
            "aantalNietCommercieleVestigingen": len(bedrijf.vestigingen) - commercieel,
            "totaalAantalVestigingen": len(bedrijf.vestigingen),
            "vestigingen": lijst,
            "links": [hal_link("self", self.basisprofiel_href(bedrijf.kvk_nummer, "vestigingen"))],
        }

    def zoekresultaat(
        self, bedrijf: Bedrijf, vestiging: Vestiging | None, vervallen_naam: str
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"kvkNummer": bedrijf.kvk_nummer}
        if bedrijf.rsin:
            data["rsin"] = bedrijf.rsin
        links = [hal_link("basisprofiel", self.basisprofiel_href(bedrijf.kvk_nummer))]
        if vestiging is None:
            data["handelsnaam"] = bedrijf.statutaire_naam or bedrijf.naam
            data["type"] = "rechtspersoon"
        else:
            data["vestigingsnummer"] = vestiging.vestigingsnummer
            data["handelsnaam"] = vestiging.handelsnaam
            adres = vestiging.bezoekadres
            if adres is not None and not vestiging.afgeschermd:
                data["straatnaam"] = adres.straatnaam
                data["huisnummer"] = adres.huisnummer
                toevoeging = adres.huisletter + adres.huisnummertoevoeging
                if toevoeging:
                    data["huisnummerToevoeging"] = toevoeging
                data["postcode"] = adres.postcode
            if adres is not None:
                data["plaats"] = adres.plaats
            data["type"] = "hoofdvestiging" if vestiging.hoofdvestiging else "nevenvestiging"
            links.append(
                hal_link(
                    "vestigingsprofiel", self.vestigingsprofiel_href(vestiging.vestigingsnummer)
                )
            )
        data["actief"] = "Ja" if bedrijf.actief else "Nee"
        if vervallen_naam:
            data["vervallenNaam"] = vervallen_naam
        data["links"] = links
        return data


def _materieel(bedrijf: Bedrijf) -> dict[str, str]:
    materieel = {"datumAanvang": bedrijf.registratiedatum.strftime("%Y%m%d")}
    if bedrijf.datum_einde:
        materieel["datumEinde"] = bedrijf.datum_einde.strftime("%Y%m%d")
    return materieel
