"""Four-eyes approval of a proposal: approve (book CLIENT -> ONDERWEG and make the pain.001
file) or reject it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.betalingen.algemeen import (
    NUL,
    VierOgenFout,
    budgetrekeningen_vergrendelen,
    clientrekeningen_per_budgetrekening,
    require_persoon,
    signaal,
)
from raadhuis.modules.budget.betalingen.kandidaten import prioriteit, reden_tegenhouden
from raadhuis.modules.budget.betalingen.uitvoerdata import uitvoerdatum_voor
from raadhuis.modules.budget.catalogus import heeft_budget_toegang
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.bulkboekingen import Bulkboeking, boeken_bulk
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    Betaalvoorstel,
    BoekingSoort,
    Grootboekrekening,
    GrootboekSoort,
    Journaalregel,
    OpdrachtStatus,
    SignaalSoort,
    VoorstelStatus,
)
from raadhuis.modules.budget.pain001 import Overboeking, pain001_maken


def _lock_voorstel(actor: Actor, voorstel: Betaalvoorstel) -> Betaalvoorstel:
    locked = (
        Betaalvoorstel.objects.select_for_update(of=("self",))
        .select_related("beheerrekening", "organisatie")
        .get(pk=voorstel.pk)
    )
    if locked.organisatie_id != actor.organisatie.pk:
        raise NietGevonden(_("Betaalvoorstel niet gevonden."))
    return locked


def _require_ter_goedkeuring(voorstel: Betaalvoorstel) -> None:
    if voorstel.status != VoorstelStatus.TER_GOEDKEURING:
        raise ValidationError(
            _("Dit voorstel is al %(status)s.") % {"status": voorstel.get_status_display().lower()},
            code="voorstel_afgehandeld",
        )


def mag_beoordelen(actor: Actor, voorstel: Betaalvoorstel) -> tuple[bool, str]:
    """Whether `actor` may approve or reject `voorstel`, and if not, why (for the screen)."""
    if voorstel.status != VoorstelStatus.TER_GOEDKEURING:
        return False, _("Dit voorstel is al beoordeeld.")
    if actor.medewerker is None or not heeft_budget_toegang(actor):
        return False, _("Alleen een medewerker budgetbeheer kan een voorstel beoordelen.")
    if voorstel.opgesteld_door_id == actor.medewerker.pk:
        return False, _(
            "Je hebt dit voorstel zelf gemaakt. Een andere medewerker moet het goedkeuren "
            "(vier ogen)."
        )
    return True, ""


def _require_beoordelaar(actor: Actor, voorstel: Betaalvoorstel) -> None:
    require_persoon(actor)
    _require_ter_goedkeuring(voorstel)
    mag, reden = mag_beoordelen(actor, voorstel)
    if not mag:
        raise VierOgenFout(reden)
    buiten_zicht = (
        Betaalopdracht.objects.filter(voorstel=voorstel)
        .exclude(zaak_filter(actor, prefix="budgetrekening__zaak__"))
        .exists()
    )
    if buiten_zicht:
        raise ToegangGeweigerd(
            _("Dit voorstel bevat betalingen van dossiers waarvoor je niet bent geautoriseerd.")
        )


def _bericht_id(voorstel: Betaalvoorstel) -> str:
    # pain.001 MsgId: at most 35 characters, unique per debtor account.
    return f"RH-{voorstel.uitvoerdatum:%Y%m%d}-{voorstel.uuid.hex[:20]}"


def _overboekingen(opdrachten: Iterable[Betaalopdracht]) -> list[Overboeking]:
    return [
        Overboeking(
            naam=o.begunstigde,
            iban=o.iban,
            bedrag=o.bedrag,
            omschrijving=o.omschrijving,
            end_to_end_id=o.end_to_end_id,
        )
        for o in opdrachten
    ]


def pain001(voorstel: Betaalvoorstel) -> bytes:
    """The pain.001.001.03 file of an approved proposal: the stored one (what the bank got)."""
    if voorstel.pain001:
        return bytes(voorstel.pain001)
    opdrachten = voorstel.opdrachten.filter(
        status__in=[OpdrachtStatus.ONDERWEG, OpdrachtStatus.AFGESCHREVEN, OpdrachtStatus.RETOUR]
    ).order_by("pk")
    return pain001_maken(
        naam=voorstel.beheerrekening.naam,
        iban=voorstel.beheerrekening.iban,
        bic=voorstel.beheerrekening.bic,
        bericht_id=voorstel.bericht_id or _bericht_id(voorstel),
        uitvoerdatum=voorstel.uitvoerdatum,
        overboekingen=_overboekingen(opdrachten),
    )


def _clientsaldi(ids: Iterable[int]) -> dict[int, Decimal]:
    """The ledger's available balance of each budget account (no promises subtracted)."""
    saldi: dict[int, Decimal] = defaultdict(lambda: NUL)
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        rijen = (
            Journaalregel.objects.filter(
                grootboekrekening__soort=GrootboekSoort.CLIENT,
                grootboekrekening__budgetrekening_id__in=ids[i : i + 500],
            )
            .values("grootboekrekening__budgetrekening_id")
            .annotate(som=Sum("bedrag"))
        )
        for rij in rijen:
            saldi[rij["grootboekrekening__budgetrekening_id"]] = -(rij["som"] or NUL)
    return saldi


