"""The document type a sent letter is stored under, for the case's case type.

A letter is an outgoing document of its case, so the case type must list a document type for
it (Documenten API: the document's informatieobjecttype must belong to the zaaktype). Chosen in
this order among the published, valid types of the case type: one called "Brief" going out,
one called "Brief", one of category "Brief" going out, any type going out. When the case type
has none, the catalogue's "Brief" type (made and published when missing) is added to the case
type by the system, as the catalogue services allow it to (a forced change of a published case
type, audited as such).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Q

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import (
    InformatieObjectType,
    Richting,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.services import (
    informatieobjecttype_create,
    informatieobjecttype_publish,
    typeonderdeel_create,
)
from raadhuis.kernel.workflow.calendar import vandaag

BRIEF = "Brief"


def _geldig(iotype: InformatieObjectType, dag: date) -> bool:
    return (
        not iotype.concept
        and iotype.begin_geldigheid <= dag
        and (iotype.einde_geldigheid is None or iotype.einde_geldigheid >= dag)
    )


def _voorkeur(koppeling: ZaakTypeInformatieObjectType) -> int:
    iotype = koppeling.informatieobjecttype
    is_brief = iotype.omschrijving.strip().lower() == BRIEF.lower()
    uitgaand = koppeling.richting == Richting.UITGAAND
    if is_brief and uitgaand:
        return 0
    if is_brief:
        return 1
    if iotype.informatieobjectcategorie.strip().lower() == BRIEF.lower() and uitgaand:
        return 2
    return 3 if uitgaand else 99


def briefdocumenttype_ensure(zaaktype: ZaakType, *, voorkeur: str = "") -> InformatieObjectType:
    """The document type for letters on cases of `zaaktype`, added to it when it has none.
    `voorkeur`: the omschrijving of one of the case type's types to use when it has it."""
    organisatie = zaaktype.catalogus.organisatie
    dag = vandaag(organisatie.tijdzone)
    koppelingen = [
        k
        for k in ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype).select_related(
            "informatieobjecttype"
        )
        if _geldig(k.informatieobjecttype, dag)
    ]
    gevraagd = [
        k
        for k in koppelingen
        if voorkeur and k.informatieobjecttype.omschrijving.casefold() == voorkeur.casefold()
    ]
    if gevraagd:
        return gevraagd[0].informatieobjecttype
    koppelingen.sort(key=lambda k: (_voorkeur(k), k.volgnummer, k.pk))
    if koppelingen and _voorkeur(koppelingen[0]) < 99:
        return koppelingen[0].informatieobjecttype
    systeem = Actor.system(organisatie, weergave="Brieven (documenttype)")
    iotype = _catalogus_brieftype(systeem, zaaktype, dag)
    volgnummer = (
        ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype).aggregate(
            m=Max("volgnummer")
        )["m"]
        or 0
    ) + 1
    typeonderdeel_create(
        actor=systeem,
        model=ZaakTypeInformatieObjectType,
        zaaktype=zaaktype,
        fields={
            "informatieobjecttype": iotype,
            "volgnummer": volgnummer,
            "richting": Richting.UITGAAND,
        },
    )
    return iotype


def _catalogus_brieftype(systeem: Actor, zaaktype: ZaakType, dag: date) -> InformatieObjectType:
    bestaand = [
        t
        for t in InformatieObjectType.objects.filter(
            Q(omschrijving__iexact=BRIEF), catalogus=zaaktype.catalogus
        )
        if _geldig(t, dag)
    ]
    if bestaand:
        return bestaand[0]
    iotype = informatieobjecttype_create(
        actor=systeem,
        catalogus=zaaktype.catalogus,
        fields={
            "omschrijving": BRIEF,
            "vertrouwelijkheidaanduiding": zaaktype.vertrouwelijkheidaanduiding,
            "informatieobjectcategorie": BRIEF,
            "begin_geldigheid": dag,
        },
    )
    return informatieobjecttype_publish(actor=systeem, informatieobjecttype=iotype)
