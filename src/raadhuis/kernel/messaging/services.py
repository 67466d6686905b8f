"""Every write of the messaging app: letter templates (each edit a new version), the
letterhead, sending a letter on a case, and marking the print queue printed.

`brief_send` is the one way a letter leaves: it renders the template with every merge field,
stores the PDF as a document of the case (kernel documents services), records the letter and
its delivery, and writes the audit entry, in one transaction. An e-mail then goes through the
persistent outbox (bezorging.py): tried once right after commit, and by the worker
`raadhuis brieven-versturen` with back-off until it is sent or given up. A letter by post waits
in the print queue.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Iterable, Mapping
from datetime import date
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, require_zaak_access
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_id_voor_regel
from raadhuis.kernel.documents.zaakdocumenten import zaak_document_add
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.messaging.documenttype import briefdocumenttype_ensure
from raadhuis.kernel.messaging.models import (
    Brief,
    Briefhoofd,
    BriefSjabloon,
    BriefSjabloonVersie,
    Kanaal,
    SjabloonSoort,
    Verzending,
    VerzendStatus,
)
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.pdf import brief_render_pdf
from raadhuis.kernel.messaging.samenvoegvelden import merge_context
from raadhuis.kernel.messaging.sjablonen import (
    VERBODEN_HTML,
    SjabloonTekst,
    brief_document_render,
    onderwerp_render,
    sjabloon_check,
)
from raadhuis.kernel.messaging.standaard import STANDAARD_BRIEFHOOFD, STANDAARD_SJABLONEN
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.workflow.calendar import vandaag

BEHEER_ROLLEN = (Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)
VERZEND_ROLLEN = (Rol.MEDEWERKER,)
SJABLOON_VELDEN = ("naam", "onderwerp", "inhoud")
BRIEFHOOFD_VELDEN = ("logo_svg", "afzender", "plaats", "ondertekening", "voettekst")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


# --- rendering (public) ---------------------------------------------------------------------
def _tekst_van(sjabloon: BriefSjabloon | BriefSjabloonVersie | SjabloonTekst) -> SjabloonTekst:
    if isinstance(sjabloon, SjabloonTekst):
        return sjabloon
    versie = sjabloon.huidige_versie if isinstance(sjabloon, BriefSjabloon) else sjabloon
    if versie is None:
        raise ValidationError(_("Dit briefsjabloon heeft nog geen tekst."))
    return SjabloonTekst(onderwerp=versie.onderwerp, inhoud=versie.inhoud, naam=versie.naam)


def _organisatie_van(sjabloon: Any) -> Organisatie | None:  # noqa: ANN401
    if isinstance(sjabloon, BriefSjabloon):
        return sjabloon.organisatie
    if isinstance(sjabloon, BriefSjabloonVersie):
        return sjabloon.sjabloon.organisatie
    return None


def brief_render_html(
    sjabloon: BriefSjabloon | BriefSjabloonVersie | SjabloonTekst,
    context: Mapping[str, Any],
    *,
    organisatie: Organisatie | None = None,
    briefhoofd: Briefhoofd | None = None,
    voor_scherm: bool = False,
) -> str:
    """The letter as a complete HTML document (letterhead, address, body, footer) with the
    merge fields of `context` filled in. Raises SjabloonFout (a ValidationError with a Dutch
    message) for a syntax error or unknown merge field. `sjabloon` may be a template (its
    current version), a version, or unsaved text (SjabloonTekst, with `organisatie`)."""
    tekst = _tekst_van(sjabloon)
    organisatie = organisatie or _organisatie_van(sjabloon)
    if organisatie is None:
        raise ValueError("brief_render_html needs the organisation for unsaved text")
    sjabloon_check(tekst, extra_namen=context.keys())
    if briefhoofd is None:
        briefhoofd = briefhoofd_voor(organisatie)
    return brief_document_render(
        tekst, context, organisatie=organisatie, briefhoofd=briefhoofd, voor_scherm=voor_scherm
    )


def briefhoofd_van_brief(brief: Brief) -> Briefhoofd:
    """The letterhead a letter was made with (unsaved), for showing or re-rendering it as it
    was; a letter from before this was kept gets the current letterhead."""
    if not brief.briefhoofd:
        return briefhoofd_voor(brief.organisatie)
    velden = {k: v for k, v in brief.briefhoofd.items() if k in BRIEFHOOFD_VELDEN}
    return Briefhoofd(organisatie=brief.organisatie, **velden)


def briefhoofd_voor(organisatie: Organisatie) -> Briefhoofd:
    """The organisation's letterhead; an unsaved default when it has none yet."""
    hoofd = Briefhoofd.objects.filter(organisatie=organisatie).first()
    if hoofd is not None:
        return hoofd
    return Briefhoofd(
        organisatie=organisatie,
        afzender=organisatie.naam,
        voettekst=organisatie.naam,
        **{k: v for k, v in STANDAARD_BRIEFHOOFD.items() if k not in ("afzender", "voettekst")},
    )


