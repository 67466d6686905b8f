"""The VTLB calculator for a dossier: it starts from what the dossier knows, stores the
snapshot on the case (where the settlement offer takes its capacity from), and another
consultant's dossier is not found. Norm amounts not yet established are named up front."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from raadhuis.modules.shv.services import inkomen_add, vaste_last_add
from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _url(dossier) -> str:  # noqa: ANN001
    return reverse("shv:vtlb:berekenen") + f"?dossier={dossier.zaak.uuid}"


def test_the_form_starts_from_the_dossier_and_the_result_is_stored_on_the_case(
    client, consulent, ik, dossier
):
    inkomen_add(
        actor=ik,
        dossier=dossier,
        soort="loon",
        omschrijving="Salaris",
        bedrag_per_maand=Decimal("1500"),
    )
    vaste_last_add(
        actor=ik,
        dossier=dossier,
        soort="huur",
        omschrijving="Huur",
        bedrag_per_maand=Decimal("845"),
    )
    client.force_login(consulent.user, backend=BACKEND)
    pagina = client.get(_url(dossier)).content.decode()
    assert dossier.zaak.identificatie in pagina and "Terug naar dossier" in pagina
    assert 'value="1500,00"' in pagina and 'value="845,00"' in pagina
    assert '<option value="gehuwd_met_kinderen" selected>' in pagina
    assert "nog niet vastgesteld" in pagina  # the norm version of today has gaps, named up front

    response = client.post(
        _url(dossier),
        {
            "dossier": str(dossier.zaak.uuid),
            "peildatum": "2025-09-01",
            "leefsituatie": "gehuwd_met_kinderen",
            "netto_inkomen": "1500,00",
            "woonlasten": "845,00",
            "zorgpremie": "290,00",
            "kinderen": "17, 12, 3",
            "aantal_werkenden": "1",
        },
    )
    berekening = VtlbBerekening.objects.get()
    assert response.status_code == 302
    assert berekening.zaak_id == dossier.zaak_id
    detail = client.get(response["Location"]).content.decode()
    assert "De berekening is opgeslagen in dossier" in detail
    assert reverse("shv:dossier", args=[dossier.zaak.uuid]) in detail
    regeling = client.get(reverse("shv:regeling", args=[dossier.zaak.uuid])).content.decode()
    assert "De afloscapaciteit uit de laatste VTLB-berekening" in regeling


def test_another_consultants_dossier_is_not_found(client, dossier, shv_org):
    ander = factories.medewerker(shv_org)  # a medewerker without the debt tracks
    client.force_login(ander.user, backend=BACKEND)
    assert client.get(_url(dossier)).status_code == 404
    assert not VtlbBerekening.objects.exists()


def test_without_the_maximum_the_form_asks_for_the_compensatiekop(client, consulent, dossier):
    client.force_login(consulent.user, backend=BACKEND)
    data = {
        "dossier": str(dossier.zaak.uuid),
        "peildatum": date(2026, 9, 1).isoformat(),
        "leefsituatie": "gehuwd_met_kinderen",
        "netto_inkomen": "3000,00",
        "kinderen": "12",
        "aantal_werkenden": "1",
    }
    response = client.post(_url(dossier), data)
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "Nog niet vastgesteld" in tekst and "vul de compensatiekop uit de rekentool" in tekst
    data["compensatiekop"] = "100,00"
    assert client.post(_url(dossier), data).status_code == 302
    uitkomst = VtlbBerekening.objects.get().uitkomst
    assert any("zonder toetsing aan het maximum" in w for w in uitkomst["waarschuwingen"])
