"""Creating a case (zaak_create, as the staff form and the load test do it) in few queries,
with the same rows, audit entries and events as before the speed-up (issue 2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import (
    Rol,
    RolSleutel,
    Status,
    Zaak,
    ZaakNummerReservering,
    ZaakNummerTeller,
)
from raadhuis.kernel.cases.numbering import identificatie_format
from raadhuis.kernel.cases.services import zaak_create, zaak_rol_add
from raadhuis.kernel.catalog.models import RolType
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.organisations.models import Rol as MedewerkerRol
from raadhuis.kernel.workflow.models import (
    ActieUitvoering,
    Taak,
    UitvoeringStatus,
    ZaakProces,
    ZaakProcesStap,
)
from raadhuis.kernel.workflow.proces_services import (
    proces_create,
    procesactie_add,
    processtap_add,
    procesversie_publiceren,
)
from tests import factories

pytestmark = pytest.mark.django_db

# Counted on SQLite (the test database; PostgreSQL runs the same statements), inside the
# test's transaction. Before the speed-up (session 8): 41 for a case with initiator and
# behandelaar, 87 with a process whose first step makes two tasks.
MAX_ZONDER_PROCES = 19
MAX_MET_PROCES = 50


def _nieuwe_acties(vanaf: int) -> list[str]:
    return list(
        AuditEntry.objects.filter(pk__gt=vanaf).order_by("pk").values_list("actie", flat=True)
    )


def _nieuwe_events(vanaf: int) -> list[tuple[str, str]]:
    return list(
        OutboxEvent.objects.filter(pk__gt=vanaf).order_by("pk").values_list("resource", "actie")
    )


def _laatste(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def wereld(org, zaaktype, behandelaar, actor):
    return {"persoon": factories.persoon(actor), "behandelaar": behandelaar}


def _maak(actor, zaaktype, wereld, **extra) -> Zaak:
    return zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        omschrijving="Benchmarkzaak",
        toelichting="Aangemaakt door de belastingtest.",
        initiator=wereld["persoon"],
        behandelaar=wereld["behandelaar"],
        **extra,
    )


def test_a_case_with_initiator_and_behandelaar_in_few_queries(actor, zaaktype, wereld):
    _maak(actor, zaaktype, wereld)  # the year's counter exists, as it does all year
    with CaptureQueriesContext(connection) as ctx:
        _maak(actor, zaaktype, wereld)
    assert len(ctx.captured_queries) <= MAX_ZONDER_PROCES, "\n".join(
        q["sql"][:120] for q in ctx.captured_queries
    )


def test_the_rows_audit_entries_and_events_of_a_new_case(actor, zaaktype, wereld):
    audit0, event0 = _laatste(AuditEntry), _laatste(OutboxEvent)
    zaak = _maak(actor, zaaktype, wereld)

    assert _nieuwe_acties(audit0) == [
        "zaak_aangemaakt",
        "status_gezet",
        "rol_toegevoegd",
        "rol_toegevoegd",
        "behandelaar_gewijzigd",
    ]
    assert _nieuwe_events(event0) == [
        ("zaak", "create"),
        ("status", "create"),
        ("rol", "create"),
        ("rol", "create"),
    ]
    opgeslagen = Zaak.objects.get(pk=zaak.pk)
    eerste = Status.objects.get(zaak=zaak)
    assert opgeslagen.status_actueel_id == eerste.pk
    assert eerste.statustype.volgnummer == 1
    assert opgeslagen.behandelaar_id == wereld["behandelaar"].pk
    assert zaak.behandelaar == wereld["behandelaar"]  # the caller's object is current too
    rollen = {
        r.roltype.omschrijving_generiek: r for r in Rol.objects.filter(zaak=zaak).select_related()
    }
    assert set(rollen) == {"initiator", "behandelaar"}
    assert rollen["initiator"].partij_id == wereld["persoon"].pk
    assert rollen["initiator"].betrokkene_type == "natuurlijk_persoon"
    assert rollen["behandelaar"].betrokkene_type == "medewerker"
    sleutels = set(RolSleutel.objects.filter(rol__zaak=zaak).values_list("sleutel", flat=True))
    assert sleutels == {
        f"natuurlijk_persoon.inpBsn={wereld['persoon'].bsn}",
        f"medewerker.identificatie={wereld['behandelaar'].identificatie}",
    }
    entry = AuditEntry.objects.get(
        pk__gt=audit0, actie="rol_toegevoegd", object_uuid=rollen["behandelaar"].uuid
    )
    assert entry.wijzigingen == {"rol": [None, f"Behandelaar: {wereld['behandelaar']}"]}
    assert entry.zaak_uuid == zaak.uuid


def test_numbers_taken_by_hand_or_reserved_are_skipped(actor, zaaktype, org):
    jaar = date.today().year
    eerste = zaak_create(actor=actor, zaaktype=zaaktype, startdatum=date(jaar, 1, 2))
    teller = ZaakNummerTeller.objects.get(organisatie=org, soort="zaak", jaar=jaar)
    volgende = [
        identificatie_format(prefix=org.zaak_prefix, jaar=jaar, nummer=teller.laatste + n)
        for n in (1, 2, 3)
    ]
    zaak_create(actor=actor, zaaktype=zaaktype, identificatie=volgende[0])  # by hand
    ZaakNummerReservering.objects.create(
        organisatie=org, bronorganisatie=org.rsin, identificatie=volgende[1]
    )
    derde = zaak_create(actor=actor, zaaktype=zaaktype, startdatum=date(jaar, 1, 2))
    assert eerste.identificatie < volgende[0]
    assert derde.identificatie == volgende[2]


def test_a_number_already_used_is_refused_and_nothing_is_stored(actor, zaaktype):
    bestaand = zaak_create(actor=actor, zaaktype=zaaktype)
    voor = Zaak.objects.count()
    with pytest.raises(ValidationError) as info:
        zaak_create(actor=actor, zaaktype=zaaktype, identificatie=bestaand.identificatie)
    assert "identificatie" in info.value.message_dict
    assert Zaak.objects.count() == voor


def test_a_missing_roltype_refuses_the_whole_case(actor, zaaktype, wereld):
    RolType.objects.filter(zaaktype=zaaktype, omschrijving_generiek="behandelaar").delete()
    voor = (Zaak.objects.count(), Rol.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError, match="geen roltype 'behandelaar'"):
        _maak(actor, zaaktype, wereld)
    assert (Zaak.objects.count(), Rol.objects.count(), AuditEntry.objects.count()) == voor


def test_zaak_rol_add_still_refuses_a_second_initiator(actor, zaaktype, wereld):
    zaak = _maak(actor, zaaktype, wereld)
    initiator = RolType.objects.get(zaaktype=zaaktype, omschrijving_generiek="initiator")
    with pytest.raises(ValidationError) as info:
        zaak_rol_add(actor=actor, zaak=zaak, roltype=initiator, partij=factories.persoon(actor))
    assert "roltype" in info.value.message_dict


# --- a case type with a process: the process starts with the case ------------------------------


@pytest.fixture
def met_proces(org, zaaktype, behandelaar):
    beheer = factories.actor(
        factories.medewerker(org, rollen=(MedewerkerRol.FUNCTIONEEL_BEHEERDER,))
    )
    versie = proces_create(actor=beheer, zaaktype=zaaktype, naam="Klachtafhandeling", code="kl")
    ontvangst = processtap_add(
        actor=beheer, versie=versie, naam="Ontvangst", statustype_omschrijving="Ontvangen"
    )
    processtap_add(
        actor=beheer, versie=versie, naam="Behandeling", statustype_omschrijving="In behandeling"
    )
    for titel in ("Ontvangst bevestigen", "Klager bellen"):
        procesactie_add(
            actor=beheer,
            stap=ontvangst,
            soort="taak_aanmaken",
            trigger="bij_start_stap",
            parameters={"titel": titel, "toewijzen_aan": "behandelaar", "termijn_werkdagen": 2},
        )
    procesversie_publiceren(actor=beheer, versie=versie)
    return ontvangst


def test_a_case_with_a_process_in_few_queries(actor, zaaktype, wereld, met_proces):
    _maak(actor, zaaktype, wereld)
    with CaptureQueriesContext(connection) as ctx:
        zaak = _maak(actor, zaaktype, wereld)
    assert ZaakProces.objects.filter(zaak=zaak).exists()
    assert len(ctx.captured_queries) <= MAX_MET_PROCES, "\n".join(
        q["sql"][:120] for q in ctx.captured_queries
    )


def test_the_process_rows_of_a_new_case(actor, zaaktype, wereld, met_proces):
    audit0, event0 = _laatste(AuditEntry), _laatste(OutboxEvent)
    zaak = _maak(actor, zaaktype, wereld)

    zaakproces = ZaakProces.objects.get(zaak=zaak)
    verblijf = ZaakProcesStap.objects.get(zaakproces=zaakproces)
    assert zaakproces.huidige_stap_id == met_proces.pk == verblijf.stap_id
    assert zaakproces.stap_sinds == verblijf.begonnen_op
    assert verblijf.beeindigd_op is None and verblijf.reden == "start"
    runs = list(ActieUitvoering.objects.filter(zaak=zaak).order_by("pk"))
    assert [r.status for r in runs] == [UitvoeringStatus.UITGEVOERD] * 2
    assert [r.pogingen for r in runs] == [1, 1]
    taken = list(Taak.objects.filter(zaak=zaak).order_by("pk"))
    assert [t.titel for t in taken] == ["Ontvangst bevestigen", "Klager bellen"]
    assert {t.toegewezen_aan_id for t in taken} == {wereld["behandelaar"].pk}
    assert [r.object_uuid for r in runs] == [t.uuid for t in taken]
    assert _nieuwe_acties(audit0) == [
        "zaak_aangemaakt",
        "status_gezet",
        "rol_toegevoegd",
        "rol_toegevoegd",
        "behandelaar_gewijzigd",
        "proces_gestart",
        "taak_aangemaakt",
        "procesactie_uitgevoerd",
        "taak_aangemaakt",
        "procesactie_uitgevoerd",
    ]
    assert _nieuwe_events(event0) == [
        ("zaak", "create"),
        ("status", "create"),
        ("rol", "create"),
        ("rol", "create"),
        ("zaakproces", "create"),
        ("taak", "create"),
        ("taak", "create"),
    ]
    uitgevoerd = AuditEntry.objects.filter(pk__gt=audit0, actie="procesactie_uitgevoerd").first()
    assert uitgevoerd.object_weergave == "Ontvangst: taak_aanmaken (Uitgevoerd)"


def test_a_step_with_another_status_sets_it_on_the_new_case(actor, zaaktype, wereld, met_proces):
    met_proces.statustype_omschrijving = "In behandeling"
    met_proces.save(update_fields=["statustype_omschrijving"])
    zaak = _maak(actor, zaaktype, wereld)
    statussen = list(
        Status.objects.filter(zaak=zaak)
        .order_by("pk")
        .values_list("statustype__omschrijving", flat=True)
    )
    assert statussen == ["Ontvangen", "In behandeling"]
    assert Zaak.objects.get(pk=zaak.pk).status_actueel.statustype.omschrijving == "In behandeling"
