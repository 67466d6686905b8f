"""Every read of the messaging app. Templates and the letterhead are configuration (no personal
data); letters and the print queue name recipients, so they are read through the case access
filter and logged in the processing log."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, zaak_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.models import (
    Brief,
    BriefSjabloon,
    BriefSjabloonVersie,
    Kanaal,
    SjabloonSoort,
    Verzending,
    VerzendStatus,
)
from raadhuis.kernel.messaging.pdf import pdfs_combine
from raadhuis.kernel.messaging.services import BEHEER_ROLLEN, VERZEND_ROLLEN
from raadhuis.kernel.messaging.vergelijken import Vergelijking, versies_vergelijken
from raadhuis.kernel.organisations.models import Rol


# --- templates (configuration) ----------------------------------------------------------------
def sjablonen_list(*, actor: Actor) -> QuerySet[BriefSjabloon]:
    """Every template of the organisation, for the functional administrator."""
    require_role(actor, *BEHEER_ROLLEN)
    return BriefSjabloon.objects.filter(organisatie_id=actor.organisatie.pk).select_related(
        "huidige_versie"
    )


def _gefilterd(
    qs: QuerySet[BriefSjabloon],
    soort: str | Iterable[str] | None,
    categorie: str | None,
    zoek: str,
) -> QuerySet[BriefSjabloon]:
    if soort:
        soorten = [soort] if isinstance(soort, str) else list(soort)
        qs = qs.filter(soort__in=[s for s in soorten if s in SjabloonSoort.values])
    if categorie:
        qs = qs.filter(categorie__iexact=categorie.strip())
    for woord in (zoek or "").split()[:8]:
        qs = qs.filter(Q(naam__icontains=woord) | Q(code__icontains=woord))
    return qs


def sjablonen_zoeken(
    *,
    actor: Actor,
    soort: str | None = None,
    categorie: str | None = None,
    zoek: str = "",
    actief: bool | None = None,
) -> QuerySet[BriefSjabloon]:
    """The template library of the functional administrator, filtered: by kind, category
    (exact, case-insensitive), words in name or code, and active or not. Ordered by category,
    then name."""
    qs = _gefilterd(sjablonen_list(actor=actor), soort, categorie, zoek)
    if actief is not None:
        qs = qs.filter(actief=actief)
    return qs.order_by("categorie", "naam", "id")


def sjablonen_lijst(
    actor: Actor,
    *,
    soort: str | Iterable[str] | None = None,
    categorie: str | None = None,
    zoek: str = "",
) -> QuerySet[BriefSjabloon]:
    """The active templates with text that a picker offers (a medewerker choosing a letter, a
    mailing or an offer), optionally only of a kind (or kinds: ``("e-mail", "brief")``), one
    category, or matching words in name or code. Ordered by category, then name."""
    return _gefilterd(sjablonen_bruikbaar(actor=actor), soort, categorie, zoek).order_by(
        "categorie", "naam", "id"
    )


def sjabloon_categorieen(*, actor: Actor) -> list[str]:
    """The categories in use in the organisation's library, alphabetically."""
    require_role(actor, *VERZEND_ROLLEN, *BEHEER_ROLLEN)
    waarden = (
        BriefSjabloon.objects.filter(organisatie_id=actor.organisatie.pk)
        .exclude(categorie="")
        .values_list("categorie", flat=True)
        .distinct()
    )
    return sorted(set(waarden), key=str.casefold)


def sjabloon_versies_vergelijken(
    *, actor: Actor, sjabloon: BriefSjabloon, van: int, naar: int
) -> tuple[BriefSjabloonVersie, BriefSjabloonVersie, Vergelijking]:
    """Versions `van` and `naar` of the template and what changed between them. Raises
    NietGevonden for a version the template does not have."""
    require_role(actor, *BEHEER_ROLLEN)
    versies = {v.versie: v for v in sjabloon.versies.filter(versie__in=[van, naar])}
    if van not in versies or naar not in versies:
        raise NietGevonden("Versie niet gevonden.")
    oud, nieuw = versies[van], versies[naar]
    vergelijking = versies_vergelijken(
        oud.naam, oud.onderwerp, oud.inhoud, nieuw.naam, nieuw.onderwerp, nieuw.inhoud
    )
    return oud, nieuw, vergelijking


def sjabloon_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> BriefSjabloon:
    require_role(actor, *BEHEER_ROLLEN)
    try:
        return sjablonen_list(actor=actor).get(uuid=uuid_module.UUID(str(uuid)))
    except (BriefSjabloon.DoesNotExist, ValueError) as error:
        raise NietGevonden("Sjabloon niet gevonden.") from error


def sjabloon_versies(*, actor: Actor, sjabloon: BriefSjabloon) -> QuerySet[BriefSjabloonVersie]:
    require_role(actor, *BEHEER_ROLLEN)
    return sjabloon.versies.order_by("-versie")


def sjablonen_bruikbaar(*, actor: Actor) -> QuerySet[BriefSjabloon]:
    """The active templates a medewerker can choose from when sending a letter."""
    require_role(actor, *VERZEND_ROLLEN, *BEHEER_ROLLEN)
    return (
        BriefSjabloon.objects.filter(
            organisatie_id=actor.organisatie.pk, actief=True, huidige_versie__isnull=False
        )
        .select_related("huidige_versie")
        .order_by("naam")
    )


