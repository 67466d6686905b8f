"""The staff UI and the Zaken API show the same cases: one kernel, two doors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from raadhuis.kernel.cases.services import zaak_create
from tests import factories
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import (
    BASE,
    CRS,
    catalogi_url,
    create_zaak,
    zaaktype_url,
)

api = steun.api  # fixture

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def medewerker(org, zaaktype):
    return factories.medewerker(org, zaaktypen=(zaaktype,))


def test_zaak_uit_de_api_staat_in_de_zakenlijst_en_werkvoorraad(
    client, api, org, zaaktype, medewerker
):
    zaak = create_zaak(api, org, zaaktype, omschrijving="Via het portaal")
    behandelaar = {
        "zaak": zaak["url"],
        "betrokkeneType": "medewerker",
        "roltype": catalogi_url(
            "roltypen", zaaktype.roltypen.get(omschrijving_generiek="behandelaar")
        ),
        "roltoelichting": "Behandelt",
        "betrokkeneIdentificatie": {"identificatie": medewerker.identificatie},
    }
    assert api.post(f"{BASE}/rollen", behandelaar, format="json").status_code == 201

    client.force_login(medewerker.user, backend=BACKEND)
    lijst = client.get(reverse("web:zaken")).content.decode()
    assert zaak["identificatie"] in lijst
    werkvoorraad = client.get(reverse("web:werkvoorraad")).content.decode()
    assert zaak["identificatie"] in werkvoorraad  # the API's behandelaar is the handler
    detail = client.get(reverse("web:zaak_detail", kwargs={"uuid": zaak["uuid"]}))
    assert detail.status_code == 200
    assert "Via het portaal" in detail.content.decode()


def test_zaak_van_de_medewerker_staat_in_de_api(api, zaaktype, medewerker):
    zaak = zaak_create(
        actor=factories.actor(medewerker),
        zaaktype=zaaktype,
        omschrijving="Aan de balie",
        behandelaar=medewerker,
    )
    body = api.get(f"{BASE}/zaken", {"identificatie": zaak.identificatie}, **CRS).json()
    assert body["count"] == 1
    gevonden = body["results"][0]
    assert gevonden["uuid"] == str(zaak.uuid)
    assert gevonden["zaaktype"] == zaaktype_url(zaaktype)
    assert gevonden["status"] is not None  # the staff path sets the first status
    rol = api.get(gevonden["rollen"][0]).json()
    assert rol["betrokkeneType"] == "medewerker"
    assert rol["betrokkeneIdentificatie"]["identificatie"] == medewerker.identificatie
    assert rol["omschrijvingGeneriek"] == "behandelaar"


def test_een_status_uit_de_api_toont_op_de_zaakpagina_wie_hem_zette(
    client, api, org, zaaktype, medewerker
):
    """An application has no medewerker: the case page names it instead of showing '—'."""
    from raadhuis.kernel.cases.models import Status

    zaak = create_zaak(api, org, zaaktype, omschrijving="Via het portaal")
    assert steun.status_zetten(api, zaak, zaaktype, 1).status_code == 201
    status = Status.objects.get(zaak__uuid=zaak["uuid"])
    assert status.gezetdoor is None and status.gezetdoor_weergave

    client.force_login(medewerker.user, backend=BACKEND)
    html = client.get(reverse("web:zaak_detail", kwargs={"uuid": zaak["uuid"]})).content.decode()
    assert f'data-label="Door">{status.gezetdoor_weergave}</td>' in html
