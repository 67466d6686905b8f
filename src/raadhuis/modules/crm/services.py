"""Every write of the CRM core: relations, contact persons, representation, contact moments.

Register data (name, KvK number, BSN, address) is written only by the kernel's party services
from the register (KvK: parties/kvk.py, BRP: parties/brp.py). What the CRM writes here is local
and lives on the `Relatie` profile, so a refresh from the register never loses it.

The writes of relations, their registers and contact persons live in the package
`relatie_services` (one module per subject) and are re-exported here; this module keeps the
contact moments (klantcontacten) and their follow-up tasks. Import from
`raadhuis.modules.crm.services`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Zaak, ZaakNummerTeller
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.crm.catalogus import OPVOLGING_ZAAKTYPE, crm_catalogus_ensure
from raadhuis.modules.crm.models import Kanaal, Klantcontact, Relatie, Uitkomst
from raadhuis.modules.crm.relatie_services.contactpersonen import (  # noqa: F401 - re-exported
    contactpersoon_add,
    contactpersoon_beeindigen,
    vertegenwoordiging_add,
)
from raadhuis.modules.crm.relatie_services.profiel import (  # noqa: F401 - re-exported
    LOKALE_VELDEN,
    MAY_WRITE_RELATIES,
    PARTIJSOORTEN,
    RELATIE_AUDIT_VELDEN,
    relatie_create,
    relatie_update,
    tag_ensure,
)
from raadhuis.modules.crm.relatie_services.registers import (  # noqa: F401 - re-exported
    relatie_handmatig_create,
    relatie_uit_brp,
    relatie_uit_kvk,
    relatie_verversen,
)
from raadhuis.modules.crm.selectors import mag_relatie_zien

KLANTCONTACT_VELDEN = [
    "referentienummer",
    "kanaal",
    "onderwerp",
    "uitkomst",
    "indicatie_contact_gelukt",
    "taal",
    "vertrouwelijk",
    "plaatsgevonden_op",
    "zaak",
    "contactpersoon",
]


# --- contact moments -------------------------------------------------------------------------


@dataclass(frozen=True)
class Opvolging:
    """A follow-up of a contact moment: a kernel Taak for a medewerker, by a date or in N
    working days."""

    titel: str
    toegewezen_aan: Medewerker
    vervaldatum: date | None = None
    termijn_werkdagen: int | None = None
    toelichting: str = ""


def _referentienummer(actor: Actor, jaar: int) -> str:
    """KC + two-digit year + six digits: ten characters, the Klantinteracties maximum."""
    ZaakNummerTeller.objects.get_or_create(
        organisatie=actor.organisatie, soort="crm_klantcontact", jaar=jaar
    )
    teller = ZaakNummerTeller.objects.select_for_update().get(
        organisatie=actor.organisatie, soort="crm_klantcontact", jaar=jaar
    )
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"KC{jaar % 100:02d}{teller.laatste:06d}"


def _check_klantcontact(
    actor: Actor,
    *,
    partij: Partij,
    kanaal: str,
    onderwerp: str,
    inhoud: str,
    uitkomst: str,
    plaatsgevonden_op: datetime,
    zaak: Zaak | None,
    contactpersoon: Partij | None,
    opvolging: Opvolging | None,
) -> None:
    errors: dict[str, str] = {}
    if kanaal not in Kanaal.values:
        errors["kanaal"] = _("Kies het kanaal van het contact.")
    if not onderwerp.strip():
        errors["onderwerp"] = _("Geef het onderwerp van het contact.")
    elif len(onderwerp) > 200:
        errors["onderwerp"] = _("Het onderwerp is maximaal 200 tekens.")
    if len(inhoud) > 1000:
        errors["inhoud"] = _("De inhoud is maximaal 1000 tekens.")
    if uitkomst not in Uitkomst.values:
        errors["uitkomst"] = _("Kies een uitkomst.")
    if plaatsgevonden_op > timezone.now() + timedelta(minutes=5):
        errors["plaatsgevonden_op"] = _("Een contact kan niet in de toekomst plaatsvinden.")
    if zaak is not None and zaak.organisatie_id != actor.organisatie.pk:
        errors["zaak"] = _("Onbekende zaak.")
    if contactpersoon is not None and contactpersoon.organisatie_id != actor.organisatie.pk:
        errors["contactpersoon"] = _("Onbekende contactpersoon.")
    if opvolging is not None:
        errors.update(_opvolging_errors(actor, opvolging))
    if errors:
        raise ValidationError(errors)
    if partij.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Partij niet gevonden.")


def _opvolging_errors(actor: Actor, opvolging: Opvolging) -> dict[str, str]:
    errors = {}
    if not opvolging.titel.strip():
        errors["opvolging_titel"] = _("Geef aan wat er moet gebeuren.")
    mw = opvolging.toegewezen_aan
    if mw is None or mw.organisatie_id != actor.organisatie.pk or not mw.actief:
        errors["opvolging_medewerker"] = _("Kies een actieve medewerker.")
    if opvolging.vervaldatum is None and opvolging.termijn_werkdagen is None:
        errors["opvolging_vervaldatum"] = _("Geef een uiterste datum voor de opvolging.")
    elif opvolging.vervaldatum is not None and opvolging.vervaldatum < timezone.localdate():
        errors["opvolging_vervaldatum"] = _("De uiterste datum ligt in het verleden.")
    return errors


def _opvolgtaak(
    actor: Actor, partij: Partij, zaak: Zaak | None, onderwerp: str, opvolging: Opvolging
) -> Taak:
    """The follow-up as a kernel Taak: on the contact's case, or on a new case 'Opvolging
    klantcontact' with the party as initiator and the assignee as behandelaar."""
    if zaak is None:
        zaaktype = crm_catalogus_ensure(actor.organisatie)
        assignee = opvolging.toegewezen_aan
        if not Actor.for_medewerker(assignee).mag_zaak_zien(
            zaaktype.pk, zaaktype.vertrouwelijkheidaanduiding
        ):
            raise ValidationError(
                {
                    "opvolging_medewerker": _(
                        "Deze medewerker is niet geautoriseerd voor het zaaktype 'Opvolging "
                        "klantcontact' en zou de taak niet zien."
                    )
                }
            )
        try:
            zaak = zaak_create(
                actor=actor,
                zaaktype=zaaktype,
                omschrijving=onderwerp[:80],
                initiator=partij,
                behandelaar=assignee,
            )
        except ToegangGeweigerd as error:
            raise ValidationError(
                {
                    "opvolging_titel": _(
                        "Je bent niet geautoriseerd voor het zaaktype 'Opvolging klantcontact'; "
                        "vraag je functioneel beheerder."
                    )
                }
            ) from error
    return taak_create(
        actor=actor,
        zaak=zaak,
        titel=opvolging.titel.strip()[:200],
        toegewezen_aan=opvolging.toegewezen_aan,
        vervaldatum=opvolging.vervaldatum,
        termijn_werkdagen=None if opvolging.vervaldatum else opvolging.termijn_werkdagen,
        toelichting=opvolging.toelichting,
    )


