"""Speed rules of the CRM (issue 6), pinned as query counts and as "same rows as the old path":
the complaint department rule once per actor, the relation page's fixed number of queries, the
contact form's staff choices in one lazy query, and the two smart filters that now narrow in SQL
("contracten die binnen 90 dagen aflopen", "leads zonder contact in 30 dagen")."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten.models import Contract, Verlenging
from raadhuis.modules.crm.contracten.selectors import (
    Contractfilter,
    _actiedatum,
    contracten_overzicht,
)
from raadhuis.modules.crm.forms import KlantcontactForm
from raadhuis.modules.crm.klachten import selectors as klachtselectors
from raadhuis.modules.crm.leads.models import FaseSoort, Lead
from raadhuis.modules.crm.leads.selectors import Leadfilter, fasen_van, leads_zoeken
from raadhuis.modules.crm.leads.services import lead_create, leads_pipelines_ensure
from raadhuis.modules.crm.models import Klantcontact, RelatieSoort
from raadhuis.modules.crm.services import (
    Opvolging,
    contactpersoon_add,
    klantcontact_create,
    relatie_handmatig_create,
)
from tests import factories
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403
from tests.modules.crm.test_klachten_fixtures import klacht_grant

BACKEND = "django.contrib.auth.backends.ModelBackend"
AMS = ZoneInfo("Europe/Amsterdam")


def _aantal_queries(functie) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as ctx:
        functie()
    return len(ctx.captured_queries)


# --- 1. the complaint department rule, once per actor ---------------------------------------


def test_the_department_rule_is_worked_out_once_per_actor(kl_org, kl_klacht, kl_wijk_mw):
    """The units (and those below) cost their queries on the first use only; a new actor
    (a new request) asks again, and the rule still hides another department's complaints."""
    wijk = factories.actor(kl_wijk_mw)
    eerste = _aantal_queries(lambda: klachtselectors.afdeling_ids(wijk))
    assert eerste >= 1
    assert _aantal_queries(lambda: klachtselectors.afdeling_ids(wijk)) == 0
    assert _aantal_queries(lambda: klachtselectors.klacht_filter(wijk)) == 0
    assert kl_klacht.afdeling_id not in klachtselectors.afdeling_ids(wijk)
    assert not klachtselectors.klachten_lijst(
        actor=wijk, filters=klachtselectors.KlachtFilters()
    ).exists()
    assert not klachtselectors.mag_klacht_zien(wijk, kl_klacht)
    # A fresh actor for the same person starts without the memo.
    assert _aantal_queries(lambda: klachtselectors.afdeling_ids(factories.actor(kl_wijk_mw))) >= 1


def test_the_memo_still_lets_a_parent_unit_see_its_departments(kl_org, kl_klacht, kl_burgerzaken):
    concern = factories.team(kl_org, "Publiekszaken")
    kl_burgerzaken.hoort_bij = concern
    kl_burgerzaken.save()
    coordinator = factories.medewerker(kl_org, team=concern)
    klacht_grant(coordinator)
    actor = factories.actor(coordinator)
    assert klachtselectors.afdeling_ids(actor) == {concern.pk, kl_burgerzaken.pk}
    assert klachtselectors.mag_klacht_zien(actor, kl_klacht)
    assert list(
        klachtselectors.klachten_lijst(actor=actor, filters=klachtselectors.KlachtFilters())
    ) == [kl_klacht]


def test_the_relation_page_builds_the_rule_once(kl_klacht, kl_behandelaar, kl_ik):
    """The relation page's complaint block and the CRM scope share one set of units: the
    block costs no unit queries once the scope is known."""
    from raadhuis.modules.crm.klachten.selectors import klachten_relatieblok
    from raadhuis.modules.crm.selectors import relatie_bereik

    relatie_bereik(kl_ik)
    with CaptureQueriesContext(connection) as ctx:
        blok = klachten_relatieblok(kl_ik, kl_klacht.klager)
    assert blok["klachten"] == [kl_klacht] and blok["klachten_totaal"] == 1
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not [s for s in sqls if 'FROM "organisations_organisatorischeeenheid"' in s]
    assert not [s for s in sqls if "COUNT(" in s]  # fewer than a page: the list is the total


# --- 2. the relation page: a fixed number of queries ---------------------------------------


