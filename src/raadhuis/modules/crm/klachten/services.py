"""Every write on complaints, per the Algemene wet bestuursrecht chapter 9.

Each service: checks the role and the department access, locks the complaint's case through the
kernel (case access; a closed case is not changed), checks the rule (workflow.OVERGANGEN and the
article it names), changes the complaint in one transaction with its audit entry and an outbox
event on the case, and sends the letter the law asks for through kernel messaging in that same
transaction (a failing letter leaves nothing behind). The deadline is a kernel Taak of the
handler, due on the last day of the term in force, so it shows in the work queue.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import (
    zaak_create,
    zaak_event_queue,
    zaak_lock_for_change,
    zaak_resultaat_set,
    zaak_rol_add,
    zaak_status_set,
    zaak_update,
)
from raadhuis.kernel.catalog.models import ResultaatType, RolOmschrijving, RolType, StatusType
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import TaakStatus
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.crm.klachten import brieven, termijnen
from raadhuis.modules.crm.klachten.catalogus import RESULTATEN, klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import (
    Categorie,
    GeenHoorzittingReden,
    Kanaal,
    Klacht,
    KlachtStatus,
    NietBehandelenGrond,
    Oordeel,
)
from raadhuis.modules.crm.klachten.selectors import MAY_WORK, mag_klacht_zien
from raadhuis.modules.crm.klachten.workflow import mag_naar

TAAK_TITEL = "Klacht afhandelen (Awb 9:11)"
KLACHT_AUDIT_VELDEN = (
    "status",
    "kanaal",
    "ontvangen_op",
    "categorie",
    "onderwerp",
    "afdeling",
    "betreft_medewerker",
    "behandelaar",
    "adviescommissie",
    "uiterlijk_oorspronkelijk",
)


# --- helpers ----------------------------------------------------------------------------------


def _vandaag(actor: Actor) -> date:
    return vandaag(actor.organisatie.tijdzone)


def _audit(
    actor: Actor,
    actie: str,
    klacht: Klacht,
    wijzigingen: dict[str, Any] | None = None,
    toelichting: str = "",
) -> None:
    """An audit entry in the case's history, and an event on the case for subscribers."""
    audit_entry_record(
        actor=actor,
        actie=actie,
        obj=klacht,
        wijzigingen=wijzigingen or {},
        toelichting=toelichting,
        zaak_uuid=klacht.zaak.uuid,
    )
    zaak_event_queue(klacht.zaak, resource="zaak", actie="partial_update")


def _lock(actor: Actor, klacht: Klacht, *, na_afsluiten: bool = False) -> Klacht:
    """Re-read the complaint under a lock after the kernel checked case access; also checks
    department access. Call inside a transaction."""
    require_role(actor, *MAY_WORK)
    zaak = zaak_lock_for_change(actor, klacht.zaak, wijzigen_na_afsluiten=na_afsluiten)
    locked = (
        Klacht.objects.select_for_update(of=("self",))
        .select_related("klager", "afdeling", "behandelaar", "betreft_medewerker")
        .get(pk=klacht.pk)
    )
    if not mag_klacht_zien(actor, locked):
        raise NietGevonden(_("Klacht niet gevonden."))
    locked.zaak = zaak
    return locked


def _overgang_check(klacht: Klacht, nieuw: str) -> None:
    if not mag_naar(klacht.status, nieuw):
        raise ValidationError(
            _("Een klacht met status ‘%(huidig)s’ kan niet naar ‘%(nieuw)s’.")
            % {
                "huidig": KlachtStatus(klacht.status).label,
                "nieuw": KlachtStatus(nieuw).label,
            },
            code="status-overgang",
        )


def _status_zetten(actor: Actor, klacht: Klacht, nieuw: str, toelichting: str = "") -> None:
    """Change the complaint's status and move its case along (forward only)."""
    oud = klacht.status
    klacht.status = nieuw
    klacht.save(update_fields=["status", "gewijzigd_op"])
    statustype = StatusType.objects.filter(
        zaaktype_id=klacht.zaak.zaaktype_id, omschrijving_generiek=nieuw
    ).first()
    huidig = klacht.zaak.status_actueel.statustype if klacht.zaak.status_actueel_id else None
    if statustype is not None and (huidig is None or statustype.volgnummer > huidig.volgnummer):
        zaak_status_set(
            actor=actor, zaak=klacht.zaak, statustype=statustype, toelichting=toelichting
        )
    _audit(actor, "klacht_status_gewijzigd", klacht, {"status": [oud, nieuw]}, toelichting)


