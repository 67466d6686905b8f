"""The BRP client against the local test double over real HTTP: the three query types, the
fields it asks for, and every way the BRP can fail (each a BrpFout with a Dutch message)."""

from __future__ import annotations

import socket
import threading
from datetime import date
from wsgiref.simple_server import make_server

import pytest
import requests

from raadhuis.kernel.integrations.brp import BrpClient, BrpFout, brp_client
from raadhuis.kernel.integrations.brp.client import FIELDS_RAADPLEGEN, FIELDS_ZOEKEN
from raadhuis.kernel.integrations.brp.double import (
    DOUBLE_API_KEY,
    BrpDouble,
    serve_in_thread,
    start_demo_double,
)


def test_lookup_by_bsn_gives_person_address_partner_and_children(brp_double):
    mohamed = brp_double.register.aanvrager("gezin")

    persoon = brp_client().persoon(mohamed.bsn)

    assert persoon is not None and persoon.volledig
    assert (persoon.naam, persoon.geslacht, persoon.geboortedatum) == (
        "Mohamed Testelink",
        "M",
        mohamed.geboortedatum,
    )
    assert str(persoon.adres) == "Testweg 7, 6903 ZC Zevenaar"
    assert [p.naam for p in persoon.partners] == ["Anouk de Namaak"]
    assert [k.naam for k in persoon.kinderen] == [
        "Noah Testelink",
        "Julia Testelink",
        "Sem Testelink",
    ]
    assert persoon.overlijdensdatum is None
    (vraag,) = brp_double.app.verzoeken
    assert vraag == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [mohamed.bsn],
        "fields": FIELDS_RAADPLEGEN,
    }


def test_an_unknown_bsn_is_none_not_an_error(brp_double):
    assert brp_client().persoon("123456782") is None


def test_a_lookup_by_bsn_includes_the_deceased(brp_double):
    register = brp_double.register
    henk = next(m for m in register.huishoudens["weduwe_aow"] if m.overlijdensdatum)

    persoon = brp_client().persoon(henk.bsn)

    assert persoon is not None and persoon.overleden
    assert persoon.overlijdensdatum == henk.overlijdensdatum


def test_search_by_surname_and_birth_date(brp_double):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")

    gevonden = brp_client().zoek(geslachtsnaam="Steekproef", geboortedatum=lotte.geboortedatum)

    assert [(p.bsn, p.naam, p.volledig) for p in gevonden] == [
        (lotte.bsn, "Lotte Maria Steekproef", False)
    ]
    assert gevonden[0].adresregels == ("Voorbeeldlaan 12A", "6902 ZB  ZEVENAAR")
    assert gevonden[0].adres is None and gevonden[0].kinderen == ()
    assert brp_double.app.verzoeken[-1]["fields"] == FIELDS_ZOEKEN


@pytest.mark.parametrize("naam", ["steekproef", "STEEKPROEF", "Steek*", "stéékproef"])
def test_surnames_match_regardless_of_case_and_accents_with_a_wildcard(brp_double, naam):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")

    gevonden = brp_client().zoek(geslachtsnaam=naam, geboortedatum=lotte.geboortedatum)

    assert [p.bsn for p in gevonden] == [lotte.bsn]


def test_search_with_a_prefix_matches_the_surname_without_it(brp_double):
    lars = brp_double.register.huishoudens["gezin_volwassen_kind"][2]

    client = brp_client()
    assert [
        p.naam
        for p in client.zoek(
            geslachtsnaam="Testen", voorvoegsel="van der", geboortedatum=lars.geboortedatum
        )
    ] == ["Lars van der Testen"]
    assert (
        client.zoek(geslachtsnaam="Testen", voorvoegsel="de", geboortedatum=lars.geboortedatum)
        == []
    )


def test_search_by_postcode_and_house_number_finds_everyone_living_there(brp_double):
    gevonden = brp_client().zoek(postcode="6903 zc", huisnummer=7)

    assert [p.voornamen for p in gevonden] == ["Mohamed", "Anouk", "Noah", "Julia", "Sem"]


def test_search_by_address_narrowed_by_surname(brp_double):
    gevonden = brp_client().zoek(postcode="6903ZC", huisnummer=7, geslachtsnaam="Namaak")

    assert [p.naam for p in gevonden] == ["Anouk de Namaak"]


def test_house_letter_and_addition_are_part_of_the_address(brp_double):
    client = brp_client()
    assert len(client.zoek(postcode="6902ZB", huisnummer=12, huisletter="A")) == 3
    assert client.zoek(postcode="6902ZB", huisnummer=12, huisletter="B") == []
    assert len(client.zoek(postcode="6987ZD", huisnummer=14, huisnummertoevoeging="2")) == 2


