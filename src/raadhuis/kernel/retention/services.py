"""Every write of the destruction process: a list is drawn up, reviewed by a second
functioneel beheerder (four eyes) and executed case by case; and the recomputation of archive
dates after a retention term changed.

Allowed moves are in workflow.py; the destruction of one case is in vernietigen.py. Every
function checks the actor, locks what it changes, writes in one transaction with its audit
entry. No audit entry written here holds personal data: cases are named by their number, never
by their description; parties not at all.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_event_queue
from raadhuis.kernel.catalog.models import ResultaatType
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd, field_error
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.kernel.retention import workflow
from raadhuis.kernel.retention.models import (
    TE_VERWERKEN,
    Beoordeling,
    BeoordelingBesluit,
    ItemStatus,
    LijstStatus,
    Vernietigingslijst,
    VernietigingslijstItem,
    Vernietigingsverslag,
)
from raadhuis.kernel.retention.rules import (
    archiefactiedatum_bepalen,
    archiefnominatie_bepalen,
    bewaartermijn_geldend,
    brondatum_van_zaak,
)
from raadhuis.kernel.retention.selectors import (
    gesloten_zaken_met_resultaattype,
    require_beheer,
    zaken_te_vernietigen_query,
)
from raadhuis.kernel.retention.vernietigen import item_verwerken, zaak_verwijzing
from raadhuis.kernel.workflow.calendar import vandaag

NON_FIELD = "__all__"


# --- helpers ----------------------------------------------------------------------------------
def _medewerker_vereist(actor: Actor) -> Medewerker:
    """Four eyes need two known people: these steps are done by a medewerker, not a system."""
    if actor.medewerker is None:
        raise ToegangGeweigerd(_("Alleen een medewerker kan dit doen."))
    return actor.medewerker


def _lijst_locked(actor: Actor, lijst: Vernietigingslijst) -> Vernietigingslijst:
    locked = (
        Vernietigingslijst.objects.select_for_update()
        .filter(pk=lijst.pk, organisatie_id=actor.organisatie.pk)
        .first()
    )
    if locked is None:
        raise NietGevonden("Vernietigingslijst niet gevonden.")
    return locked


def _overgang_check(actie: str, lijst: Vernietigingslijst) -> None:
    if not workflow.mag(actie, lijst.status):
        raise ValidationError(
            {
                NON_FIELD: ValidationError(
                    _("Dit kan niet bij een lijst met de status ‘%(status)s’.")
                    % {"status": lijst.get_status_display()},
                    code="status",
                )
            }
        )


def _alleen_auteur(actor: Actor, lijst: Vernietigingslijst) -> None:
    medewerker = _medewerker_vereist(actor)
    if medewerker.pk != lijst.auteur_id:
        raise ToegangGeweigerd(_("Alleen wie de lijst heeft opgesteld, kan haar wijzigen."))


def _verplicht(veld: str, waarde: str, melding: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise field_error(veld, melding, code="required")
    return waarde


# --- drawing up a list --------------------------------------------------------------------------
def vernietigingslijst_create(
    *,
    actor: Actor,
    naam: str,
    toelichting: str = "",
    zaaktype_identificatie: str = "",
    tot: date | None = None,
    peildatum: date | None = None,
) -> Vernietigingslijst:
    """A new list of every closed case to be destroyed whose archive action date has passed
    (on `tot`, when given and earlier than today), optionally of one case type."""
    require_beheer(actor)
    auteur = _medewerker_vereist(actor)
    naam = _verplicht("naam", naam, _("Geef de lijst een naam."))
    if len(naam) > 200:
        raise field_error("naam", _("De naam is maximaal 200 tekens."), code="max_length")
    peildatum = peildatum or vandaag(actor.organisatie.tijdzone)
    with transaction.atomic():
        zaken = list(
            zaken_te_vernietigen_query(
                organisatie_id=actor.organisatie.pk,
                peildatum=peildatum,
                zaaktype_identificatie=zaaktype_identificatie,
                tot=tot,
            )
            .select_for_update(of=("self",))
            .select_related("zaaktype", "resultaat__resultaattype")
        )
        if not zaken:
            raise ValidationError(
                {
                    NON_FIELD: ValidationError(
                        _("Er zijn geen zaken die aan deze selectie voldoen."), code="leeg"
                    )
                }
            )
        lijst = Vernietigingslijst.objects.create(
            organisatie=actor.organisatie,
            naam=naam,
            toelichting=toelichting.strip(),
            auteur=auteur,
            selectie={
                "zaaktype": zaaktype_identificatie,
                "tot": (tot or peildatum).isoformat(),
                "peildatum": peildatum.isoformat(),
            },
        )
        regels: dict[int, tuple[str, str]] = {}
        VernietigingslijstItem.objects.bulk_create(
            [_item_van(lijst, zaak, regels) for zaak in zaken]
        )
        audit_entry_record(
            actor=actor,
            actie="vernietigingslijst_opgesteld",
            obj=lijst,
            wijzigingen={"zaken": [None, len(zaken)], "selectie": [None, lijst.selectie]},
            toelichting=lijst.toelichting,
        )
    return lijst


def _item_van(
    lijst: Vernietigingslijst, zaak: Zaak, regels: dict[int, tuple[str, str]]
) -> VernietigingslijstItem:
    """What the record keeps of a case: number, type, result, dates and the rule (no personal
    data: not the case's own description, no parties)."""
    resultaattype = zaak.resultaat.resultaattype if hasattr(zaak, "resultaat") else None
    termijn, regel = "", ""
    if resultaattype is not None:
        if resultaattype.pk not in regels:
            geldend = bewaartermijn_geldend(resultaattype)
            regels[resultaattype.pk] = (
                geldend.archiefactietermijn,
                _(
                    "Resultaattype ‘%(resultaat)s’ van zaaktype %(zaaktype)s (versie "
                    "%(versie)s): %(nominatie)s na %(termijn)s. Bron: %(bron)s"
                )
                % {
                    "resultaat": resultaattype.omschrijving,
                    "zaaktype": zaak.zaaktype.identificatie,
                    "versie": zaak.zaaktype.versiedatum.isoformat(),
                    "nominatie": geldend.archiefnominatie_weergave.lower(),
                    "termijn": geldend.archiefactietermijn,
                    "bron": geldend.bron(),
                },
            )
        termijn, regel = regels[resultaattype.pk]
    return VernietigingslijstItem(
        lijst=lijst,
        zaak_uuid=zaak.uuid,
        identificatie=zaak.identificatie,
        bronorganisatie=zaak.bronorganisatie,
        zaaktype_identificatie=zaak.zaaktype.identificatie,
        zaaktype_omschrijving=zaak.zaaktype.omschrijving,
        zaaktype_versiedatum=zaak.zaaktype.versiedatum,
        resultaattype_uuid=resultaattype.uuid if resultaattype else None,
        resultaat=resultaattype.omschrijving if resultaattype else "",
        selectielijstklasse=(
            zaak.selectielijstklasse or (resultaattype.selectielijstklasse if resultaattype else "")
        ),
        startdatum=zaak.startdatum,
        # Both are set: the selection takes closed cases with an archive action date only.
        einddatum=cast(date, zaak.einddatum),
        archiefnominatie=zaak.archiefnominatie,
        archiefactiedatum=cast(date, zaak.archiefactiedatum),
        archiefactietermijn=termijn,
        regel=regel[:1000],
    )


def vernietigingslijst_item_uitzonderen(
    *, actor: Actor, item: VernietigingslijstItem, reden: str
) -> VernietigingslijstItem:
    """Take a case off the list (it is kept), with a reason; only its author, before review."""
    require_beheer(actor)
    reden = _verplicht("reden", reden, _("Geef een reden waarom deze zaak bewaard blijft."))
    with transaction.atomic():
        lijst = _lijst_locked(actor, item.lijst)
        _alleen_auteur(actor, lijst)
        _overgang_check("uitzonderen", lijst)
        item = VernietigingslijstItem.objects.select_for_update().get(pk=item.pk, lijst=lijst)
        if item.status != ItemStatus.OPGENOMEN:
            raise field_error("reden", _("Deze zaak staat niet meer op de lijst."), code="status")
        item.status = ItemStatus.UITGEZONDERD
        item.reden = reden
        item.uitgezonderd_door = actor.medewerker
        item.save(update_fields=["status", "reden", "uitgezonderd_door"])
        audit_entry_record(
            actor=actor,
            actie="vernietigingslijst_zaak_uitgezonderd",
            obj=item,
            wijzigingen={"status": [ItemStatus.OPGENOMEN.value, item.status]},
            toelichting=reden,
            zaak_uuid=item.zaak_uuid,
        )
    return item


def vernietigingslijst_indienen(
    *, actor: Actor, lijst: Vernietigingslijst, toelichting: str = ""
) -> Vernietigingslijst:
    """Offer the list for review by another functioneel beheerder (again, after a rejection)."""
    require_beheer(actor)
    with transaction.atomic():
        lijst = _lijst_locked(actor, lijst)
        _alleen_auteur(actor, lijst)
        _overgang_check("indienen", lijst)
        if not lijst.items.filter(status=ItemStatus.OPGENOMEN).exists():
            raise ValidationError(
                {NON_FIELD: ValidationError(_("Er staan geen zaken op de lijst."), code="leeg")}
            )
        oud = lijst.status
        lijst.status = LijstStatus.TER_BEOORDELING
        lijst.ingediend_op = timezone.now()
        lijst.beoordelaar = None
        lijst.beoordeeld_op = None
        lijst.save(update_fields=["status", "ingediend_op", "beoordelaar", "beoordeeld_op"])
        audit_entry_record(
            actor=actor,
            actie="vernietigingslijst_ingediend",
            obj=lijst,
            wijzigingen={"status": [oud, lijst.status]},
            toelichting=toelichting.strip(),
        )
    return lijst


def vernietigingslijst_beoordelen(
    *, actor: Actor, lijst: Vernietigingslijst, goedkeuren: bool, toelichting: str = ""
) -> Beoordeling:
    """Approve or reject a submitted list. Four eyes: whoever drew it up may not review it."""
    require_beheer(actor)
    beoordelaar = _medewerker_vereist(actor)
    toelichting = (toelichting or "").strip()
    if not goedkeuren:
        _verplicht("toelichting", toelichting, _("Geef aan waarom je de lijst afwijst."))
    with transaction.atomic():
        lijst = _lijst_locked(actor, lijst)
        if beoordelaar.pk == lijst.auteur_id or (
            actor.user_id is not None and actor.user_id == lijst.auteur.user_id
        ):
            raise ToegangGeweigerd(
                _(
                    "Je kunt je eigen vernietigingslijst niet beoordelen: een andere "
                    "functioneel beheerder moet dat doen (vier ogen)."
                )
            )
        actie = "goedkeuren" if goedkeuren else "afwijzen"
        _overgang_check(actie, lijst)
        oud = lijst.status
        besluit = BeoordelingBesluit.GOEDGEKEURD if goedkeuren else BeoordelingBesluit.AFGEWEZEN
        beoordeling = Beoordeling.objects.create(
            lijst=lijst, beoordelaar=beoordelaar, besluit=besluit, toelichting=toelichting
        )
        lijst.status = LijstStatus.GOEDGEKEURD if goedkeuren else LijstStatus.AFGEWEZEN
        lijst.beoordelaar = beoordelaar
        lijst.beoordeeld_op = beoordeling.tijdstip
        lijst.save(update_fields=["status", "beoordelaar", "beoordeeld_op"])
        audit_entry_record(
            actor=actor,
            actie=f"vernietigingslijst_{besluit}",
            obj=lijst,
            wijzigingen={"status": [oud, lijst.status]},
            toelichting=toelichting,
        )
    return beoordeling


# --- execution --------------------------------------------------------------------------------
def vernietigingslijst_uitvoeren(
    *, actor: Actor, lijst: Vernietigingslijst, peildatum: date | None = None
) -> Vernietigingsverslag:
    """Destroy every case of an approved list, each in its own transaction, and write the
    report. Running it again is safe: destroyed and skipped cases are left alone, failed ones
    are tried again, and a list that is done returns its report unchanged."""
    require_beheer(actor)
    peildatum = peildatum or vandaag(actor.organisatie.tijdzone)
    with transaction.atomic():
        lijst = _lijst_locked(actor, lijst)
        _overgang_check("uitvoeren", lijst)
        verslag, _nieuw = Vernietigingsverslag.objects.get_or_create(
            lijst=lijst, defaults={"organisatie_id": lijst.organisatie_id}
        )
        if lijst.status == LijstStatus.VERNIETIGD:
            return verslag
        if lijst.uitgevoerd_op is None:
            lijst.uitgevoerd_op = timezone.now()
        lijst.uitvoerder = actor.medewerker
        lijst.uitvoerder_weergave = actor.weergave[:200]
        lijst.save(update_fields=["uitgevoerd_op", "uitvoerder", "uitvoerder_weergave"])
        audit_entry_record(
            actor=actor,
            actie="vernietigingslijst_uitvoering_gestart",
            obj=lijst,
            wijzigingen={"te_verwerken": lijst.items.filter(status__in=TE_VERWERKEN).count()},
        )
    for item_pk in _verwerkingsvolgorde(lijst):
        item_verwerken(actor=actor, lijst=lijst, item_pk=item_pk, peildatum=peildatum)
    return _verslag_bijwerken(actor, lijst)


def _verwerkingsvolgorde(lijst: Vernietigingslijst) -> list[int]:
    """Sub-cases before their main case: a main case goes only when its sub-cases are gone."""
    items = list(
        lijst.items.filter(status__in=TE_VERWERKEN)
        .order_by("archiefactiedatum", "identificatie", "pk")
        .values_list("pk", "zaak_uuid")
    )
    deelzaken = set(
        Zaak.objects.filter(uuid__in=[z for _pk, z in items], hoofdzaak__isnull=False).values_list(
            "uuid", flat=True
        )
    )
    return [pk for pk, z in sorted(items, key=lambda i: i[1] not in deelzaken)]


def _verslag_bijwerken(actor: Actor, lijst: Vernietigingslijst) -> Vernietigingsverslag:
    with transaction.atomic():
        lijst = _lijst_locked(actor, lijst)
        verslag = Vernietigingsverslag.objects.select_for_update().get(lijst=lijst)
        rijen = lijst.items.order_by().values("status").annotate(n=Count("pk"))
        per_status = {r["status"]: r["n"] for r in rijen}
        verslag.aantal_vernietigd = per_status.get(ItemStatus.VERNIETIGD, 0)
        verslag.aantal_overgeslagen = per_status.get(ItemStatus.OVERGESLAGEN, 0)
        verslag.aantal_mislukt = per_status.get(ItemStatus.MISLUKT, 0)
        verslag.aantal_uitgezonderd = per_status.get(ItemStatus.UITGEZONDERD, 0)
        klaar = not any(per_status.get(s, 0) for s in TE_VERWERKEN)
        verslag.afgerond = klaar
        verslag.save()
        if klaar and lijst.status != LijstStatus.VERNIETIGD:
            lijst.status = LijstStatus.VERNIETIGD
            lijst.afgerond_op = timezone.now()
            lijst.save(update_fields=["status", "afgerond_op"])
        audit_entry_record(
            actor=actor,
            actie="vernietigingslijst_uitgevoerd",
            obj=lijst,
            wijzigingen={
                "vernietigd": verslag.aantal_vernietigd,
                "overgeslagen": verslag.aantal_overgeslagen,
                "mislukt": verslag.aantal_mislukt,
                "status": lijst.status,
            },
        )
    return verslag


# --- recomputing archive dates after a change of term ------------------------------------------
HERBEREKENEN_PER_TRANSACTIE = 200


def archiefactiedata_herberekenen(*, actor: Actor, resultaattype: ResultaatType, reden: str) -> int:
    """Give the closed cases with this result the nomination and archive action date the term
    that applies now gives them (the explicit action after a change of term;
    docs/decisions/retention-terms.md). Returns how many cases changed. Cases are done in
    batches, each batch one transaction; running it again changes nothing more."""
    require_beheer(actor)
    _medewerker_vereist(actor)
    reden = _verplicht("reden", reden, _("Geef een reden voor het herberekenen."))
    if resultaattype.zaaktype.catalogus.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Resultaattype niet gevonden.")
    pks = list(
        gesloten_zaken_met_resultaattype(
            organisatie_id=actor.organisatie.pk, resultaattype=resultaattype
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    gewijzigd = 0
    for start in range(0, len(pks), HERBEREKENEN_PER_TRANSACTIE):
        with transaction.atomic():
            batch = pks[start : start + HERBEREKENEN_PER_TRANSACTIE]
            for zaak in (
                Zaak.objects.select_for_update(of=("self",))
                .select_related("zaaktype", "organisatie", "resultaat__resultaattype", "hoofdzaak")
                .filter(pk__in=batch, einddatum__isnull=False)
            ):
                gewijzigd += _zaak_herberekenen(actor, zaak, reden)
    with transaction.atomic():
        audit_entry_record(
            actor=actor,
            actie="archiefactiedata_herberekend",
            obj=resultaattype,
            wijzigingen={"zaken": len(pks), "gewijzigd": gewijzigd},
            toelichting=reden,
        )
    return gewijzigd


def _zaak_herberekenen(actor: Actor, zaak: Zaak, reden: str) -> int:
    resultaattype = zaak.resultaat.resultaattype
    oud: dict[str, Any] = {
        "archiefnominatie": zaak.archiefnominatie,
        "archiefactiedatum": zaak.archiefactiedatum,
    }
    nieuw: dict[str, Any] = {
        "archiefnominatie": archiefnominatie_bepalen(resultaattype=resultaattype),
        "archiefactiedatum": archiefactiedatum_bepalen(
            resultaattype=resultaattype, brondatum=brondatum_van_zaak(zaak)
        ),
    }
    if nieuw["archiefactiedatum"] is None:
        # The date cannot be derived now (data missing): keep what the case has.
        nieuw["archiefactiedatum"] = oud["archiefactiedatum"]
    wijzigingen = {
        k: [str(v) if v else v, str(nieuw[k]) if nieuw[k] else nieuw[k]]
        for k, v in oud.items()
        if v != nieuw[k]
    }
    if not wijzigingen:
        return 0
    zaak.archiefnominatie = nieuw["archiefnominatie"]
    zaak.archiefactiedatum = nieuw["archiefactiedatum"]
    zaak.save(update_fields=["archiefnominatie", "archiefactiedatum"])
    audit_entry_record(
        actor=actor,
        actie="archiefactiedatum_herberekend",
        obj=zaak_verwijzing(zaak),
        wijzigingen=wijzigingen,
        toelichting=reden,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaak", actie="partial_update")
    return 1
