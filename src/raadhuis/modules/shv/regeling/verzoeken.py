"""Court requests when the amicable route stalls, drafted from templates and stored as documents
of the case: a forced settlement (dwangakkoord, art. 287a Fw) against refusing creditors, a
moratorium (art. 287b Fw), a provisional measure (art. 287 lid 4 Fw) and the request for the
statutory debt scheme (verzoekschrift Wsnp, art. 284 Fw) with its standard attachments.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.services import zaak_event_queue
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.models import ShvDossier
from raadhuis.modules.shv.regeling.brieven import verzoek_document_maken
from raadhuis.modules.shv.regeling.models import (
    ACTIEF,
    Grondslag,
    Reactie,
    Regeling,
    RegelingStatus,
    Verzoek,
    VerzoekSoort,
    VerzoekStatus,
)
from raadhuis.modules.shv.regeling.services import dossier_lock, regeling_start
from raadhuis.modules.shv.regeling.workflow import verzoek_overgang_check

# The documents that go with each request (art. 285 lid 1 Fw for the Wsnp request; the court's
# model forms ask the same for a forced settlement).
VERKLARING_285 = gettext_lazy("Verklaring art. 285 lid 1 onder f Fw (schuldhulpverlener)")
SCHULDENOVERZICHT = gettext_lazy("Schuldenoverzicht (staat van schulden en schuldeisers)")
VTLB = gettext_lazy("VTLB-berekening")
AANBOD = gettext_lazy("Aanbod aan de schuldeisers")
REACTIES = gettext_lazy("Reacties van de schuldeisers")
BIJLAGEN = {
    VerzoekSoort.WSNP: (VERKLARING_285, SCHULDENOVERZICHT, VTLB, AANBOD, REACTIES),
    VerzoekSoort.DWANGAKKOORD: (VERKLARING_285, SCHULDENOVERZICHT, VTLB, AANBOD, REACTIES),
    VerzoekSoort.MORATORIUM: (
        gettext_lazy("Verklaring dat een minnelijke schuldregeling wordt voorbereid"),
        SCHULDENOVERZICHT,
        gettext_lazy("Stukken van de dreigende maatregel (aanzegging, afsluitbericht)"),
    ),
    VerzoekSoort.VOORLOPIGE_VOORZIENING: (
        SCHULDENOVERZICHT,
        gettext_lazy("Stukken van de dreigende maatregel (aanzegging, afsluitbericht)"),
    ),
}


def _laatste_regeling(dossier: ShvDossier) -> Regeling | None:
    return Regeling.objects.filter(dossier=dossier).order_by("-volgnummer").first()


def _voorwaarden_check(soort: str, regeling: Regeling | None) -> None:
    """Why a request cannot be drafted yet, as a Dutch message (none when it can)."""
    if soort == VerzoekSoort.DWANGAKKOORD:
        if regeling is None or regeling.status != RegelingStatus.AANGEBODEN:
            raise ValidationError(
                _("Een dwangakkoord vraag je aan bij een uitstaand aanbod."), code="geen-aanbod"
            )
        if not regeling.aanbiedingen.filter(reactie=Reactie.AFGEWEZEN).exists():
            raise ValidationError(
                _("Een dwangakkoord is pas nodig als een schuldeiser het aanbod afwijst."),
                code="geen-weigering",
            )
    elif soort == VerzoekSoort.WSNP:
        mislukt = regeling is not None and (
            regeling.status == RegelingStatus.MISLUKT
            or (
                regeling.status == RegelingStatus.AANGEBODEN
                and regeling.aanbiedingen.filter(reactie=Reactie.AFGEWEZEN).exists()
            )
        )
        if not mislukt:
            raise ValidationError(
                _(
                    "Een verzoekschrift Wsnp volgt als het minnelijk traject mislukt: een "
                    "schuldeiser wijst het aanbod af, of het traject is beëindigd."
                ),
                code="minnelijk-niet-mislukt",
            )


def verzoek_opstellen(
    *, actor: Actor, dossier: ShvDossier, soort: str, toelichting: str = ""
) -> Verzoek:
    """Draft a court request from its template and keep it as a document of the case."""
    if soort not in VerzoekSoort.values:
        raise ValidationError({"soort": _("Kies een soort verzoek.")})
    with transaction.atomic():
        dossier, zaak = dossier_lock(actor, dossier)
        regeling = _laatste_regeling(dossier)
        _voorwaarden_check(soort, regeling)
        if Verzoek.objects.filter(
            dossier=dossier,
            soort=soort,
            status__in=[VerzoekStatus.CONCEPT, VerzoekStatus.INGEDIEND],
        ).exists():
            raise ValidationError(
                _("Er is al een %(soort)s in behandeling.")
                % {"soort": VerzoekSoort(soort).label.lower()},
                code="verzoek-bestaat",
            )
        verzoek = Verzoek.objects.create(
            organisatie=dossier.organisatie,
            dossier=dossier,
            regeling=regeling,
            soort=soort,
            bijlagen=[str(b) for b in BIJLAGEN[soort]],
            toelichting=toelichting,
        )
        if soort == VerzoekSoort.DWANGAKKOORD:
            verzoek.weigeraars.set(regeling.aanbiedingen.filter(reactie=Reactie.AFGEWEZEN))
        verzoek.document = verzoek_document_maken(actor=actor, zaak=zaak, verzoek=verzoek)
        verzoek.save(update_fields=["document"])
        audit_entry_record(
            actor=actor,
            actie="verzoek_opgesteld",
            obj=verzoek,
            wijzigingen={"soort": [None, soort], "bijlagen": [None, verzoek.bijlagen]},
            toelichting=toelichting,
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(zaak, resource="verzoek", actie="create", resource_uuid=verzoek.uuid)
    return verzoek


def _verzoek_lock(actor: Actor, verzoek: Verzoek) -> tuple[Verzoek, object]:
    _dossier, zaak = dossier_lock(actor, verzoek.dossier)
    return Verzoek.objects.select_for_update().get(pk=verzoek.pk), zaak


def _verzoek_status(actor: Actor, zaak, verzoek: Verzoek, naar: str, toelichting: str) -> None:  # noqa: ANN001
    verzoek_overgang_check(verzoek.status, naar)
    van, verzoek.status = verzoek.status, naar
    verzoek.save(update_fields=["status", "ingediend_op", "uitspraak_op"])
    audit_entry_record(
        actor=actor,
        actie="verzoek_status",
        obj=verzoek,
        wijzigingen={"status": [van, naar]},
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="verzoek", actie="partial_update", resource_uuid=verzoek.uuid)


def _datum_check(datum: date | None, actor: Actor) -> date:
    today = vandaag(actor.organisatie.tijdzone)
    datum = datum or today
    if datum > today:
        raise ValidationError({"datum": _("De datum ligt niet in de toekomst.")})
    return datum


def verzoek_indienen(*, actor: Actor, verzoek: Verzoek, datum: date | None = None) -> Verzoek:
    """Record that the request went to the court."""
    datum = _datum_check(datum, actor)
    with transaction.atomic():
        verzoek, zaak = _verzoek_lock(actor, verzoek)
        verzoek.ingediend_op = datum
        _verzoek_status(actor, zaak, verzoek, VerzoekStatus.INGEDIEND, "")
    return verzoek


def verzoek_uitspraak_registreren(
    *,
    actor: Actor,
    verzoek: Verzoek,
    toegewezen: bool,
    datum: date | None = None,
    toelichting: str = "",
) -> Verzoek:
    """Record the court's decision. A forced settlement granted makes the offer binding on the
    refusing creditors: the settlement starts."""
    datum = _datum_check(datum, actor)
    with transaction.atomic():
        verzoek, zaak = _verzoek_lock(actor, verzoek)
        verzoek.uitspraak_op = datum
        naar = VerzoekStatus.TOEGEWEZEN if toegewezen else VerzoekStatus.AFGEWEZEN
        _verzoek_status(actor, zaak, verzoek, naar, toelichting)
        regeling = verzoek.regeling
        if (
            toegewezen
            and verzoek.soort == VerzoekSoort.DWANGAKKOORD
            and regeling is not None
            and regeling.status in ACTIEF
        ):
            regeling_start(
                actor=actor, regeling=regeling, grondslag=Grondslag.DWANGAKKOORD, datum=datum
            )
    return verzoek
