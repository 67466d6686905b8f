"""Reading a statement file: recognise camt.053 or MT940 from the content, read it, and
check that every statement's entries add up to its closing balance.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from raadhuis.modules.budget.bankimport.afschrift import NUL, BestandOngeldig, GelezenAfschrift
from raadhuis.modules.budget.bankimport.camt053_lezer import camt053_lezen
from raadhuis.modules.budget.bankimport.mt940_lezer import mt940_lezen
from raadhuis.modules.budget.models import AfschriftFormaat


def _tekst(inhoud: bytes) -> str:
    for codering in ("utf-8-sig", "cp1252"):
        try:
            return inhoud.decode(codering)
        except UnicodeDecodeError:
            continue
    raise BestandOngeldig(_("Het bestand is geen leesbare tekst."), code="codering")


def formaat_herkennen(tekst: str) -> str:
    begin = tekst.lstrip()[:2000]
    if begin.startswith("<"):
        return AfschriftFormaat.CAMT053
    if re.search(r"^:20:", begin, re.MULTILINE) or "{4:" in begin:
        return AfschriftFormaat.MT940
    raise BestandOngeldig(
        _("Dit bestand is geen bankafschrift in camt.053- of MT940-formaat."), code="formaat"
    )


def afschrift_lezen(inhoud: bytes) -> tuple[str, list[GelezenAfschrift]]:
    """(format, statements) from a camt.053 or MT940 file; raises BestandOngeldig."""
    if not inhoud or not inhoud.strip():
        raise BestandOngeldig(_("Het bestand is leeg."), code="leeg")
    tekst = _tekst(inhoud)
    formaat = formaat_herkennen(tekst)
    if formaat == AfschriftFormaat.CAMT053:
        afschriften = camt053_lezen(tekst)
    else:
        afschriften = mt940_lezen(tekst)
    if not afschriften:
        raise BestandOngeldig(_("Het bestand bevat geen afschrift."), code="leeg")
    fouten = [f for a in afschriften for f in _saldo_fouten(a)]
    if fouten:
        raise BestandOngeldig(fouten, code="saldo")
    return formaat, afschriften


def _saldo_fouten(afschrift: GelezenAfschrift) -> list[str]:
    """A statement whose entries do not lead from the opening to the closing balance is
    incomplete (a truncated or edited file): importing it would book the wrong money."""
    som = sum((m.bedrag for m in afschrift.mutaties), NUL)
    if afschrift.beginsaldo + som == afschrift.eindsaldo or afschrift.niet_geboekt:
        return []
    return [
        _(
            "Afschrift %(id)s: beginsaldo %(begin)s plus de mutaties (%(som)s) is niet het "
            "eindsaldo %(eind)s. Het bestand is onvolledig of gewijzigd."
        )
        % {
            "id": afschrift.afschrift_id,
            "begin": afschrift.beginsaldo,
            "som": som,
            "eind": afschrift.eindsaldo,
        }
    ]
