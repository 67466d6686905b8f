"""Import relations, contact persons and contact moments (history) from an XLSX or CSV export
(Exact, Perfect View, a spreadsheet): read, map columns, detect duplicates, merge, report.

One flat sheet: every row is a relation, and may carry a contact person and a contact moment
of that relation. A row that is a duplicate (same KvK number, same e-mail, or a similar name at
the same postcode) of an existing relation or of an earlier row is merged into it: its contact
person and contact moment are added there and its local fields follow the merge choices.

Everything runs in one transaction through the crm core services, each row in a savepoint so
every row is checked and reported; any error, or a dry run, rolls the whole run back.
Contracts are not imported here: they live in crm.contracten (a sibling app).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Adres, normalise_for_search
from raadhuis.modules.crm.models import Kanaal, Relatie, RelatieSoort, Uitkomst
from raadhuis.modules.crm.services import (
    contactpersoon_add,
    klantcontact_create,
    relatie_handmatig_create,
    relatie_update,
    tag_ensure,
)

# Target field -> Dutch label (mapping screen and report).
VELDEN: dict[str, str] = {
    "extern_id": "Nummer in het bronsysteem",
    "soort": "Soort relatie",
    "naam": "Naam",
    "kvk_nummer": "KvK-nummer",
    "email": "E-mailadres",
    "telefoonnummer": "Telefoonnummer",
    "straat": "Straat",
    "huisnummer": "Huisnummer",
    "postcode": "Postcode",
    "woonplaats": "Woonplaats",
    "notitie": "Notitie",
    "tags": "Tags",
    "cp_achternaam": "Contactpersoon: achternaam",
    "cp_voornamen": "Contactpersoon: voornamen",
    "cp_rol": "Contactpersoon: rol",
    "cp_email": "Contactpersoon: e-mailadres",
    "cp_telefoon": "Contactpersoon: telefoonnummer",
    "kc_datum": "Contactmoment: datum",
    "kc_kanaal": "Contactmoment: kanaal",
    "kc_onderwerp": "Contactmoment: onderwerp",
    "kc_inhoud": "Contactmoment: inhoud",
}
VERPLICHT = ("naam",)

# Header names seen in Exact, Perfect View and home-made spreadsheets (normalised).
SYNONIEMEN: dict[str, tuple[str, ...]] = {
    "extern_id": ("id", "relatienummer", "relatiecode", "code", "nummer", "debiteurnummer"),
    "soort": ("soort", "type", "relatiesoort", "categorie"),
    "naam": ("naam", "bedrijfsnaam", "organisatie", "relatienaam", "company", "name"),
    "kvk_nummer": ("kvk", "kvknummer", "kvk_nummer", "kamer_van_koophandel", "coc"),
    "email": ("email", "e_mail", "emailadres", "e_mailadres", "mail"),
    "telefoonnummer": ("telefoon", "telefoonnummer", "tel", "phone"),
    "straat": ("straat", "straatnaam", "adres", "address"),
    "huisnummer": ("huisnummer", "nr", "huisnr"),
    "postcode": ("postcode", "zip", "postal_code"),
    "woonplaats": ("plaats", "woonplaats", "vestigingsplaats", "city"),
    "notitie": ("notitie", "opmerking", "opmerkingen", "memo", "notes"),
    "tags": ("tags", "labels", "groep", "kenmerken"),
    "cp_achternaam": ("contactpersoon", "contact_achternaam", "achternaam", "cp_achternaam"),
    "cp_voornamen": ("voornaam", "voornamen", "contact_voornaam", "cp_voornamen"),
    "cp_rol": ("functie", "rol", "contact_functie", "cp_rol"),
    "cp_email": ("contact_email", "email_contactpersoon", "cp_email"),
    "cp_telefoon": ("contact_telefoon", "mobiel", "cp_telefoon"),
    "kc_datum": ("contactdatum", "datum_contact", "datum", "kc_datum"),
    "kc_kanaal": ("kanaal", "contactkanaal", "kc_kanaal"),
    "kc_onderwerp": ("onderwerp", "contactonderwerp", "kc_onderwerp"),
    "kc_inhoud": ("verslag", "inhoud", "contactverslag", "kc_inhoud"),
}
SOORTEN = {
    "bedrijf": RelatieSoort.BEDRIJF,
    "onderneming": RelatieSoort.BEDRIJF,
    "klant": RelatieSoort.BEDRIJF,
    "partner": RelatieSoort.PARTNER,
    "leverancier": RelatieSoort.PARTNER,
    "vereniging": RelatieSoort.VERENIGING,
    "stichting": RelatieSoort.VERENIGING,
}
KANALEN = {
    "telefoon": Kanaal.TELEFOON,
    "telefonisch": Kanaal.TELEFOON,
    "email": Kanaal.EMAIL,
    "e-mail": Kanaal.EMAIL,
    "mail": Kanaal.EMAIL,
    "balie": Kanaal.BALIE,
    "bezoek": Kanaal.BALIE,
    "brief": Kanaal.BRIEF,
    "post": Kanaal.BRIEF,
    "portaal": Kanaal.PORTAAL,
    "social media": Kanaal.SOCIAL_MEDIA,
}
# Import field -> the local field of the relation it may fill when merging.
SAMENVOEG_VELDEN = {
    "naam": "lokale_naam",
    "email": "lokaal_email",
    "telefoonnummer": "lokaal_telefoonnummer",
    "notitie": "lokale_notitie",
}
NAAM_GELIJKENIS = 0.8  # difflib ratio from which two names at one postcode are one relation
# Legal forms say nothing about which organisation it is: left out when comparing names.
RECHTSVORMEN = re.compile(r"\b(b ?v|n ?v|v ?o ?f|c ?v|holding)\b")
POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


class Onleesbaar(Exception):
    """The file as a whole cannot be read: a Dutch sentence for the user."""


class _Terugdraaien(Exception):
    """Raised at the end of a dry run or a run with errors, to roll back everything."""


# --- reading --------------------------------------------------------------------------------


@dataclass
class Tabel:
    koppen: list[str]
    rijen: Iterator[list[str]]


def kolomnaam(naam: Any) -> str:  # noqa: ANN401 - a header cell of any type
    """'E-mail adres ' -> 'e_mail_adres': how headers are compared."""
    tekst = normalise_for_search(str(naam or ""))
    return re.sub(r"[^a-z0-9]+", "_", tekst).strip("_")


def _cel(waarde: Any) -> str:  # noqa: ANN401 - an Excel cell of any type
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return waarde.isoformat(sep=" ", timespec="minutes")
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _tekst(inhoud: bytes) -> str:
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        return inhoud.decode("cp1252", errors="replace")  # older Windows exports


def bestand_lezen(inhoud: bytes, bestandsnaam: str) -> Tabel:
    """The header and the rows (lazily, for large workbooks) of an .xlsx or .csv file."""
    if bestandsnaam.lower().endswith(".xlsx") or inhoud[:2] == b"PK":
        return _xlsx_lezen(inhoud)
    if bestandsnaam.lower().endswith((".csv", ".txt")):
        return _csv_lezen(inhoud)
    raise Onleesbaar(_("Kies een .xlsx- of .csv-bestand."))


def _xlsx_lezen(inhoud: bytes) -> Tabel:
    from openpyxl import load_workbook

    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise Onleesbaar(_("Het bestand is geen leesbaar Excel-bestand (.xlsx).")) from error
    regels = boek.worksheets[0].iter_rows(values_only=True)
    kop = next(regels, None)
    if not kop or not any(kop):
        raise Onleesbaar(_("Het eerste werkblad is leeg."))
    koppen = [_cel(k) for k in kop]

    def rijen() -> Iterator[list[str]]:
        for regel in regels:
            yield [_cel(c) for c in regel]
        boek.close()

    return Tabel(koppen=koppen, rijen=rijen())


def _csv_lezen(inhoud: bytes) -> Tabel:
    tekst = _tekst(inhoud)
    if not tekst.strip():
        raise Onleesbaar(_("Het bestand is leeg."))
    eerste = tekst.splitlines()[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    reader = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    koppen = [k.strip() for k in next(reader)]
    return Tabel(koppen=koppen, rijen=([c.strip() for c in r] for r in reader))


def koppen_lezen(inhoud: bytes, bestandsnaam: str) -> list[str]:
    return bestand_lezen(inhoud, bestandsnaam).koppen


# --- mapping --------------------------------------------------------------------------------


def mapping_voorstellen(koppen: list[str]) -> dict[str, str]:
    """Target field -> header, guessed from the header names (exact synonym first, then a
    close match); each header is used once. The user checks it on the mapping screen."""
    genormaliseerd = {kolomnaam(k): k for k in koppen if str(k).strip()}
    voorstel: dict[str, str] = {}
    gebruikt: set[str] = set()
    for veld, namen in SYNONIEMEN.items():
        for naam in (veld, *namen):
            if naam in genormaliseerd and naam not in gebruikt:
                voorstel[veld] = genormaliseerd[naam]
                gebruikt.add(naam)
                break
    for veld, namen in SYNONIEMEN.items():
        if veld in voorstel:
            continue
        vrij = [k for k in genormaliseerd if k not in gebruikt]
        for naam in (veld, *namen):
            gelijk = difflib.get_close_matches(naam, vrij, n=1, cutoff=0.85)
            if gelijk:
                voorstel[veld] = genormaliseerd[gelijk[0]]
                gebruikt.add(gelijk[0])
                break
    return voorstel


def mapping_fouten(mapping: dict[str, str], koppen: list[str]) -> list[str]:
    fouten = []
    onbekend = sorted(set(mapping) - set(VELDEN))
    if onbekend:
        fouten.append(_("Onbekende velden in de koppeling: %(v)s.") % {"v": ", ".join(onbekend)})
    for veld, kop in mapping.items():
        if kop and kop not in koppen:
            fouten.append(
                _("Kolom '%(k)s' (voor %(v)s) staat niet in het bestand.")
                % {"k": kop, "v": VELDEN.get(veld, veld)}
            )
    for veld in VERPLICHT:
        if not mapping.get(veld):
            fouten.append(_("Koppel een kolom aan '%(v)s'.") % {"v": VELDEN[veld]})
    return fouten


# --- the report -----------------------------------------------------------------------------


@dataclass
class Rij:
    nummer: int  # the row number in the file (header = 1)
    naam: str = ""
    uitkomst: str = "nieuw"  # nieuw | samengevoegd | overgeslagen | fout
    relatie_uuid: str = ""  # the party uuid of the relation the row went to
    dubbel: dict[str, str] = field(default_factory=dict)  # {"reden", "naam", "uuid", "bron"}
    verschillen: dict[str, list[str]] = field(default_factory=dict)  # veld -> [bestaand, import]
    toegevoegd: list[str] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)

    def fout(self, melding: str) -> None:
        self.fouten.append(melding)
        self.uitkomst = "fout"

    def as_dict(self) -> dict[str, Any]:
        return {
            "rij": self.nummer,
            "naam": self.naam,
            "uitkomst": self.uitkomst,
            "relatie": self.relatie_uuid,
            "dubbel": self.dubbel,
            "verschillen": self.verschillen,
            "toegevoegd": self.toegevoegd,
            "fouten": self.fouten,
        }


@dataclass
class Verslag:
    proef: bool
    rijen: list[Rij] = field(default_factory=list)
    algemene_fouten: list[str] = field(default_factory=list)
    uitgevoerd: bool = False

    @property
    def heeft_fouten(self) -> bool:
        return bool(self.algemene_fouten) or any(r.uitkomst == "fout" for r in self.rijen)

    def aantal(self, uitkomst: str) -> int:
        return sum(1 for r in self.rijen if r.uitkomst == uitkomst)

    def samenvatting(self) -> str:
        if self.algemene_fouten:
            return " ".join(self.algemene_fouten) + " " + _("Er is niets ingelezen.")
        tekst = _(
            "%(totaal)s rijen: %(nieuw)s nieuwe relaties, %(samen)s samengevoegd met een "
            "bestaande relatie, %(over)s overgeslagen, %(fout)s met fouten."
        ) % {
            "totaal": len(self.rijen),
            "nieuw": self.aantal("nieuw"),
            "samen": self.aantal("samengevoegd"),
            "over": self.aantal("overgeslagen"),
            "fout": self.aantal("fout"),
        }
        if self.heeft_fouten:
            return tekst + " " + _("Er is niets ingelezen.")
        if self.proef:
            return tekst + " " + _("Proefimport: er is niets opgeslagen.")
        return tekst + " " + _("Alles is ingelezen.")

    def as_dict(self) -> dict[str, Any]:
        return {
            "proef": self.proef,
            "uitgevoerd": self.uitgevoerd,
            "heeft_fouten": self.heeft_fouten,
            "algemene_fouten": self.algemene_fouten,
            "samenvatting": self.samenvatting(),
            "aantallen": {
                u: self.aantal(u) for u in ("nieuw", "samengevoegd", "overgeslagen", "fout")
            },
            "rijen": [r.as_dict() for r in self.rijen],
        }


# --- duplicate detection --------------------------------------------------------------------


def naam_vergelijkbaar(naam: str) -> str:
    """'Bakkerij Jansen B.V.' -> 'bakkerij jansen': the form in which names are compared."""
    tekst = re.sub(r"[^a-z0-9 ]+", " ", normalise_for_search(naam))
    return " ".join(RECHTSVORMEN.sub(" ", tekst).split())


@dataclass
class _Kandidaat:
    relatie: Relatie
    bron: str  # "bestaand" or "rij 7"


@dataclass
class Dubbelen:
    """Indexes of the relations known so far (the organisation's and this run's)."""

    kvk: dict[str, _Kandidaat] = field(default_factory=dict)
    email: dict[str, _Kandidaat] = field(default_factory=dict)
    postcode: dict[str, list[tuple[str, _Kandidaat]]] = field(default_factory=dict)

    @classmethod
    def laden(cls, actor: Actor) -> Dubbelen:
        index = cls()
        relaties = Relatie.objects.filter(organisatie_id=actor.organisatie.pk).select_related(
            "partij", "partij__nietnatuurlijkpersoon"
        )
        per_partij: dict[int, _Kandidaat] = {}
        for relatie in relaties.iterator(chunk_size=2000):
            kandidaat = _Kandidaat(relatie, "bestaand")
            per_partij[relatie.partij_id] = kandidaat
            partij = relatie.partij
            kvk = getattr(getattr(partij, "nietnatuurlijkpersoon", None), "kvk_nummer", "")
            index.toevoegen(
                kandidaat,
                kvk=kvk,
                emails=[partij.email, relatie.lokaal_email],
                naam=partij.weergavenaam,
                postcode="",
            )
        adressen = Adres.objects.filter(partij_id__in=list(per_partij)).values_list(
            "partij_id", "postcode"
        )
        for partij_id, postcode in adressen.iterator(chunk_size=5000):
            kandidaat = per_partij[partij_id]
            index.toevoegen(
                kandidaat,
                kvk="",
                emails=[],
                naam=kandidaat.relatie.partij.weergavenaam,
                postcode=postcode,
            )
        return index

    def toevoegen(
        self, kandidaat: _Kandidaat, *, kvk: str, emails: list[str], naam: str, postcode: str
    ) -> None:
        if kvk:
            self.kvk.setdefault(kvk, kandidaat)
        for email in emails:
            if email:
                self.email.setdefault(email.strip().lower(), kandidaat)
        if postcode:
            self.postcode.setdefault(postcode.replace(" ", "").upper(), []).append(
                (naam_vergelijkbaar(naam), kandidaat)
            )

    def zoeken(self, data: dict[str, str]) -> tuple[_Kandidaat, str] | None:
        """The relation this row duplicates and why, or None."""
        if data.get("kvk_nummer") and data["kvk_nummer"] in self.kvk:
            return self.kvk[data["kvk_nummer"]], _("zelfde KvK-nummer")
        email = data.get("email", "").lower()
        if email and email in self.email:
            return self.email[email], _("zelfde e-mailadres")
        postcode = data.get("postcode", "")
        if postcode and postcode in self.postcode:
            naam = naam_vergelijkbaar(data.get("naam", ""))
            for andere, kandidaat in self.postcode[postcode]:
                if difflib.SequenceMatcher(None, naam, andere).ratio() >= NAAM_GELIJKENIS:
                    return kandidaat, _("vergelijkbare naam op dezelfde postcode")
        return None


# --- values ---------------------------------------------------------------------------------


def _kvk(waarde: str) -> str:
    tekst = waarde.replace(" ", "").replace(".", "")
    if not tekst:
        return ""
    if tekst.isdigit() and len(tekst) == 7:
        tekst = "0" + tekst  # spreadsheets drop the leading zero
    if not (tekst.isdigit() and len(tekst) == 8):
        raise ValidationError(_("KvK-nummer '%(w)s' is geen 8 cijfers.") % {"w": waarde})
    return tekst


def _postcode(waarde: str) -> str:
    tekst = waarde.replace(" ", "").upper()
    if tekst and not POSTCODE.match(tekst):
        raise ValidationError(_("Postcode '%(w)s' is geen Nederlandse postcode.") % {"w": waarde})
    return tekst


def _email(waarde: str, veld: str) -> str:
    from django.core.validators import validate_email

    tekst = waarde.strip()
    if tekst:
        try:
            validate_email(tekst)
        except ValidationError as error:
            raise ValidationError(
                _("%(veld)s '%(w)s' is geen geldig e-mailadres.") % {"veld": veld, "w": waarde}
            ) from error
    return tekst.lower()


def _soort(waarde: str) -> str:
    tekst = waarde.strip().lower()
    if not tekst:
        return RelatieSoort.BEDRIJF
    if tekst in ("inwoner", "particulier", "persoon"):
        raise ValidationError(
            _(
                "Inwoners worden niet uit een bestand ingelezen: een inwoner wordt relatie "
                "vanuit de BRP, met een vastgelegde grondslag."
            )
        )
    if tekst not in SOORTEN:
        raise ValidationError(
            _("Soort '%(w)s' is onbekend; gebruik bedrijf, partner, vereniging of stichting.")
            % {"w": waarde}
        )
    return SOORTEN[tekst]


def _contactdatum(waarde: str) -> datetime:
    tekst = waarde.strip()
    for formaat in ("%Y-%m-%d %H:%M", "%Y-%m-%d", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            moment = datetime.strptime(tekst[:16], formaat)  # noqa: DTZ007 - made aware below
        except ValueError:
            continue
        if len(tekst) <= 10:
            moment = datetime.combine(moment.date(), time(12, 0))
        return timezone.make_aware(moment)
    raise ValidationError(
        _("Contactdatum '%(w)s' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).") % {"w": waarde}
    )


def _kanaal(waarde: str) -> str:
    tekst = waarde.strip().lower()
    if not tekst:
        return Kanaal.TELEFOON
    if tekst in Kanaal.values:
        return tekst
    if tekst not in KANALEN:
        raise ValidationError(
            _("Kanaal '%(w)s' is onbekend; gebruik telefoon, e-mail, balie, brief of portaal.")
            % {"w": waarde}
        )
    return KANALEN[tekst]


def _gegevens(rij: Rij, data: dict[str, str]) -> dict[str, Any] | None:
    """The row's values parsed, with every problem noted on the row (None if any)."""
    schoon: dict[str, Any] = dict(data)
    for veld, functie in (
        ("kvk_nummer", _kvk),
        ("postcode", _postcode),
        ("soort", _soort),
        ("email", lambda w: _email(w, _("E-mailadres"))),
        ("cp_email", lambda w: _email(w, _("E-mailadres van de contactpersoon"))),
    ):
        try:
            schoon[veld] = functie(data.get(veld, ""))
        except ValidationError as error:
            for melding in error.messages:
                rij.fout(melding)
    if not data.get("naam"):
        rij.fout(_("De naam ontbreekt."))
    huisnummer = data.get("huisnummer", "")
    if huisnummer and not huisnummer.isdigit():
        rij.fout(_("Huisnummer '%(w)s' is geen getal.") % {"w": huisnummer})
    if data.get("kc_onderwerp") or data.get("kc_datum"):
        if not data.get("kc_onderwerp"):
            rij.fout(_("Het contactmoment heeft geen onderwerp."))
        try:
            schoon["kc_datum"] = _contactdatum(data.get("kc_datum", ""))
            schoon["kc_kanaal"] = _kanaal(data.get("kc_kanaal", ""))
        except ValidationError as error:
            for melding in error.messages:
                rij.fout(melding)
    if (data.get("cp_voornamen") or data.get("cp_email")) and not data.get("cp_achternaam"):
        rij.fout(_("De contactpersoon heeft geen achternaam."))
    return None if rij.fouten else schoon


