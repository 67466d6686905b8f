"""Speed of the 360° relation page (issue 6, session 8), pinned as query counts and as "the
same rows as the old path":

- the relation's own query says which sections and blocks have rows at all; an empty
  section or block costs no query, and shows exactly what its full path shows when empty;
- the cases come from an EXISTS on the roles (not a join + SELECT DISTINCT), the
  representations from one query, the actor's units from one query: the same rows and the
  same processing-log entries as the kernel's partij_zaken / partij_vertegenwoordigingen;
- the page's dates come from a small filter that writes what Django's `date` filter wrote."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import Vertegenwoordiging
from raadhuis.kernel.parties.selectors import partij_vertegenwoordigingen, partij_zaken
from raadhuis.kernel.parties.services import vestiging_create
from raadhuis.modules.crm import selectors
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.models import Tag
from raadhuis.modules.crm.relatiepagina import (
    Blokfunctie,
    relatieblokken,
    relatieblokken_aanwezig,
    relatieblokken_aanwezigheid,
    relatieblokken_geregistreerd,
)
from raadhuis.modules.crm.services import contactpersoon_add
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"
AMS = ZoneInfo("Europe/Amsterdam")


def _queries(functie) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as ctx:
        functie()
    return len(ctx.captured_queries)


def _pagina(client, relatie) -> str:  # noqa: ANN001
    response = client.get(reverse("crm:relatie", args=[relatie.partij.uuid]))
    assert response.status_code == 200
    return response.content.decode()


# --- 1. an empty relation: every usually-empty section and block costs no query ------------


def test_an_empty_relation_page_asks_few_queries(
    client, django_assert_max_num_queries, accountmanager, bedrijf
):
    """Session, staff member, units, the relation (with the presence of every section and
    block), addresses, contact moments, follow-up tasks, the invoice block (not a
    Blokfunctie), the contact form's staff and the processing log's one INSERT: 10; was 26
    at 200,000 relations."""
    client.force_login(accountmanager.user, backend=BACKEND)
    _pagina(client, bedrijf)  # warm up per-process caches
    with django_assert_max_num_queries(10):
        html = _pagina(client, bedrijf)
    assert "Nog geen contactpersonen." in html
    assert "Geen zaken die je mag zien." in html
    assert "Geen klachten die je mag zien." in html
    assert "Geen leads die je mag zien." in html
    assert "Geen contracten die je mag zien." in html
    assert "Ontvangt mailings." in html


def test_a_section_with_rows_costs_its_query_again(client, accountmanager, am, bedrijf):
    client.force_login(accountmanager.user, backend=BACKEND)
    _pagina(client, bedrijf)
    leeg = _queries(lambda: _pagina(client, bedrijf))
    contactpersoon_add(actor=am, relatie=bedrijf, rol="Directeur", geslachtsnaam="Jansen")
    bedrijf.tags.add(Tag.objects.create(organisatie=bedrijf.organisatie, naam="Horeca"))
    Contract.objects.create(
        organisatie=bedrijf.organisatie,
        partij=bedrijf.partij,
        kenmerk="CON-1",
        onderwerp="Onderhoud",
        waarde=Decimal("100"),
        startdatum=date(2025, 1, 1),
        afdeling=bedrijf.eenheid,
    )
    html = []
    gevuld = _queries(lambda: html.append(_pagina(client, bedrijf)))
    assert gevuld == leeg + 3  # the tags, the contact persons and the contracts
    assert "Jansen" in html[0] and "CON-1" in html[0] and "Horeca" in html[0]


# --- 2. the empty path of every block is the full path on a party without rows -------------


@pytest.fixture
def actoren(am, sport, kcc_actor, crm_org, afdeling_ez):
    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,), team=afdeling_ez)
    beheerder = factories.medewerker(crm_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    return [am, sport, kcc_actor, factories.actor(teamleider), factories.actor(beheerder)]


def _uitkomst(fn, actor, partij):  # noqa: ANN001, ANN202
    try:
        return ("context", fn(actor, partij))
    except Exception as error:  # noqa: BLE001 - the page leaves a refusing block out
        return ("weigert", type(error).__name__)


def test_every_blocks_empty_path_matches_its_full_path(actoren, bedrijf):
    blokken = [b for b in relatieblokken_geregistreerd() if isinstance(b.fn, Blokfunctie)]
    assert {b.naam for b in blokken} >= {"klachten", "leads", "contracten", "mailings"}
    for blok in blokken:
        for actor in actoren:
            volledig = _uitkomst(blok.fn.fn, actor, bedrijf.partij)
            leeg = _uitkomst(blok.fn.leeg, actor, bedrijf.partij)
            assert leeg == volledig, (blok.naam, actor)


def test_the_presence_flags_follow_the_rows(am, bedrijf, vereniging):
    from raadhuis.modules.crm.models import Relatie

    Contract.objects.create(
        organisatie=bedrijf.organisatie,
        partij=bedrijf.partij,
        kenmerk="CON-2",
        onderwerp="Schoonmaak",
        waarde=Decimal("50"),
        startdatum=date(2025, 1, 1),
        afdeling=bedrijf.eenheid,
    )
    per_partij = {
        r.partij_id: relatieblokken_aanwezig(r)
        for r in Relatie.objects.annotate(**relatieblokken_aanwezigheid())
    }
    assert per_partij[bedrijf.partij_id]["contracten"] is True
    assert per_partij[bedrijf.partij_id]["leads"] is False
    assert per_partij[vereniging.partij_id]["contracten"] is False
    # Without the annotations nothing is known: every block takes its full path.
    assert relatieblokken_aanwezig(bedrijf) == {}
    met = relatieblokken(am, bedrijf.partij, per_partij[bedrijf.partij_id])
    zonder = relatieblokken(am, bedrijf.partij)
    assert [(g.blok.naam, g.context.keys()) for g in met] == [
        (g.blok.naam, g.context.keys()) for g in zonder
    ]


# --- 3. the same rows as the kernel's two-step reads -----------------------------------------


@pytest.fixture
def zaken_van_bedrijf(crm_org, am, bedrijf, accountmanager):
    """Cases of two types with the company or one of its branches as initiator; the account
    manager is granted one of the types."""
    eigen = factories.zaaktype(crm_org, identificatie="ZT-EIGEN", omschrijving="Subsidie")
    vreemd = factories.zaaktype(crm_org, identificatie="ZT-VREEMD", omschrijving="Handhaving")
    beheerder = factories.actor(
        factories.medewerker(crm_org, zaaktypen=(eigen, vreemd), team=bedrijf.eenheid)
    )
    vestiging = vestiging_create(
        actor=beheerder, onderneming=bedrijf.partij.concreet, handelsnaam="Filiaal Oost"
    )
    start = date(2025, 3, 1)
    for i, (zaaktype, initiator) in enumerate(
        [
            (eigen, bedrijf.partij),
            (eigen, vestiging),
            (vreemd, bedrijf.partij),
            (eigen, bedrijf.partij),
        ]
    ):
        zaak_create(
            actor=beheerder,
            zaaktype=zaaktype,
            omschrijving=f"Zaak {i}",
            startdatum=start + timedelta(days=i % 2),
            initiator=initiator,
        )
    from raadhuis.kernel.access.models import ZaakTypeAutorisatie

    ZaakTypeAutorisatie.objects.create(
        medewerker=accountmanager,
        zaaktype_identificatie=eigen.identificatie,
        max_vertrouwelijkheidaanduiding="vertrouwelijk",
    )
    return beheerder, factories.actor(accountmanager)


def test_the_cases_are_the_kernels_cases(zaken_van_bedrijf, bedrijf):
    beheerder, accountmanager = zaken_van_bedrijf
    for actor in (beheerder, accountmanager):
        kernel = list(partij_zaken(actor=actor, partij=bedrijf.partij)[:50])
        assert selectors.relatie_zaken(actor=actor, relatie=bedrijf) == kernel
        weergave = selectors.relatie_zaken_weergave(actor=actor, relatie=bedrijf)
        assert [z.pk for z in weergave] == [z.pk for z in kernel]
    assert len(selectors.relatie_zaken(actor=beheerder, relatie=bedrijf)) == 4
    assert len(selectors.relatie_zaken(actor=accountmanager, relatie=bedrijf)) == 3


def test_the_case_list_shows_branch_cases_in_one_query(client, zaken_van_bedrijf, bedrijf):
    _beheerder, accountmanager = zaken_van_bedrijf
    selectors.relatie_bereik(accountmanager)  # the page knows the scope already
    zaken = []
    # One query: the branches are a subquery, the case type and status are joined.
    assert (
        _queries(
            lambda: zaken.extend(
                selectors.relatie_zaken_weergave(actor=accountmanager, relatie=bedrijf)
            )
        )
        == 1
    )
    assert (
        _queries(
            lambda: [
                (z.zaaktype.omschrijving, z.status_actueel.statustype.omschrijving) for z in zaken
            ]
        )
        == 0
    )
    client.force_login(accountmanager.medewerker.user, backend=BACKEND)
    html = _pagina(client, bedrijf)
    assert "Zaak 1" in html  # the branch's case
    assert "Zaak 2" not in html  # a case type without a grant


def test_the_representations_are_the_kernels(am, bedrijf, vereniging):
    persoon = factories.persoon(am, geslachtsnaam="Vertegenwoordiger")
    Vertegenwoordiging.objects.create(
        vertegenwoordiger=persoon,
        vertegenwoordigde=bedrijf.partij,
        omschrijving="Directeur",
        begindatum=date(2024, 1, 1),
    )
    Vertegenwoordiging.objects.create(
        vertegenwoordiger=bedrijf.partij,
        vertegenwoordigde=vereniging.partij,
        omschrijving="Penningmeester",
        begindatum=date(2025, 1, 1),
    )

    def nieuwe_log(functie) -> list[tuple]:  # noqa: ANN001
        laatste = VerwerkingsLog.objects.order_by("-pk").values_list("pk", flat=True).first()
        uitkomst.append(functie())
        return list(
            VerwerkingsLog.objects.filter(pk__gt=laatste or 0)
            .order_by("pk")
            .values_list("partij_uuid", "partij_weergave", "handeling", "doel")
        )

    uitkomst = []
    kernel_log = nieuwe_log(lambda: partij_vertegenwoordigingen(actor=am, partij=bedrijf.partij))
    eigen_log = nieuwe_log(
        lambda: selectors.relatie_vertegenwoordigingen(actor=am, partij=bedrijf.partij)
    )
    kernel, eigen = uitkomst
    assert eigen == kernel
    assert eigen_log == kernel_log and len(eigen_log) == 2
    assert len(eigen["vertegenwoordigt"]) == 1 and len(eigen["vertegenwoordigd_door"]) == 1
    # Known to be empty: no query, but the read is logged all the same.
    aantal = VerwerkingsLog.objects.count()
    leeg = []
    assert (
        _queries(
            lambda: leeg.append(
                selectors.relatie_vertegenwoordigingen(actor=am, partij=persoon, aanwezig=False)
            )
        )
        == 1
    )  # the log's INSERT (outside a request it is written at once)
    assert leeg == [{"vertegenwoordigt": [], "vertegenwoordigd_door": []}]
    assert VerwerkingsLog.objects.count() == aantal + 1


def test_the_units_and_the_tree_below_them_are_one_query(crm_org, afdeling_ez):
    midden = factories.team(crm_org, "Bedrijvenloket")
    onder = factories.team(crm_org, "Accountteam")
    elders = factories.team(crm_org, "Burgerzaken")
    midden.hoort_bij = afdeling_ez
    midden.save()
    onder.hoort_bij = midden
    onder.save()
    actor = factories.actor(factories.medewerker(crm_org, team=afdeling_ez))
    eenheden = []
    assert _queries(lambda: eenheden.append(selectors.eenheden_met_onderliggende(actor))) == 1
    assert eenheden[0] == {afdeling_ez.pk, midden.pk, onder.pk}
    assert elders.pk not in eenheden[0]
    assert selectors._eigen_eenheden(actor) == {afdeling_ez.pk: False}
    assert selectors.relatie_bereik(actor).alles is False


def test_a_unit_that_sees_everything_still_says_so(kcc_actor, kcc):
    assert selectors._eigen_eenheden(kcc_actor) == {kcc.pk: True}
    assert selectors.relatie_bereik(kcc_actor).alles is True


# --- 4. the page's dates -----------------------------------------------------------------------


def _django(waarde, formaat: str) -> str:  # noqa: ANN001
    sjabloon = engines["django"].from_string("{{ v|date:f }}")
    return sjabloon.render({"v": waarde, "f": formaat})


def _eigen(waarde, filter_naam: str) -> str:  # noqa: ANN001
    sjabloon = engines["django"].from_string(
        "{% load crm_relatiepagina %}{{ v|" + filter_naam + " }}"
    )
    return sjabloon.render({"v": waarde})


@settings(max_examples=60, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    )
)
def test_the_date_filters_write_what_djangos_date_filter_wrote(moment):
    """Around midnight and the DST changes too: the local (Amsterdam) day and time."""
    with translation.override("nl"), timezone.override(AMS):
        assert _eigen(moment, "lokale_datumtijd") == _django(moment, "j b Y H:i")
        assert _eigen(moment, "lokale_datum") == _django(moment, "j b Y")
        assert _eigen(moment.date(), "lokale_datum") == _django(moment.date(), "j b Y")


def test_the_date_filters_on_worked_examples():
    with translation.override("nl"), timezone.override(AMS):
        # 23:30 UTC on 31 March 2024 is 01:30 on 1 April in Amsterdam (summer time).
        laat = datetime(2024, 3, 31, 23, 30, tzinfo=UTC)
        assert _eigen(laat, "lokale_datumtijd") == "1 apr 2024 01:30"
        assert _eigen(laat, "lokale_datum") == "1 apr 2024"
        assert _eigen(None, "lokale_datumtijd") == ""
        assert _eigen(None, "lokale_datum") == ""


# --- 5. the contact-moment rows, written in Python ---------------------------------------------

# The row loop of crm/relatie.html as it was (session 8, before klantcontact_rijen).
OUDE_RIJEN = (
    '    {% translate "Datum" as l_datum %}{% translate "Kanaal" as l_kanaal %}{% tra'
    'nslate "Onderwerp" as l_onderwerp %}{% translate "Uitkomst" as l_uitkomst %}{% t'
    'ranslate "Medewerker" as l_medewerker %}{% translate "Vertrouwelijk" as l_vertro'
    'uwelijk %}{% translate "Opvolging" as l_opvolging %}\n'
    "    {% for regel in klantcontacten %}{% with c=regel.contact %}\n"
    '      <tr class="utrecht-table__row">\n'
    '        <td class="utrecht-table__cell rh-nowrap" data-label="{{ l_datum }}">{{ '
    'c.plaatsgevonden_op|lokale_datumtijd }}<br><span class="rh-muted rh-mono">{{ c.r'
    "eferentienummer }}</span></td>\n"
    '        <td class="utrecht-table__cell" data-label="{{ l_kanaal }}">{{ regel.kan'
    "aal_label }}</td>\n"
    '        <th scope="row" class="utrecht-table__header-cell rh-cell-main" data-lab'
    'el="{{ l_onderwerp }}">{% if regel.inhoud_zichtbaar %}{{ c.onderwerp }}{% if c.i'
    'nhoud %}<br><span class="rh-muted">{{ c.inhoud|truncatechars:200 }}</span>{% end'
    'if %}{% if c.zaak %}<br><a class="utrecht-link utrecht-link--html-a" href="{% ur'
    "l 'web:zaak_detail' c.zaak.uuid %}\">{{ c.zaak.identificatie }}</a>{% endif %}{% "
    'else %}<span class="rh-muted">{{ l_vertrouwelijk }}</span>{% endif %}</th>\n'
    '        <td class="utrecht-table__cell" data-label="{{ l_uitkomst }}">{{ regel.u'
    'itkomst_label }}{% if c.taak %}<br><span class="rh-muted">{{ l_opvolging }}: {{ '
    "c.taak.get_status_display|lower }}</span>{% endif %}</td>\n"
    '        <td class="utrecht-table__cell" data-label="{{ l_medewerker }}">{{ c.med'
    'ewerker.naam|default:"—" }}</td>\n'
    "      </tr>\n"
    "    {% endwith %}{% endfor %}\n"
)

NIEUWE_RIJEN = (
    "    {# The rows are written in Python: crm_relatiepagina.klantcontact_rijen. #}\n"
    "    {% klantcontact_rijen klantcontacten %}\n"
)

_tekst = st.text(alphabet=st.sampled_from("ab <>&\"'é—\n"), max_size=240)


@st.composite
def _regels(draw) -> list:  # noqa: ANN001
    from raadhuis.kernel.cases.models import Zaak
    from raadhuis.kernel.organisations.models import Medewerker
    from raadhuis.kernel.workflow.models import Taak, TaakStatus
    from raadhuis.modules.crm.models import Klantcontact
    from raadhuis.modules.crm.selectors import KlantcontactRegel

    regels = []
    for i in range(draw(st.integers(min_value=0, max_value=4))):
        contact = Klantcontact(
            referentienummer=f"K<{i}>",
            onderwerp=draw(_tekst),
            inhoud=draw(_tekst),
            plaatsgevonden_op=draw(
                st.datetimes(
                    min_value=datetime(2020, 1, 1),
                    max_value=datetime(2030, 12, 31),
                    timezones=st.just(UTC),
                )
            ),
        )
        if draw(st.booleans()):
            contact.zaak = Zaak(identificatie=f"ZAAK-<{i}>&")
        if draw(st.booleans()):
            contact.medewerker = Medewerker(
                voorletters=draw(st.sampled_from(["", "A.", "<b>"])),
                achternaam=draw(st.sampled_from(["", "Jansen", "O'Brien & Zn"])),
            )
        if draw(st.booleans()):
            contact.taak = Taak(status=draw(st.sampled_from(list(TaakStatus.values))))
        regels.append(
            KlantcontactRegel(
                contact,
                draw(st.booleans()),
                kanaal_label=draw(st.sampled_from(["Telefoon", "E-mail <x>"])),
                uitkomst_label=draw(st.sampled_from(["", "Beantwoord & klaar"])),
            )
        )
    return regels


@settings(max_examples=80, deadline=None)
@given(regels=_regels())
def test_the_contact_rows_are_what_the_row_template_wrote(regels):
    """Byte for byte, with confidential rows, missing case/staff/task, long contents (cut at
    200 characters) and characters that must be escaped."""
    laden = "{% load i18n crm_relatiepagina %}"
    with translation.override("nl"), timezone.override(AMS):
        context = {"klantcontacten": regels}
        oud = engines["django"].from_string(laden + OUDE_RIJEN).render(context)
        nieuw = engines["django"].from_string(laden + NIEUWE_RIJEN).render(context)
    assert nieuw == oud


# --- 6. a relation of another department stays out of reach ---------------------------------


def test_another_departments_relation_is_still_not_found(client, sportmedewerker, bedrijf):
    client.force_login(sportmedewerker.user, backend=BACKEND)
    response = client.get(reverse("crm:relatie", args=[bedrijf.partij.uuid]))
    assert response.status_code == 404


def test_a_person_relation_has_no_contact_person_query(
    client, accountmanager, am, afdeling_ez, brp_double
):
    from raadhuis.modules.crm.models import Grondslag
    from raadhuis.modules.crm.services import relatie_uit_brp

    lotte = brp_double.register.aanvrager("alleenstaande_ouder")
    inwoner = relatie_uit_brp(
        actor=am,
        bsn=lotte.bsn,
        grondslag=Grondslag.PUBLIEKE_TAAK,
        grondslag_toelichting="Ondernemersloket",
        eenheid=afdeling_ez,
    )
    client.force_login(accountmanager.user, backend=BACKEND)
    _pagina(client, inwoner)
    with CaptureQueriesContext(connection) as ctx:
        _pagina(client, inwoner)
    assert not [q for q in ctx.captured_queries if q["sql"].startswith('SELECT "crm_contactp')]
