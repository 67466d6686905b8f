"""Every read of complaints.

Who sees which complaint (a SQL filter, `klacht_filter`, and its in-Python twin
`mag_klacht_zien`): a medewerker with access to the complaint case type sees the complaints of
their own departments (their organisational units and the units below them), plus the ones they
handle or registered themselves. A complaints coordinator is placed in a unit above the
departments (or in each department). Team leaders see the report only (aggregates, no names);
auditors see the audit trail, not complaints. Every list or page that shows complainants writes
a processing-log entry.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import NOTHING, require_role, zaak_filter
from raadhuis.kernel.audit.services import verwerking_record, verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import Partij, normalise_for_search
from raadhuis.modules.crm.klachten.models import EINDSTATUSSEN, Klacht
from raadhuis.modules.crm.relatiepagina import Blokfunctie
from raadhuis.modules.crm.selectors import eenheden_met_onderliggende

MAY_WORK = (Rol.MEDEWERKER,)
MAY_REPORT = (Rol.MEDEWERKER, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER)
DOEL = "Klachtbehandeling"


def afdeling_ids(actor: Actor) -> frozenset[int]:
    """The actor's organisational units and every unit below them.

    The same set as the CRM's relation scope, memoised on the actor (it lives for one
    request): the relation page and the lists build the complaint rule several times per
    request, and the units cannot change meanwhile.
    """
    return eenheden_met_onderliggende(actor)


def klacht_filter(actor: Actor, prefix: str = "") -> Q:
    """Q for the complaints `actor` may see (see the module docstring)."""
    case_access = zaak_filter(actor, prefix=f"{prefix}zaak__")
    if actor.alle_zaaktypen:
        return case_access
    if not actor.heeft_rol(*MAY_WORK) or actor.medewerker is None:
        return NOTHING
    eigen = Q(**{f"{prefix}afdeling_id__in": sorted(afdeling_ids(actor))})
    eigen |= Q(**{f"{prefix}behandelaar_id": actor.medewerker.pk})
    eigen |= Q(**{f"{prefix}geregistreerd_door_id": actor.medewerker.pk})
    return case_access & eigen


def klachtzaak_regel(actor: Actor, prefix: str = "") -> Q:
    """The department rule on the complaint's own case (kernel zaak_filter, per case type):
    the case of a complaint is for the same people as the complaint (see klacht_filter)."""
    if actor.medewerker is None:
        return Q()
    k = f"{prefix}klacht__"
    return (
        Q(**{f"{k}afdeling_id__in": sorted(afdeling_ids(actor))})
        | Q(**{f"{k}behandelaar_id": actor.medewerker.pk})
        | Q(**{f"{k}geregistreerd_door_id": actor.medewerker.pk})
    )


def mag_klacht_zien(actor: Actor, klacht: Klacht) -> bool:
    """The in-Python twin of klacht_filter, for one complaint already loaded."""
    if klacht.organisatie_id != actor.organisatie.pk:
        return False
    zaak = klacht.zaak
    if not actor.mag_zaak_zien(zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding):
        return False
    if actor.alle_zaaktypen:
        return True
    if actor.medewerker is None or not actor.heeft_rol(*MAY_WORK):
        return False
    mijn = actor.medewerker.pk
    return (
        klacht.behandelaar_id == mijn
        or klacht.geregistreerd_door_id == mijn
        or klacht.afdeling_id in afdeling_ids(actor)
    )


def _basis(actor: Actor) -> QuerySet[Klacht]:
    return Klacht.objects.filter(klacht_filter(actor), organisatie_id=actor.organisatie.pk)


@dataclass(frozen=True)
class KlachtFilters:
    zoekterm: str = ""
    status: str = ""  # a KlachtStatus, "open" or "gesloten"
    afdeling_id: int | None = None
    categorie: str = ""
    kanaal: str = ""
    termijn: str = ""  # "te_laat" (open and over the term) or "binnen_week"
    mijn: bool = False
    van: date | None = None
    tot: date | None = None


def klachten_lijst(
    *, actor: Actor, filters: KlachtFilters, vandaag: date | None = None
) -> QuerySet[Klacht]:
    """The complaints the actor may see, filtered; the caller logs the page it shows
    (klachten_ingezien)."""
    require_role(actor, *MAY_WORK)
    qs = _basis(actor).select_related("klager", "afdeling", "behandelaar", "zaak")
    if filters.zoekterm:
        term = filters.zoekterm.strip()
        qs = qs.filter(
            Q(zaak__identificatie__istartswith=term)
            | Q(onderwerp__icontains=term)
            | Q(klager__zoeknaam__contains=normalise_for_search(term))
        )
    if filters.status == "open":
        qs = qs.exclude(status__in=EINDSTATUSSEN)
    elif filters.status == "gesloten":
        qs = qs.filter(status__in=EINDSTATUSSEN)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.afdeling_id:
        qs = qs.filter(afdeling_id=filters.afdeling_id)
    if filters.categorie:
        qs = qs.filter(categorie=filters.categorie)
    if filters.kanaal:
        qs = qs.filter(kanaal=filters.kanaal)
    if filters.mijn and actor.medewerker is not None:
        qs = qs.filter(behandelaar_id=actor.medewerker.pk)
    if filters.van:
        qs = qs.filter(ontvangen_op__gte=filters.van)
    if filters.tot:
        qs = qs.filter(ontvangen_op__lte=filters.tot)
    if filters.termijn and vandaag is not None:
        qs = qs.exclude(status__in=EINDSTATUSSEN).filter(afgehandeld_op__isnull=True)
        qs = _termijn_filter(qs, filters.termijn, vandaag)
    return qs.order_by("-ontvangen_op", "-id")


def _termijn_filter(qs: QuerySet[Klacht], termijn: str, vandaag: date) -> QuerySet[Klacht]:
    from datetime import timedelta

    from django.db.models.functions import Coalesce

    qs = qs.annotate(geldend=Coalesce("uitstel_tot", "verdaagd_tot", "uiterlijk_oorspronkelijk"))
    if termijn == "te_laat":
        return qs.filter(geldend__lt=vandaag)
    if termijn == "binnen_week":
        return qs.filter(geldend__gte=vandaag, geldend__lte=vandaag + timedelta(days=7))
    return qs


def klachten_ingezien(*, actor: Actor, klachten: list[Klacht]) -> None:
    verwerkingen_record(
        actor=actor,
        handeling="Klachten in lijst ingezien",
        doel=DOEL,
        partijen=[k.klager for k in klachten],
    )


def klacht_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Klacht:
    """One complaint by its uuid (the complaint's own, not the case's); logs the read."""
    require_role(actor, *MAY_WORK)
    try:
        klacht = (
            _basis(actor)
            .select_related(
                "klager",
                "afdeling",
                "behandelaar",
                "betreft_medewerker",
                "betreft_zaak",
                "zaak__zaaktype",
                "zaak__status_actueel__statustype",
                "termijn_taak",
            )
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Klacht.DoesNotExist, ValueError) as error:
        raise NietGevonden("Klacht niet gevonden.") from error
    verwerking_record(
        actor=actor, handeling="Klacht ingezien", doel=DOEL, partij=klacht.klager, zaak=klacht.zaak
    )
    return klacht


# What the relation page's block shows of a complaint (case number, subject, status, date
# received, department): no handler joined, no other columns loaded.
RELATIEBLOK_VELDEN = (
    "uuid",
    "organisatie_id",
    "klager_id",
    "onderwerp",
    "status",
    "ontvangen_op",
    "zaak__identificatie",
    "afdeling__naam",
)


def klachten_van_partij(*, actor: Actor, partij: Partij, limit: int = 10) -> list[Klacht]:
    """The complaints of one relation the actor may see, newest first (relation page), with
    the columns of RELATIEBLOK_VELDEN."""
    if not actor.heeft_rol(*MAY_WORK) or partij.organisatie_id != actor.organisatie.pk:
        return []
    klachten = list(
        _basis(actor)
        .filter(klager_id=partij.pk)
        .select_related("afdeling", "zaak")
        .only(*RELATIEBLOK_VELDEN)
        .order_by("-ontvangen_op", "-id")[:limit]
    )
    if klachten:
        verwerking_record(
            actor=actor, handeling="Klachten van relatie ingezien", doel=DOEL, partij=partij
        )
    return klachten


def klacht_documenten(*, actor: Actor, klacht: Klacht) -> list:
    """The documents (letters, hearing report) in the complaint's dossier."""
    from raadhuis.kernel.documents.models import ZaakInformatieObject

    return list(
        ZaakInformatieObject.objects.filter(zaak_id=klacht.zaak_id)
        .select_related("informatieobject")
        .order_by("-id")
    )


