"""Contracts in the CRM migration import (issue 6, item 11): the contract columns of an export
(Exact, a contract register kept in a spreadsheet), checked per row with Dutch messages,
planned against the relation the row goes to (duplicates reported), and written through
`contract_create` (its checks, contract number and audit entry) inside the import's
transaction.

The migration (crm.migratie, a sibling app) knows nothing of contracts: the contracten app
registers this kind from its AppConfig.ready() (`importsoort_register`). A row carries a
contract when it has a subject, contract number, value or start date; it names its relation
as every import row does (name, KvK number, e-mail, name + postcode), and may leave the name
out when the KvK number or e-mail address points at a relation that already exists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij, normalise_for_search
from raadhuis.modules.crm.contracten.models import Contract, TermijnEenheid, Verlenging
from raadhuis.modules.crm.contracten.services import MAX_BEDRAG, contract_create
from raadhuis.modules.crm.migratie.dubbelen import Kandidaat
from raadhuis.modules.crm.migratie.plan import Plan
from raadhuis.modules.crm.migratie.soorten import Importsoort
from raadhuis.modules.crm.migratie.verslag import Rij

# Target field -> Dutch label (mapping screen and report), in the order of the screen.
VELDEN: dict[str, str] = {
    "ct_kenmerk": "Contract: contractnummer",
    "ct_onderwerp": "Contract: onderwerp",
    "ct_omschrijving": "Contract: omschrijving",
    "ct_waarde": "Contract: waarde (€)",
    "ct_start": "Contract: startdatum",
    "ct_eind": "Contract: einddatum",
    "ct_opzegtermijn": "Contract: opzegtermijn (maanden)",
    "ct_verlenging": "Contract: verlenging",
    "ct_verlengingsperiode": "Contract: verlengingsperiode (maanden)",
    "ct_eigenaar": "Contract: eigenaar (e-mailadres of gebruikersnaam)",
    "ct_sr_uren": "Contract: Social Return, toegezegde uren",
    "ct_sr_bedrag": "Contract: Social Return, toegezegd bedrag (€)",
}
# Header names of contract registers and Exact exports (normalised as lezen.kolomnaam does).
# Deliberately specific: a relations export's "Onderwerp" or "Bedrag" is no contract column.
SYNONIEMEN: dict[str, tuple[str, ...]] = {
    "ct_kenmerk": ("contractnummer", "contractnr", "contract_nummer", "contractcode"),
    "ct_onderwerp": ("contract", "contractonderwerp", "contract_onderwerp", "contractnaam"),
    "ct_omschrijving": ("contractomschrijving", "contract_omschrijving"),
    "ct_waarde": ("waarde", "contractwaarde", "contract_waarde", "contractbedrag"),
    "ct_start": ("startdatum", "ingangsdatum", "begindatum", "contract_start"),
    "ct_eind": ("einddatum", "afloopdatum", "contract_einde", "looptijd_tot"),
    "ct_opzegtermijn": ("opzegtermijn", "opzegtermijn_maanden", "opzegtermijn_mnd"),
    "ct_verlenging": ("verlenging", "verlengen", "stilzwijgende_verlenging"),
    "ct_verlengingsperiode": ("verlengingsperiode", "verlengingstermijn", "verlenging_maanden"),
    "ct_eigenaar": ("contracteigenaar", "contractbeheerder", "contractmanager", "eigenaar"),
    "ct_sr_uren": ("sroi_uren", "social_return_uren", "sr_uren", "social_return_uren_toegezegd"),
    "ct_sr_bedrag": ("sroi_bedrag", "social_return_bedrag", "sr_bedrag"),
}
KERNVELDEN = ("ct_onderwerp", "ct_kenmerk", "ct_waarde", "ct_start")

MAX_ONDERWERP = 200  # Contract.onderwerp
MAX_KENMERK = 40  # Contract.kenmerk
MAX_UREN = Decimal("999999999.9")  # Contract.sr_uren_toegezegd: 10 digits, 1 decimal
MAX_MAANDEN = 120
MAX_DAGEN = 3650
DATUMFORMATEN = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M",  # an Excel date cell (lezen._cel writes datetimes like this)
    "%Y-%m-%d %H:%M:%S",
)
EERSTE_JAAR, LAATSTE_JAAR = 1900, 2200

# Amounts: Dutch (1.234,56 / 1234,56) or English/Excel (1,234.56 / 1234.56) notation.
_GELDTEKENS = re.compile(r"(?i)€|eur|\s")
_NL = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_EN = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# "1,234" is a thousand in English but one and a bit in Dutch: refused, not guessed. "1.234"
# is a thousand: an amount has at most two decimals, so the Dutch reading is the only one.
_DUBBELZINNIG = re.compile(r"^\d{1,3},\d{3}$")
_TERMIJN = re.compile(r"^(\d+)\s*([a-z]*)\.?$")
_PERIODE = re.compile(r"(\d+)\s*(jaar|jaren|j|maanden|maand|mnd|m)?\b")
MAANDEN = {"", "m", "mnd", "maand", "maanden"}
DAGEN = {"d", "dg", "dag", "dagen"}
WEKEN = {"w", "wk", "week", "weken"}
JAREN = {"j", "jr", "jaar", "jaren"}
GEEN_VERLENGING = {"", "nee", "n", "no", "geen", "false", "0", "eenmalig", "eindigt"}
AUTOMATISCH = {"ja", "j", "yes", "true", "automatisch", "stilzwijgend", "stilzwijgende"}


def bedrag(
    waarde: str, label: str, *, decimalen: int = 2, maximum: Decimal = MAX_BEDRAG
) -> Decimal:
    """'€ 1.234,56', '1234,56', '1,234.56' and '1234.56' -> Decimal('1234.56'), '80.000' ->
    80000; a negative, ambiguous ('1,234') or over-precise amount is an error naming `label`."""
    tekst = _GELDTEKENS.sub("", waarde)
    if tekst.startswith("-"):
        raise ValidationError(_("%(l)s '%(w)s' is negatief.") % {"l": label, "w": waarde})
    if _DUBBELZINNIG.match(tekst):
        raise ValidationError(
            _(
                "%(l)s '%(w)s' is dubbelzinnig (duizend of een komma-getal?); schrijf "
                "bijvoorbeeld 1234 of 1.234,00."
            )
            % {"l": label, "w": waarde}
        )
    if _NL.match(tekst):
        tekst = tekst.replace(".", "").replace(",", ".")
    elif _EN.match(tekst):
        tekst = tekst.replace(",", "")
    else:
        raise ValidationError(
            _("%(l)s '%(w)s' is geen bedrag (bijvoorbeeld 1.234,56 of 1234.56).")
            % {"l": label, "w": waarde}
        )
    try:
        getal = Decimal(tekst)
    except InvalidOperation as error:  # not reached: the patterns only pass numbers
        raise ValidationError(
            _("%(l)s '%(w)s' is geen getal.") % {"l": label, "w": waarde}
        ) from error
    if getal > maximum:  # before rounding: a 40-digit number would overflow the context
        raise ValidationError(_("%(l)s '%(w)s' is te groot.") % {"l": label, "w": waarde})
    stap = Decimal(1).scaleb(-decimalen)
    if getal != getal.quantize(stap):
        raise ValidationError(
            _("%(l)s '%(w)s' heeft meer dan %(n)s cijfers achter de komma.")
            % {"l": label, "w": waarde, "n": decimalen}
        )
    return getal.quantize(stap)


def datum(waarde: str, label: str) -> date:
    """'2025-01-31', '31-01-2025', '31/01/2025', '31.01.2025' or an Excel date cell."""
    tekst = waarde.strip()
    for formaat in DATUMFORMATEN:
        try:
            dag = datetime.strptime(tekst, formaat).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
        if EERSTE_JAAR <= dag.year <= LAATSTE_JAAR:
            return dag
        break
    raise ValidationError(
        _("%(l)s '%(w)s' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).")
        % {"l": label, "w": waarde}
    )


def opzegtermijn(waarde: str) -> tuple[int, str]:
    """'3', '3 maanden', '3 mnd' -> (3, maanden); '90 dagen' -> (90, dagen); '6 weken' -> 42
    days; '1 jaar' -> 12 months. Empty: no notice period."""
    tekst = " ".join(waarde.lower().split())
    if not tekst:
        return 0, TermijnEenheid.MAANDEN
    gevonden = _TERMIJN.match(tekst)
    eenheid = gevonden.group(2) if gevonden else None
    if gevonden and eenheid in MAANDEN | DAGEN | WEKEN | JAREN:
        aantal = int(gevonden.group(1))
        if eenheid in JAREN:
            aantal, eenheid = aantal * 12, "maanden"
        if eenheid in WEKEN:
            aantal, eenheid = aantal * 7, "dagen"
        if eenheid in MAANDEN and aantal <= MAX_MAANDEN:
            return aantal, TermijnEenheid.MAANDEN
        if eenheid in DAGEN and aantal <= MAX_DAGEN:
            return aantal, TermijnEenheid.DAGEN
    raise ValidationError(
        _("Opzegtermijn '%(w)s' is geen termijn (bijvoorbeeld 3, 3 maanden of 90 dagen).")
        % {"w": waarde}
    )


def _maanden(waarde: str) -> int | None:
    gevonden = _PERIODE.search(waarde.lower())
    if gevonden is None:
        return None
    aantal = int(gevonden.group(1))
    return aantal * 12 if (gevonden.group(2) or "") in JAREN else aantal


def verlenging(waarde: str, periode: str) -> tuple[str, int | None]:
    """('stilzwijgend', '12') or ('automatisch met 1 jaar', '') -> (automatisch, 12);
    ('nee', '') -> (geen, None). The period comes from its own column or from the text; a
    period without a renewal text means the contract renews."""
    tekst = " ".join(waarde.lower().split())
    periode = periode.strip()
    maanden = _maanden(periode) if periode else _maanden(tekst)
    if periode and maanden is None:
        raise ValidationError(
            _("Verlengingsperiode '%(w)s' is geen aantal maanden.") % {"w": periode}
        )
    if tekst in GEEN_VERLENGING and not (periode and not tekst):
        if periode:
            raise ValidationError(
                _("Verlenging is '%(w)s', maar er is een verlengingsperiode ingevuld.")
                % {"w": waarde}
            )
        return Verlenging.GEEN, None
    if tekst and not (set(re.findall(r"[a-z]+", tekst)) & AUTOMATISCH or _maanden(tekst)):
        raise ValidationError(
            _("Verlenging '%(w)s' is onbekend; gebruik ja (stilzwijgend) of nee.") % {"w": waarde}
        )
    if maanden is None:
        raise ValidationError(
            _("Stilzwijgende verlenging zonder verlengingsperiode: vul het aantal maanden in.")
        )
    if not 1 <= maanden <= MAX_MAANDEN:
        raise ValidationError(
            _("Een verlengingsperiode van %(n)s maanden kan niet (1 tot %(max)s).")
            % {"n": maanden, "max": MAX_MAANDEN}
        )
    return Verlenging.AUTOMATISCH, maanden


def contractsleutel(onderwerp: str, startdatum: date) -> tuple[str, date]:
    """Two contracts of one relation with this key are one contract (a file read twice)."""
    return normalise_for_search(onderwerp), startdatum


@dataclass(slots=True)
class Contractwaarden:
    onderwerp: str
    kenmerk: str
    omschrijving: str
    waarde: Decimal
    startdatum: date
    einddatum: date | None
    opzegtermijn: int
    opzegtermijn_eenheid: str
    verlenging: str
    verlengingsperiode_maanden: int | None
    eigenaar: Medewerker | None
    sr_uren_toegezegd: Decimal | None
    sr_bedrag_toegezegd: Decimal | None


@dataclass(slots=True, eq=False)
class GeplandContract:
    rij: int
    kandidaat: Kandidaat
    waarden: Contractwaarden


class Contractimport:
    """One run's contracts (soorten.Importdeel): the organisation's medewerkers and contracts
    are loaded once, so a row is checked and planned without queries."""

    def __init__(self, actor: Actor, afdeling: OrganisatorischeEenheid) -> None:
        self.actor = actor
        self.afdeling = afdeling
        self.medewerkers: dict[str, Medewerker] = {}
        self.inactief: set[str] = set()
        for medewerker in Medewerker.objects.filter(
            organisatie_id=actor.organisatie.pk
        ).select_related("user"):
            sleutels = {medewerker.email, medewerker.user.email, medewerker.user.username}
            for sleutel in {s.strip().lower() for s in sleutels if s}:
                if medewerker.actief:
                    self.medewerkers.setdefault(sleutel, medewerker)
                else:
                    self.inactief.add(sleutel)
        # partij id -> {contract key: contract number}; contract number -> (partij id, key).
        self.bestaand: dict[int, dict[tuple[str, date], str]] = {}
        self.kenmerken: dict[str, tuple[int, tuple[str, date]]] = {}
        rijen = Contract.objects.filter(organisatie_id=actor.organisatie.pk).values_list(
            "partij_id", "onderwerp", "startdatum", "kenmerk"
        )
        for partij_id, onderwerp, startdatum, kenmerk in rijen.iterator(chunk_size=2000):
            sleutel = contractsleutel(onderwerp, startdatum)
            self.bestaand.setdefault(partij_id, {})[sleutel] = kenmerk
            self.kenmerken[kenmerk.lower()] = (partij_id, sleutel)
        self.gepland: list[GeplandContract] = []
        self._in_bestand: dict[tuple[Kandidaat, tuple[str, date]], int] = {}
        self._kenmerken_in_bestand: dict[str, int] = {}

    # --- per row, no queries ---------------------------------------------------------------

    def controleren(self, rij: Rij, data: dict[str, str]) -> Contractwaarden | None:
        fouten_voor = len(rij.fouten)
        onderwerp = data.get("ct_onderwerp", "").strip()
        kenmerk = data.get("ct_kenmerk", "").strip()
        if not onderwerp:
            rij.fout(_("Het contract heeft geen onderwerp."))
        elif len(onderwerp) > MAX_ONDERWERP:
            rij.fout(
                _("Het onderwerp van het contract is langer dan %(n)s tekens.")
                % {"n": MAX_ONDERWERP}
            )
        if len(kenmerk) > MAX_KENMERK:
            rij.fout(_("Het contractnummer is langer dan %(n)s tekens.") % {"n": MAX_KENMERK})
        tekst = self._verplicht(rij, data, "ct_waarde", _("Het contract heeft geen waarde."))
        waarde = _of_fout(rij, lambda: bedrag(tekst, _("Contractwaarde"))) if tekst else None
        start = self._verplicht(rij, data, "ct_start", _("Het contract heeft geen startdatum."))
        startdatum = _of_fout(rij, lambda: datum(start, _("Startdatum"))) if start else None
        eind = data.get("ct_eind", "").strip()
        einddatum = _of_fout(rij, lambda: datum(eind, _("Einddatum"))) if eind else None
        if startdatum and einddatum and einddatum < startdatum:
            rij.fout(
                _("De einddatum %(eind)s ligt voor de startdatum %(start)s.")
                % {"eind": einddatum.strftime("%d-%m-%Y"), "start": startdatum.strftime("%d-%m-%Y")}
            )
        termijn = _of_fout(rij, lambda: opzegtermijn(data.get("ct_opzegtermijn", "")))
        verlengen = _of_fout(
            rij,
            lambda: verlenging(
                data.get("ct_verlenging", ""), data.get("ct_verlengingsperiode", "")
            ),
        )
        if verlengen and verlengen[0] == Verlenging.AUTOMATISCH and start and not eind:
            rij.fout(_("Een contract dat stilzwijgend verlengd wordt, heeft een einddatum nodig."))
        eigenaar = self._eigenaar(rij, data.get("ct_eigenaar", ""))
        uren = _of_fout(
            rij, lambda: _leeg_of(data.get("ct_sr_uren", ""), _("Social Return-uren"), 1, MAX_UREN)
        )
        sr_bedrag = _of_fout(
            rij,
            lambda: _leeg_of(
                data.get("ct_sr_bedrag", ""), _("Social Return-bedrag"), 2, MAX_BEDRAG
            ),
        )
        if len(rij.fouten) > fouten_voor:
            return None
        return Contractwaarden(
            onderwerp=onderwerp,
            kenmerk=kenmerk,
            omschrijving=data.get("ct_omschrijving", "").strip(),
            waarde=waarde,
            startdatum=startdatum,
            einddatum=einddatum,
            opzegtermijn=termijn[0],
            opzegtermijn_eenheid=termijn[1],
            verlenging=verlengen[0],
            verlengingsperiode_maanden=verlengen[1],
            eigenaar=eigenaar,
            sr_uren_toegezegd=uren,
            sr_bedrag_toegezegd=sr_bedrag,
        )

    @staticmethod
    def _verplicht(rij: Rij, data: dict[str, str], veld: str, melding: str) -> str:
        waarde = data.get(veld, "").strip()
        if not waarde:
            rij.fout(melding)
        return waarde

    def _eigenaar(self, rij: Rij, waarde: str) -> Medewerker | None:
        sleutel = waarde.strip().lower()
        if not sleutel:
            return None
        if sleutel in self.medewerkers:
            return self.medewerkers[sleutel]
        if sleutel in self.inactief:
            rij.fout(_("Contracteigenaar '%(w)s' is geen actieve medewerker meer.") % {"w": waarde})
        else:
            rij.fout(
                _(
                    "Contracteigenaar '%(w)s' is geen medewerker (gebruik het e-mailadres of "
                    "de gebruikersnaam)."
                )
                % {"w": waarde}
            )
        return None

    def plannen(self, rij: Rij, kandidaat: Kandidaat, waarden: Contractwaarden) -> None:
        sleutel = contractsleutel(waarden.onderwerp, waarden.startdatum)
        naam = waarden.onderwerp[:40]
        if kandidaat.bestaand and sleutel in self.bestaand.get(kandidaat.partij_pk, {}):
            rij.meldingen.append(
                _("contract %(o)s (start %(d)s) bestaat al als %(k)s; niet opnieuw toegevoegd")
                % {
                    "o": naam,
                    "d": _datum(waarden.startdatum),
                    "k": self.bestaand[kandidaat.partij_pk][sleutel],
                }
            )
            return
        eerder = self._in_bestand.get((kandidaat, sleutel))
        if eerder is not None:
            rij.meldingen.append(
                _("contract %(o)s (start %(d)s) staat ook op rij %(n)s; niet nog eens toegevoegd")
                % {"o": naam, "d": _datum(waarden.startdatum), "n": eerder}
            )
            return
        if waarden.kenmerk and not self._kenmerk_vrij(rij, waarden.kenmerk):
            return
        self._in_bestand[(kandidaat, sleutel)] = rij.nummer
        self.gepland.append(GeplandContract(rij=rij.nummer, kandidaat=kandidaat, waarden=waarden))
        rij.toegevoegd.append(_("contract %(o)s") % {"o": naam})

    def _kenmerk_vrij(self, rij: Rij, kenmerk: str) -> bool:
        sleutel = kenmerk.lower()
        if sleutel in self.kenmerken:
            rij.fout(
                _("Contractnummer %(k)s is al in gebruik voor een ander contract.") % {"k": kenmerk}
            )
            return False
        if sleutel in self._kenmerken_in_bestand:
            rij.fout(
                _("Contractnummer %(k)s staat ook op rij %(n)s, bij een ander contract.")
                % {"k": kenmerk, "n": self._kenmerken_in_bestand[sleutel]}
            )
            return False
        self._kenmerken_in_bestand[sleutel] = rij.nummer
        return True

    # --- writing, inside the import's transaction ------------------------------------------

    def vastleggen(self, plan: Plan) -> None:
        """Every planned contract through contract_create (checks, number, audit entry)."""
        if not self.gepland:
            return
        partijen = Partij.objects.in_bulk({g.kandidaat.partij_pk for g in self.gepland})
        toelichting = _("Migratie, rij %(n)s")
        for gepland in self.gepland:
            waarden = gepland.waarden
            velden: dict[str, Any] = {
                veld: getattr(waarden, veld)
                for veld in (
                    "omschrijving",
                    "einddatum",
                    "opzegtermijn",
                    "opzegtermijn_eenheid",
                    "verlenging",
                    "verlengingsperiode_maanden",
                    "sr_uren_toegezegd",
                    "sr_bedrag_toegezegd",
                )
            }
            if waarden.kenmerk:
                velden["kenmerk"] = waarden.kenmerk
            try:
                contract_create(
                    actor=plan.actor,
                    partij=partijen[gepland.kandidaat.partij_pk],
                    onderwerp=waarden.onderwerp,
                    waarde=waarden.waarde,
                    startdatum=waarden.startdatum,
                    eigenaar=waarden.eigenaar,
                    afdeling=self.afdeling,
                    toelichting=toelichting % {"n": gepland.rij},
                    **velden,
                )
            except ValidationError as error:
                raise ValidationError(
                    _("rij %(n)s: %(f)s") % {"n": gepland.rij, "f": " ".join(error.messages)}
                ) from error


def _datum(dag: date) -> str:
    return dag.strftime("%d-%m-%Y")


def _of_fout(rij: Rij, functie: Any) -> Any:  # noqa: ANN401
    """functie() or None, its ValidationError noted on the row."""
    try:
        return functie()
    except ValidationError as error:
        for melding in error.messages:
            rij.fout(melding)
        return None


def _leeg_of(waarde: str, label: str, decimalen: int, maximum: Decimal) -> Decimal | None:
    return bedrag(waarde, label, decimalen=decimalen, maximum=maximum) if waarde.strip() else None


def contractimport_starten(actor: Actor, afdeling: OrganisatorischeEenheid) -> Contractimport:
    return Contractimport(actor, afdeling)


IMPORTSOORT = Importsoort(
    naam="contract",
    velden=VELDEN,
    synoniemen=SYNONIEMEN,
    kernvelden=KERNVELDEN,
    zonder_naam=True,
    starten=contractimport_starten,
)
