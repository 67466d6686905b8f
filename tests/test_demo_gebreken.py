"""What a newcomer met in `make demo` (docs walk, "Product defects" 4-7, 11 and 12): one
department per name, KPI figures for every follow-up KPI, tasks spread around today, the
beheerrekening in the organisation's own name, a segment example that exists and no missing
static folder.

The full demo is loaded once for this module (about a minute of CPU) inside a transaction
that is rolled back at the end; each test runs in a savepoint within it.
"""

from __future__ import annotations

import random
import re
import warnings
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.workflow.calendar import (
    is_werkdag,
    vandaag,
    werkdagen_optellen,
    werkdagen_terug,
    werkdagen_tussen,
)
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.kernel.workflow.selectors import werkvoorraad
from raadhuis.modules.budget.demo import beheer_naam
from raadhuis.modules.budget.models import Beheerrekening
from raadhuis.modules.crm.kpi.demo import OPVOLGINGEN
from raadhuis.modules.crm.kpi.selectors import kpi_cijfers, kpi_filter, standaard_periode
from raadhuis.modules.crm.mailing.forms import SegmentForm
from raadhuis.modules.crm.models import Klantcontact
from raadhuis.tools.demo_basis import taak_termijn
from raadhuis.tools.demo_catalogus import NL_RSIN

BACKEND = "django.contrib.auth.backends.ModelBackend"
TZ = "Europe/Amsterdam"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, as `make demo` loads it; rolled back after the module."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            call_command("load_demo", stdout=StringIO())
            yield Organisatie.objects.get(rsin=NL_RSIN)
            transaction.set_rollback(True)


def _actor(username: str) -> Actor:
    medewerker = Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(
        user__username=username, organisatie__rsin=NL_RSIN
    )
    return Actor.for_medewerker(medewerker)


def _login(client, username: str) -> None:
    medewerker = Medewerker.objects.get(user__username=username, organisatie__rsin=NL_RSIN)
    client.force_login(medewerker.user, backend=BACKEND)


# --- 4. one department per name -------------------------------------------------------------
def test_every_department_name_occurs_once(demo, db, client):
    for organisatie in Organisatie.objects.all():
        namen = Counter(
            OrganisatorischeEenheid.objects.filter(organisatie=organisatie).values_list(
                "naam", flat=True
            )
        )
        assert [naam for naam, n in namen.items() if n > 1] == [], organisatie
    # The CRM reuses the organisation's own contact centre (code KCC) and its setting.
    kcc = OrganisatorischeEenheid.objects.get(organisatie=demo, naam="Klantcontactcentrum")
    assert kcc.identificatie == "KCC"
    assert kcc.crm_instelling.ziet_alle_relaties
    assert Medewerker.objects.get(user__username="medewerker").eenheden.filter(pk=kcc.pk).exists()

    # The team manager's KPI page has one row per department, the filter one option.
    _login(client, "teamleider")
    html = client.get(reverse("crm:kpi:dashboard")).content.decode()
    assert len(re.findall(r'<th scope="row"[^>]*>Klantcontactcentrum</th>', html)) == 1
    assert len(re.findall(r"<option[^>]*>Klantcontactcentrum</option>", html)) == 1


# --- 5. every follow-up KPI has a figure ----------------------------------------------------
def _figuur(actor: Actor, code: str) -> dict[str, tuple[Decimal | None, int]]:
    f = kpi_filter(actor=actor, periode=standaard_periode(TZ))
    return {c.afdeling: (c.waarde, c.aantal) for c in kpi_cijfers(f) if c.kpi.code == code}


def test_the_follow_up_kpis_have_figures(demo, db, client):
    today = vandaag(TZ)
    tl = _actor("teamleider")
    reactietijd = _figuur(tl, "reactietijd")
    op_tijd = _figuur(tl, "opvolging_op_tijd")

    # Worked numbers from the demo's follow-ups (kpi/demo.py OPVOLGINGEN), all done today:
    # 7 done, contacts 1, 4, 8, 2, 11, 3 and 2 working days ago: 31 / 7 = 4.4 working days.
    # On time: the 5 whose date is today or later; late: 2 done late and 1 open past its date.
    gedaan = [s for s in OPVOLGINGEN if s.afgerond]
    assert (len(gedaan), len(OPVOLGINGEN)) == (7, 8)
    dagen = [werkdagen_tussen(werkdagen_terug(today, s.geleden), today) for s in gedaan]
    verwacht = (Decimal(sum(dagen)) / 7).quantize(Decimal("0.1"))
    if is_werkdag(today):
        assert verwacht == Decimal("4.4")
    assert reactietijd["Totaal"] == (verwacht, 7)
    assert op_tijd["Totaal"] == (Decimal("63"), 8)  # 5 of 8
    assert {"Economische Zaken", "Sport en Cultuur", "Klantcontactcentrum"} <= set(op_tijd)

    # The account manager sees the figures of their own departments too.
    am = _actor("accountmanager")
    assert _figuur(am, "reactietijd")["Totaal"][0] is not None
    assert _figuur(am, "opvolging_op_tijd")["Totaal"][0] is not None

    # Real follow-ups: done through the service (audit), the late ones after their date.
    contacten = Klantcontact.objects.filter(
        organisatie=demo, onderwerp__in=[s.onderwerp for s in OPVOLGINGEN]
    ).select_related("taak")
    assert contacten.count() == 8
    late = [c for c in contacten if c.taak.vervaldatum < today]
    assert len(late) == 3
    assert sum(c.taak.status == TaakStatus.AFGEROND for c in late) == 2

    # And the team manager's page shows them, not "–".
    _login(client, "teamleider")
    html = client.get(reverse("crm:kpi:dashboard")).content.decode()
    for titel, waarde in (
        ("Reactietijd", f"{verwacht} wd".replace(".", ",")),
        ("Opvolging op tijd", "63%"),
    ):
        cel = re.search(rf">([^<>]*)\n<span class=\"rh-visually-hidden\"> {titel}, Totaal<", html)
        assert cel is not None and cel.group(1).strip() == waarde, titel


