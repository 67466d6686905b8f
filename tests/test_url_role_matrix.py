"""Every URL with every role (issue 2, section 5): who may open what, and that no page ever shows
data of another organisation or of a case type the role is not granted.

The URL list is read from the resolver (admin/, i18n/ and the OIDC routes included), so a new
URL without an expectation below fails `test_every_url_has_an_expectation`. Object URLs are
opened three times: with organisation A's case of a granted case type (KLACHT), with A's case of
a case type the medewerker is not granted (VERLOF), and with organisation B's case.

What a role may never read is a list of marker strings (case numbers, descriptions, document
and task titles, client names and BSNs, the other organisation's names), checked in the body of
every 200 answer. Deliberate exceptions, each explained where it is made (forbidden_markers):
the auditor reads organisation A's audit trail and processing log; a medewerker may find every
party of their own organisation (ADR 0003); the beheerder is a superuser, who administers every
organisation in the Django admin by definition.

Issue 4 (debt assistance: BRP, letters, processes, destruction, post, the SHV module and its
APIs) keeps its expectations, objects, forms and marker exceptions in tests/url_matrix/issue4.py;
the tables here include them. Its SHV dossiers hang on the three cases above, so A_ONLY / B_ONLY
carry over; organisation-level objects (a template, a destruction list) are A's for both A
variants and B's for b. The BRP pages ask the BRP test double, served for the module.

One world per module: built once inside an outer transaction that is rolled back at the end;
every test runs in its own savepoint, and every POST in one more that is undone at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from http.cookies import SimpleCookie

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from zgw_consumers.constants import APITypes
from zgw_consumers.models import Service

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.services import AutorisatieData, applicatie_create
from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.models import Status, Zaak, ZaakEigenschap
from raadhuis.kernel.cases.selectors import zaak_get
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import BesluitType, Catalogus, InformatieObjectType
from raadhuis.kernel.documents.models import InformatieObjectVersie
from raadhuis.kernel.documents.services import zaak_document_add
from raadhuis.kernel.events.models import Abonnement, Aflevering, Kanaal, OutboxEvent
from raadhuis.kernel.integrations.brp.double import DOUBLE_API_KEY, serve_in_thread
from raadhuis.kernel.organisations.models import Land, Medewerker, Rol
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.models import Taak
from raadhuis.kernel.workflow.services import taak_create
from tests import factories
from tests.url_matrix import issue4, issue5, issue6
from tests.url_matrix.outcomes import (
    A_KLACHT,
    A_ONLY,
    A_VERLOF,
    ADMIN_LOGIN,
    ANON,
    API_401,
    API_NAMESPACES,
    API_PUBLIC_PAGES,
    APPS_A,
    AUD,
    B_ONLY,
    BEH,
    CREATED,
    DONE,
    FB,
    INVALID,
    LOGIN,
    MW_A,
    MW_B,
    NOT_ALLOWED,
    NOT_FOUND,
    OBJECT_VARIANTS,
    OK,
    REDIRECT,
    ROLES,
    TL,
    B,
    F,
    each,
    everyone,
    row,
)

BACKEND = "django.contrib.auth.backends.ModelBackend"

# Roles, object variants and outcomes: tests/url_matrix/outcomes.py.

# --- the expectation table: GET ---------------------------------------------------------------
# row(anonymous, medewerker_a, medewerker_b, teamleider, auditor, functioneel_beheerder, beheerder)
GET_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    "set_language": everyone(REDIRECT),  # GET changes nothing, back to the page
    "web:werkvoorraad": row(LOGIN, OK, OK, OK, OK, OK, OK),
    "web:taak_complete": row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, F, F, F, F),
    "web:zaken": row(LOGIN, OK, OK, F, F, F, F),
    "web:zaak_create": row(LOGIN, OK, OK, F, F, F, F),
    "web:zaak_detail": row(LOGIN, A_ONLY, B_ONLY, F, F, F, F),
    "web:zaak_status": row(LOGIN, A_ONLY, B_ONLY, F, F, F, F),
    "web:zaak_document_add": row(LOGIN, A_ONLY, B_ONLY, F, F, F, F),
    "web:document_versie_add": row(LOGIN, A_ONLY, B_ONLY, F, F, F, F),
    "web:zaak_taak_add": row(LOGIN, A_ONLY, B_ONLY, F, F, F, F),
    "web:zaak_eigenschap_set": row(LOGIN, A_ONLY, B_ONLY, F, F, F, F),
    "web:document_download": row(LOGIN, A_ONLY, B_ONLY, F, F, F, F),
    "web:partijen": row(LOGIN, OK, OK, F, F, F, F),
    "web:partij_create": row(LOGIN, OK, OK, F, F, F, F),
    "web:partij_kiezen": row(LOGIN, OK, OK, F, F, F, F),
    # ADR 0003: every medewerker may open every party of their own organisation (the counter
    # must find any caller); what they see of its cases is limited by their grants.
    "web:partij_detail": row(
        LOGIN, each(OK, OK, NOT_FOUND), each(NOT_FOUND, NOT_FOUND, OK), F, F, F, F
    ),
    "web:team": row(LOGIN, F, F, OK, F, F, F),
    "web:audit": row(LOGIN, F, F, F, OK, F, F),
    "web:applicaties": row(LOGIN, F, F, F, F, OK, OK),
    "web:applicatie_create": row(LOGIN, F, F, F, F, OK, OK),
    "web:applicatie_detail": row(LOGIN, F, F, F, F, APPS_A, APPS_A),
    "web:applicatie_update": row(LOGIN, F, F, F, F, APPS_A, APPS_A),
    "web:applicatie_delete": row(LOGIN, F, F, F, F, APPS_A, APPS_A),
    "web:applicatie_secret": row(LOGIN, F, F, F, F, APPS_A, APPS_A),
    "web:login": row(OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    # Without a password step in this session there is nobody to verify: back to the login.
    "web:login_totp": everyone(LOGIN),
    # A logged-in user who has not given a code may enrol a second factor of their own accord.
    "web:login_totp_setup": row(LOGIN, OK, OK, OK, OK, OK, OK),
    "web:logout": everyone(NOT_ALLOWED),
    "web:organisatie_kiezen": row(LOGIN, OK, OK, OK, OK, OK, OK),
    # Off unless RAADHUIS_OIDC_ENABLED=1; test_oidc_routes_when_enabled covers them switched on.
    "web:oidc_authentication_init": everyone(NOT_FOUND),
    "web:oidc_authentication_callback": everyone(NOT_FOUND),
    # Issue 4 (debt assistance): tests/url_matrix/issue4.py.
    **issue4.GET_EXPECTED,
    # Issue 5 (budget management) and issue 6 (CRM): tests/url_matrix/issue5.py, issue6.py.
    **issue5.GET_EXPECTED,
    **issue6.GET_EXPECTED,
}


def _search_terms(w: World) -> list[str]:
    """Every person's surname and BSN: search results must stay within the organisation."""
    return [t for p in w.partijen.values() for t in (p.geslachtsnaam, p.bsn)]


