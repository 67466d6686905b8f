"""The KvK client against the local test double over real HTTP: search, Basisprofiel, owner,
main branch, branch list, the KvK's "nothing found" answers, and every way the KvK can fail
(each a KvkFout with a Dutch message).

The fixtures `kvk_double_server` (session) and `kvk_double` (per test: points Django's KVK
settings at the double) live here; other test modules import them:

    from tests.kernel import test_kvk_client

    kvk_double_server = test_kvk_client.kvk_double_server
    kvk_double = test_kvk_client.kvk_double
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import date
from wsgiref.simple_server import make_server

import pytest
import requests

from raadhuis.kernel.integrations.kvk import KvkClient, KvkFout, kvk_client
from raadhuis.kernel.integrations.kvk.client import basisprofiel_from_json, zoekpagina_from_json
from raadhuis.kernel.integrations.kvk.double import (
    DOUBLE_API_KEY,
    KvkDouble,
    serve_in_thread,
    start_demo_double,
)
from raadhuis.kernel.integrations.kvk.spec import VOORBEELD_BASISPROFIEL, VOORBEELD_ZOEKEN
from raadhuis.kernel.integrations.kvk.testdata import Register, kvk_nummer, vestigingsnummer


class RunningKvkDouble(str):
    """The base URL of the running double, with the app behind it (`.app.storing = True`
    simulates an outage, `.register` holds the companies, `.app.verzoeken` the requests)."""

    app: KvkDouble

    def __new__(cls, url: str, app: KvkDouble) -> RunningKvkDouble:
        running = super().__new__(cls, url)
        running.app = app
        return running

    @property
    def register(self) -> Register:
        return self.app.register


@pytest.fixture(scope="session")
def kvk_double_server() -> Iterator[RunningKvkDouble]:
    app = KvkDouble()
    url, stop = serve_in_thread(app=app)
    yield RunningKvkDouble(url, app)
    stop()


@pytest.fixture
def kvk_double(kvk_double_server: RunningKvkDouble, settings) -> Iterator[RunningKvkDouble]:  # noqa: ANN001
    settings.KVK_URL = str(kvk_double_server)
    settings.KVK_API_KEY = DOUBLE_API_KEY
    settings.KVK_TIMEOUT_SECONDS = 5
    kvk_double_server.app.storing = False
    kvk_double_server.app.verzoeken.clear()
    yield kvk_double_server
    kvk_double_server.app.storing = False


TESTOVEN = "98000011"


# --- search ----------------------------------------------------------------------------------


def test_search_by_name_finds_the_legal_entity_and_every_branch(kvk_double):
    pagina = kvk_client().zoeken(handelsnaam="testoven")

    assert pagina.totaal == 3 and not pagina.heeft_volgende
    assert [(r.type, r.handelsnaam, r.vestigingsnummer) for r in pagina.resultaten] == [
        ("rechtspersoon", "Proefbakkerij De Testoven B.V.", ""),
        ("hoofdvestiging", "Bakkerij De Testoven", vestigingsnummer(1, 0)),
        ("nevenvestiging", "Testoven Lunchroom", vestigingsnummer(1, 1)),
    ]
    hoofd = pagina.resultaten[1]
    assert hoofd.adres == "Proefstraat 12, 5211 ZA 's-Hertogenbosch"
    assert pagina.resultaten[2].huisnummer_toevoeging == "A"
    assert {r.kvk_nummer for r in pagina.resultaten} == {TESTOVEN}
    path, query = kvk_double.app.verzoeken[-1]
    assert path == "/v1/zoeken"
    assert query == {"handelsnaam": "testoven", "pagina": "1", "aantal": "10"}


def test_names_match_regardless_of_case_and_accents_and_an_expired_name_is_marked(kvk_double):
    assert kvk_client().zoeken(handelsnaam="TÉSTOVEN LUNCH").totaal == 1

    oud = kvk_client().zoeken(handelsnaam="oefenmeel", types=["rechtspersoon"])

    assert [(r.kvk_nummer, r.vervallen_naam) for r in oud.resultaten] == [
        (TESTOVEN, "Broodbakkerij Oefenmeel")
    ]


def test_search_by_postcode_and_house_number(kvk_double):
    pagina = kvk_client().zoeken(postcode="5212 zb", huisnummer=3)

    assert [(r.handelsnaam, r.type) for r in pagina.resultaten] == [
        ("Testoven Lunchroom", "nevenvestiging")
    ]


def test_search_by_place_pages_through_the_results(kvk_double):
    client = kvk_client()
    alles = client.zoeken(plaats="Zevenaar", aantal=100)
    eerste = client.zoeken(plaats="Zevenaar", aantal=2)
    tweede = client.zoeken(plaats="Zevenaar", aantal=2, pagina=2)

    assert alles.totaal == eerste.totaal == tweede.totaal > 4
    assert eerste.heeft_volgende and not eerste.heeft_vorige and tweede.heeft_vorige
    assert eerste.resultaten + tweede.resultaten == alles.resultaten[:4]
    assert all(r.plaats == "Zevenaar" for r in alles.resultaten)


def test_inactive_registrations_only_when_asked(kvk_double):
    client = kvk_client()

    assert client.zoeken(handelsnaam="Schetsgroep Schoonmaak").totaal == 0
    inactief = client.zoeken(handelsnaam="Schetsgroep Schoonmaak", inclusief_inactief=True)

    assert inactief.totaal == 2
    assert {r.actief for r in inactief.resultaten} == {False}


def test_a_shielded_address_is_not_in_the_search_result(kvk_double):
    (hit,) = kvk_client().zoeken(handelsnaam="Monsterdijk Thuiszorg").resultaten

    assert (hit.straatnaam, hit.postcode, hit.plaats) == ("", "", "Zevenaar")
    op_straat = kvk_client().zoeken(straatnaam="Monsterdreef", plaats="Zevenaar", aantal=100)
    assert "Monsterdijk Thuiszorg" not in {r.handelsnaam for r in op_straat.resultaten}


def test_nothing_found_is_an_empty_page_not_an_error(kvk_double):
    pagina = kvk_client().zoeken(handelsnaam="Bestaat Echt Niet")

    assert (pagina.totaal, pagina.resultaten) == (0, ())


def test_the_client_refuses_half_an_address_or_no_criterion_before_asking():
    client = KvkClient("http://127.0.0.1:9", "x")
    with pytest.raises(ValueError, match="together"):
        client.zoeken(postcode="5211ZA")
    with pytest.raises(ValueError, match="criterion"):
        client.zoeken()
    with pytest.raises(ValueError, match="8 digits"):
        client.basisprofiel("1234")


# --- Basisprofiel ----------------------------------------------------------------------------


def test_basisprofiel_with_names_sbi_main_branch_and_owner(kvk_double):
    profiel = kvk_client().basisprofiel(TESTOVEN, geo_data=True)

    assert profiel is not None and profiel.actief
    assert profiel.naam == profiel.statutaire_naam == "Proefbakkerij De Testoven B.V."
    assert profiel.handelsnamen == ("Proefbakkerij De Testoven B.V.", "Bakkerij De Testoven")
    assert [(a.code, a.hoofdactiviteit) for a in profiel.sbi_activiteiten] == [
        ("1071", True),
        ("5610", False),
    ]
    assert profiel.formele_registratiedatum == date(2012, 3, 1)
    assert profiel.rechtsvorm == "Besloten Vennootschap"
    assert profiel.rsin == kvk_double.register.get(TESTOVEN).rsin
    hoofd = profiel.hoofdvestiging
    assert hoofd is not None and hoofd.hoofdvestiging
    assert hoofd.vestigingsnummer == vestigingsnummer(1, 0)
    bezoek, post = hoofd.adres("bezoekadres"), hoofd.adres("correspondentieadres")
    assert str(bezoek) == "Proefstraat 12, 5211 ZA 's-Hertogenbosch"
    assert len(bezoek.nummeraanduiding_id) == 16
    assert post.is_postbus and str(post) == "Postbus 9901, 5200 ZZ 's-Hertogenbosch"
    assert hoofd.websites == ("https://www.testoven.example",)
    path, query = kvk_double.app.verzoeken[-1]
    assert (path, query) == (f"/v1/basisprofielen/{TESTOVEN}", {"geoData": "true"})


def test_geo_data_only_when_asked(kvk_double):
    profiel = kvk_client().basisprofiel(TESTOVEN)

    assert profiel.hoofdvestiging.adres("bezoekadres").nummeraanduiding_id == ""


def test_a_one_man_business_has_no_rsin_and_says_no_mailing(kvk_double):
    profiel = kvk_client().basisprofiel(kvk_nummer(3))

    assert (profiel.naam, profiel.statutaire_naam, profiel.rsin) == (
        "Testelink Installatietechniek",
        "",
        "",
    )
    assert profiel.rechtsvorm == "Eenmanszaak" and profiel.non_mailing


def test_an_ended_company_is_not_active(kvk_double):
    profiel = kvk_client().basisprofiel(kvk_nummer(6))

    assert profiel.datum_einde == date(2024, 12, 31) and not profiel.actief


def test_a_holding_without_branches_has_no_main_branch(kvk_double):
    client = kvk_client()
    profiel = client.basisprofiel(kvk_nummer(7))

    assert profiel.hoofdvestiging is None and profiel.eigenaar.rechtsvorm == "Besloten Vennootschap"
    assert client.hoofdvestiging(kvk_nummer(7)) is None
    assert client.vestigingen(kvk_nummer(7)) == []


def test_unknown_kvk_number_is_none_not_an_error(kvk_double):
    client = kvk_client()

    assert client.basisprofiel("12345678") is None
    assert client.eigenaar("12345678") is None
    assert client.vestigingen("12345678") == []


def test_owner_main_branch_and_branch_list(kvk_double):
    client = kvk_client()

    eigenaar = client.eigenaar(TESTOVEN)
    hoofd = client.hoofdvestiging(TESTOVEN)
    vestigingen = client.vestigingen(TESTOVEN)

    assert eigenaar.rsin == kvk_double.register.get(TESTOVEN).rsin
    assert hoofd.eerste_handelsnaam == "Bakkerij De Testoven"
    assert [(v.vestigingsnummer, v.hoofdvestiging) for v in vestigingen] == [
        (vestigingsnummer(1, 0), True),
        (vestigingsnummer(1, 1), False),
    ]
    assert vestigingen[1].volledig_adres == "Voorbeeldlaan 3A 5212ZB 's-Hertogenbosch"


def test_the_kvk_example_answers_read_as_records():
    """The KvK's own example answers (next to the specifications) parse as the double's do."""
    zoek = zoekpagina_from_json(json.loads(VOORBEELD_ZOEKEN.read_text()))
    profiel = basisprofiel_from_json(json.loads(VOORBEELD_BASISPROFIEL.read_text()))

    assert [r.type for r in zoek.resultaten] == ["nevenvestiging", "hoofdvestiging"]
    assert profiel.kvk_nummer == "69599084" and profiel.non_mailing
    assert profiel.formele_registratiedatum == date(2017, 7, 10)
    assert profiel.hoofdactiviteit.code == "1011"
    assert profiel.rechtsvorm == "Eenmanszaak"
    assert (
        str(profiel.hoofdvestiging.adres("bezoekadres")) == "Abebe Bikilalaan 17, 1034 WL Amsterdam"
    )


# --- failures --------------------------------------------------------------------------------


def test_not_configured_is_a_dutch_error(settings):
    settings.KVK_URL = ""
    with pytest.raises(KvkFout, match="niet ingesteld"):
        kvk_client().zoeken(handelsnaam="Proef")


def test_wrong_api_key_is_refused(kvk_double):
    with pytest.raises(KvkFout, match="weigert") as fout:
        KvkClient(str(kvk_double), "verkeerd").zoeken(handelsnaam="Proef")
    assert fout.value.status == 401


def test_an_outage_is_a_dutch_error(kvk_double):
    kvk_double.app.storing = True
    with pytest.raises(KvkFout, match="tijdelijk niet beschikbaar") as fout:
        kvk_client().basisprofiel(TESTOVEN)
    assert (fout.value.status, fout.value.code) == (503, "IPD9999")


def test_unreachable_is_a_dutch_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(KvkFout, match="niet bereikbaar"):
        KvkClient(f"http://127.0.0.1:{port}", "x", timeout=2).zoeken(handelsnaam="Proef")


def test_a_slow_kvk_times_out_with_a_dutch_error():
    gate = threading.Event()

    def traag(environ, start_response):  # noqa: ANN001, ANN202
        gate.wait(5)
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b"{}"]

    server = make_server("127.0.0.1", 0, traag)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        client = KvkClient(f"http://127.0.0.1:{server.server_port}", "x", timeout=0.3)
        with pytest.raises(KvkFout, match="niet op tijd"):
            client.zoeken(handelsnaam="Proef")
    finally:
        gate.set()
        thread.join(5)
        server.server_close()


def test_an_answer_that_is_not_json_is_a_dutch_error():
    def kapot(environ, start_response):  # noqa: ANN001, ANN202
        start_response("200 OK", [("Content-Type", "text/html")])
        return [b"<html>onderhoud</html>"]

    server = make_server("127.0.0.1", 0, kapot)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        client = KvkClient(f"http://127.0.0.1:{server.server_port}", "x")
        with pytest.raises(KvkFout, match="niet kan lezen"):
            client.basisprofiel(TESTOVEN)
    finally:
        thread.join(5)
        server.server_close()


# --- the double's own checks (raw HTTP, as another client would call it) ---------------------


def _get(double: str, path: str, key: str = DOUBLE_API_KEY, **params: str) -> requests.Response:
    return requests.get(f"{double}{path}", params=params, headers={"apikey": key}, timeout=5)


def test_the_double_refuses_unknown_and_malformed_parameters_as_the_kvk_does(kvk_double):
    onbekend = _get(kvk_double, "/v1/zoeken", handelsnaam="Proef", bestaatniet="1")
    fout_kvk = _get(kvk_double, "/v1/zoeken", kvkNummer="123")
    fout_pad = _get(kvk_double, "/v1/basisprofielen/12AB5678")
    half = _get(kvk_double, "/v1/zoeken", postcode="5211ZA")
    type_ = _get(kvk_double, "/v1/zoeken", handelsnaam="Proef", type="filiaal")
    te_veel = _get(kvk_double, "/v1/zoeken", handelsnaam="Proef", aantal="500")
    leeg = _get(kvk_double, "/v1/zoeken")

    def code(r: requests.Response) -> tuple[int, str]:
        return r.status_code, r.json()["fout"][0]["code"]

    assert code(onbekend) == (400, "IPD1999") and "bestaatniet" in onbekend.text
    assert code(fout_kvk) == (400, "IPD0004")
    assert code(fout_pad) == (400, "IPD0004")
    assert code(half) == (400, "IPD1999")
    assert code(type_) == (400, "IPD5203")
    assert code(te_veel) == (400, "IPD1999")
    assert code(leeg) == (400, "IPD1998")


def test_the_double_serves_its_specifications(kvk_double):
    for naam in ("zoeken_openapi.yaml", "basisprofiel_openapi.yaml"):
        antwoord = requests.get(f"{kvk_double}/{naam}", timeout=5)
        assert antwoord.status_code == 200 and antwoord.text.startswith("openapi: 3.0.1")


def test_demo_double_points_django_at_itself_unless_configured(settings):
    settings.KVK_URL = ""
    url = start_demo_double(port=0)
    assert settings.KVK_URL == url and settings.KVK_API_KEY == DOUBLE_API_KEY
    assert kvk_client().basisprofiel(TESTOVEN) is not None

    settings.KVK_URL = "https://api.kvk.nl/api"
    start_demo_double(port=0)
    assert settings.KVK_URL == "https://api.kvk.nl/api"