def _afsluiten(actor: Actor, klacht: Klacht, eindstatus: str, resultaat: str, toelichting: str):  # noqa: ANN202
    """End status of the complaint, result and end status of the case, deadline task done."""
    klacht.afgehandeld_op = _vandaag(actor)
    klacht.save(update_fields=["afgehandeld_op", "gewijzigd_op"])
    _taak_afronden(actor, klacht, toelichting or KlachtStatus(eindstatus).label)
    resultaattype = ResultaatType.objects.filter(
        zaaktype_id=klacht.zaak.zaaktype_id, omschrijving=RESULTATEN[resultaat]
    ).first()
    if resultaattype is not None:
        zaak_resultaat_set(actor=actor, zaak=klacht.zaak, resultaattype=resultaattype)
    oud = klacht.status
    klacht.status = eindstatus
    klacht.save(update_fields=["status", "gewijzigd_op"])
    eind = (
        StatusType.objects.filter(zaaktype_id=klacht.zaak.zaaktype_id)
        .order_by("-volgnummer")
        .first()
    )
    if eind is not None and resultaattype is not None:
        zaak_status_set(
            actor=actor,
            zaak=klacht.zaak,
            statustype=eind,
            toelichting=toelichting or KlachtStatus(eindstatus).label,
        )
    _audit(actor, "klacht_afgesloten", klacht, {"status": [oud, eindstatus]}, toelichting)


def _taak_afronden(actor: Actor, klacht: Klacht, toelichting: str) -> None:
    taak = klacht.termijn_taak
    if taak is not None and taak.status == TaakStatus.OPEN:
        taak_complete(actor=actor, taak=taak, toelichting=toelichting)


def _termijn_taak_maken(actor: Actor, klacht: Klacht, toelichting: str) -> None:
    """The deadline as a task of the handler, due on the last day of the term in force."""
    _taak_afronden(actor, klacht, toelichting)
    klacht.termijn_taak = taak_create(
        actor=actor,
        zaak=klacht.zaak,
        titel=TAAK_TITEL,
        toegewezen_aan=klacht.behandelaar,
        vervaldatum=klacht.uiterlijk,
        toelichting=toelichting,
    )
    klacht.save(update_fields=["termijn_taak", "gewijzigd_op"])


def _behandelaar_check(
    errors: dict[str, Any],
    behandelaar: Medewerker | None,
    betreft_medewerker: Medewerker | None,
    actor: Actor,
) -> None:
    """Awb 9:7 lid 1: the handler was not involved in the conduct complained about."""
    if behandelaar is None or behandelaar.organisatie_id != actor.organisatie.pk:
        errors["behandelaar"] = _("Kies een klachtbehandelaar van deze organisatie.")
    elif not behandelaar.actief or Rol.MEDEWERKER not in behandelaar.rollen:
        errors["behandelaar"] = _("Kies een actieve medewerker als klachtbehandelaar.")
    elif betreft_medewerker is not None and behandelaar.pk == betreft_medewerker.pk:
        errors["behandelaar"] = _(
            "De behandelaar mag niet de medewerker zijn over wie de klacht gaat (Awb 9:7)."
        )


def _roltype(klacht_zaak: Zaak, generiek: str) -> RolType | None:
    return RolType.objects.filter(
        zaaktype_id=klacht_zaak.zaaktype_id, omschrijving_generiek=generiek
    ).first()


# --- intake -----------------------------------------------------------------------------------


