"""`raadhuis api-client create|list`: set-up scripts register an API application whose JWTs,
signed with the given secret, then authenticate against the APIs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from raadhuis.kernel.access.models import Applicatie, ApplicatieClient
from raadhuis.kernel.audit.models import AuditEntry
from tests import factories
from tests.apis.jwt import make_jwt

pytestmark = pytest.mark.django_db
API = "/autorisaties/api/v1/applicaties"
SECRET = "een-lang-genoeg-geheim-voor-hs256-jwt"


def api_client(args: list[str]) -> str:
    out = StringIO()
    call_command("api_client", *args, stdout=out)
    return out.getvalue()


def authenticates(client_id: str, secret: str) -> int:
    token = make_jwt(client_id, secret)
    return APIClient().get(API, HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def test_create_met_alle_scopes_maakt_een_client_waarvan_de_jwt_werkt(org):
    factories.organisatie("Andere gemeente")  # --organisatie picks the right one
    out = api_client(
        [
            "create",
            "--client-id",
            "x",
            "--secret",
            SECRET,
            "--all-scopes",
            "--organisatie",
            org.rsin,
        ]
    )
    assert "aangemaakt" in out and org.naam in out
    applicatie = Applicatie.objects.get(clients__client_id="x")
    assert applicatie.organisatie == org
    assert applicatie.heeft_alle_autorisaties is True
    assert authenticates("x", SECRET) == 200
    assert AuditEntry.objects.filter(actie="applicatie_aangemaakt", organisatie=org).exists()


def test_opnieuw_aanroepen_vervangt_de_secret(org):
    args = ["create", "--client-id", "x", "--all-scopes", "--organisatie", org.rsin]
    api_client([*args, "--secret", SECRET])
    out = api_client([*args, "--secret", "een-ander-geheim-van-minstens-32-tekens"])
    assert "bijgewerkt" in out
    assert Applicatie.objects.count() == 1
    assert ApplicatieClient.objects.get(client_id="x").secret.startswith("een-ander")
    assert authenticates("x", SECRET) == 401
    assert authenticates("x", "een-ander-geheim-van-minstens-32-tekens") == 200


def test_list_toont_client_id_label_en_organisatie(org):
    api_client(["create", "--client-id", "cli", "--secret", SECRET, "--all-scopes"])
    assert api_client(["list"]) == f"cli\tcli\t{org.naam}\n"


def test_create_met_component_en_scopes(org, zaaktype):
    type_url = f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
    api_client(
        [
            "create",
            "--client-id",
            "lezer",
            "--secret",
            SECRET,
            "--component",
            "zrc",
            "--scopes",
            "zaken.lezen, zaken.aanmaken",
            "--type-url",
            type_url,
            "--max-vertrouwelijkheid",
            "intern",
        ]
    )
    autorisatie = Applicatie.objects.get(clients__client_id="lezer").autorisaties.get()
    assert (autorisatie.component, autorisatie.scopes, autorisatie.zaaktype) == (
        "zrc",
        ["zaken.lezen", "zaken.aanmaken"],
        type_url,
    )
    assert autorisatie.max_vertrouwelijkheidaanduiding == "intern"
    # No ac scope: the Autorisaties API itself stays closed to this client.
    assert authenticates("lezer", SECRET) == 403


def test_zonder_scopes_of_met_meerdere_organisaties_een_duidelijke_fout(org):
    with pytest.raises(CommandError, match="--all-scopes"):
        api_client(["create", "--client-id", "x", "--secret", SECRET])
    factories.organisatie("Tweede")
    with pytest.raises(CommandError, match="--organisatie"):
        api_client(["create", "--client-id", "x", "--secret", SECRET, "--all-scopes"])


def test_een_client_id_van_een_andere_organisatie_wordt_niet_overgenomen(org):
    andere = factories.organisatie("Andere gemeente")
    api_client(["create", "--client-id", "x", "--secret", SECRET, "--all-scopes",
                "--organisatie", andere.rsin])  # fmt: skip
    with pytest.raises(CommandError, match="hoort al bij een andere applicatie"):
        api_client(["create", "--client-id", "x", "--secret", "anders", "--all-scopes",
                    "--organisatie", org.rsin])  # fmt: skip
    assert ApplicatieClient.objects.get(client_id="x").secret == SECRET
