"""The crm core's own search sources (relations, contact persons, contact moments) for the
search box of `zoeken.py`; the sub-apps register theirs from their AppConfig.ready()."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.parties.models import PartijSoort
from raadhuis.modules.crm.models import Contactpersoon, Klantcontact, Relatie
from raadhuis.modules.crm.selectors import (
    MAY_READ_RELATIES,
    relatie_bereik,
    relatie_filter,
)
from raadhuis.modules.crm.zoeken import (
    TEL_GRENS,
    SlimFilter,
    Zoekbron,
    uuid_url,
    veld_in,
    zoek_register,
)


def _relaties(actor: Actor) -> QuerySet:
    require_role(actor, *MAY_READ_RELATIES)
    return Relatie.objects.filter(relatie_filter(actor), actief=True)


def _relatie_url(relatie: Relatie) -> str:
    return uuid_url("crm:relatie", relatie.partij.uuid)


def _relatie_omschrijving(relatie: Relatie) -> str:
    delen = [str(relatie.get_soort_display())]
    if relatie.partij.identificatie and relatie.partij.soort != PartijSoort.NATUURLIJK_PERSOON:
        delen.append(str(_("KvK %(nummer)s")) % {"nummer": relatie.partij.identificatie})
    if relatie.lokale_naam:
        delen.append(relatie.lokale_naam)
    return " · ".join(delen)


def _zonder_accountmanager(actor: Actor, qs: QuerySet, op: date) -> QuerySet:
    return qs.filter(accountmanager__isnull=True)


def _contactpersonen(actor: Actor) -> QuerySet:
    require_role(actor, *MAY_READ_RELATIES)
    qs = Contactpersoon.objects.filter(einddatum=None)
    if actor.type == "systeem" or relatie_bereik(actor).alles:
        # Every relation of the tenant: the contact person's own tenant, without a join to
        # its organisation's relation for each matching row.
        return qs.filter(organisatie_id=actor.organisatie.pk)
    return qs.filter(relatie_filter(actor, prefix="relatie__"))


# The organisation a contact person hit names and links to, read for the hits shown only.
_RELATIE_VAN_CONTACTPERSOON = Prefetch(
    "relatie",
    queryset=Relatie.objects.select_related("partij").only("partij__uuid", "partij__weergavenaam"),
)


def _klantcontacten(actor: Actor) -> QuerySet:
    """Contact moments with a relation the actor sees; a confidential one only for its author
    and its department (its subject is content too)."""
    require_role(actor, *MAY_READ_RELATIES)
    qs = Klantcontact.objects.filter(organisatie_id=actor.organisatie.pk)
    if actor.type == "systeem":
        return qs
    bereik = relatie_bereik(actor)
    if not bereik.alles:
        # Only when the actor does not see every relation: for a contact centre the
        # semi-join over millions of contact moments would cost time and filter nothing.
        zichtbaar = Relatie.objects.filter(relatie_filter(actor), partij_id=OuterRef("partij_id"))
        qs = qs.filter(Exists(zichtbaar))
    return qs.filter(
        Q(vertrouwelijk=False)
        | Q(medewerker_id=bereik.medewerker_id)
        | Q(eenheid_id__in=sorted(bereik.eenheid_ids))
    )


def _partijen_met_zichtbare_relatie(actor: Actor, partij_ids: list[int]) -> list[int]:
    """Of these parties, those whose relation the actor sees (a department user): their
    contact moments are then read party by party (`Zoekbron.zichtbare_partijen`)."""
    if actor.type == "systeem" or relatie_bereik(actor).alles:
        return partij_ids
    zichtbaar = set(
        Relatie.objects.filter(relatie_filter(actor))
        .filter(veld_in("partij_id", partij_ids))
        .values_list("partij_id", flat=True)
    )
    return [pk for pk in partij_ids if pk in zichtbaar]


def _klantcontact_omschrijving(contact: Klantcontact) -> str:
    moment = contact.plaatsgevonden_op.strftime("%d-%m-%Y")
    return f"{contact.partij} · {contact.get_kanaal_display()} · {moment}"


def kern_zoekbronnen_register() -> None:
    """Called from the crm AppConfig.ready()."""
    zoek_register(
        Zoekbron(
            naam="relaties",
            titel=_("Relaties"),
            volgorde=10,
            basis=_relaties,
            partij_veld="partij",
            naam_via_join=True,
            naam_in_volgorde=True,
            per_partij_grens=TEL_GRENS,  # one relation per party
            tekstvelden=("lokale_naam",),
            select_related=("partij",),
            velden=("soort", "lokale_naam", "partij__identificatie"),
            sortering=("partij__zoeknaam", "pk"),
            url_van=_relatie_url,
            titel_van=lambda r: r.partij.weergavenaam,
            omschrijving_van=_relatie_omschrijving,
            slimme_filters=(
                SlimFilter(
                    "relaties_zonder_accountmanager",
                    _("Relaties zonder accountmanager"),
                    filter=_zonder_accountmanager,
                ),
            ),
        )
    )
    zoek_register(
        Zoekbron(
            naam="contactpersonen",
            titel=_("Contactpersonen"),
            volgorde=20,
            basis=_contactpersonen,
            partij_veld="persoon",
            naam_via_join=True,
            eigen_zoeknaam=True,
            tekstvelden=("email", "rol"),
            select_related=("persoon",),
            velden=("rol", "relatie"),
            na_laden=(_RELATIE_VAN_CONTACTPERSOON,),
            sortering=("zoeknaam", "pk"),
            url_van=lambda c: uuid_url("crm:relatie", c.relatie.partij.uuid),
            titel_van=lambda c: str(c.persoon),
            omschrijving_van=lambda c: f"{c.rol} · {c.relatie.partij}",
        )
    )
    zoek_register(
        Zoekbron(
            naam="klantcontacten",
            titel=_("Contactmomenten"),
            volgorde=30,
            basis=_klantcontacten,
            partij_veld="partij",
            tekstvelden=("onderwerp",),
            kenmerk_velden=("referentienummer",),
            zichtbare_partijen=_partijen_met_zichtbare_relatie,
            velden=("referentienummer", "onderwerp", "kanaal"),
            sortering=("-plaatsgevonden_op", "-pk"),
            url_van=lambda c: uuid_url("crm:relatie", c.partij.uuid) + "#kop-klantcontacten",
            titel_van=lambda c: f"{c.referentienummer} {c.onderwerp}",
            omschrijving_van=_klantcontact_omschrijving,
        )
    )