def test_a_search_leaves_the_deceased_out_unless_asked(brp_double):
    henk = next(m for m in brp_double.register.huishoudens["weduwe_aow"] if m.overlijdensdatum)
    client = brp_client()

    assert client.zoek(geslachtsnaam="Demozand", geboortedatum=henk.geboortedatum) == []
    met_overleden = client.zoek(
        geslachtsnaam="Demozand", geboortedatum=henk.geboortedatum, inclusief_overleden=True
    )
    assert [p.bsn for p in met_overleden] == [henk.bsn]


def test_a_birth_year_only_gives_no_birth_date(brp_double):
    yusuf = brp_double.register.aanvrager("geboortejaar")

    persoon = brp_client().persoon(yusuf.bsn)

    assert persoon is not None and persoon.geboortedatum is None
    assert persoon.leeftijd(date.today()) is None  # noqa: DTZ011 - any day will do


def test_nobody_found_is_an_empty_list(brp_double):
    assert brp_client().zoek(geslachtsnaam="Bestaatniet", geboortedatum=date(1980, 1, 1)) == []


def test_a_malformed_query_is_a_brp_error_naming_the_parameter(brp_double):
    with pytest.raises(BrpFout) as error:
        brp_client().zoek(geslachtsnaam="ab*", geboortedatum=date(1980, 1, 1))

    assert str(error.value) == "De BRP keurt de zoekvraag af (geslachtsnaam)."
    assert error.value.status == 400


def test_a_wrong_api_key_is_refused(brp_double):
    client = BrpClient(brp_double.url, "niet-de-sleutel")

    with pytest.raises(BrpFout) as error:
        client.persoon("999990007")

    assert error.value.status == 401
    assert "niet (goed) aangemeld" in str(error.value)


def test_an_outage_of_the_brp_is_reported_in_dutch(brp_double):
    brp_double.app.storing = True

    with pytest.raises(BrpFout) as error:
        brp_client().persoon("999990007")

    assert error.value.status == 503
    assert str(error.value) == (
        "De BRP is tijdelijk niet beschikbaar (HTTP 503). Probeer het later opnieuw."
    )


def test_a_double_that_is_down_is_unreachable():
    url, stop = serve_in_thread()
    stop()

    with pytest.raises(BrpFout) as error:
        BrpClient(url, DOUBLE_API_KEY, timeout=2).persoon("999990007")

    assert str(error.value) == (
        "De BRP is niet bereikbaar. Probeer het over een paar minuten opnieuw."
    )
    assert error.value.status is None


def test_a_brp_that_does_not_answer_in_time():
    # A socket that accepts connections (the kernel's backlog) but never answers.
    with socket.socket() as luisteraar:
        luisteraar.bind(("127.0.0.1", 0))
        luisteraar.listen(1)
        url = f"http://127.0.0.1:{luisteraar.getsockname()[1]}"

        with pytest.raises(BrpFout) as error:
            BrpClient(url, DOUBLE_API_KEY, timeout=0.3).persoon("999990007")

    assert "niet op tijd" in str(error.value)


def test_a_brp_that_is_not_configured(settings):
    settings.BRP_URL = ""

    with pytest.raises(BrpFout) as error:
        brp_client().persoon("999990007")

    assert "RAADHUIS_BRP_URL" in str(error.value)


def test_an_answer_that_is_not_the_specified_json():
    def html(environ, start_response):  # noqa: ANN001, ANN202
        start_response("200 OK", [("Content-Type", "text/html")])
        return [b"<html>proxy login</html>"]

    server = make_server("127.0.0.1", 0, html)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(BrpFout) as error:
            BrpClient(f"http://127.0.0.1:{server.server_port}", "x").persoon("999990007")
    finally:
        server.shutdown()
        server.server_close()

    assert "kan lezen" in str(error.value)


def test_the_double_serves_its_specification(brp_double):
    response = requests.get(f"{brp_double.url}/openapi.yaml", timeout=5)

    assert response.status_code == 200
    assert "title: BRP API Personen" in response.text


def test_the_client_runs_against_a_double_on_another_path():
    app = BrpDouble(base_path="/api/brp/v2")
    url, stop = serve_in_thread(app=app)
    try:
        client = BrpClient(url.replace("/haalcentraal/api/brp", "/api/brp/v2"), DOUBLE_API_KEY)
        assert client.persoon("999990007").naam == "Sanne Probeersel"
    finally:
        stop()


def test_the_demo_double_configures_an_unconfigured_brp_even_when_its_port_is_taken(settings):
    settings.BRP_URL = ""
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen(1)

        url = start_demo_double(port=bezet.getsockname()[1])

    assert settings.BRP_URL == url and settings.BRP_API_KEY == DOUBLE_API_KEY
    assert brp_client().persoon("999990007").naam == "Sanne Probeersel"

    # A BRP the operator configured is left alone.
    settings.BRP_URL = "https://brp.gemeente.example/api/brp"
    start_demo_double(port=0)
    assert settings.BRP_URL == "https://brp.gemeente.example/api/brp"
