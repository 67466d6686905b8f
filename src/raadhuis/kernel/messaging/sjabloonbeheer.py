"""Letter templates: creating and editing them (each edit a new version), restoring a version,
switching them on or off, and the standard set every organisation starts with."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.messaging.models import BriefSjabloon, BriefSjabloonVersie, SjabloonSoort
from raadhuis.kernel.messaging.opmaak import BEHEER_ROLLEN, briefhoofd_ensure
from raadhuis.kernel.messaging.sjablonen import SjabloonTekst, sjabloon_check
from raadhuis.kernel.messaging.standaard import STANDAARD_SJABLONEN
from raadhuis.kernel.organisations.models import Organisatie

SJABLOON_VELDEN = ("naam", "onderwerp", "inhoud")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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