# --- templates --------------------------------------------------------------------------------
def _code_check(code: str) -> None:
    if not _CODE.match(code or ""):
        raise field_error(
            "code",
            _("Gebruik kleine letters, cijfers, - en _ (bijvoorbeeld ‘ontvangstbevestiging’)."),
            code="invalid",
        )


def _tekst_check(naam: str, onderwerp: str, inhoud: str) -> SjabloonTekst:
    errors = {}
    if not naam.strip():
        errors["naam"] = _("Geef het sjabloon een naam.")
    if not onderwerp.strip():
        errors["onderwerp"] = _("Vul het onderwerp in.")
    if not inhoud.strip():
        errors["inhoud"] = _("Vul de tekst van de brief in.")
    if errors:
        raise ValidationError(errors)
    tekst = SjabloonTekst(onderwerp=onderwerp.strip(), inhoud=inhoud, naam=naam.strip())
    sjabloon_check(tekst)
    return tekst


def _versie_add(
    actor: Actor, sjabloon: BriefSjabloon, tekst: SjabloonTekst, toelichting: str
) -> BriefSjabloonVersie:
    nummer = (sjabloon.versies.aggregate(m=Max("versie"))["m"] or 0) + 1
    versie = BriefSjabloonVersie.objects.create(
        sjabloon=sjabloon,
        versie=nummer,
        naam=tekst.naam,
        onderwerp=tekst.onderwerp,
        inhoud=tekst.inhoud,
        toelichting=toelichting[:300],
        aangemaakt_door=actor.weergave[:200],
    )
    sjabloon.huidige_versie = versie
    sjabloon.naam = tekst.naam
    sjabloon.save(update_fields=["huidige_versie", "naam"])
    return versie


def _soort_categorie_check(soort: str, categorie: str) -> tuple[str, str]:
    if soort not in SjabloonSoort.values:
        raise field_error("soort", _("Kies brief, offerte of e-mail."), code="invalid_choice")
    categorie = " ".join((categorie or "").split())
    if len(categorie) > 60:
        raise field_error("categorie", _("Gebruik hoogstens 60 tekens."), code="max_length")
    return soort, categorie


def sjabloon_create(
    *,
    actor: Actor,
    code: str,
    naam: str,
    onderwerp: str,
    inhoud: str,
    toelichting: str = "",
    soort: str = SjabloonSoort.BRIEF,
    categorie: str = "",
) -> BriefSjabloon:
    """A new template with its version 1."""
    require_role(actor, *BEHEER_ROLLEN)
    _code_check(code)
    soort, categorie = _soort_categorie_check(soort, categorie)
    tekst = _tekst_check(naam, onderwerp, inhoud)
    with transaction.atomic():
        if BriefSjabloon.objects.filter(organisatie=actor.organisatie, code=code).exists():
            raise field_error("code", _("Er is al een sjabloon met deze code."), code="unique")
        sjabloon = BriefSjabloon.objects.create(
            organisatie=actor.organisatie,
            code=code,
            naam=tekst.naam,
            soort=soort,
            categorie=categorie,
        )
        versie = _versie_add(actor, sjabloon, tekst, toelichting or _("Eerste versie"))
        audit_entry_record(
            actor=actor,
            actie="briefsjabloon_aangemaakt",
            obj=sjabloon,
            wijzigingen=diff(
                {},
                {
                    "code": code,
                    "soort": soort,
                    "categorie": categorie,
                    **snapshot(versie, SJABLOON_VELDEN),
                },
            ),
            toelichting=toelichting,
        )
    return sjabloon