# Query strings opened besides the bare URL: searches for everybody's data, and the second tab
# of the audit page. A search term is echoed on the page, so it is not counted as a leak there.
GET_QUERIES: dict[str, Callable[[World], list[str]]] = {
    "web:partijen": lambda w: ["", *(f"?q={t}" for t in _search_terms(w))],
    "web:partij_kiezen": lambda w: ["", *(f"?initiator_zoek={t}" for t in _search_terms(w))],
    "web:zaken": lambda w: ["", "?zoek=ZK-", "?status=gesloten", "?mijn=on"],
    "web:audit": lambda w: [
        "",
        "?tab=verwerkingen",
        "?zoekterm=ZK-BEE",
        *(f"?tab=verwerkingen&betrokkene={p.geslachtsnaam}" for p in w.partijen.values()),
        *(f"?tab=verwerkingen&zaak={z.identificatie}" for z in w.zaken.values()),
    ],
}

# --- the expectation table: the Django admin ----------------------------------------------------
# Only staff users reach the admin; everyone else is sent to the admin's login page. The
# functional administrator holds the catalogue permissions only, and sees only the catalogue of
# their own organisation (OrganisatieScopedAdminMixin). The beheerder is a superuser.
NON_STAFF = (ANON, MW_A, MW_B, TL, AUD)

# Model admins by who may use them. "catalogue": the functional administrator (rows of their own
# organisation only) and the superuser. "superuser": superuser only. "-scoped": the admin limits
# rows to the user's organisations, so another organisation's object is "not there" (a redirect
# to the admin index) where Django looks the object up before checking the permission.
# "axes": the lock-out records, viewed and cleared by the superuser, never added by hand.
# "read-only-scoped": the audit trail, viewed by the superuser, never added, changed or deleted.
ADMIN_MODELS: dict[str, str] = {
    "auth.group": "superuser",
    "auth.user": "superuser",
    "otp_totp.totpdevice": "superuser",
    "axes.accessattempt": "axes",
    "axes.accesslog": "axes",
    "axes.accessfailurelog": "axes",
    "organisations.organisatie": "superuser-scoped",
    "organisations.organisatorischeeenheid": "superuser-scoped",
    "organisations.medewerker": "superuser-scoped",
    "catalog.catalogus": "catalogue",
    "catalog.zaaktype": "catalogue",
    "catalog.informatieobjecttype": "catalogue",
    "catalog.besluittype": "catalogue",
    "audit.auditentry": "read-only-scoped",
    "audit.verwerkingslog": "read-only-scoped",
    # Notifications: the channels are shared configuration, the subscriptions, the outbox and
    # the deliveries belong to an organisation; all read-only in the admin.
    "events.kanaal": "read-only",
    "events.abonnement": "read-only-scoped",
    "events.outboxevent": "read-only-scoped",
    "events.aflevering": "read-only-scoped",
    # External API services with their credentials (zgw-consumers): superuser only.
    "zgw_consumers.service": "superuser",
    **issue4.ADMIN_MODELS,
    **issue5.ADMIN_MODELS,
    **issue6.ADMIN_MODELS,
}

# Per access class and kind of admin page: (functional administrator, beheerder), per variant
# "a" (an object of organisation A), "b" (of B) or "-" (no object).
SELF_REDIRECT = {"a": REDIRECT, "b": REDIRECT}  # the old change URL redirects to the new one
ADMIN_MODEL_PAGES: dict[tuple[str, str], tuple[dict[str, str], dict[str, str]]] = {
    ("catalogue", "changelist"): ({"-": OK}, {"-": OK}),
    ("catalogue", "add"): ({"-": OK}, {"-": OK}),
    ("catalogue", "change"): ({"a": OK, "b": REDIRECT}, {"a": OK, "b": OK}),
    ("catalogue", "history"): ({"a": OK, "b": REDIRECT}, {"a": OK, "b": OK}),
    ("catalogue", "delete"): ({"a": OK, "b": REDIRECT}, {"a": OK, "b": OK}),
    ("catalogue", "redirect"): (SELF_REDIRECT, SELF_REDIRECT),
    ("superuser", "changelist"): ({"-": F}, {"-": OK}),
    ("superuser", "add"): ({"-": F}, {"-": OK}),
    ("superuser", "change"): ({"a": F, "b": F}, {"a": OK, "b": OK}),
    ("superuser", "history"): ({"a": F, "b": F}, {"a": OK, "b": OK}),
    ("superuser", "delete"): ({"a": F, "b": F}, {"a": OK, "b": OK}),
    ("superuser", "redirect"): (SELF_REDIRECT, SELF_REDIRECT),
    ("superuser", "password"): ({"a": F, "b": F}, {"a": OK, "b": OK}),
    ("superuser", "config"): ({"a": F}, {"a": OK}),
    ("superuser", "qrcode"): ({"a": F}, {"a": OK}),
    ("superuser-scoped", "changelist"): ({"-": F}, {"-": OK}),
    ("superuser-scoped", "add"): ({"-": F}, {"-": OK}),
    ("superuser-scoped", "change"): ({"a": F, "b": F}, {"a": OK, "b": OK}),
    ("superuser-scoped", "history"): ({"a": F, "b": REDIRECT}, {"a": OK, "b": OK}),
    ("superuser-scoped", "delete"): ({"a": F, "b": F}, {"a": OK, "b": OK}),
    ("superuser-scoped", "redirect"): (SELF_REDIRECT, SELF_REDIRECT),
    ("axes", "changelist"): ({"-": F}, {"-": OK}),
    ("axes", "add"): ({"-": F}, {"-": F}),
    ("axes", "change"): ({"a": F}, {"a": OK}),
    ("axes", "history"): ({"a": F}, {"a": OK}),
    ("axes", "delete"): ({"a": F}, {"a": OK}),
    ("axes", "redirect"): ({"a": REDIRECT}, {"a": REDIRECT}),
    ("read-only-scoped", "changelist"): ({"-": F}, {"-": OK}),
    ("read-only-scoped", "add"): ({"-": F}, {"-": F}),
    ("read-only-scoped", "change"): ({"a": F, "b": F}, {"a": OK, "b": OK}),
    ("read-only-scoped", "history"): ({"a": F, "b": REDIRECT}, {"a": OK, "b": OK}),
    ("read-only-scoped", "delete"): ({"a": F, "b": F}, {"a": F, "b": F}),
    ("read-only-scoped", "redirect"): (SELF_REDIRECT, SELF_REDIRECT),
    ("read-only", "changelist"): ({"-": F}, {"-": OK}),
    ("read-only", "add"): ({"-": F}, {"-": F}),
    ("read-only", "change"): ({"a": F}, {"a": OK}),
    ("read-only", "history"): ({"a": F}, {"a": OK}),
    ("read-only", "delete"): ({"a": F}, {"a": F}),
    ("read-only", "redirect"): ({"a": REDIRECT}, {"a": REDIRECT}),
}

