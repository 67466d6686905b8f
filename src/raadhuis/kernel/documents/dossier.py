"""The whole dossier of a case as one ZIP: every document the actor may see (its current
version), in a folder per document type, with `index.pdf` listing the case and every document
(title, type, date, author, confidentiality, name in the ZIP, size, sha256).

`dossier_zip` checks access, builds the index and records the export (processing log and
audit trail) at once; the ZIP itself is produced while it is read (`DossierZip.chunks()`), one
file after the other in pieces, so a dossier of hundreds of documents never sits in memory.
"""

from __future__ import annotations

import mimetypes
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import IO, Any, cast

from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.selectors import zaken_visible
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.documents.models import InformatieObjectVersie, ZaakInformatieObject
from raadhuis.kernel.documents.selectors import zaak_documenten, zaak_externe_documenten
from raadhuis.kernel.exceptions import NietGevonden

INDEX = "index.pdf"
CHUNK = 256 * 1024
# Formats that are compressed already: stored as they are, deflating them costs time for nothing.
AL_GECOMPRIMEERD = {
    ".pdf", ".zip", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp3", ".mp4",
    ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".gz", ".7z", ".msg",
}  # fmt: skip
_ONVEILIG = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPATIES = re.compile(r"\s+")


@dataclass(frozen=True)
class DossierRegel:
    """One document of the dossier as the index lists it."""

    nummer: int
    titel: str
    documenttype: str
    datum: date | None
    auteur: str
    vertrouwelijkheid: str
    pad: str  # name in the ZIP; "" when the ZIP holds no file for it
    grootte: int | None
    sha256: str
    versie: int | None = None
    opmerking: str = ""  # why there is no file (external document, content missing)
    extern_url: str = ""
    opslag: str = field(default="", repr=False)  # name in the storage
    tijdstip: datetime | None = field(default=None, repr=False)


@dataclass
class DossierZip:
    """A dossier ready to be streamed: iterate `chunks()` (or the object itself)."""

    zaak: Zaak
    bestandsnaam: str
    regels: list[DossierRegel]
    index_pdf: bytes

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks()

    def chunks(self) -> Iterator[bytes]:
        buffer = _Buffer()
        with zipfile.ZipFile(cast(IO[bytes], buffer), "w", allowZip64=True) as archief:
            index = _zip_info(INDEX, timezone.localtime(), len(self.index_pdf))
            archief.writestr(index, self.index_pdf)
            yield buffer.drain()
            for regel in self.regels:
                if not regel.pad:
                    continue
                yield from _bestand_schrijven(archief, buffer, regel)
        yield buffer.drain()


class _Buffer:
    """A write-only file for zipfile that hands out what was written so far. It has no
    `seek`/`tell`, so zipfile writes each entry's sizes after its data (a data descriptor)."""

    def __init__(self) -> None:
        self._delen: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._delen.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self._delen)
        self._delen.clear()
        return data


def _zip_info(pad: str, tijdstip: datetime, grootte: int) -> zipfile.ZipInfo:
    lokaal = timezone.localtime(tijdstip) if timezone.is_aware(tijdstip) else tijdstip
    info = zipfile.ZipInfo(pad, date_time=max(lokaal.timetuple()[:6], (1980, 1, 1, 0, 0, 0)))
    gecomprimeerd = PurePosixPath(pad).suffix.lower() in AL_GECOMPRIMEERD
    info.compress_type = zipfile.ZIP_STORED if gecomprimeerd else zipfile.ZIP_DEFLATED
    info.file_size = grootte  # zipfile decides on ZIP64 from this before the data comes
    info.external_attr = 0o644 << 16
    return info


def _bestand_schrijven(
    archief: zipfile.ZipFile, buffer: _Buffer, regel: DossierRegel
) -> Iterator[bytes]:
    info = _zip_info(regel.pad, regel.tijdstip or timezone.now(), regel.grootte or 0)
    with default_storage.open(regel.opslag, "rb") as bron, archief.open(info, "w") as doel:
        while chunk := bron.read(CHUNK):
            doel.write(chunk)
            data = buffer.drain()
            if data:
                yield data
    yield buffer.drain()