def sjabloon_indeling_set(
    *, actor: Actor, sjabloon: BriefSjabloon, soort: str, categorie: str
) -> BriefSjabloon:
    """Change a template's kind and category (not part of its versioned text: letters sent
    keep their text either way). Audited when something changed."""
    require_role(actor, *BEHEER_ROLLEN)
    _require_eigen(actor, sjabloon)
    soort, categorie = _soort_categorie_check(soort, categorie)
    with transaction.atomic():
        sjabloon = BriefSjabloon.objects.select_for_update().get(pk=sjabloon.pk)
        voor = {"soort": sjabloon.soort, "categorie": sjabloon.categorie}
        na = {"soort": soort, "categorie": categorie}
        if voor != na:
            sjabloon.soort, sjabloon.categorie = soort, categorie
            sjabloon.save(update_fields=["soort", "categorie"])
            audit_entry_record(
                actor=actor,
                actie="briefsjabloon_gewijzigd",
                obj=sjabloon,
                wijzigingen=diff(voor, na),
            )
    return sjabloon


def _require_eigen(actor: Actor, sjabloon: BriefSjabloon) -> None:
    if actor.type != "systeem" and sjabloon.organisatie_id != actor.organisatie.pk:
        raise ValidationError(_("Dit sjabloon hoort niet bij je organisatie."))


def sjabloon_update(
    *,
    actor: Actor,
    sjabloon: BriefSjabloon,
    naam: str,
    onderwerp: str,
    inhoud: str,
    toelichting: str = "",
) -> BriefSjabloonVersie:
    """Save an edit as a new version; letters sent before keep the version they used. Nothing
    changed: the current version, and no new one."""
    require_role(actor, *BEHEER_ROLLEN)
    _require_eigen(actor, sjabloon)
    tekst = _tekst_check(naam, onderwerp, inhoud)
    with transaction.atomic():
        sjabloon = BriefSjabloon.objects.select_for_update().get(pk=sjabloon.pk)
        vorige = sjabloon.huidige_versie
        voor = snapshot(vorige, SJABLOON_VELDEN) if vorige else {}
        na = {"naam": tekst.naam, "onderwerp": tekst.onderwerp, "inhoud": tekst.inhoud}
        if vorige is not None and voor == na:
            return vorige
        versie = _versie_add(actor, sjabloon, tekst, toelichting)
        audit_entry_record(
            actor=actor,
            actie="briefsjabloon_gewijzigd",
            obj=sjabloon,
            wijzigingen={
                **diff(voor, na),
                "versie": [vorige.versie if vorige else None, versie.versie],
            },
            toelichting=toelichting,
        )
    return versie


def sjabloon_versie_restore(
    *, actor: Actor, sjabloon: BriefSjabloon, versie: BriefSjabloonVersie
) -> BriefSjabloonVersie:
    """Make an earlier version current again, as a new version (history stays complete)."""
    if versie.sjabloon_id != sjabloon.pk:
        raise ValidationError(_("Deze versie hoort niet bij dit sjabloon."))
    return sjabloon_update(
        actor=actor,
        sjabloon=sjabloon,
        naam=versie.naam,
        onderwerp=versie.onderwerp,
        inhoud=versie.inhoud,
        toelichting=_("Versie %(versie)s teruggezet") % {"versie": versie.versie},
    )


def sjabloon_active_set(*, actor: Actor, sjabloon: BriefSjabloon, actief: bool) -> BriefSjabloon:
    """Withdraw a template from use (or bring it back); its versions and letters stay."""
    require_role(actor, *BEHEER_ROLLEN)
    _require_eigen(actor, sjabloon)
    with transaction.atomic():
        sjabloon = BriefSjabloon.objects.select_for_update().get(pk=sjabloon.pk)
        if sjabloon.actief != actief:
            audit_entry_record(
                actor=actor,
                actie="briefsjabloon_gewijzigd",
                obj=sjabloon,
                wijzigingen={"actief": [sjabloon.actief, actief]},
            )
            sjabloon.actief = actief
            sjabloon.save(update_fields=["actief"])
    return sjabloon


