"""Editing an automatic action in the process editor (issue 4, user story 2): only in a
concept version, with the same checks as adding one, audited; a published version stays as it
is and its page offers a new concept version instead. Bad input gives Dutch field errors."""

from __future__ import annotations

from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import ActieTrigger, ProcesActie
from raadhuis.kernel.workflow.proces_services import (
    procesactie_update,
    procesversie_concept_maken,
)
from tests import factories
from tests.kernel.workflow.conftest import standaard_proces
from tests.kernel.workflow.conftest import zevenaar as zevenaar  # noqa: F401 (fixture)

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _herinnering(versie) -> ProcesActie:  # noqa: ANN001
    return ProcesActie.objects.get(stap__versie=versie, soort="herinnering")


def _post(w, herinnering: ProcesActie, **wijziging):  # noqa: ANN001, ANN202
    data = {
        "trigger": ActieTrigger.NA_WERKDAGEN_IN_STAP,
        "werkdagen": "5",
        "p_tekst": "Is het eerste gesprek al gevoerd?",
        "p_toewijzen_aan": "team",
        "p_team": w.team.identificatie,
        "p_termijn_werkdagen": "1",
    }
    data.update(wijziging)
    return data


def test_edit_form_shows_the_action_as_it_is_and_saves_a_change_audited(client, zevenaar):  # noqa: F811
    w = zevenaar
    v1 = standaard_proces(w)
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    actie = _herinnering(concept)
    url = reverse("web:procesactie_update", args=[actie.uuid])
    client.force_login(w.fb.user, backend=BACKEND)

    pagina = client.get(url).content.decode()
    assert "Automatische actie wijzigen" in pagina
    assert "Is het eerste gesprek gevoerd?" in pagina  # the current settings are filled in
    assert 'value="3"' in pagina  # after 3 working days
    detail = client.get(reverse("web:procesversie_detail", args=[concept.uuid])).content.decode()
    assert url in detail, "the concept's page links to the edit form"

    response = client.post(url, _post(w, actie))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#stap-{actie.stap.uuid}")
    actie.refresh_from_db()
    assert actie.werkdagen == 5 and actie.soort == "herinnering"
    assert actie.parameters["tekst"] == "Is het eerste gesprek al gevoerd?"
    assert actie.parameters["termijn_werkdagen"] == 1
    entry = AuditEntry.objects.get(actie="procesactie_gewijzigd")
    voor, na = entry.wijzigingen["actie"]
    assert voor.startswith("Na 3 werkdagen in de stap") and na.startswith("Na 5 werkdagen")
    # The published version did not change.
    assert _herinnering(v1).werkdagen == 3


def test_the_same_checks_as_adding_with_dutch_field_errors(client, zevenaar):  # noqa: F811
    w = zevenaar
    v1 = standaard_proces(w)
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    actie = _herinnering(concept)
    url = reverse("web:procesactie_update", args=[actie.uuid])
    client.force_login(w.fb.user, backend=BACKEND)

    zonder_dagen = client.post(url, _post(w, actie, werkdagen=""))
    assert zonder_dagen.status_code == 400
    assert "Vul het aantal werkdagen in." in zonder_dagen.content.decode()
    te_veel = client.post(url, _post(w, actie, werkdagen="400"))
    assert te_veel.status_code == 400
    onbekend_team = client.post(url, _post(w, actie, p_team="bestaat-niet"))
    assert onbekend_team.status_code == 400
    zonder_tekst = client.post(url, _post(w, actie, p_tekst=""))
    assert zonder_tekst.status_code == 400
    actie.refresh_from_db()
    assert actie.werkdagen == 3
    assert not AuditEntry.objects.filter(actie="procesactie_gewijzigd").exists()
    # The kind cannot be changed through the form: a posted kind is ignored.
    assert client.post(url, _post(w, actie, soort="status_zetten")).status_code == 302
    actie.refresh_from_db()
    assert actie.soort == "herinnering" and actie.werkdagen == 5


def test_an_action_of_a_published_version_is_read_only(client, zevenaar):  # noqa: F811
    w = zevenaar
    v1 = standaard_proces(w)
    actie = _herinnering(v1)
    url = reverse("web:procesactie_update", args=[actie.uuid])
    client.force_login(w.fb.user, backend=BACKEND)
    pagina = client.get(url)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "is gepubliceerd en verandert niet meer" in tekst
    assert reverse("web:procesversie_concept", args=[v1.definitie.uuid]) in tekst
    response = client.post(url, _post(w, actie))
    assert response.status_code == 302
    actie.refresh_from_db()
    assert actie.werkdagen == 3


def test_saving_without_a_change_writes_no_audit_entry(zevenaar):  # noqa: F811
    w = zevenaar
    v1 = standaard_proces(w)
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    actie = _herinnering(concept)
    procesactie_update(
        actor=w.beheer,
        actie=actie,
        trigger=actie.trigger,
        werkdagen=actie.werkdagen,
        parameters=dict(actie.parameters),
    )
    assert not AuditEntry.objects.filter(actie="procesactie_gewijzigd").exists()


def test_only_the_functional_administrator_of_the_organisation(client, zevenaar):  # noqa: F811
    w = zevenaar
    v1 = standaard_proces(w)
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    url = reverse("web:procesactie_update", args=[_herinnering(concept).uuid])
    for medewerker in (w.consulent, w.teamleider):
        client.force_login(medewerker.user, backend=BACKEND)
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
    elders = factories.organisatie("Gemeente Elders")
    client.force_login(
        factories.medewerker(elders, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)).user, backend=BACKEND
    )
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
