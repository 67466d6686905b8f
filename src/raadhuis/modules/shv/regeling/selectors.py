"""Every read of settlements. Access is part of the SQL (the case filter of the kernel); a read
that shows a client's dossier writes a processing-log entry."""

from __future__ import annotations

import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Sum

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import verwerking_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.models import ShvDossier
from raadhuis.modules.shv.regeling.berekening import NUL, MaandRegel, maandregels
from raadhuis.modules.shv.regeling.models import (
    ACTIEF,
    Aanbod,
    Afdracht,
    Reactie,
    Regeling,
    RegelingInstellingen,
    RegelingMaand,
    RegelingStatus,
    Uitbetaling,
    Verzoek,
)

DOEL = "Schuldregeling"


def instellingen_voor(organisatie: Organisatie) -> RegelingInstellingen:
    """The organisation's settlement rules; the defaults (unsaved) until an administrator saves."""
    return RegelingInstellingen.objects.filter(
        organisatie=organisatie
    ).first() or RegelingInstellingen(organisatie=organisatie)


def dossier_get(*, actor: Actor, zaak_uuid: uuid_module.UUID | str, doel: str = DOEL) -> ShvDossier:
    """A dossier, by its case's uuid (as the dossier pages of the shv app), that the actor may
    work on (its case type granted); logs the client's read. Not found and not allowed look
    the same."""
    try:
        dossier = (
            ShvDossier.objects.filter(zaak_filter(actor, prefix="zaak__"))
            .select_related("zaak__zaaktype", "zaak__behandelaar", "client", "organisatie")
            .get(zaak__uuid=uuid_module.UUID(str(zaak_uuid)))
        )
    except (ShvDossier.DoesNotExist, ValueError) as error:
        raise NietGevonden("Dossier niet gevonden.") from error
    verwerking_record(
        actor=actor,
        handeling="Schuldregeling ingezien",
        doel=doel,
        partij=dossier.client,
        zaak=dossier.zaak,
    )
    return dossier


def _in_dossier(model: type, uuid: uuid_module.UUID | str, **filters):  # noqa: ANN003,ANN202
    try:
        return model.objects.get(uuid=uuid_module.UUID(str(uuid)), **filters)
    except (model.DoesNotExist, ValueError) as error:
        raise NietGevonden(f"{model._meta.verbose_name} niet gevonden.") from error


def regeling_in_dossier(dossier: ShvDossier, uuid: uuid_module.UUID | str) -> Regeling:
    """A settlement of a dossier already fetched through `dossier_get`."""
    regeling = _in_dossier(Regeling, uuid, dossier=dossier)
    regeling.dossier = dossier
    return regeling


def aanbod_in_dossier(dossier: ShvDossier, uuid: uuid_module.UUID | str) -> Aanbod:
    aanbod = _in_dossier(Aanbod, uuid, regeling__dossier=dossier)
    aanbod.regeling.dossier = dossier
    return aanbod


def verzoek_in_dossier(dossier: ShvDossier, uuid: uuid_module.UUID | str) -> Verzoek:
    verzoek = _in_dossier(Verzoek, uuid, dossier=dossier)
    verzoek.dossier = dossier
    return verzoek


def maand_in_regeling(regeling: Regeling, volgnummer: int) -> RegelingMaand:
    try:
        return RegelingMaand.objects.get(regeling=regeling, volgnummer=volgnummer)
    except RegelingMaand.DoesNotExist as error:
        raise NietGevonden("Maand niet gevonden.") from error


@dataclass(frozen=True)
class AanbodRegel:
    aanbod: Aanbod
    uitbetaald: Decimal

    @property
    def nog_te_ontvangen(self) -> Decimal:
        return self.aanbod.aandeel - self.uitbetaald


