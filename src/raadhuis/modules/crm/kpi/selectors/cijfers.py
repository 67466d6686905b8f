"""The KPI figures: the registry `KPIS` (per figure its rows, columns and how it is computed) and
the reads the screens, the export and the API make of it."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.kpi.selectors.bereik import (
    JA,
    NUL,
    Filter,
    KpiBereik,
    Periode,
    _gemiddelde,
    _procent,
    kpi_bereik,
)
from raadhuis.modules.crm.kpi.selectors.rijen import (
    _contract_rijen,
    _klacht_rijen,
    _lead_rijen,
    _opvolging_rijen,
    _reactietijd_rijen,
    _social_return_rijen,
    _tevredenheid_rijen,
)
from raadhuis.modules.crm.leads.models import FaseSoort
from raadhuis.modules.crm.selectors import relatie_get


# --- figures --------------------------------------------------------------------------------
def _reactietijd(rijen: list[dict[str, Any]]) -> Decimal | None:
    return _gemiddelde([r["werkdagen"] for r in rijen])


def _aandeel_ja(veld: str) -> Callable[[list[dict[str, Any]]], Decimal | None]:
    def waarde(rijen: list[dict[str, Any]]) -> Decimal | None:
        return _procent(sum(r[veld] == JA for r in rijen), len(rijen))

    return waarde


def _gemiddelde_score(rijen: list[dict[str, Any]]) -> Decimal | None:
    return _gemiddelde([r["score"] for r in rijen])


def _conversie(rijen: list[dict[str, Any]]) -> Decimal | None:
    return _procent(sum(r["uitkomst"] == FaseSoort.GEWONNEN for r in rijen), len(rijen))


def _aantal_lopend(rijen: list[dict[str, Any]]) -> Decimal | None:
    return Decimal(sum(r["lopend"] == JA for r in rijen))


def _sr(soort: str) -> Callable[[list[dict[str, Any]]], Decimal | None]:
    def waarde(rijen: list[dict[str, Any]]) -> Decimal | None:
        toegezegd = sum((r[f"{soort}_toegezegd"] for r in rijen), NUL)
        gerealiseerd = sum(
            (r[f"{soort}_gerealiseerd"] for r in rijen if r[f"{soort}_toegezegd"]), NUL
        )
        return _procent(gerealiseerd, toegezegd)

    return waarde


@dataclass(frozen=True)
class Kpi:
    code: str
    titel: Any
    eenheid: str  # "werkdagen", "%", "score", "aantal"
    uitleg: Any
    kolommen: tuple[tuple[str, Any], ...]
    rijen: Callable[[Filter], list[dict[str, Any]]]
    waarde: Callable[[list[dict[str, Any]]], Decimal | None]


_OPVOLG_KOLOMMEN = (
    ("referentie", _("Klantcontact")),
    ("kanaal", _("Kanaal")),
    ("afdeling", _("Afdeling")),
    ("contact_op", _("Contact op")),
    ("uiterste_datum", _("Uiterste datum opvolging")),
    ("afgerond_op", _("Opvolging afgerond op")),
    ("werkdagen", _("Werkdagen")),
    ("op_tijd", _("Op tijd")),
)

# Both Social Return figures show the same rows: each contract's promise and realisation.
SOCIAL_RETURN_KOLOMMEN = (
    ("referentie", _("Contract")),
    ("afdeling", _("Afdeling")),
    ("status", _("Status")),
    ("uren_toegezegd", _("Uren toegezegd")),
    ("uren_gerealiseerd", _("Uren gerealiseerd")),
    ("bedrag_toegezegd", _("Bedrag toegezegd (€)")),
    ("bedrag_gerealiseerd", _("Bedrag gerealiseerd (€)")),
)

KPIS: dict[str, Kpi] = {
    k.code: k
    for k in (
        Kpi(
            "reactietijd",
            _("Reactietijd"),
            "werkdagen",
            _(
                "Gemiddeld aantal werkdagen van het klantcontact tot de afgeronde opvolgtaak, "
                "voor klantcontacten in de periode."
            ),
            _OPVOLG_KOLOMMEN,
            _reactietijd_rijen,
            _reactietijd,
        ),
        Kpi(
            "opvolging_op_tijd",
            _("Opvolging op tijd"),
            "%",
            _(
                "Deel van de opvolgtaken dat uiterlijk op de uiterste datum is afgerond; een "
                "open taak na de uiterste datum telt als te laat."
            ),
            _OPVOLG_KOLOMMEN,
            _opvolging_rijen,
            _aandeel_ja("op_tijd"),
        ),
        Kpi(
            "klachten_binnen_termijn",
            _("Klachten binnen termijn"),
            "%",
            _(
                "Deel van de in de periode afgehandelde klachten dat binnen de (verlengde) "
                "termijn van de Awb is afgehandeld."
            ),
            (
                ("referentie", _("Klacht")),
                ("afdeling", _("Afdeling")),
                ("categorie", _("Categorie")),
                ("ontvangen_op", _("Ontvangen op")),
                ("uiterste_datum", _("Uiterste datum")),
                ("afgehandeld_op", _("Afgehandeld op")),
                ("binnen_termijn", _("Binnen termijn")),
            ),
            _klacht_rijen,
            _aandeel_ja("binnen_termijn"),
        ),
        Kpi(
            "tevredenheid",
            _("Tevredenheid"),
            "score",
            _("Gemiddelde score (1 tot 5) van de in de periode beantwoorde enquêtes."),
            (
                ("referentie", _("Over")),
                ("over", _("Soort")),
                ("afdeling", _("Afdeling")),
                ("beantwoord_op", _("Beantwoord op")),
                ("score", _("Score")),
                ("toelichting", _("Toelichting")),
            ),
            _tevredenheid_rijen,
            _gemiddelde_score,
        ),
        Kpi(
            "leadconversie",
            _("Leadconversie"),
            "%",
            _("Gewonnen leads als deel van de in de periode gewonnen en verloren leads."),
            (
                ("referentie", _("Lead")),
                ("pijplijn", _("Pijplijn")),
                ("afdeling", _("Afdeling")),
                ("uitkomst", _("Uitkomst")),
                ("waarde", _("Waarde (€)")),
                ("gesloten_op", _("Gesloten op")),
            ),
            _lead_rijen,
            _conversie,
        ),
        Kpi(
            "contracten_lopend",
            _("Lopende contracten"),
            "aantal",
            _(
                "Aantal contracten dat op de laatste dag van de periode loopt (ook: loopt "
                "binnenkort af, opgezegd). De rijen tonen alle contracten met hun status."
            ),
            (
                ("referentie", _("Contract")),
                ("afdeling", _("Afdeling")),
                ("status", _("Status")),
                ("lopend", _("Lopend")),
                ("startdatum", _("Startdatum")),
                ("einde", _("Einde huidige termijn")),
                ("waarde", _("Waarde (€)")),
            ),
            _contract_rijen,
            _aantal_lopend,
        ),
        Kpi(
            "social_return_uren",
            _("Social Return: uren"),
            "%",
            _("Gerealiseerde uren als deel van de toegezegde uren (tot het einde van de periode)."),
            SOCIAL_RETURN_KOLOMMEN,
            _social_return_rijen,
            _sr("uren"),
        ),
        Kpi(
            "social_return_bedrag",
            _("Social Return: bedrag"),
            "%",
            _(
                "Gerealiseerd bedrag als deel van het toegezegde bedrag (tot het einde van de "
                "periode)."
            ),
            SOCIAL_RETURN_KOLOMMEN,
            _social_return_rijen,
            _sr("bedrag"),
        ),
    )
}


def kpi_get(code: str) -> Kpi:
    try:
        return KPIS[code]
    except KeyError:
        raise NietGevonden(_("Deze KPI bestaat niet.")) from None


def kpi_kolommen(kpi: Kpi, bereik: KpiBereik) -> tuple[tuple[str, Any], ...]:
    if bereik.ziet_toelichting:
        return kpi.kolommen
    return tuple(k for k in kpi.kolommen if k[0] != "toelichting")


def kpi_filter(
    *, actor: Actor, periode: Periode, partij_uuid: uuid_module.UUID | str | None = None
) -> Filter:
    """The scope of a request; a relation filter checks the relation (and logs the read)."""
    bereik = kpi_bereik(actor)
    partij_id = None
    if partij_uuid:
        if not bereik.mag_per_relatie:
            raise ToegangGeweigerd(_("Alleen een medewerker bekijkt KPI's per relatie."))
        partij_id = relatie_get(actor=actor, partij_uuid=partij_uuid).partij_id
    return Filter(bereik=bereik, periode=periode, partij_id=partij_id)


@dataclass(frozen=True)
class Cijfer:
    kpi: Kpi
    afdeling_id: int | None  # None: all departments in scope
    afdeling: str
    waarde: Decimal | None
    aantal: int


def _cijfers_van(kpi: Kpi, rijen: list[dict[str, Any]]) -> list[Cijfer]:
    per_afdeling: dict[tuple[str, int | None], list[dict[str, Any]]] = {}
    for r in rijen:
        per_afdeling.setdefault((r["afdeling"], r["afdeling_id"]), []).append(r)
    totaal = Cijfer(kpi, None, str(_("Totaal")), kpi.waarde(rijen), len(rijen))
    return [totaal] + [
        Cijfer(kpi, afdeling_id, naam, kpi.waarde(groep), len(groep))
        for (naam, afdeling_id), groep in sorted(per_afdeling.items(), key=lambda i: i[0][0])
    ]


def kpi_cijfers(f: Filter) -> list[Cijfer]:
    """Every figure: per KPI the total and one per department that has rows."""
    cache: dict[Callable, list[dict[str, Any]]] = {}
    cijfers: list[Cijfer] = []
    for kpi in KPIS.values():
        if kpi.rijen not in cache:
            cache[kpi.rijen] = kpi.rijen(f)
        cijfers.extend(_cijfers_van(kpi, cache[kpi.rijen]))
    return cijfers


def kpi_rijen(f: Filter, kpi: Kpi, afdeling_id: int | None = None) -> list[dict[str, Any]]:
    """The rows behind one figure (of one department, or of all in scope)."""
    if afdeling_id is not None and f.bereik.eenheid_ids is not None:
        if afdeling_id not in f.bereik.eenheid_ids:
            raise ToegangGeweigerd(_("Deze afdeling valt buiten je bereik."))
    rijen = kpi.rijen(f)
    if afdeling_id is not None:
        rijen = [r for r in rijen if r["afdeling_id"] == afdeling_id]
    return rijen


def afdelingen_in_bereik(f: Filter) -> list[OrganisatorischeEenheid]:
    qs = OrganisatorischeEenheid.objects.filter(organisatie_id=f.bereik.organisatie_id)
    if f.bereik.eenheid_ids is not None:
        qs = qs.filter(pk__in=f.bereik.eenheid_ids)
    return list(qs.order_by("naam"))


def metingen_recent(*, actor: Actor, limit: int = 20) -> list[Tevredenheidsmeting]:
    """The latest survey invitations of the actor's departments (no names: references only)."""
    bereik = kpi_bereik(actor)
    qs = Tevredenheidsmeting.objects.filter(organisatie_id=bereik.organisatie_id).select_related(
        "eenheid"
    )
    if bereik.eenheid_ids is not None:
        qs = qs.filter(eenheid_id__in=bereik.eenheid_ids)
    return list(qs[:limit])