def klacht_create(
    *,
    actor: Actor,
    klager: Partij,
    kanaal: str,
    ontvangen_op: date,
    categorie: str,
    onderwerp: str,
    omschrijving: str,
    afdeling: OrganisatorischeEenheid,
    behandelaar: Medewerker,
    betreft_medewerker: Medewerker | None = None,
    betreft_zaak: Zaak | None = None,
    adviescommissie: bool = False,
) -> Klacht:
    """Register a complaint received through any channel: a case of the complaint case type
    with the complainant as initiator and the handler as behandelaar, the complaint with its
    legal term (Awb 9:11), and the deadline task for the handler. All in one transaction."""
    require_role(actor, *MAY_WORK)
    organisatie = actor.organisatie
    errors: dict[str, Any] = {}
    if klager is None or klager.organisatie_id != organisatie.pk:
        errors["klager"] = _("Kies de klager.")
    if kanaal not in Kanaal.values:
        errors["kanaal"] = _("Kies het kanaal waarlangs de klacht binnenkwam.")
    if categorie not in Categorie.values:
        errors["categorie"] = _("Kies een categorie.")
    if not (onderwerp or "").strip():
        errors["onderwerp"] = _("Vul het onderwerp in.")
    if not (omschrijving or "").strip():
        errors["omschrijving"] = _("Beschrijf de klacht.")
    if ontvangen_op is None:
        errors["ontvangen_op"] = _("Vul de datum van ontvangst in.")
    elif ontvangen_op > _vandaag(actor):
        errors["ontvangen_op"] = _("De datum van ontvangst ligt in de toekomst.")
    if afdeling is None or afdeling.organisatie_id != organisatie.pk:
        errors["afdeling"] = _("Kies de afdeling waar de klacht over gaat.")
    if betreft_medewerker is not None and betreft_medewerker.organisatie_id != organisatie.pk:
        errors["betreft_medewerker"] = _("Kies een medewerker van deze organisatie.")
    _behandelaar_check(errors, behandelaar, betreft_medewerker, actor)
    if betreft_zaak is not None and betreft_zaak.organisatie_id != organisatie.pk:
        errors["betreft_zaak"] = _("Onbekende zaak.")
    if errors:
        raise ValidationError(errors)
    zaaktype = klacht_catalogus_ensure(organisatie)
    uiterlijk = termijnen.afhandeltermijn(
        ontvangen_op, adviescommissie=adviescommissie, land=organisatie.land
    )
    with transaction.atomic():
        zaak = zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            omschrijving=onderwerp.strip()[:80],
            toelichting=omschrijving.strip(),
            startdatum=ontvangen_op,
            initiator=klager,
            behandelaar=behandelaar,
            communicatiekanaal=Kanaal(kanaal).label,
            uiterlijke_einddatum_afdoening=uiterlijk,
            einddatum_gepland=uiterlijk,
        )
        zaak = Zaak.objects.select_related("zaaktype", "organisatie", "status_actueel").get(
            pk=zaak.pk
        )
        klacht = Klacht.objects.create(
            organisatie=organisatie,
            zaak=zaak,
            klager=klager,
            kanaal=kanaal,
            ontvangen_op=ontvangen_op,
            categorie=categorie,
            onderwerp=onderwerp.strip(),
            omschrijving=omschrijving.strip(),
            afdeling=afdeling,
            betreft_medewerker=betreft_medewerker,
            behandelaar=behandelaar,
            geregistreerd_door=actor.medewerker,
            betreft_zaak=betreft_zaak,
            adviescommissie=adviescommissie,
            uiterlijk_oorspronkelijk=uiterlijk,
        )
        _termijn_taak_maken(actor, klacht, _("Termijn Awb 9:11: %(d)s") % {"d": uiterlijk})
        _audit(
            actor,
            "klacht_geregistreerd",
            klacht,
            diff({}, snapshot(klacht, KLACHT_AUDIT_VELDEN)),
        )
    return klacht


# --- acknowledgement, handler, in behandeling -------------------------------------------------