# The admin site's own pages, for (functional administrator, beheerder); non-staff see NON_STAFF.
ADMIN_SITE_PAGES: dict[str, tuple[dict[str, str], dict[str, str], str]] = {
    # name: (functional administrator, beheerder, non-staff roles)
    "admin:index": ({"-": OK}, {"-": OK}, ADMIN_LOGIN),
    # A logged-in non-staff user gets the login form with "you are not authorised".
    "admin:login": ({"-": REDIRECT}, {"-": REDIRECT}, OK),
    "admin:logout": ({"-": NOT_ALLOWED}, {"-": NOT_ALLOWED}, REDIRECT),
    "admin:password_change": ({"-": OK}, {"-": OK}, ADMIN_LOGIN),
    "admin:password_change_done": ({"-": OK}, {"-": OK}, ADMIN_LOGIN),
    # Without the query parameters the autocomplete view answers 403 to everyone.
    "admin:autocomplete": ({"-": F}, {"-": F}, ADMIN_LOGIN),
    "admin:jsi18n": ({"-": OK}, {"-": OK}, ADMIN_LOGIN),
    # Case types have no page on the site to jump to.
    "admin:view_on_site": ({"a": NOT_FOUND}, {"a": NOT_FOUND}, ADMIN_LOGIN),
    "admin:catch_all": ({"-": NOT_FOUND}, {"-": NOT_FOUND}, ADMIN_LOGIN),
}


def admin_app_list_expected() -> tuple[dict[str, str], dict[str, str], str]:
    """admin/<app_label>/: the functional administrator sees the catalogue app only."""
    labels = sorted({m.split(".")[0] for m in ADMIN_MODELS})
    fb = {label: OK if label == "catalog" else NOT_FOUND for label in labels}
    return fb, dict.fromkeys(labels, OK), ADMIN_LOGIN


# --- the expectation table: POST --------------------------------------------------------------
# The same URL with a valid form (what an authorised user would send), per role and variant.
# row(anonymous, medewerker_a, medewerker_b, teamleider, auditor, functioneel_beheerder, beheerder)
A_DOES = each(DONE, NOT_FOUND, NOT_FOUND)
B_DOES = each(NOT_FOUND, NOT_FOUND, DONE)
APPS_A_DO = each(DONE, DONE, NOT_FOUND)
POST_EXPECTED: dict[str, dict[str, str | dict[str, str]]] = {
    # The task of a case one may not see is "not found or already done": a message, no change.
    "web:taak_complete": row(
        LOGIN, each(DONE, REDIRECT, REDIRECT), each(REDIRECT, REDIRECT, DONE), F, F, F, F
    ),
    "web:zaak_create": row(
        LOGIN, each(DONE, INVALID, INVALID), each(INVALID, INVALID, DONE), F, F, F, F
    ),
    "web:zaak_status": row(LOGIN, A_DOES, B_DOES, F, F, F, F),
    "web:zaak_document_add": row(LOGIN, A_DOES, B_DOES, F, F, F, F),
    "web:document_versie_add": row(LOGIN, A_DOES, B_DOES, F, F, F, F),
    "web:zaak_taak_add": row(LOGIN, A_DOES, B_DOES, F, F, F, F),
    "web:zaak_eigenschap_set": row(LOGIN, A_DOES, B_DOES, F, F, F, F),
    "web:partij_create": row(LOGIN, DONE, DONE, F, F, F, F),
    "web:logout": everyone(LOGIN),  # logged out (or already), to the login page
    "set_language": everyone(REDIRECT),
    # Deleting a decision type in the admin: the functional administrator of A may delete A's
    # (audited), never B's; non-staff never reach the view.
    "admin:catalog_besluittype_delete": {
        **dict.fromkeys(NON_STAFF, ADMIN_LOGIN),
        FB: {"a": DONE, "b": REDIRECT},
        BEH: {"a": DONE, "b": DONE},
    },
    "admin:logout": {**dict.fromkeys(NON_STAFF, REDIRECT), FB: LOGIN, BEH: LOGIN},
    "web:applicatie_create": row(LOGIN, F, F, F, F, DONE, DONE),
    "web:applicatie_update": row(LOGIN, F, F, F, F, APPS_A_DO, APPS_A_DO),
    "web:applicatie_delete": row(LOGIN, F, F, F, F, APPS_A_DO, APPS_A_DO),
    "web:applicatie_secret": row(LOGIN, F, F, F, F, APPS_A_DO, APPS_A_DO),
    **issue4.POST_EXPECTED,
    **issue5.POST_EXPECTED,
    **issue6.POST_EXPECTED,
}


# --- the world ----------------------------------------------------------------------------------


@dataclass
class World:
    zaken: dict[str, Zaak]
    documenten: dict[str, object]
    taken: dict[str, object]
    partijen: dict[str, object]
    zaaktypen: dict[str, object]
    medewerkers: dict[str, Medewerker]
    admin_objects: dict[str, dict[str, object]]
    markers: dict[str, list[str]]
    users: dict[str, object] = field(default_factory=dict)
    applicaties: dict[str, Applicatie] = field(default_factory=dict)
    # Issue 4's objects by kind (tests/url_matrix/issue4.py), e.g. extra["dossier"][variant].
    extra: dict[str, object] = field(default_factory=dict)
    # One test client for everything: each new Client builds a handler, and WhiteNoise then
    # indexes all of node_modules (~0.4 s). A role is a set of cookies.
    client: Client = field(default_factory=Client)
    cookies: dict[str, SimpleCookie] = field(default_factory=dict)

    def as_role(self, role: str) -> Client:
        self.client.cookies = deepcopy(self.cookies[role])
        return self.client


def _bsn(seed: int) -> str:
    return factories.elfproef_number(seed, prefix="27")