@pytest.fixture
def drukke_relatie(am, accountmanager, bedrijf, afdeling_ez, crm_org):
    """A company with something in every block: contact persons, contact moments with a
    follow-up task, a lead and a contract."""
    pipeline = leads_pipelines_ensure(crm_org)[0]

    def meer(n: int, start: int = 0) -> None:
        for i in range(start, start + n):
            contactpersoon_add(actor=am, relatie=bedrijf, rol="Lid", geslachtsnaam=f"Lid {i}")
            klantcontact_create(
                actor=am,
                partij=bedrijf.partij,
                kanaal="telefoon",
                onderwerp=f"Gesprek {i}",
                opvolging=Opvolging(
                    titel=f"Terugbellen {i}", toegewezen_aan=accountmanager, termijn_werkdagen=3
                ),
            )
            lead_create(
                actor=am,
                partij=bedrijf.partij,
                titel=f"Kans {i}",
                pipeline=pipeline,
                waarde="1000,00",
                afdeling=afdeling_ez,
                eigenaar=accountmanager,
                bron="website",
            )
            Contract.objects.create(
                organisatie=crm_org,
                partij=bedrijf.partij,
                kenmerk=f"CON-T-{i}",
                onderwerp=f"Onderhoud {i}",
                waarde=Decimal("1000"),
                startdatum=date(2025, 1, 1),
                einddatum=date(2027, 1, 1),
                afdeling=afdeling_ez,
                eigenaar=accountmanager,
            )

    meer(1)
    return bedrijf, meer


def test_the_relation_page_runs_the_same_queries_with_more_rows(
    client, accountmanager, drukke_relatie
):
    bedrijf, meer = drukke_relatie
    client.force_login(accountmanager.user, backend=BACKEND)
    url = reverse("crm:relatie", args=[bedrijf.partij.uuid])

    def pagina() -> None:
        response = client.get(url)
        assert response.status_code == 200
        assert "Gesprek 0" in response.content.decode()

    pagina()  # warm up: per-process caches
    voor = _aantal_queries(pagina)
    meer(6, start=1)
    na = _aantal_queries(pagina)
    assert na == voor
    # A small constant (was 38-55 at scale, 26-29 in session 7): middleware, scope, the
    # relation with the presence of each section, one query per section or block that has
    # rows, and the processing log in one INSERT. 15 here.
    assert voor <= 15


@pytest.mark.django_db(transaction=True)
def test_the_processing_log_of_the_page_is_one_transaction(client, accountmanager, bedrijf, am):
    """Outside a test transaction (autocommit, as in production) the page's log entries
    (the relation, its contact persons, its representations) are written together, in one
    INSERT and one COMMIT, after the page's reads."""
    from raadhuis.kernel.audit.models import VerwerkingsLog

    contactpersoon_add(actor=am, relatie=bedrijf, rol="Directeur", geslachtsnaam="Een")
    client.force_login(accountmanager.user, backend=BACKEND)
    url = reverse("crm:relatie", args=[bedrijf.partij.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert sum('INSERT INTO "audit_verwerkingslog"' in s for s in sqls) == 1
    handelingen = set(
        VerwerkingsLog.objects.filter(request_id=response["X-Request-ID"]).values_list(
            "handeling", flat=True
        )
    )
    assert handelingen == {
        "Relatie ingezien",
        f"Contactpersonen van {bedrijf} ingezien",
        f"Vertegenwoordiging van {bedrijf.partij} ingezien",
    }
    if connection.vendor == "postgresql":
        assert sum(s.startswith("COMMIT") for s in sqls) <= 1
        assert not [s for s in sqls if s.startswith("SAVEPOINT")]


# --- 3. the contact form's staff choices -----------------------------------------------------


def test_the_contact_form_asks_for_its_staff_once_and_only_when_shown(
    am, accountmanager, crm_org, afdeling_ez
):
    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,), team=afdeling_ez)
    collega = factories.medewerker(crm_org, rollen=(Rol.MEDEWERKER,), team=afdeling_ez)
    form = KlantcontactForm(actor=am, zaken=[])
    assert _aantal_queries(lambda: KlantcontactForm(actor=am, zaken=[])) == 0
    html = []
    assert _aantal_queries(lambda: html.append(str(form["opvolging_medewerker"]))) == 1
    waarden = {str(v) for v, _label in form.fields["opvolging_medewerker"].choices}
    assert str(accountmanager.pk) in waarden and str(collega.pk) in waarden
    assert str(teamleider.pk) not in waarden  # the same people as accountmanagers_van
    assert form["opvolging_medewerker"].initial == accountmanager.pk