def klacht_ontvangst_bevestigen(
    *, actor: Actor, klacht: Klacht, kanaal: str = "", verstuur_brief: bool = True
) -> Klacht:
    """Awb 9:6: confirm receipt in writing; the letter goes to the complainant."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.ONTVANGST_BEVESTIGD)
        klacht.ontvangst_bevestigd_op = _vandaag(actor)
        klacht.save(update_fields=["ontvangst_bevestigd_op", "gewijzigd_op"])
        if verstuur_brief:
            brieven.klacht_brief_send(
                actor=actor,
                klacht=klacht,
                sjabloon_code=brieven.SJABLOON_ONTVANGSTBEVESTIGING,
                kanaal=kanaal,
                reden=_("Ontvangstbevestiging klacht (Awb 9:6)"),
            )
        _status_zetten(actor, klacht, KlachtStatus.ONTVANGST_BEVESTIGD, _("Awb 9:6"))
    return klacht


def klacht_behandelaar_set(*, actor: Actor, klacht: Klacht, behandelaar: Medewerker) -> Klacht:
    """Hand the complaint to another handler, who was not involved (Awb 9:7); the deadline
    task moves with it."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        errors: dict[str, Any] = {}
        _behandelaar_check(errors, behandelaar, klacht.betreft_medewerker, actor)
        if errors:
            raise ValidationError(errors)
        if behandelaar.pk == klacht.behandelaar_id:
            return klacht
        oud = klacht.behandelaar
        klacht.behandelaar = behandelaar
        klacht.save(update_fields=["behandelaar", "gewijzigd_op"])
        roltype = _roltype(klacht.zaak, RolOmschrijving.BEHANDELAAR)
        if roltype is not None:
            zaak_rol_add(actor=actor, zaak=klacht.zaak, roltype=roltype, medewerker=behandelaar)
        if klacht.termijn_taak_id:
            _termijn_taak_maken(
                actor, klacht, _("Klacht overgedragen aan %(n)s") % {"n": behandelaar}
            )
        _audit(
            actor,
            "klacht_behandelaar_gewijzigd",
            klacht,
            {"behandelaar": [str(oud), str(behandelaar)]},
        )
    return klacht


def klacht_in_behandeling_nemen(*, actor: Actor, klacht: Klacht) -> Klacht:
    """Start the investigation; a written complaint is acknowledged first (Awb 9:6)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.IN_BEHANDELING)
        if klacht.is_schriftelijk and klacht.ontvangst_bevestigd_op is None:
            raise ValidationError(
                _("Bevestig eerst de ontvangst van deze schriftelijke klacht (Awb 9:6)."),
                code="ontvangst-niet-bevestigd",
            )
        # Awb 9:9: the person the complaint is about gets a copy of it.
        brief = brieven.betrokkene_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_BETROKKENE,
            reden=_("Afschrift klacht aan betrokkene (Awb 9:9)"),
        )
        _status_zetten(
            actor,
            klacht,
            KlachtStatus.IN_BEHANDELING,
            _("Betrokkene geïnformeerd (Awb 9:9)") if brief is not None else "",
        )
    return klacht


# --- the term ---------------------------------------------------------------------------------


def klacht_verdagen(
    *,
    actor: Actor,
    klacht: Klacht,
    verdaagd_tot: date | None,
    mededeling_op: date | None = None,
    reden: str = "",
    kanaal: str = "",
) -> Klacht:
    """Awb 9:11 lid 2: postpone the handling by at most four weeks, with written notice to the
    complainant before the term ends (the letter is sent now; `mededeling_op` defaults to
    today). Only once: further postponement needs the complainant's consent (klacht_uitstellen)."""
    mededeling_op = mededeling_op or _vandaag(actor)
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.is_afgesloten or klacht.status == KlachtStatus.BESLUIT_VERZONDEN:
            raise ValidationError(_("Deze klacht is al afgehandeld."), code="afgesloten")
        if klacht.verdaagd_tot is not None:
            raise ValidationError(
                {
                    "verdaagd_tot": _(
                        "De afhandeling is al verdaagd. Verder uitstel kan alleen met "
                        "schriftelijke instemming van de klager (Awb 9:11 lid 3)."
                    )
                }
            )
        if not (reden or "").strip():
            raise ValidationError({"reden": _("Geef de reden van de verdaging.")})
        errors = termijnen.verdaging_fouten(
            uiterlijk=klacht.uiterlijk_oorspronkelijk,
            mededeling_op=mededeling_op,
            verdaagd_tot=verdaagd_tot,
            land=klacht.organisatie.land,
        )
        if mededeling_op > _vandaag(actor):
            errors.setdefault("mededeling_op", _("De datum van de mededeling ligt in de toekomst."))
        if errors:
            raise ValidationError(errors)
        klacht.verdaagd_tot = verdaagd_tot
        klacht.verdaging_mededeling_op = mededeling_op
        klacht.verdaging_reden = reden.strip()
        klacht.save(
            update_fields=[
                "verdaagd_tot",
                "verdaging_mededeling_op",
                "verdaging_reden",
                "gewijzigd_op",
            ]
        )
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_VERDAGING,
            kanaal=kanaal,
            reden=_("Verdaging afhandeling klacht (Awb 9:11 lid 2)"),
        )
        # Awb 9:11 lid 2: the notice goes to the person the complaint is about as well.
        brieven.betrokkene_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_VERDAGING_BETROKKENE,
            reden=_("Verdaging afhandeling klacht, bericht aan betrokkene (Awb 9:11 lid 2)"),
        )
        zaak_update(actor=actor, zaak=klacht.zaak, uiterlijke_einddatum_afdoening=verdaagd_tot)
        _termijn_taak_maken(
            actor, klacht, _("Verdaagd tot %(d)s (Awb 9:11 lid 2)") % {"d": verdaagd_tot}
        )
        _audit(
            actor,
            "klacht_verdaagd",
            klacht,
            {"uiterlijk": [str(klacht.uiterlijk_oorspronkelijk), str(verdaagd_tot)]},
            reden,
        )
    return klacht