def build_world() -> World:
    org_a = factories.organisatie("Gemeente Aaltjesdorp", zaak_prefix="AA")
    org_b = factories.organisatie("Stad Beekveld", land=Land.BE, zaak_prefix="BEE")
    klacht_a = factories.zaaktype(org_a, identificatie="KLACHT", omschrijving="Klacht")
    verlof_a = factories.zaaktype(org_a, identificatie="VERLOF", omschrijving="Verlofgeheimtype")
    # The same identification in B: a grant on "KLACHT" must never reach across tenants.
    klacht_b = factories.zaaktype(org_b, identificatie="KLACHT", omschrijving="Beeklachttype")
    InformatieObjectType.objects.filter(catalogus=klacht_b.catalogus).update(
        omschrijving="Beebrieftype"
    )
    Catalogus.objects.filter(pk=klacht_b.catalogus.pk).update(naam="Beecatalogus")
    team_a = factories.team(org_a, "Team Aaltjes")
    team_b = factories.team(org_b, "Team Beekveld")

    mw_a = factories.medewerker(org_a, zaaktypen=(klacht_a,), team=team_a, username="mw-a")
    mw_verlof = factories.medewerker(org_a, zaaktypen=(verlof_a,), team=team_a)
    mw_b = factories.medewerker(org_b, zaaktypen=(klacht_b,), team=team_b, username="mw-b")
    Medewerker.objects.filter(pk=mw_a.pk).update(achternaam="Aalbersma")
    Medewerker.objects.filter(pk=mw_b.pk).update(achternaam="Beekhuizenaar")
    teamleider = factories.medewerker(org_a, rollen=(Rol.TEAMLEIDER,), team=team_a, username="tl")
    auditor = factories.medewerker(org_a, rollen=(Rol.AUDITOR,), username="aud")
    fb = factories.medewerker(org_a, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb")
    fb.user.is_staff = True
    fb.user.save(update_fields=["is_staff"])
    fb.user.user_permissions.set(Permission.objects.filter(content_type__app_label="catalog"))
    beheerder = factories.medewerker(org_a, rollen=(Rol.BEHEERDER,), username="beh")
    beheerder.user.is_staff = beheerder.user.is_superuser = True
    beheerder.user.save(update_fields=["is_staff", "is_superuser"])
    mw_a, mw_b = (Medewerker.objects.get(pk=m.pk) for m in (mw_a, mw_b))

    act_a, act_verlof, act_b = (factories.actor(m) for m in (mw_a, mw_verlof, mw_b))
    p_klacht = factories.persoon(act_a, "Klaagmans", voornamen="Karel", bsn=_bsn(101))
    p_verlof = factories.persoon(act_verlof, "Verlofsma", voornamen="Vera", bsn=_bsn(202))
    p_b = factories.persoon(act_b, "Beeckman", voornamen="Bart", bsn=_bsn(303))

    def case(actor, zaaktype, nummer, omschrijving, initiator, behandelaar, label):  # noqa: ANN001, ANN202
        zaak = zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            identificatie=nummer,
            omschrijving=omschrijving,
            initiator=initiator,
            behandelaar=behandelaar,
            startdatum=date(2026, 1, 5),
        )
        zio = zaak_document_add(
            actor=actor,
            zaak=zaak,
            bestand=ContentFile(f"inhoud {label}".encode(), name=f"{label}.txt"),
            titel=f"Document {label}",
            informatieobjecttype=zaaktype.informatieobjecttypen.get(),
        )
        # Assigned to medewerker A even on the VERLOF case: a task in one's own queue must
        # still not show a case one is not granted.
        taak = taak_create(
            actor=actor,
            zaak=zaak,
            titel=f"Taak {label}",
            toegewezen_aan=behandelaar,
            termijn_werkdagen=5,
        )
        return zaak, zio.informatieobject, taak

    z_klacht, d_klacht, t_klacht = case(
        act_a, klacht_a, "ZK-AA-0417", "Klacht over de stoep", p_klacht, mw_a, "klachtstoep"
    )
    z_verlof, d_verlof, t_verlof = case(
        act_verlof, verlof_a, "ZK-AA-0926", "Verlof wegens", p_verlof, mw_a, "verlofgeheim"
    )
    z_b, d_b, t_b = case(
        act_b, klacht_b, "ZK-BEE-0533", "Bijenoverlast bij de buren", p_b, mw_b, "beedossier"
    )

    besluittype_a = BesluitType.objects.create(
        catalogus=klacht_a.catalogus,
        omschrijving="Besluit Aaltjes",
        begin_geldigheid=date(2024, 1, 1),
    )
    besluittype_b = BesluitType.objects.create(
        catalogus=klacht_b.catalogus,
        omschrijving="Beebesluittype",
        begin_geldigheid=date(2024, 1, 1),
    )
    totp_user = get_user_model().objects.create_user(username="totp-houder")
    device = TOTPDevice.objects.create(user=totp_user, name="telefoon", confirmed=True)
    attempt = dict(
        username="iemand", ip_address="127.0.0.1", user_agent="t", http_accept="*/*", path_info="/"
    )
    admin_objects: dict[str, dict[str, object]] = {
        "auth.group": {"a": Group.objects.create(name="Matrixgroep")},
        "auth.user": {"a": mw_a.user, "b": mw_b.user},
        "otp_totp.totpdevice": {"a": device},
        "axes.accessattempt": {
            "a": AccessAttempt.objects.create(
                **attempt, get_data="", post_data="", failures_since_start=1
            )
        },
        "axes.accesslog": {"a": AccessLog.objects.create(**attempt)},
        "axes.accessfailurelog": {"a": AccessFailureLog.objects.create(**attempt)},
        "organisations.organisatie": {"a": org_a, "b": org_b},
        "organisations.organisatorischeeenheid": {"a": team_a, "b": team_b},
        "organisations.medewerker": {"a": mw_a, "b": mw_b},
        "catalog.catalogus": {"a": klacht_a.catalogus, "b": klacht_b.catalogus},
        "catalog.zaaktype": {"a": klacht_a, "b": klacht_b},
        "catalog.informatieobjecttype": {
            "a": klacht_a.informatieobjecttypen.get(),
            "b": klacht_b.informatieobjecttypen.get(),
        },
        "catalog.besluittype": {"a": besluittype_a, "b": besluittype_b},
        "audit.auditentry": {
            "a": AuditEntry.objects.filter(organisatie=org_a).first(),
            "b": AuditEntry.objects.filter(organisatie=org_b).first(),
        },
        "audit.verwerkingslog": {},
        **events_admin_objects(org_a, org_b),
        # A closed local port: the change page's connection check fails at once.
        "zgw_consumers.service": {
            "a": Service.objects.create(
                label="Matrixdienst",
                slug="matrixdienst",
                api_type=APITypes.ztc,
                api_root="http://127.0.0.1:9/catalogi/api/v1/",
            )
        },
    }
    # Reading a case writes the processing log; one entry per organisation for the admin pages.
    zaak_get(actor=act_a, uuid=z_klacht.uuid)
    zaak_get(actor=act_b, uuid=z_b.uuid)
    admin_objects["audit.verwerkingslog"] = {
        "a": VerwerkingsLog.objects.filter(organisatie=org_a).first(),
        "b": VerwerkingsLog.objects.filter(organisatie=org_b).first(),
    }

    def client_data(zaak, doc, taak, partij) -> list[str]:  # noqa: ANN001
        return [
            zaak.identificatie,
            zaak.omschrijving,
            doc.titel,
            taak.titel,
            partij.geslachtsnaam,
            partij.bsn,
        ]

    markers = {
        # Client data of A's KLACHT case: medewerker A's to see.
        "a_klacht": client_data(z_klacht, d_klacht, t_klacht, p_klacht),
        # A's VERLOF case: not for medewerker A.
        "a_verlof_zaak": [
            z_verlof.identificatie,
            z_verlof.omschrijving,
            d_verlof.titel,
            t_verlof.titel,
        ],
        # Its initiator: medewerker A may find this person (ADR 0003), but not through a case.
        "a_verlof_partij": [p_verlof.geslachtsnaam, p_verlof.bsn],
        # The VERLOF case type itself: configuration of A that medewerker A is not granted.
        "a_verlof_type": [verlof_a.omschrijving],
        # Organisation A's own names (for B's eyes).
        "a_org": [org_a.naam, "Aalbersma", klacht_a.catalogus.naam],
        # Everything of organisation B: client data and configuration.
        "b": [
            *client_data(z_b, d_b, t_b, p_b),
            org_b.naam,
            "Beekhuizenaar",
            "Beecatalogus",
            besluittype_b.omschrijving,
            klacht_b.omschrijving,
            "Beebrieftype",
        ],
    }
    world = World(
        zaken={A_KLACHT: z_klacht, A_VERLOF: z_verlof, B: z_b},
        documenten={A_KLACHT: d_klacht, A_VERLOF: d_verlof, B: d_b},
        taken={A_KLACHT: t_klacht, A_VERLOF: t_verlof, B: t_b},
        partijen={A_KLACHT: p_klacht, A_VERLOF: p_verlof, B: p_b},
        zaaktypen={A_KLACHT: klacht_a, A_VERLOF: verlof_a, B: klacht_b},
        medewerkers={
            MW_A: mw_a,
            MW_B: mw_b,
            TL: teamleider,
            AUD: auditor,
            FB: fb,
            BEH: beheerder,
            "verlof": mw_verlof,
        },
        admin_objects=admin_objects,
        markers=markers,
    )
    world.applicaties = applicaties_build(org_a, org_b, verlof_a)
    world.markers["b"].append(world.applicaties[B].label)
    basis = issue4.Basis(
        org_a=org_a,
        org_b=org_b,
        zaken=world.zaken,
        partijen=world.partijen,
        zaaktypen=world.zaaktypen,
        actors={A_KLACHT: act_a, A_VERLOF: act_verlof, B: act_b},
        mw_a=mw_a,
        mw_b=mw_b,
        fb=fb,
    )
    world.extra = issue4.build(basis, world.markers)
    world.admin_objects["messaging.verzending"] = {
        "a": world.extra["verzending"][A_KLACHT],
        "b": world.extra["verzending"][B],
    }
    world.admin_objects["shv.schuldeiser"] = {
        "a": world.extra["schuldeiser"][A_KLACHT],
        "b": world.extra["schuldeiser"][B],
    }
    world.markers["b"].append(world.extra["schuldeiser"][B].partij.weergavenaam)
    world.extra["budget"] = issue5.build(basis, world.markers)
    world.extra["crm"] = issue6.build(basis, world.markers)
    world.admin_objects.update(issue5.admin_objects(world.extra))
    world.admin_objects.update(issue6.admin_objects(world.extra))
    world.users = {role: m.user for role, m in world.medewerkers.items() if role in ROLES}
    world.users[ANON] = None
    for role in ROLES:
        world.cookies[role] = login_cookies(world.client, world.users[role])
    return world


