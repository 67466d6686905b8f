"""Every write on a document of the Documenten API: register it with its first version, add
a version, delete it.

Each function checks permission and invariants, writes in one transaction with its audit entry
and its outbox event. The rules live in `regels.py`, versions in `versies.py`; checking out
and in and uploads in parts in `vergrendeling.py`; the relations to cases and decisions in
`koppelingen.py` and the staff UI's case documents in `zaakdocumenten.py` (both re-exported
here); usage rights and dispatches in `gebruiksrechten.py` and `verzendingen.py`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.documents.bestanden import (
    bestanden_verwijderen_na_commit,
    file_facts,
)
from raadhuis.kernel.documents.koppelingen import (  # noqa: F401  (public API of this module)
    besluit_document_add,
    besluit_document_remove,
    extern_objectrelatie_create,
    extern_objectrelatie_delete,
    zaak_informatieobject_create,
    zaak_informatieobject_delete,
    zaak_informatieobject_extern_melden,
    zaak_informatieobject_update,
)
from raadhuis.kernel.documents.models import (
    InformatieObject,
    InformatieObjectVersie,
)
from raadhuis.kernel.documents.regels import (
    bronorganisatie_check,
    identificatie_check,
    indicatie_gebruiksrecht_check,
    informatieobjecttype_check,
    omvang_fout,
    status_check,
)
from raadhuis.kernel.documents.toegang import require_document_schrijven
from raadhuis.kernel.documents.versies import (
    BESTANDSOMVANG,
    INDICATIE_GEBRUIKSRECHT,
    INHOUD,
    VERSIE_VELDEN,
    audit_diff,
    bestandsdelen_aanmaken,
    bestandsdelen_wissen,
    document_bijwerken,
    document_event_queue,
    document_lock_for_change,
    gegevens_van,
    standaard_gegevens,
    versie_registreren,
)
from raadhuis.kernel.documents.zaakdocumenten import (  # noqa: F401  (public API, as before)
    document_versie_add,
    zaak_document_add,
)
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.organisations.selectors import andere_organisatie_rsin_check
from raadhuis.kernel.workflow.calendar import vandaag


# --- register -------------------------------------------------------------------------------
def document_create(
    *, actor: Actor, gegevens: Mapping[str, Any], toelichting: str = ""
) -> InformatieObjectVersie:
    """Register a document and its version 1 (Documenten API enkelvoudiginformatieobject
    create). `gegevens` holds the metadata (VERSIE_VELDEN) and optionally `inhoud` (a File),
    `bestandsomvang` and `indicatie_gebruiksrecht`.

    Without `inhoud` and with a `bestandsomvang` > 0 the content follows in BESTANDSDELEN:
    they are created, and the document is locked until the upload is completed (unlock)."""
    waarden = standaard_gegevens() | {k: v for k, v in gegevens.items() if k in VERSIE_VELDEN}
    informatieobjecttype: InformatieObjectType = waarden["informatieobjecttype"]
    if informatieobjecttype is None:
        raise field_error("informatieobjecttype", _("Dit veld is vereist."), code="required")
    organisatie = actor.organisatie
    informatieobjecttype_check(informatieobjecttype, organisatie.pk)
    waarden["vertrouwelijkheidaanduiding"] = (
        waarden["vertrouwelijkheidaanduiding"] or informatieobjecttype.vertrouwelijkheidaanduiding
    )
    require_document_schrijven(
        actor,
        organisatie_id=organisatie.pk,
        informatieobjecttype_id=informatieobjecttype.pk,
        vertrouwelijkheid=waarden["vertrouwelijkheidaanduiding"],
    )
    bronorganisatie_check(waarden["bronorganisatie"])
    andere_organisatie_rsin_check(
        organisatie=organisatie, rsin=waarden["bronorganisatie"], veld="bronorganisatie"
    )
    status_check(waarden)
    if gegevens.get(INDICATIE_GEBRUIKSRECHT):
        indicatie_gebruiksrecht_check(True, heeft_gebruiksrechten=False)
    inhoud: File | None = gegevens.get(INHOUD)
    bestandsomvang: int | None = gegevens.get(BESTANDSOMVANG)
    if inhoud is not None:
        grootte = file_facts(inhoud)[1]
        if BESTANDSOMVANG in gegevens and bestandsomvang != grootte:
            raise omvang_fout()
        bestandsomvang = grootte
    with transaction.atomic():
        if waarden["identificatie"]:
            identificatie_check(waarden["bronorganisatie"], waarden["identificatie"], behalve=None)
        else:
            waarden["identificatie"] = _identificatie_uitgeven(
                actor, waarden["bronorganisatie"], waarden["creatiedatum"]
            )
        io = InformatieObject.objects.create(
            organisatie=organisatie,
            identificatie=waarden["identificatie"],
            bronorganisatie=waarden["bronorganisatie"],
            informatieobjecttype=informatieobjecttype,
            creatiedatum=waarden["creatiedatum"],
            titel=waarden["titel"],
            vertrouwelijkheidaanduiding=waarden["vertrouwelijkheidaanduiding"],
            versie=1,
            indicatie_gebruiksrecht=gegevens.get(INDICATIE_GEBRUIKSRECHT),
        )
        versie = versie_registreren(
            actor=actor,
            informatieobject=io,
            nummer=1,
            gegevens=waarden,
            inhoud=inhoud,
            bestandsomvang=bestandsomvang,
        )
        if inhoud is None and bestandsomvang:
            bestandsdelen_aanmaken(io, bestandsomvang)
            io.lock = uuid.uuid4().hex
        document_bijwerken(io, versie)
        audit_entry_record(
            actor=actor,
            actie="document_aangemaakt",
            obj=io,
            wijzigingen=audit_diff(None, versie),
            toelichting=toelichting,
        )
        document_event_queue(
            io, resource="enkelvoudiginformatieobject", actie="create", resource_uuid=io.uuid
        )
    return versie


def _identificatie_uitgeven(actor: Actor, bronorganisatie: str, creatiedatum: date | None) -> str:
    jaar = (creatiedatum or vandaag(actor.organisatie.tijdzone)).year
    return identificatie_next(
        organisatie=actor.organisatie,
        soort="document",
        prefix="DOCUMENT",
        jaar=jaar,
        bezet=lambda kandidaat: InformatieObject.objects.filter(
            bronorganisatie=bronorganisatie, identificatie=kandidaat
        ).exists(),
    )


# --- new versions ---------------------------------------------------------------------------
def _lock_check(io: InformatieObject, lock: str) -> None:
    if not io.lock:
        raise ValidationError(
            _("Een ontgrendeld document kan niet gewijzigd worden."), code="unlocked"
        )
    if not lock:
        raise ValidationError(_("Het lock-id moet opgegeven worden."), code="missing-lock-id")
    if lock != io.lock:
        raise ValidationError(_("Het lock-id is niet correct."), code="incorrect-lock-id")


def document_update(
    *,
    actor: Actor,
    informatieobject: InformatieObject,
    lock: str,
    gegevens: Mapping[str, Any],
    gedeeltelijk: bool,
    toelichting: str = "",
) -> InformatieObjectVersie:
    """Register a new version of a locked document (PUT: `gedeeltelijk=False`, what is left
    out is reset; PATCH: `gedeeltelijk=True`, what is left out is kept, the file too). Earlier
    versions stay exactly as they were."""
    with transaction.atomic():
        io = document_lock_for_change(actor, informatieobject)
        _lock_check(io, lock)
        vorige = io.laatste_versie or io.versies.order_by("-versie").first()
        assert vorige is not None
        basis = gegevens_van(vorige) if gedeeltelijk else standaard_gegevens()
        waarden = basis | {k: v for k, v in gegevens.items() if k in VERSIE_VELDEN}
        if not gedeeltelijk:
            # identificatie and bronorganisatie identify the document: never reset to blank
            waarden["identificatie"] = waarden["identificatie"] or vorige.identificatie
        informatieobjecttype: InformatieObjectType = (
            waarden["informatieobjecttype"] or io.informatieobjecttype
        )
        waarden["informatieobjecttype"] = informatieobjecttype
        informatieobjecttype_check(informatieobjecttype, io.organisatie_id)
        waarden["vertrouwelijkheidaanduiding"] = (
            waarden["vertrouwelijkheidaanduiding"]
            or informatieobjecttype.vertrouwelijkheidaanduiding
        )
        require_document_schrijven(
            actor,
            organisatie_id=io.organisatie_id,
            informatieobjecttype_id=informatieobjecttype.pk,
            vertrouwelijkheid=waarden["vertrouwelijkheidaanduiding"],
        )
        bronorganisatie_check(waarden["bronorganisatie"])
        status_check(waarden)
        if (waarden["bronorganisatie"], waarden["identificatie"]) != (
            io.bronorganisatie,
            io.identificatie,
        ):
            identificatie_check(waarden["bronorganisatie"], waarden["identificatie"], behalve=io.pk)
        if INDICATIE_GEBRUIKSRECHT in gegevens:
            indicatie = gegevens[INDICATIE_GEBRUIKSRECHT]
            indicatie_gebruiksrecht_check(indicatie, io.gebruiksrechten.exists())
            io.indicatie_gebruiksrecht = indicatie
        inhoud, bestandsomvang, bestand_van = _nieuwe_inhoud(vorige, gegevens, gedeeltelijk)
        nummer = (io.versies.aggregate(m=Max("versie"))["m"] or 0) + 1
        versie = versie_registreren(
            actor=actor,
            informatieobject=io,
            nummer=nummer,
            gegevens=waarden,
            inhoud=inhoud,
            bestandsomvang=bestandsomvang,
            bestand_van=bestand_van,
        )
        bestandsdelen_wissen(io)
        if not versie.bestand and versie.bestandsomvang:
            bestandsdelen_aanmaken(io, versie.bestandsomvang)
        document_bijwerken(io, versie)
        audit_entry_record(
            actor=actor,
            actie="document_bijgewerkt",
            obj=io,
            wijzigingen=audit_diff(vorige, versie),
            toelichting=toelichting,
        )
        document_event_queue(
            io,
            resource="enkelvoudiginformatieobject",
            actie="partial_update" if gedeeltelijk else "update",
            resource_uuid=io.uuid,
        )
    return versie


def _nieuwe_inhoud(
    vorige: InformatieObjectVersie, gegevens: Mapping[str, Any], gedeeltelijk: bool
) -> tuple[File | None, int | None, InformatieObjectVersie | None]:
    """(new file, size, version whose file is kept) of a new version, with the size rule:
    a file and `bestandsomvang` must agree."""
    if INHOUD in gegevens and gegevens[INHOUD] is not None:
        inhoud: File = gegevens[INHOUD]
        grootte = file_facts(inhoud)[1]
        if BESTANDSOMVANG in gegevens and gegevens[BESTANDSOMVANG] != grootte:
            raise omvang_fout()
        return inhoud, grootte, None
    if not gedeeltelijk or INHOUD in gegevens:
        # PUT without content, or PATCH with inhoud null: content follows in parts (or none)
        return None, gegevens.get(BESTANDSOMVANG), None
    bestandsomvang = gegevens.get(BESTANDSOMVANG, vorige.bestandsomvang)
    if vorige.bestand and bestandsomvang != vorige.bestandsomvang:
        raise omvang_fout()
    if vorige.bestand:
        return None, vorige.bestandsomvang, vorige
    return None, bestandsomvang, None


# --- delete ---------------------------------------------------------------------------------
def document_delete(
    *, actor: Actor, informatieobject: InformatieObject, toelichting: str = ""
) -> None:
    """Delete a document with all its versions, usage rights, dispatches and parts; only
    when no case or decision refers to it and nobody holds its lock."""
    with transaction.atomic():
        io = document_lock_for_change(actor, informatieobject)
        if io.zaken.exists() or io.besluiten.exists() or io.externe_objecten.exists():
            raise ValidationError(
                _(
                    "Alle relaties met het document moeten verwijderd worden voordat het "
                    "document verwijderd kan worden."
                ),
                code="pending-relations",
            )
        if io.lock:
            raise ValidationError(
                _("Een vergrendeld document kan niet verwijderd worden."), code="destroy-locked"
            )
        bestanden = [v.bestand.name for v in io.versies.all()]
        bestanden += [d.inhoud.name for d in io.bestandsdelen.all()]
        audit_entry_record(
            actor=actor,
            actie="document_verwijderd",
            obj=io,
            wijzigingen={"document": [io.titel, None], "versies": [io.versie, None]},
            toelichting=toelichting,
        )
        document_event_queue(
            io, resource="enkelvoudiginformatieobject", actie="destroy", resource_uuid=io.uuid
        )
        io.laatste_versie = None
        io.save(update_fields=["laatste_versie"])
        io.delete()
        bestanden_verwijderen_na_commit(bestanden)
