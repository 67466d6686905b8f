"""The settlement screens over HTTP: who may open what, the consultant's actions through the
forms (post/redirect/get), Dutch field errors with status 400, and the administrator's
settings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.regeling.models import (
    Reactie,
    Regeling,
    RegelingInstellingen,
    RegelingStatus,
    Verzoek,
)
from raadhuis.modules.shv.regeling.services import regeling_aanbieden, regeling_create
from tests import factories


@pytest.fixture
def wie(shv_org, consulent):
    """Everyone who could knock on the door."""
    klacht = factories.zaaktype(shv_org, identificatie="KLACHT")
    return {
        "consulent": consulent,
        "zonder_toegang": factories.medewerker(shv_org, zaaktypen=(klacht,)),
        "teamleider": factories.medewerker(shv_org, rollen=(Rol.TEAMLEIDER,)),
        "auditor": factories.medewerker(shv_org, rollen=(Rol.AUDITOR,)),
        "functioneel_beheerder": factories.medewerker(shv_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)),
        "beheerder": factories.medewerker(shv_org, rollen=(Rol.BEHEERDER,)),
    }


PAGINA = {
    "consulent": 200,
    "zonder_toegang": 404,  # the dossier's case type is not granted: not found
    "teamleider": 403,  # aggregates only, never a client's dossier
    "auditor": 403,
    "functioneel_beheerder": 403,
    "beheerder": 403,
}


@pytest.mark.parametrize("rol", list(PAGINA))
def test_who_opens_the_settlement_page(client, wie, dossier, rol):
    client.force_login(wie[rol].user)
    response = client.get(reverse("shv:regeling", args=[dossier.zaak.uuid]))
    assert response.status_code == PAGINA[rol]
    if response.status_code == 200:
        assert dossier.zaak.identificatie in response.content.decode()


def test_anonymous_goes_to_the_login_page(client, dossier):
    response = client.get(reverse("shv:regeling", args=[dossier.zaak.uuid]))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("rol", ["teamleider", "auditor", "zonder_toegang"])
def test_nobody_else_can_make_an_offer(client, wie, dossier, schulden, vtlb_150, rol):
    client.force_login(wie[rol].user)
    response = client.post(
        reverse("shv:regeling_aanbod", args=[dossier.zaak.uuid]), {"looptijd_maanden": 18}
    )
    assert response.status_code in (403, 404)
    assert not Regeling.objects.exists()


def test_an_action_url_is_post_only(client, consulent, dossier):
    client.force_login(consulent.user)
    assert client.get(reverse("shv:regeling_aanbod", args=[dossier.zaak.uuid])).status_code == 405


@pytest.mark.parametrize(
    "rol,status",
    [("functioneel_beheerder", 200), ("beheerder", 200), ("consulent", 403), ("teamleider", 403)],
)
def test_who_edits_the_settings(client, wie, rol, status):
    client.force_login(wie[rol].user)
    assert client.get(reverse("shv:regeling_instellingen")).status_code == status


def test_the_administrator_sets_the_preferent_weighting(client, wie, shv_org):
    client.force_login(wie["functioneel_beheerder"].user)
    url = reverse("shv:regeling_instellingen")
    velden = {
        "preferent_weging": "1,5",
        "looptijd_maanden": "18",
        "looptijd_ondernemer_maanden": "12",
        "fase_termijn_dagen": "120",
        "waarschuwing_werkdagen": "10",
    }
    fout = client.post(url, velden)
    assert fout.status_code == 400
    assert "niet korter dan de standaardlooptijd" in fout.content.decode()

    response = client.post(url, velden | {"looptijd_ondernemer_maanden": "36"})
    assert response.status_code == 302
    assert RegelingInstellingen.objects.get(organisatie=shv_org).preferent_weging == Decimal("1.5")


def test_the_consultant_walks_the_offer_through_the_forms(
    client, consulent, dossier, schulden, vtlb_150
):
    client.force_login(consulent.user)
    pagina = reverse("shv:regeling", args=[dossier.zaak.uuid])
    assert "Aanbod berekenen" in client.get(pagina).content.decode()

    response = client.post(
        reverse("shv:regeling_aanbod", args=[dossier.zaak.uuid]), {"looptijd_maanden": "18"}
    )
    assert response.status_code == 302 and response["Location"] == pagina
    regeling = Regeling.objects.get()
    html = client.get(pagina).content.decode()
    assert "€ 2.700,00" in html and "27,00%" in html and "Nog 120 dagen" in html

    response = client.post(
        reverse("shv:regeling_versturen", args=[dossier.zaak.uuid, regeling.uuid])
    )
    assert response.status_code == 302
    regeling.refresh_from_db()
    assert regeling.status == RegelingStatus.AANGEBODEN

    for aanbod in regeling.aanbiedingen.all():
        prefix = f"reactie-{aanbod.uuid}"
        response = client.post(
            reverse("shv:regeling_reactie", args=[dossier.zaak.uuid, aanbod.uuid]),
            {f"{prefix}-reactie": Reactie.AKKOORD, f"{prefix}-datum": "2026-11-20"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    regeling.refresh_from_db()
    assert regeling.status == RegelingStatus.LOPEND
    html = client.get(pagina).content.decode()
    assert "Betalingen per maand" in html and "Maand 1" not in html  # December has not begun


def test_a_bad_answer_shows_the_page_again_with_dutch_errors(
    client, consulent, dossier, schulden, vtlb_150
):
    from raadhuis.modules.shv.regeling.services import regeling_create

    client.force_login(consulent.user)
    ik = factories.actor(consulent)
    regeling = regeling_aanbieden(actor=ik, regeling=regeling_create(actor=ik, dossier=dossier))
    aanbod = regeling.aanbiedingen.first()
    prefix = f"reactie-{aanbod.uuid}"
    response = client.post(
        reverse("shv:regeling_reactie", args=[dossier.zaak.uuid, aanbod.uuid]),
        {f"{prefix}-reactie": "misschien", f"{prefix}-datum": "2099-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Controleer wat je hebt ingevuld" in html and "geen beschikbare keuze" in html


def test_a_court_request_through_the_form(client, consulent, dossier):
    client.force_login(consulent.user)
    response = client.post(
        reverse("shv:regeling_verzoek", args=[dossier.zaak.uuid]),
        {"soort": "moratorium", "toelichting": "Ontruiming aangezegd"},
    )
    assert response.status_code == 302
    verzoek = Verzoek.objects.get()
    html = client.get(reverse("shv:regeling", args=[dossier.zaak.uuid])).content.decode()
    assert "Verzoek moratorium (art. 287b Fw)" in html
    assert reverse("web:document_download", args=[verzoek.document.uuid]) in html

    fout = client.post(reverse("shv:regeling_verzoek", args=[dossier.zaak.uuid]), {"soort": "wsnp"})
    assert fout.status_code == 400 and "minnelijk traject mislukt" in fout.content.decode()


def test_the_offer_needs_a_vtlb_first(client, consulent, dossier, schulden):
    client.force_login(consulent.user)
    html = client.get(reverse("shv:regeling", args=[dossier.zaak.uuid])).content.decode()
    assert "Er is nog geen VTLB-berekening" in html
    assert regeling_create  # imported for the offer tests' parity