def test_the_contact_form_refuses_staff_without_the_role(am, crm_org, afdeling_ez):
    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,), team=afdeling_ez)
    data = {
        "kanaal": "telefoon",
        "onderwerp": "Terugbellen",
        "uitkomst": "beantwoord",
        "opvolging": "on",
        "opvolging_titel": "Bellen",
        "opvolging_medewerker": str(teamleider.pk),
        "opvolging_vervaldatum": "2030-01-01",
    }
    form = KlantcontactForm(data, actor=am, zaken=[])
    assert not form.is_valid()
    assert "opvolging_medewerker" in form.errors


# --- 4. smart filters: same rows as the old path ----------------------------------------------


def _oud_aflopend(actor, op: date, dagen: int) -> list:  # noqa: ANN001
    """The old path: every contract's rule in Python, then the window."""
    grens = op + timedelta(days=dagen)
    regels = contracten_overzicht(actor=actor, filters=Contractfilter(), op=op)
    return [r for r in regels if _actiedatum(r) is not None and op <= _actiedatum(r) <= grens]


@pytest.fixture
def gemengde_contracten(crm_org, bedrijf, afdeling_ez, accountmanager):
    """Contracts around every edge: ending on, just before and just after the window, without
    an end, renewing by itself every 1, 6, 12 or 24 months with notice in days or months,
    notice given before or after the deadline, and not yet started."""
    rng = random.Random(6)
    basis = date(2026, 6, 1)
    rijen = []
    for i in range(160):
        automatisch = i % 3 == 0
        einde = basis + timedelta(days=rng.choice([-800, -400, -366, -1, 0, 1, 89, 90, 91, 92]))
        einde += timedelta(days=rng.randint(-3, 3) if i % 5 == 0 else 0)
        opgezegd = None
        if automatisch and i % 4 == 0:
            opgezegd = einde - timedelta(days=rng.choice([200, 60, 10, -30]))
        rijen.append(
            Contract(
                organisatie=crm_org,
                partij=bedrijf.partij,
                kenmerk=f"CON-M-{i:03d}",
                onderwerp=f"Contract {i}",
                waarde=Decimal("100"),
                startdatum=min(einde, basis) - timedelta(days=rng.choice([30, 400, 900])),
                einddatum=None if i % 11 == 0 else einde,
                verlenging=Verlenging.AUTOMATISCH if automatisch else Verlenging.GEEN,
                verlengingsperiode_maanden=rng.choice([None, 1, 6, 12, 24])
                if automatisch
                else None,
                opzegtermijn=rng.choice([0, 1, 2, 3, 30, 45]),
                opzegtermijn_eenheid=rng.choice(["maanden", "dagen"]),
                opgezegd_op=opgezegd,
                afdeling=afdeling_ez,
                eigenaar=accountmanager,
            )
        )
    Contract.objects.bulk_create(rijen)
    return basis


def test_contracts_ending_in_90_days_are_the_same_as_the_old_path(am, gemengde_contracten):
    hits = 0
    for verschuiving in range(-40, 420, 7):
        op = gemengde_contracten + timedelta(days=verschuiving)
        for dagen in (0, 30, 90):
            nieuw = contracten_overzicht(
                actor=am, filters=Contractfilter(eindigt_binnen_dagen=dagen), op=op
            )
            oud = _oud_aflopend(am, op, dagen)
            assert [r.contract.kenmerk for r in nieuw] == [r.contract.kenmerk for r in oud], op
            assert [(r.status, r.einde, r.opzegdatum) for r in nieuw] == [
                (r.status, r.einde, r.opzegdatum) for r in oud
            ]
            hits += len(nieuw)
    assert hits > 100  # the data set does reach the window