# --- what goes in -------------------------------------------------------------------------
def veilige_naam(tekst: str, *, maximum: int = 80, standaard: str = "document") -> str:
    """A file or folder name every operating system accepts: no path separators or reserved
    characters, no leading or trailing dots and spaces, at most `maximum` characters."""
    naam = _SPATIES.sub(" ", _ONVEILIG.sub("_", tekst)).strip(" ._")
    return naam[:maximum].rstrip(" ._") or standaard


def _extensie(versie: InformatieObjectVersie) -> str:
    suffix = PurePosixPath(versie.bestandsnaam or "").suffix.lower()
    if suffix and len(suffix) <= 10 and suffix[1:].isalnum():
        return suffix
    return mimetypes.guess_extension(versie.formaat or "") or ""


def _uniek(pad: str, gebruikt: set[str]) -> str:
    """`pad`, or `pad (2)`, `pad (3)` … before the extension; names are compared without
    case, as Windows and macOS do."""
    naam = pad.rsplit("/", 1)[-1]
    extensie = naam[naam.rfind(".") :] if "." in naam.lstrip(".") else ""
    stam = pad[: len(pad) - len(extensie)]
    kandidaat, teller = pad, 1
    while kandidaat.lower() in gebruikt:
        teller += 1
        kandidaat = f"{stam} ({teller}){extensie}"
    gebruikt.add(kandidaat.lower())
    return kandidaat


def _vertrouwelijkheid(waarde: str) -> str:
    try:
        return str(Vertrouwelijkheid(waarde).label)
    except ValueError:
        return waarde


def _regel_lokaal(nummer: int, zio: ZaakInformatieObject, gebruikt: set[str]) -> DossierRegel:
    io = zio.informatieobject
    assert io is not None
    versie = io.laatste_versie
    documenttype = io.informatieobjecttype.omschrijving
    basis = DossierRegel(
        nummer=nummer,
        titel=zio.titel or io.titel,
        documenttype=documenttype,
        datum=io.creatiedatum,
        auteur=versie.auteur if versie else "",
        vertrouwelijkheid=_vertrouwelijkheid(io.vertrouwelijkheidaanduiding),
        pad="",
        grootte=None,
        sha256="",
        versie=versie.versie if versie else None,
    )
    if versie is None or not versie.bestand or not default_storage.exists(versie.bestand.name):
        return replace(basis, opmerking=_("De inhoud van dit document ontbreekt."))
    map_ = veilige_naam(documenttype, maximum=60, standaard=_("Overig"))
    titel = veilige_naam(io.titel, maximum=100)
    extensie = _extensie(versie)
    if extensie and titel.lower().endswith(extensie):
        extensie = ""
    datum = f"{io.creatiedatum:%Y-%m-%d} " if io.creatiedatum else ""
    return replace(
        basis,
        pad=_uniek(f"{map_}/{datum}{titel}{extensie}", gebruikt),
        grootte=versie.bestandsomvang,
        sha256=versie.sha256,
        opslag=versie.bestand.name,
        tijdstip=versie.begin_registratie,
    )


def _regel_extern(nummer: int, zio: ZaakInformatieObject) -> DossierRegel:
    return DossierRegel(
        nummer=nummer,
        titel=zio.titel or zio.informatieobject_url,
        documenttype="",
        datum=None,
        auteur="",
        vertrouwelijkheid="",
        pad="",
        grootte=None,
        sha256="",
        opmerking=_("Extern document: staat in een andere Documenten API."),
        extern_url=zio.informatieobject_url,
    )


