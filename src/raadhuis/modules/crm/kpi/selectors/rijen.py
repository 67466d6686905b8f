"""The rows behind each KPI figure, one function per source (contact moments, complaints,
surveys, leads, contracts, Social Return), each already limited to the actor's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Sum

from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_tussen
from raadhuis.kernel.workflow.models import TaakStatus
from raadhuis.modules.crm.contracten.models import Contract, SocialReturnRealisatie
from raadhuis.modules.crm.contracten.selectors import looptijd
from raadhuis.modules.crm.contracten.termijnen import (
    ContractStatus,
    contract_status,
    huidige_einddatum,
)
from raadhuis.modules.crm.klachten.models import Categorie, Klacht
from raadhuis.modules.crm.klachten.termijnen import termijn_toestand
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.kpi.selectors.bereik import JA, LOPEND, NEE, NUL, Filter, _lokaal
from raadhuis.modules.crm.leads.models import FaseSoort, Lead
from raadhuis.modules.crm.models import Klantcontact


# --- rows -----------------------------------------------------------------------------------
def _opvolgingen(f: Filter) -> list[dict[str, Any]]:
    """Contact moments in the period with a follow-up task, and when that task was done."""
    tz = f.bereik.tijdzone
    begin, einde = f.periode.grenzen(tz)
    vandaag_ = vandaag(tz)
    qs = (
        Klantcontact.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            taak__isnull=False,
            plaatsgevonden_op__gte=begin,
            plaatsgevonden_op__lt=einde,
        )
        .exclude(taak__status=TaakStatus.GEANNULEERD)
        .filter(f.eenheden("eenheid_id"), f.partij("partij_id"))
        .order_by("plaatsgevonden_op", "id")
    )
    rijen = []
    for r in qs.values(
        "referentienummer",
        "kanaal",
        "eenheid_id",
        "eenheid__naam",
        "plaatsgevonden_op",
        "taak__vervaldatum",
        "taak__afgerond_op",
    ):
        contact_op = _lokaal(r["plaatsgevonden_op"], tz)
        afgerond_op = _lokaal(r["taak__afgerond_op"], tz)
        uiterlijk = r["taak__vervaldatum"]
        if afgerond_op is not None:
            op_tijd = JA if afgerond_op <= uiterlijk else NEE
        else:
            op_tijd = NEE if vandaag_ > uiterlijk else ""
        rijen.append(
            {
                "referentie": r["referentienummer"],
                "kanaal": r["kanaal"],
                "afdeling_id": r["eenheid_id"],
                "afdeling": r["eenheid__naam"] or "",
                "contact_op": contact_op,
                "uiterste_datum": uiterlijk,
                "afgerond_op": afgerond_op,
                "werkdagen": None
                if afgerond_op is None
                else werkdagen_tussen(contact_op, afgerond_op),
                "op_tijd": op_tijd,
            }
        )
    return rijen


def _reactietijd_rijen(f: Filter) -> list[dict[str, Any]]:
    return [r for r in _opvolgingen(f) if r["afgerond_op"] is not None]


def _opvolging_rijen(f: Filter) -> list[dict[str, Any]]:
    return [r for r in _opvolgingen(f) if r["op_tijd"]]


def _klacht_rijen(f: Filter) -> list[dict[str, Any]]:
    """Complaints closed in the period, handled within their (extended) term or not."""
    qs = (
        Klacht.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            afgehandeld_op__gte=f.periode.van,
            afgehandeld_op__lte=f.periode.tot,
        )
        .filter(f.eenheden("afdeling_id"), f.partij("klager_id"))
        .order_by("afgehandeld_op", "id")
    )
    labels = dict(Categorie.choices)
    rijen = []
    for r in qs.values(
        "zaak__identificatie",
        "afdeling_id",
        "afdeling__naam",
        "categorie",
        "ontvangen_op",
        "afgehandeld_op",
        "uiterlijk_oorspronkelijk",
        "verdaagd_tot",
        "uitstel_tot",
    ):
        uiterlijk = r["uitstel_tot"] or r["verdaagd_tot"] or r["uiterlijk_oorspronkelijk"]
        toestand = termijn_toestand(uiterlijk, r["afgehandeld_op"], f.periode.tot)
        rijen.append(
            {
                "referentie": r["zaak__identificatie"],
                "afdeling_id": r["afdeling_id"],
                "afdeling": r["afdeling__naam"] or "",
                "categorie": str(labels.get(r["categorie"], r["categorie"])),
                "ontvangen_op": r["ontvangen_op"],
                "uiterste_datum": uiterlijk,
                "afgehandeld_op": r["afgehandeld_op"],
                "binnen_termijn": JA if toestand == "binnen" else NEE,
            }
        )
    return rijen


def _tevredenheid_rijen(f: Filter) -> list[dict[str, Any]]:
    tz = f.bereik.tijdzone
    begin, einde = f.periode.grenzen(tz)
    qs = (
        Tevredenheidsmeting.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            beantwoord_op__gte=begin,
            beantwoord_op__lt=einde,
            score__isnull=False,
        )
        .filter(f.eenheden("eenheid_id"), f.partij("partij_id"))
        .order_by("beantwoord_op", "id")
    )
    rijen = []
    for r in qs.values(
        "referentie",
        "klantcontact_id",
        "eenheid_id",
        "eenheid__naam",
        "beantwoord_op",
        "score",
        "opmerking",
    ):
        rij = {
            "referentie": r["referentie"],
            "over": "klantcontact" if r["klantcontact_id"] else "zaak",
            "afdeling_id": r["eenheid_id"],
            "afdeling": r["eenheid__naam"] or "",
            "beantwoord_op": _lokaal(r["beantwoord_op"], tz),
            "score": r["score"],
        }
        if f.bereik.ziet_toelichting:
            rij["toelichting"] = r["opmerking"]
        rijen.append(rij)
    return rijen


def _lead_rijen(f: Filter) -> list[dict[str, Any]]:
    """Leads won or lost in the period (the rule of leads.selectors.lead_conversie)."""
    qs = (
        Lead.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            fase__soort__in=[FaseSoort.GEWONNEN, FaseSoort.VERLOREN],
            gesloten_op__gte=f.periode.van,
            gesloten_op__lte=f.periode.tot,
        )
        .filter(f.eenheden("afdeling_id"), f.partij("partij_id"))
        .order_by("gesloten_op", "id")
    )
    return [
        {
            "referentie": r["kenmerk"],
            "pijplijn": r["pipeline__naam"],
            "afdeling_id": r["afdeling_id"],
            "afdeling": r["afdeling__naam"] or "",
            "uitkomst": r["fase__soort"],
            "waarde": r["waarde"],
            "gesloten_op": r["gesloten_op"],
        }
        for r in qs.values(
            "kenmerk",
            "pipeline__naam",
            "afdeling_id",
            "afdeling__naam",
            "fase__soort",
            "waarde",
            "gesloten_op",
        )
    ]


def _contracten(f: Filter, alleen_social_return: bool) -> list[tuple[Contract, str]]:
    qs = (
        Contract.objects.filter(organisatie_id=f.bereik.organisatie_id)
        .filter(f.eenheden("afdeling_id"), f.partij("partij_id"))
        .select_related("afdeling")
        .order_by("kenmerk", "id")
    )
    if alleen_social_return:
        qs = qs.filter(Q(sr_uren_toegezegd__gt=0) | Q(sr_bedrag_toegezegd__gt=0))
    peildatum = f.periode.tot
    return [(c, contract_status(looptijd(c), peildatum)) for c in qs]


def _contract_rijen(f: Filter) -> list[dict[str, Any]]:
    """Every contract in scope with its status on the last day of the period."""
    peildatum = f.periode.tot
    return [
        {
            "referentie": c.kenmerk,
            "afdeling_id": c.afdeling_id,
            "afdeling": c.afdeling.naam if c.afdeling else "",
            "status": status,
            "lopend": JA if status in LOPEND else NEE,
            "startdatum": c.startdatum,
            "einde": huidige_einddatum(looptijd(c), peildatum),
            "waarde": c.waarde,
        }
        for c, status in _contracten(f, alleen_social_return=False)
    ]


def _social_return_rijen(f: Filter) -> list[dict[str, Any]]:
    """Started contracts with a Social Return obligation; realisations up to the period's end."""
    contracten = [
        (c, s)
        for c, s in _contracten(f, alleen_social_return=True)
        if s != ContractStatus.NOG_NIET_GESTART
    ]
    sommen = {
        r["contract_id"]: (r["u"] or NUL, r["b"] or NUL)
        for r in SocialReturnRealisatie.objects.filter(
            contract_id__in=[c.pk for c, _s in contracten], datum__lte=f.periode.tot
        )
        .values("contract_id")
        .annotate(u=Sum("uren"), b=Sum("bedrag"))
    }
    rijen = []
    for c, status in contracten:
        uren, bedrag = sommen.get(c.pk, (NUL, NUL))
        rijen.append(
            {
                "referentie": c.kenmerk,
                "afdeling_id": c.afdeling_id,
                "afdeling": c.afdeling.naam if c.afdeling else "",
                "status": status,
                "uren_toegezegd": c.sr_uren_toegezegd or NUL,
                "uren_gerealiseerd": uren,
                "bedrag_toegezegd": c.sr_bedrag_toegezegd or NUL,
                "bedrag_gerealiseerd": bedrag,
            }
        )
    return rijen