def sjabloon_ensure(
    organisatie: Organisatie,
    code: str,
    naam: str,
    onderwerp: str,
    html: str,
    *,
    soort: str = SjabloonSoort.BRIEF,
    categorie: str = "",
) -> BriefSjabloon:
    """The template `code` of the organisation, created (by the system) when missing.
    Idempotent, and an existing template is left as the functional administrator made it:
    for modules and the demo to seed their standard letters. `soort` (brief, offerte,
    e-mail) and `categorie` (e.g. "Klachten") file it in the template library."""
    bestaand = BriefSjabloon.objects.filter(organisatie=organisatie, code=code).first()
    if bestaand is not None:
        return bestaand
    systeem = Actor.system(organisatie, weergave="Standaardbrieven")
    return sjabloon_create(
        actor=systeem,
        code=code,
        naam=naam,
        onderwerp=onderwerp,
        inhoud=html,
        toelichting=_("Standaardsjabloon"),
        soort=soort,
        categorie=categorie,
    )


def sjablonen_standaard_ensure(organisatie: Organisatie) -> list[BriefSjabloon]:
    """The kernel's standard templates and a letterhead for the organisation, where missing."""
    briefhoofd_ensure(organisatie)
    return [
        sjabloon_ensure(
            organisatie,
            s["code"],
            s["naam"],
            s["onderwerp"],
            s["html"],
            categorie=s.get("categorie", ""),
        )
        for s in STANDAARD_SJABLONEN
    ]


# --- letterhead -----------------------------------------------------------------------------
def logo_check(svg: str) -> str:
    """An SVG logo that a letter may carry: SVG markup, nothing active, nothing fetched."""
    svg = (svg or "").strip()
    if not svg:
        return ""
    if not re.match(r"^(<\?xml[^>]*>\s*)?<svg[\s>]", svg, re.IGNORECASE):
        raise field_error("logo_svg", _("Het logo moet SVG-code zijn (<svg …>)."), code="svg")
    if VERBODEN_HTML.search(svg) or re.search(r"(href|src)\s*=\s*[\"']?\s*(?!#|data:)", svg, re.I):
        raise field_error(
            "logo_svg",
            _("Het logo mag geen scripts, gebeurtenissen of verwijzingen naar buiten bevatten."),
            code="svg",
        )
    if len(svg) > 200_000:
        raise field_error("logo_svg", _("Het logo is groter dan 200 kB."), code="svg")
    return svg


def briefhoofd_ensure(organisatie: Organisatie) -> Briefhoofd:
    hoofd, _nieuw = Briefhoofd.objects.get_or_create(
        organisatie=organisatie,
        defaults={
            **STANDAARD_BRIEFHOOFD,
            "afzender": f"{organisatie.naam}\n{STANDAARD_BRIEFHOOFD['afzender']}".strip(),
            "voettekst": organisatie.naam,
        },
    )
    return hoofd


def briefhoofd_update(*, actor: Actor, **velden: str) -> Briefhoofd:
    """Change the organisation's letterhead (logo, sender block, place, signature, footer)."""
    require_role(actor, *BEHEER_ROLLEN)
    onbekend = set(velden) - set(BRIEFHOOFD_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields: {', '.join(sorted(onbekend))}")
    if "logo_svg" in velden:
        velden["logo_svg"] = logo_check(velden["logo_svg"])
    for naam in ("afzender", "ondertekening", "voettekst", "plaats"):
        if naam in velden and VERBODEN_HTML.search(velden[naam] or ""):
            raise field_error(naam, _("Dit mag geen HTML-code bevatten."), code="html")
    with transaction.atomic():
        briefhoofd_ensure(actor.organisatie)
        hoofd = Briefhoofd.objects.select_for_update().get(organisatie=actor.organisatie)
        voor = snapshot(hoofd, BRIEFHOOFD_VELDEN)
        for naam, waarde in velden.items():
            setattr(hoofd, naam, (waarde or "").strip())
        hoofd.full_clean(exclude=["organisatie"])
        hoofd.save()
        wijzigingen = diff(voor, snapshot(hoofd, BRIEFHOOFD_VELDEN))
        if wijzigingen:
            audit_entry_record(
                actor=actor, actie="briefhoofd_gewijzigd", obj=hoofd, wijzigingen=wijzigingen
            )
    return hoofd


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
