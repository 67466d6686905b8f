"""Relations from the registers (KvK, BRP) and by hand, and refreshing one from its register.

Register data (name, KvK number, BSN, address) is written only by the kernel's party services
from the register (KvK: parties/kvk.py, BRP: parties/brp.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.parties.brp import partij_from_brp
from raadhuis.kernel.parties.kvk import partij_uit_kvk
from raadhuis.kernel.parties.models import (
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Rechtsvorm,
)
from raadhuis.kernel.parties.services import niet_natuurlijk_persoon_create
from raadhuis.modules.crm.models import (
    Grondslag,
    Relatie,
    RelatieBron,
    RelatieSoort,
    Tag,
)
from raadhuis.modules.crm.relatie_services.profiel import (
    MAY_WRITE_RELATIES,
    _grondslag_errors,
    relatie_create,
)
from raadhuis.modules.crm.selectors import mag_relatie_zien

# --- relations from the registers ------------------------------------------------------------


def _bestaande_relatie(actor: Actor, relatie: Relatie, veld: str) -> Relatie:
    """A party taken over again that is already a relation: that relation (its register data
    was just refreshed), or, when another department manages it, a clear refusal."""
    if mag_relatie_zien(actor, relatie):
        return relatie
    raise ValidationError(
        {
            veld: _(
                "Dit is al een relatie van de afdeling %(afdeling)s. Vraag die afdeling je "
                "accountmanager te maken of de relatie over te dragen."
            )
            % {"afdeling": relatie.eenheid.naam}
        }
    )


def relatie_uit_kvk(
    *,
    actor: Actor,
    kvk_nummer: str,
    soort: str,
    eenheid: OrganisatorischeEenheid | None,
    vestigingsnummer: str | None = None,
    accountmanager: Medewerker | None = None,
    tags: Iterable[Tag] = (),
    **lokaal: Any,
) -> Relatie:
    """A company or association from the Handelsregister: the kernel takes it over (or
    refreshes it) as a party, then it becomes a relation. An existing relation for that party
    is refreshed and returned as it is."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if soort not in (RelatieSoort.BEDRIJF, RelatieSoort.VERENIGING, RelatieSoort.PARTNER):
        raise ValidationError({"soort": _("Uit de KvK komen bedrijven, verenigingen en partners.")})
    if eenheid is None:
        raise ValidationError({"eenheid": _("Kies de afdeling die de relatie beheert.")})
    partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer, vestigingsnummer=vestigingsnummer)
    bestaand = Relatie.objects.filter(partij_id=partij.pk).select_related("eenheid").first()
    if bestaand is not None:
        return _bestaande_relatie(actor, bestaand, "kvk_nummer")
    return relatie_create(
        actor=actor,
        partij=partij,
        soort=soort,
        eenheid=eenheid,
        accountmanager=accountmanager,
        tags=tags,
        bron=RelatieBron.KVK,
        **lokaal,
    )


def relatie_uit_brp(
    *,
    actor: Actor,
    bsn: str,
    grondslag: str,
    grondslag_toelichting: str,
    eenheid: OrganisatorischeEenheid | None,
    accountmanager: Medewerker | None = None,
    tags: Iterable[Tag] = (),
    client: Any = None,
    **lokaal: Any,
) -> Relatie:
    """A resident from the BRP, only with a recorded lawful basis: the basis is checked before
    the BRP is consulted, and its explanation is the reason in the processing log."""
    require_role(actor, *MAY_WRITE_RELATIES)
    errors = _grondslag_errors(RelatieSoort.INWONER, grondslag, grondslag_toelichting)
    if eenheid is None:
        errors["eenheid"] = _("Kies de afdeling die de relatie beheert.")
    if errors:
        raise ValidationError(errors)
    reden = f"{Grondslag(grondslag).label}: {grondslag_toelichting.strip()}"
    partij = partij_from_brp(actor, bsn=bsn, reden=reden[:200], client=client)
    bestaand = Relatie.objects.filter(partij_id=partij.pk).select_related("eenheid").first()
    if bestaand is not None:
        return _bestaande_relatie(actor, bestaand, "bsn")
    return relatie_create(
        actor=actor,
        partij=partij,
        soort=RelatieSoort.INWONER,
        eenheid=eenheid,
        accountmanager=accountmanager,
        tags=tags,
        grondslag=grondslag,
        grondslag_toelichting=grondslag_toelichting,
        bron=RelatieBron.BRP,
        **lokaal,
    )


def relatie_verversen(*, actor: Actor, relatie: Relatie, client: Any = None) -> Relatie:
    """Refresh the register data of a relation: a company from the KvK (by its KvK number),
    a resident from the BRP (with the recorded lawful basis as the reason). Local data is not
    touched. Raises ValidationError when the relation has no register to refresh from."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    concreet = relatie.partij.concreet
    if isinstance(concreet, NietNatuurlijkPersoon) and concreet.kvk_nummer:
        partij_uit_kvk(actor=actor, kvk_nummer=concreet.kvk_nummer, client=client)
    elif isinstance(concreet, NatuurlijkPersoon) and concreet.bsn and relatie.grondslag:
        reden = f"{Grondslag(relatie.grondslag).label}: {relatie.grondslag_toelichting}"
        partij_from_brp(actor, bsn=concreet.bsn, reden=reden[:200], client=client)
    else:
        raise ValidationError(
            _("Deze relatie heeft geen KvK-nummer of BSN met grondslag om te verversen.")
        )
    relatie.refresh_from_db()
    return relatie


def relatie_handmatig_create(
    *,
    actor: Actor,
    soort: str,
    naam: str,
    eenheid: OrganisatorischeEenheid | None,
    rechtsvorm: str = Rechtsvorm.OVERIG,
    kvk_nummer: str = "",
    email: str = "",
    telefoonnummer: str = "",
    adres: dict[str, Any] | None = None,
    accountmanager: Medewerker | None = None,
    tags: Iterable[Tag] = (),
    **lokaal: Any,
) -> Relatie:
    """A partner, association or foundation that is registered by hand (not, or not yet,
    found in the KvK): a new organisation party plus its relation, in one transaction."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if soort == RelatieSoort.INWONER:
        raise ValidationError({"soort": _("Een inwoner komt uit de BRP, met een grondslag.")})
    with transaction.atomic():
        partij = niet_natuurlijk_persoon_create(
            actor=actor,
            statutaire_naam=naam.strip(),
            rechtsvorm=rechtsvorm,
            kvk_nummer=kvk_nummer,
            email=email,
            telefoonnummer=telefoonnummer,
            adres=adres,
        )
        return relatie_create(
            actor=actor,
            partij=partij,
            soort=soort,
            eenheid=eenheid,
            accountmanager=accountmanager,
            tags=tags,
            **lokaal,
        )