# --- the run --------------------------------------------------------------------------------


def _fout_teksten(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [" ".join(m) for m in error.message_dict.values()]
        return list(error.messages)
    return [str(error)]


@dataclass
class _Run:
    actor: Actor
    afdeling: OrganisatorischeEenheid
    keuzes: dict[str, dict[str, str]]
    dubbelen: Dubbelen
    tags: dict[str, Any] = field(default_factory=dict)

    def tag(self, naam: str) -> Any:  # noqa: ANN401 - a Tag
        if naam not in self.tags:
            self.tags[naam] = tag_ensure(actor=self.actor, naam=naam)
        return self.tags[naam]


def _adres(data: dict[str, Any]) -> dict[str, Any] | None:
    if all(data.get(v) for v in ("straat", "huisnummer", "postcode", "woonplaats")):
        return {
            "straatnaam": data["straat"],
            "huisnummer": int(data["huisnummer"]),
            "postcode": data["postcode"],
            "woonplaats": data["woonplaats"],
        }
    return None


def _nieuwe_relatie(run: _Run, rij: Rij, data: dict[str, Any]) -> Relatie:
    tags = [run.tag(t.strip()) for t in re.split(r"[,;|]", data.get("tags", "")) if t.strip()]
    relatie = relatie_handmatig_create(
        actor=run.actor,
        soort=data["soort"],
        naam=data["naam"],
        eenheid=run.afdeling,
        kvk_nummer=data.get("kvk_nummer", ""),
        email=data.get("email", ""),
        telefoonnummer=data.get("telefoonnummer", "")[:20],
        adres=_adres(data),
        tags=tags,
        lokale_notitie=data.get("notitie", ""),
    )
    run.dubbelen.toevoegen(
        _Kandidaat(relatie, _("rij %(n)s") % {"n": rij.nummer}),
        kvk=data.get("kvk_nummer", ""),
        emails=[data.get("email", "")],
        naam=data["naam"],
        postcode=data.get("postcode", ""),
    )
    return relatie


def _bestaande_waarde(relatie: Relatie, veld: str) -> str:
    partij = relatie.partij
    lokaal = getattr(relatie, SAMENVOEG_VELDEN[veld])
    register = {"naam": partij.weergavenaam, "email": partij.email}.get(veld, "")
    if veld == "telefoonnummer":
        register = partij.telefoonnummer
    return lokaal or register or ""


def _samenvoegen(run: _Run, rij: Rij, relatie: Relatie, data: dict[str, Any]) -> None:
    """Merge the row into a relation: per field the user's choice ('import' puts the file's
    value in the relation's local field, 'bestaand' keeps what is there); without a choice an
    empty local field is filled. Register data is never overwritten."""
    relatie.refresh_from_db()
    keuze = run.keuzes.get(str(rij.nummer), {})
    wijzigingen: dict[str, str] = {}
    for veld, lokaal_veld in SAMENVOEG_VELDEN.items():
        nieuw = (data.get(veld) or "").strip()
        bestaand = _bestaande_waarde(relatie, veld)
        if not nieuw or normalise_for_search(nieuw) == normalise_for_search(bestaand):
            continue
        rij.verschillen[veld] = [bestaand, nieuw]
        gekozen = keuze.get(veld, "import" if not getattr(relatie, lokaal_veld) else "bestaand")
        if veld == "naam" and veld not in keuze:
            gekozen = "bestaand"  # a different spelling of a name is no reason to rename
        if gekozen == "import":
            wijzigingen[lokaal_veld] = nieuw[:20] if veld == "telefoonnummer" else nieuw
    if wijzigingen:
        relatie_update(
            actor=run.actor,
            relatie=relatie,
            toelichting=_("Samengevoegd bij migratie (rij %(n)s)") % {"n": rij.nummer},
            **wijzigingen,
        )


def _bijlagen(run: _Run, rij: Rij, relatie: Relatie, data: dict[str, Any]) -> None:
    """The row's contact person and contact moment, on its relation."""
    if data.get("cp_achternaam"):
        contactpersoon_add(
            actor=run.actor,
            relatie=relatie,
            rol=data.get("cp_rol") or _("contactpersoon"),
            geslachtsnaam=data["cp_achternaam"],
            voornamen=data.get("cp_voornamen", ""),
            email=data.get("cp_email", ""),
            telefoonnummer=data.get("cp_telefoon", "")[:20],
        )
        rij.toegevoegd.append(_("contactpersoon %(n)s") % {"n": data["cp_achternaam"]})
    if data.get("kc_onderwerp"):
        klantcontact_create(
            actor=run.actor,
            partij=relatie.partij,
            kanaal=data["kc_kanaal"],
            onderwerp=data["kc_onderwerp"][:200],
            inhoud=data.get("kc_inhoud", "")[:1000],
            uitkomst=Uitkomst.OVERIG,
            plaatsgevonden_op=data["kc_datum"],
            eenheid=run.afdeling,
        )
        rij.toegevoegd.append(_("contactmoment %(o)s") % {"o": data["kc_onderwerp"][:40]})


def _rij_verwerken(run: _Run, rij: Rij, data: dict[str, Any]) -> None:
    gevonden = run.dubbelen.zoeken(data)
    actie = run.keuzes.get(str(rij.nummer), {}).get("_actie", "samenvoegen")
    if gevonden is not None and actie != "apart":
        kandidaat, reden = gevonden
        rij.dubbel = {
            "reden": reden,
            "naam": str(kandidaat.relatie.partij),
            "uuid": str(kandidaat.relatie.partij.uuid),
            "bron": kandidaat.bron,
        }
        rij.relatie_uuid = str(kandidaat.relatie.partij.uuid)
        if actie == "overslaan":
            rij.uitkomst = "overgeslagen"
            return
        rij.uitkomst = "samengevoegd"
        _samenvoegen(run, rij, kandidaat.relatie, data)
        _bijlagen(run, rij, kandidaat.relatie, data)
        return
    relatie = _nieuwe_relatie(run, rij, data)
    rij.relatie_uuid = str(relatie.partij.uuid)
    _bijlagen(run, rij, relatie, data)


def _rijen_met_mapping(
    tabel: Tabel, mapping: dict[str, str]
) -> Iterator[tuple[int, dict[str, str]]]:
    positie = {veld: tabel.koppen.index(kop) for veld, kop in mapping.items() if kop}
    for nummer, waarden in enumerate(tabel.rijen, start=2):
        if not any(waarden):
            continue
        yield (
            nummer,
            {veld: (waarden[i] if i < len(waarden) else "").strip() for veld, i in positie.items()},
        )


def import_uitvoeren(
    *,
    actor: Actor,
    inhoud: bytes,
    bestandsnaam: str,
    afdeling: OrganisatorischeEenheid,
    mapping: dict[str, str] | None = None,
    keuzes: dict[str, dict[str, str]] | None = None,
    proef: bool = True,
) -> Verslag:
    """Import an export file (all or nothing); with `proef` (the default) only the report.

    `actor` runs the crm services (a medewerker, or the system actor of `migratie_actor`);
    `afdeling` owns the new relations; `mapping` is target field -> header (default: the
    suggestion); `keuzes` per row number: {"_actie": "samenvoegen"|"apart"|"overslaan",
    "<veld>": "import"|"bestaand"}."""
    verslag = Verslag(proef=proef)
    try:
        tabel = bestand_lezen(inhoud, bestandsnaam)
    except Onleesbaar as error:
        verslag.algemene_fouten.append(str(error))
        return verslag
    mapping = mapping if mapping is not None else mapping_voorstellen(tabel.koppen)
    verslag.algemene_fouten.extend(mapping_fouten(mapping, tabel.koppen))
    if verslag.algemene_fouten:
        return verslag
    run = _Run(actor=actor, afdeling=afdeling, keuzes=keuzes or {}, dubbelen=Dubbelen())
    try:
        with transaction.atomic():
            run.dubbelen = Dubbelen.laden(actor)
            for nummer, ruw in _rijen_met_mapping(tabel, mapping):
                rij = Rij(nummer=nummer, naam=ruw.get("naam", ""))
                verslag.rijen.append(rij)
                data = _gegevens(rij, ruw)
                if data is None:
                    continue
                try:
                    with transaction.atomic():
                        _rij_verwerken(run, rij, data)
                except (ValidationError, ToegangGeweigerd, NietGevonden) as error:
                    for melding in _fout_teksten(error):
                        rij.fout(melding)
            if not verslag.rijen:
                verslag.algemene_fouten.append(_("Het bestand bevat geen rijen."))
            if verslag.heeft_fouten or proef:
                raise _Terugdraaien
    except _Terugdraaien:
        return verslag
    verslag.uitgevoerd = True
    return verslag


def migratie_actor(actor: Actor) -> Actor:
    """The system actor an import runs as, named after the person who started it (audit)."""
    return Actor.system(actor.organisatie, weergave=f"Migratie ({actor.weergave})")


# --- a test file ----------------------------------------------------------------------------

TESTKOPPEN = [
    "Relatienummer",
    "Bedrijfsnaam",
    "KvK",
    "E-mail",
    "Telefoon",
    "Straat",
    "Huisnummer",
    "Postcode",
    "Plaats",
    "Contactpersoon",
    "Voornaam",
    "Functie",
    "Contactdatum",
    "Kanaal",
    "Onderwerp",
]


def testbestand_rij(i: int) -> list[Any]:
    return [
        f"R{i:06d}",
        f"Testbedrijf {i} B.V.",
        f"{90000000 + i:08d}",
        f"info{i}@bedrijf{i}.example",
        "073-6155555",
        "Markt",
        i % 200 + 1,
        f"{5211 + i % 700:04d}AB",
        "'s-Hertogenbosch",
        f"Jansen{i}",
        "Piet",
        "directeur",
        date(2025, 1 + i % 12, 1 + i % 28),
        "telefoon",
        "Kennismaking",
    ]


def testbestand_xlsx(rijen: int, *, extra: list[list[Any]] | None = None) -> bytes:
    """An Exact-like export of `rijen` distinct companies (plus `extra` rows), as XLSX bytes:
    for tests and the import benchmark."""
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Relaties")
    blad.append(TESTKOPPEN)
    for i in range(1, rijen + 1):
        blad.append(testbestand_rij(i))
    for regel in extra or []:
        blad.append(regel)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
