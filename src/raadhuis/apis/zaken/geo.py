"""`zaakgeometrie.within` of POST /zaken/_zoek without a spatial database.

The kernel keeps each case's bounding box in indexed columns, so SQL first keeps the cases
whose box lies inside the search area's box. Of those, only the geometry column is read and
every vertex is tested against the search polygon(s) (ray casting, holes excluded); the
matching ids go back to SQL, so paging and `count` stay exact. Known limit: for a concave
search area a case whose vertices all lie inside but whose edge leaves the area still matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.regels import geometrie_bbox, punten

Ring = list[tuple[float, float]]


def within(queryset: QuerySet[Zaak], gebied: dict[str, Any]) -> QuerySet[Zaak]:
    xmin, ymin, xmax, ymax = geometrie_bbox(gebied)
    if xmin is None:
        return queryset.none()
    kandidaten = queryset.filter(
        geo_xmin__gte=xmin, geo_ymin__gte=ymin, geo_xmax__lte=xmax, geo_ymax__lte=ymax
    ).values_list("pk", "zaakgeometrie")
    polygonen = list(_polygonen(gebied))
    ids = [
        pk for pk, geometrie in kandidaten.order_by() if geometrie and _binnen(geometrie, polygonen)
    ]
    return queryset.filter(pk__in=ids)


def _polygonen(gebied: dict[str, Any]) -> Iterable[list[Ring]]:
    soort = gebied.get("type")
    if soort == "Polygon":
        yield [_ring(r) for r in gebied["coordinates"]]
    elif soort == "MultiPolygon":
        for polygon in gebied["coordinates"]:
            yield [_ring(r) for r in polygon]


def _ring(coordinates: list[Any]) -> Ring:
    return [(float(p[0]), float(p[1])) for p in coordinates]


def _binnen(geometrie: dict[str, Any], polygonen: list[list[Ring]]) -> bool:
    alle = list(punten(geometrie.get("coordinates")))
    for deel in geometrie.get("geometries") or []:
        alle.extend(punten(deel.get("coordinates")))
    return bool(alle) and all(any(_in_polygon(p, polygon) for polygon in polygonen) for p in alle)


def _in_polygon(punt: tuple[float, float], polygon: list[Ring]) -> bool:
    buiten, *gaten = polygon
    return _in_ring(punt, buiten) and not any(_in_ring(punt, gat) for gat in gaten)


def _in_ring(punt: tuple[float, float], ring: Ring) -> bool:
    """Ray casting; a point on the boundary counts as inside."""
    x, y = punt
    binnen = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if _op_lijn(x, y, x1, y1, x2, y2):
            return True
        if (y1 > y) != (y2 > y):
            snij = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < snij:
                binnen = not binnen
    return binnen


def _op_lijn(x: float, y: float, x1: float, y1: float, x2: float, y2: float) -> bool:
    kruis = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1)
    if abs(kruis) > 1e-12:
        return False
    return min(x1, x2) - 1e-12 <= x <= max(x1, x2) + 1e-12 and (
        min(y1, y2) - 1e-12 <= y <= max(y1, y2) + 1e-12
    )
