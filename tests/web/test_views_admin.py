"""The catalogue in the Django admin: every save, inline row and delete is audited with the
acting medewerker and old/new values; the audit trail itself is read-only."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.models import BesluitType, StatusType, ZaakType
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def fb(org):
    """A functional administrator: staff user with the catalogue permissions."""
    m = factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    m.user.is_staff = True
    m.user.save()
    m.user.user_permissions.set(Permission.objects.filter(content_type__app_label="catalog"))
    return m


@pytest.fixture
def concept(org):
    """A case type still being drafted: everything under it is editable."""
    return factories.zaaktype(org, identificatie="CONCEPT", omschrijving="Klacht", concept=True)


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def post_data_from(response) -> dict:
    """The admin change form as the browser would submit it unchanged."""
    data = {}

    def add(bound):
        value = bound.value()
        if value is None:
            value = ""
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            return
        if isinstance(value, date):
            value = value.isoformat()
        data[bound.html_name] = value

    form = response.context["adminform"].form
    for name in form.fields:
        add(form[name])
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            add(formset.management_form[name])
        for f in formset.forms:
            for name in f.fields:
                add(f[name])
    return data


def test_changing_a_zaaktype_records_old_and_new_values(client, fb, concept):
    url = reverse("admin:catalog_zaaktype_change", args=[concept.pk])
    login(client, fb)
    data = post_data_from(client.get(url))
    data["omschrijving"] = "Klacht (nieuw)"
    data["doorlooptijd"] = "P8W"
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    entry = AuditEntry.objects.get(actie="beheer_gewijzigd", object_uuid=concept.uuid)
    assert entry.wijzigingen == {
        "omschrijving": ["Klacht", "Klacht (nieuw)"],
        "doorlooptijd": ["P6W", "P8W"],
    }
    assert entry.actor_weergave == fb.naam
    assert entry.actor_user_id == fb.user_id
    assert entry.organisatie_id == concept.catalogus.organisatie_id


def test_adding_a_status_type_inline_is_audited(client, fb, concept):
    url = reverse("admin:catalog_zaaktype_change", args=[concept.pk])
    login(client, fb)
    data = post_data_from(client.get(url))
    prefix = "statustypen"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data.update(
        {
            f"{prefix}-{total}-volgnummer": "4",
            f"{prefix}-{total}-omschrijving": "Gearchiveerd",
            f"{prefix}-{total}-zaaktype": concept.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    status = StatusType.objects.get(zaaktype=concept, omschrijving="Gearchiveerd")
    entry = AuditEntry.objects.get(actie="beheer_aangemaakt", object_uuid=status.uuid)
    assert entry.wijzigingen["omschrijving"] == [None, "Gearchiveerd"]
    assert entry.actor_weergave == fb.naam


def test_deleting_is_audited(client, fb, org, zaaktype):
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus, omschrijving="Toekenning", begin_geldigheid=date(2024, 1, 1)
    )
    login(client, fb)
    response = client.post(
        reverse("admin:catalog_besluittype_delete", args=[besluittype.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not BesluitType.objects.filter(pk=besluittype.pk).exists()
    entry = AuditEntry.objects.get(actie="beheer_verwijderd", object_uuid=besluittype.uuid)
    assert entry.wijzigingen == {"object": ["Toekenning", None]}


def test_publish_action_publishes_and_audits(client, fb, org):
    concept = factories.zaaktype(org, identificatie="NIEUW", concept=True)
    login(client, fb)
    response = client.post(
        reverse("admin:catalog_zaaktype_changelist"),
        {"action": "publiceren", "_selected_action": [concept.pk]},
    )
    assert response.status_code == 302
    assert ZaakType.objects.get(pk=concept.pk).concept is False
    assert AuditEntry.objects.get(actie="zaaktype_gepubliceerd").wijzigingen == {
        "concept": [True, False]
    }


def test_functional_administrator_sees_only_their_organisation(client, fb, zaaktype):
    org2 = factories.organisatie("Gemeente Elders")
    elders = factories.zaaktype(org2, identificatie="ELDERS", omschrijving="Zaaktype van elders")
    login(client, fb)
    html = client.get(reverse("admin:catalog_zaaktype_changelist")).content.decode()
    assert "Klacht" in html and "Zaaktype van elders" not in html
    assert "Gemeente Elders" not in html  # not even in the list filters
    response = client.get(reverse("admin:catalog_zaaktype_change", args=[elders.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect


def test_superuser_without_medewerker_is_recorded_by_name(client, org, concept):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser(
        "opa", "opa@example.test", "x-Wachtwoord-123"
    )
    client.force_login(admin_user, backend=BACKEND)
    url = reverse("admin:catalog_zaaktype_change", args=[concept.pk])
    data = post_data_from(client.get(url))
    data["omschrijving"] = "Door superuser"
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(actie="beheer_gewijzigd", object_uuid=concept.uuid)
    assert entry.actor_weergave == "opa (beheer)"
    assert entry.actor_user_id == admin_user.pk
    assert entry.organisatie == org


def test_medewerker_admin_grants_case_types_and_is_audited(client, org, zaaktype):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser(
        "root", "root@example.test", "x-Wachtwoord-123"
    )
    mw = factories.medewerker(org)
    client.force_login(admin_user, backend=BACKEND)
    url = reverse("admin:organisations_medewerker_change", args=[mw.pk])
    data = post_data_from(client.get(url))
    prefix = "zaaktype_autorisaties"
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data.update(
        {
            f"{prefix}-0-zaaktype_identificatie": "KLACHT",
            f"{prefix}-0-max_vertrouwelijkheidaanduiding": "vertrouwelijk",
            f"{prefix}-0-medewerker": mw.pk,
        }
    )
    data["rollen"] = ["medewerker", "teamleider"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    mw.refresh_from_db()
    assert mw.rollen == ["medewerker", "teamleider"]
    assert mw.zaaktype_autorisaties.get().zaaktype_identificatie == "KLACHT"
    acties = set(AuditEntry.objects.values_list("actie", flat=True))
    assert {"beheer_gewijzigd", "beheer_aangemaakt"} <= acties
    gewijzigd = AuditEntry.objects.get(actie="beheer_gewijzigd", object_uuid=mw.uuid)
    assert gewijzigd.wijzigingen["rollen"] == [["medewerker"], ["medewerker", "teamleider"]]


def test_audit_trail_is_read_only_in_the_admin(client, org, zaaktype):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser(
        "root", "root@example.test", "x-Wachtwoord-123"
    )
    factories.persoon(factories.actor(factories.medewerker(org)))
    entry = AuditEntry.objects.first()
    client.force_login(admin_user, backend=BACKEND)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).content.decode()
    assert 'name="_save"' not in page
    assert client.get(reverse("admin:audit_verwerkingslog_add")).status_code == 403


def test_business_data_is_not_editable_in_the_admin(client, org):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser(
        "root", "root@example.test", "x-Wachtwoord-123"
    )
    client.force_login(admin_user, backend=BACKEND)
    html = client.get(reverse("admin:index")).content.decode()
    assert "/admin/cases/zaak/" not in html
    assert "/admin/parties/" not in html
    assert "Zaaktypen" in html  # Dutch


def test_a_published_zaaktype_is_fixed_except_its_end_of_validity(client, fb, zaaktype):
    url = reverse("admin:catalog_zaaktype_change", args=[zaaktype.pk])
    login(client, fb)
    response = client.get(url)
    form = response.context["adminform"].form
    assert list(form.fields) == ["einde_geldigheid"]
    assert all(
        not inline.formset.can_delete for inline in response.context["inline_admin_formsets"]
    )


def test_publishing_an_incomplete_concept_is_refused_with_the_reason(client, fb, org):
    leeg = factories.zaaktype(org, identificatie="LEEG", concept=True, statussen=("Enige",))
    login(client, fb)
    response = client.post(
        reverse("admin:catalog_zaaktype_changelist"),
        {"action": "publiceren", "_selected_action": [leeg.pk]},
        follow=True,
    )
    leeg.refresh_from_db()
    assert leeg.concept
    assert "minstens twee statustypen" in response.content.decode()
    assert not AuditEntry.objects.filter(actie="zaaktype_gepubliceerd").exists()