def klantcontact_create(
    *,
    actor: Actor,
    partij: Partij,
    kanaal: str,
    onderwerp: str,
    inhoud: str = "",
    reactie: str = "",
    uitkomst: str = Uitkomst.BEANTWOORD,
    indicatie_contact_gelukt: bool | None = True,
    taal: str = "nld",
    vertrouwelijk: bool = False,
    plaatsgevonden_op: datetime | None = None,
    zaak: Zaak | None = None,
    contactpersoon: Partij | None = None,
    eenheid: OrganisatorischeEenheid | None = None,
    opvolging: Opvolging | None = None,
) -> Klantcontact:
    """Record a contact moment with a party (a relation the actor sees, or any party when it
    has no CRM profile: the contact centre answers everyone), optionally about a case and with
    a follow-up task. Everything in one transaction: no contact without its task."""
    require_role(actor, *MAY_WRITE_RELATIES)
    plaatsgevonden_op = plaatsgevonden_op or timezone.now()
    _check_klantcontact(
        actor,
        partij=partij,
        kanaal=kanaal,
        onderwerp=onderwerp,
        inhoud=inhoud,
        uitkomst=uitkomst,
        plaatsgevonden_op=plaatsgevonden_op,
        zaak=zaak,
        contactpersoon=contactpersoon,
        opvolging=opvolging,
    )
    relatie = Relatie.objects.filter(partij_id=partij.pk).first()
    if relatie is not None and not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    if eenheid is None and actor.medewerker is not None:
        eenheid = actor.medewerker.eenheden.order_by("naam").first()
    with transaction.atomic():
        contact = Klantcontact(
            organisatie=actor.organisatie,
            referentienummer=_referentienummer(actor, timezone.localdate().year),
            partij=partij,
            contactpersoon=contactpersoon,
            kanaal=kanaal,
            onderwerp=onderwerp.strip(),
            inhoud=inhoud.strip(),
            reactie=reactie.strip(),
            uitkomst=uitkomst,
            indicatie_contact_gelukt=indicatie_contact_gelukt,
            taal=taal or "nld",
            vertrouwelijk=vertrouwelijk,
            plaatsgevonden_op=plaatsgevonden_op,
            zaak=zaak,
            medewerker=actor.medewerker,
            eenheid=eenheid,
        )
        if opvolging is not None:
            contact.taak = _opvolgtaak(actor, partij, zaak, onderwerp.strip(), opvolging)
        contact.save()
        wijzigingen = diff({}, snapshot(contact, KLANTCONTACT_VELDEN))
        if contact.taak is not None:
            wijzigingen["opvolging"] = [
                None,
                f"{contact.taak.titel} ({contact.taak.toegewezen_aan}, {contact.taak.vervaldatum})",
            ]
        audit_entry_record(
            actor=actor,
            actie="klantcontact_aangemaakt",
            obj=contact,
            wijzigingen=wijzigingen,
            zaak_uuid=zaak.uuid if zaak else None,
        )
        event_queue(
            organisatie=actor.organisatie,
            kanaal="klantcontacten",
            resource="klantcontact",
            actie="create",
            resource_uuid=contact.uuid,
            hoofd_object_uuid=contact.uuid,
            kenmerken={"kanaal": kanaal},
        )
    return contact


def opvolging_afronden(*, actor: Actor, taak: Taak, toelichting: str = "") -> Taak:
    """Complete the follow-up task of a contact moment. When it was the last open task of its
    own 'Opvolging klantcontact' case, that case is closed with the result 'Afgehandeld' (a
    follow-up on a named case leaves that case to its own process)."""
    if not hasattr(taak, "crm_klantcontact"):
        raise NietGevonden("Geen opvolging van een klantcontact.")
    with transaction.atomic():
        taak = taak_complete(actor=actor, taak=taak, toelichting=toelichting)
        zaak = taak.zaak
        eigen_zaak = zaak.zaaktype.identificatie == OPVOLGING_ZAAKTYPE
        if eigen_zaak and zaak.einddatum is None:
            if not zaak.taken.filter(status=TaakStatus.OPEN).exists():
                zaak_status_set(
                    actor=actor,
                    zaak=zaak,
                    statustype=zaak.zaaktype.statustypen.order_by("-volgnummer").first(),
                    resultaattype=zaak.zaaktype.resultaattypen.filter(
                        omschrijving="Afgehandeld"
                    ).first(),
                    toelichting=toelichting or _("Opvolging afgerond."),
                )
    return taak
