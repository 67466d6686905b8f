"""Every write of the messaging app: letter templates (each edit a new version), the
letterhead, sending a letter on a case, and marking the print queue printed.

`brief_send` is the one way a letter leaves: it renders the template with every merge field,
stores the PDF as a document of the case (kernel documents services), records the letter and
its delivery, and writes the audit entry, in one transaction. An e-mail then goes through the
persistent outbox (bezorging.py): tried once right after commit, and by the worker
`raadhuis brieven-versturen` with back-off until it is sent or given up. A letter by post waits
in the print queue.

This module sends letters and keeps the print queue. Templates (sjabloonbeheer.py) and the
letterhead with HTML rendering (opmaak.py) live beside it; their public names are re-exported
here, so callers keep importing every messaging write from this module.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable
from datetime import date
from email.utils import formataddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, require_zaak_access
from raadhuis.kernel.audit.services import audit_entry_record, snapshot
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_id_voor_regel
from raadhuis.kernel.documents.zaakdocumenten import zaak_document_add
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.messaging.documenttype import briefdocumenttype_ensure
from raadhuis.kernel.messaging.models import Brief, BriefSjabloon, Kanaal, Verzending, VerzendStatus
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.opmaak import (
    BEHEER_ROLLEN,
    BRIEFHOOFD_VELDEN,
    _tekst_van,
    brief_render_html,
    briefhoofd_ensure,
    briefhoofd_update,
    briefhoofd_van_brief,
    briefhoofd_voor,
    logo_check,
)
from raadhuis.kernel.messaging.pdf import brief_render_pdf
from raadhuis.kernel.messaging.samenvoegvelden import merge_context
from raadhuis.kernel.messaging.sjablonen import onderwerp_render
from raadhuis.kernel.messaging.sjabloonbeheer import (
    SJABLOON_VELDEN,
    sjablonen_standaard_ensure,
    sjabloon_active_set,
    sjabloon_create,
    sjabloon_ensure,
    sjabloon_indeling_set,
    sjabloon_update,
    sjabloon_versie_restore,
)
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.workflow.calendar import vandaag

__all__ = [
    "BEHEER_ROLLEN",
    "BRIEFHOOFD_VELDEN",
    "SJABLOON_VELDEN",
    "VERZEND_ROLLEN",
    "brief_render_html",
    "brief_send",
    "briefhoofd_ensure",
    "briefhoofd_update",
    "briefhoofd_van_brief",
    "briefhoofd_voor",
    "logo_check",
    "sjablonen_standaard_ensure",
    "sjabloon_active_set",
    "sjabloon_bruikbaar",
    "sjabloon_create",
    "sjabloon_ensure",
    "sjabloon_indeling_set",
    "sjabloon_update",
    "sjabloon_versie_restore",
    "verzending_retry",
    "verzendingen_printed",
]


VERZEND_ROLLEN = (Rol.MEDEWERKER,)


# --- sending ----------------------------------------------------------------------------------
def sjabloon_bruikbaar(organisatie: Organisatie, code: str) -> BriefSjabloon:
    sjabloon = (
        BriefSjabloon.objects.filter(organisatie=organisatie, code=code, actief=True)
        .select_related("huidige_versie")
        .first()
    )
    if sjabloon is None or sjabloon.huidige_versie is None:
        raise field_error(
            "sjabloon",
            _("Er is geen bruikbaar briefsjabloon ‘%(code)s’.") % {"code": code},
            code="does_not_exist",
        )
    return sjabloon


def _email_tekst(organisatie: Organisatie, ontvanger: Ontvanger, onderwerp: str) -> str:
    return "\n".join(
        [
            ontvanger.aanhef or _("Geachte heer, mevrouw,"),
            "",
            _("In de bijlage vindt u een brief van %(organisatie)s over: %(onderwerp)s.")
            % {"organisatie": organisatie.naam, "onderwerp": onderwerp},
            "",
            _("Met vriendelijke groet,"),
            organisatie.naam,
        ]
    )


def _bestandsnaam(code: str, zaak: Zaak, dag: date) -> str:
    return f"brief-{slugify(code)}-{slugify(zaak.identificatie)}-{dag.isoformat()}.pdf"


def brief_send(
    actor: Actor,
    *,
    zaak: Zaak,
    sjabloon_code: str,
    ontvanger: Ontvanger,
    kanaal: str,
    extra_context: dict | None = None,
    reden: str = "",
    documenttype: str = "",
) -> Brief:
    """Send the letter `sjabloon_code` on `zaak` to `ontvanger` by e-mail or post.

    `documenttype`: the omschrijving of one of the case type's document types to file the
    letter under (e.g. "Verzoek tot opgave"); empty or unknown: the case type's letter type.

    Renders with every merge field (and `extra_context` over them), stores the PDF as a
    document of the case, records the letter with its delivery and the audit entry, all in one
    transaction. E-mail: queued and tried right after commit (then by the worker); post: in
    the print queue. Raises ValidationError (Dutch, per field: sjabloon, kanaal, ontvanger_…,
    onderwerp, inhoud) or ToegangGeweigerd."""
    require_role(actor, *VERZEND_ROLLEN)
    require_zaak_access(
        actor,
        organisatie_id=zaak.organisatie_id,
        zaaktype_id=zaak.zaaktype_id,
        vertrouwelijkheid=zaak.vertrouwelijkheidaanduiding,
        zaak_id=zaak_id_voor_regel(zaak),  # the department rule too (ADR 0004)
    )
    if kanaal not in Kanaal.values:
        raise field_error("kanaal", _("Kies e-mail of post."), code="invalid")
    ontvanger.check(kanaal)
    sjabloon = sjabloon_bruikbaar(actor.organisatie, sjabloon_code)
    versie = sjabloon.huidige_versie
    assert versie is not None
    context = merge_context(zaak, ontvanger=ontvanger, extra=extra_context)
    tekst = _tekst_van(versie)
    hoofd = briefhoofd_voor(zaak.organisatie)
    html = brief_render_html(versie, context, organisatie=zaak.organisatie, briefhoofd=hoofd)
    onderwerp = onderwerp_render(tekst, context)[:300]
    pdf = brief_render_pdf(html)
    iotype = briefdocumenttype_ensure(zaak.zaaktype, voorkeur=documenttype)
    dag = vandaag(zaak.organisatie.tijdzone)
    with transaction.atomic():
        zio = zaak_document_add(
            actor=actor,
            zaak=zaak,
            bestand=ContentFile(pdf, name=_bestandsnaam(sjabloon.code, zaak, dag)),
            titel=onderwerp[:200],
            informatieobjecttype=iotype,
            beschrijving=_("Brief ‘%(naam)s’ aan %(ontvanger)s (%(kanaal)s)")
            % {
                "naam": versie.naam,
                "ontvanger": ontvanger.naam,
                "kanaal": Kanaal(kanaal).label,
            },
        )
        brief = Brief.objects.create(
            organisatie=zaak.organisatie,
            zaak=zaak,
            sjabloon_versie=versie,
            onderwerp=onderwerp,
            informatieobject=zio.informatieobject,
            ontvanger_partij=ontvanger.partij,
            ontvanger_naam=ontvanger.naam[:400],
            ontvanger_adres=list(ontvanger.adresregels),
            ontvanger_email=ontvanger.email if kanaal == Kanaal.EMAIL else "",
            kanaal=kanaal,
            reden=reden[:300],
            briefhoofd=snapshot(hoofd, BRIEFHOOFD_VELDEN),
            verstuurd_door=actor.weergave[:200],
        )
        verzending = Verzending.objects.create(
            organisatie=zaak.organisatie,
            brief=brief,
            kanaal=kanaal,
            status=VerzendStatus.IN_WACHTRIJ
            if kanaal == Kanaal.EMAIL
            else VerzendStatus.KLAAR_VOOR_PRINT,
            emailadres=ontvanger.email if kanaal == Kanaal.EMAIL else "",
            afzender=formataddr((zaak.organisatie.naam, settings.DEFAULT_FROM_EMAIL)),
            bericht=_email_tekst(zaak.organisatie, ontvanger, onderwerp)
            if kanaal == Kanaal.EMAIL
            else "",
            volgende_poging_op=timezone.now() if kanaal == Kanaal.EMAIL else None,
        )
        audit_entry_record(
            actor=actor,
            actie="brief_verstuurd",
            obj=brief,
            wijzigingen={
                "sjabloon": [None, f"{sjabloon.code} (versie {versie.versie})"],
                "ontvanger": [None, ontvanger.naam],
                "kanaal": [None, kanaal],
                "document": [
                    None,
                    brief.informatieobject.identificatie if brief.informatieobject else "",
                ],
            },
            toelichting=reden,
            zaak_uuid=zaak.uuid,
        )
        if kanaal == Kanaal.EMAIL:
            from raadhuis.kernel.messaging.bezorging import verzending_attempt

            pk = verzending.pk
            transaction.on_commit(lambda: verzending_attempt(pk))
    return brief


# --- delivery by hand -------------------------------------------------------------------------
def _verzendingen_voor(actor: Actor, uuids: Iterable[uuid_module.UUID | str], status: str):  # noqa: ANN202
    from raadhuis.kernel.access.policies import zaak_filter

    ids = []
    for waarde in uuids:
        try:
            ids.append(uuid_module.UUID(str(waarde)))
        except ValueError:
            continue
    # Lock only the deliveries: `brief` is nullable (plain e-mails), and PostgreSQL refuses
    # FOR UPDATE on the nullable side of the outer join select_related makes.
    return (
        Verzending.objects.select_for_update(of=("self",))
        .filter(zaak_filter(actor, prefix="brief__zaak__"), uuid__in=ids, status=status)
        .select_related("brief__zaak")
    )


def verzendingen_printed(*, actor: Actor, uuids: Iterable[uuid_module.UUID | str]) -> int:
    """Mark letters of the print queue printed (those still waiting among `uuids`, which the
    medewerker downloaded); returns how many."""
    require_role(actor, *VERZEND_ROLLEN)
    nu = timezone.now()
    with transaction.atomic():
        verzendingen = list(_verzendingen_voor(actor, uuids, VerzendStatus.KLAAR_VOOR_PRINT))
        for verzending in verzendingen:
            verzending.status = VerzendStatus.GEPRINT
            verzending.geprint_op = nu
            verzending.geprint_door = actor.weergave[:200]
            verzending.save(update_fields=["status", "geprint_op", "geprint_door"])
            audit_entry_record(
                actor=actor,
                actie="brief_geprint",
                obj=verzending.brief_zeker,
                wijzigingen={"status": [VerzendStatus.KLAAR_VOOR_PRINT, VerzendStatus.GEPRINT]},
                zaak_uuid=verzending.brief_zeker.zaak.uuid,
            )
    return len(verzendingen)


def verzending_retry(*, actor: Actor, verzending: Verzending) -> Verzending:
    """Offer a failed e-mail again (after the address or the mail server was fixed)."""
    require_role(actor, *VERZEND_ROLLEN)
    with transaction.atomic():
        gevonden = list(_verzendingen_voor(actor, [verzending.uuid], VerzendStatus.MISLUKT))
        if not gevonden:
            raise ValidationError(_("Alleen een mislukte e-mail kan opnieuw verstuurd worden."))
        verzending = gevonden[0]
        verzending.status = VerzendStatus.IN_WACHTRIJ
        verzending.pogingen = 0
        verzending.volgende_poging_op = timezone.now()
        verzending.save(update_fields=["status", "pogingen", "volgende_poging_op"])
        audit_entry_record(
            actor=actor,
            actie="brief_opnieuw_aangeboden",
            obj=verzending.brief_zeker,
            wijzigingen={"status": [VerzendStatus.MISLUKT, VerzendStatus.IN_WACHTRIJ]},
            zaak_uuid=verzending.brief_zeker.zaak.uuid,
        )
        pk = verzending.pk
        from raadhuis.kernel.messaging.bezorging import verzending_attempt

        transaction.on_commit(lambda: verzending_attempt(pk))
    return verzending
