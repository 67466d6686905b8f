"""Reading the post mailbox: every message in a Maildir's `new/` is stored (and, when its
subject names a case, filed in that case's dossier), then moved to `cur/` marked as seen.

Nothing is lost: a message moves to `cur/` only after it is committed to the database, so a
crash in between leaves it in `new/`, and the next run recognises it by its Message-ID and
only moves it. A message that cannot be stored stays in `new/` and is reported.
"""

from __future__ import annotations

import logging
import mailbox
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from raadhuis.kernel.documents.inkomende_post import inkomend_bericht_inlezen
from raadhuis.kernel.documents.models import InkomendBerichtStatus
from raadhuis.kernel.organisations.models import Organisatie

logger = logging.getLogger(__name__)


class GeenMaildir(ValueError):
    """The path is not a Maildir (it needs the folders new/, cur/ and tmp/)."""


@dataclass
class MaildirVerslag:
    gelezen: int = 0
    gekoppeld: int = 0
    postkamer: int = 0
    eerder_gelezen: int = 0
    fouten: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _(
            "Gelezen: %(gelezen)s; aan een zaak toegevoegd: %(gekoppeld)s; naar de postkamer: "
            "%(postkamer)s; eerder gelezen: %(eerder)s; niet gelukt: %(fouten)s."
        ) % {
            "gelezen": self.gelezen,
            "gekoppeld": self.gekoppeld,
            "postkamer": self.postkamer,
            "eerder": self.eerder_gelezen,
            "fouten": len(self.fouten),
        }


def _nieuwe_sleutels(box: mailbox.Maildir, pad: Path) -> list[str]:
    """Keys of the messages in new/, oldest first (a key is the file name before the info)."""
    namen = sorted(
        (entry for entry in os.scandir(pad / "new") if entry.is_file()),
        key=lambda entry: (entry.stat().st_mtime, entry.name),
    )
    return [entry.name.split(box.colon)[0] for entry in namen if not entry.name.startswith(".")]


def _naar_cur(box: mailbox.Maildir, sleutel: str) -> None:
    bericht = box.get_message(sleutel)
    bericht.set_subdir("cur")
    bericht.add_flag("S")
    box[sleutel] = bericht


def maildir_inlezen(*, organisatie: Organisatie, pad: Path | str) -> MaildirVerslag:
    """Read every new message of the Maildir at `pad` for `organisatie`."""
    pad = Path(pad)
    if not all((pad / sub).is_dir() for sub in ("new", "cur", "tmp")):
        raise GeenMaildir(
            _("%(pad)s is geen Maildir (new/, cur/ en tmp/ ontbreken).") % {"pad": pad}
        )
    box = mailbox.Maildir(pad, factory=None, create=False)
    verslag = MaildirVerslag()
    for sleutel in _nieuwe_sleutels(box, pad):
        try:
            resultaat = inkomend_bericht_inlezen(
                organisatie=organisatie, ruw=box.get_bytes(sleutel)
            )
        except Exception as fout:  # noqa: BLE001  (one bad message must not stop the others)
            logger.exception("Inkomend bericht %s niet ingelezen", sleutel)
            verslag.fouten.append(f"{sleutel}: {type(fout).__name__}: {fout}")
            continue
        _naar_cur(box, sleutel)
        if not resultaat.nieuw:
            verslag.eerder_gelezen += 1
            continue
        verslag.gelezen += 1
        if resultaat.bericht.status == InkomendBerichtStatus.GEKOPPELD:
            verslag.gekoppeld += 1
        else:
            verslag.postkamer += 1
    return verslag
