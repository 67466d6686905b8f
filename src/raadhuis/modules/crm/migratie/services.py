"""The migration screen's writes: keep an uploaded export, its column mapping and merge choices,
run the dry run after every change and commit it (all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid, Rol
from raadhuis.modules.crm.migratie.importeren import (
    VELDEN,
    Onleesbaar,
    Verslag,
    import_uitvoeren,
    koppen_lezen,
    mapping_fouten,
    mapping_voorstellen,
    migratie_actor,
)
from raadhuis.modules.crm.migratie.models import ImportBestand
from raadhuis.modules.crm.selectors import eenheden_voor_beheer

MAG_IMPORTEREN = (Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER)
MAX_GROOTTE = 50 * 1024 * 1024


def afdelingen_voor_import(actor: Actor) -> list[OrganisatorischeEenheid]:
    """The departments an import may give the new relations to: a functional administrator
    any, a medewerker those they manage relations for."""
    if actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER):
        return list(
            OrganisatorischeEenheid.objects.filter(organisatie_id=actor.organisatie.pk).order_by(
                "naam"
            )
        )
    return eenheden_voor_beheer(actor)


def _proef(actor: Actor, bestand: ImportBestand) -> Verslag:
    verslag = import_uitvoeren(
        actor=migratie_actor(actor),
        inhoud=bytes(bestand.inhoud),
        bestandsnaam=bestand.bestandsnaam,
        afdeling=bestand.afdeling,
        mapping=bestand.mapping,
        keuzes=bestand.keuzes,
        proef=True,
    )
    bestand.rapport = verslag.as_dict()
    bestand.save(update_fields=["rapport", "mapping", "keuzes"])
    return verslag


def importbestand_create(
    *, actor: Actor, naam: str, inhoud: bytes, afdeling: OrganisatorischeEenheid
) -> ImportBestand:
    """Keep an uploaded export with a suggested column mapping and run the dry run at once."""
    require_role(actor, *MAG_IMPORTEREN)
    errors: dict[str, str] = {}
    if afdeling not in afdelingen_voor_import(actor):
        errors["afdeling"] = _("Kies een afdeling waarvoor je relaties beheert.")
    if len(inhoud) > MAX_GROOTTE:
        errors["bestand"] = _("Het bestand is groter dan 50 MB.")
    naam = Path(naam or "export").name[:255]
    koppen: list[str] = []
    if "bestand" not in errors:
        try:
            koppen = koppen_lezen(inhoud, naam)
        except Onleesbaar as error:
            errors["bestand"] = str(error)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bestand = ImportBestand.objects.create(
            organisatie=actor.organisatie,
            bestandsnaam=naam,
            inhoud=inhoud,
            koppen=[k for k in koppen if k],
            mapping=mapping_voorstellen(koppen),
            afdeling=afdeling,
            geupload_door=actor.medewerker,
        )
        audit_entry_record(actor=actor, actie="crm_import_geupload", obj=bestand, toelichting=naam)
    _proef(actor, bestand)
    return bestand


def _niet_al_ingelezen(bestand: ImportBestand) -> None:
    if bestand.geimporteerd_op is not None:
        raise ValidationError(_("Dit bestand is al ingelezen."))


def importbestand_mapping_set(
    *, actor: Actor, bestand: ImportBestand, mapping: dict[str, str]
) -> Verslag:
    """Save the column mapping (target field -> header) and run the dry run again."""
    require_role(actor, *MAG_IMPORTEREN)
    _niet_al_ingelezen(bestand)
    mapping = {veld: kop for veld, kop in mapping.items() if kop}
    fouten = mapping_fouten(mapping, bestand.koppen)
    if fouten:
        raise ValidationError(fouten)
    bestand.mapping = mapping
    return _proef(actor, bestand)


def importbestand_keuzes_set(
    *, actor: Actor, bestand: ImportBestand, keuzes: dict[str, dict[str, Any]]
) -> Verslag:
    """Save the merge choices per duplicate row and run the dry run again."""
    require_role(actor, *MAG_IMPORTEREN)
    _niet_al_ingelezen(bestand)
    toegestaan_actie = {"samenvoegen", "apart", "overslaan"}
    schoon: dict[str, dict[str, str]] = {}
    for rij, keuze in keuzes.items():
        schoon[str(rij)] = {
            k: v
            for k, v in keuze.items()
            if (k == "_actie" and v in toegestaan_actie)
            or (k in VELDEN and v in ("import", "bestaand"))
        }
    bestand.keuzes = schoon
    return _proef(actor, bestand)


def importbestand_importeren(*, actor: Actor, bestand: ImportBestand) -> Verslag:
    """Import for real, all or nothing. After success the file itself is dropped: the data now
    lives in the relations; the report stays."""
    require_role(actor, *MAG_IMPORTEREN)
    _niet_al_ingelezen(bestand)
    verslag = import_uitvoeren(
        actor=migratie_actor(actor),
        inhoud=bytes(bestand.inhoud),
        bestandsnaam=bestand.bestandsnaam,
        afdeling=bestand.afdeling,
        mapping=bestand.mapping,
        keuzes=bestand.keuzes,
        proef=False,
    )
    bestand.rapport = verslag.as_dict()
    velden = ["rapport"]
    if verslag.uitgevoerd:
        bestand.geimporteerd_op = timezone.now()
        bestand.inhoud = b""
        velden += ["geimporteerd_op", "inhoud"]
    bestand.save(update_fields=velden)
    audit_entry_record(
        actor=actor,
        actie="crm_import_uitgevoerd" if verslag.uitgevoerd else "crm_import_mislukt",
        obj=bestand,
        toelichting=verslag.samenvatting()[:500],
    )
    return verslag
