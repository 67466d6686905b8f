"""Duplicate detection: is a row a relation we already know (in Raadhuis or earlier in the file)?

Same KvK number, same e-mail address, or a similar name at the same postcode. The
organisation's relations are loaded once, in a few queries, into dictionaries; the name
comparison runs only within a postcode (the blocking key), so an import stays O(n) however
many relations the organisation has."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.parties.models import Adres, Partij, PartijSoort, normalise_for_search
from raadhuis.modules.crm.models import Relatie
from raadhuis.modules.crm.selectors import relatie_bereik

NAAM_GELIJKENIS = 0.8  # difflib ratio from which two names at one postcode are one relation
# Legal forms say nothing about which organisation it is: left out when comparing names.
# "C V.O.F." must lose "v o f", not "c v": a two-letter form is not the start of "v o f".
RECHTSVORMEN = re.compile(r"\b(v ?o ?f|(?:b|n|c) ?v(?! ?o ?f)|holding)\b")
NIET_LETTER = re.compile(r"[^a-z0-9 ]+")
# Import field -> the local field of the relation it may fill when merging.
SAMENVOEG_VELDEN = {
    "naam": "lokale_naam",
    "email": "lokaal_email",
    "telefoonnummer": "lokaal_telefoonnummer",
    "notitie": "lokale_notitie",
}
LOKALE_VELDEN = list(SAMENVOEG_VELDEN.values())
LADEN_PER = 5000


def naam_vergelijkbaar(naam: str) -> str:
    """'Bakkerij Jansen B.V.' -> 'bakkerij jansen': the form in which names are compared."""
    tekst = NIET_LETTER.sub(" ", normalise_for_search(naam))
    return " ".join(RECHTSVORMEN.sub(" ", tekst).split())


@dataclass(slots=True, eq=False)
class Kandidaat:
    """A relation rows can be merged into: an existing one or one made by an earlier row."""

    bron: str  # "bestaand" or "rij 7"
    naam: str
    uuid: str  # the party's uuid
    register: dict[str, str]  # naam / email / telefoonnummer as the party has them
    lokaal: dict[str, str]  # the local fields, with the merges of this run applied
    relatie_pk: int | None = None  # None: made by this run
    partij_pk: int | None = None
    relatie_uuid: str = ""
    partij_soort: str = PartijSoort.NIET_NATUURLIJK_PERSOON
    zichtbaar: bool = True  # may the actor see (and so change) it
    lokaal_voor: dict[str, str] = field(default_factory=dict)  # before this run (audit)
    nieuw: Any = None  # the planned new relation (plan.NieuweRelatie)
    contactsleutels: set[str] | None = None  # contact persons it has (None: not loaded yet)

    @property
    def bestaand(self) -> bool:
        return self.relatie_pk is not None

    def waarde(self, veld: str) -> str:
        """What the relation shows for an import field: the local value, else the register's."""
        return self.lokaal.get(SAMENVOEG_VELDEN[veld], "") or self.register.get(veld, "")