# --- 6. tasks spread around today -----------------------------------------------------------
def test_the_demo_tasks_are_spread_around_today(demo, db):
    today = vandaag(TZ)
    medewerker = _actor("medewerker")
    wv = werkvoorraad(actor=medewerker, limit=25)
    assert wv.binnenkort == werkdagen_optellen(today, settings.DUE_SOON_WORKING_DAYS)
    te_laat = [t for t in wv.taken if t.vervaldatum < today]
    binnenkort = [t for t in wv.taken if today <= t.vervaldatum <= wv.binnenkort]
    # The 25 rows on "/" show both badges.
    assert te_laat and binnenkort, [t.vervaldatum for t in wv.taken]

    open_taken = Taak.objects.filter(
        toegewezen_aan__user__username="medewerker", status=TaakStatus.OPEN
    )
    datums = list(open_taken.values_list("vervaldatum", flat=True))
    n = len(datums)
    overdue = sum(d < today for d in datums)
    soon = sum(today <= d <= wv.binnenkort for d in datums)
    assert 0 < overdue <= n * 0.25
    assert 0 < soon <= n * 0.35
    assert n - overdue - soon > n / 2  # most later
    # Relative to today: nothing is more than ten working days overdue.
    assert min(datums) >= werkdagen_terug(today, 10)


@given(
    seed=st.integers(0, 10_000),
    dag=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    land=st.sampled_from(["NL", "BE"]),
)
def test_a_task_term_is_relative_to_the_given_day(seed, dag, land):
    termijn = taak_termijn(random.Random(seed), dag, land)
    if "vervaldatum" in termijn:
        vervaldatum = termijn["vervaldatum"]
        assert vervaldatum < dag and is_werkdag(vervaldatum, land)
        assert werkdagen_tussen(vervaldatum, dag, land) <= 10
    else:
        assert 0 <= termijn["termijn_werkdagen"] <= 25
    gesloten = taak_termijn(random.Random(seed), dag, land, gesloten=True)
    assert dag - timedelta(days=30) <= gesloten["vervaldatum"] < dag


# --- 7. the beheerrekening in the organisation's own name -----------------------------------
def test_the_beheerrekening_bears_the_organisations_name(demo, db, client):
    rekening = Beheerrekening.objects.get(organisatie=demo)
    assert rekening.naam == "Gemeente Voorbeeldstad inz. Budgetbeheer"
    _login(client, "consulent")
    html = client.get(reverse("budget:aansluiting")).content.decode()
    assert "Gemeente Voorbeeldstad inz. Budgetbeheer" in html
    assert "Zevenaar inz." not in html


def test_a_long_organisation_name_fits_seps_seventy_characters():
    lang = Organisatie(naam="Gemeenschappelijke Regeling Sociaal Domein Noordoost-Achterhoek")
    naam = beheer_naam(lang)
    assert len(naam) <= 70 and naam.endswith(" inz. Budgetbeheer")
    assert beheer_naam(Organisatie(naam="Stad Proefdorp")) == "Stad Proefdorp inz. Budgetbeheer"


# --- 11. the segment form's example is a case type of the demo -------------------------------
def test_the_segment_examples_case_type_exists_in_the_demo(demo, db):
    form = SegmentForm(actor=_actor("accountmanager"))
    help_text = str(form.fields["zaaktype_identificatie"].help_text)
    voorbeeld = re.search(r"bijv\. ([A-Z0-9-]+)\.", help_text).group(1)
    assert ZaakType.objects.filter(catalogus__organisatie=demo, identificatie=voorbeeld).exists()


# --- 12. `raadhuis demo` leaves WhiteNoise nothing to warn about ----------------------------
def test_the_demo_command_collects_the_static_files(demo, db, tmp_path):
    from whitenoise.middleware import WhiteNoiseMiddleware

    static_root = tmp_path / "var" / "static"
    with override_settings(STATIC_ROOT=static_root):
        # The defect: on a fresh clone WhiteNoise warns that the folder is missing.
        with pytest.warns(UserWarning, match="No directory at"):
            WhiteNoiseMiddleware(lambda request: None)
        out = StringIO()
        call_command("demo", no_serve=True, stdout=out)
        assert "Statische bestanden verzameld" in out.getvalue()
        assert (static_root / "admin").is_dir()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            WhiteNoiseMiddleware(lambda request: None)
