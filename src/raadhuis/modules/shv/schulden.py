"""Every write on the creditor register and on the debts of a dossier.

A creditor (`Schuldeiser`) is a kernel party (NietNatuurlijkPersoon: name, KvK number,
address) plus what debt work needs (IBAN, rank, e-mail for correspondence). A debt moves along
the transitions in workflow.py; each change is an audit entry on the case, which is the debt's
history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.services import zaak_audit_record
from raadhuis.kernel.iban import iban_normaliseren
from raadhuis.kernel.parties.models import AdresSoort, NietNatuurlijkPersoon, PartijSoort
from raadhuis.kernel.parties.services import (
    adres_vervangen,
    niet_natuurlijk_persoon_create,
    partij_update,
)
from raadhuis.kernel.validators import validate_kvk_nummer
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.shv.brieven import (
    SJABLOON_HERINNERING_OPGAVE,
    SJABLOON_VERZOEK_TOT_OPGAVE,
    schuld_brief_send,
)
from raadhuis.modules.shv.common import dossier_lock_for_change, require_shv_toegang
from raadhuis.modules.shv.models import (
    Rangorde,
    Schuld,
    Schuldeiser,
    SchuldStatus,
    ShvDossier,
)
from raadhuis.modules.shv.workflow import SCHULD_OVERGANGEN, schuld_overgang_toegestaan

# Issue 4, user story 1.2: a reminder after 2 weeks without an answer (10 working days).
HERINNERING_WERKDAGEN = 10

SCHULDEISER_FIELDS = ["iban", "rangorde", "email_correspondentie", "actief"]
SCHULD_FIELDS = [
    "schuldeiser",
    "kenmerk",
    "oorspronkelijk_bedrag",
    "actueel_bedrag",
    "status",
    "opgevraagd_op",
    "opgave_ontvangen_op",
    "herinnerd_op",
    "toelichting",
]
ADRES_VELDEN = (
    "straatnaam",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
)


# --- creditor register ------------------------------------------------------------------------


def _schuldeiser_velden_check(
    *, naam: str | None, kvk_nummer: str, iban: str, rangorde: str, email: str
) -> tuple[dict[str, Any], str]:
    """Dutch errors per field, and the IBAN in its compact form."""
    errors: dict[str, Any] = {}
    if naam is not None and not naam.strip():
        errors["naam"] = _("Vul de naam van de schuldeiser in.")
    if kvk_nummer:
        try:
            validate_kvk_nummer(kvk_nummer)
        except ValidationError as error:
            errors["kvk_nummer"] = error.messages
    try:
        iban = iban_normaliseren(iban)
    except ValidationError as error:
        errors["iban"] = error.messages
    if rangorde not in Rangorde.values:
        errors["rangorde"] = _("Kies een geldige rangorde.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email_correspondentie"] = _("Dit is geen geldig e-mailadres.")
    return errors, iban


def _adres(adres: dict[str, Any] | None) -> dict[str, Any] | None:
    """The address fields that were filled in, as a postal address; None when empty."""
    if not adres or not any(adres.get(k) for k in ADRES_VELDEN):
        return None
    return {
        "soort": AdresSoort.POSTADRES,
        **{k: adres[k] for k in ADRES_VELDEN if adres.get(k) not in (None, "")},
    }


def schuldeiser_create(
    *,
    actor: Actor,
    naam: str,
    kvk_nummer: str = "",
    iban: str = "",
    rangorde: str = Rangorde.CONCURRENT,
    email_correspondentie: str = "",
    adres: dict[str, Any] | None = None,
) -> Schuldeiser:
    """Add a creditor to the organisation's register. The name, KvK number and address go to a
    kernel party (an existing one with that KvK number is reused); IBAN, rank and e-mail
    address for correspondence to the register."""
    require_shv_toegang(actor)
    kvk_nummer = (kvk_nummer or "").replace(" ", "")
    errors, iban = _schuldeiser_velden_check(
        naam=naam, kvk_nummer=kvk_nummer, iban=iban, rangorde=rangorde, email=email_correspondentie
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        partij = (
            NietNatuurlijkPersoon.objects.filter(
                organisatie=actor.organisatie, kvk_nummer=kvk_nummer
            ).first()
            if kvk_nummer
            else None
        )
        if partij is None:
            partij = niet_natuurlijk_persoon_create(
                actor=actor,
                statutaire_naam=naam.strip(),
                kvk_nummer=kvk_nummer,
                adres=_adres(adres),
            )
        elif Schuldeiser.objects.filter(organisatie=actor.organisatie, partij=partij).exists():
            raise ValidationError(
                {"kvk_nummer": _("Er staat al een schuldeiser met dit KvK-nummer in het register.")}
            )
        schuldeiser = Schuldeiser.objects.create(
            organisatie=actor.organisatie,
            partij=partij,
            iban=iban,
            rangorde=rangorde,
            email_correspondentie=email_correspondentie,
        )
        audit_entry_record(
            actor=actor,
            actie="schuldeiser_aangemaakt",
            obj=schuldeiser,
            wijzigingen=diff({}, snapshot(schuldeiser, SCHULDEISER_FIELDS)),
        )
    return schuldeiser


def schuldeiser_update(
    *,
    actor: Actor,
    schuldeiser: Schuldeiser,
    naam: str | None = None,
    kvk_nummer: str | None = None,
    iban: str | None = None,
    rangorde: str | None = None,
    email_correspondentie: str | None = None,
    actief: bool | None = None,
    adres: dict[str, Any] | None = None,
) -> Schuldeiser:
    """Change a creditor; what is None stays as it is. Name and KvK number change on the
    kernel party (its own audit entry), the rest on the register. An address is added when the
    party has none (the kernel has no address update yet)."""
    require_shv_toegang(actor)
    if schuldeiser.organisatie_id != actor.organisatie.pk:
        raise ValidationError(_("Deze schuldeiser is onbekend."))
    kvk = (kvk_nummer if kvk_nummer is not None else "").replace(" ", "")
    errors, compact_iban = _schuldeiser_velden_check(
        naam=naam,
        kvk_nummer=kvk,
        iban=iban if iban is not None else schuldeiser.iban,
        rangorde=rangorde if rangorde is not None else schuldeiser.rangorde,
        email=email_correspondentie or "",
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        schuldeiser = (
            Schuldeiser.objects.select_for_update(of=("self",))
            .select_related("partij")
            .get(pk=schuldeiser.pk)
        )
        partij_velden: dict[str, Any] = {}
        if naam is not None and naam.strip() != schuldeiser.partij.weergavenaam:
            partij_velden["statutaire_naam"] = naam.strip()
        if kvk_nummer is not None:
            partij_velden["kvk_nummer"] = kvk
        if partij_velden and schuldeiser.partij.soort == PartijSoort.NIET_NATUURLIJK_PERSOON:
            partij_update(actor=actor, partij=schuldeiser.partij, **partij_velden)
        nieuw_adres = _adres(adres)
        if nieuw_adres:
            # A creditor that moved: the new postal address replaces the old one.
            adres_vervangen(actor=actor, partij=schuldeiser.partij, **nieuw_adres)
        before = snapshot(schuldeiser, SCHULDEISER_FIELDS)
        wijzigingen = {
            "iban": compact_iban if iban is not None else None,
            "rangorde": rangorde,
            "email_correspondentie": email_correspondentie,
            "actief": actief,
        }
        for veld, waarde in wijzigingen.items():
            if waarde is not None:
                setattr(schuldeiser, veld, waarde)
        changes = diff(before, snapshot(schuldeiser, SCHULDEISER_FIELDS))
        if changes:
            schuldeiser.save(update_fields=list(changes))
            audit_entry_record(
                actor=actor, actie="schuldeiser_gewijzigd", obj=schuldeiser, wijzigingen=changes
            )
    return schuldeiser


# --- debts ----------------------------------------------------------------------------------


def _bedrag_check(veld: str, bedrag: Decimal | None, errors: dict[str, Any]) -> None:
    if bedrag is not None and bedrag < 0:
        errors[veld] = _("Een bedrag kan niet negatief zijn.")


def _schuld_lock(actor: Actor, schuld: Schuld) -> tuple[ShvDossier, Schuld]:
    dossier = dossier_lock_for_change(actor, schuld.dossier)
    locked = (
        Schuld.objects.select_for_update(of=("self",))
        .select_related("schuldeiser__partij")
        .get(pk=schuld.pk, dossier=dossier)
    )
    locked.dossier = dossier
    return dossier, locked


def _schuld_audit(actor: Actor, actie: str, schuld: Schuld, before: dict, toelichting: str = ""):
    zaak_audit_record(
        actor,
        actie,
        schuld,
        schuld.dossier.zaak,
        diff(before, snapshot(schuld, SCHULD_FIELDS)),
        toelichting=toelichting,
    )


def _taak_afronden(actor: Actor, taak: Taak | None, toelichting: str) -> None:
    if taak is not None and taak.status == TaakStatus.OPEN:
        taak_complete(actor=actor, taak=taak, toelichting=toelichting)


def _schuldeiser_van_organisatie(actor: Actor, schuldeiser: Schuldeiser) -> None:
    if schuldeiser.organisatie_id != actor.organisatie.pk:
        raise ValidationError({"schuldeiser": _("Deze schuldeiser is onbekend.")})
    if not schuldeiser.actief:
        raise ValidationError({"schuldeiser": _("Deze schuldeiser is niet meer actief.")})


def schuld_create(
    *,
    actor: Actor,
    dossier: ShvDossier,
    schuldeiser: Schuldeiser,
    kenmerk: str = "",
    oorspronkelijk_bedrag: Decimal | None = None,
    actueel_bedrag: Decimal | None = None,
    status: str = SchuldStatus.OPGEGEVEN,
    toelichting: str = "",
) -> Schuld:
    """Register a debt the consultant learned of (the client's papers, a creditor's letter):
    'opgegeven' when an amount is known, else 'opgevraagd'. To ask the creditor, use
    schulden_opvragen."""
    _schuldeiser_van_organisatie(actor, schuldeiser)
    errors: dict[str, Any] = {}
    _bedrag_check("oorspronkelijk_bedrag", oorspronkelijk_bedrag, errors)
    _bedrag_check("actueel_bedrag", actueel_bedrag, errors)
    if status not in (SchuldStatus.OPGEVRAAGD, SchuldStatus.OPGEGEVEN):
        errors["status"] = _("Een nieuwe schuld is opgevraagd of opgegeven.")
    elif status == SchuldStatus.OPGEGEVEN and actueel_bedrag is None:
        errors["actueel_bedrag"] = _("Vul het actuele bedrag in van een opgegeven schuld.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        today = vandaag(dossier.zaak.organisatie.tijdzone)
        schuld = Schuld(
            organisatie=dossier.organisatie,
            dossier=dossier,
            schuldeiser=schuldeiser,
            kenmerk=kenmerk,
            oorspronkelijk_bedrag=oorspronkelijk_bedrag,
            actueel_bedrag=actueel_bedrag,
            status=status,
            opgave_ontvangen_op=today if status == SchuldStatus.OPGEGEVEN else None,
            toelichting=toelichting,
        )
        schuld.full_clean(exclude=["organisatie", "dossier", "schuldeiser", "herinnering_taak"])
        schuld.save()
        _schuld_audit(actor, "schuld_toegevoegd", schuld, {})
    return schuld


def schulden_opvragen(
    *,
    actor: Actor,
    dossier: ShvDossier,
    schuldeisers: Iterable[Schuldeiser],
    kenmerken: dict[int, str] | None = None,
) -> list[Schuld]:
    """Ask each creditor for a statement in one action: a debt in status 'opgevraagd', the
    letter "verzoek tot opgave" (e-mail when the creditor has an address for correspondence,
    else post; stored in the dossier), and a reminder task due 10 working days later (issue 4:
    after 2 weeks without an answer). All or nothing. `kenmerken`: creditor pk -> reference."""
    schuldeisers = list({s.pk: s for s in schuldeisers}.values())
    if not schuldeisers:
        raise ValidationError({"schuldeisers": _("Kies minstens één schuldeiser.")})
    for schuldeiser in schuldeisers:
        _schuldeiser_van_organisatie(actor, schuldeiser)
    kenmerken = kenmerken or {}
    schulden = []
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        organisatie = dossier.zaak.organisatie
        today = vandaag(organisatie.tijdzone)
        al_opgevraagd = set(
            dossier.schulden.filter(
                schuldeiser__in=schuldeisers, status=SchuldStatus.OPGEVRAAGD
            ).values_list("schuldeiser__partij__weergavenaam", flat=True)
        )
        if al_opgevraagd:
            raise ValidationError(
                {
                    "schuldeisers": _("Bij %(namen)s is al een opgave opgevraagd.")
                    % {"namen": ", ".join(sorted(al_opgevraagd))}
                }
            )
        behandelaar = dossier.zaak.behandelaar or actor.medewerker
        for schuldeiser in schuldeisers:
            schuld = Schuld.objects.create(
                organisatie=organisatie,
                dossier=dossier,
                schuldeiser=schuldeiser,
                kenmerk=kenmerken.get(schuldeiser.pk, ""),
                status=SchuldStatus.OPGEVRAAGD,
                opgevraagd_op=today,
            )
            schuld_brief_send(
                actor=actor,
                schuld=schuld,
                sjabloon_code=SJABLOON_VERZOEK_TOT_OPGAVE,
                reden=_("Verzoek tot opgave"),
                documenttype="Verzoek tot opgave",
            )
            if behandelaar is not None:
                schuld.herinnering_taak = _herinnering_taak(actor, schuld, behandelaar, today)
                schuld.save(update_fields=["herinnering_taak"])
            _schuld_audit(
                actor,
                "schuld_opgevraagd",
                schuld,
                {},
                toelichting=_("Verzoek tot opgave verstuurd."),
            )
            schulden.append(schuld)
    return schulden


def _herinnering_taak(actor: Actor, schuld: Schuld, behandelaar: Any, vanaf: date) -> Taak:
    organisatie = schuld.dossier.zaak.organisatie
    return taak_create(
        actor=actor,
        zaak=schuld.dossier.zaak,
        titel=_("Herinnering opgave %(schuldeiser)s") % {"schuldeiser": schuld.schuldeiser},
        toegewezen_aan=behandelaar,
        vervaldatum=werkdagen_optellen(vanaf, HERINNERING_WERKDAGEN, organisatie.land),
        toelichting=_(
            "Geen opgave ontvangen binnen 2 weken? Stuur de schuldeiser een herinnering."
        ),
    )


def schuld_opgave_registreren(
    *,
    actor: Actor,
    schuld: Schuld,
    actueel_bedrag: Decimal,
    oorspronkelijk_bedrag: Decimal | None = None,
    kenmerk: str | None = None,
    ontvangen_op: date | None = None,
    toelichting: str = "",
) -> Schuld:
    """Record the creditor's statement: the amounts (and reference), status 'opgegeven', and the
    reminder task is done."""
    errors: dict[str, Any] = {}
    if actueel_bedrag is None:
        errors["actueel_bedrag"] = _("Vul het actuele bedrag in.")
    _bedrag_check("actueel_bedrag", actueel_bedrag, errors)
    _bedrag_check("oorspronkelijk_bedrag", oorspronkelijk_bedrag, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        dossier, schuld = _schuld_lock(actor, schuld)
        today = vandaag(dossier.zaak.organisatie.tijdzone)
        ontvangen_op = ontvangen_op or today
        if ontvangen_op > today:
            raise ValidationError({"ontvangen_op": _("Deze datum ligt in de toekomst.")})
        if schuld.status != SchuldStatus.OPGEGEVEN and not schuld_overgang_toegestaan(
            schuld.status, SchuldStatus.OPGEGEVEN
        ):
            raise _overgang_fout(schuld.status, SchuldStatus.OPGEGEVEN)
        before = snapshot(schuld, SCHULD_FIELDS)
        schuld.status = SchuldStatus.OPGEGEVEN
        schuld.actueel_bedrag = actueel_bedrag
        if oorspronkelijk_bedrag is not None:
            schuld.oorspronkelijk_bedrag = oorspronkelijk_bedrag
        if kenmerk is not None:
            schuld.kenmerk = kenmerk
        schuld.opgave_ontvangen_op = ontvangen_op
        if toelichting:
            schuld.toelichting = toelichting
        schuld.save()
        _taak_afronden(actor, schuld.herinnering_taak, _("Opgave ontvangen."))
        _schuld_audit(actor, "schuld_opgave_geregistreerd", schuld, before, toelichting)
    return schuld


def _overgang_fout(van: str, naar: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("Een schuld met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": SchuldStatus(van).label, "naar": SchuldStatus(naar).label}
        },
        code="overgang",
    )


def schuld_status_set(
    *, actor: Actor, schuld: Schuld, status: str, toelichting: str = ""
) -> Schuld:
    """Move a debt along the allowed transitions (workflow.SCHULD_OVERGANGEN). Disputing a debt
    needs a reason. The reminder task ends when the debt leaves 'opgevraagd'."""
    if status not in SchuldStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    with transaction.atomic():
        dossier, schuld = _schuld_lock(actor, schuld)
        if schuld.status == status:
            return schuld
        if not schuld_overgang_toegestaan(schuld.status, status):
            raise _overgang_fout(schuld.status, status)
        if status == SchuldStatus.BETWIST and not toelichting.strip():
            raise ValidationError({"toelichting": _("Geef aan waarom de schuld betwist wordt.")})
        if status == SchuldStatus.GEVERIFIEERD and schuld.actueel_bedrag is None:
            raise ValidationError(
                {"status": _("Een schuld zonder actueel bedrag kan niet geverifieerd worden.")}
            )
        before = snapshot(schuld, SCHULD_FIELDS)
        schuld.status = status
        if toelichting:
            schuld.toelichting = toelichting
        schuld.save(update_fields=["status", "toelichting", "gewijzigd_op"])
        _taak_afronden(actor, schuld.herinnering_taak, _("Status: %s") % SchuldStatus(status).label)
        _schuld_audit(
            actor,
            "schuld_status_gewijzigd",
            schuld,
            before,
            toelichting or SCHULD_OVERGANGEN.get((before["status"], status), ""),
        )
    return schuld


def schuld_update(
    *,
    actor: Actor,
    schuld: Schuld,
    kenmerk: str | None = None,
    oorspronkelijk_bedrag: Decimal | None = None,
    actueel_bedrag: Decimal | None = None,
    toelichting: str | None = None,
) -> Schuld:
    """Correct a debt's reference, amounts or note. A debt in a settlement or paid off keeps
    its amounts (they are what the creditors agreed to)."""
    errors: dict[str, Any] = {}
    _bedrag_check("oorspronkelijk_bedrag", oorspronkelijk_bedrag, errors)
    _bedrag_check("actueel_bedrag", actueel_bedrag, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        dossier, schuld = _schuld_lock(actor, schuld)
        before = snapshot(schuld, SCHULD_FIELDS)
        bedragen = {
            "oorspronkelijk_bedrag": oorspronkelijk_bedrag,
            "actueel_bedrag": actueel_bedrag,
        }
        for veld, waarde in bedragen.items():
            if waarde is not None and waarde != getattr(schuld, veld):
                if schuld.status in (SchuldStatus.IN_REGELING, SchuldStatus.AFGELOST):
                    raise ValidationError(
                        {veld: _("Het bedrag van een schuld in regeling of afgelost ligt vast.")}
                    )
                setattr(schuld, veld, waarde)
        if kenmerk is not None:
            schuld.kenmerk = kenmerk
        if toelichting is not None:
            schuld.toelichting = toelichting
        schuld.full_clean(exclude=["organisatie", "dossier", "schuldeiser", "herinnering_taak"])
        changes = diff(before, snapshot(schuld, SCHULD_FIELDS))
        if changes:
            schuld.save()
            _schuld_audit(actor, "schuld_gewijzigd", schuld, before)
    return schuld


def schuld_herinnering_send(*, actor: Actor, schuld: Schuld) -> Schuld:
    """Remind the creditor of the request: the reminder letter, the old reminder task done and
    a new one 10 working days later."""
    with transaction.atomic():
        dossier, schuld = _schuld_lock(actor, schuld)
        if schuld.status != SchuldStatus.OPGEVRAAGD:
            raise ValidationError(
                {"status": _("Alleen een opgevraagde schuld zonder opgave krijgt een herinnering.")}
            )
        today = vandaag(dossier.zaak.organisatie.tijdzone)
        before = snapshot(schuld, SCHULD_FIELDS)
        schuld_brief_send(
            actor=actor,
            schuld=schuld,
            sjabloon_code=SJABLOON_HERINNERING_OPGAVE,
            reden=_("Herinnering verzoek tot opgave"),
        )
        _taak_afronden(actor, schuld.herinnering_taak, _("Herinnering verstuurd."))
        behandelaar = dossier.zaak.behandelaar or actor.medewerker
        if behandelaar is not None:
            schuld.herinnering_taak = _herinnering_taak(actor, schuld, behandelaar, today)
        schuld.herinnerd_op = today
        schuld.save(update_fields=["herinnerd_op", "herinnering_taak", "gewijzigd_op"])
        _schuld_audit(actor, "schuld_herinnering_verstuurd", schuld, before)
    return schuld
