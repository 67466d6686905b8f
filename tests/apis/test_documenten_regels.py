"""The business rules of the Documenten API 1.7.0, one test per rule, with the error codes of
the reference implementation (Open Zaak)."""

# ruff: noqa: F811  (fixtures imported from test_documenten_fixtures are test parameters)

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.documents.services import zaak_informatieobject_create
from tests.apis.test_documenten_fixtures import (  # noqa: F401 (fixtures)
    BASE,
    b64,
    client,
    document_maken,
    eio_data,
    invalid_codes,
    iotype,
    iotype_concept,
    iotype_url,
    lock_nemen,
)

pytestmark = pytest.mark.django_db
EIO = f"{BASE}/enkelvoudiginformatieobjecten"


def test_informatieobjecttype_moet_gepubliceerd_zijn(client, iotype_concept, org):
    response = client.post(EIO, eio_data(iotype_concept, org), format="json")
    assert response.status_code == 400
    assert invalid_codes(response) == {"informatieobjecttype": "not-published"}


def test_informatieobjecttype_moet_een_url_van_een_informatieobjecttype_zijn(client, iotype, org):
    response = client.post(
        EIO, eio_data(iotype, org, informatieobjecttype="http://elders.nl/x/1"), format="json"
    )
    assert invalid_codes(response) == {"informatieobjecttype": "bad-url"}


def test_bijwerken_vereist_een_lock(client, iotype, org):
    document = document_maken(client, iotype, org)
    ontgrendeld = client.patch(document["url"], {"titel": "x", "lock": "abc"}, format="json")
    assert invalid_codes(ontgrendeld) == {"nonFieldErrors": "unlocked"}
    lock_nemen(client, document)
    zonder_lock = client.patch(document["url"], {"titel": "x"}, format="json")
    assert invalid_codes(zonder_lock) == {"nonFieldErrors": "missing-lock-id"}
    put_zonder_lock = client.put(document["url"], eio_data(iotype, org), format="json")
    assert invalid_codes(put_zonder_lock) == {"lock": "required"}
    fout = client.patch(document["url"], {"titel": "x", "lock": "verkeerd"}, format="json")
    assert invalid_codes(fout) == {"nonFieldErrors": "incorrect-lock-id"}


def test_een_vergrendeld_document_kan_niet_nogmaals_vergrendeld_worden(client, iotype, org):
    document = document_maken(client, iotype, org)
    lock_nemen(client, document)
    response = client.post(f"{document['url']}/lock", {}, format="json")
    assert invalid_codes(response) == {"nonFieldErrors": "existing-lock"}


def test_ontgrendelen_vereist_het_juiste_lock(client, iotype, org):
    document = document_maken(client, iotype, org)
    lock = lock_nemen(client, document)
    fout = client.post(f"{document['url']}/unlock", {"lock": "verkeerd"}, format="json")
    assert invalid_codes(fout) == {"nonFieldErrors": "incorrect-lock-id"}
    goed = client.post(f"{document['url']}/unlock", {"lock": lock}, format="json")
    assert goed.status_code == 204
    assert client.get(document["url"]).json()["locked"] is False


def test_geforceerd_ontgrendelen_met_scope_geforceerd_unlock(org, client, iotype):
    from tests.apis.jwt import api_client_for

    document = document_maken(client, iotype, org)
    lock_nemen(client, document)
    beheer = api_client_for(
        org, scopes=["documenten.geforceerd-unlock"], component="drc", types=[iotype]
    )
    response = beheer.post(f"{document['url']}/unlock", {}, format="json")
    assert response.status_code == 204
    assert client.get(document["url"]).json()["locked"] is False


def test_identificatie_is_uniek_per_bronorganisatie(client, iotype, org):
    document_maken(client, iotype, org, identificatie="DOC-1")
    response = client.post(EIO, eio_data(iotype, org, identificatie="DOC-1"), format="json")
    assert invalid_codes(response) == {"identificatie": "identificatie-niet-uniek"}


def test_bronorganisatie_moet_een_geldig_rsin_zijn(client, iotype, org):
    response = client.post(EIO, eio_data(iotype, org, bronorganisatie="123456789"), format="json")
    assert invalid_codes(response) == {"bronorganisatie": "rsin"}


