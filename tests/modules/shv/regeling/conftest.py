"""Fixtures of the settlement tests: a dossier (from the shv fixtures: BRP double, intake) with
verified debts at three creditors, and a VTLB snapshot with a chosen afloscapaciteit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from raadhuis.modules.shv.models import Rangorde
from raadhuis.modules.shv.services import schuldeiser_create
from tests.modules.shv.regeling.helpers import schuld_geverifieerd, vtlb_met_capaciteit

ADRES = {"straatnaam": "Markt", "huisnummer": 1, "postcode": "6901AA", "woonplaats": "Zevenaar"}


@pytest.fixture
def schuldeisers(ik):
    """Three creditors: a housing corporation, an energy company and the tax office (preferent)."""
    return {
        "woning": schuldeiser_create(
            actor=ik,
            naam="Woonstichting Liemers (fictief)",
            email_correspondentie="incasso@woon.test",
            adres=ADRES,
        ),
        "energie": schuldeiser_create(
            actor=ik,
            naam="Energie Oost (fictief)",
            email_correspondentie="schulden@energie.test",
            adres=ADRES,
        ),
        "belasting": schuldeiser_create(
            actor=ik,
            naam="Belastingkantoor (fictief)",
            rangorde=Rangorde.PREFERENT,
            adres=ADRES,
        ),
    }


@pytest.fixture
def schulden(ik, dossier, schuldeisers):
    """€ 1,000, € 2,500 and € 6,500: € 10,000 in all, every debt concurrent."""
    return [
        schuld_geverifieerd(ik, dossier, schuldeisers["woning"], "1000.00", "HUUR-1"),
        schuld_geverifieerd(ik, dossier, schuldeisers["energie"], "2500.00", "EN-2"),
        schuld_geverifieerd(ik, dossier, schuldeisers["woning"], "6500.00", "HUUR-2"),
    ]


@pytest.fixture
def vtlb_150(ik, dossier):
    return vtlb_met_capaciteit(ik, dossier, Decimal("150.00"))
