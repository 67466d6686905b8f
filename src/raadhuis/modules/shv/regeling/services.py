"""Every write on a settlement: the offer, the letters, the creditors' answers and the start.

Each function checks role and case access, locks what it changes, writes in one transaction
with its audit entry and its outbox event. The writes on court requests are in `verzoeken.py`
and those of the monthly bookkeeping in `betalingen.py`; they share the locking helpers here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_terug
from raadhuis.kernel.workflow.models import TaakStatus
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.shv.models import Fase, Rangorde, Schuld, SchuldStatus, ShvDossier
from raadhuis.modules.shv.regeling import koppelingen
from raadhuis.modules.shv.regeling.berekening import (
    aanbod_berekenen,
    fase_uiterlijk,
    maanden_vanaf,
)
from raadhuis.modules.shv.regeling.brieven import aanbod_brief_versturen
from raadhuis.modules.shv.regeling.models import (
    Aanbod,
    Grondslag,
    Reactie,
    Regeling,
    RegelingInstellingen,
    RegelingMaand,
    RegelingStatus,
)
from raadhuis.modules.shv.regeling.selectors import instellingen_voor
from raadhuis.modules.shv.regeling.verdeling import Post
from raadhuis.modules.shv.regeling.workflow import regeling_overgang_check

INSTELLINGEN_VELDEN = [
    "preferent_weging",
    "looptijd_maanden",
    "looptijd_ondernemer_maanden",
    "fase_termijn_dagen",
    "waarschuwing_werkdagen",
]


# --- settings (functional administrator) ----------------------------------------------------
def instellingen_update(*, actor: Actor, **velden: Any) -> RegelingInstellingen:
    """Change the organisation's settlement rules; offers already made keep theirs."""
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)
    onbekend = set(velden) - set(INSTELLINGEN_VELDEN)
    if onbekend:
        raise ValueError(f"instellingen_update cannot set {sorted(onbekend)}")
    with transaction.atomic():
        instellingen, _nieuw = RegelingInstellingen.objects.select_for_update().get_or_create(
            organisatie=actor.organisatie
        )
        voor = snapshot(instellingen, INSTELLINGEN_VELDEN)
        for naam, waarde in velden.items():
            setattr(instellingen, naam, waarde)
        instellingen.full_clean(exclude=["organisatie"])
        if instellingen.looptijd_ondernemer_maanden < instellingen.looptijd_maanden:
            raise ValidationError(
                {
                    "looptijd_ondernemer_maanden": _(
                        "De looptijd voor ondernemers is niet korter dan de standaardlooptijd."
                    )
                }
            )
        instellingen.save()
        wijzigingen = diff(voor, snapshot(instellingen, INSTELLINGEN_VELDEN))
        audit_entry_record(
            actor=actor,
            actie="regelinginstellingen_gewijzigd",
            obj=instellingen,
            wijzigingen=wijzigingen,
        )
    return instellingen


# --- the offer --------------------------------------------------------------------------------
def dossier_lock(actor: Actor, dossier: ShvDossier) -> tuple[ShvDossier, Zaak]:
    require_role(actor, Rol.MEDEWERKER)
    zaak = zaak_lock_for_change(actor, dossier.zaak)
    dossier = ShvDossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    return dossier, zaak


def regeling_lock(actor: Actor, regeling: Regeling) -> tuple[Regeling, Zaak]:
    require_role(actor, Rol.MEDEWERKER)
    zaak = zaak_lock_for_change(actor, regeling.dossier.zaak)
    regeling = (
        Regeling.objects.select_for_update(of=("self",))
        .select_related("dossier", "organisatie")
        .get(pk=regeling.pk)
    )
    return regeling, zaak


def looptijden(instellingen: RegelingInstellingen, dossier: ShvDossier) -> list[int]:
    """The periods a consultant may choose: the standard, and for the self-employed the longer."""
    keuzes = [instellingen.looptijd_maanden]
    if dossier.ondernemer and instellingen.looptijd_ondernemer_maanden not in keuzes:
        keuzes.append(instellingen.looptijd_ondernemer_maanden)
    return keuzes


def schulden_voor_aanbod(dossier: ShvDossier) -> list[Schuld]:
    """The debts an offer covers: verified, with an amount."""
    return list(
        Schuld.objects.filter(
            dossier=dossier, status=SchuldStatus.GEVERIFIEERD, actueel_bedrag__gt=0
        )
        .select_related("schuldeiser__partij")
        .order_by("id")
    )