def _betaling_omschrijving(o: Betaalopdracht) -> str:
    return _("Betaling aan %(naam)s: %(omschrijving)s") % {
        "naam": o.begunstigde,
        "omschrijving": o.omschrijving,
    }


def _opdrachten_boeken(
    actor: Actor,
    organisatie: Organisatie,
    opdrachten: list[Betaalopdracht],
    uitvoerdatum: date,
    onderweg: Grootboekrekening,
) -> tuple[list[Betaalopdracht], list[Betaalopdracht]]:
    """Book the approved payments CLIENT -> ONDERWEG: (sent, held back now).

    Payments that fit the client's balance are written in bulk, fixed costs first. Payments
    with an allowed overdraft go one by one through grootboek.boeken afterwards, which checks
    the four eyes and records who allowed it. A payment that no longer fits (the balance changed
    since the proposal) is held back with the reason."""
    ids = {o.budgetrekening_id for o in opdrachten}
    budgetrekeningen_vergrendelen(ids)
    saldi = _clientsaldi(ids)
    clientrekeningen = clientrekeningen_per_budgetrekening(
        {o.budgetrekening_id: o.budgetrekening for o in opdrachten}.values()
    )
    passend, met_roodstand, tegengehouden = [], [], []
    volgorde = sorted(
        opdrachten,
        key=lambda o: prioriteit(o.betaalpost.soort if o.betaalpost else "", o.vervaldatum, o.pk),
    )
    for o in volgorde:
        if o.roodstand_toegestaan_door_id:
            met_roodstand.append(o)
        elif o.bedrag <= saldi[o.budgetrekening_id]:
            saldi[o.budgetrekening_id] -= o.bedrag
            passend.append(o)
        else:
            o.status = OpdrachtStatus.TEGENGEHOUDEN
            o.reden = reden_tegenhouden(o.bedrag, saldi[o.budgetrekening_id])
            tegengehouden.append(o)
    posten = boeken_bulk(
        actor=actor,
        organisatie=organisatie,
        boekingen=[
            Bulkboeking(
                boekdatum=uitvoerdatum,
                soort=BoekingSoort.BETAALOPDRACHT,
                omschrijving=_betaling_omschrijving(o),
                debet=clientrekeningen[o.budgetrekening_id],
                credit=onderweg,
                bedrag=o.bedrag,
                budgetrekening_id=o.budgetrekening_id,
                zaak_uuid=o.budgetrekening.zaak.uuid,
            )
            for o in passend
        ],
    )
    for o, post in zip(passend, posten, strict=True):
        o.status = OpdrachtStatus.ONDERWEG
        o.journaalpost = post
    verstuurd = list(passend)
    for o in met_roodstand:
        try:
            with transaction.atomic():
                post = boeken(
                    actor=actor,
                    organisatie=organisatie,
                    boekdatum=uitvoerdatum,
                    soort=BoekingSoort.BETAALOPDRACHT,
                    omschrijving=_betaling_omschrijving(o),
                    regels=[
                        (clientrekeningen[o.budgetrekening_id], o.bedrag),
                        (onderweg, -o.bedrag),
                    ],
                    budgetrekening=o.budgetrekening,
                    roodstand_toegestaan_door=o.roodstand_toegestaan_door,
                    roodstand_gevraagd_door=o.roodstand_gevraagd_door,
                    reden=o.reden,
                )
        except ValidationError as fout:
            # E.g. the person who allowed the overdraft lost the grant meanwhile.
            o.status = OpdrachtStatus.TEGENGEHOUDEN
            o.reden = " ".join(fout.messages)
            tegengehouden.append(o)
            continue
        o.status = OpdrachtStatus.ONDERWEG
        o.journaalpost = post
        verstuurd.append(o)
    return verstuurd, tegengehouden


