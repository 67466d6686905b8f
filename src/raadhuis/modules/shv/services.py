"""Every write on a debt dossier: the intake (aanmelding) with the Wgs terms and their tasks,
the first conversation, the decision on admission, the phase, income, fixed costs and assets,
and closing. Creditors and debts: schulden.py (re-exported here).

Each function checks the actor's role and case access (the kernel's `zaak_lock_for_change`),
writes in one transaction and records its audit entry in that transaction. The case itself,
its status, roles and tasks go through the kernel services, which queue their own events.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import diff, snapshot
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.services import zaak_audit_record, zaak_create, zaak_status_set
from raadhuis.kernel.catalog.models import ResultaatType, ZaakType
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.validators import validate_bsn
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.shv.brp import brp_aanvrager_ophalen, client_partij
from raadhuis.modules.shv.catalogus import ZAAKNUMMER_PREFIX, Traject, traject_van
from raadhuis.modules.shv.common import MAY_WORK, dossier_lock_for_change
from raadhuis.modules.shv.models import (
    Bezitting,
    Dreiging,
    Fase,
    Huishoudlid,
    Inkomen,
    ShvDossier,
    VasteLast,
)
from raadhuis.modules.shv.schulden import (  # noqa: F401  (the public write API of the module)
    schuld_create,
    schuld_herinnering_send,
    schuld_opgave_registreren,
    schuld_status_set,
    schuld_update,
    schuldeiser_create,
    schuldeiser_update,
    schulden_opvragen,
)
from raadhuis.modules.shv.termijnen import beschikking_uiterlijk, eerste_gesprek_uiterlijk

TAAK_EERSTE_GESPREK = "Eerste gesprek voeren"
TAAK_BESCHIKKING = "Beschikking toelating nemen"

DOSSIER_AUDIT_FIELDS = [
    "fase",
    "dreiging",
    "ondernemer",
    "aanmeldingsdatum",
    "eerste_gesprek_uiterlijk",
    "eerste_gesprek_op",
    "beschikking_uiterlijk",
    "beschikking_op",
    "toegelaten",
]


def _traject(dossier: ShvDossier) -> Traject:
    traject = traject_van(dossier.zaak.zaaktype)
    if traject is None:  # a case type renamed by hand: still a dossier, but no track rules
        raise ValidationError(_("Dit zaaktype is geen traject schuldhulpverlening."))
    return traject


def _today(organisatie: Organisatie) -> date:
    return vandaag(organisatie.tijdzone)


def _datum_check(veld: str, datum: date, *, niet_voor: date | None, vandaag_: date) -> None:
    if datum > vandaag_:
        raise ValidationError({veld: _("Deze datum ligt in de toekomst.")})
    if niet_voor is not None and datum < niet_voor:
        raise ValidationError(
            {veld: _("Deze datum ligt voor %(datum)s.") % {"datum": niet_voor.strftime("%d-%m-%Y")}}
        )


def _taak_afronden(actor: Actor, taak: Taak | None, toelichting: str) -> None:
    if taak is not None and taak.status == TaakStatus.OPEN:
        taak_complete(actor=actor, taak=taak, toelichting=toelichting)


def _zaaknummer(organisatie: Organisatie, jaar: int) -> str:
    """SHV-2026-0000042: a counter of its own, so debt cases are recognisable by number."""
    return identificatie_next(
        organisatie=organisatie,
        soort="shv",
        prefix=ZAAKNUMMER_PREFIX,
        jaar=jaar,
        bezet=lambda kandidaat: Zaak.objects.filter(
            bronorganisatie=organisatie.rsin, identificatie=kandidaat
        ).exists(),
    )


# --- helpers ----------------------------------------------------------------------------------


# --- intake ---------------------------------------------------------------------------------


def shv_aanmelding_create(
    *,
    actor: Actor,
    bsn: str,
    zaaktype: ZaakType,
    aanmeldingsdatum: date,
    dreiging: str = "",
    ondernemer: bool = False,
    toelichting: str = "",
    behandelaar: Medewerker | None = None,
) -> ShvDossier:
    """Register a request for debt assistance: the client (and household) from the BRP, a
    case of the chosen track with the client as aanvrager and the consultant as behandelaar,
    the dossier with its Wgs terms, and the task "Eerste gesprek voeren" due on the last day of
    the term. All in one transaction: a failure anywhere leaves nothing behind."""
    require_role(actor, *MAY_WORK)
    organisatie = actor.organisatie
    behandelaar = behandelaar or actor.medewerker
    bsn = (bsn or "").replace(" ", "").replace(".", "")
    errors: dict[str, Any] = {}
    traject = traject_van(zaaktype)
    if traject is None or zaaktype.catalogus.organisatie_id != organisatie.pk:
        errors["zaaktype"] = _("Kies een traject schuldhulpverlening.")
    try:
        validate_bsn(bsn)
    except ValidationError as error:
        errors["bsn"] = error.messages
    if aanmeldingsdatum > _today(organisatie):
        errors["aanmeldingsdatum"] = _("De datum van de hulpvraag ligt in de toekomst.")
    if dreiging not in Dreiging.values:
        errors["dreiging"] = _("Kies een geldige dreiging.")
    if behandelaar is None or behandelaar.organisatie_id != organisatie.pk:
        errors["behandelaar"] = _("Kies een consulent van deze organisatie.")
    if errors:
        raise ValidationError(errors)
    assert traject is not None and behandelaar is not None
    # The BRP is asked before the transaction opens: no database lock waits on a network call.
    brp = brp_aanvrager_ophalen(actor=actor, bsn=bsn, op=aanmeldingsdatum)
    uiterlijk = (
        eerste_gesprek_uiterlijk(aanmeldingsdatum, dreiging=dreiging, land=organisatie.land)
        if traject.wgs_termijnen
        else None
    )
    with transaction.atomic():
        client = client_partij(actor=actor, bsn=bsn)
        zaak = zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            omschrijving=traject.omschrijving[:80],
            toelichting=toelichting,
            startdatum=aanmeldingsdatum,
            initiator=client,
            behandelaar=behandelaar,
            identificatie=_zaaknummer(organisatie, aanmeldingsdatum.year),
        )
        # The kernel set the behandelaar and status on its own locked copy of the case.
        zaak = Zaak.objects.select_related("zaaktype", "organisatie", "behandelaar").get(pk=zaak.pk)
        dossier = ShvDossier.objects.create(
            organisatie=organisatie,
            zaak=zaak,
            client=client,
            fase=Fase.AANMELDING,
            dreiging=dreiging,
            ondernemer=ondernemer,
            aanmeldingsdatum=aanmeldingsdatum,
            eerste_gesprek_uiterlijk=uiterlijk,
        )
        Huishoudlid.objects.bulk_create(
            Huishoudlid(
                organisatie=organisatie,
                dossier=dossier,
                relatie=lid.relatie,
                naam=lid.naam,
                bsn=lid.bsn,
                geboortedatum=lid.geboortedatum,
                uit_brp=True,
            )
            for lid in brp.huishouden
        )
        if uiterlijk is not None:
            dossier.taak_eerste_gesprek = taak_create(
                actor=actor,
                zaak=zaak,
                titel=TAAK_EERSTE_GESPREK,
                toegewezen_aan=behandelaar,
                vervaldatum=uiterlijk,
                toelichting=_eerste_gesprek_grond(dreiging),
            )
            dossier.save(update_fields=["taak_eerste_gesprek"])
        zaak_audit_record(
            actor,
            "schuldhulpdossier_aangemaakt",
            dossier,
            zaak,
            {
                **diff({}, snapshot(dossier, DOSSIER_AUDIT_FIELDS)),
                "huishouden": [None, len(brp.huishouden)],
            },
            toelichting=_("Cliënt en huishouden overgenomen uit de BRP."),
        )
    return dossier


def _eerste_gesprek_grond(dreiging: str) -> str:
    if dreiging:
        return (
            _("Wgs art. 4 lid 2: binnen 3 werkdagen na de hulpvraag, want er is een dreiging: %s.")
            % Dreiging(dreiging).label
        )
    return _("Wgs art. 4 lid 1: binnen 4 weken na de hulpvraag.")


def eerste_gesprek_registreren(
    *, actor: Actor, dossier: ShvDossier, datum: date, verslag: str = ""
) -> ShvDossier:
    """Record the first conversation: completes its task, sets the term for the decision on
    admission (8 weeks, Wgs art. 4 and 4a) with the task "Beschikking toelating nemen", and
    moves a dossier still in 'aanmelding' to 'intake'."""
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        if dossier.eerste_gesprek_op is not None:
            raise ValidationError({"datum": _("Het eerste gesprek is al vastgelegd.")})
        organisatie = dossier.zaak.organisatie
        _datum_check(
            "datum", datum, niet_voor=dossier.aanmeldingsdatum, vandaag_=_today(organisatie)
        )
        traject = _traject(dossier)
        before = snapshot(dossier, DOSSIER_AUDIT_FIELDS)
        dossier.eerste_gesprek_op = datum
        dossier.eerste_gesprek_verslag = verslag
        if traject.wgs_termijnen:
            dossier.beschikking_uiterlijk = beschikking_uiterlijk(datum, land=organisatie.land)
        _taak_afronden(actor, dossier.taak_eerste_gesprek, _("Eerste gesprek gevoerd."))
        behandelaar = dossier.zaak.behandelaar or actor.medewerker
        if dossier.beschikking_uiterlijk is not None and behandelaar is not None:
            dossier.taak_beschikking = taak_create(
                actor=actor,
                zaak=dossier.zaak,
                titel=TAAK_BESCHIKKING,
                toegewezen_aan=behandelaar,
                vervaldatum=dossier.beschikking_uiterlijk,
                toelichting=_(
                    "Wgs: binnen 8 weken na het eerste gesprek beslissen over de "
                    "toelating (beschikking met plan van aanpak, of een afwijzing)."
                ),
            )
        dossier.save(
            update_fields=[
                "eerste_gesprek_op",
                "eerste_gesprek_verslag",
                "beschikking_uiterlijk",
                "taak_beschikking",
                "gewijzigd_op",
            ]
        )
        zaak_audit_record(
            actor,
            "eerste_gesprek_vastgelegd",
            dossier,
            dossier.zaak,
            diff(before, snapshot(dossier, DOSSIER_AUDIT_FIELDS)),
        )
        if dossier.fase_actueel == Fase.AANMELDING and Fase.INTAKE in traject.fase_codes:
            _fase_set(actor, dossier, Fase.INTAKE, toelichting=_("Eerste gesprek gevoerd."))
    return dossier


def toelating_vastleggen(
    *,
    actor: Actor,
    dossier: ShvDossier,
    toegelaten: bool,
    datum: date,
    motivering: str = "",
) -> ShvDossier:
    """Record the decision on admission (the beschikking; its letter is made by messaging).
    Admission moves the dossier on to the phase after intake; a refusal keeps it where it is
    until the consultant closes it with the result 'Afgewezen'."""
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        if dossier.eerste_gesprek_op is None:
            raise ValidationError(
                _("Leg eerst het eerste gesprek vast; de beschikking volgt daarop.")
            )
        if dossier.beschikking_op is not None:
            raise ValidationError({"toegelaten": _("Over de toelating is al beslist.")})
        if not toegelaten and not motivering.strip():
            # Awb art. 3:46: a decision rests on a reason, and a refusal must give it.
            raise ValidationError({"motivering": _("Geef de reden van de afwijzing.")})
        organisatie = dossier.zaak.organisatie
        _datum_check(
            "datum", datum, niet_voor=dossier.eerste_gesprek_op, vandaag_=_today(organisatie)
        )
        before = snapshot(dossier, DOSSIER_AUDIT_FIELDS)
        dossier.toegelaten = toegelaten
        dossier.beschikking_op = datum
        dossier.beschikking_toelichting = motivering
        dossier.save(
            update_fields=[
                "toegelaten",
                "beschikking_op",
                "beschikking_toelichting",
                "gewijzigd_op",
            ]
        )
        _taak_afronden(
            actor,
            dossier.taak_beschikking,
            _("Toegelaten.") if toegelaten else _("Afgewezen."),
        )
        zaak_audit_record(
            actor,
            "toelating_vastgelegd",
            dossier,
            dossier.zaak,
            diff(before, snapshot(dossier, DOSSIER_AUDIT_FIELDS)),
            toelichting=motivering,
        )
        traject = _traject(dossier)
        volgende = fase_na(traject, Fase.INTAKE)
        if toegelaten and volgende and dossier.fase_actueel in (Fase.AANMELDING, Fase.INTAKE):
            _fase_set(
                actor, dossier, volgende, toelichting=_("Toegelaten tot schuldhulpverlening.")
            )
        if toegelaten:
            # The Verwijsindex (VISH) learns of the admission after the commit (koppelingen).
            from raadhuis.modules.shv.koppelingen.vish import vish_aanmelden

            vish_aanmelden(actor, dossier)
    return dossier


# --- phase ----------------------------------------------------------------------------------


def fase_na(traject: Traject, fase: str) -> str | None:
    """The phase that follows `fase` in the track (None at the end or when not in the track)."""
    codes = traject.fase_codes
    if fase not in codes:
        return None
    index = codes.index(fase)
    return codes[index + 1] if index + 1 < len(codes) else None


def _fase_set(
    actor: Actor,
    dossier: ShvDossier,
    fase: str,
    *,
    toelichting: str = "",
    resultaattype: ResultaatType | None = None,
    resultaat_toelichting: str = "",
) -> None:
    """Set the phase and the matching kernel status (the status type whose
    omschrijving_generiek is the phase code). Caller holds the dossier lock."""
    traject = _traject(dossier)
    if fase not in traject.fase_codes:
        raise ValidationError({"fase": _("Deze fase hoort niet bij dit traject.")})
    statustype = dossier.zaak.zaaktype.statustypen.filter(omschrijving_generiek=fase).first()
    if statustype is None:
        raise ValidationError({"fase": _("Het zaaktype heeft geen status voor deze fase.")})
    if dossier.fase_actueel != fase or resultaattype is not None:
        zaak_status_set(
            actor=actor,
            zaak=dossier.zaak,
            statustype=statustype,
            toelichting=toelichting,
            resultaattype=resultaattype,
            resultaat_toelichting=resultaat_toelichting,
        )
        dossier.zaak.refresh_from_db(fields=["status_actueel", "einddatum"])
    # Otherwise a process step already set this status: only our copy follows.
    oud = dossier.fase
    dossier.fase = fase
    dossier.save(update_fields=["fase", "gewijzigd_op"])
    zaak_audit_record(
        actor,
        "schuldhulpdossier_fase_gewijzigd",
        dossier,
        dossier.zaak,
        {"fase": [oud, fase]},
        toelichting=toelichting,
    )


def dossier_fase_set(
    *, actor: Actor, dossier: ShvDossier, fase: str, toelichting: str = ""
) -> ShvDossier:
    """Move the dossier to a phase of its track (not the end: see dossier_afsluiten). Going
    back needs a reason, as for any status of a case."""
    if fase == Fase.AFGESLOTEN:
        raise ValidationError({"fase": _("Sluit het dossier af met een resultaat.")})
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        if fase == dossier.fase == dossier.fase_actueel:
            return dossier
        _fase_set(actor, dossier, fase, toelichting=toelichting)
    return dossier


def dossier_afsluiten(
    *,
    actor: Actor,
    dossier: ShvDossier,
    resultaattype: ResultaatType,
    toelichting: str = "",
) -> ShvDossier:
    """Close the dossier with a result: the case gets its end status, end date and archive
    date (7 years for every result of the debt tracks). Open legal-term tasks are completed."""
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        if resultaattype.zaaktype_id != dossier.zaak.zaaktype_id:
            raise ValidationError({"resultaattype": _("Kies een resultaat van dit traject.")})
        for taak in (dossier.taak_eerste_gesprek, dossier.taak_beschikking):
            _taak_afronden(actor, taak, _("Dossier afgesloten."))
        # The Verwijsindex (VISH) registration ends with the track (none: nothing is sent).
        from raadhuis.modules.shv.koppelingen.vish import vish_afmelden

        vish_afmelden(actor, dossier)
        _fase_set(
            actor,
            dossier,
            Fase.AFGESLOTEN,
            toelichting=toelichting,
            resultaattype=resultaattype,
            resultaat_toelichting=toelichting,
        )
    return dossier


# --- household, income, fixed costs, assets ----------------------------------------------------

FINANCIEN_MODELLEN: dict[str, type[models.Model]] = {
    "inkomsten": Inkomen,
    "vaste-lasten": VasteLast,
    "bezittingen": Bezitting,
}
FINANCIEN_VELDEN = {
    Inkomen: ("soort", "omschrijving", "bedrag_per_maand", "van_partner"),
    VasteLast: ("soort", "omschrijving", "bedrag_per_maand"),
    Bezitting: ("soort", "omschrijving", "waarde"),
}


def _regel_add(actor: Actor, dossier: ShvDossier, model: type[models.Model], **velden: Any):
    onbekend = set(velden) - set(FINANCIEN_VELDEN[model])
    if onbekend:
        raise ValueError(f"unknown fields for {model.__name__}: {sorted(onbekend)}")
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        regel = model(organisatie=dossier.organisatie, dossier=dossier, **velden)
        regel.full_clean(exclude=["organisatie", "dossier"])
        regel.save()
        zaak_audit_record(
            actor,
            f"{model._meta.model_name}_toegevoegd",
            dossier,
            dossier.zaak,
            diff({}, snapshot(regel, FINANCIEN_VELDEN[model])),
        )
    return regel


def _regel_remove(actor: Actor, regel: Any) -> None:
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, regel.dossier)
        model = type(regel)
        zaak_audit_record(
            actor,
            f"{model._meta.model_name}_verwijderd",
            dossier,
            dossier.zaak,
            {naam: [oud, None] for naam, oud in snapshot(regel, FINANCIEN_VELDEN[model]).items()},
        )
        regel.delete()


def inkomen_add(
    *,
    actor: Actor,
    dossier: ShvDossier,
    soort: str,
    omschrijving: str,
    bedrag_per_maand: Decimal,
    van_partner: bool = False,
) -> Inkomen:
    """A monthly net income source of the client (or partner), incl. holiday allowance."""
    return _regel_add(
        actor,
        dossier,
        Inkomen,
        soort=soort,
        omschrijving=omschrijving,
        bedrag_per_maand=bedrag_per_maand,
        van_partner=van_partner,
    )


def vaste_last_add(
    *,
    actor: Actor,
    dossier: ShvDossier,
    soort: str,
    omschrijving: str,
    bedrag_per_maand: Decimal,
) -> VasteLast:
    return _regel_add(
        actor,
        dossier,
        VasteLast,
        soort=soort,
        omschrijving=omschrijving,
        bedrag_per_maand=bedrag_per_maand,
    )


def bezitting_add(
    *, actor: Actor, dossier: ShvDossier, soort: str, omschrijving: str, waarde: Decimal
) -> Bezitting:
    return _regel_add(
        actor, dossier, Bezitting, soort=soort, omschrijving=omschrijving, waarde=waarde
    )


def inkomen_remove(*, actor: Actor, inkomen: Inkomen) -> None:
    _regel_remove(actor, inkomen)


def vaste_last_remove(*, actor: Actor, vaste_last: VasteLast) -> None:
    _regel_remove(actor, vaste_last)


def bezitting_remove(*, actor: Actor, bezitting: Bezitting) -> None:
    _regel_remove(actor, bezitting)


def financien_regel_remove(*, actor: Actor, regel: Inkomen | VasteLast | Bezitting) -> None:
    """Remove an income, fixed-cost or asset row (the one the web form names)."""
    if not isinstance(regel, Inkomen | VasteLast | Bezitting):
        raise ToegangGeweigerd(_("Dit is geen regel van de financiën."))
    _regel_remove(actor, regel)
