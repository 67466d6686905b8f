"""kernel/catalog/inrichting.py: a module's catalogue from a declaration, made once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.inrichting import (
    CatalogusSpec,
    DocumenttypeSpec,
    ResultaattypeSpec,
    RoltypeSpec,
    StatustypeSpec,
    ZaaktypeSpec,
    catalogus_inrichten,
    gepubliceerd_zaaktype,
    statustypen_met_informeren,
)
from raadhuis.kernel.catalog.models import (
    Catalogus,
    InformatieObjectType,
    RolOmschrijving,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.services import informatieobjecttype_create
from raadhuis.kernel.common import Archiefnominatie, Vertrouwelijkheid

WEERGAVE = "Proef (inrichting)"

MELDING = ZaaktypeSpec(
    identificatie="PROEF-MELDING",
    omschrijving="Melding openbare ruimte",
    fields={
        "omschrijving_generiek": "Melding",
        "vertrouwelijkheidaanduiding": Vertrouwelijkheid.ZAAKVERTROUWELIJK,
        "doel": "Een melding afhandelen.",
        "aanleiding": "Een inwoner meldt iets.",
        "indicatie_intern_of_extern": "extern",
        "onderwerp": "Melding",
        "doorlooptijd": "P10D",
        "servicenorm": "P5D",
        "trefwoorden": ["melding"],
        "referentieproces_naam": "Melding",
    },
    statustypen=statustypen_met_informeren(
        (("Ontvangen", "ontvangen"), ("In behandeling", "behandeling"), ("Klaar", "klaar")),
        "Uw melding heeft de status '{naam}'.",
    ),
    roltypen=(
        RoltypeSpec("Melder", RolOmschrijving.INITIATOR),
        RoltypeSpec("Behandelaar", RolOmschrijving.BEHANDELAAR),
    ),
    resultaattypen=(
        ResultaattypeSpec("Opgelost", "P1Y", "Vernietigen 1 jaar na afhandeling."),
        ResultaattypeSpec("Bewaard", "P20Y", archiefnominatie=Archiefnominatie.BLIJVEND_BEWAREN),
    ),
    documenttypen=("Foto", "Brief"),
)
SPEC = CatalogusSpec(
    naam="Proefcatalogus",
    domein="PROEF",
    contactpersoon_beheer_naam="Functioneel beheer proef",
    documenttypen=(
        DocumenttypeSpec("Brief", "uitgaand", "Brief"),
        DocumenttypeSpec("Foto", "inkomend", "Foto", Vertrouwelijkheid.OPENBAAR),
    ),
    zaaktypen=(MELDING,),
)


def test_everything_is_made_published_and_linked(org):
    catalogus = catalogus_inrichten(org, SPEC, weergave=WEERGAVE)

    assert (catalogus.naam, catalogus.domein, catalogus.rsin) == (
        "Proefcatalogus",
        "PROEF",
        org.rsin,
    )
    zaaktype = gepubliceerd_zaaktype(org, "PROEF-MELDING")
    assert zaaktype.catalogus == catalogus
    assert zaaktype.concept is False
    assert zaaktype.verantwoordelijke == org.naam
    assert str(zaaktype.begin_geldigheid) == "2020-01-01"
    assert zaaktype.omschrijving == "Melding openbare ruimte"
    assert zaaktype.doorlooptijd == "P10D"

    statussen = list(zaaktype.statustypen.order_by("volgnummer"))
    assert [
        (s.volgnummer, s.omschrijving, s.omschrijving_generiek, s.informeren) for s in statussen
    ] == [
        (1, "Ontvangen", "ontvangen", True),
        (2, "In behandeling", "behandeling", False),
        (3, "Klaar", "klaar", True),
    ]
    assert statussen[1].statustekst == "Uw melding heeft de status 'In behandeling'."
    assert sorted(zaaktype.roltypen.values_list("omschrijving", "omschrijving_generiek")) == [
        ("Behandelaar", RolOmschrijving.BEHANDELAAR),
        ("Melder", RolOmschrijving.INITIATOR),
    ]
    resultaten = {
        r.omschrijving: (
            r.archiefnominatie,
            r.archiefactietermijn,
            r.afleidingswijze,
            r.toelichting,
        )
        for r in zaaktype.resultaattypen.all()
    }
    assert resultaten == {
        "Opgelost": (
            Archiefnominatie.VERNIETIGEN,
            "P1Y",
            "afgehandeld",
            "Vernietigen 1 jaar na afhandeling.",
        ),
        "Bewaard": (Archiefnominatie.BLIJVEND_BEWAREN, "P20Y", "afgehandeld", ""),
    }

    documenttypen = InformatieObjectType.objects.filter(catalogus=catalogus)
    assert not documenttypen.filter(concept=True).exists()
    assert documenttypen.get(omschrijving="Foto").vertrouwelijkheidaanduiding == (
        Vertrouwelijkheid.OPENBAAR
    )
    # Linked in the order the case type names them, with the catalogue's direction, at the
    # first status.
    links = list(
        ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype).order_by("volgnummer")
    )
    assert [(z.volgnummer, z.informatieobjecttype.omschrijving, z.richting) for z in links] == [
        (1, "Foto", "inkomend"),
        (2, "Brief", "uitgaand"),
    ]
    assert {z.statustype for z in links} == {statussen[0]}
    assert AuditEntry.objects.filter(organisatie=org, actor_weergave=WEERGAVE).exists()


def test_a_second_call_makes_nothing(org):
    eerste = catalogus_inrichten(org, SPEC, weergave=WEERGAVE)
    audit = AuditEntry.objects.filter(organisatie=org).count()

    tweede = catalogus_inrichten(org, SPEC, weergave=WEERGAVE)

    assert tweede == eerste
    assert AuditEntry.objects.filter(organisatie=org).count() == audit
    assert ZaakType.objects.filter(catalogus=eerste).count() == 1
    assert InformatieObjectType.objects.filter(catalogus=eerste).count() == 2


def test_a_case_type_added_later_joins_the_same_catalogue(org):
    catalogus_inrichten(org, SPEC, weergave=WEERGAVE)
    tweede = replace(MELDING, identificatie="PROEF-TWEEDE", omschrijving="Tweede")

    catalogus = catalogus_inrichten(org, replace(SPEC, zaaktypen=(tweede,)), weergave=WEERGAVE)

    assert Catalogus.objects.filter(organisatie=org, domein="PROEF").count() == 1
    assert set(
        ZaakType.objects.filter(catalogus=catalogus).values_list("identificatie", flat=True)
    ) == {
        "PROEF-MELDING",
        "PROEF-TWEEDE",
    }


def test_an_existing_concept_document_type_is_published_not_duplicated(org):
    catalogus = catalogus_inrichten(
        org, replace(SPEC, documenttypen=(), zaaktypen=()), weergave=WEERGAVE
    )
    concept = informatieobjecttype_create(
        actor=Actor.system(org, weergave="Beheer"),
        catalogus=catalogus,
        fields={
            "omschrijving": "Brief",
            "vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK,
            "informatieobjectcategorie": "Brief",
            "begin_geldigheid": SPEC.geldig_vanaf,
        },
    )
    assert concept.concept

    catalogus_inrichten(org, SPEC, weergave=WEERGAVE)

    brieven = InformatieObjectType.objects.filter(catalogus=catalogus, omschrijving="Brief")
    assert [(b.pk, b.concept) for b in brieven] == [(concept.pk, False)]


def test_each_organisation_gets_its_own_catalogue(org):
    from tests import factories

    andere = factories.organisatie("Gemeente Anders")
    catalogus_inrichten(org, SPEC, weergave=WEERGAVE)
    catalogus_inrichten(andere, SPEC, weergave=WEERGAVE)

    assert gepubliceerd_zaaktype(org, "PROEF-MELDING").catalogus.organisatie == org
    assert gepubliceerd_zaaktype(andere, "PROEF-MELDING").verantwoordelijke == "Gemeente Anders"


def test_no_published_version_is_an_error(org):
    with pytest.raises(ZaakType.DoesNotExist):
        gepubliceerd_zaaktype(org, "BESTAAT-NIET")


def test_statustypen_met_informeren_informs_at_first_and_last():
    assert statustypen_met_informeren((("Enige", "e"),), "{naam}.") == (
        StatustypeSpec("Enige", "e", "Enige.", True),
    )
    twee = statustypen_met_informeren((("A", "a"), ("B", "b"), ("C", "c"), ("D", "d")), "{naam}")
    assert [s.informeren for s in twee] == [True, False, False, True]
