"""ERP invoices/payments import (issue 6 item 10) and the block on the relation page."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.modules.crm.migratie.erp import facturen_blok, facturen_importeren
from raadhuis.modules.crm.migratie.models import FactuurRegel
from raadhuis.modules.crm.models import RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"

EXPORT = (
    "Debiteurnummer;KvK-nummer;Factuurnummer;Factuurdatum;Bedrag;Openstaand;Betaald op\n"
    "D100;12345678;F2026-001;15-01-2026;1.210,00;0,00;2026-02-01\n"
    "D100;;F2026-002;2026-03-01;605,00;605,00;\n"
    "D100;;C2026-001;2026-03-05;-100,00;0;2026-03-05\n"
)


@pytest.fixture
def garage(am, afdeling_ez):
    return relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.BEDRIJF,
        naam="Garage Van Dijk",
        eenheid=afdeling_ez,
        kvk_nummer="12345678",
    )


def test_facturen_per_relatie_met_debiteurnummer_en_creditnota(crm_org, garage, am):
    systeem = Actor.system(crm_org)
    proef = facturen_importeren(actor=systeem, inhoud=EXPORT.encode(), bestandsnaam="unit4.csv")
    assert not proef.heeft_fouten, proef.as_dict()
    assert FactuurRegel.objects.count() == 0
    verslag = facturen_importeren(
        actor=systeem, inhoud=EXPORT.encode(), bestandsnaam="unit4.csv", proef=False
    )
    assert verslag.uitgevoerd
    assert [r.uitkomst for r in verslag.rijen] == ["nieuw", "nieuw", "nieuw"]
    eerste = FactuurRegel.objects.get(factuurnummer="F2026-001")
    assert eerste.partij_id == garage.partij_id
    assert eerste.bedrag == Decimal("1210.00")
    assert eerste.factuurdatum == date(2026, 1, 15)
    assert eerste.betaald_op == date(2026, 2, 1)
    # Row 3 has no KvK number: found by the debtor number of row 2.
    assert FactuurRegel.objects.get(factuurnummer="F2026-002").partij_id == garage.partij_id

    # Next night's export: the invoice is paid; the row updates, nothing doubles.
    betaald = EXPORT.replace("605,00;605,00;", "605,00;0,00;2026-03-20")
    verslag = facturen_importeren(
        actor=systeem, inhoud=betaald.encode(), bestandsnaam="unit4.csv", proef=False
    )
    assert verslag.aantal("samengevoegd") == 3
    assert FactuurRegel.objects.count() == 3
    assert FactuurRegel.objects.get(factuurnummer="F2026-002").openstaand == Decimal("0.00")

    blok = facturen_blok(am, garage.partij)
    assert blok["aantal"] == 3
    assert blok["openstaand"] == Decimal("0.00")


def test_alles_of_niets_en_nederlandse_fouten(crm_org, garage):
    export = EXPORT + "D999;87654321;F2026-009;31-02-2026;twaalf;;\n"
    verslag = facturen_importeren(
        actor=Actor.system(crm_org), inhoud=export.encode(), bestandsnaam="x.csv", proef=False
    )
    assert not verslag.uitgevoerd
    assert FactuurRegel.objects.count() == 0
    assert verslag.rijen[-1].fouten == [
        "Datum '31-02-2026' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).",
        "Geen relatie gevonden bij KvK-nummer '87654321' of debiteurnummer 'D999'.",
    ]
    verslag = facturen_importeren(
        actor=Actor.system(crm_org), inhoud=b"naam;bedrag\nx;1\n", bestandsnaam="x.csv"
    )
    assert verslag.algemene_fouten == [
        "Kolommen ontbreken: factuurnummer, datum, kvk/debiteurnummer."
    ]


def test_alleen_functioneel_beheer_importeert(am):
    with pytest.raises(ToegangGeweigerd):
        facturen_importeren(actor=am, inhoud=EXPORT.encode(), bestandsnaam="x.csv")


def test_cli_en_blok_op_de_relatiepagina(
    tmp_path, client, crm_org, garage, accountmanager, sportmedewerker
):
    bestand = tmp_path / "unit4.csv"
    bestand.write_text(EXPORT, encoding="utf-8")
    uit = io.StringIO()
    call_command("crm", "facturen", str(bestand), "--organisatie", crm_org.rsin, stdout=uit)
    assert json.loads(uit.getvalue())["uitgevoerd"] is True
    client.force_login(accountmanager.user, backend=BACKEND)
    html = client.get(reverse("crm:relatie", args=[garage.partij.uuid])).content.decode()
    assert "Facturen en betalingen" in html
    assert "F2026-002" in html
    assert "€ 1.210,00" in html
    # A medewerker of another department sees neither the relation nor its invoices.
    assert facturen_blok(Actor.for_medewerker(sportmedewerker), garage.partij) is None
