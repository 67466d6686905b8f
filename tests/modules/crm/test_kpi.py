"""CRM KPIs (issue 6 item 7) with worked numbers over March 2026 (no public holidays): response
time and follow-up on time, complaints within term, satisfaction, lead conversion, contract
status and Social Return; per department, traceable to rows, CSV/XLSX export, the dashboard and
the public survey page."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.crm.contracten.models import Contract, SocialReturnRealisatie
from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import Categorie, Kanaal, Klacht
from raadhuis.modules.crm.klachten.services import klacht_create
from raadhuis.modules.crm.kpi import selectors as kpi
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.kpi.services import (
    meting_beantwoorden,
    meting_voor_klacht,
    meting_voor_klantcontact,
    meting_voor_referentie,
)
from raadhuis.modules.crm.leads.models import FaseSoort, Lead, LeadBron
from raadhuis.modules.crm.leads.selectors import fasen_van, lead_conversie
from raadhuis.modules.crm.leads.services import lead_create, lead_fase_set, leads_pipelines_ensure
from raadhuis.modules.crm.services import Opvolging, klantcontact_create
from tests import factories
from tests.modules.crm.test_klachten_fixtures import klacht_grant

AMS = ZoneInfo("Europe/Amsterdam")
MAART = kpi.Periode(van=date(2026, 3, 1), tot=date(2026, 3, 31))
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _om(dag: date, uur: int = 10) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, tzinfo=AMS)


def _contact(actor, relatie, eenheid, medewerker, op, uiterlijk, afgerond=None):  # noqa: ANN001, ANN202
    contact = klantcontact_create(
        actor=actor,
        partij=relatie.partij,
        kanaal="telefoon",
        onderwerp="Vraag over vergunning",
        plaatsgevonden_op=_om(op),
        eenheid=eenheid,
        opvolging=Opvolging(titel="Terugbellen", toegewezen_aan=medewerker, termijn_werkdagen=3),
    )
    # Test data: the task's dates in March 2026 (the service plans from today).
    Taak.objects.filter(pk=contact.taak_id).update(
        vervaldatum=uiterlijk,
        status=TaakStatus.AFGEROND if afgerond else TaakStatus.OPEN,
        afgerond_op=_om(afgerond, 15) if afgerond else None,
    )
    return contact


@pytest.fixture
def teamleider(crm_org):
    return factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,))


@pytest.fixture
def tl(teamleider):
    return factories.actor(teamleider)


@pytest.fixture
def opvolgingen(am, sport, bedrijf, vereniging, afdeling_ez, afdeling_sport, accountmanager,
                sportmedewerker):  # fmt: skip
    """EZ: A done in 2 working days (on time), B in 4 (late: Sat/Sun do not count), C open
    and overdue; Sport: D done the same day; E in April (outside the period)."""
    return {
        "A": _contact(am, bedrijf, afdeling_ez, accountmanager, date(2026, 3, 2),
                      date(2026, 3, 5), date(2026, 3, 4)),
        "B": _contact(am, bedrijf, afdeling_ez, accountmanager, date(2026, 3, 6),
                      date(2026, 3, 10), date(2026, 3, 12)),
        "C": _contact(am, bedrijf, afdeling_ez, accountmanager, date(2026, 3, 16),
                      date(2026, 3, 20)),
        "D": _contact(sport, vereniging, afdeling_sport, sportmedewerker, date(2026, 3, 3),
                      date(2026, 3, 6), date(2026, 3, 3)),
        "E": _contact(am, bedrijf, afdeling_ez, accountmanager, date(2026, 4, 2),
                      date(2026, 4, 7), date(2026, 4, 3)),
    }  # fmt: skip


def _waarden(f: kpi.Filter, code: str) -> dict[str, Decimal | None]:
    return {c.afdeling: c.waarde for c in kpi.kpi_cijfers(f) if c.kpi.code == code}


def test_response_time_and_follow_up_on_time_per_department(opvolgingen, am, tl):
    f = kpi.kpi_filter(actor=tl, periode=MAART)
    # (2 + 4 + 0) / 3 done tasks; the open one does not count for the response time
    assert _waarden(f, "reactietijd") == {
        "Totaal": Decimal("2.0"),
        "Economische Zaken": Decimal("3.0"),
        "Sport en Bewegen": Decimal("0.0"),
    }
    # on time: A and D of A, B, C (open, overdue), D
    assert _waarden(f, "opvolging_op_tijd") == {
        "Totaal": Decimal("50"),
        "Economische Zaken": Decimal("33"),
        "Sport en Bewegen": Decimal("100"),
    }
    rijen = kpi.kpi_rijen(f, kpi.KPIS["reactietijd"])
    assert [(r["referentie"], r["werkdagen"], r["op_tijd"]) for r in rijen] == [
        (opvolgingen["A"].referentienummer, 2, "ja"),
        (opvolgingen["D"].referentienummer, 0, "ja"),
        (opvolgingen["B"].referentienummer, 4, "nee"),
    ]
    # a medewerker of EZ sees EZ only
    f_ez = kpi.kpi_filter(actor=am, periode=MAART)
    assert _waarden(f_ez, "reactietijd") == {
        "Totaal": Decimal("3.0"),
        "Economische Zaken": Decimal("3.0"),
    }


def test_complaints_within_the_extended_term(am, bedrijf, afdeling_ez, accountmanager, crm_org, tl):
    klacht_catalogus_ensure(crm_org)
    klacht_grant(accountmanager)
    ik = factories.actor(accountmanager)  # with the complaint case type granted

    def klacht(uiterlijk: date, afgehandeld: date, verdaagd: date | None = None) -> Klacht:
        k = klacht_create(
            actor=ik,
            klager=bedrijf.partij,
            kanaal=Kanaal.EMAIL,
            ontvangen_op=date(2026, 2, 2),
            categorie=Categorie.BEJEGENING,
            onderwerp="Onvriendelijk te woord gestaan",
            omschrijving="Aan de balie.",
            afdeling=afdeling_ez,
            behandelaar=accountmanager,
        )
        Klacht.objects.filter(pk=k.pk).update(
            uiterlijk_oorspronkelijk=uiterlijk, verdaagd_tot=verdaagd, afgehandeld_op=afgehandeld
        )
        return k

    binnen = klacht(date(2026, 3, 16), date(2026, 3, 10))
    klacht(date(2026, 3, 5), date(2026, 3, 20), verdaagd=date(2026, 4, 2))  # within, extended
    te_laat = klacht(date(2026, 3, 9), date(2026, 3, 12))
    klacht(date(2026, 4, 20), date(2026, 4, 10))  # closed in April: not in March
    f = kpi.kpi_filter(actor=tl, periode=MAART)
    assert _waarden(f, "klachten_binnen_termijn") == {
        "Totaal": Decimal("67"),
        "Economische Zaken": Decimal("67"),
    }
    rijen = kpi.kpi_rijen(f, kpi.KPIS["klachten_binnen_termijn"])
    assert [r["binnen_termijn"] for r in rijen] == ["ja", "nee", "ja"]
    assert rijen[1]["referentie"] == te_laat.zaak.identificatie
    # a closed complaint can be rated; an open one cannot
    meting = meting_voor_klacht(actor=ik, klacht_uuid=binnen.uuid)
    assert (meting.referentie, meting.eenheid) == (binnen.zaak.identificatie, afdeling_ez)
    Klacht.objects.filter(pk=te_laat.pk).update(afgehandeld_op=None)
    with pytest.raises(ValidationError) as error:
        meting_voor_referentie(actor=ik, referentie=te_laat.zaak.identificatie)
    assert error.value.error_dict["referentie"][0].code == "niet_afgehandeld"


def test_satisfaction_average_and_the_comment_only_for_medewerkers(opvolgingen, am, sport, tl):
    for sleutel, actor, score in (("A", am, 5), ("B", am, 2), ("D", sport, 4)):
        m = meting_voor_klantcontact(actor=actor, klantcontact_uuid=opvolgingen[sleutel].uuid)
        meting_beantwoorden(token=m.token, score=score, opmerking=f"Opmerking {sleutel}")
        Tevredenheidsmeting.objects.filter(pk=m.pk).update(beantwoord_op=_om(date(2026, 3, 20)))
    f = kpi.kpi_filter(actor=tl, periode=MAART)
    # (5 + 2 + 4) / 3 = 3.67 -> 3.7; EZ (5 + 2) / 2 = 3.5
    assert _waarden(f, "tevredenheid") == {
        "Totaal": Decimal("3.7"),
        "Economische Zaken": Decimal("3.5"),
        "Sport en Bewegen": Decimal("4.0"),
    }
    assert all("toelichting" not in r for r in kpi.kpi_rijen(f, kpi.KPIS["tevredenheid"]))
    f_ez = kpi.kpi_filter(actor=am, periode=MAART)
    assert [r["toelichting"] for r in kpi.kpi_rijen(f_ez, kpi.KPIS["tevredenheid"])] == [
        "Opmerking A",
        "Opmerking B",
    ]


def test_a_survey_is_answered_once_and_audited(opvolgingen, am):
    m = meting_voor_klantcontact(actor=am, klantcontact_uuid=opvolgingen["A"].uuid)
    assert meting_voor_referentie(actor=am, referentie=opvolgingen["A"].referentienummer) == m
    with pytest.raises(ValidationError):
        meting_beantwoorden(token=m.token, score=6)
    meting_beantwoorden(token=m.token, score=4, opmerking=" Prima geholpen ")
    m.refresh_from_db()
    assert (m.score, m.opmerking) == (4, "Prima geholpen")
    with pytest.raises(ValidationError) as error:
        meting_beantwoorden(token=m.token, score=1)
    assert error.value.error_dict["score"][0].code == "al_ingevuld"
    assert AuditEntry.objects.filter(actie="tevredenheidsmeting_beantwoord").count() == 1
    with pytest.raises(ValidationError):
        meting_voor_referentie(actor=am, referentie="KC99999999")


def test_lead_conversion_agrees_with_the_leads_selector(
    am, sport, bedrijf, vereniging, afdeling_ez, afdeling_sport, crm_org, tl
):
    pipeline = leads_pipelines_ensure(crm_org)[0]
    fase = {f.soort: f for f in fasen_van(pipeline)}

    def lead(actor, relatie, afdeling, soort, waarde):  # noqa: ANN001, ANN202
        nieuw = lead_create(
            actor=actor,
            partij=relatie.partij,
            titel="Uitbreiding",
            pipeline=pipeline,
            waarde=Decimal(waarde),
            afdeling=afdeling,
            bron=LeadBron.WEBSITE,
        )
        reden = "Te duur" if soort == FaseSoort.VERLOREN else ""
        lead_fase_set(actor=actor, lead=nieuw, fase=fase[soort], verlies_reden=reden)
        Lead.objects.filter(pk=nieuw.pk).update(gesloten_op=date(2026, 3, 10))

    lead(am, bedrijf, afdeling_ez, FaseSoort.GEWONNEN, "20000")
    lead(am, bedrijf, afdeling_ez, FaseSoort.GEWONNEN, "5000")
    lead(am, bedrijf, afdeling_ez, FaseSoort.VERLOREN, "10000")
    lead(sport, vereniging, afdeling_sport, FaseSoort.VERLOREN, "3000")
    f = kpi.kpi_filter(actor=tl, periode=MAART)
    assert _waarden(f, "leadconversie") == {
        "Totaal": Decimal("50"),
        "Economische Zaken": Decimal("67"),
        "Sport en Bewegen": Decimal("0"),
    }
    per_afdeling = {
        r.afdeling: r.conversie_procent for r in lead_conversie(tl, MAART.van, MAART.tot)
    }
    assert per_afdeling == {"Economische Zaken": 67, "Sport en Bewegen": 0}


def _contract(org, relatie, afdeling, kenmerk, start, einde, uren=None, bedrag=None):  # noqa: ANN001, ANN202
    return Contract.objects.create(
        organisatie=org,
        partij=relatie.partij,
        kenmerk=kenmerk,
        onderwerp="Schoonmaak",
        waarde=Decimal("100000"),
        startdatum=start,
        einddatum=einde,
        afdeling=afdeling,
        sr_uren_toegezegd=uren,
        sr_bedrag_toegezegd=bedrag,
    )


def test_contract_status_and_social_return_realised_vs_promised(
    crm_org, bedrijf, vereniging, afdeling_ez, afdeling_sport, tl
):
    c1 = _contract(crm_org, bedrijf, afdeling_ez, "C-1", date(2025, 1, 1), date(2026, 12, 31),
                   uren=Decimal("200"), bedrag=Decimal("5000"))  # fmt: skip
    c2 = _contract(crm_org, bedrijf, afdeling_ez, "C-2", date(2025, 1, 1), date(2026, 2, 28),
                   uren=Decimal("100"))  # fmt: skip
    _contract(
        crm_org, vereniging, afdeling_sport, "C-3", date(2026, 6, 1), None, uren=Decimal("50")
    )
    for contract, dag, uren, bedrag in (
        (c1, date(2026, 2, 1), "50", "1000"),
        (c1, date(2026, 3, 15), "30", "0"),
        (c1, date(2026, 4, 10), "100", "0"),  # after the period: not counted
        (c2, date(2026, 1, 10), "100", "0"),
    ):
        SocialReturnRealisatie.objects.create(
            organisatie=crm_org, contract=contract, datum=dag, uren=Decimal(uren),
            bedrag=Decimal(bedrag), omschrijving="Werkervaringsplaats",
        )  # fmt: skip
    f = kpi.kpi_filter(actor=tl, periode=MAART)
    assert _waarden(f, "contracten_lopend")["Totaal"] == Decimal("1")
    statussen = {
        r["referentie"]: r["status"] for r in kpi.kpi_rijen(f, kpi.KPIS["contracten_lopend"])
    }
    assert statussen == {"C-1": "loopt", "C-2": "beeindigd", "C-3": "nog_niet_gestart"}
    # hours: (50 + 30 + 100) / (200 + 100) = 60 %; amount: 1000 / 5000 = 20 % (C-3 not started)
    assert _waarden(f, "social_return_uren") == {
        "Totaal": Decimal("60"),
        "Economische Zaken": Decimal("60"),
    }
    assert _waarden(f, "social_return_bedrag")["Totaal"] == Decimal("20")


def test_who_sees_what(am, tl, crm_org, bedrijf, vereniging):
    auditor = factories.actor(factories.medewerker(crm_org, rollen=(Rol.AUDITOR,)))
    with pytest.raises(ToegangGeweigerd):
        kpi.kpi_filter(actor=auditor, periode=MAART)
    with pytest.raises(ToegangGeweigerd):  # a team leader never singles out one client
        kpi.kpi_filter(actor=tl, periode=MAART, partij_uuid=bedrijf.partij.uuid)
    with pytest.raises(NietGevonden):  # another department's relation
        kpi.kpi_filter(actor=am, periode=MAART, partij_uuid=vereniging.partij.uuid)
    f = kpi.kpi_filter(actor=am, periode=MAART, partij_uuid=bedrijf.partij.uuid)
    assert f.partij_id == bedrijf.partij_id
    with pytest.raises(ToegangGeweigerd):
        kpi.kpi_rijen(f, kpi.KPIS["reactietijd"], afdeling_id=vereniging.eenheid_id)


# --- screens ---------------------------------------------------------------------------------
def login(client, medewerker):  # noqa: ANN001, ANN201
    client.force_login(medewerker.user, backend=BACKEND)
    return client


MAART_QS = "van=2026-03-01&tot=2026-03-31"


def test_the_dashboard_links_every_figure_to_its_rows(client, opvolgingen, teamleider, bedrijf):
    response = login(client, teamleider).get(f"{reverse('crm:kpi:dashboard')}?{MAART_QS}")
    assert response.status_code == 200
    html = response.content.decode()
    rijen_url = reverse("crm:kpi:rijen", args=["reactietijd"])
    assert reverse("crm:kpi:rijen", args=["tevredenheid"]) != reverse("crm:kpi:tevredenheid")
    assert f'href="{rijen_url}?{MAART_QS.replace("&", "&amp;")}"' in html
    assert "2,0 wd" in html and "Economische Zaken" in html
    assert bedrijf.partij.weergavenaam not in html  # figures only, no names
    rijen = client.get(f"{rijen_url}?{MAART_QS}")
    assert rijen.status_code == 200
    assert opvolgingen["B"].referentienummer in rijen.content.decode()
    # per relation: not for a team leader
    per_relatie = client.get(f"{rijen_url}?{MAART_QS}&relatie={bedrijf.partij.uuid}")
    assert per_relatie.status_code == 403


def test_per_relation_figures_are_logged_and_other_roles_refused(
    client, opvolgingen, accountmanager, bedrijf, crm_org
):
    url = f"{reverse('crm:kpi:dashboard')}?{MAART_QS}&relatie={bedrijf.partij.uuid}"
    assert login(client, accountmanager).get(url).status_code == 200
    assert VerwerkingsLog.objects.filter(partij_uuid=bedrijf.partij.uuid).exists()
    assert client.get(reverse("crm:kpi:rijen", args=["bestaat-niet"])).status_code == 404
    bad = client.get(f"{reverse('crm:kpi:dashboard')}?van=2026-04-01&tot=2026-03-01")
    assert bad.status_code == 200  # shown with the field error and the default period
    assert "De einddatum ligt voor de begindatum." in bad.content.decode()
    auditor = factories.medewerker(crm_org, rollen=(Rol.AUDITOR,))
    assert login(client, auditor).get(reverse("crm:kpi:dashboard")).status_code == 403


def test_csv_and_xlsx_exports_hold_the_rows_of_the_figure(client, opvolgingen, teamleider):
    login(client, teamleider)
    csv = client.get(f"{reverse('crm:kpi:export_csv', args=['opvolging_op_tijd'])}?{MAART_QS}")
    assert csv.status_code == 200
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("referentie;kanaal;afdeling;contact_op")
    assert len(regels) == 1 + 4
    assert f"{opvolgingen['A'].referentienummer};telefoon;Economische Zaken;2026-03-02" in regels[1]
    xlsx = client.get(f"{reverse('crm:kpi:export_xlsx', args=['reactietijd'])}?{MAART_QS}")
    blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    waarden = list(blad.values)
    assert waarden[0][0] == "referentie" and len(waarden) == 1 + 3
    assert waarden[1][6] == 2  # working days, a number


def test_the_public_survey_page_needs_no_login(client, opvolgingen, accountmanager):
    login(client, accountmanager)
    response = client.post(
        reverse("crm:kpi:tevredenheid"), {"referentie": opvolgingen["A"].referentienummer}
    )
    assert response.status_code == 302
    meting = Tevredenheidsmeting.objects.get()
    bad = client.post(reverse("crm:kpi:tevredenheid"), {"referentie": "onbekend"})
    assert bad.status_code == 400
    client.logout()
    url = reverse("crm:kpi:enquete", args=[meting.token])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert opvolgingen["A"].partij.weergavenaam not in pagina.content.decode()
    assert client.post(url, {"score": "9"}).status_code == 400
    assert client.post(url, {"score": "4", "opmerking": "Snel geholpen"}).status_code == 302
    assert "Dank u wel" in client.get(url).content.decode()
    meting.refresh_from_db()
    assert meting.score == 4
    assert client.get(reverse("crm:kpi:enquete", args=["onbekend"])).status_code == 404
    Tevredenheidsmeting.objects.update(verloopt_op=date.today() - timedelta(days=1))
    assert client.get(url).status_code == 404


def test_the_demo_loader_makes_answered_surveys_once(opvolgingen, crm_org, tl):
    from raadhuis.modules.crm.kpi.demo import kpi_demo_load

    assert kpi_demo_load(crm_org) == 5
    assert kpi_demo_load(crm_org) == 0
    f = kpi.kpi_filter(actor=tl, periode=kpi.standaard_periode("Europe/Amsterdam"))
    assert _waarden(f, "tevredenheid")["Totaal"] == Decimal("4.2")  # (5 + 4 + 4 + 3 + 5) / 5