def klacht_brieven(*, klacht: Klacht) -> list:
    from raadhuis.kernel.messaging.models import Brief

    return list(
        Brief.objects.filter(zaak_id=klacht.zaak_id)
        .prefetch_related("verzendingen")
        .order_by("-id")
    )


def behandelaar_keuzes(actor: Actor) -> list:
    """Active medewerkers who may handle complaints (the medewerker role)."""
    from raadhuis.kernel.organisations.models import Medewerker

    return [
        m
        for m in Medewerker.objects.filter(organisatie_id=actor.organisatie.pk, actief=True)
        if Rol.MEDEWERKER in m.rollen
    ]


def afdeling_keuzes(actor: Actor) -> QuerySet[OrganisatorischeEenheid]:
    return OrganisatorischeEenheid.objects.filter(organisatie_id=actor.organisatie.pk).order_by(
        "naam"
    )


def _klachten_blok(actor: Actor, partij: Partij) -> dict | None:
    """The block on the crm relation page: this relation's complaints the actor may see."""
    if not actor.heeft_rol(*MAY_WORK):
        return None
    limit = 10
    klachten = klachten_van_partij(actor=actor, partij=partij, limit=limit)
    # Fewer than a full page: that is all of them, no COUNT needed.
    totaal = (
        len(klachten)
        if len(klachten) < limit
        else _basis(actor).filter(klager_id=partij.pk).count()
    )
    return {"klachten": klachten, "klachten_totaal": totaal}


def _geen_klachten(actor: Actor, partij: Partij) -> dict | None:
    """The block when the party never complained (no query)."""
    if not actor.heeft_rol(*MAY_WORK):
        return None
    return {"klachten": [], "klachten_totaal": 0}


klachten_relatieblok = Blokfunctie(
    fn=_klachten_blok,
    bronnen=lambda: [(Klacht.objects.all(), "klager_id")],
    leeg=_geen_klachten,
)


def zaak_op_nummer(*, actor: Actor, identificatie: str):  # noqa: ANN201 - a Zaak or None
    """The case a complaint is about, by its number, among the cases the actor may see."""
    from raadhuis.kernel.cases.models import Zaak

    nummer = (identificatie or "").strip()
    if not nummer:
        return None
    return Zaak.objects.filter(zaak_filter(actor), identificatie__iexact=nummer).first()