def test_the_90_days_filter_reads_full_rows_of_the_hits_only(am, gemengde_contracten):
    """The Python rule runs on the candidates' dates; the window's edges are inclusive."""
    op = gemengde_contracten
    regels = contracten_overzicht(actor=am, filters=Contractfilter(eindigt_binnen_dagen=90), op=op)
    assert regels
    assert all(op <= _actiedatum(r) <= op + timedelta(days=90) for r in regels)
    randen = {_actiedatum(r) for r in regels}
    assert op in randen and op + timedelta(days=90) in randen


def test_the_smart_filter_in_the_search_box_uses_the_fast_path(am, gemengde_contracten):
    from raadhuis.modules.crm.zoeken import crm_zoeken

    resultaat = crm_zoeken(actor=am, slim="contracten_aflopend_90", limit=50)
    (groep,) = resultaat.groepen
    op = vandaag(am.organisatie.tijdzone)
    verwacht = [r.contract.kenmerk for r in _oud_aflopend(am, op, 90)][:50]
    assert [c.kenmerk for c in groep.rijen] == verwacht


def _oud_zonder_contact(actor, dagen: int) -> list[str]:  # noqa: ANN001
    """The old query: NOT IN over every recent contact moment of the organisation."""
    from raadhuis.modules.crm.leads.selectors import _begin_van_dag, leads_zichtbaar

    tz = actor.organisatie.tijdzone
    grens = _begin_van_dag(vandaag(tz) - timedelta(days=dagen), tz)
    recent = Klantcontact.objects.filter(
        organisatie_id=actor.organisatie.pk, plaatsgevonden_op__gte=grens
    ).values("partij_id")
    qs = (
        leads_zichtbaar(actor)
        .filter(fase__soort=FaseSoort.OPEN)
        .exclude(partij_id__in=recent)
        .order_by("verwachte_sluitdatum", "kenmerk")
    )
    return [lead.kenmerk for lead in qs]


def test_leads_without_contact_are_the_same_as_the_old_path(
    am, crm_org, afdeling_ez, accountmanager
):
    """Relations with their last contact just inside, on and just outside the 30 days (at the
    start of the day in Amsterdam), never, and won/lost leads that never count."""
    pipeline = leads_pipelines_ensure(crm_org)[0]
    gewonnen = next(f for f in fasen_van(pipeline) if f.soort == FaseSoort.GEWONNEN)
    tz = am.organisatie.tijdzone
    grens = datetime.combine(vandaag(tz) - timedelta(days=30), time.min, tzinfo=AMS)
    momenten = [
        None,
        grens - timedelta(seconds=1),
        grens,
        grens + timedelta(seconds=1),
        grens - timedelta(days=10),
        grens + timedelta(days=29),
    ]
    for i, moment in enumerate(momenten):
        relatie = relatie_handmatig_create(
            actor=am,
            soort=RelatieSoort.BEDRIJF,
            naam=f"Testbedrijf {i} B.V.",
            rechtsvorm="besloten_vennootschap",
            eenheid=afdeling_ez,
        )
        if moment is not None:
            klantcontact_create(
                actor=am,
                partij=relatie.partij,
                kanaal="email",
                onderwerp="Contact",
                plaatsgevonden_op=moment,
            )
        for j in range(2):
            lead = lead_create(
                actor=am,
                partij=relatie.partij,
                titel=f"Kans {i}-{j}",
                pipeline=pipeline,
                waarde="100,00",
                afdeling=afdeling_ez,
                eigenaar=accountmanager,
                bron="website",
                verwachte_sluitdatum=date(2027, 1, 1) + timedelta(days=i * 2 + j),
            )
            if j == 1 and i % 2 == 0:
                Lead.objects.filter(pk=lead.pk).update(fase=gewonnen)
    for dagen in (0, 10, 30, 31, 60):
        nieuw = [
            r.lead.kenmerk
            for r in leads_zoeken(actor=am, filters=Leadfilter(zonder_contact_dagen=dagen))
        ]
        assert nieuw == _oud_zonder_contact(am, dagen), dagen
    zonder_30 = [
        r.lead.titel for r in leads_zoeken(actor=am, filters=Leadfilter(zonder_contact_dagen=30))
    ]
    # Never contacted (0), last contact before the start of the 30th day back (1, 4).
    assert sorted(zonder_30) == ["Kans 0-0", "Kans 1-0", "Kans 1-1", "Kans 4-0"]
