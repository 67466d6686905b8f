"""Every write of the VTLB module: seeding the published norms, copying a norm version,
changing an amount (with its source, audited), and storing a calculation as a snapshot.

Public for the debt-assistance module (`modules/shv`): `vtlb_bereken` (store a calculation,
optionally for a case), `vtlb_uitrekenen` (calculate without storing), and
`vtlb_normen_ensure`. `verdeel` lives in verdeling.py and `vtlb_pdf` in pdf.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, require_zaak_toegang
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.exceptions import ToegangGeweigerd, field_error
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.shv.vtlb.models import NormBedrag, NormVersie, VtlbBerekening
from raadhuis.modules.shv.vtlb.normen import GEPUBLICEERDE_NORMEN, is_halfjaar_datum
from raadhuis.modules.shv.vtlb.rekenen import (
    InvoerFout,
    NormSet,
    VtlbInvoer,
    VtlbUitkomst,
    vtlb_berekenen,
)
from raadhuis.modules.shv.vtlb.selectors import NORMBEHEER, REKENEN, normset_van, normversie_voor
from raadhuis.modules.shv.vtlb.weergave import (
    invoer_json,
    invoer_uit_data,
    normen_json,
    uitkomst_json,
)

MAX_BEDRAG = Decimal("99999999.99")


def _fout(error: InvoerFout) -> ValidationError:
    return field_error(error.veld, error.melding, code=error.code)


# --- norms -----------------------------------------------------------------------------------
def vtlb_normen_ensure(organisatie: Organisatie) -> list[NormVersie]:
    """Seed the published norm versions for `organisatie`; idempotent.

    A version or amount that already exists is left as it is, so a functional
    administrator's corrections survive; a key added to the method later is added to the
    existing versions with its published figure (or as missing, with the reason)."""
    actor = Actor.system(organisatie, weergave="Gepubliceerde VTLB-normen")
    versies = []
    with transaction.atomic():
        # One seeder at a time per organisation; the unique constraints are the backstop.
        Organisatie.objects.select_for_update().filter(pk=organisatie.pk).first()
        for gepubliceerd in GEPUBLICEERDE_NORMEN:
            versie, nieuw = NormVersie.objects.get_or_create(
                organisatie=organisatie,
                geldig_vanaf=gepubliceerd.geldig_vanaf,
                defaults={"omschrijving": gepubliceerd.omschrijving},
            )
            if nieuw:
                audit_entry_record(
                    actor=actor,
                    actie="vtlb_normversie_aangemaakt",
                    obj=versie,
                    wijzigingen=diff({}, snapshot(versie, ["geldig_vanaf", "omschrijving"])),
                    toelichting=_("Gepubliceerde normen vastgelegd."),
                )
            bestaand = set(versie.bedragen.values_list("sleutel", flat=True))
            nieuwe = [
                NormBedrag(
                    organisatie=organisatie,
                    normversie=versie,
                    sleutel=sleutel,
                    bedrag=waarde.bedrag,
                    bron=waarde.bron,
                )
                for sleutel, waarde in gepubliceerd.bedragen.items()
                if sleutel not in bestaand
            ]
            NormBedrag.objects.bulk_create(nieuwe)
            versies.append(versie)
    return versies


def _normen_aanwezig(organisatie: Organisatie) -> None:
    if not NormVersie.objects.filter(organisatie=organisatie).exists():
        vtlb_normen_ensure(organisatie)


def normversie_kopieer(
    *,
    actor: Actor,
    bron: NormVersie,
    geldig_vanaf: date,
    omschrijving: str,
    toelichting: str = "",
) -> NormVersie:
    """A new version from 1 January or 1 July, starting as a copy of `bron`."""
    require_role(actor, *NORMBEHEER)
    if bron.organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd(_("Deze normversie hoort bij een andere organisatie."))
    if not is_halfjaar_datum(geldig_vanaf):
        raise field_error(
            "geldig_vanaf",
            _("Een normversie gaat in op 1 januari of 1 juli."),
            code="geen-halfjaar",
        )
    omschrijving = omschrijving.strip()
    if not omschrijving:
        raise field_error("omschrijving", _("Geef een omschrijving."), code="required")
    bestaat_al = field_error(
        "geldig_vanaf",
        _("Er is al een normversie die op deze datum ingaat."),
        code="bestaat-al",
    )
    with transaction.atomic():
        if NormVersie.objects.filter(
            organisatie_id=bron.organisatie_id, geldig_vanaf=geldig_vanaf
        ).exists():
            raise bestaat_al
        try:
            with transaction.atomic():
                versie = NormVersie.objects.create(
                    organisatie_id=bron.organisatie_id,
                    geldig_vanaf=geldig_vanaf,
                    omschrijving=omschrijving[:200],
                    gekopieerd_van=bron,
                )
        except IntegrityError as error:
            raise bestaat_al from error
        NormBedrag.objects.bulk_create(
            NormBedrag(
                organisatie_id=bron.organisatie_id,
                normversie=versie,
                sleutel=b.sleutel,
                bedrag=b.bedrag,
                bron=b.bron,
            )
            for b in bron.bedragen.all()
        )
        audit_entry_record(
            actor=actor,
            actie="vtlb_normversie_gekopieerd",
            obj=versie,
            wijzigingen=diff(
                {}, snapshot(versie, ["geldig_vanaf", "omschrijving", "gekopieerd_van"])
            ),
            toelichting=toelichting,
        )
    return versie


def normbedrag_wijzig(
    *,
    actor: Actor,
    normbedrag: NormBedrag,
    bedrag: Decimal | None,
    bron: str,
    toelichting: str = "",
) -> NormBedrag:
    """Change one amount; the source is required (it is printed next to the amount)."""
    require_role(actor, *NORMBEHEER)
    if normbedrag.organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd(_("Dit normbedrag hoort bij een andere organisatie."))
    bron = bron.strip()
    if not bron:
        raise field_error("bron", _("Noem de bron van dit bedrag."), code="required")
    if bedrag is not None and not (Decimal("0") <= bedrag <= MAX_BEDRAG):
        raise field_error("bedrag", _("Geef een bedrag van 0 of meer."), code="min_value")
    if bedrag is not None and bedrag != bedrag.quantize(Decimal("0.01")):
        raise field_error("bedrag", _("Geef het bedrag in hele centen."), code="max_decimal_places")
    velden = ["bedrag", "bron"]
    with transaction.atomic():
        locked = NormBedrag.objects.select_for_update().get(pk=normbedrag.pk)
        voor = snapshot(locked, velden)
        locked.bedrag = bedrag
        locked.bron = bron
        locked.save(update_fields=[*velden, "gewijzigd_op"])
        wijzigingen = diff(voor, snapshot(locked, velden))
        if wijzigingen:
            audit_entry_record(
                actor=actor,
                actie="vtlb_normbedrag_gewijzigd",
                obj=locked,
                wijzigingen=wijzigingen,
                toelichting=toelichting,
            )
            NormVersie.objects.filter(pk=locked.normversie_id).update(
                gewijzigd_op=locked.gewijzigd_op
            )
    return locked


# --- calculations ----------------------------------------------------------------------------
def normset_voor(*, organisatie: Organisatie, peildatum: date) -> tuple[NormVersie, NormSet]:
    """The norm version in force on `peildatum` (seeding the published norms when the
    organisation has none yet)."""
    _normen_aanwezig(organisatie)
    versie = normversie_voor(organisatie=organisatie, peildatum=peildatum)
    if versie is None:
        eerste = NormVersie.objects.filter(organisatie=organisatie).order_by("geldig_vanaf").first()
        vanaf = f" (vroegste: {eerste.geldig_vanaf:%d-%m-%Y})" if eerste else ""
        raise field_error(
            "peildatum",
            _("Er is geen normversie voor deze peildatum%(vanaf)s.") % {"vanaf": vanaf},
            code="geen-normversie",
        )
    return versie, normset_van(versie)


def _als_invoer(invoer: VtlbInvoer | Mapping[str, Any]) -> VtlbInvoer:
    if isinstance(invoer, VtlbInvoer):
        return invoer
    try:
        return invoer_uit_data(invoer)
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise ValidationError(_("De invoer voor de VTLB-berekening is onvolledig.")) from error


def vtlb_uitrekenen(
    *, organisatie: Organisatie, invoer: VtlbInvoer | Mapping[str, Any]
) -> tuple[NormVersie, VtlbUitkomst]:
    """Calculate without storing anything (the command line, a preview)."""
    invoer = _als_invoer(invoer)
    versie, normen = normset_voor(organisatie=organisatie, peildatum=invoer.peildatum)
    try:
        return versie, vtlb_berekenen(invoer, normen)
    except InvoerFout as error:
        raise _fout(error) from error


def vtlb_bereken(
    *,
    actor: Actor,
    invoer: VtlbInvoer | Mapping[str, Any],
    zaak: Any | None = None,
) -> VtlbBerekening:
    """Calculate the VTLB and store it as an immutable snapshot, optionally for a case.

    `invoer` is a VtlbInvoer or a mapping in the API's shape (see weergave.invoer_uit_data).
    Raises ToegangGeweigerd without a role that may calculate (medewerker, functioneel
    beheerder, beheerder) or without access to the case, ValidationError on input or norms
    the method cannot work with."""
    require_role(actor, *REKENEN)
    if zaak is not None:
        # Names the case, so its case type's department rule applies as in the lists.
        require_zaak_toegang(actor, zaak)
    versie, uitkomst = vtlb_uitrekenen(organisatie=actor.organisatie, invoer=invoer)
    with transaction.atomic():
        berekening = VtlbBerekening.objects.create(
            organisatie=actor.organisatie,
            zaak=zaak,
            normversie=versie,
            normversie_omschrijving=versie.omschrijving,
            normversie_geldig_vanaf=versie.geldig_vanaf,
            peildatum=uitkomst.invoer.peildatum,
            leefsituatie=uitkomst.invoer.leefsituatie,
            inkomensgroep=uitkomst.inkomensgroep,
            beslagvrije_voet=uitkomst.beslagvrije_voet,
            vtlb=uitkomst.vtlb,
            afloscapaciteit=uitkomst.afloscapaciteit,
            invoer=invoer_json(uitkomst.invoer),
            normen=normen_json(uitkomst.gebruikte_normen),
            uitkomst=uitkomst_json(uitkomst),
            actor_type=actor.type,
            actor_weergave=actor.weergave[:200],
        )
        audit_entry_record(
            actor=actor,
            actie="vtlb_berekend",
            obj=berekening,
            wijzigingen=diff(
                {},
                snapshot(
                    berekening,
                    ["peildatum", "normversie_omschrijving", "vtlb", "afloscapaciteit"],
                ),
            ),
            zaak_uuid=getattr(zaak, "uuid", None),
        )
    return berekening
