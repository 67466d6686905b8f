"""Migration from the previous debt system: clients (by BSN, from the BRP), dossiers, creditors,
debts and documents, from CSV files (a folder or a ZIP) or one Excel workbook.

Everything runs in one transaction through the services of the shv module; each row in its own
savepoint, so every row is checked and reported even after an earlier one failed. Any error,
or a dry run, rolls the whole transaction back: nothing is written. A record whose external id
was imported before is skipped (idempotent). Column layouts: docs/shv/migratie.md.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.catalog.models import InformatieObjectType, ResultaatType, ZaakType
from raadhuis.kernel.documents.zaakdocumenten import zaak_document_add
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.integrations.brp import BrpFout
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.kernel.parties.brp import partij_from_brp
from raadhuis.kernel.parties.models import NatuurlijkPersoon
from raadhuis.kernel.workflow.engine import automatische_acties_uit
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN
from raadhuis.modules.shv.koppelingen import invoer
from raadhuis.modules.shv.koppelingen.common import require_migratie
from raadhuis.modules.shv.koppelingen.models import (
    MigratieKoppeling,
    MigratieSoort,
    MigratieUpload,
)
from raadhuis.modules.shv.models import Dreiging, Fase, Rangorde, Schuldeiser, ShvDossier
from raadhuis.modules.shv.models import SchuldStatus as S
from raadhuis.modules.shv.services import (
    dossier_afsluiten,
    dossier_fase_set,
    schuld_create,
    schuld_status_set,
    schuldeiser_create,
    shv_aanmelding_create,
)

BRP_REDEN = "Schuldhulpverlening: migratie uit het vorige systeem"

# Sheet (or CSV file name without .csv) -> the columns that must be there. Order = import order.
BLADEN: dict[str, tuple[str, ...]] = {
    "schuldeisers": ("extern_id", "naam"),
    "clienten": ("extern_id", "bsn"),
    "dossiers": ("extern_id", "client_id", "traject", "aanmeldingsdatum"),
    "schulden": ("extern_id", "dossier_id", "schuldeiser_id"),
    "documenten": ("extern_id", "dossier_id", "pad", "titel"),
}

# A debt's status in the old system -> the steps after creating it as 'opgegeven'.
SCHULD_STAPPEN: dict[str, list[str]] = {
    S.OPGEVRAAGD: [],
    S.OPGEGEVEN: [],
    S.GEVERIFIEERD: [S.GEVERIFIEERD],
    S.BETWIST: [S.BETWIST],
    S.IN_REGELING: [S.GEVERIFIEERD, S.IN_REGELING],
    S.AFGELOST: [S.AFGELOST],
}


class _Terugdraaien(Exception):
    """Raised at the end of a dry run or a run with errors, to roll the transaction back."""


@dataclass
class Export:
    """The sheets of an export (rows keyed by lower-case column) and the folder that document
    paths are relative to (None for a workbook without documents)."""

    bladen: dict[str, list[dict[str, str]]]
    map: Path | None = None
    naam: str = ""


def _veilig_uitpakken(zip_pad: Path, doel: Path) -> None:
    """Unpack a ZIP, refusing entries that would land outside the folder (zip slip)."""
    with zipfile.ZipFile(zip_pad) as archief:
        for naam in archief.namelist():
            if not (doel / naam).resolve().is_relative_to(doel.resolve()):
                raise invoer.Onleesbaar(_("Het ZIP-bestand bevat een ongeldig pad: %s") % naam)
        archief.extractall(doel)


def _csv_map(map_: Path) -> dict[str, list[dict[str, str]]]:
    bladen = {}
    for pad in sorted(map_.rglob("*.csv")):
        naam = pad.stem.strip().lower()
        if naam in BLADEN:
            bladen[naam] = invoer.csv_rijen(pad.read_bytes())
    return bladen


def export_lezen(pad: Path, werkmap: Path | None = None) -> Export:
    """A folder of CSV files, one CSV file, a ZIP of CSV files, or an .xlsx workbook. A ZIP is
    unpacked into `werkmap` (which the caller cleans up). Raises invoer.Onleesbaar."""
    if pad.is_dir():
        return Export(bladen=_csv_map(pad), map=pad, naam=pad.name)
    if not pad.is_file():
        raise invoer.Onleesbaar(_("%(pad)s bestaat niet.") % {"pad": pad})
    naam = pad.name.lower()
    if naam.endswith(".xlsx"):
        bladen = {k: v for k, v in invoer.excel_bladen(pad.read_bytes()).items() if k in BLADEN}
        return Export(bladen=bladen, map=pad.parent, naam=pad.name)
    if naam.endswith(".zip"):
        if werkmap is None:
            raise invoer.Onleesbaar(_("Geen werkmap om het ZIP-bestand uit te pakken."))
        try:
            _veilig_uitpakken(pad, werkmap)
        except zipfile.BadZipFile as error:
            raise invoer.Onleesbaar(_("Het bestand is geen geldig ZIP-bestand.")) from error
        xlsx = sorted(werkmap.rglob("*.xlsx"))
        if xlsx:
            export = export_lezen(xlsx[0])
            export.map = werkmap
            return export
        return Export(bladen=_csv_map(werkmap), map=werkmap, naam=pad.name)
    if naam.endswith(".csv"):
        soort = pad.stem.strip().lower()
        if soort not in BLADEN:
            raise invoer.Onleesbaar(
                _("Een los CSV-bestand heet %(namen)s.")
                % {"namen": ", ".join(f"{b}.csv" for b in BLADEN)}
            )
        return Export(bladen={soort: invoer.csv_rijen(pad.read_bytes())}, map=pad.parent)
    raise invoer.Onleesbaar(_("Kies een map, .csv, .zip of .xlsx."))


# --- the run --------------------------------------------------------------------------------


@dataclass
class _Run:
    actor: Actor
    proef: bool
    export: Export
    behandelaar: Medewerker | None
    verslag: invoer.Verslag
    # external id -> object, for rows of this run and earlier runs
    cache: dict[tuple[str, str], Any] = field(default_factory=dict)
    # external ids of rows that failed, so rows referring to them say so
    mislukt: set[tuple[str, str]] = field(default_factory=set)

    def niet_gevonden(self, soort: str, extern_id: str, veld: str) -> ValidationError:
        if (soort, extern_id) in self.mislukt:
            return ValidationError(
                _("%(veld)s '%(id)s' kon niet worden ingelezen (zie die rij).")
                % {"veld": veld, "id": extern_id}
            )
        return ValidationError(
            _("%(veld)s '%(id)s' staat niet in de export en is niet eerder gemigreerd.")
            % {"veld": veld, "id": extern_id}
        )

    def koppeling(self, soort: str, extern_id: str) -> MigratieKoppeling | None:
        return MigratieKoppeling.objects.filter(
            organisatie=self.actor.organisatie, soort=soort, extern_id=extern_id
        ).first()

    def vastleggen(self, soort: str, extern_id: str, obj: Any) -> None:  # noqa: ANN401
        self.cache[(soort, extern_id)] = obj
        MigratieKoppeling.objects.create(
            organisatie=self.actor.organisatie,
            soort=soort,
            extern_id=extern_id,
            object_uuid=obj.uuid,
        )

    def zoek(self, soort: str, extern_id: str, model: type, veld: str) -> Any:  # noqa: ANN401
        """The object an external id refers to (this run or an earlier one), or a ValidationError
        naming the reference."""
        if (soort, extern_id) in self.cache:
            return self.cache[(soort, extern_id)]
        koppeling = self.koppeling(soort, extern_id) if extern_id else None
        if koppeling is None:
            raise self.niet_gevonden(soort, extern_id, veld)
        obj = model.objects.get(organisatie=self.actor.organisatie, uuid=koppeling.object_uuid)
        self.cache[(soort, extern_id)] = obj
        return obj


def _fout_tekst(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [f"{veld}: {' '.join(m)}" for veld, m in error.message_dict.items()]
        return list(error.messages)
    return [str(error)]


def _rij_uitvoeren(run: _Run, rij: invoer.Rij, werk: Callable[[], None]) -> None:
    """Run one row in a savepoint: its errors go on the row, the rest of the run goes on."""
    try:
        with transaction.atomic():
            werk()
    except (ValidationError, ToegangGeweigerd, NietGevonden, BrpFout) as error:
        for melding in _fout_tekst(error):
            rij.fout(melding)


def _schuldeiser(run: _Run, rij: invoer.Rij, data: dict[str, str]) -> None:
    rangorde = (data.get("rangorde") or Rangorde.CONCURRENT).lower()
    if rangorde not in Rangorde.values:
        raise ValidationError(_("Rangorde '%(r)s' is onbekend.") % {"r": rangorde})
    adres = None
    if data.get("postcode") or data.get("straatnaam"):
        adres = {
            "straatnaam": data.get("straatnaam", ""),
            "huisnummer": data.get("huisnummer", ""),
            "huisletter": data.get("huisletter", ""),
            "huisnummertoevoeging": data.get("toevoeging", ""),
            "postcode": data.get("postcode", ""),
            "woonplaats": data.get("woonplaats", ""),
        }
    schuldeiser = schuldeiser_create(
        actor=run.actor,
        naam=data["naam"],
        kvk_nummer=data.get("kvk_nummer", ""),
        iban=data.get("iban", ""),
        rangorde=rangorde,
        email_correspondentie=data.get("email", ""),
        adres=adres,
    )
    rij.omschrijving = data["naam"]
    run.vastleggen(MigratieSoort.SCHULDEISER, data["extern_id"], schuldeiser)


def _client(run: _Run, rij: invoer.Rij, data: dict[str, str]) -> None:
    bsn = invoer.bsn(data.get("bsn", ""))
    if not bsn:
        raise ValidationError(_("BSN ontbreekt."))
    partij = partij_from_brp(run.actor, bsn=bsn, reden=BRP_REDEN)
    rij.omschrijving = str(partij)
    run.vastleggen(MigratieSoort.CLIENT, data["extern_id"], partij)


def _behandelaar(run: _Run, waarde: str) -> Medewerker:
    if waarde:
        medewerker = (
            Medewerker.objects.filter(organisatie=run.actor.organisatie, actief=True)
            .filter(user__username__iexact=waarde)
            .first()
            or Medewerker.objects.filter(
                organisatie=run.actor.organisatie, actief=True, email__iexact=waarde
            ).first()
        )
        if medewerker is None:
            raise ValidationError(_("Behandelaar '%(w)s' is geen medewerker.") % {"w": waarde})
        return medewerker
    if run.behandelaar is None:
        raise ValidationError(_("Behandelaar ontbreekt (kies een standaard behandelaar)."))
    return run.behandelaar


def _dossier(run: _Run, rij: invoer.Rij, data: dict[str, str]) -> None:
    client = run.zoek(MigratieSoort.CLIENT, data["client_id"], NatuurlijkPersoon, _("Cliënt"))
    traject = data["traject"].upper()
    zaaktype = (
        ZaakType.objects.filter(
            catalogus__organisatie=run.actor.organisatie, identificatie=traject, concept=False
        )
        .order_by("-begin_geldigheid")
        .first()
        if traject in SHV_ZAAKTYPEN
        else None
    )
    if zaaktype is None:
        raise ValidationError(
            _("Traject '%(t)s' is onbekend (kies %(keuzes)s).")
            % {"t": data["traject"], "keuzes": ", ".join(SHV_ZAAKTYPEN)}
        )
    fase = (data.get("fase") or Fase.AANMELDING).lower()
    if fase not in Fase.values:
        raise ValidationError(_("Fase '%(f)s' is onbekend.") % {"f": fase})
    resultaattype = None
    if fase == Fase.AFGESLOTEN:
        resultaattype = ResultaatType.objects.filter(
            zaaktype=zaaktype, omschrijving__iexact=data.get("resultaat", "")
        ).first()
        if resultaattype is None:
            raise ValidationError(_("Een afgesloten dossier heeft een geldig resultaat nodig."))
    dreiging = data.get("dreiging", "").lower()
    if dreiging not in Dreiging.values:
        raise ValidationError(_("Dreiging '%(d)s' is onbekend.") % {"d": dreiging})
    dossier = shv_aanmelding_create(
        actor=run.actor,
        bsn=client.bsn,
        zaaktype=zaaktype,
        aanmeldingsdatum=invoer.datum(data["aanmeldingsdatum"], _("Aanmeldingsdatum")),
        dreiging=dreiging,
        toelichting=data.get("toelichting", ""),
        behandelaar=_behandelaar(run, data.get("behandelaar", "")),
    )
    if fase == Fase.AFGESLOTEN:
        dossier_afsluiten(
            actor=run.actor,
            dossier=dossier,
            resultaattype=resultaattype,
            toelichting=_("Gemigreerd uit het vorige systeem."),
        )
    elif fase != Fase.AANMELDING:
        dossier_fase_set(
            actor=run.actor,
            dossier=dossier,
            fase=fase,
            toelichting=_("Gemigreerd uit het vorige systeem."),
        )
    rij.omschrijving = f"{dossier.zaak.identificatie} ({client})"
    run.vastleggen(MigratieSoort.DOSSIER, data["extern_id"], dossier)


def _dossier_zoek(run: _Run, extern_id: str) -> ShvDossier:
    key = (MigratieSoort.DOSSIER, extern_id)
    if key in run.cache:
        return run.cache[key]
    koppeling = run.koppeling(MigratieSoort.DOSSIER, extern_id)
    if koppeling is None:
        raise run.niet_gevonden(MigratieSoort.DOSSIER, extern_id, _("Dossier"))
    dossier = ShvDossier.objects.select_related("zaak").get(
        organisatie=run.actor.organisatie, uuid=koppeling.object_uuid
    )
    run.cache[key] = dossier
    return dossier


def _schuld(run: _Run, rij: invoer.Rij, data: dict[str, str]) -> None:
    dossier = _dossier_zoek(run, data["dossier_id"])
    schuldeiser = run.zoek(
        MigratieSoort.SCHULDEISER, data["schuldeiser_id"], Schuldeiser, _("Schuldeiser")
    )
    status = (data.get("status") or S.OPGEGEVEN).lower()
    if status not in SCHULD_STAPPEN:
        raise ValidationError(_("Status '%(s)s' is onbekend.") % {"s": status})

    def _bedrag(veld: str, label: str) -> Any:  # noqa: ANN401
        return invoer.bedrag(data[veld], label) if data.get(veld) else None

    schuld = schuld_create(
        actor=run.actor,
        dossier=dossier,
        schuldeiser=schuldeiser,
        kenmerk=data.get("kenmerk", ""),
        oorspronkelijk_bedrag=_bedrag("oorspronkelijk_bedrag", _("Oorspronkelijk bedrag")),
        actueel_bedrag=_bedrag("actueel_bedrag", _("Actueel bedrag")),
        status=S.OPGEVRAAGD if status == S.OPGEVRAAGD else S.OPGEGEVEN,
        toelichting=data.get("toelichting", ""),
    )
    for stap in SCHULD_STAPPEN[status]:
        schuld = schuld_status_set(
            actor=run.actor,
            schuld=schuld,
            status=stap,
            toelichting=_("Gemigreerd uit het vorige systeem."),
        )
    rij.omschrijving = f"{schuldeiser} {schuld.kenmerk}".strip()
    run.vastleggen(MigratieSoort.SCHULD, data["extern_id"], schuld)


def _document(run: _Run, rij: invoer.Rij, data: dict[str, str]) -> None:
    dossier = _dossier_zoek(run, data["dossier_id"])
    if run.export.map is None:
        raise ValidationError(_("Documenten kunnen alleen uit een map of ZIP-bestand komen."))
    pad = (run.export.map / data["pad"]).resolve()
    if not pad.is_relative_to(run.export.map.resolve()) or not pad.is_file():
        raise ValidationError(_("Bestand '%(p)s' niet gevonden in de export.") % {"p": data["pad"]})
    if pad.stat().st_size == 0:
        raise ValidationError(_("Bestand '%(p)s' is leeg.") % {"p": data["pad"]})
    soort = data.get("documenttype") or "Inkomende post"
    iotype = InformatieObjectType.objects.filter(
        catalogus__organisatie=run.actor.organisatie,
        omschrijving__iexact=soort,
        zaaktypen=dossier.zaak.zaaktype_id,
    ).first()
    if iotype is None:
        raise ValidationError(
            _("Documenttype '%(t)s' hoort niet bij het traject van dit dossier.") % {"t": soort}
        )
    ontvangen = (
        invoer.datum(data["ontvangstdatum"], _("Ontvangstdatum"))
        if data.get("ontvangstdatum")
        else None
    )
    rij.omschrijving = data["titel"]
    if run.proef:
        return  # checked; the file is stored only when the import is committed
    with pad.open("rb") as inhoud:
        zaakdocument = zaak_document_add(
            actor=run.actor,
            zaak=dossier.zaak,
            bestand=File(inhoud, name=pad.name),
            titel=data["titel"],
            informatieobjecttype=iotype,
            ontvangstdatum=ontvangen,
            toelichting=_("Gemigreerd uit het vorige systeem."),
        )
    run.vastleggen(MigratieSoort.DOCUMENT, data["extern_id"], zaakdocument.informatieobject)


VERWERKERS = {
    "schuldeisers": (MigratieSoort.SCHULDEISER, _schuldeiser),
    "clienten": (MigratieSoort.CLIENT, _client),
    "dossiers": (MigratieSoort.DOSSIER, _dossier),
    "schulden": (MigratieSoort.SCHULD, _schuld),
    "documenten": (MigratieSoort.DOCUMENT, _document),
}


def _blad_verwerken(run: _Run, blad: str, rijen: list[dict[str, str]]) -> None:
    soort, verwerker = VERWERKERS[blad]
    verplicht = BLADEN[blad]
    gezien: set[str] = set()
    for nummer, data in enumerate(rijen, start=2):
        rij = invoer.Rij(bron=_("%(blad)s rij %(n)s") % {"blad": blad, "n": nummer})
        run.verslag.rijen.append(rij)
        ontbreekt = [kolom for kolom in verplicht if not data.get(kolom)]
        if ontbreekt:
            rij.fout(_("Verplicht veld leeg: %(k)s.") % {"k": ", ".join(ontbreekt)})
            continue
        extern_id = data["extern_id"]
        if extern_id in gezien:
            rij.fout(_("extern_id '%(id)s' komt twee keer voor.") % {"id": extern_id})
            continue
        gezien.add(extern_id)
        if run.koppeling(soort, extern_id) is not None:
            rij.uitkomst = "bestaat_al"
            rij.omschrijving = _("al eerder gemigreerd")
            continue
        _rij_uitvoeren(run, rij, lambda v=verwerker, r=rij, d=data: v(run, r, d))
        if rij.fouten:
            run.mislukt.add((soort, extern_id))


def migratie_importeren(
    *,
    actor: Actor,
    export: Export,
    proef: bool = True,
    behandelaar: Medewerker | None = None,
) -> invoer.Verslag:
    """Import an export; with `proef` (the default) only the report. `actor` runs the
    services: a system actor named after the functional administrator (see
    `migratie_actor`), since migrating needs every debt track and the consultant's role."""
    verslag = invoer.Verslag(proef=proef)
    ontbrekend = [
        f"{blad}: {', '.join(k for k in kolommen if rijen and k not in rijen[0])}"
        for blad, kolommen in BLADEN.items()
        if (rijen := export.bladen.get(blad)) and any(k not in rijen[0] for k in kolommen)
    ]
    if ontbrekend:
        verslag.algemene_fouten.append(
            _("Kolommen ontbreken: %(k)s.") % {"k": "; ".join(ontbrekend)}
        )
        return verslag
    if not any(export.bladen.values()):
        verslag.algemene_fouten.append(
            _("Geen gegevens gevonden: verwacht %(b)s.") % {"b": ", ".join(BLADEN)}
        )
        return verslag
    run = _Run(actor=actor, proef=proef, export=export, behandelaar=behandelaar, verslag=verslag)
    try:
        # Migrated dossiers follow their process from where they are, without its automatic
        # actions: no receipt letters or reminders for what happened in the old system.
        with transaction.atomic(), automatische_acties_uit():
            for blad in BLADEN:
                _blad_verwerken(run, blad, export.bladen.get(blad, []))
            if verslag.heeft_fouten or proef:
                raise _Terugdraaien
    except _Terugdraaien:
        return verslag
    verslag.uitgevoerd = True
    return verslag


