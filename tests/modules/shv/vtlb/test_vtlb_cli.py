"""`raadhuis vtlb FILE.json` and `raadhuis verdeling FILE.json`: the same JSON as the API on
standard output, a Dutch message and a non-zero exit status on bad input.

The commands run in this process with call_command: the real entry point
(raadhuis.conf.cli.main) closes the database connections when a command is done
(BaseCommand.run_from_argv), which would end the test's transaction on PostgreSQL. That the
entry point knows both commands is tested on its own, without a database."""

from __future__ import annotations

import json
import sys
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from raadhuis.conf.cli import ALIASES, main
from raadhuis.modules.shv.vtlb.models import NormBedrag, VtlbBerekening
from raadhuis.modules.shv.vtlb.normen import NormSleutel
from raadhuis.modules.shv.vtlb.services import vtlb_normen_ensure
from tests.modules.shv.vtlb.conftest import inloggen
from tests.modules.shv.vtlb.test_vtlb_api import AANVRAAG, VTLB


def bestand(tmp_path, inhoud) -> str:
    pad = tmp_path / "invoer.json"
    pad.write_text(inhoud if isinstance(inhoud, str) else json.dumps(inhoud), encoding="utf-8")
    return str(pad)


def raadhuis(*args: str) -> int:
    naam = ALIASES.get(args[0], args[0].replace("-", "_"))
    try:
        call_command(naam, *args[1:])
    except CommandError as fout:
        sys.stderr.write(f"{fout}\n")
        return fout.returncode
    except SystemExit as einde:
        return int(einde.code or 0)
    return 0


@pytest.mark.parametrize("commando", ["vtlb", "verdeling"])
def test_the_raadhuis_entry_point_knows_the_command(capsys, commando):
    with pytest.raises(SystemExit) as einde:
        main(["raadhuis", commando, "--help"])
    assert einde.value.code == 0
    assert f"usage: raadhuis {commando}" in capsys.readouterr().out


@pytest.mark.django_db
def test_vtlb_geeft_hetzelfde_resultaat_als_de_api(tmp_path, capsys, org, consulent):
    api = inloggen(APIClient(), consulent).post(VTLB, AANVRAAG, format="json").json()
    assert raadhuis("vtlb", bestand(tmp_path, AANVRAAG), "--organisatie", org.rsin) == 0
    uitvoer = json.loads(capsys.readouterr().out)
    assert uitvoer == {k: v for k, v in api.items() if k not in ("uuid", "url", "pdf")}
    assert VtlbBerekening.objects.count() == 1  # the command line stored nothing


@pytest.mark.django_db
def test_vtlb_gebruikt_de_normen_van_de_organisatie(tmp_path, capsys, org):
    vtlb_normen_ensure(org)
    NormBedrag.objects.filter(
        normversie__organisatie=org, sleutel=NormSleutel.CORRECTIE_EIGEN_RISICO
    ).update(bedrag=D("40.00"))
    invoer = {"peildatum": "2024-03-01", "leefsituatie": "alleenstaand", "netto_inkomen": "1100"}
    assert raadhuis("vtlb", bestand(tmp_path, invoer), "--organisatie", org.rsin) == 0
    assert json.loads(capsys.readouterr().out)["vtlb"] == "1085.00"  # 1045.00 + 40.00
    # Without --organisatie and without a demo organisation: the published norms.
    assert raadhuis("vtlb", bestand(tmp_path, invoer)) == 0
    assert json.loads(capsys.readouterr().out)["vtlb"] == "1077.08"  # 1045.00 + 32.08


@pytest.mark.django_db
def test_vtlb_opslaan(tmp_path, capsys, org):
    invoer = {"peildatum": "2024-03-01", "leefsituatie": "alleenstaand", "netto_inkomen": "1100"}
    assert raadhuis("vtlb", bestand(tmp_path, invoer), "--organisatie", org.rsin, "--opslaan") == 0
    uitvoer = json.loads(capsys.readouterr().out)
    berekening = VtlbBerekening.objects.get(uuid=uitvoer["uuid"])
    assert berekening.actor_type == "systeem"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("{niet json", "geen geldige JSON"),
        ("[1, 2]", "JSON-object"),
        ({"peildatum": "morgen", "leefsituatie": "alleenstaand"}, "peildatum"),
        ({"peildatum": "2024-03-01", "leefsituatie": "alleenstaand"}, "netto_inkomen"),
        (
            {"peildatum": "2023-01-01", "leefsituatie": "alleenstaand", "netto_inkomen": "1"},
            "Er is geen normversie voor deze peildatum",
        ),
    ],
)
def test_vtlb_ongeldige_invoer(tmp_path, capsys, org, inhoud, melding):
    assert raadhuis("vtlb", bestand(tmp_path, inhoud), "--organisatie", org.rsin) == 1
    fout = capsys.readouterr().err
    assert melding in fout


@pytest.mark.django_db
def test_vtlb_onbekende_organisatie_en_ontbrekend_bestand(tmp_path, capsys, db):
    invoer = {"peildatum": "2024-03-01", "leefsituatie": "alleenstaand", "netto_inkomen": "1"}
    assert raadhuis("vtlb", bestand(tmp_path, invoer), "--organisatie", "999999990") == 1
    assert "Er is geen organisatie met RSIN 999999990" in capsys.readouterr().err
    assert raadhuis("vtlb", str(tmp_path / "bestaat-niet.json")) == 1
    assert "Bestand niet gevonden" in capsys.readouterr().err


@pytest.mark.django_db
def test_verdeling(tmp_path, capsys, db):
    invoer = {
        "totaal": "900.00",
        "schulden": [
            {"id": "a", "bedrag": "1000.00"},
            {"id": "b", "bedrag": "2000.00"},
            {"id": "c", "bedrag": "3000.00"},
        ],
    }
    assert raadhuis("verdeling", bestand(tmp_path, invoer)) == 0
    uitvoer = json.loads(capsys.readouterr().out)
    assert [s["aandeel"] for s in uitvoer["schulden"]] == ["150.00", "300.00", "450.00"]
    assert uitvoer["percentage"] == "15.00"


@pytest.mark.django_db
def test_verdeling_ongeldig(tmp_path, capsys, db):
    assert raadhuis("verdeling", bestand(tmp_path, {"totaal": "10", "schulden": []})) == 1
    assert "schulden" in capsys.readouterr().err