def events_admin_objects(org_a, org_b) -> dict[str, dict[str, object]]:  # noqa: ANN001
    """A subscription and a delivery per organisation; the world's cases queued the events."""
    objects: dict[str, dict[str, object]] = {
        "events.kanaal": {"a": Kanaal.objects.get_or_create(naam="zaken")[0]},
        "events.abonnement": {},
        "events.outboxevent": {},
        "events.aflevering": {},
    }
    for v, org in (("a", org_a), ("b", org_b)):
        abonnement = Abonnement.objects.create(
            organisatie=org, callback_url=f"https://ontvanger-{v}.example.nl/", auth="Bearer x"
        )
        event = OutboxEvent.objects.filter(organisatie=org).first()
        objects["events.abonnement"][v] = abonnement
        objects["events.outboxevent"][v] = event
        objects["events.aflevering"][v] = Aflevering.objects.create(
            outbox_event=event, abonnement=abonnement
        )
    return objects


def applicaties_build(org_a, org_b, verlof_a) -> dict[str, Applicatie]:  # noqa: ANN001
    """API applications: two of A (one with all autorisaties, one granted the VERLOF case type)
    and one of B."""
    verlof_url = f"http://testserver/catalogi/api/v1/zaaktypen/{verlof_a.uuid}"
    return {
        A_KLACHT: applicatie_create(
            Actor.system(org_a),
            label="Aaltjeskoppeling",
            client_ids=["aaltjes-alles"],
            heeft_alle_autorisaties=True,
        ),
        A_VERLOF: applicatie_create(
            Actor.system(org_a),
            label="Aaltjes verlofkoppeling",
            client_ids=["aaltjes-verlof"],
            autorisaties=[
                AutorisatieData(
                    component="zrc",
                    scopes=["zaken.lezen"],
                    zaaktype=verlof_url,
                    max_vertrouwelijkheidaanduiding="geheim",
                )
            ],
        ),
        B: applicatie_create(
            Actor.system(org_b),
            label="Beekoppeling",
            client_ids=["beekveld-koppeling"],
            heeft_alle_autorisaties=True,
        ),
    }


def login_cookies(client: Client, user) -> SimpleCookie:  # noqa: ANN001
    """A fresh session for `user` (none for anonymous)."""
    client.cookies = SimpleCookie()
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return deepcopy(client.cookies)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    # The BRP search and takeover ask the BRP test double (a real server on a free port).
    brp_url, brp_stop = serve_in_thread()
    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"),
        BRP_URL=brp_url,
        BRP_API_KEY=DOUBLE_API_KEY,
        BRP_TIMEOUT_SECONDS=5,
    )
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            media.disable()
            brp_stop()
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    media.disable()
    brp_stop()


@pytest.fixture(autouse=True)
def _media_root():
    """The world's files stay where the module fixture put them (overrides tests/conftest.py)."""


# --- the URLs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Url:
    key: str  # "namespace:name", or for the admin's unnamed routes a descriptive key
    route: tuple[str, ...]  # the pattern of every level, outermost first
    params: tuple[str, ...]
    callback: Callable

    @property
    def model_label(self) -> str | None:
        """'app_label.model' for a URL of a registered model admin."""
        name = self.key.removeprefix("admin:")
        for model in admin.site._registry:
            prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
            if name.startswith(prefix) or name.startswith("<" + prefix):
                return model._meta.label_lower
        return None


_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


def _walk(patterns, route=(), namespace="") -> Iterator[Url]:  # noqa: ANN001
    for p in patterns:
        here = (*route, str(p.pattern))
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, (namespace, p.namespace)))
            yield from _walk(p.url_patterns, here, ns)
        elif isinstance(p, URLPattern):
            params = tuple(m["name"] or m["rname"] for m in _PARAM.finditer("".join(here)))
            if p.name:
                key = f"{namespace}:{p.name}" if namespace else p.name
            else:
                key = _unnamed_key(namespace, here[-1], getattr(p.callback, "model_admin", None))
            yield Url(key, here, params, p.callback)