def klacht_uitstellen(
    *, actor: Actor, klacht: Klacht, uitstel_tot: date | None, instemming_op: date | None
) -> Klacht:
    """Awb 9:11 lid 3: further postponement, only with the complainant's written consent."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.is_afgesloten or klacht.status == KlachtStatus.BESLUIT_VERZONDEN:
            raise ValidationError(_("Deze klacht is al afgehandeld."), code="afgesloten")
        errors = termijnen.uitstel_fouten(
            uiterlijk=klacht.uiterlijk, instemming_op=instemming_op, uitstel_tot=uitstel_tot
        )
        if instemming_op is not None and instemming_op > _vandaag(actor):
            errors["instemming_op"] = _("De datum van de instemming ligt in de toekomst.")
        if errors:
            raise ValidationError(errors)
        oud = klacht.uiterlijk
        klacht.uitstel_tot = uitstel_tot
        klacht.uitstel_instemming_op = instemming_op
        klacht.save(update_fields=["uitstel_tot", "uitstel_instemming_op", "gewijzigd_op"])
        zaak_update(actor=actor, zaak=klacht.zaak, uiterlijke_einddatum_afdoening=uitstel_tot)
        _termijn_taak_maken(
            actor,
            klacht,
            _("Uitgesteld tot %(d)s met instemming klager (Awb 9:11 lid 3)") % {"d": uitstel_tot},
        )
        _audit(actor, "klacht_uitgesteld", klacht, {"uiterlijk": [str(oud), str(uitstel_tot)]})
    return klacht


# --- hearing (Awb 9:10) -----------------------------------------------------------------------


def klacht_hoorzitting_plannen(
    *, actor: Actor, klacht: Klacht, op: datetime | None, locatie: str = "", kanaal: str = ""
) -> Klacht:
    """Invite the complainant to be heard (Awb 9:10 lid 1); the invitation letter is sent."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.HOORZITTING)
        if op is None:
            raise ValidationError({"op": _("Vul de datum en tijd van de hoorzitting in.")})
        if timezone.localtime(op).date() < _vandaag(actor):
            raise ValidationError({"op": _("De hoorzitting ligt in het verleden.")})
        klacht.hoorzitting_gepland_op = op
        klacht.hoorzitting_locatie = (locatie or "").strip()
        klacht.save(update_fields=["hoorzitting_gepland_op", "hoorzitting_locatie", "gewijzigd_op"])
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_UITNODIGING_HOORZITTING,
            kanaal=kanaal,
            reden=_("Uitnodiging hoorzitting (Awb 9:10)"),
        )
        _status_zetten(actor, klacht, KlachtStatus.HOORZITTING, _("Awb 9:10"))
    return klacht