def _regels(actor: Actor, zaak: Zaak) -> list[DossierRegel]:
    lokaal = (
        zaak_documenten(actor=actor, zaak=zaak)
        .select_related("informatieobject__laatste_versie")
        .prefetch_related(None)  # the current version is enough: no list of every version
        .order_by("informatieobject__informatieobjecttype__omschrijving", "registratiedatum", "id")
    )
    gebruikt: set[str] = {INDEX}
    regels = [_regel_lokaal(n, zio, gebruikt) for n, zio in enumerate(lokaal, start=1)]
    extern = zaak_externe_documenten(actor=actor, zaak=zaak).order_by("registratiedatum", "id")
    regels += [_regel_extern(n, zio) for n, zio in enumerate(extern, start=len(regels) + 1)]
    return regels


# --- the index ----------------------------------------------------------------------------
def _partijen(zaak: Zaak) -> list[Any]:
    return [rol.partij for rol in zaak.rollen.select_related("partij") if rol.partij is not None]


def _index_pdf(actor: Actor, zaak: Zaak, regels: list[DossierRegel]) -> bytes:
    from weasyprint import HTML  # imported when used: it loads fonts and pango

    rollen = zaak.rollen.select_related("roltype", "partij", "medewerker").order_by("id")
    context = {
        "zaak": zaak,
        "organisatie": zaak.organisatie,
        "rollen": [
            {
                "rol": rol.roltype.omschrijving,
                "naam": str(rol.partij or rol.medewerker or rol.afwijkende_naam_betrokkene or ""),
            }
            for rol in rollen
            # the behandelaar is listed once, under the case data
            if rol.medewerker_id is None or rol.medewerker_id != zaak.behandelaar_id
        ],
        "regels": regels,
        "aantal_bestanden": sum(1 for r in regels if r.pad),
        "totaal": sum(r.grootte or 0 for r in regels if r.pad),
        "gemaakt_op": timezone.localtime(),
        "gemaakt_door": actor.weergave,
        "vertrouwelijkheid": _vertrouwelijkheid(zaak.vertrouwelijkheidaanduiding),
    }
    html = render_to_string("documents/dossier_index.html", context)
    return HTML(string=html).write_pdf()


# --- the entry point ----------------------------------------------------------------------
def dossier_zip(*, actor: Actor, zaak: Zaak) -> DossierZip:
    """The dossier of `zaak` as the actor may see it, ready to stream.

    NietGevonden when the actor may not see the case (a teamleider never does: the access
    filter gives them no cases). The export is logged here, before any byte is sent: a
    processing-log line per party of the case and an audit entry `zaakdossier_gedownload`
    on the case, with the number of documents and the ZIP's name."""
    try:
        zaak = (
            zaken_visible(actor=actor)
            .select_related("zaaktype", "organisatie", "status_actueel__statustype", "behandelaar")
            .get(pk=zaak.pk)
        )
    except Zaak.DoesNotExist as error:
        raise NietGevonden(_("Zaak niet gevonden.")) from error
    regels = _regels(actor, zaak)
    index_pdf = _index_pdf(actor, zaak, regels)
    bestandsnaam = f"{veilige_naam(zaak.identificatie, standaard='zaak')}-dossier.zip"
    with transaction.atomic():
        verwerkingen_record(
            actor=actor,
            handeling=_("Zaakdossier gedownload (ZIP, %(n)s documenten)") % {"n": len(regels)},
            doel="Zaakbehandeling",
            partijen=_partijen(zaak),
            zaak=zaak,
        )
        audit_entry_record(
            actor=actor,
            actie="zaakdossier_gedownload",
            obj=zaak,
            wijzigingen={
                "bestand": [None, bestandsnaam],
                "documenten": [None, len(regels)],
                "bestanden": [None, sum(1 for r in regels if r.pad)],
            },
            zaak_uuid=zaak.uuid,
        )
    return DossierZip(zaak=zaak, bestandsnaam=bestandsnaam, regels=regels, index_pdf=index_pdf)