def _unnamed_key(namespace: str, pattern: str, model_admin) -> str:  # noqa: ANN001
    if model_admin is not None and pattern == "<path:object_id>/":
        opts = model_admin.model._meta
        return f"{namespace}:<{opts.app_label}_{opts.model_name}_redirect>"
    if namespace == "admin" and pattern == "(?P<url>.*)$":
        return "admin:catch_all"
    return f"{namespace}:<unnamed {pattern}>"


def all_urls() -> list[Url]:
    return list(_walk(get_resolver().url_patterns))


def url_path(url: Url, values: dict[str, object]) -> str:
    """Fill the route's parameters; a regex level loses its anchors."""

    def fill(match: re.Match) -> str:
        return str(values[match["name"] or match["rname"]])

    path = "/" + "".join(_PARAM.sub(fill, part.lstrip("^").rstrip("$")) for part in url.route)
    assert resolve(path.split("?")[0]).func == url.callback, path
    return path


# --- filling the parameters -------------------------------------------------------------------

WEB_OBJECTS: dict[str, Callable[[World, str], dict[str, object]]] = {
    "web:taak_complete": lambda w, v: {"uuid": w.taken[v].uuid},
    "web:zaak_detail": lambda w, v: {"uuid": w.zaken[v].uuid},
    "web:zaak_status": lambda w, v: {"uuid": w.zaken[v].uuid},
    "web:zaak_document_add": lambda w, v: {"uuid": w.zaken[v].uuid},
    "web:document_versie_add": lambda w, v: {
        "uuid": w.zaken[v].uuid,
        "document": w.documenten[v].uuid,
    },
    "web:zaak_taak_add": lambda w, v: {"uuid": w.zaken[v].uuid},
    "web:zaak_eigenschap_set": lambda w, v: {"uuid": w.zaken[v].uuid},
    "web:document_download": lambda w, v: {"uuid": w.documenten[v].uuid},
    "web:partij_detail": lambda w, v: {"uuid": w.partijen[v].uuid},
    "web:applicatie_detail": lambda w, v: {"uuid": w.applicaties[v].uuid},
    "web:applicatie_update": lambda w, v: {"uuid": w.applicaties[v].uuid},
    "web:applicatie_delete": lambda w, v: {"uuid": w.applicaties[v].uuid},
    "web:applicatie_secret": lambda w, v: {"uuid": w.applicaties[v].uuid},
    "autorisaties:applicatie-detail": lambda w, v: {"uuid": w.applicaties[v].uuid},
    **issue4.WEB_OBJECTS,
    **issue5.WEB_OBJECTS,
    **issue6.WEB_OBJECTS,
}


def admin_kind(url: Url) -> str:
    name = url.key.removeprefix("admin:")
    if name.endswith("_redirect>"):
        return "redirect"
    if name == "auth_user_password_change":
        return "password"
    return name.rsplit("_", 1)[-1]


def variants(url: Url, world: World) -> dict[str, dict[str, object]]:
    """variant -> path parameters."""
    if not url.params:
        return {"-": {}}
    if url.key in WEB_OBJECTS:
        return {v: WEB_OBJECTS[url.key](world, v) for v in OBJECT_VARIANTS}
    if url.key == "admin:app_list":
        return {label: {"app_label": label} for label in sorted(admin_app_list_expected()[1])}
    if url.key == "admin:catch_all":
        return {"-": {"url": "bestaat-niet/"}}
    if url.key.endswith(":error-detail"):
        return {"-": {"name": "NotFound"}}
    if is_api(url):  # the answer is 401 before any lookup: the cases' uuids fill every slot
        return {v: dict.fromkeys(url.params, world.zaken[v].uuid) for v in OBJECT_VARIANTS}
    if url.key == "admin:view_on_site":
        zaaktype = world.zaaktypen[A_KLACHT]
        ct = ContentType.objects.get_for_model(zaaktype)
        return {"a": {"content_type_id": ct.pk, "object_id": zaaktype.pk}}
    label = url.model_label
    if label is not None and label in world.admin_objects:
        return {
            v: dict.fromkeys(url.params, obj.pk) for v, obj in world.admin_objects[label].items()
        }
    raise AssertionError(f"{url.key}: no way to fill {url.params}; add it to variants()")


# --- expectations -------------------------------------------------------------------------------


def _pick(outcome: str | dict[str, str], variant: str) -> str:
    return outcome if isinstance(outcome, str) else outcome[variant]


def is_api(url: Url) -> bool:
    return url.key.split(":", 1)[0] in API_NAMESPACES


def api_expected(url: Url) -> str:
    """Every role, anonymous included: the public pages open, everything else asks for a JWT;
    a route without GET (POST-only actions such as _zoek and publish) is a 405 first."""
    name = url.key.split(":", 1)[1]
    if name in API_PUBLIC_PAGES:
        return API_PUBLIC_PAGES[name]
    view = getattr(url.callback, "cls", None)
    actions = getattr(url.callback, "actions", None) or {}
    if view is not None and ("get" not in actions or "get" not in view.http_method_names):
        return NOT_ALLOWED
    return API_401


def expected_get(url: Url, role: str, variant: str) -> str:
    if url.key in GET_EXPECTED:
        return _pick(GET_EXPECTED[url.key][role], variant)
    if is_api(url):
        return api_expected(url)
    if url.key == "admin:app_list":
        fb, beh, others = admin_app_list_expected()
    elif url.key in ADMIN_SITE_PAGES:
        fb, beh, others = ADMIN_SITE_PAGES[url.key]
    elif url.model_label in ADMIN_MODELS:
        access = ADMIN_MODELS[url.model_label]
        fb, beh = ADMIN_MODEL_PAGES[(access, admin_kind(url))]
        others = ADMIN_LOGIN
    else:
        raise KeyError(url.key)
    if role == FB:
        return fb[variant if variant in fb else "-"]
    if role == BEH:
        return beh[variant if variant in beh else "-"]
    return others


def has_expectation(url: Url, world: World) -> bool:
    try:
        for variant in variants(url, world):
            for role in ROLES:
                expected_get(url, role, variant)
    except KeyError:
        return False
    return True


def forbidden_markers(world: World, role: str, url: Url, variant: str) -> list[str]:
    """What `role` may never read on this page: the kernel's markers (_kernel_markers) and
    issue 4's archived cases, less what an issue-4 page shows on purpose (issue4)."""
    hidden = _kernel_markers(world, role, url, variant)
    if role == BEH and url.key.startswith("admin:"):
        return hidden  # a superuser administers every organisation
    archief = issue4.hidden_everywhere(world.markers)
    if role == AUD and url.key == "web:audit":
        hidden = hidden + archief["b"]  # A's audit trail is the auditor's to read
    else:
        hidden = hidden + archief["a"] + archief["b"]
    allowed = issue4.shown_on_purpose(role, url.key, world.markers)
    hidden = [s for s in hidden if s not in allowed]
    # Issues 5 and 6: their own markers (what they add to the kernel's groups is above).
    for issue in (issue5, issue6):
        hidden = hidden + issue.hidden(role, url.key, variant, world.markers)
    return hidden


