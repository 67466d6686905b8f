"""API-koppelingen in the staff UI: beheerders and functioneel beheerders list, create, edit and
delete the applications of their organisation; the secret is shown once."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie, ApplicatieClient
from raadhuis.kernel.access.services import AutorisatieData, applicatie_create
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.organisations.models import Rol
from tests import factories
from tests.apis.jwt import make_jwt

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
LIJST = "/api-koppelingen/"
NIEUW = "/api-koppelingen/nieuw/"


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def fb(org):
    return factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))


@pytest.fixture
def beheerder(org):
    return factories.medewerker(org, rollen=(Rol.BEHEERDER,))


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def form_data(**overrides) -> dict:
    data = {
        "label": "Zaaksysteem",
        "client_id": "zaaksysteem",
        "toelichting": "Koppeling voor het zaaksysteem",
        **formset("zrc", [{}]),
        **formset("drc", [{}]),
        **formset("brc", [{}]),
    }
    data.update(overrides)
    return data


def html_of(response) -> str:
    return response.content.decode()


def nieuwe_secret(html: str) -> str:
    match = re.search(r'id="nieuwe-secret"[^>]*value="([^"]+)"', html)
    assert match, "the secret is not on the page"
    return match.group(1)


def app(org, label="Bestaand", client_id="bestaand", **kwargs) -> Applicatie:
    kwargs.setdefault("heeft_alle_autorisaties", True)
    return applicatie_create(
        Actor.system(org), label=label, client_ids=[client_id], secrets={client_id: "s"}, **kwargs
    )


# --- who may -------------------------------------------------------------------------------


def test_het_menu_toont_api_koppelingen_alleen_aan_beheerders(client, org, fb, behandelaar):
    html = html_of(login(client, fb).get(LIJST))
    assert 'href="/api-koppelingen/"' in html and 'aria-current="page"' in html
    login(client, behandelaar)
    assert 'href="/api-koppelingen/"' not in html_of(client.get("/"))
    assert client.get(LIJST).status_code == 403
    assert client.get(NIEUW).status_code == 403


def test_de_lijst_toont_alleen_koppelingen_van_de_eigen_organisatie(client, org, beheerder):
    app(org, label="Eigen koppeling", client_id="eigen")
    andere = factories.organisatie("Gemeente Anders")
    vreemd = app(andere, label="Vreemde koppeling", client_id="vreemd")
    html = html_of(login(client, beheerder).get(LIJST))
    assert "Eigen koppeling" in html and "Alle autorisaties" in html
    assert "Vreemde koppeling" not in html and "vreemd" not in html
    for suffix in ("", "wijzigen/", "verwijderen/", "secret/"):
        assert client.get(f"/api-koppelingen/{vreemd.uuid}/{suffix}").status_code == 404


# --- create ----------------------------------------------------------------------------------


def test_aanmaken_toont_de_secret_eenmalig_en_die_secret_werkt(client, org, fb):
    login(client, fb)
    response = client.post(NIEUW, form_data(heeft_alle_autorisaties="on"))
    applicatie = Applicatie.objects.get(label="Zaaksysteem")
    assert response.status_code == 302
    assert response["Location"] == f"/api-koppelingen/{applicatie.uuid}/"

    detail = client.get(response["Location"])
    secret = nieuwe_secret(html_of(detail))
    assert "no-store" in detail["Cache-Control"]
    assert ApplicatieClient.objects.get(client_id="zaaksysteem").secret == secret
    assert len(secret) >= 32
    # Shown once: the next visit has no secret.
    assert 'id="nieuwe-secret"' not in html_of(client.get(response["Location"]))

    token = make_jwt("zaaksysteem", secret)
    api = client.get("/autorisaties/api/v1/applicaties", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200

    entry = AuditEntry.objects.get(actie="applicatie_aangemaakt")
    assert entry.toelichting == "Koppeling voor het zaaksysteem"
    assert secret not in str(entry.wijzigingen)


def test_aanmaken_met_zaaktypen_geeft_een_autorisatie_per_type(client, org, fb, zaaktype):
    tweede = factories.zaaktype(org, identificatie="MELDING", omschrijving="Melding")
    factories.zaaktype(org, identificatie="CONCEPT", omschrijving="Conceptzaaktype", concept=True)
    login(client, fb)
    page = html_of(client.get(NIEUW))
    assert "Klacht" in page and "Melding" in page
    assert "Conceptzaaktype" not in page  # only published types can be chosen

    rij = {
        "scopes": ["zaken.lezen", "zaken.aanmaken"],
        "typen": [str(zaaktype.uuid), str(tweede.uuid)],
        "max_vertrouwelijkheidaanduiding": "vertrouwelijk",
    }
    data = form_data(**formset("zrc", [rij]), **{"ztc-scopes": ["catalogi.lezen"]})
    response = client.post(NIEUW, data)
    assert response.status_code == 302
    detail = html_of(client.get(response["Location"]))
    assert "Klacht" in detail and "Melding" in detail  # types by name, not by URL
    applicatie = Applicatie.objects.get(label="Zaaksysteem")
    rows = sorted(
        (a.component, tuple(a.scopes), a.zaaktype, a.max_vertrouwelijkheidaanduiding)
        for a in applicatie.autorisaties.all()
    )
    scopes = ("zaken.lezen", "zaken.aanmaken")
    assert rows == sorted(
        [
            (
                "zrc",
                scopes,
                f"http://testserver/catalogi/api/v1/zaaktypen/{t.uuid}",
                "vertrouwelijk",
            )
            for t in (zaaktype, tweede)
        ]
        + [("ztc", ("catalogi.lezen",), "", "")]
    )


def test_fouten_staan_in_het_nederlands_bij_het_veld(client, org, fb, zaaktype):
    login(client, fb)
    rij = {"scopes": ["zaken.lezen"]}  # no zaaktype, no level
    response = client.post(
        NIEUW, form_data(label="", client_id="met spatie", **formset("zrc", [rij]))
    )
    assert response.status_code == 400
    formulier = response.context["formulier"]
    assert formulier.hoofd.errors["label"] == ["Dit veld is vereist."]
    assert "zonder spaties" in formulier.hoofd.errors["client_id"][0]
    rij_fouten = formulier.per_type["zrc"].forms[0].errors
    assert rij_fouten["typen"] == ["Kies minstens één zaaktype."]
    assert rij_fouten["max_vertrouwelijkheidaanduiding"] == ["Kies de maximale vertrouwelijkheid."]
    html = html_of(response)
    assert "Controleer wat je hebt ingevuld" in html
    assert 'href="#id_zrc-0-typen_groep"' in html and 'id="id_zrc-0-typen_groep"' in html
    assert 'aria-invalid="true"' in html
    assert not Applicatie.objects.exists()


def test_een_regel_met_typen_maar_zonder_scopes_wordt_geweigerd(client, org, fb, zaaktype):
    rij = {"typen": [str(zaaktype.uuid)], "max_vertrouwelijkheidaanduiding": "openbaar"}
    response = login(client, fb).post(NIEUW, form_data(**formset("zrc", [rij])))
    assert response.context["formulier"].per_type["zrc"].forms[0].errors["scopes"] == [
        "Kies minstens één scope."
    ]


def test_zonder_autorisaties_vraagt_het_formulier_er_een(client, org, fb):
    response = login(client, fb).post(NIEUW, form_data())
    assert response.status_code == 400
    assert response.context["form"].errors["heeft_alle_autorisaties"] == [
        "Geef 'heeft alle autorisaties' of minstens één autorisatie."
    ]


def test_alle_autorisaties_en_losse_autorisaties_gaan_niet_samen(client, org, fb):
    data = form_data(heeft_alle_autorisaties="on", **{"ac-scopes": ["autorisaties.lezen"]})
    response = login(client, fb).post(NIEUW, data)
    assert response.status_code == 400
    assert "niet allebei" in response.context["form"].errors["heeft_alle_autorisaties"][0]


def test_een_client_id_van_een_andere_applicatie_geeft_een_fout_bij_het_veld(client, org, fb):
    app(factories.organisatie("Elders"), client_id="zaaksysteem")
    response = login(client, fb).post(NIEUW, form_data(heeft_alle_autorisaties="on"))
    assert response.status_code == 400
    assert response.context["form"].errors["client_id"] == [
        "Client-id zaaksysteem hoort al bij een andere applicatie."
    ]


def test_regel_toevoegen_slaat_niets_op_en_toont_nog_geen_fouten(client, org, fb, zaaktype):
    rij = {"scopes": ["zaken.lezen"], "typen": [str(zaaktype.uuid)]}
    data = form_data(label="", regel_toevoegen="zrc", **formset("zrc", [rij, {}]))
    response = login(client, fb).post(NIEUW, data)
    assert response.status_code == 200
    formulier = response.context["formulier"]
    assert not formulier.fouten()
    assert "Controleer wat je hebt ingevuld" not in html_of(response)
    rijen = formulier.per_type["zrc"].forms
    assert len(rijen) == 3  # the filled row, and two empty ones
    assert rijen[0].initial["typen"] == [str(zaaktype.uuid)]
    assert len(formulier.per_type["drc"].forms) == 1
    assert formulier.hoofd.initial["client_id"] == "zaaksysteem"
    assert not Applicatie.objects.exists()


# --- edit, delete, secret ---------------------------------------------------------------------


def test_wijzigen_toont_de_autorisaties_per_regel_en_slaat_op(client, org, beheerder, zaaktype):
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Besluit op klacht",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    url = f"http://elders.example/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
    applicatie = app(
        org,
        heeft_alle_autorisaties=False,
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=url,
                max_vertrouwelijkheidaanduiding="intern",
            )
        ],
    )
    edit = f"/api-koppelingen/{applicatie.uuid}/wijzigen/"
    page = login(client, beheerder).get(edit)
    rij = page.context["formulier"].per_type["zrc"].forms[0]
    assert rij.initial == {
        "scopes": ["zaken.lezen"],
        "typen": [str(zaaktype.uuid)],
        "max_vertrouwelijkheidaanduiding": "intern",
    }
    data = {
        "label": "Nieuwe naam",
        "toelichting": "Besluiten erbij",
        **formset(
            "zrc",
            [
                {
                    "scopes": ["zaken.lezen"],
                    "typen": [str(zaaktype.uuid)],
                    "max_vertrouwelijkheidaanduiding": "intern",
                },
                {},
            ],
            initial=1,
        ),
        **formset("drc", [{}]),
        **formset("brc", [{"scopes": ["besluiten.lezen"], "typen": [str(besluittype.uuid)]}]),
    }
    response = client.post(edit, data)
    assert response.status_code == 302
    applicatie.refresh_from_db()
    assert applicatie.label == "Nieuwe naam"
    stored = {a.component: a for a in applicatie.autorisaties.all()}
    assert stored["zrc"].zaaktype == url  # kept exactly as stored
    assert stored["brc"].besluittype.endswith(f"/besluittypen/{besluittype.uuid}")
    entry = AuditEntry.objects.filter(actie="applicatie_gewijzigd").get()
    assert entry.toelichting == "Besluiten erbij"


def test_verwijderen_vraagt_bevestiging(client, org, fb):
    applicatie = app(org)
    pad = f"/api-koppelingen/{applicatie.uuid}/verwijderen/"
    page = login(client, fb).get(pad)
    assert "Weet je het zeker?" in html_of(page)
    assert Applicatie.objects.filter(pk=applicatie.pk).exists()
    response = client.post(pad, {"toelichting": "Leverancier gestopt"})
    assert response.status_code == 302 and response["Location"] == LIJST
    assert not Applicatie.objects.filter(pk=applicatie.pk).exists()
    entry = AuditEntry.objects.get(actie="applicatie_verwijderd")
    assert entry.toelichting == "Leverancier gestopt"


def test_een_nieuwe_secret_vervangt_de_oude_direct(client, org, fb):
    applicatie = app(org, client_id="koppeling")
    oud = make_jwt("koppeling", "s")
    api = "/autorisaties/api/v1/applicaties"
    assert client.get(api, HTTP_AUTHORIZATION=f"Bearer {oud}").status_code == 200

    pad = f"/api-koppelingen/{applicatie.uuid}/secret/"
    login(client, fb)
    assert client.get(pad).status_code == 200
    response = client.post(pad, {"client_id": "koppeling", "toelichting": "Gelekt"})
    assert response.status_code == 302
    secret = nieuwe_secret(html_of(client.get(response["Location"])))
    client.logout()
    assert client.get(api, HTTP_AUTHORIZATION=f"Bearer {oud}").status_code == 401
    nieuw = make_jwt("koppeling", secret)
    assert client.get(api, HTTP_AUTHORIZATION=f"Bearer {nieuw}").status_code == 200
    entry = AuditEntry.objects.get(actie="applicatie_gewijzigd")
    assert entry.wijzigingen == {"secretVernieuwd": [None, ["koppeling"]]}
    assert entry.toelichting == "Gelekt"


def test_de_paginas_spreken_engels_na_het_kiezen_van_engels(client, org, fb):
    login(client, fb)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = html_of(client.get(NIEUW))
    assert "New API connection" in html and "Has all authorisations" in html
    assert "Nieuwe API-koppeling" not in html
    response = client.post(NIEUW, form_data())
    assert "Give &#x27;has all authorisations&#x27; or at least one authorisation." in html_of(
        response
    )
