"""Versions of a document: the metadata a version holds, registering one (with its file,
an empty file, or none yet when parts follow), and keeping the document in step with its
current version. Shared by the services of this app; not called from outside the kernel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.documents.bestanden import (
    bestanden_verwijderen_na_commit,
    delen_omvang,
    file_facts,
)
from raadhuis.kernel.documents.koppelingen import (  # noqa: F401  (public API of this module)
    besluit_document_add,
    besluit_document_remove,
    zaak_informatieobject_create,
    zaak_informatieobject_delete,
    zaak_informatieobject_update,
)
from raadhuis.kernel.documents.models import (
    BestandsDeel,
    InformatieObject,
    InformatieObjectVersie,
)
from raadhuis.kernel.documents.toegang import require_document_toegang
from raadhuis.kernel.events.services import event_queue

# The metadata a version holds (Documenten API EnkelvoudigInformatieObject, snake_case).
VERSIE_VELDEN = (
    "identificatie",
    "bronorganisatie",
    "creatiedatum",
    "informatieobjecttype",
    "titel",
    "vertrouwelijkheidaanduiding",
    "auteur",
    "status",
    "formaat",
    "taal",
    "bestandsnaam",
    "link",
    "beschrijving",
    "ontvangstdatum",
    "verzenddatum",
    "verschijningsvorm",
    "ondertekening_soort",
    "ondertekening_datum",
    "integriteit_algoritme",
    "integriteit_waarde",
    "integriteit_datum",
    "trefwoorden",
    "is_gereed_voor_publicatie",
    "tonen_aan_initiator",
    "inhoud_is_vervallen",
)
# Fields besides the metadata that a create or update may carry.
INHOUD = "inhoud"
BESTANDSOMVANG = "bestandsomvang"
INDICATIE_GEBRUIKSRECHT = "indicatie_gebruiksrecht"
AUDIT_VELDEN = (
    "identificatie",
    "titel",
    "vertrouwelijkheidaanduiding",
    "status",
    "bestandsnaam",
    "bestandsomvang",
    "sha256",
)


# --- versions -------------------------------------------------------------------------------
def standaard_gegevens() -> dict[str, Any]:
    """A version's metadata as the model's defaults (what a PUT leaves out is reset)."""
    waarden: dict[str, Any] = {}
    for naam in VERSIE_VELDEN:
        veld = cast(models.Field, InformatieObjectVersie._meta.get_field(naam))
        waarden[naam] = None if veld.is_relation else veld.get_default()
    return waarden


def gegevens_van(versie: InformatieObjectVersie) -> dict[str, Any]:
    return {naam: getattr(versie, naam) for naam in VERSIE_VELDEN}


def _audit_waarden(versie: InformatieObjectVersie | None) -> dict[str, Any]:
    if versie is None:
        return {}
    return {naam: getattr(versie, naam) for naam in AUDIT_VELDEN}


def audit_diff(
    voor: InformatieObjectVersie | None, na: InformatieObjectVersie
) -> dict[str, list[Any]]:
    oud, nieuw = _audit_waarden(voor), _audit_waarden(na)
    return {
        naam: [oud.get(naam), waarde]
        for naam, waarde in nieuw.items()
        if oud.get(naam) != waarde or voor is None
    } | {"versie": [voor.versie if voor else None, na.versie]}


def versie_registreren(
    *,
    actor: Actor,
    informatieobject: InformatieObject,
    nummer: int,
    gegevens: Mapping[str, Any],
    inhoud: File | None,
    bestandsomvang: int | None,
    bestand_van: InformatieObjectVersie | None = None,
) -> InformatieObjectVersie:
    """Store a new version. Its file: `inhoud`, or the file of `bestand_van` (a version that
    keeps the previous content), or an empty file for size 0, or none yet (parts follow)."""
    versie = InformatieObjectVersie(
        informatieobject=informatieobject,
        versie=nummer,
        geregistreerd_door=actor.medewerker,
        **{naam: gegevens[naam] for naam in VERSIE_VELDEN},
    )
    versie.trefwoorden = list(versie.trefwoorden or [])
    if inhoud is not None:
        versie.sha256, versie.bestandsomvang, _formaat = file_facts(inhoud)
        naam = versie.bestandsnaam or (inhoud.name or "inhoud").rsplit("/", 1)[-1]
        versie.bestand.save(naam[:200] or "inhoud", inhoud, save=False)
    elif bestand_van is not None and bestand_van.bestand:
        versie.bestand.name = bestand_van.bestand.name
        versie.sha256 = bestand_van.sha256
        versie.bestandsomvang = bestand_van.bestandsomvang
    elif bestandsomvang == 0:
        versie.bestandsomvang = 0
        versie.sha256 = file_facts(ContentFile(b""))[0]
        versie.bestand.save(versie.bestandsnaam or "leeg", ContentFile(b""), save=False)
    else:
        versie.bestandsomvang = bestandsomvang
    versie.save()
    return versie


def bestandsdelen_aanmaken(informatieobject: InformatieObject, totaal: int) -> None:
    BestandsDeel.objects.bulk_create(
        BestandsDeel(informatieobject=informatieobject, volgnummer=i, omvang=omvang)
        for i, omvang in enumerate(delen_omvang(totaal), start=1)
    )


def bestandsdelen_wissen(informatieobject: InformatieObject) -> None:
    delen = list(informatieobject.bestandsdelen.all())
    bestanden_verwijderen_na_commit(d.inhoud.name for d in delen)
    BestandsDeel.objects.filter(pk__in=[d.pk for d in delen]).delete()


def document_bijwerken(io: InformatieObject, versie: InformatieObjectVersie) -> None:
    """Keep the document's copy of its current version's metadata in step."""
    assert versie.informatieobjecttype is not None and versie.creatiedatum is not None
    io.identificatie = versie.identificatie
    io.bronorganisatie = versie.bronorganisatie
    io.informatieobjecttype = versie.informatieobjecttype
    io.creatiedatum = versie.creatiedatum
    io.titel = versie.titel
    io.vertrouwelijkheidaanduiding = versie.vertrouwelijkheidaanduiding
    io.versie = versie.versie
    io.laatste_versie = versie
    io.save(
        update_fields=[
            "identificatie",
            "bronorganisatie",
            "informatieobjecttype",
            "creatiedatum",
            "titel",
            "vertrouwelijkheidaanduiding",
            "versie",
            "laatste_versie",
            "indicatie_gebruiksrecht",
            "lock",
        ]
    )


def document_event_queue(io: InformatieObject, *, resource: str, actie: str, resource_uuid: Any):
    event_queue(
        organisatie=io.organisatie,
        kanaal="documenten",
        resource=resource,
        actie=actie,
        resource_uuid=resource_uuid,
        hoofd_object_uuid=io.uuid,
        kenmerken={
            "bronorganisatie": io.bronorganisatie,
            "informatieobjecttype": str(io.informatieobjecttype.uuid),
            "vertrouwelijkheidaanduiding": io.vertrouwelijkheidaanduiding,
        },
    )


def document_lock_for_change(actor: Actor, informatieobject: InformatieObject) -> InformatieObject:
    """Re-read the document under a row lock and check the actor may change it."""
    io = (
        InformatieObject.objects.select_for_update(of=("self",))
        .select_related("organisatie", "informatieobjecttype", "laatste_versie")
        .get(pk=informatieobject.pk)
    )
    require_document_toegang(actor, io)
    return io