def _kernel_markers(world: World, role: str, url: Url, variant: str) -> list[str]:
    m = world.markers
    b = m["b"]
    clients_a = m["a_klacht"] + m["a_verlof_zaak"] + m["a_verlof_partij"]
    if role == MW_A:
        hidden = m["a_verlof_zaak"] + m["a_verlof_type"] + b
        # ADR 0003: medewerker A may find and open every party of A, the VERLOF initiator
        # included (not the VERLOF case on its page); everywhere else that person stays hidden.
        party_pages = ("web:partijen", "web:partij_kiezen")
        if url.key not in party_pages and (url.key, variant) != ("web:partij_detail", A_VERLOF):
            hidden += m["a_verlof_partij"]
        return hidden
    if role == MW_B:
        return clients_a + m["a_verlof_type"] + m["a_org"]
    if role == AUD and url.key == "web:audit":
        return b  # the audit trail and processing log of A are the auditor's job
    if role == BEH and url.key.startswith("admin:"):
        return []  # a superuser administers every organisation
    if role in (FB, BEH) and url.key.startswith("web:applicatie"):
        # The types an application can be granted are A's whole published catalogue (VERLOF
        # included): configuration, no client data, nothing of B.
        return clients_a + b
    if role == FB and url.key.startswith("admin:"):
        # The catalogue of A is theirs to edit (VERLOF included); B's, and client data, not:
        # not in a choice list, not in a delete confirmation listing what depends on a type.
        return clients_a + b
    # anonymous, teamleider (aggregates only), auditor outside the audit page, medewerkers and
    # administrators outside their pages: no client data at all, nothing of B.
    return clients_a + m["a_verlof_type"] + b


def outcome_of(response) -> str:  # noqa: ANN001
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(resolve_url(settings.LOGIN_URL)):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return REDIRECT
    return str(response.status_code)


def body_of(response) -> str:  # noqa: ANN001
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


# --- the tests ------------------------------------------------------------------------------------

URLS = all_urls()


@pytest.mark.django_db
def test_every_url_has_an_expectation(world):
    missing = [u.key for u in URLS if not has_expectation(u, world)]
    assert not missing, f"URLs without an expectation in {__name__}: {missing}"
    keys = {u.key for u in URLS}
    stale = sorted((set(GET_EXPECTED) | set(POST_EXPECTED) | set(ADMIN_SITE_PAGES)) - keys)
    assert not stale, f"expectations for URLs that no longer exist: {stale}"
    models = {u.model_label for u in URLS if u.model_label}
    assert models == set(ADMIN_MODELS), models ^ set(ADMIN_MODELS)


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=lambda u: u.key)
def test_every_role_gets_what_it_may_and_sees_nothing_it_may_not(world, url):
    problems = []
    for variant, params in variants(url, world).items():
        path = url_path(url, params)
        for query in GET_QUERIES.get(url.key, lambda w: [""])(world):
            for role in ROLES:
                expected = expected_get(url, role, variant)
                response = world.as_role(role).get(path + query)
                actual = outcome_of(response)
                where = f"{role} GET {path}{query} [{variant}]"
                if actual != expected:
                    problems.append(f"{where}: expected {expected}, got {actual}")
                    continue
                if response.status_code == 200:
                    body = body_of(response)
                    hidden = forbidden_markers(world, role, url, variant)
                    leaked = [s for s in hidden if s in body and s not in query]
                    if leaked:
                        problems.append(f"{where}: shows {leaked}")
    assert not problems, "\n".join(problems)


# --- POST -----------------------------------------------------------------------------------------


def post_form(key: str, w: World, v: str) -> dict:
    """A valid form for `key` on variant `v`'s objects, built anew for every POST (an uploaded
    file can be read only once)."""
    for issue in (issue4, issue5, issue6):
        form = issue.post_form(key, w, v)
        if form is not None:
            return form
    zaaktype = w.zaaktypen.get(v)
    if key == "web:zaak_create":
        return {
            "zaaktype": zaaktype.pk,
            "omschrijving": "Nieuwe zaak uit de matrix",
            "startdatum": "2026-02-02",
            "vertrouwelijkheidaanduiding": "",
            "behandelaar": "",
        }
    if key == "web:partij_create":
        return {
            "soort": "natuurlijk_persoon",
            "geslachtsnaam": "Nieuw",
            "geslacht": "o",
            "land": "NL",
        }
    if key == "web:taak_complete":
        return {"toelichting": "Klaar"}
    if key == "web:zaak_status":
        return {"statustype": zaaktype.statustypen.get(volgnummer=2).pk, "toelichting": ""}
    if key == "web:zaak_document_add":
        return {
            "bestand": SimpleUploadedFile("brief.txt", b"nieuwe brief", "text/plain"),
            "titel": "Nieuwe brief",
            # The world's own type (issue 4's letters add a "Brief" type of their own).
            "informatieobjecttype": zaaktype.informatieobjecttypen.order_by("pk").first().pk,
        }
    if key == "web:document_versie_add":
        return {"bestand": SimpleUploadedFile("v2.txt", b"versie twee", "text/plain"), "titel": ""}
    if key == "web:zaak_taak_add":
        eigen = w.medewerkers[MW_B if v == B else MW_A]  # someone of the case's organisation
        return {"titel": "Nieuwe taak", "toegewezen_aan": eigen.pk, "termijn_werkdagen": 5}
    if key == "web:zaak_eigenschap_set":
        return {"eigenschap": zaaktype.eigenschappen.get().pk, "waarde": "31-12-2025"}
    if key == "admin:catalog_besluittype_delete":
        return {"post": "yes"}
    if key.startswith("web:applicatie"):
        return applicatie_form(key, w, v)
    if key == "set_language":
        return {"language": "nl", "next": "/"}
    return {}  # web:logout, admin:logout


def applicatie_form(key: str, w: World, v: str) -> dict:
    """A valid form of the API-koppelingen pages (on variant `v`'s application)."""
    if key == "web:applicatie_delete":
        return {"toelichting": "Matrix"}
    if key == "web:applicatie_secret":
        return {"client_id": w.applicaties[v].clients.get().client_id}
    data: dict = {"label": "Matrixkoppeling", "heeft_alle_autorisaties": "on"}
    for component in ("zrc", "drc", "brc"):
        data.update({f"{component}-TOTAL_FORMS": "1", f"{component}-INITIAL_FORMS": "0"})
    if key == "web:applicatie_create":
        data["client_id"] = "matrix-koppeling"
    return data