def regeling_create(
    *,
    actor: Actor,
    dossier: ShvDossier,
    looptijd_maanden: int | None = None,
    toelichting: str = "",
) -> Regeling:
    """Make the settlement offer from the dossier's latest VTLB calculation: capacity × period
    over the verified debts, pro rata with the preferent weighting. A new offer replaces an
    offer still in concept or awaiting answers; the settlement phase's limit keeps running from
    the first offer."""
    instellingen = instellingen_voor(actor.organisatie)
    toegestaan = looptijden(instellingen, dossier)
    looptijd = looptijd_maanden or (toegestaan[-1] if dossier.ondernemer else toegestaan[0])
    if looptijd not in toegestaan:
        raise ValidationError(
            {
                "looptijd_maanden": _(
                    "Een looptijd van %(maanden)s maanden kan alleen voor een (ex-)ondernemer."
                )
                % {"maanden": looptijd}
            }
        )
    with transaction.atomic():
        dossier, zaak = dossier_lock(actor, dossier)
        vtlb = koppelingen.vtlb_laatste(dossier)
        if vtlb is None:
            raise ValidationError(
                _("Maak eerst een VTLB-berekening: daaruit komt de afloscapaciteit."),
                code="geen-vtlb",
            )
        schulden = schulden_voor_aanbod(dossier)
        if not schulden:
            raise ValidationError(
                _("Er zijn geen geverifieerde schulden om een aanbod voor te doen."),
                code="geen-schulden",
            )
        eerdere = list(Regeling.objects.select_for_update().filter(dossier=dossier))
        if any(r.status == RegelingStatus.LOPEND for r in eerdere):
            raise ValidationError(
                _("Er loopt al een schuldregeling in dit dossier."), code="regeling-loopt"
            )
        berekening = aanbod_berekenen(
            afloscapaciteit=vtlb.afloscapaciteit,
            looptijd_maanden=looptijd,
            schulden=[
                Post(
                    sleutel=s.pk,
                    bedrag=s.actueel_bedrag,
                    preferent=s.schuldeiser.rangorde == Rangorde.PREFERENT,
                )
                for s in schulden
            ],
            preferent_weging=instellingen.preferent_weging,
        )
        vorige = _vervang_actieve(actor, zaak, eerdere)
        today = vandaag(actor.organisatie.tijdzone)
        fase_start = min((r.fase_start for r in eerdere), default=today)
        regeling = Regeling.objects.create(
            organisatie=dossier.organisatie,
            dossier=dossier,
            volgnummer=max((r.volgnummer for r in eerdere), default=0) + 1,
            afloscapaciteit=berekening.afloscapaciteit,
            looptijd_maanden=looptijd,
            totaal=berekening.totaal,
            schuldenlast=berekening.schuldenlast,
            preferent_weging=instellingen.preferent_weging,
            vtlb_berekening_uuid=vtlb.uuid,
            fase_start=fase_start,
            fase_uiterlijk=fase_uiterlijk(fase_start, instellingen.fase_termijn_dagen),
            termijn_taak=vorige.termijn_taak if vorige is not None else None,
            toelichting=toelichting,
            aangemaakt_door=actor.weergave[:200],
        )
        per_schuld = {s.pk: s for s in schulden}
        Aanbod.objects.bulk_create(
            Aanbod(
                organisatie=dossier.organisatie,
                regeling=regeling,
                schuld=per_schuld[a.sleutel],
                schuldeiser=per_schuld[a.sleutel].schuldeiser,
                schuld_bedrag=a.bedrag,
                preferent=a.preferent,
                aandeel=a.aandeel,
                percentage=a.percentage,
            )
            for a in berekening.aandelen
        )
        if regeling.termijn_taak is None:
            regeling.termijn_taak = _termijn_taak_create(actor, zaak, regeling, instellingen)
            regeling.save(update_fields=["termijn_taak"])
        koppelingen.dossier_fase_naar(actor, dossier, Fase.REGELING)
        audit_entry_record(
            actor=actor,
            actie="schuldregeling_aangemaakt",
            obj=regeling,
            wijzigingen={
                "afloscapaciteit": [None, str(regeling.afloscapaciteit)],
                "looptijd_maanden": [None, looptijd],
                "totaal": [None, str(regeling.totaal)],
                "percentage": [None, str(regeling.percentage)],
                "schulden": [None, len(schulden)],
            },
            toelichting=toelichting,
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(
            zaak, resource="schuldregeling", actie="create", resource_uuid=regeling.uuid
        )
    return regeling


def _vervang_actieve(actor: Actor, zaak: Zaak, eerdere: list[Regeling]) -> Regeling | None:
    actief = next((r for r in eerdere if r.is_actief), None)
    if actief is None:
        return None
    status_zetten(
        actor, zaak, actief, RegelingStatus.VERVALLEN, _("Vervangen door een nieuw aanbod")
    )
    return actief


def _termijn_taak_create(
    actor: Actor, zaak: Zaak, regeling: Regeling, instellingen: RegelingInstellingen
):
    """The work-queue task that warns before the settlement phase's limit passes."""
    medewerker = zaak.behandelaar or actor.medewerker
    if medewerker is None:
        return None
    vervaldatum = werkdagen_terug(
        regeling.fase_uiterlijk, instellingen.waarschuwing_werkdagen, actor.organisatie.land
    )
    return taak_create(
        actor=actor,
        zaak=zaak,
        titel=_("Schuldregelingsfase verloopt op %(datum)s")
        % {"datum": f"{regeling.fase_uiterlijk:%d-%m-%Y}"},
        toegewezen_aan=medewerker,
        vervaldatum=max(vervaldatum, vandaag(actor.organisatie.tijdzone)),
        toelichting=_(
            "De termijn van %(dagen)s dagen voor de schuldregelingsfase loopt af. Zorg voor "
            "akkoord van alle schuldeisers, of stel een verzoek dwangakkoord of een "
            "verzoekschrift Wsnp op."
        )
        % {"dagen": instellingen.fase_termijn_dagen},
    )


def status_zetten(
    actor: Actor, zaak: Zaak, regeling: Regeling, naar: str, toelichting: str = ""
) -> None:
    regeling_overgang_check(regeling.status, naar)
    van = regeling.status
    regeling.status = naar
    regeling.save(update_fields=["status"])
    audit_entry_record(
        actor=actor,
        actie="schuldregeling_status",
        obj=regeling,
        wijzigingen={"status": [van, naar]},
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(
        zaak, resource="schuldregeling", actie="partial_update", resource_uuid=regeling.uuid
    )


def regeling_aanbieden(*, actor: Actor, regeling: Regeling, datum: date | None = None) -> Regeling:
    """Send the offer letter to every creditor (e-mail where the creditor has a correspondence
    address, post otherwise) and start waiting for their answers. `datum` records an offer
    sent earlier (a migration, the demo); it is never in the future."""
    with transaction.atomic():
        regeling, zaak = regeling_lock(actor, regeling)
        regeling_overgang_check(regeling.status, RegelingStatus.AANGEBODEN)
        today = vandaag(actor.organisatie.tijdzone)
        if datum is not None and datum > today:
            raise ValidationError({"datum": _("De datum van het aanbod ligt niet in de toekomst.")})
        today = datum or today
        aanbiedingen = list(
            regeling.aanbiedingen.select_related("schuld", "schuldeiser__partij").order_by("id")
        )
        for aanbod in aanbiedingen:
            aanbod.brief_uuid = aanbod_brief_versturen(
                actor=actor, zaak=zaak, regeling=regeling, aanbod=aanbod
            )
            aanbod.verzonden_op = today
            aanbod.save(update_fields=["brief_uuid", "verzonden_op"])
        regeling.aangeboden_op = today
        regeling.save(update_fields=["aangeboden_op"])
        status_zetten(
            actor,
            zaak,
            regeling,
            RegelingStatus.AANGEBODEN,
            _("Aanbod verstuurd aan %(n)s schuldeiser(s)") % {"n": len(aanbiedingen)},
        )
    return regeling


def aanbod_reactie_registreren(
    *,
    actor: Actor,
    aanbod: Aanbod,
    reactie: str,
    datum: date | None = None,
    toelichting: str = "",
) -> Aanbod:
    """Record a creditor's answer to the offer. When the last creditor agrees, the settlement
    starts (the month after)."""
    if reactie not in (Reactie.AKKOORD, Reactie.AFGEWEZEN):
        raise ValidationError({"reactie": _("Kies akkoord of afgewezen.")})
    with transaction.atomic():
        regeling, zaak = regeling_lock(actor, aanbod.regeling)
        if regeling.status != RegelingStatus.AANGEBODEN:
            raise ValidationError(
                _("Reacties worden vastgelegd zolang het aanbod uitstaat."), code="niet-aangeboden"
            )
        aanbod = Aanbod.objects.select_for_update().get(pk=aanbod.pk, regeling=regeling)
        today = vandaag(actor.organisatie.tijdzone)
        datum = datum or today
        if datum > today:
            raise ValidationError({"datum": _("De datum van de reactie ligt niet in de toekomst.")})
        voor = snapshot(aanbod, ["reactie", "reactie_op"])
        aanbod.reactie, aanbod.reactie_op, aanbod.reactie_toelichting = reactie, datum, toelichting
        aanbod.save(update_fields=["reactie", "reactie_op", "reactie_toelichting"])
        audit_entry_record(
            actor=actor,
            actie="schuldregeling_reactie",
            obj=aanbod,
            wijzigingen=diff(voor, snapshot(aanbod, ["reactie", "reactie_op"])),
            toelichting=toelichting,
            zaak_uuid=zaak.uuid,
        )
        if not regeling.aanbiedingen.exclude(reactie=Reactie.AKKOORD).exists():
            regeling_start(actor=actor, regeling=regeling, grondslag=Grondslag.AKKOORD, datum=datum)
    return aanbod


def regeling_start(
    *, actor: Actor, regeling: Regeling, grondslag: str, datum: date | None = None
) -> Regeling:
    """The settlement runs: every creditor agreed, or the court imposed it. Payments start the
    month after; the debts are 'in regeling' and the dossier moves to the repayment phase."""
    with transaction.atomic():
        regeling, zaak = regeling_lock(actor, regeling)
        regeling_overgang_check(regeling.status, RegelingStatus.LOPEND)
        datum = datum or vandaag(actor.organisatie.tijdzone)
        volgende = maanden_vanaf(datum, 2)[1]
        regeling.akkoord_op, regeling.grondslag, regeling.eerste_maand = datum, grondslag, volgende
        regeling.save(update_fields=["akkoord_op", "grondslag", "eerste_maand"])
        RegelingMaand.objects.bulk_create(
            RegelingMaand(
                organisatie=regeling.organisatie,
                regeling=regeling,
                volgnummer=n,
                maand=maand,
                verwacht=regeling.afloscapaciteit,
            )
            for n, maand in enumerate(maanden_vanaf(volgende, regeling.looptijd_maanden), start=1)
        )
        status_zetten(actor, zaak, regeling, RegelingStatus.LOPEND, Grondslag(grondslag).label)
        schulden = Schuld.objects.filter(pk__in=regeling.aanbiedingen.values("schuld_id")).order_by(
            "id"
        )
        koppelingen.schulden_status_naar(actor, list(schulden), SchuldStatus.IN_REGELING)
        termijn_taak_afronden(actor, regeling, _("De schuldregeling is tot stand gekomen."))
        koppelingen.dossier_fase_naar(actor, regeling.dossier, Fase.LOOPTIJD)
    return regeling


def termijn_taak_afronden(actor: Actor, regeling: Regeling, toelichting: str) -> None:
    taak = regeling.termijn_taak
    if taak is not None and taak.status == TaakStatus.OPEN:
        taak_complete(actor=actor, taak=taak, toelichting=toelichting)


def regeling_mislukt(*, actor: Actor, regeling: Regeling, toelichting: str) -> Regeling:
    """The amicable route has failed (or a running settlement ended early): the next step is a
    request for the statutory debt scheme (Wsnp)."""
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Geef aan waarom het minnelijk traject stopt.")})
    with transaction.atomic():
        regeling, zaak = regeling_lock(actor, regeling)
        status_zetten(actor, zaak, regeling, RegelingStatus.MISLUKT, toelichting)
        termijn_taak_afronden(actor, regeling, toelichting)
    return regeling


def bedrag_check(bedrag: Decimal | None, veld: str = "bedrag") -> Decimal:
    if bedrag is None or bedrag <= 0:
        raise ValidationError({veld: _("Vul een bedrag groter dan € 0,00 in.")})
    if bedrag != bedrag.quantize(Decimal("0.01")):
        raise ValidationError({veld: _("Een bedrag heeft hoogstens twee decimalen.")})
    return bedrag
