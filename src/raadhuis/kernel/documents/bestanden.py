"""File handling for documents through Django's storage API: facts about a file read in
chunks, joining the parts of a large upload, and removing files only after a commit."""

from __future__ import annotations

import hashlib
import math
import mimetypes
import tempfile
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

# Size of one BESTANDSDEEL of a large upload (Documenten API 1.1+); the consumer splits its
# file into parts of exactly this size (the last part: the rest).
DEFAULT_BESTANDSDEEL_OMVANG = 4 * 1024 * 1024


def bestandsdeel_omvang() -> int:
    return int(getattr(settings, "DOCUMENTEN_BESTANDSDEEL_OMVANG", DEFAULT_BESTANDSDEEL_OMVANG))


def delen_omvang(totaal: int) -> list[int]:
    """The sizes of the parts a file of `totaal` bytes is sent in."""
    deel = bestandsdeel_omvang()
    aantal = math.ceil(totaal / deel)
    return [min(deel, totaal - i * deel) for i in range(aantal)]


def _chunks(bestand: File) -> Iterable[bytes]:
    if hasattr(bestand, "chunks"):
        return bestand.chunks()
    return iter(lambda: bestand.read(65536), b"")


def file_facts(bestand: File) -> tuple[str, int, str]:
    """(sha256, size, mime type) read in chunks, so large files never sit in memory."""
    digest = hashlib.sha256()
    size = 0
    bestand.seek(0)
    for chunk in _chunks(bestand):
        digest.update(chunk)
        size += len(chunk)
    bestand.seek(0)
    naam = getattr(bestand, "name", "") or ""
    formaat = getattr(bestand, "content_type", "") or mimetypes.guess_type(naam)[0] or ""
    return digest.hexdigest(), size, formaat


def delen_samenvoegen(namen: list[str]) -> File:
    """One temporary file holding the stored parts `namen` in order (streamed, never whole
    in memory); the caller saves it to its FileField and closes it."""
    doel = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    for naam in namen:
        with default_storage.open(naam, "rb") as deel:
            for chunk in _chunks(File(deel)):
                doel.write(chunk)
    doel.seek(0)
    return File(doel, name="samengevoegd")


def bestanden_verwijderen_na_commit(namen: Iterable[str]) -> None:
    """Remove stored files once the transaction that stopped referring to them commits; a
    rollback keeps them."""
    te_verwijderen = sorted({n for n in namen if n})
    if not te_verwijderen:
        return

    def verwijderen() -> None:
        for naam in te_verwijderen:
            default_storage.delete(naam)

    transaction.on_commit(verwijderen)