def post_cases(url: Url, world: World) -> Iterator[tuple[str, str, Callable[[], dict]]]:
    """(variant, path, form factory) for every POST the table expects."""
    if url.key == "web:zaak_create":  # the variant is the case type chosen in the form
        targets = {v: {} for v in OBJECT_VARIANTS}
    elif url.key in WEB_OBJECTS:
        targets = {v: WEB_OBJECTS[url.key](world, v) for v in OBJECT_VARIANTS}
    elif url.key == "admin:catalog_besluittype_delete":
        objects = world.admin_objects["catalog.besluittype"]
        targets = {v: {"object_id": obj.pk} for v, obj in objects.items()}
    else:
        targets = {"-": {}}
    for v, params in targets.items():
        yield v, url_path(url, params), partial(post_form, url.key, world, v)


def state() -> dict[str, int]:
    """What a write would change."""
    return {
        "auditentries": AuditEntry.objects.count(),
        "zaken": Zaak.objects.count(),
        "statussen": Status.objects.count(),
        "taken": Taak.objects.count(),
        "open taken": Taak.objects.filter(status="open").count(),
        "documentversies": InformatieObjectVersie.objects.count(),
        "eigenschappen": ZaakEigenschap.objects.count(),
        "partijen": Partij.objects.count(),
        "besluittypen": BesluitType.objects.count(),
    }


class _Undo(Exception):
    pass


POST_URLS = [u for u in URLS if u.key in POST_EXPECTED]


# The login flow's forms: their POSTs are tested in tests/web/test_auth*.py.
LOGIN_FORMS = {"web:login", "web:login_totp", "web:login_totp_setup", "web:organisatie_kiezen"}


def undone(fn: Callable[[], object]) -> tuple[object, dict[str, int], dict[str, int]]:
    """Run `fn` in a savepoint that is rolled back; returns its result and the state around it."""
    result: list = []
    try:
        with transaction.atomic():
            before = state()
            result.append(fn())
            after = state()
            raise _Undo
    except _Undo:
        pass
    return result[0], before, after


@pytest.mark.django_db
def test_a_url_outside_the_post_table_refuses_a_post(world):
    """So a new write URL cannot slip past the POST table: every other staff URL is GET-only."""
    assert {u.key for u in URLS} >= LOGIN_FORMS
    problems = []
    for url in URLS:
        if not url.key.startswith("web:") or url.key in POST_EXPECTED or url.key in LOGIN_FORMS:
            continue
        for variant, params in variants(url, world).items():
            path = url_path(url, params)
            for role in ROLES:
                if expected_get(url, role, variant) != OK:
                    continue
                response, before, after = undone(lambda p=path, r=role: world.as_role(r).post(p))
                if response.status_code != 405 or before != after:
                    problems.append(f"{role} POST {path}: {response.status_code}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_markers_are_on_the_pages_of_those_who_may_see_them(world):
    """The leak checks look for these strings: prove they appear as-is where they belong."""
    owners = {A_KLACHT: MW_A, A_VERLOF: "verlof", B: MW_B}
    groups = {A_KLACHT: ["a_klacht"], A_VERLOF: ["a_verlof_zaak", "a_verlof_partij"], B: []}
    for variant, owner in owners.items():
        client = world.client
        login_cookies(client, world.medewerkers[owner].user)
        zaak = client.get(f"/zaken/{world.zaken[variant].uuid}/").content.decode()
        partij = client.get(f"/partijen/{world.partijen[variant].uuid}/").content.decode()
        expected = [s for g in groups[variant] for s in world.markers[g]]
        if variant == B:
            expected = world.markers["b"][:6]  # B's client data
        missing = [s for s in expected if s not in zaak + partij]
        assert not missing, (variant, missing)


@pytest.mark.django_db
@pytest.mark.parametrize("url", POST_URLS, ids=lambda u: u.key)
def test_a_post_by_a_role_without_the_right_changes_nothing(world, url):
    problems = []
    for variant, path, data in post_cases(url, world):
        for role in ROLES:
            expected = _pick(POST_EXPECTED[url.key][role], variant)

            def post(role=role, path=path, data=data):  # noqa: ANN001, ANN202
                # A session of its own: a logout must not end the role's shared one.
                login_cookies(world.client, world.users[role])
                if issue4.is_json_api(url.key):
                    return world.client.post(path, data(), content_type="application/json")
                return world.client.post(path, data())

            response, before, after = undone(post)
            actual = outcome_of(response)
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            where = f"{role} POST {path} [{variant}]"
            if expected in (DONE, CREATED):
                answer = REDIRECT if expected == DONE else CREATED
                if actual != answer or after["auditentries"] <= before["auditentries"]:
                    problems.append(f"{where}: expected the write, got {actual}, {changed}")
            elif actual != expected:
                problems.append(f"{where}: expected {expected}, got {actual}")
            elif changed:
                problems.append(f"{where}: refused ({actual}) but changed {changed}")
            if response.status_code in (200, 400):  # a form shown again shows no one else's data
                body = body_of(response)
                leaked = [m for m in forbidden_markers(world, role, url, variant) if m in body]
                if leaked:
                    problems.append(f"{where}: shows {leaked}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_a_document_of_another_case_is_not_reached_through_a_granted_case(world):
    """/zaken/<granted case>/documenten/<someone else's document>/versie/: the document must
    belong to the case in the path, or it is not there."""
    granted = world.zaken[A_KLACHT].uuid
    for variant in (A_VERLOF, B):
        path = f"/zaken/{granted}/documenten/{world.documenten[variant].uuid}/versie/"
        assert world.as_role(MW_A).get(path).status_code == 404, variant
        data = post_form("web:document_versie_add", world, A_KLACHT)
        response, before, after = undone(lambda p=path, d=data: world.as_role(MW_A).post(p, d))
        assert (response.status_code, before) == (404, after), variant


@pytest.mark.django_db
def test_a_medewerker_without_a_debt_track_finds_no_debt_pages(world):
    """The matrix's medewerkers are debt consultants (issue 4); one granted KLACHT only finds
    none of the module's pages (404, as if they did not exist), nor the signal queue, which
    needs the early-warning track."""
    org_a = world.zaken[A_KLACHT].organisatie
    alleen_klacht = factories.medewerker(org_a, zaaktypen=(world.zaaktypen[A_KLACHT],))
    login_cookies(world.client, alleen_klacht.user)
    names = ("caseload", "aanmelding", "schuldeisers", "schuldeiser_create", "signaal_wachtrij")
    answers = {n: world.client.get(reverse(f"shv:{n}")).status_code for n in names}
    assert answers == dict.fromkeys(names, 404)


# --- OIDC switched on ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_oidc_routes_when_enabled_send_everyone_to_the_provider(world, settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "raadhuis-matrix"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.test/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example.test/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.example.test/userinfo"
    settings.LOGIN_REDIRECT_URL_FAILURE = "/login/"
    for role in ROLES:
        client = world.as_role(role)
        start = client.get("/oidc/authenticate/")
        assert start.status_code == 302, role
        assert start["Location"].startswith("https://login.example.test/authorize?"), role
        # A callback without a code is a failed login, whoever asks.
        assert outcome_of(client.get("/oidc/callback/")) == LOGIN, role