class Dubbelen:
    """Indexes of the relations known so far (the organisation's and this run's)."""

    def __init__(self) -> None:
        self.kvk: dict[str, Kandidaat] = {}
        self.email: dict[str, Kandidaat] = {}
        self.postcode: dict[str, list[tuple[str, Kandidaat]]] = {}
        # KvK numbers of parties that are no relation (yet): a new party may not repeat one.
        self.kvk_partij: set[str] = set()

    @classmethod
    def laden(cls, actor: Actor) -> Dubbelen:
        """The organisation's relations in three queries, whatever their number."""
        index = cls()
        bereik = relatie_bereik(actor)
        per_partij: dict[int, Kandidaat] = {}
        rijen = (
            Relatie.objects.filter(organisatie_id=actor.organisatie.pk)
            .order_by()
            .values_list(
                "pk",
                "uuid",
                "partij_id",
                "partij__uuid",
                "partij__soort",
                "partij__weergavenaam",
                "partij__identificatie",
                "partij__email",
                "partij__telefoonnummer",
                "eenheid_id",
                "accountmanager_id",
                *LOKALE_VELDEN,
            )
        )
        for regel in rijen.iterator(chunk_size=LADEN_PER):
            pk, relatie_uuid, partij_id, uuid, soort, naam, ident, email, tel, eenheid, am = regel[
                :11
            ]
            lokaal = regel[11:]
            lokale = dict(zip(LOKALE_VELDEN, lokaal, strict=True))
            kandidaat = Kandidaat(
                bron="bestaand",
                naam=naam,
                uuid=str(uuid),
                register={"naam": naam, "email": email, "telefoonnummer": tel},
                lokaal=lokale,
                lokaal_voor=dict(lokale),
                relatie_pk=pk,
                partij_pk=partij_id,
                relatie_uuid=str(relatie_uuid),
                partij_soort=soort,
                zichtbaar=bereik.alles
                or (
                    bereik.medewerker_id is not None
                    and (eenheid in bereik.eenheid_ids or am == bereik.medewerker_id)
                ),
            )
            per_partij[partij_id] = kandidaat
            kvk = ident if soort == PartijSoort.NIET_NATUURLIJK_PERSOON else ""
            index.toevoegen(kandidaat, kvk=kvk, emails=[email, lokale["lokaal_email"]])
        adressen = (
            Adres.objects.filter(partij__crm_relatie__organisatie_id=actor.organisatie.pk)
            .order_by()
            .values_list("partij_id", "postcode")
        )
        for partij_id, postcode in adressen.iterator(chunk_size=LADEN_PER):
            kandidaat = per_partij.get(partij_id)
            if kandidaat is not None:
                index.toevoegen(kandidaat, naam=kandidaat.naam, postcode=postcode)
        bezet = (
            Partij.objects.filter(
                organisatie_id=actor.organisatie.pk,
                soort=PartijSoort.NIET_NATUURLIJK_PERSOON,
                crm_relatie__isnull=True,
            )
            .exclude(identificatie="")
            .values_list("identificatie", flat=True)
        )
        index.kvk_partij = set(bezet.iterator(chunk_size=LADEN_PER))
        return index

    def toevoegen(
        self,
        kandidaat: Kandidaat,
        *,
        kvk: str = "",
        emails: list[str] = (),  # type: ignore[assignment]
        naam: str = "",
        postcode: str = "",
    ) -> None:
        if kvk:
            self.kvk.setdefault(kvk, kandidaat)
        for email in emails:
            if email:
                self.email.setdefault(email.strip().lower(), kandidaat)
        if postcode and naam:
            self.postcode.setdefault(postcode.replace(" ", "").upper(), []).append(
                (naam_vergelijkbaar(naam), kandidaat)
            )

    def zoeken(self, data: dict[str, str]) -> tuple[Kandidaat, str] | None:
        """The relation this row duplicates and why, or None."""
        kvk = data.get("kvk_nummer")
        if kvk and kvk in self.kvk:
            return self.kvk[kvk], _("zelfde KvK-nummer")
        email = data.get("email", "")
        if email and email in self.email:
            return self.email[email], _("zelfde e-mailadres")
        blok = self.postcode.get(data.get("postcode", ""))
        if blok:
            gevonden = _vergelijkbaar(naam_vergelijkbaar(data.get("naam", "")), blok)
            if gevonden is not None:
                return gevonden, _("vergelijkbare naam op dezelfde postcode")
        return None


def _vergelijkbaar(naam: str, blok: list[tuple[str, Kandidaat]]) -> Kandidaat | None:
    """The first relation in the postcode's block whose name is similar enough; the cheap
    upper bounds of difflib are tried first, the full ratio only when they pass."""
    vergelijker = difflib.SequenceMatcher(autojunk=False)
    vergelijker.set_seq2(naam)  # difflib caches what it learns about the second sequence
    for andere, kandidaat in blok:
        if andere == naam:
            return kandidaat
        vergelijker.set_seq1(andere)
        if (
            vergelijker.real_quick_ratio() >= NAAM_GELIJKENIS
            and vergelijker.quick_ratio() >= NAAM_GELIJKENIS
            and vergelijker.ratio() >= NAAM_GELIJKENIS
        ):
            return kandidaat
    return None
