"""The Schuldenknooppunt round trip with real files: saldoverzoeken go out as one batch file,
the creditors' double answers with opgaven, and those are applied to the debts through the shv
service; an answer file with one bad message is refused as a whole."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from raadhuis.modules.shv.koppelingen.adapters.skn import SknBestandsAdapter
from raadhuis.modules.shv.koppelingen.doubles.skn import SchuldeisersDouble
from raadhuis.modules.shv.koppelingen.models import SknBericht, SknBerichtStatus
from raadhuis.modules.shv.koppelingen.skn import (
    skn_antwoorden_verwerken,
    skn_betaalvoorstel_klaarzetten,
    skn_saldoverzoeken_klaarzetten,
    skn_versturen,
)
from raadhuis.modules.shv.models import SchuldStatus
from raadhuis.modules.shv.services import schuld_create, schuldeiser_create


@pytest.fixture
def schulden(ik, dossier):
    huur = schuldeiser_create(actor=ik, naam="Woonstichting De Liemers (fictief)")
    energie = schuldeiser_create(actor=ik, naam="Stroomgoed Energie (fictief)")
    return [
        schuld_create(
            actor=ik,
            dossier=dossier,
            schuldeiser=huur,
            kenmerk="HUUR-7",
            status=SchuldStatus.OPGEVRAAGD,
        ),
        schuld_create(
            actor=ik,
            dossier=dossier,
            schuldeiser=energie,
            kenmerk="E-42",
            status=SchuldStatus.OPGEVRAAGD,
        ),
    ]


def test_round_trip_saldoverzoek_to_opgave(ik, dossier, schulden, tmp_path):
    adapter = SknBestandsAdapter(tmp_path / "skn")
    schuldeisers = SchuldeisersDouble(
        tmp_path / "skn", saldi={"HUUR-7": Decimal("1250.00"), "E-42": Decimal("412.35")}
    )
    berichten = skn_saldoverzoeken_klaarzetten(actor=ik, dossier=dossier)
    assert len(berichten) == 2
    batch = skn_versturen(actor=ik, adapter=adapter)
    verzoekbestand = json.loads((tmp_path / "skn" / "uitgaand" / f"{batch}.json").read_text())
    assert verzoekbestand["formaat"] == "raadhuis-skn/1"
    assert {b["kenmerk"] for b in verzoekbestand["berichten"]} == {"HUUR-7", "E-42"}
    assert verzoekbestand["berichten"][0]["client"]["naam"]  # the creditor can find the client
    assert "bsn" not in json.dumps(verzoekbestand)  # creditors get no BSN
    assert skn_versturen(actor=ik, adapter=adapter) is None  # nothing queued twice

    antwoorden = schuldeisers.beantwoorden(op=date(2026, 11, 20))
    assert len(antwoorden) == 1
    uitkomst = skn_antwoorden_verwerken(actor=ik, adapter=adapter)
    assert uitkomst.opgaven == 2 and not uitkomst.fouten
    huur, energie = (s.__class__.objects.get(pk=s.pk) for s in schulden)
    assert (huur.status, huur.actueel_bedrag) == (SchuldStatus.OPGEGEVEN, Decimal("1250.00"))
    assert energie.actueel_bedrag == Decimal("412.35")
    assert huur.opgave_ontvangen_op == date(2026, 11, 20)
    assert SknBericht.objects.filter(status=SknBerichtStatus.BEANTWOORD).count() == 2
    assert (tmp_path / "skn" / "verwerkt" / antwoorden[0].name).exists()


def test_payment_proposal_gets_an_akkoord(ik, dossier, schulden, tmp_path):
    adapter = SknBestandsAdapter(tmp_path / "skn")
    skn_betaalvoorstel_klaarzetten(
        actor=ik, schuld=schulden[0], aangeboden_bedrag=Decimal("312.50")
    )
    skn_versturen(actor=ik, adapter=adapter)
    SchuldeisersDouble(tmp_path / "skn", akkoord={"HUUR-7": False}).beantwoorden()
    skn_antwoorden_verwerken(actor=ik, adapter=adapter)
    akkoord = SknBericht.objects.get(uitgaand=False)
    assert akkoord.soort == "akkoord" and akkoord.inhoud["akkoord"] is False
    assert akkoord.in_antwoord_op.status == SknBerichtStatus.BEANTWOORD


def test_answer_file_with_one_bad_message_is_refused_whole(ik, dossier, schulden, tmp_path):
    adapter = SknBestandsAdapter(tmp_path / "skn")
    skn_saldoverzoeken_klaarzetten(actor=ik, dossier=dossier)
    skn_versturen(actor=ik, adapter=adapter)
    [pad] = SchuldeisersDouble(tmp_path / "skn").beantwoorden()
    data = json.loads(pad.read_text())
    data["berichten"][1]["actueel_bedrag"] = "veel"
    pad.write_text(json.dumps(data))
    (tmp_path / "skn" / "inkomend" / "kapot.json").write_text("{geen json")
    uitkomst = skn_antwoorden_verwerken(actor=ik, adapter=adapter)
    assert uitkomst.opgaven == 0 and pad.name in uitkomst.fouten
    assert "geen bedrag" in uitkomst.fouten[pad.name][0]
    for schuld in schulden:
        schuld.refresh_from_db()
        assert schuld.status == SchuldStatus.OPGEVRAAGD and schuld.actueel_bedrag is None
    fout = tmp_path / "skn" / "fout"
    assert (fout / pad.name).exists() and (fout / f"{pad.name}.verslag.txt").exists()
    assert (fout / "kapot.json").exists()