def migratie_actor(actor: Actor) -> Actor:
    """The actor the migration runs as: the system, with the person who started it in its
    name, so the audit trail says who migrated."""
    require_migratie(actor)
    return Actor.system(actor.organisatie, weergave=f"Migratie ({actor.weergave})")


# --- the functional administrator's screen --------------------------------------------------


def _upload_uitvoeren(actor: Actor, upload: MigratieUpload, proef: bool) -> invoer.Verslag:
    behandelaar = upload.behandelaar
    with tempfile.TemporaryDirectory(prefix="shv-migratie-") as tmp:
        werkmap = Path(tmp)
        bron = werkmap / "upload" / Path(upload.bestandsnaam).name
        bron.parent.mkdir()
        with upload.bestand.open("rb") as inhoud:
            bron.write_bytes(inhoud.read())
        uitpakken = werkmap / "export"
        uitpakken.mkdir()
        try:
            export = export_lezen(bron, werkmap=uitpakken)
        except invoer.Onleesbaar as error:
            verslag = invoer.Verslag(proef=proef)
            verslag.algemene_fouten.append(str(error))
            return verslag
        return migratie_importeren(
            actor=migratie_actor(actor), export=export, proef=proef, behandelaar=behandelaar
        )


def migratie_upload_create(
    *, actor: Actor, bestand: UploadedFile, behandelaar: Medewerker | None = None
) -> MigratieUpload:
    """Keep the uploaded export and run the dry run at once; the report is stored with it."""
    require_migratie(actor)
    upload = MigratieUpload.objects.create(
        organisatie=actor.organisatie,
        bestand=bestand,
        bestandsnaam=Path(bestand.name or "export").name[:255],
        geupload_door=actor.medewerker,
        behandelaar=behandelaar,
    )
    upload.rapport = _upload_uitvoeren(actor, upload, proef=True).as_dict()
    upload.save(update_fields=["rapport"])
    audit_entry_record(
        actor=actor, actie="migratie_proef", obj=upload, toelichting=upload.bestandsnaam
    )
    return upload


def migratie_upload_importeren(*, actor: Actor, upload: MigratieUpload) -> invoer.Verslag:
    """Commit an upload (all or nothing). The export file is deleted after success: the data
    now lives in the dossiers, the report stays."""
    require_migratie(actor)
    if upload.geimporteerd_op is not None:
        raise ValidationError(_("Dit bestand is al geïmporteerd."))
    verslag = _upload_uitvoeren(actor, upload, proef=False)
    upload.rapport = verslag.as_dict()
    velden = ["rapport"]
    if verslag.uitgevoerd:
        upload.geimporteerd_op = timezone.now()
        upload.bestand.delete(save=False)
        upload.bestand = ""
        velden += ["geimporteerd_op", "bestand"]
    upload.save(update_fields=velden)
    audit_entry_record(
        actor=actor,
        actie="migratie_uitgevoerd" if verslag.uitgevoerd else "migratie_mislukt",
        obj=upload,
        toelichting=verslag.samenvatting(),
    )
    return verslag
