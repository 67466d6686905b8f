"""The CRM's KPI figures (issue 6 item 7) and the rows behind each figure.

Every figure is computed from its own rows, so a figure is always traceable: the rows page,
the CSV/XLSX export and the API's `rijen` list give exactly the rows the figure counts.

Who sees what (docs/crm/kpi-en-rapportages.md):

* A teamleider (and an application through the API) sees the figures and rows of the whole
  organisation. Rows never carry a name, BSN or free text of a client; a per-relation filter
  is refused (403), because it would single out one client.
* A medewerker sees the figures of their own departments (and those below them; a department
  that "sees all relations" sees all), may narrow them to one relation they may see (that read
  goes into the processing log) and sees the survey comments.
* Other roles: 403.

The department of a row is the item's own department: the contact moment's unit, the
complaint's department, the lead's and the contract's department, the survey's unit.

A package of three modules (scope, rows, figures); import from
`raadhuis.modules.crm.kpi.selectors`.
"""

from __future__ import annotations

from raadhuis.modules.crm.kpi.selectors.bereik import (
    JA,
    LOPEND,
    MAY_READ_KPI,
    NEE,
    NUL,
    Filter,
    KpiBereik,
    Periode,
    kpi_bereik,
    standaard_periode,
)
from raadhuis.modules.crm.kpi.selectors.cijfers import (
    KPIS,
    SOCIAL_RETURN_KOLOMMEN,
    Cijfer,
    Kpi,
    afdelingen_in_bereik,
    kpi_cijfers,
    kpi_filter,
    kpi_get,
    kpi_kolommen,
    kpi_rijen,
    metingen_recent,
)

__all__ = [
    "Cijfer",
    "Filter",
    "JA",
    "KPIS",
    "Kpi",
    "KpiBereik",
    "LOPEND",
    "MAY_READ_KPI",
    "NEE",
    "NUL",
    "Periode",
    "SOCIAL_RETURN_KOLOMMEN",
    "afdelingen_in_bereik",
    "kpi_bereik",
    "kpi_cijfers",
    "kpi_filter",
    "kpi_get",
    "kpi_kolommen",
    "kpi_rijen",
    "metingen_recent",
    "standaard_periode",
]