def voorbeeldzaken(*, actor: Actor, limit: int = 20) -> QuerySet[Zaak]:
    """Cases the actor may see, newest first: real example data for the editor's preview
    (none for a functional administrator without case grants: the preview uses fictitious
    data then)."""
    return (
        Zaak.objects.filter(zaak_filter(actor))
        .select_related("zaaktype")
        .order_by("-startdatum", "-id")[:limit]
    )


def voorbeeldzaak_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Zaak:
    """One case for the preview; reading its parties' data is logged."""
    try:
        zaak = (
            Zaak.objects.filter(zaak_filter(actor))
            .select_related("zaaktype", "organisatie", "behandelaar", "status_actueel__statustype")
            .prefetch_related("rollen__roltype", "rollen__partij__adressen")
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Zaak.DoesNotExist, ValueError) as error:
        raise NietGevonden("Zaak niet gevonden.") from error
    verwerkingen_record(
        actor=actor,
        handeling="Zaak gebruikt als voorbeeld voor een brief",
        doel="Briefsjabloon beheren",
        partijen=[r.partij for r in zaak.rollen.all() if r.partij is not None],
        zaak=zaak,
    )
    return zaak


# --- letters (personal data) ---------------------------------------------------------------------
def _brieven(actor: Actor) -> QuerySet[Brief]:
    return Brief.objects.filter(zaak_filter(actor, prefix="zaak__")).select_related(
        "sjabloon_versie__sjabloon", "informatieobject", "zaak"
    )


def brieven_for_zaak(actor: Actor, zaak: Zaak) -> list[Brief]:
    """The letters of a case, newest first, each with `verzendingen` (delivery status, newest
    first) and `verzending` (the latest), for the dossier page. Teamleiders and auditors see
    nothing (no case access); the recipients shown are logged."""
    require_role(actor, Rol.MEDEWERKER)
    brieven = list(
        _brieven(actor)
        .filter(zaak_id=zaak.pk)
        .prefetch_related(
            Prefetch("verzendingen", queryset=Verzending.objects.order_by("-aangemaakt_op", "-id"))
        )
        .order_by("-aangemaakt_op", "-id")
    )
    for brief in brieven:
        setattr(brief, "verzending", next(iter(brief.verzendingen.all()), None))  # noqa: B010
    partijen = [b.ontvanger_partij for b in brieven if b.ontvanger_partij is not None]
    if partijen:
        verwerkingen_record(
            actor=actor,
            handeling="Brieven van de zaak ingezien",
            doel="Zaakbehandeling",
            partijen=partijen,
            zaak=zaak,
        )
    return brieven


def printwachtrij(*, actor: Actor) -> list[Verzending]:
    """Letters by post waiting to be printed, oldest first, of the cases the actor may see."""
    require_role(actor, *VERZEND_ROLLEN)
    verzendingen = printwachtrij_zonder_log(actor)
    partijen = [
        v.brief_zeker.ontvanger_partij
        for v in verzendingen
        if v.brief_zeker.ontvanger_partij is not None
    ]
    if partijen:
        verwerkingen_record(
            actor=actor,
            handeling="Printwachtrij ingezien",
            doel="Brieven versturen",
            partijen=partijen,
        )
    return verzendingen


def printwachtrij_pdf(*, actor: Actor, uuids: list[str]) -> tuple[bytes, list[Verzending]]:
    """The waiting letters among `uuids` as one PDF (in queue order), and those letters. The
    download is a read of every recipient's letter: logged."""
    require_role(actor, *VERZEND_ROLLEN)
    ids = set()
    for waarde in uuids:
        try:
            ids.add(uuid_module.UUID(str(waarde)))
        except ValueError:
            continue
    verzendingen = [v for v in printwachtrij_zonder_log(actor) if v.uuid in ids]
    pdfs = []
    for verzending in verzendingen:
        io = verzending.brief_zeker.informatieobject
        versie = io.laatste_versie if io is not None else None
        if versie is None or not versie.bestand:
            continue
        with versie.bestand.open("rb") as bestand:
            pdfs.append(bestand.read())
    verwerkingen_record(
        actor=actor,
        handeling="Printwachtrij gedownload als PDF",
        doel="Brieven versturen",
        partijen=[
            v.brief_zeker.ontvanger_partij
            for v in verzendingen
            if v.brief_zeker.ontvanger_partij is not None
        ],
    )
    return (pdfs_combine(pdfs) if pdfs else b""), verzendingen


def printwachtrij_zonder_log(actor: Actor) -> list[Verzending]:
    return list(
        Verzending.objects.filter(
            zaak_filter(actor, prefix="brief__zaak__"),
            kanaal=Kanaal.POST,
            status=VerzendStatus.KLAAR_VOOR_PRINT,
        )
        .select_related(
            "brief__zaak", "brief__informatieobject__laatste_versie", "brief__ontvanger_partij"
        )
        .order_by("aangemaakt_op", "id")
    )
