"""Writing the contact persons and contact moments of a planned import in bulk (see
vastleggen.py for the relations), with their audit entries and outbox events."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.audit.services import AuditRegel
from raadhuis.kernel.cases.models import ZaakNummerTeller
from raadhuis.kernel.db.bulk import rows_insert
from raadhuis.kernel.parties.models import NatuurlijkPersoon, Partij, PartijSoort
from raadhuis.modules.crm.migratie.plan import Plan
from raadhuis.modules.crm.migratie.vastleggen import (
    Object,
    als_nieuw,
    audit,
    delen,
    events,
    partijen_schrijven,
    relaties_aanmaken,
    samenvoegingen_opslaan,
    tags_ensure,
)
from raadhuis.modules.crm.models import Contactpersoon, Klantcontact, Relatie, Uitkomst

MAX_REFERENTIE = 999_999  # KC + year + six digits: the Klantinteracties maximum of 10


def contactpersonen_aanmaken(plan: Plan) -> None:
    organisatie_id = plan.actor.organisatie.pk
    vandaag = timezone.localdate()
    for deel in delen(plan.contactpersonen):
        namen = [" ".join(p for p in (cp.voornamen, cp.achternaam) if p) for cp in deel]
        uuids = [uuid.uuid4() for _cp in deel]
        persoon_ids = partijen_schrijven(
            plan,
            PartijSoort.NATUURLIJK_PERSOON,
            [{"uuid": u, "weergavenaam": n} for u, n in zip(uuids, namen, strict=True)],
        )
        rows_insert(
            NatuurlijkPersoon,
            [
                {"partij_ptr_id": pk, "geslachtsnaam": cp.achternaam, "voornamen": cp.voornamen}
                for pk, cp in zip(persoon_ids, deel, strict=True)
            ],
        )
        rows_insert(
            Contactpersoon,
            [
                {
                    "organisatie_id": organisatie_id,
                    "relatie_id": cp.kandidaat.relatie_pk,
                    "persoon_id": pk,
                    "rol": cp.rol,
                    "email": cp.email,
                    "telefoonnummer": cp.telefoonnummer,
                    "begindatum": vandaag,
                }
                for pk, cp in zip(persoon_ids, deel, strict=True)
            ],
        )
        audit(
            plan,
            "partij_aangemaakt",
            (
                AuditRegel(
                    obj=Object(Partij, u, n),
                    wijzigingen=als_nieuw(
                        {"geslachtsnaam": cp.achternaam, "voornamen": cp.voornamen}
                    ),
                )
                for u, n, cp in zip(uuids, namen, deel, strict=True)
            ),
        )
        audit(
            plan,
            "contactpersoon_toegevoegd",
            (
                AuditRegel(
                    obj=Object(Relatie, cp.kandidaat.relatie_uuid, cp.kandidaat.naam),
                    wijzigingen={"contactpersoon": [None, f"{n} ({cp.rol})"]},
                )
                for n, cp in zip(namen, deel, strict=True)
            ),
        )
        soort = {"soortPartij": PartijSoort.NATUURLIJK_PERSOON}
        events(plan, "partij", "create", ((u, soort) for u in uuids))


def _referenties(plan: Plan, aantal: int) -> Iterator[str]:
    """`aantal` reference numbers KCyy000001.. reserved at once (one locked counter update)."""
    jaar = timezone.localdate().year
    organisatie = plan.actor.organisatie
    ZaakNummerTeller.objects.get_or_create(
        organisatie=organisatie, soort="crm_klantcontact", jaar=jaar
    )
    teller = ZaakNummerTeller.objects.select_for_update().get(
        organisatie=organisatie, soort="crm_klantcontact", jaar=jaar
    )
    eerste = teller.laatste + 1
    if teller.laatste + aantal > MAX_REFERENTIE:
        raise ValidationError(
            _("Er zijn dit jaar niet genoeg referentienummers meer voor %(n)s contactmomenten.")
            % {"n": aantal}
        )
    teller.laatste += aantal
    teller.save(update_fields=["laatste"])
    return (f"KC{jaar % 100:02d}{n:06d}" for n in range(eerste, eerste + aantal))


def _moment(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def contactmomenten_aanmaken(plan: Plan) -> None:
    if not plan.contactmomenten:
        return
    referenties = _referenties(plan, len(plan.contactmomenten))
    medewerker_id = plan.actor.medewerker.pk if plan.actor.medewerker else None
    for deel in delen(plan.contactmomenten):
        rijen = [
            {
                "uuid": uuid.uuid4(),
                "organisatie_id": plan.actor.organisatie.pk,
                "referentienummer": next(referenties),
                "partij_id": km.kandidaat.partij_pk,
                "kanaal": km.kanaal,
                "onderwerp": km.onderwerp,
                "inhoud": km.inhoud,
                "uitkomst": Uitkomst.OVERIG,
                "indicatie_contact_gelukt": True,
                "plaatsgevonden_op": km.plaatsgevonden_op,
                "medewerker_id": medewerker_id,
                "eenheid_id": plan.afdeling.pk,
            }
            for km in deel
        ]
        rows_insert(Klantcontact, rijen)
        audit(
            plan,
            "klantcontact_aangemaakt",
            (
                AuditRegel(
                    obj=Object(
                        Klantcontact, r["uuid"], f"{r['referentienummer']} {r['onderwerp']}"
                    ),
                    wijzigingen=als_nieuw(
                        {
                            "referentienummer": r["referentienummer"],
                            "kanaal": r["kanaal"],
                            "onderwerp": r["onderwerp"],
                            "uitkomst": r["uitkomst"],
                            "indicatie_contact_gelukt": True,
                            "plaatsgevonden_op": _moment(r["plaatsgevonden_op"]),
                        }
                    ),
                )
                for r in rijen
            ),
        )
        events(
            plan, "klantcontact", "create", ((r["uuid"], {"kanaal": r["kanaal"]}) for r in rijen)
        )


def vastleggen(plan: Plan) -> None:
    """Write the whole plan; the caller holds the transaction (all or nothing)."""
    tags = tags_ensure(plan)
    relaties_aanmaken(plan, tags)
    samenvoegingen_opslaan(plan)
    contactpersonen_aanmaken(plan)
    contactmomenten_aanmaken(plan)