def voorstel_goedkeuren(*, actor: Actor, voorstel: Betaalvoorstel) -> Betaalvoorstel:
    """Four eyes: a medewerker other than the maker approves. Every proposed payment is booked
    CLIENT -> ONDERWEG (a payment that no longer fits is held back instead) and the pain.001 file
    is made, validated and stored. All or nothing."""
    require_persoon(actor)
    with transaction.atomic():
        voorstel = _lock_voorstel(actor, voorstel)
        _require_beoordelaar(actor, voorstel)
        organisatie = voorstel.organisatie
        today = vandaag(organisatie.tijdzone)
        uitvoerdatum = max(voorstel.uitvoerdatum, uitvoerdatum_voor(today, organisatie.land))
        onderweg = grootboekrekening(
            GrootboekSoort.ONDERWEG, beheerrekening=voorstel.beheerrekening
        )
        opdrachten = list(
            voorstel.opdrachten.select_for_update(of=("self",))
            .filter(status=OpdrachtStatus.VOORGESTELD)
            .select_related(
                "budgetrekening__zaak",
                "betaalpost",
                "roodstand_toegestaan_door",
                "roodstand_gevraagd_door",
            )
            .order_by("vervaldatum", "pk")
        )
        verstuurd, alsnog_tegengehouden = _opdrachten_boeken(
            actor, organisatie, opdrachten, uitvoerdatum, onderweg
        )
        Betaalopdracht.objects.bulk_update(
            verstuurd + alsnog_tegengehouden, ["status", "reden", "journaalpost"], batch_size=500
        )
        voorstel.status = VoorstelStatus.GOEDGEKEURD
        voorstel.beoordeeld_door = actor.medewerker
        voorstel.beoordeeld_op = timezone.now()
        voorstel.uitvoerdatum = uitvoerdatum
        voorstel.bericht_id = _bericht_id(voorstel)
        if verstuurd:
            voorstel.pain001 = pain001_maken(
                naam=voorstel.beheerrekening.naam,
                iban=voorstel.beheerrekening.iban,
                bic=voorstel.beheerrekening.bic,
                bericht_id=voorstel.bericht_id,
                uitvoerdatum=uitvoerdatum,
                overboekingen=_overboekingen(sorted(verstuurd, key=lambda o: o.pk)),
            )
        voorstel.save(
            update_fields=[
                "status",
                "beoordeeld_door",
                "beoordeeld_op",
                "uitvoerdatum",
                "bericht_id",
                "pain001",
            ]
        )
        for o in alsnog_tegengehouden:
            signaal(
                organisatie=organisatie,
                rekening=o.budgetrekening,
                soort=SignaalSoort.BETALING_TEGENGEHOUDEN,
                sleutel=f"goedkeuring:{o.uuid}",
                tekst=_("Betaling aan %(naam)s tegengehouden bij goedkeuring: %(reden)s")
                % {"naam": o.begunstigde, "reden": o.reden},
                datum=today,
            )
        audit_entry_record(
            actor=actor,
            actie="budget_betaalvoorstel_goedgekeurd",
            obj=voorstel,
            wijzigingen={
                "status": [VoorstelStatus.TER_GOEDKEURING, VoorstelStatus.GOEDGEKEURD],
                "betalingen": len(verstuurd),
                "totaal": str(sum((o.bedrag for o in verstuurd), NUL)),
                "tegengehouden": len(alsnog_tegengehouden),
                "bericht_id": voorstel.bericht_id,
            },
        )
    return voorstel


def voorstel_afwijzen(
    *, actor: Actor, voorstel: Betaalvoorstel, reden: str, opnieuw_voorstellen: bool = False
) -> Betaalvoorstel:
    """Four eyes: a medewerker other than the maker rejects, with a reason. Nothing is booked.

    With `opnieuw_voorstellen` the payments are held back and come again in the next daily
    proposal, with the plan's details as they are then (e.g. after correcting an IBAN);
    without it they are not made at all."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef de reden van de afwijzing."), code="required")}
        )
    require_persoon(actor)
    with transaction.atomic():
        voorstel = _lock_voorstel(actor, voorstel)
        _require_beoordelaar(actor, voorstel)
        if opnieuw_voorstellen:
            nieuwe_status = OpdrachtStatus.TEGENGEHOUDEN
            toelichting = _("Voorstel afgewezen: %(reden)s. Wordt opnieuw voorgesteld.")
        else:
            nieuwe_status = OpdrachtStatus.AFGEWEZEN
            toelichting = _("Voorstel afgewezen: %(reden)s")
        aantal = voorstel.opdrachten.filter(
            status__in=[OpdrachtStatus.VOORGESTELD, OpdrachtStatus.TEGENGEHOUDEN]
        ).update(status=nieuwe_status, reden=toelichting % {"reden": reden})
        voorstel.status = VoorstelStatus.AFGEWEZEN
        voorstel.beoordeeld_door = actor.medewerker
        voorstel.beoordeeld_op = timezone.now()
        voorstel.afwijzingsreden = reden
        voorstel.save(
            update_fields=["status", "beoordeeld_door", "beoordeeld_op", "afwijzingsreden"]
        )
        audit_entry_record(
            actor=actor,
            actie="budget_betaalvoorstel_afgewezen",
            obj=voorstel,
            wijzigingen={
                "status": [VoorstelStatus.TER_GOEDKEURING, VoorstelStatus.AFGEWEZEN],
                "betalingen": aantal,
                "opnieuw_voorstellen": opnieuw_voorstellen,
            },
            toelichting=reden,
        )
    return voorstel
