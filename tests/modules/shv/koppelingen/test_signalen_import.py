"""Reading signals into the queue: all or nothing with a Dutch report per row, and the same
address and source within three months counts once."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.shv.koppelingen.models import Signaal, SignaalBron
from raadhuis.modules.shv.koppelingen.services import signalen_importeren

KOP = "bron;bron_naam;kenmerk;datum;achterstand;maanden_achterstand;straatnaam;huisnummer;huisletter;toevoeging;postcode;woonplaats;naam;bsn\n"  # noqa: E501
GOED = "woningcorporatie;Vivare;V-1;2026-09-01;1.250,00;3;Voorbeeldstraat;7;;;6903 ZC;Zevenaar;M. Testelink;999990056\n"  # noqa: E501
ENERGIE = "energie;Stroomgoed;E-9;01-10-2026;412,35;2;Proefweg;3;;;6901AB;Zevenaar;;\n"


def _csv(*regels: str) -> bytes:
    return (KOP + "".join(regels)).encode()


def test_good_file_fills_the_queue(signaal_actor):
    verslag = signalen_importeren(
        actor=signaal_actor, inhoud=_csv(GOED, ENERGIE), bestandsnaam="ris.csv"
    )
    assert verslag.uitgevoerd and not verslag.heeft_fouten
    assert verslag.aantal("nieuw") == 2
    huur = Signaal.objects.get(bron=SignaalBron.WONINGCORPORATIE)
    assert huur.achterstand_bedrag == Decimal("1250.00")
    assert (huur.postcode, huur.huisnummer, huur.bsn) == ("6903ZC", 7, "999990056")
    assert huur.signaaldatum == date(2026, 9, 1)
    energie = Signaal.objects.get(bron=SignaalBron.ENERGIE)
    assert energie.signaaldatum == date(2026, 10, 1)  # dd-mm-yyyy read the Dutch way
    assert energie.achterstand_bedrag == Decimal("412.35")
    assert AuditEntry.objects.filter(actie="signaal_geimporteerd").count() == 2


def test_one_bad_row_writes_nothing_and_reports_per_row(signaal_actor):
    slecht = "gemeente;X;;2026-13-01;veel;0;Straat;;;;1234;Zevenaar;;123456789\n"
    verslag = signalen_importeren(
        actor=signaal_actor, inhoud=_csv(GOED, slecht, ENERGIE), bestandsnaam="ris.csv"
    )
    assert not verslag.uitgevoerd and verslag.heeft_fouten
    assert Signaal.objects.count() == 0
    rij = verslag.rijen[1]
    assert rij.bron == "ris.csv rij 3"
    tekst = " ".join(rij.fouten)
    assert "Bron 'gemeente' is onbekend" in tekst
    assert "Datum '2026-13-01' is geen datum" in tekst
    assert "Achterstand 'veel' is geen bedrag" in tekst
    assert "Maanden achterstand '0'" in tekst
    assert "Huisnummer ontbreekt" in tekst
    assert "Postcode '1234' is geen Nederlandse postcode" in tekst
    assert "elfproef" in tekst
    assert [r.uitkomst for r in verslag.rijen] == ["nieuw", "fout", "nieuw"]
    assert "Er is niets ingelezen" in verslag.samenvatting()


def test_same_address_and_source_within_three_months_is_a_duplicate(signaal_actor):
    signalen_importeren(actor=signaal_actor, inhoud=_csv(GOED), bestandsnaam="a.csv")
    # 1 September - 3 months = 1 June: 1 June is the same signal, 31 May a new one.
    binnen = GOED.replace("2026-09-01", "2026-06-01").replace("V-1", "V-2")
    ander_bron = GOED.replace("woningcorporatie", "water")
    buiten = GOED.replace("2026-09-01", "2026-05-31")
    verslag = signalen_importeren(
        actor=signaal_actor,
        inhoud=_csv(binnen, ander_bron, buiten, ander_bron),
        bestandsnaam="b.csv",
    )
    assert [r.uitkomst for r in verslag.rijen] == ["dubbel", "nieuw", "nieuw", "dubbel"]
    assert Signaal.objects.count() == 3


def test_json_file_and_dry_run(signaal_actor):
    data = {
        "signalen": [
            {
                "bron": "zorgverzekeraar",
                "datum": "2026-10-15",
                "achterstand": 688,
                "maanden_achterstand": 5,
                "postcode": "6903EF",
                "huisnummer": 21,
            }
        ]
    }
    verslag = signalen_importeren(
        actor=signaal_actor,
        inhoud=json.dumps(data).encode(),
        bestandsnaam="ris.json",
        proef=True,
    )
    assert verslag.aantal("nieuw") == 1 and not verslag.uitgevoerd
    assert Signaal.objects.count() == 0
    assert "Proefimport" in verslag.samenvatting()


def test_unreadable_file_gives_one_sentence(signaal_actor):
    verslag = signalen_importeren(actor=signaal_actor, inhoud=b"{nope", bestandsnaam="x.json")
    assert verslag.algemene_fouten and "geen geldige JSON" in verslag.algemene_fouten[0]


@pytest.mark.django_db
def test_command_reads_a_file_and_fails_on_errors(shv_org, tmp_path):
    goed = tmp_path / "ris.csv"
    goed.write_bytes(_csv(GOED))
    call_command("signalen_importeren", str(goed))
    assert Signaal.objects.filter(organisatie=shv_org).count() == 1
    slecht = tmp_path / "slecht.csv"
    slecht.write_bytes(_csv(ENERGIE.replace("412,35", "x")))
    with pytest.raises(CommandError, match="niets ingelezen"):
        call_command("signalen_importeren", str(slecht))
    assert Signaal.objects.count() == 1
