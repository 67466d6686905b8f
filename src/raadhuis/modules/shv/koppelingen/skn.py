"""The exchange with creditors through the Schuldenknooppunt: requests for a statement of the
balance (saldoverzoek) and payment proposals (betaalvoorstel) are queued per debt, sent as one
batch, and the answers (opgave, akkoord, status) are matched to the debts and applied through
the shv services (an opgave goes through `schuld_opgave_registreren`).

An answer file is handled in one transaction: one message that cannot be matched or applied,
and the whole file is rolled back and moved to `fout/` with a report next to it.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.services import zaak_audit_record
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.common import dossier_lock_for_change
from raadhuis.modules.shv.koppelingen import invoer
from raadhuis.modules.shv.koppelingen.adapters.skn import (
    FORMAAT,
    SchuldenknooppuntAdapter,
    skn_adapter,
)
from raadhuis.modules.shv.koppelingen.models import SknBericht, SknBerichtStatus, SknSoort
from raadhuis.modules.shv.models import Schuld, SchuldStatus, ShvDossier
from raadhuis.modules.shv.services import schuld_opgave_registreren

ANTWOORD_SOORTEN = (SknSoort.OPGAVE, SknSoort.AKKOORD, SknSoort.STATUS)


def _client_gegevens(dossier: ShvDossier) -> dict[str, Any]:
    persoon = dossier.client.concreet
    geboortedatum = getattr(persoon, "geboortedatum", None)
    return {
        "naam": str(dossier.client),
        "geboortedatum": geboortedatum.isoformat() if geboortedatum else None,
    }


def _schuldeiser_gegevens(schuld: Schuld) -> dict[str, Any]:
    partij = schuld.schuldeiser.partij
    return {
        "naam": partij.weergavenaam,
        "kvk_nummer": getattr(partij, "identificatie", "") or "",
        "iban": schuld.schuldeiser.iban,
    }


def skn_saldoverzoeken_klaarzetten(
    *, actor: Actor, dossier: ShvDossier, schulden: list[Schuld] | None = None
) -> list[SknBericht]:
    """Queue a saldoverzoek for each given debt (default: every debt still 'opgevraagd')."""
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, dossier)
        qs = Schuld.objects.filter(dossier=dossier).select_related("schuldeiser__partij")
        if schulden is None:
            qs = qs.filter(status=SchuldStatus.OPGEVRAAGD)
        else:
            qs = qs.filter(pk__in=[s.pk for s in schulden])
        berichten = []
        for schuld in qs:
            bericht = SknBericht.objects.create(
                organisatie=actor.organisatie,
                schuld=schuld,
                soort=SknSoort.SALDOVERZOEK,
                inhoud={
                    "schuldeiser": _schuldeiser_gegevens(schuld),
                    "kenmerk": schuld.kenmerk,
                    "client": _client_gegevens(dossier),
                    "zaak": dossier.zaak.identificatie,
                },
            )
            zaak_audit_record(actor, "skn_saldoverzoek_klaargezet", bericht, dossier.zaak)
            berichten.append(bericht)
    return berichten


def skn_betaalvoorstel_klaarzetten(
    *, actor: Actor, schuld: Schuld, aangeboden_bedrag: Decimal, toelichting: str = ""
) -> SknBericht:
    """Queue a payment proposal for one debt (the amount the settlement offers)."""
    if aangeboden_bedrag < 0:
        raise ValidationError({"aangeboden_bedrag": _("Het bedrag mag niet negatief zijn.")})
    with transaction.atomic():
        dossier = dossier_lock_for_change(actor, schuld.dossier)
        bericht = SknBericht.objects.create(
            organisatie=actor.organisatie,
            schuld=schuld,
            soort=SknSoort.BETAALVOORSTEL,
            inhoud={
                "schuldeiser": _schuldeiser_gegevens(schuld),
                "kenmerk": schuld.kenmerk,
                "client": _client_gegevens(dossier),
                "zaak": dossier.zaak.identificatie,
                "vordering": str(schuld.actueel_bedrag or ""),
                "aangeboden_bedrag": str(aangeboden_bedrag.quantize(Decimal("0.01"))),
                "toelichting": toelichting,
            },
        )
        zaak_audit_record(actor, "skn_betaalvoorstel_klaargezet", bericht, dossier.zaak)
    return bericht


def _require_uitwisselen(actor: Actor) -> None:
    require_role(actor, Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER)


def skn_versturen(*, actor: Actor, adapter: SchuldenknooppuntAdapter | None = None) -> str | None:
    """Send every queued message of the organisation as one batch; returns the batch id, or
    None when nothing was queued. The file is written before the commit: should the commit
    fail, the messages stay queued and the next batch repeats them (creditors match on
    bericht_id, so a repeat does no harm)."""
    _require_uitwisselen(actor)
    adapter = adapter or skn_adapter()
    with transaction.atomic():
        berichten = list(
            SknBericht.objects.select_for_update()
            .filter(
                organisatie=actor.organisatie, uitgaand=True, status=SknBerichtStatus.KLAARGEZET
            )
            .select_related("schuld")
        )
        if not berichten:
            return None
        batch = f"{timezone.now():%Y%m%d%H%M%S}-{uuid_module.uuid4().hex[:8]}"
        adapter.batch_versturen(
            batch,
            {
                "formaat": FORMAAT,
                "batch": batch,
                "afzender": {"rsin": actor.organisatie.rsin, "naam": actor.organisatie.naam},
                "aangemaakt_op": timezone.now().isoformat(),
                "berichten": [
                    {
                        "bericht_id": str(b.uuid),
                        "soort": b.soort,
                        "schuld": str(b.schuld.uuid),
                        **b.inhoud,
                    }
                    for b in berichten
                ],
            },
        )
        SknBericht.objects.filter(pk__in=[b.pk for b in berichten]).update(
            status=SknBerichtStatus.VERZONDEN, batch=batch, gewijzigd_op=timezone.now()
        )
    return batch


@dataclass
class SknVerwerking:
    """What handling the answer files did: per file, applied or the reason it was refused."""

    verwerkt: list[str] = field(default_factory=list)
    fouten: dict[str, list[str]] = field(default_factory=dict)
    opgaven: int = 0


def _verzoek(actor: Actor, bericht: dict[str, Any]) -> SknBericht:
    sleutel = bericht.get("in_antwoord_op") or ""
    try:
        return SknBericht.objects.select_related("schuld__dossier__zaak").get(
            organisatie=actor.organisatie, uitgaand=True, uuid=uuid_module.UUID(str(sleutel))
        )
    except (SknBericht.DoesNotExist, ValueError) as error:
        raise ValidationError(
            _("Antwoord op onbekend bericht '%(id)s'.") % {"id": sleutel}
        ) from error


def _antwoord_toepassen(actor: Actor, bericht: dict[str, Any]) -> bool:
    """Apply one answer message; True when it was an opgave."""
    soort = bericht.get("soort")
    if soort not in ANTWOORD_SOORTEN:
        raise ValidationError(_("Onbekende berichtsoort '%(s)s'.") % {"s": soort})
    verzoek = _verzoek(actor, bericht)
    schuld = verzoek.schuld
    if bericht.get("schuld") and str(bericht["schuld"]) != str(schuld.uuid):
        raise ValidationError(_("Het antwoord hoort bij een andere schuld dan het verzoek."))
    if soort == SknSoort.OPGAVE:
        schuld_opgave_registreren(
            actor=actor,
            schuld=schuld,
            actueel_bedrag=invoer.bedrag(str(bericht.get("actueel_bedrag", "")), "actueel_bedrag"),
            oorspronkelijk_bedrag=(
                invoer.bedrag(str(bericht["oorspronkelijk_bedrag"]), "oorspronkelijk_bedrag")
                if bericht.get("oorspronkelijk_bedrag") not in (None, "")
                else None
            ),
            kenmerk=bericht.get("kenmerk") or None,
            ontvangen_op=(
                invoer.datum(str(bericht["datum"]), "datum") if bericht.get("datum") else None
            ),
            toelichting=_("Opgave via het Schuldenknooppunt."),
        )
    ontvangen = SknBericht.objects.create(
        organisatie=actor.organisatie,
        schuld=schuld,
        soort=soort,
        uitgaand=False,
        status=SknBerichtStatus.ONTVANGEN,
        batch=verzoek.batch,
        in_antwoord_op=verzoek,
        inhoud=bericht,
    )
    if soort != SknSoort.STATUS:
        verzoek.status = SknBerichtStatus.BEANTWOORD
        verzoek.save(update_fields=["status", "gewijzigd_op"])
    zaak_audit_record(actor, f"skn_{soort}_ontvangen", ontvangen, schuld.dossier.zaak)
    return soort == SknSoort.OPGAVE


def skn_antwoorden_verwerken(
    *, actor: Actor, adapter: SchuldenknooppuntAdapter | None = None
) -> SknVerwerking:
    """Read the answer files and apply them, each file all or nothing."""
    _require_uitwisselen(actor)
    adapter = adapter or skn_adapter()
    uitkomst = SknVerwerking()
    for bestand in adapter.antwoorden_ophalen():
        fouten: list[str] = []
        opgaven = 0
        try:
            with transaction.atomic():
                for nummer, bericht in enumerate(bestand.berichten, start=1):
                    try:
                        with transaction.atomic():
                            opgaven += _antwoord_toepassen(actor, bericht)
                    except (ValidationError, NietGevonden, ToegangGeweigerd) as error:
                        meldingen = getattr(error, "messages", [str(error)])
                        fouten.append(
                            _("bericht %(n)s: %(m)s") % {"n": nummer, "m": " ".join(meldingen)}
                        )
                if fouten:
                    raise _Terug
        except _Terug:
            adapter.antwoord_afronden(bestand.naam, gelukt=False, verslag="\n".join(fouten))
            uitkomst.fouten[bestand.naam] = fouten
            continue
        adapter.antwoord_afronden(bestand.naam, gelukt=True)
        uitkomst.verwerkt.append(bestand.naam)
        uitkomst.opgaven += opgaven
    return uitkomst


def skn_antwoord_opnieuw_verwerken(
    *, actor: Actor, naam: str, adapter: SchuldenknooppuntAdapter | None = None
) -> SknVerwerking:
    """Offer a refused answer file again and handle the waiting answers (after the cause was
    fixed, e.g. the debt it names now exists). Audited on the organisation: a file may hold
    answers for several dossiers."""
    _require_uitwisselen(actor)
    adapter = adapter or skn_adapter()
    adapter.antwoord_opnieuw_aanbieden(naam)
    audit_entry_record(
        actor=actor,
        actie="skn_antwoord_opnieuw_aangeboden",
        obj=actor.organisatie,
        wijzigingen={"bestand": [None, naam]},
    )
    return skn_antwoorden_ophalen(actor=actor, adapter=adapter)


def skn_antwoorden_ophalen(
    *, actor: Actor, adapter: SchuldenknooppuntAdapter | None = None
) -> SknVerwerking:
    """Handle the waiting answer files now, started by a consultant or the functional
    administrator from the status screen. An answer file holds answers for any dossier of
    the organisation, so it is applied by the system on the user's behalf (as the scheduled
    run does), not with the user's own access: otherwise one consultant's press would refuse
    a file because it also answers a colleague's dossier. Who started it is in the audit."""
    _require_uitwisselen(actor)
    audit_entry_record(
        actor=actor, actie="skn_antwoorden_opgehaald", obj=actor.organisatie, wijzigingen={}
    )
    systeem = Actor.system(
        actor.organisatie,
        weergave=_("Systeem (Schuldenknooppunt, gestart door %(wie)s)") % {"wie": actor.weergave},
    )
    return skn_antwoorden_verwerken(actor=systeem, adapter=adapter)


class _Terug(Exception):
    """Rolls back an answer file with errors."""


def skn_berichten(*, schuld: Schuld) -> list[SknBericht]:
    """The messages of one debt, for its page (the caller has checked access to the debt)."""
    return list(schuld.skn_berichten.all())
