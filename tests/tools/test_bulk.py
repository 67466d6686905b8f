"""The kernel's bulk writer (raadhuis.kernel.db.bulk; COPY on PostgreSQL, executemany with the
fields' own preparation elsewhere): rows come out as the ORM would have written them."""

from __future__ import annotations

import uuid

import pytest
from django.db import transaction

from raadhuis.kernel.db import bulk
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.parties.models import Adres, NietNatuurlijkPersoon, Partij, PartijSoort
from tests import factories

pytestmark = pytest.mark.django_db

ANDERS = {"id", "partij_ptr_id", "uuid", "aangemaakt_op", "gewijzigd_op", "organisatie_id"}


def _velden(model) -> list[str]:  # noqa: ANN001
    return [f.attname for f in model._meta.concrete_fields if f.attname not in ANDERS]


def test_een_bedrijf_met_adres_zoals_de_orm_het_schrijft(org):
    waarden = {
        "weergavenaam": 'Bakkerij \u00c9\u00e9n; "tab"\there \\ B.V.',
        "zoeknaam": "bakkerij een",
        "identificatie": "12345678",
        "email": "info@bakkerij.example",
        "statutaire_naam": "Bakkerij \u00c9\u00e9n B.V.",
        "kvk_nummer": "12345678",
    }
    adres = {"soort": "bezoek", "straatnaam": "Markt", "huisnummer": 1, "postcode": "5211AB"}
    adres["woonplaats"] = "'s-Hertogenbosch"
    andere = factories.organisatie("Andere gemeente")  # the KvK number is unique per org
    orm = NietNatuurlijkPersoon.objects.create(
        organisatie=andere, soort=PartijSoort.NIET_NATUURLIJK_PERSOON, **waarden
    )
    Adres.objects.create(partij=orm, **adres)

    with transaction.atomic():
        (pk,) = bulk.ids_allocate(Partij, 1)
        partij = {k: v for k, v in waarden.items() if k not in ("statutaire_naam", "kvk_nummer")}
        bulk.rows_insert(
            Partij,
            [{"id": pk, "organisatie_id": org.pk, "soort": PartijSoort.NIET_NATUURLIJK_PERSOON}
             | partij],
        )  # fmt: skip
        bulk.rows_insert(
            NietNatuurlijkPersoon,
            [{"partij_ptr_id": pk, "statutaire_naam": waarden["statutaire_naam"],
              "kvk_nummer": waarden["kvk_nummer"]}],
        )  # fmt: skip
        assert bulk.TableWriter(Adres, with_pk=False).write([{"partij_id": pk, **adres}]) == 1

    velden = _velden(NietNatuurlijkPersoon)
    geschreven = NietNatuurlijkPersoon.objects.get(pk=pk)
    assert (
        NietNatuurlijkPersoon.objects.filter(pk=pk).values(*velden)[0]
        == (NietNatuurlijkPersoon.objects.filter(pk=orm.pk).values(*velden)[0])
    )
    # Left out: the uuid default per row, auto_now(_add), and the database defaults.
    assert geschreven.uuid != orm.uuid
    assert geschreven.aangemaakt_op == geschreven.gewijzigd_op
    assert geschreven.sbi_activiteiten == [] and geschreven.non_mailing is False
    adres_velden = [v for v in _velden(Adres) if v != "partij_id"]
    assert list(geschreven.adressen.values(*adres_velden)) == list(
        orm.adressen.values(*adres_velden)
    )


def test_json_uuid_en_standaardwaarden():
    from raadhuis.kernel.organisations.models import Organisatie

    org = Organisatie.objects.create(naam="Bulk", rsin="123456782")
    een, twee = uuid.uuid4(), uuid.uuid4()
    rijen = (
        {
            "organisatie_id": org.pk,
            "kanaal": "partijen",
            "resource": "partij",
            "actie": "create",
            "resource_uuid": u,
            "kenmerken": kenmerken,
        }
        for u, kenmerken in ((een, {"soortPartij": "nnp", "lijst": [1, None]}), (str(twee), {}))
    )
    assert bulk.TableWriter(OutboxEvent).write(rijen) == 2  # a generator: streamed
    eerste, tweede = OutboxEvent.objects.filter(organisatie=org).order_by("id")
    assert eerste.resource_uuid == een and tweede.resource_uuid == twee
    assert eerste.kenmerken == {"soortPartij": "nnp", "lijst": [1, None]}
    assert tweede.kenmerken == {} and tweede.bericht is None and tweede.laatste_fout == ""
    assert eerste.status == OutboxEvent._meta.get_field("status").default
    assert eerste.pogingen == 0 and eerste.aangemaakt_op == tweede.aangemaakt_op


def test_fouten_en_lege_invoer(org):
    assert bulk.rows_insert(Adres, []) == 0
    assert bulk.TableWriter(Adres).write(iter(())) == 0
    # Refused before anything is sent, so the caller's transaction goes on.
    with pytest.raises(ValueError, match="not columns of"):
        bulk.rows_insert(Adres, [{"partij_id": 1, "bestaat_niet": 1}])
    with pytest.raises(ValueError, match="no value for Adres.huisnummer"):
        bulk.rows_insert(Adres, [{"partij_id": 1, "straatnaam": "Markt", "postcode": "1234AB"}])
    with pytest.raises(ValueError, match="no value for Partij.id"):
        bulk.TableWriter(Partij, with_pk=True).write([{"organisatie_id": org.pk}])
    assert Adres.objects.count() == 0
    # A later row without a required value: refused too (the whole insert is rolled back).
    rij = {"partij_id": 1, "straatnaam": "Markt", "huisnummer": 1, "postcode": "1234AB"}
    with pytest.raises(ValueError, match="no value for Adres.huisnummer"), transaction.atomic():
        bulk.rows_insert(Adres, [rij, {k: v for k, v in rij.items() if k != "huisnummer"}])
    assert Adres.objects.count() == 0


def test_gereserveerde_ids_botsen_niet(org):
    with transaction.atomic():
        eerste = bulk.ids_allocate(Partij, 3)
        bulk.rows_insert(
            Partij,
            [{"id": pk, "organisatie_id": org.pk, "soort": PartijSoort.NATUURLIJK_PERSOON,
              "weergavenaam": f"P{pk}"} for pk in eerste],
        )  # fmt: skip
        tweede = bulk.ids_allocate(Partij, 2)
    assert bulk.ids_allocate(Partij, 0) == []
    assert len(set(eerste + tweede)) == 5 and min(tweede) > max(eerste)
    nieuw = Partij.objects.create(
        organisatie=org, soort=PartijSoort.NATUURLIJK_PERSOON, weergavenaam="ORM"
    )
    assert nieuw.pk > max(eerste)
