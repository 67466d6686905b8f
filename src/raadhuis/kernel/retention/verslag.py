"""The destruction report (vernietigingsverslag) as a table, a CSV file and a PDF.

One row per case on the list: what it was (number, type, result, dates), under which rule it
went (term and its source), what happened (destroyed, skipped or failed, and why), who drew up,
reviewed and executed the list, and when. No personal data: the list items hold none.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from raadhuis.kernel.retention.models import (
    Vernietigingslijst,
    VernietigingslijstItem,
    Vernietigingsverslag,
)


@dataclass(frozen=True)
class VerslagRegel:
    item: VernietigingslijstItem
    documenten: int
    versies: int
    bestanden: int
    partijen_gewist: int


def verslag_regels(lijst: Vernietigingslijst) -> list[VerslagRegel]:
    items = lijst.items.order_by("archiefactiedatum", "identificatie", "pk")
    return [
        VerslagRegel(
            item=item,
            documenten=int(item.aantallen.get("documents.informatieobject", 0)),
            versies=int(item.aantallen.get("documents.informatieobjectversie", 0)),
            bestanden=int(item.aantallen.get("bestanden", 0)),
            partijen_gewist=int(item.aantallen.get("partijen_gewist", 0)),
        )
        for item in items
    ]


def _lokaal(moment: datetime | None, tijdzone: str) -> str:
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(tijdzone)).strftime("%Y-%m-%d %H:%M")


def _cel(waarde: object) -> str:
    """A CSV cell that a spreadsheet does not read as a formula."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@") else tekst


def verslag_csv(verslag: Vernietigingsverslag) -> str:
    """The report as CSV: semicolons and a byte order mark, as a Dutch spreadsheet expects."""
    lijst = verslag.lijst
    tz = lijst.organisatie.tijdzone
    uit = io.StringIO()
    uit.write("\ufeff")
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(
        [
            _("Zaaknummer"),
            _("Bronorganisatie"),
            _("Zaaktype"),
            _("Omschrijving zaaktype"),
            _("Versie zaaktype"),
            _("Resultaat"),
            _("Selectielijstklasse"),
            _("Startdatum"),
            _("Einddatum"),
            _("Archiefnominatie"),
            _("Archiefactiedatum"),
            _("Bewaartermijn"),
            _("Regel"),
            _("Uitkomst"),
            _("Reden"),
            _("Verwerkt op"),
            _("Documenten"),
            _("Versies"),
            _("Bestanden"),
            _("Partijen gewist"),
            _("Lijst"),
            _("Opgesteld door"),
            _("Opgesteld op"),
            _("Beoordeeld door"),
            _("Beoordeeld op"),
            _("Uitgevoerd door"),
            _("Uitgevoerd op"),
        ]
    )
    lijst_velden = [
        lijst.naam,
        lijst.auteur.naam,
        _lokaal(lijst.aangemaakt_op, tz),
        lijst.beoordelaar.naam if lijst.beoordelaar else "",
        _lokaal(lijst.beoordeeld_op, tz),
        lijst.uitvoerder_weergave,
        _lokaal(lijst.uitgevoerd_op, tz),
    ]
    for regel in verslag_regels(lijst):
        item = regel.item
        schrijver.writerow(
            [
                _cel(v)
                for v in [
                    item.identificatie,
                    item.bronorganisatie,
                    item.zaaktype_identificatie,
                    item.zaaktype_omschrijving,
                    item.zaaktype_versiedatum.isoformat(),
                    item.resultaat,
                    item.selectielijstklasse,
                    item.startdatum.isoformat(),
                    item.einddatum.isoformat(),
                    item.get_archiefnominatie_display(),
                    item.archiefactiedatum.isoformat(),
                    item.archiefactietermijn,
                    item.regel,
                    item.get_status_display(),
                    item.reden,
                    _lokaal(item.verwerkt_op, tz),
                    regel.documenten,
                    regel.versies,
                    regel.bestanden,
                    regel.partijen_gewist,
                    *lijst_velden,
                ]
            ]
        )
    return uit.getvalue()


def verslag_pdf(verslag: Vernietigingsverslag) -> bytes:
    """The report as PDF (WeasyPrint), for the archive's file of destruction records."""
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    lijst = verslag.lijst
    html = render_to_string(
        "retention/verslag_pdf.html",
        {
            "verslag": verslag,
            "lijst": lijst,
            "regels": verslag_regels(lijst),
            "beoordelingen": list(lijst.beoordelingen.select_related("beoordelaar")),
            "tijdzone": lijst.organisatie.tijdzone,
        },
    )
    return HTML(string=html).write_pdf()


def verslag_bestandsnaam(verslag: Vernietigingsverslag, extensie: str) -> str:
    datum = (verslag.lijst.afgerond_op or verslag.opgesteld_op).date().isoformat()
    return f"vernietigingsverslag-{datum}-{verslag.uuid.hex[:8]}.{extensie}"