@dataclass(frozen=True)
class RegelingStand:
    """Everything the settlement page shows for one dossier."""

    dossier: ShvDossier
    vandaag: date
    regeling: Regeling | None  # the active one, else the latest
    aanbiedingen: list[AanbodRegel] = field(default_factory=list)
    eerdere: list[Regeling] = field(default_factory=list)
    verzoeken: list[Verzoek] = field(default_factory=list)
    maanden: list[MaandRegel] = field(default_factory=list)
    slotuitkering: Uitbetaling | None = None

    @property
    def dagen_over(self) -> int | None:
        """Days left in the settlement phase while the offer is being negotiated."""
        r = self.regeling
        if r is None or r.status not in (RegelingStatus.CONCEPT, RegelingStatus.AANGEBODEN):
            return None
        return (r.fase_uiterlijk - self.vandaag).days

    @property
    def dagen_te_laat(self) -> int:
        dagen = self.dagen_over
        return -dagen if dagen is not None and dagen < 0 else 0

    @property
    def reacties(self) -> dict[str, int]:
        tellingen = {r.value: 0 for r in Reactie}
        for regel in self.aanbiedingen:
            tellingen[regel.aanbod.reactie] += 1
        return tellingen

    @property
    def weigeringen(self) -> list[Aanbod]:
        return [r.aanbod for r in self.aanbiedingen if r.aanbod.reactie == Reactie.AFGEWEZEN]

    @property
    def totaal_ontvangen(self) -> Decimal:
        return self.maanden[-1].cumulatief_ontvangen if self.maanden else NUL

    @property
    def totaal_uitbetaald(self) -> Decimal:
        return sum((r.uitbetaald for r in self.aanbiedingen), NUL)

    @property
    def volgende_uitbetaling(self) -> MaandRegel | None:
        return next((m for m in self.maanden if m.uitbetaald_op is None), None)


def regeling_stand(*, dossier: ShvDossier) -> RegelingStand:
    """The dossier's settlement with its offers, answers, requests and months. `dossier` comes
    from `dossier_get` (access checked and the read logged there)."""
    regelingen = list(Regeling.objects.filter(dossier=dossier).order_by("-volgnummer"))
    today = vandaag(dossier.organisatie.tijdzone)
    verzoeken = list(
        Verzoek.objects.filter(dossier=dossier)
        .select_related("document")
        .prefetch_related(
            Prefetch("weigeraars", queryset=Aanbod.objects.select_related("schuldeiser__partij"))
        )
        .order_by("aangemaakt_op", "id")
    )
    if not regelingen:
        return RegelingStand(dossier=dossier, vandaag=today, regeling=None, verzoeken=verzoeken)
    regeling = next((r for r in regelingen if r.status in ACTIEF), regelingen[0])
    regeling.dossier = dossier
    aanbiedingen = list(
        regeling.aanbiedingen.select_related("schuld", "schuldeiser__partij").order_by("id")
    )
    uitbetaald = dict(
        Afdracht.objects.filter(aanbod__regeling=regeling)
        .values_list("aanbod_id")
        .annotate(som=Sum("bedrag"))
        .order_by()
    )
    return RegelingStand(
        dossier=dossier,
        vandaag=today,
        regeling=regeling,
        aanbiedingen=[AanbodRegel(a, uitbetaald.get(a.pk, NUL)) for a in aanbiedingen],
        eerdere=[r for r in regelingen if r.pk != regeling.pk],
        verzoeken=verzoeken,
        maanden=_maanden(regeling),
        slotuitkering=Uitbetaling.objects.filter(regeling=regeling, slot=True).first(),
    )


def _maanden(regeling: Regeling) -> list[MaandRegel]:
    uitbetalingen: dict[int, Uitbetaling] = {
        u.maand_id: u for u in Uitbetaling.objects.filter(regeling=regeling, slot=False)
    }
    return maandregels(
        (
            m.volgnummer,
            m.maand,
            m.verwacht,
            m.ontvangen,
            uitbetalingen[m.pk].bedrag if m.pk in uitbetalingen else NUL,
            uitbetalingen[m.pk].datum if m.pk in uitbetalingen else None,
        )
        for m in regeling.maanden.order_by("volgnummer")
    )


def afdrachten_per_maand(regeling: Regeling) -> dict[int, dict[int, Decimal]]:
    """{maand volgnummer: {aanbod id: bedrag}} of the monthly payouts (the final one under 0)."""
    result: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for volgnummer, slot, aanbod_id, bedrag in Afdracht.objects.filter(
        uitbetaling__regeling=regeling
    ).values_list("uitbetaling__maand__volgnummer", "uitbetaling__slot", "aanbod_id", "bedrag"):
        result[0 if slot else volgnummer][aanbod_id] = bedrag
    return dict(result)