def klacht_hoorzitting_vastleggen(
    *, actor: Actor, klacht: Klacht, gehouden_op: date | None, aanwezigen: str, verslag: str
) -> Klacht:
    """Record the hearing: when, who were present, and the report (verslag)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.status != KlachtStatus.HOORZITTING:
            raise ValidationError(_("Plan eerst de hoorzitting."), code="geen-hoorzitting")
        errors: dict[str, str] = {}
        if gehouden_op is None:
            errors["gehouden_op"] = _("Vul de datum van de hoorzitting in.")
        elif gehouden_op > _vandaag(actor):
            errors["gehouden_op"] = _("De hoorzitting ligt in de toekomst.")
        elif gehouden_op < klacht.ontvangen_op:
            errors["gehouden_op"] = _("De hoorzitting ligt vóór de ontvangst van de klacht.")
        if not (aanwezigen or "").strip():
            errors["aanwezigen"] = _("Vul in wie er aanwezig waren.")
        if not (verslag or "").strip():
            errors["verslag"] = _("Vul het verslag van de hoorzitting in.")
        if errors:
            raise ValidationError(errors)
        voor = snapshot(klacht, ["hoorzitting_gehouden_op", "hoorzitting_aanwezigen"])
        klacht.hoorzitting_gehouden_op = gehouden_op
        klacht.hoorzitting_aanwezigen = aanwezigen.strip()
        klacht.hoorzitting_verslag = verslag.strip()
        klacht.geen_hoorzitting_reden = ""
        klacht.save(
            update_fields=[
                "hoorzitting_gehouden_op",
                "hoorzitting_aanwezigen",
                "hoorzitting_verslag",
                "geen_hoorzitting_reden",
                "gewijzigd_op",
            ]
        )
        _audit(
            actor,
            "klacht_hoorzitting_vastgelegd",
            klacht,
            diff(voor, snapshot(klacht, ["hoorzitting_gehouden_op", "hoorzitting_aanwezigen"])),
        )
    return klacht


def klacht_geen_hoorzitting(
    *, actor: Actor, klacht: Klacht, reden: str, toelichting: str = ""
) -> Klacht:
    """Record why the complainant is not heard (Awb 9:10 lid 2 a, b or c)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.status not in (KlachtStatus.IN_BEHANDELING, KlachtStatus.HOORZITTING):
            raise ValidationError(
                _("Dit kan alleen bij een klacht die in behandeling is."), code="status"
            )
        if reden not in GeenHoorzittingReden.values:
            raise ValidationError({"reden": _("Kies een reden uit artikel 9:10 lid 2 Awb.")})
        klacht.geen_hoorzitting_reden = reden
        klacht.geen_hoorzitting_toelichting = (toelichting or "").strip()
        klacht.save(
            update_fields=["geen_hoorzitting_reden", "geen_hoorzitting_toelichting", "gewijzigd_op"]
        )
        _audit(actor, "klacht_geen_hoorzitting", klacht, {"reden": [None, reden]}, toelichting)
    return klacht


# --- decision and closing ---------------------------------------------------------------------