def test_indicatie_gebruiksrecht_kan_niet_direct_gezet_worden(client, iotype, org):
    response = client.post(EIO, eio_data(iotype, org, indicatieGebruiksrecht=True), format="json")
    assert invalid_codes(response) == {"indicatieGebruiksrecht": "missing-gebruiksrechten"}


def test_indicatie_gebruiksrecht_volgt_de_gebruiksrechten(client, iotype, org):
    document = document_maken(client, iotype, org)
    recht = client.post(
        f"{BASE}/gebruiksrechten",
        {
            "informatieobject": document["url"],
            "startdatum": "2025-01-01T00:00:00Z",
            "omschrijvingVoorwaarden": "Alleen intern gebruik",
        },
        format="json",
    )
    assert recht.status_code == 201, recht.json()
    assert client.get(document["url"]).json()["indicatieGebruiksrecht"] is True

    lock = lock_nemen(client, document)
    weghalen = client.patch(
        document["url"], {"indicatieGebruiksrecht": False, "lock": lock}, format="json"
    )
    assert invalid_codes(weghalen) == {"indicatieGebruiksrecht": "existing-gebruiksrechten"}

    assert client.delete(recht.json()["url"]).status_code == 204
    assert client.get(document["url"]).json()["indicatieGebruiksrecht"] is None


def test_bestandsomvang_moet_bij_de_inhoud_passen(client, iotype, org):
    response = client.post(EIO, eio_data(iotype, org, bestandsomvang=3), format="json")
    assert invalid_codes(response) == {"nonFieldErrors": "file-size"}


def test_inhoud_moet_geldige_base64_zijn(client, iotype, org):
    response = client.post(EIO, eio_data(iotype, org, inhoud="@@@"), format="json")
    assert invalid_codes(response) == {"inhoud": "invalid-base64"}
    padding = client.post(EIO, eio_data(iotype, org, inhoud="aGFsbG8"), format="json")
    assert invalid_codes(padding) == {"inhoud": "incorrect-base64-padding"}


def test_ontvangen_document_is_niet_in_bewerking(client, iotype, org):
    response = client.post(
        EIO,
        eio_data(iotype, org, ontvangstdatum="2025-02-01", status="in_bewerking"),
        format="json",
    )
    assert invalid_codes(response) == {"status": "invalid_for_received"}


def test_document_met_relaties_kan_niet_verwijderd_worden(client, iotype, org, zaaktype):
    document = document_maken(client, iotype, org)
    zaak = zaak_create(actor=Actor.system(org), zaaktype=zaaktype)
    zaak_informatieobject_create(
        actor=Actor.system(org), zaak=zaak, informatieobject=InformatieObject.objects.get()
    )
    response = client.delete(document["url"])
    assert invalid_codes(response) == {"nonFieldErrors": "pending-relations"}
    assert InformatieObject.objects.exists()


def test_vergrendeld_document_kan_niet_verwijderd_worden(client, iotype, org):
    document = document_maken(client, iotype, org)
    lock_nemen(client, document)
    response = client.delete(document["url"])
    assert invalid_codes(response) == {"nonFieldErrors": "destroy-locked"}


def test_versies_blijven_ongewijzigd(client, iotype, org):
    """A registered version is evidence: the model refuses to save it again."""
    document_maken(client, iotype, org)
    versie = InformatieObject.objects.get().laatste_versie
    versie.titel = "Gewijzigd"
    with pytest.raises(ValueError):
        versie.save()
    assert versie.bestand.read() == b"hallo wereld"


def test_staff_ui_refuses_a_new_version_while_the_document_is_checked_out(
    client, iotype, org, zaaktype
):
    from django.core.exceptions import ValidationError

    from raadhuis.kernel.documents.services import document_versie_add

    document = document_maken(client, iotype, org)
    zaak = zaak_create(actor=Actor.system(org), zaaktype=zaaktype)
    io = InformatieObject.objects.get()
    zaak_informatieobject_create(actor=Actor.system(org), zaak=zaak, informatieobject=io)
    lock_nemen(client, document)
    with pytest.raises(ValidationError) as error:
        document_versie_add(
            actor=Actor.system(org),
            informatieobject=io,
            bestand=ContentFile(b"x", name="x.txt"),
        )
    assert error.value.code == "locked"
    assert b64(b"") == ""
    assert iotype_url(iotype) in client.get(document["url"]).json()["informatieobjecttype"]
