"""Registering a client's admission in the VISH (Verwijsindex Schuldhulpverlening), and ending
it when the track ends. Each (de)registration is a row (VishRegistratie) written in the
caller's transaction and sent after the commit; a failure is recorded and retried later by
`vish_verzenden` (the command `raadhuis vish-verzenden`, from cron), so nothing is lost.

The lead hooks `vish_aanmelden(actor, dossier)` where a dossier is admitted and
`vish_afmelden(actor, dossier)` where it is closed.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, require_zaak_toegang
from raadhuis.kernel.cases.services import zaak_audit_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.koppelingen.adapters.vish import VishAdapter, VishFout, vish_adapter
from raadhuis.modules.shv.koppelingen.models import VishActie, VishRegistratie, VishStatus
from raadhuis.modules.shv.models import ShvDossier

MAX_WACHTTIJD = timedelta(hours=24)


def _registreren(actor: Actor, dossier: ShvDossier, actie: str) -> VishRegistratie:
    require_role(actor, Rol.MEDEWERKER)
    zaak = dossier.zaak
    require_zaak_toegang(actor, zaak)
    with transaction.atomic():
        registratie = VishRegistratie.objects.create(
            organisatie=dossier.organisatie, dossier=dossier, actie=actie
        )
        zaak_audit_record(actor, f"vish_{actie}", registratie, zaak)
        # Sent after the commit: no network call holds the caller's transaction open, and a
        # rolled-back admission never reaches the VISH.
        transaction.on_commit(lambda: registratie_versturen(registratie.pk))
    return registratie


def vish_aanmelden(actor: Actor, dossier: ShvDossier) -> VishRegistratie:
    """Register the client's admission to debt assistance in the VISH."""
    return _registreren(actor, dossier, VishActie.AANMELDEN)


def vish_afmelden(actor: Actor, dossier: ShvDossier) -> VishRegistratie | None:
    """End the client's registration (the track ended). None when it was never registered."""
    if not dossier.vish_registraties.filter(actie=VishActie.AANMELDEN).exists():
        return None
    return _registreren(actor, dossier, VishActie.AFMELDEN)


def vish_opnieuw_versturen(
    *, actor: Actor, registratie: VishRegistratie, adapter: VishAdapter | None = None
) -> VishRegistratie:
    """Try a waiting or failed (de)registration now instead of at its next scheduled try: the
    consultant of the dossier or the functional administrator presses "Opnieuw versturen"
    after the cause (the VISH down, a wrong key) is solved. Audited on the case."""
    require_role(actor, Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER)
    if registratie.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("VISH-registratie niet gevonden.")
    zaak = registratie.dossier.zaak
    if not actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER):
        require_zaak_toegang(actor, zaak)
    if registratie.status == VishStatus.GELUKT:
        raise ValidationError(_("De VISH heeft deze registratie al verwerkt."), code="al-gelukt")
    with transaction.atomic():
        zaak_audit_record(
            actor,
            "vish_opnieuw_verstuurd",
            registratie,
            zaak,
            wijzigingen={
                "status": [registratie.status, None],
                "pogingen": [registratie.pogingen, None],
            },
        )
    return registratie_versturen(registratie.pk, adapter)


def _volgende_poging(pogingen: int) -> timedelta:
    return min(timedelta(minutes=2**pogingen), MAX_WACHTTIJD)


def registratie_versturen(pk: int, adapter: VishAdapter | None = None) -> VishRegistratie:
    """Try to send one registration now; records success or the failure and the next try."""
    with transaction.atomic():
        registratie = (
            VishRegistratie.objects.select_for_update()
            .select_related("dossier__zaak", "dossier__client", "organisatie")
            .get(pk=pk)
        )
        if registratie.status == VishStatus.GELUKT:
            return registratie
        registratie.pogingen += 1
        try:
            _versturen(registratie, adapter)
        except VishFout as fout:
            registratie.status = VishStatus.MISLUKT
            registratie.laatste_fout = str(fout)
            registratie.volgende_poging_na = timezone.now() + _volgende_poging(registratie.pogingen)
        else:
            registratie.status = VishStatus.GELUKT
            registratie.laatste_fout = ""
            registratie.volgende_poging_na = None
        registratie.save(
            update_fields=[
                "status",
                "pogingen",
                "laatste_fout",
                "vish_id",
                "volgende_poging_na",
                "gewijzigd_op",
            ]
        )
    return registratie


def _versturen(registratie: VishRegistratie, adapter: VishAdapter | None) -> None:
    adapter = adapter or vish_adapter()
    dossier = registratie.dossier
    organisatie = registratie.organisatie
    if registratie.actie == VishActie.AANMELDEN:
        registratie.vish_id = adapter.aanmelden(
            bsn=getattr(dossier.client.concreet, "bsn", ""),
            organisatie_oin=getattr(organisatie, "oin", "") or organisatie.rsin,
            zaak=dossier.zaak.identificatie,
            startdatum=dossier.aanmeldingsdatum,
        )
        return
    aanmelding = (
        dossier.vish_registraties.filter(actie=VishActie.AANMELDEN, status=VishStatus.GELUKT)
        .exclude(vish_id="")
        .order_by("-aangemaakt_op")
        .first()
    )
    if aanmelding is None:
        raise VishFout("De aanmelding is nog niet door de VISH verwerkt; afmelden volgt daarna.")
    adapter.afmelden(
        vish_id=aanmelding.vish_id,
        einddatum=dossier.zaak.einddatum or vandaag(organisatie.tijdzone),
    )
    registratie.vish_id = aanmelding.vish_id


def vish_verzenden(
    *, organisatie: Organisatie | None = None, adapter: VishAdapter | None = None
) -> dict[str, int]:
    """Send every waiting or failed registration whose next try is due, oldest first (an
    admission before its end). Returns counts per outcome."""
    qs = VishRegistratie.objects.exclude(status=VishStatus.GELUKT).filter(
        volgende_poging_na__isnull=True
    ) | VishRegistratie.objects.filter(
        status=VishStatus.MISLUKT, volgende_poging_na__lte=timezone.now()
    )
    if organisatie is not None:
        qs = qs.filter(organisatie=organisatie)
    telling = {VishStatus.GELUKT: 0, VishStatus.MISLUKT: 0}
    for pk in qs.order_by("aangemaakt_op", "pk").values_list("pk", flat=True):
        telling[registratie_versturen(pk, adapter).status] += 1
    return {str(k): v for k, v in telling.items()}
