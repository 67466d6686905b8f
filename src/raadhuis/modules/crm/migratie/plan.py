"""Planning an import in memory: per row a new relation, a merge into a known relation, or a
skip; then the row's contact person and contact moment on that relation. Nothing is written
here: a dry run is the plan and its report, the real import writes the plan (vastleggen.py).

The report of a dry run is therefore exactly what the import will do (only the uuids of new
relations are made again)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
from raadhuis.kernel.parties.models import PartijSoort, normalise_for_search
from raadhuis.modules.crm.migratie.dubbelen import (
    SAMENVOEG_VELDEN,
    Dubbelen,
    Kandidaat,
)
from raadhuis.modules.crm.migratie.soorten import Importdeel, Importsoort
from raadhuis.modules.crm.migratie.verslag import Rij
from raadhuis.modules.crm.models import Contactpersoon, Klantcontact

LADEN_PER = 2000
MAX_LOKALE_NAAM = 200  # Relatie.lokale_naam
MAX_INHOUD = 1000  # Klantcontact.inhoud (Klantinteracties)


@dataclass(slots=True, eq=False)
class NieuweRelatie:
    """A relation (organisation party + CRM profile) a row makes."""

    rij: int
    kandidaat: Kandidaat
    soort: str
    naam: str
    kvk_nummer: str
    email: str
    telefoonnummer: str
    adres: dict[str, Any] | None
    tags: list[str]
    partij_uuid: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass(slots=True, eq=False)
class NieuwContactpersoon:
    rij: int
    kandidaat: Kandidaat
    achternaam: str
    voornamen: str
    rol: str
    email: str
    telefoonnummer: str


@dataclass(slots=True, eq=False)
class NieuwContactmoment:
    rij: int
    kandidaat: Kandidaat
    kanaal: str
    onderwerp: str
    inhoud: str
    plaatsgevonden_op: datetime


def _adres(data: dict[str, Any]) -> dict[str, Any] | None:
    if all(data.get(v) for v in ("straat", "huisnummer", "postcode", "woonplaats")):
        return {
            "straatnaam": data["straat"][:200],
            "huisnummer": int(data["huisnummer"]),
            "postcode": data["postcode"],
            "woonplaats": data["woonplaats"][:80],
        }
    return None


def _tags(tekst: str) -> list[str]:
    namen = (" ".join(t.split())[:60] for t in re.split(r"[,;|]", tekst))
    return list(dict.fromkeys(n for n in namen if n))


def onbekende_relatie(data: dict[str, Any]) -> str:
    """A row without a name (allowed for contracts) whose KvK number or e-mail matched nothing."""
    kenmerken = []
    if data.get("kvk_nummer"):
        kenmerken.append(_("KvK-nummer %(w)s") % {"w": data["kvk_nummer"]})
    if data.get("email"):
        kenmerken.append(_("e-mailadres %(w)s") % {"w": data["email"]})
    return _(
        "Onbekende relatie: er is geen relatie met %(kenmerken)s. Vul de naam in om een nieuwe "
        "relatie te maken, of verbeter het kenmerk."
    ) % {"kenmerken": _(" of ").join(kenmerken) or _("deze gegevens")}


def contactsleutel(naam: str, email: str) -> str:
    """Two contact persons of one relation with this key are one person."""
    return f"{normalise_for_search(naam)}|{email.strip().lower()}"


def momentsleutel(moment: datetime, onderwerp: str) -> str:
    """Two contact moments of one relation with this key are one (a file imported twice)."""
    return f"{int(moment.timestamp())}|{normalise_for_search(onderwerp)}"


@dataclass
class Plan:
    actor: Actor
    afdeling: OrganisatorischeEenheid
    keuzes: dict[str, dict[str, str]]
    dubbelen: Dubbelen
    nieuw: list[NieuweRelatie] = field(default_factory=list)
    contactpersonen: list[NieuwContactpersoon] = field(default_factory=list)
    contactmomenten: list[NieuwContactmoment] = field(default_factory=list)
    # Existing relations rows were merged into, with those rows' numbers.
    samengevoegd: dict[Kandidaat, list[int]] = field(default_factory=dict)
    # Residents' relations whose name the report shows (processing log).
    inwoners: dict[Kandidaat, None] = field(default_factory=dict)
    # The registered kinds (soorten.py) this run's mapping carries, each with its run part.
    delen: list[tuple[Importsoort, Importdeel]] = field(default_factory=list)
    _wachtend: list[tuple[Rij, Kandidaat, dict[str, Any]]] = field(default_factory=list)
    _momentsleutels: dict[Kandidaat, set[str]] = field(default_factory=dict)

    # --- per row ------------------------------------------------------------------------

    def rij_plannen(self, rij: Rij, data: dict[str, Any]) -> None:
        keuze = self.keuzes.get(str(rij.nummer), {})
        actie = keuze.get("_actie", "samenvoegen")
        gevonden = self.dubbelen.zoeken(data)
        if gevonden is not None and actie != "apart":
            self._dubbel(rij, data, keuze, actie, *gevonden)
            return
        if not data.get("naam"):
            if gevonden is not None:  # the user chose "apart" for a row without a name
                rij.fout(_("Zonder naam wordt een rij geen nieuwe relatie: kies samenvoegen."))
            else:
                rij.fout(onbekende_relatie(data))
            return
        kvk = data.get("kvk_nummer", "")
        if kvk and (kvk in self.dubbelen.kvk or kvk in self.dubbelen.kvk_partij):
            rij.fout(
                _(
                    "Er is al een partij met KvK-nummer %(kvk)s; een nieuwe relatie kan dat "
                    "nummer niet ook krijgen. Kies 'samenvoegen' of 'overslaan'."
                )
                % {"kvk": kvk}
            )
            return
        kandidaat = self._nieuw(rij, data)
        rij.relatie_uuid = kandidaat.uuid
        self._wachtend.append((rij, kandidaat, data))

    def _dubbel(
        self,
        rij: Rij,
        data: dict[str, Any],
        keuze: dict[str, str],
        actie: str,
        kandidaat: Kandidaat,
        reden: str,
    ) -> None:
        if not kandidaat.zichtbaar:
            rij.fout(
                _(
                    "Deze rij is een bestaande relatie (%(reden)s) van een afdeling die je niet "
                    "beheert. Laat een functioneel beheerder importeren, of haal de rij weg."
                )
                % {"reden": reden}
            )
            return
        if not rij.naam:  # a contract row that named its relation by KvK number or e-mail
            rij.naam = kandidaat.naam
        rij.dubbel = {
            "reden": reden,
            "naam": kandidaat.naam,
            "uuid": kandidaat.uuid,
            "bron": kandidaat.bron,
        }
        rij.relatie_uuid = kandidaat.uuid
        if kandidaat.partij_soort == PartijSoort.NATUURLIJK_PERSOON:
            self.inwoners[kandidaat] = None
            if data.get("cp_achternaam") and actie != "overslaan":
                rij.fout(_("Alleen een organisatie heeft contactpersonen."))
                return
        if actie == "overslaan":
            rij.uitkomst = "overgeslagen"
            return
        rij.uitkomst = "samengevoegd"
        self._samenvoegen(rij, kandidaat, data, keuze)
        if kandidaat.bestaand:
            self.samengevoegd.setdefault(kandidaat, []).append(rij.nummer)
        self._wachtend.append((rij, kandidaat, data))

    def _nieuw(self, rij: Rij, data: dict[str, Any]) -> Kandidaat:
        naam = data["naam"]
        kandidaat = Kandidaat(
            bron=_("rij %(n)s") % {"n": rij.nummer},
            naam=naam,
            uuid="",
            register={
                "naam": naam,
                "email": data.get("email", ""),
                "telefoonnummer": data.get("telefoonnummer", ""),
            },
            lokaal=dict.fromkeys(SAMENVOEG_VELDEN.values(), ""),
            contactsleutels=set(),
        )
        kandidaat.lokaal["lokale_notitie"] = data.get("notitie", "")
        nieuw = NieuweRelatie(
            rij=rij.nummer,
            kandidaat=kandidaat,
            soort=data["soort"],
            naam=naam,
            kvk_nummer=data.get("kvk_nummer", ""),
            email=data.get("email", ""),
            telefoonnummer=data.get("telefoonnummer", ""),
            adres=_adres(data),
            tags=_tags(data.get("tags", "")),
        )
        kandidaat.uuid = str(nieuw.partij_uuid)
        kandidaat.nieuw = nieuw
        self.nieuw.append(nieuw)
        self._momentsleutels[kandidaat] = set()
        self.dubbelen.toevoegen(
            kandidaat,
            kvk=nieuw.kvk_nummer,
            emails=[nieuw.email],
            naam=naam,
            postcode=data.get("postcode", ""),
        )
        return kandidaat

    def _samenvoegen(
        self, rij: Rij, kandidaat: Kandidaat, data: dict[str, Any], keuze: dict[str, str]
    ) -> None:
        """Per field the user's choice ('import' puts the file's value in the relation's local
        field, 'bestaand' keeps what is there); without a choice an empty local field is
        filled, and a name is never changed. Register data is never overwritten."""
        for veld, lokaal_veld in SAMENVOEG_VELDEN.items():
            nieuw = (data.get(veld) or "").strip()
            bestaand = kandidaat.waarde(veld)
            if not nieuw or normalise_for_search(nieuw) == normalise_for_search(bestaand):
                continue
            rij.verschillen[veld] = [bestaand, nieuw]
            standaard = "bestaand" if kandidaat.lokaal.get(lokaal_veld) else "import"
            if veld == "naam":
                standaard = "bestaand"  # a different spelling of a name is no reason to rename
            if keuze.get(veld, standaard) == "import":
                waarde = nieuw[:MAX_LOKALE_NAAM] if veld == "naam" else nieuw
                kandidaat.lokaal[lokaal_veld] = waarde

    # --- after all rows: contact persons and contact moments -----------------------------

    def bijlagen_plannen(self) -> None:
        """The contact person and contact moment of every row that went to a relation, in
        file order; what the relation already has (same person, same moment) is not added
        twice, so importing a file again adds nothing."""
        self._bestaande_bijlagen_laden()
        for rij, kandidaat, data in self._wachtend:
            if data.get("cp_achternaam"):
                self._contactpersoon(rij, kandidaat, data)
            if data.get("kc_onderwerp"):
                self._contactmoment(rij, kandidaat, data)
            for soort, deel in self.delen:
                if data.get(soort.naam) is not None:
                    deel.plannen(rij, kandidaat, data[soort.naam])
        self._wachtend.clear()

    def _contactpersoon(self, rij: Rij, kandidaat: Kandidaat, data: dict[str, Any]) -> None:
        naam = " ".join(p for p in (data.get("cp_voornamen", ""), data["cp_achternaam"]) if p)
        sleutel = contactsleutel(naam, data.get("cp_email", ""))
        if sleutel in kandidaat.contactsleutels:
            return
        kandidaat.contactsleutels.add(sleutel)
        self.contactpersonen.append(
            NieuwContactpersoon(
                rij=rij.nummer,
                kandidaat=kandidaat,
                achternaam=data["cp_achternaam"][:200],
                voornamen=data.get("cp_voornamen", "")[:200],
                rol=(data.get("cp_rol") or _("contactpersoon"))[:100],
                email=data.get("cp_email", ""),
                telefoonnummer=data.get("cp_telefoon", ""),
            )
        )
        rij.toegevoegd.append(_("contactpersoon %(n)s") % {"n": data["cp_achternaam"]})

    def _contactmoment(self, rij: Rij, kandidaat: Kandidaat, data: dict[str, Any]) -> None:
        onderwerp = data["kc_onderwerp"][:200]
        sleutels = self._momentsleutels.setdefault(kandidaat, set())
        sleutel = momentsleutel(data["kc_datum"], onderwerp)
        if sleutel in sleutels:
            return
        sleutels.add(sleutel)
        self.contactmomenten.append(
            NieuwContactmoment(
                rij=rij.nummer,
                kandidaat=kandidaat,
                kanaal=data["kc_kanaal"],
                onderwerp=onderwerp,
                inhoud=data.get("kc_inhoud", "")[:MAX_INHOUD],
                plaatsgevonden_op=data["kc_datum"],
            )
        )
        melding = _("contactmoment %(o)s") % {"o": onderwerp[:40]}
        if len(data.get("kc_inhoud", "")) > MAX_INHOUD:
            melding += " " + _("(verslag ingekort tot %(n)s tekens)") % {"n": MAX_INHOUD}
        rij.toegevoegd.append(melding)

    def _bestaande_bijlagen_laden(self) -> None:
        """Contact persons and contact moments of the existing relations rows go to: one
        query per LADEN_PER relations, not one per row."""
        bestaand = {k.relatie_pk: k for _r, k, _d in self._wachtend if k.bestaand}
        for kandidaat in bestaand.values():
            kandidaat.contactsleutels = set()
            self._momentsleutels[kandidaat] = set()
        sleutels = list(bestaand)
        per_partij = {k.partij_pk: k for k in bestaand.values()}
        for begin in range(0, len(sleutels), LADEN_PER):
            deel = sleutels[begin : begin + LADEN_PER]
            personen = Contactpersoon.objects.filter(relatie_id__in=deel).values_list(
                "relatie_id", "persoon__weergavenaam", "email"
            )
            for relatie_id, naam, email in personen:
                bestaand[relatie_id].contactsleutels.add(contactsleutel(naam, email))
            partijen = [bestaand[r].partij_pk for r in deel]
            momenten = Klantcontact.objects.filter(
                organisatie_id=self.actor.organisatie.pk, partij_id__in=partijen
            ).values_list("partij_id", "plaatsgevonden_op", "onderwerp")
            for partij_id, moment, onderwerp in momenten:
                self._momentsleutels[per_partij[partij_id]].add(momentsleutel(moment, onderwerp))
