"""CSV and XLSX files of a figure's rows (for Power BI or a spreadsheet)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

CSV_BOM = "\ufeff"  # Excel opens a UTF-8 CSV with a BOM correctly


def _tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)


def rijen_csv(kolommen: tuple[tuple[str, Any], ...], rijen: list[dict[str, Any]]) -> str:
    """Semicolon-separated (the Dutch Excel default), machine-readable values: ISO dates and
    decimals with a point, headers as the field names (stable for Power BI)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([k for k, _label in kolommen])
    for rij in rijen:
        writer.writerow([_tekst(rij.get(k)) for k, _label in kolommen])
    return CSV_BOM + buffer.getvalue()


def _cel(waarde: Any) -> Any:
    if isinstance(waarde, Decimal):
        return float(waarde) if waarde != waarde.to_integral_value() else int(waarde)
    return waarde


def rijen_xlsx(
    titel: str, kolommen: tuple[tuple[str, Any], ...], rijen: list[dict[str, Any]]
) -> bytes:
    """One sheet with a header row of field names and typed cells (dates, numbers)."""
    boek = Workbook()
    blad = boek.active
    blad.title = titel[:31]
    blad.append([k for k, _label in kolommen])
    for rij in rijen:
        blad.append([_cel(rij.get(k)) for k, _label in kolommen])
    for kolom in blad.iter_cols(min_row=2):
        for cel in kolom:
            if isinstance(cel.value, date):
                cel.number_format = "yyyy-mm-dd"
    blad.freeze_panes = "A2"
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