def klacht_besluit_verzenden(
    *,
    actor: Actor,
    klacht: Klacht,
    oordeel: str,
    bevindingen: str,
    conclusies: str,
    maatregelen: str = "",
    kanaal: str = "",
) -> Klacht:
    """Awb 9:12: the written decision with the findings, the judgement and the conclusions
    goes to the complainant. The complainant was heard, or the reason why not is recorded
    (Awb 9:10)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.BESLUIT_VERZONDEN)
        errors: dict[str, str] = {}
        if oordeel not in Oordeel.values:
            errors["oordeel"] = _("Kies het oordeel.")
        if not (bevindingen or "").strip():
            errors["bevindingen"] = _("Beschrijf de bevindingen van het onderzoek (Awb 9:12).")
        if not (conclusies or "").strip():
            errors["conclusies"] = _("Vul de conclusies in (Awb 9:12).")
        if not klacht.hoorzitting_verslag and not klacht.geen_hoorzitting_reden:
            errors["__all__"] = _(
                "Leg eerst de hoorzitting vast, of de reden waarom de klager niet is gehoord "
                "(Awb 9:10 lid 2)."
            )
        if errors:
            raise ValidationError(errors)
        klacht.oordeel = oordeel
        klacht.bevindingen = bevindingen.strip()
        klacht.conclusies = conclusies.strip()
        klacht.maatregelen = (maatregelen or "").strip()
        klacht.besluit_verzonden_op = _vandaag(actor)
        klacht.save(
            update_fields=[
                "oordeel",
                "bevindingen",
                "conclusies",
                "maatregelen",
                "besluit_verzonden_op",
                "gewijzigd_op",
            ]
        )
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_BESLISSING,
            kanaal=kanaal,
            reden=_("Beslissing op klacht (Awb 9:12)"),
        )
        _status_zetten(actor, klacht, KlachtStatus.BESLUIT_VERZONDEN, _("Awb 9:12"))
        # The term is met when the decision is sent: that is the handling the law asks for.
        klacht.afgehandeld_op = klacht.besluit_verzonden_op
        klacht.save(update_fields=["afgehandeld_op"])
        _taak_afronden(actor, klacht, _("Beslissing op klacht verzonden"))
    return klacht


def klacht_afhandelen(*, actor: Actor, klacht: Klacht, toelichting: str = "") -> Klacht:
    """Close the complaint after the decision was sent and register it (Awb 9:12a)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.AFGEHANDELD)
        afgehandeld_op = klacht.afgehandeld_op
        _afsluiten(actor, klacht, KlachtStatus.AFGEHANDELD, klacht.oordeel, toelichting)
        # The handling date is the day the decision went out, not the day of registration.
        klacht.afgehandeld_op = afgehandeld_op or klacht.afgehandeld_op
        klacht.save(update_fields=["afgehandeld_op"])
    return klacht


def klacht_niet_behandelen(
    *, actor: Actor, klacht: Klacht, grond: str, toelichting: str = "", kanaal: str = ""
) -> Klacht:
    """Awb 9:8: do not handle the complaint, on one of the grounds of the law; the complainant
    is told in writing (within four weeks of receipt, lid 3)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.NIET_ONTVANKELIJK)
        if grond not in NietBehandelenGrond.values:
            raise ValidationError({"grond": _("Kies een grond uit artikel 9:8 Awb.")})
        klacht.niet_behandelen_grond = grond
        klacht.afsluit_toelichting = (toelichting or "").strip()
        klacht.save(update_fields=["niet_behandelen_grond", "afsluit_toelichting", "gewijzigd_op"])
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_NIET_BEHANDELEN,
            kanaal=kanaal,
            reden=_("Klacht niet in behandeling (Awb 9:8)"),
        )
        _afsluiten(
            actor,
            klacht,
            KlachtStatus.NIET_ONTVANKELIJK,
            KlachtStatus.NIET_ONTVANKELIJK,
            toelichting,
        )
    return klacht


def klacht_intrekken(*, actor: Actor, klacht: Klacht, toelichting: str) -> Klacht:
    """The complainant withdraws the complaint."""
    return _zonder_besluit_afsluiten(actor, klacht, KlachtStatus.INGETROKKEN, toelichting)


def klacht_informeel_oplossen(*, actor: Actor, klacht: Klacht, toelichting: str) -> Klacht:
    """Awb 9:5: the complaint was resolved to the complainant's satisfaction; no further
    handling is required."""
    return _zonder_besluit_afsluiten(actor, klacht, KlachtStatus.INFORMEEL_OPGELOST, toelichting)


def _zonder_besluit_afsluiten(actor: Actor, klacht: Klacht, eindstatus: str, toelichting: str):  # noqa: ANN202
    if not (toelichting or "").strip():
        raise ValidationError({"toelichting": _("Licht toe hoe en wanneer dit is afgesproken.")})
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, eindstatus)
        klacht.afsluit_toelichting = toelichting.strip()
        klacht.save(update_fields=["afsluit_toelichting", "gewijzigd_op"])
        _afsluiten(actor, klacht, eindstatus, eindstatus, toelichting)
    return klacht


def klacht_toegang_check(actor: Actor, klacht: Klacht) -> None:
    """For callers outside this module that hold a complaint: raise when it is not theirs."""
    if not mag_klacht_zien(actor, klacht):
        raise ToegangGeweigerd(_("Je hebt geen toegang tot deze klacht."))
