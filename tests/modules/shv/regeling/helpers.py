"""Builders for the settlement tests: a VTLB snapshot with a chosen afloscapaciteit, a verified
debt, through the services of the VTLB and shv apps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from raadhuis.kernel.access.actor import Actor
from raadhuis.modules.shv.models import SchuldStatus, ShvDossier
from raadhuis.modules.shv.services import schuld_create, schuld_status_set
from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from raadhuis.modules.shv.vtlb.services import vtlb_bereken, vtlb_normen_ensure, vtlb_uitrekenen

PEILDATUM = date(2025, 7, 1)


def vtlb_invoer(netto_inkomen: Decimal) -> dict:
    return {
        "peildatum": PEILDATUM,
        "leefsituatie": "alleenstaand",
        "netto_inkomen": netto_inkomen,
        "woonlasten": Decimal("750.00"),
        "zorgpremie": Decimal("150.00"),
    }


def vtlb_met_capaciteit(actor: Actor, dossier: ShvDossier, capaciteit: Decimal) -> VtlbBerekening:
    """A stored VTLB calculation for the dossier whose afloscapaciteit is `capaciteit`: the
    net income is found by bisection (the capacity never falls as income rises)."""
    vtlb_normen_ensure(actor.organisatie)

    def capaciteit_bij(centen: int) -> Decimal:
        _versie, uitkomst = vtlb_uitrekenen(
            organisatie=actor.organisatie, invoer=vtlb_invoer(Decimal(centen) / 100)
        )
        return uitkomst.afloscapaciteit

    laag, hoog = 0, 1_000_000
    while laag < hoog:
        midden = (laag + hoog) // 2
        if capaciteit_bij(midden) < capaciteit:
            laag = midden + 1
        else:
            hoog = midden
    assert capaciteit_bij(laag) == capaciteit, f"no income gives a capacity of {capaciteit}"
    return vtlb_bereken(actor=actor, invoer=vtlb_invoer(Decimal(laag) / 100), zaak=dossier.zaak)


def schuld_geverifieerd(actor, dossier, schuldeiser, bedrag: str, kenmerk: str):  # noqa: ANN001,ANN201
    schuld = schuld_create(
        actor=actor,
        dossier=dossier,
        schuldeiser=schuldeiser,
        kenmerk=kenmerk,
        actueel_bedrag=Decimal(bedrag),
    )
    return schuld_status_set(actor=actor, schuld=schuld, status=SchuldStatus.GEVERIFIEERD)
