"""`zaakgeometrie.within` of POST /zaken/_zoek without a spatial database.

The kernel keeps each case's bounding box in indexed columns, so SQL first keeps the cases
whose box lies inside the search area's box. Of those, only the geometry column is read and
tested exactly against the search area (a Polygon or MultiPolygon, holes excluded); the
matching ids go back to SQL, so paging and `count` stay exact.

"Within" means: every point of the case's geometry lies in the area, its boundary included
(as PostGIS `ST_CoveredBy`; Open Zaak uses `__within` on PostGIS). The test is exact, not by
vertices only:
- a point must lie in the area;
- a line segment is cut at every point where it meets an edge of the area; each piece lies
  wholly inside or wholly outside, so testing the middle of each piece decides it (this
  catches a segment whose two ends are inside but which leaves a concave area, or jumps the
  gap between two polygons of a MultiPolygon);
- a polygon lies in the area when all its rings do and no hole of the area lies inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.regels import geometrie_bbox

Punt = tuple[float, float]
Ring = list[Punt]
Vlak = list[Ring]  # outer ring, then holes
EPS = 1e-12


def within(queryset: QuerySet[Zaak], gebied: dict[str, Any]) -> QuerySet[Zaak]:
    xmin, ymin, xmax, ymax = geometrie_bbox(gebied)
    if xmin is None:
        return queryset.none()
    kandidaten = queryset.filter(
        geo_xmin__gte=xmin, geo_ymin__gte=ymin, geo_xmax__lte=xmax, geo_ymax__lte=ymax
    ).values_list("pk", "zaakgeometrie")
    vlakken = list(vlakken_van(gebied))
    ids = [
        pk
        for pk, geometrie in kandidaten.order_by()
        if geometrie and geometrie_binnen(geometrie, vlakken)
    ]
    return queryset.filter(pk__in=ids)


def vlakken_van(gebied: dict[str, Any]) -> Iterator[Vlak]:
    """The polygons of a Polygon or MultiPolygon."""
    soort = gebied.get("type")
    if soort == "Polygon":
        yield [_ring(r) for r in gebied["coordinates"]]
    elif soort == "MultiPolygon":
        for polygon in gebied["coordinates"]:
            yield [_ring(r) for r in polygon]


def _ring(coordinates: list[Any]) -> Ring:
    ring = [(float(p[0]), float(p[1])) for p in coordinates]
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]  # GeoJSON repeats the first position at the end
    return ring


def _randen(ring: Ring) -> Iterator[tuple[Punt, Punt]]:
    for i, punt in enumerate(ring):
        yield punt, ring[(i + 1) % len(ring)]


# --- the area --------------------------------------------------------------------------------
def _op_rand(p: Punt, a: Punt, b: Punt) -> bool:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    kruis = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1)
    schaal = max(abs(x2 - x1), abs(y2 - y1), 1.0)
    if abs(kruis) > EPS * schaal:
        return False
    return (
        min(x1, x2) - EPS <= x <= max(x1, x2) + EPS and min(y1, y2) - EPS <= y <= max(y1, y2) + EPS
    )


def _in_ring(p: Punt, ring: Ring) -> int:
    """1 strictly inside, 0 on the ring, -1 outside (ray casting)."""
    x, y = p
    binnen = False
    for a, b in _randen(ring):
        if _op_rand(p, a, b):
            return 0
        (x1, y1), (x2, y2) = a, b
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            binnen = not binnen
    return 1 if binnen else -1


def _in_vlak(p: Punt, vlak: Vlak) -> int:
    """1 in the interior, 0 on the boundary (outer ring or a hole's ring), -1 outside."""
    buiten, *gaten = vlak
    plaats = _in_ring(p, buiten)
    if plaats < 0:
        return -1
    for gat in gaten:
        in_gat = _in_ring(p, gat)
        if in_gat > 0:
            return -1
        if in_gat == 0:
            plaats = 0
    return plaats


def punt_binnen(p: Punt, vlakken: list[Vlak]) -> bool:
    """Whether a point lies in the area, boundary included."""
    return any(_in_vlak(p, vlak) >= 0 for vlak in vlakken)


# --- line segments ---------------------------------------------------------------------------
def _snijparameters(p: Punt, q: Punt, a: Punt, b: Punt) -> list[float]:
    """Where (as t in [0, 1] along p→q) segment p-q meets edge a-b: the crossing point, or
    for overlapping collinear segments the ends of the overlap."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    ex, ey = b[0] - a[0], b[1] - a[1]
    noemer = dx * ey - dy * ex
    if abs(noemer) > EPS * max(abs(dx) + abs(dy), 1.0) * max(abs(ex) + abs(ey), 1.0):
        t = ((a[0] - p[0]) * ey - (a[1] - p[1]) * ex) / noemer
        u = ((a[0] - p[0]) * dy - (a[1] - p[1]) * dx) / noemer
        if -EPS <= t <= 1 + EPS and -EPS <= u <= 1 + EPS:
            return [min(max(t, 0.0), 1.0)]
        return []
    # parallel: only collinear overlaps matter; their ends are the cut points
    lengte = dx * dx + dy * dy
    if lengte == 0 or not _op_rand(a, p, q) and not _op_rand(b, p, q):
        return []
    return [min(max(((c[0] - p[0]) * dx + (c[1] - p[1]) * dy) / lengte, 0.0), 1.0) for c in (a, b)]


def segment_binnen(p: Punt, q: Punt, vlakken: list[Vlak]) -> bool:
    """Whether every point of segment p-q lies in the area, boundary included."""
    ts = {0.0, 1.0}
    for vlak in vlakken:
        for ring in vlak:
            for a, b in _randen(ring):
                ts.update(_snijparameters(p, q, a, b))
    volgorde = sorted(ts)
    for t in volgorde:
        if not punt_binnen(_op(p, q, t), vlakken):
            return False
    return all(
        punt_binnen(_op(p, q, (t1 + t2) / 2), vlakken)
        for t1, t2 in zip(volgorde, volgorde[1:], strict=False)
    )


def _op(p: Punt, q: Punt, t: float) -> Punt:
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


# --- the case's geometry ---------------------------------------------------------------------
def _lijn_binnen(lijn: list[Punt], vlakken: list[Vlak]) -> bool:
    if len(lijn) == 1:
        return punt_binnen(lijn[0], vlakken)
    return all(segment_binnen(p, q, vlakken) for p, q in zip(lijn, lijn[1:], strict=False))


def _vlak_binnen(vlak: Vlak, vlakken: list[Vlak]) -> bool:
    """All rings of the polygon lie in the area, and no hole of the area lies inside it (its
    rings could go round a hole without touching it)."""
    if not all(_lijn_binnen([*ring, ring[0]], vlakken) for ring in vlak if ring):
        return False
    for gebied in vlakken:
        for gat in gebied[1:]:
            proeven = [*gat, *((_op(a, b, 0.5)) for a, b in _randen(gat))]
            if any(_in_vlak(p, vlak) > 0 for p in proeven):
                return False
    return True


def _punten(coordinates: Any) -> list[Punt]:
    return [(float(c[0]), float(c[1])) for c in coordinates]


def _delen(geometrie: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    soort = geometrie.get("type")
    if soort == "GeometryCollection":
        for deel in geometrie.get("geometries") or []:
            yield from _delen(deel)
    else:
        yield str(soort), geometrie.get("coordinates")


def geometrie_binnen(geometrie: dict[str, Any], vlakken: list[Vlak]) -> bool:
    """Whether a GeoJSON geometry lies wholly in the area (a list of polygons)."""
    try:
        delen = list(_delen(geometrie))
        return bool(delen) and all(_deel_binnen(soort, c, vlakken) for soort, c in delen)
    except (TypeError, ValueError, IndexError, KeyError):
        return False  # a malformed stored geometry never matches


def _deel_binnen(soort: str, coordinates: Any, vlakken: list[Vlak]) -> bool:
    if soort == "Point":
        return punt_binnen(_punten([coordinates])[0], vlakken)
    if soort == "MultiPoint":
        return bool(coordinates) and all(punt_binnen(p, vlakken) for p in _punten(coordinates))
    if soort == "LineString":
        return bool(coordinates) and _lijn_binnen(_punten(coordinates), vlakken)
    if soort == "MultiLineString":
        return bool(coordinates) and all(
            _lijn_binnen(_punten(lijn), vlakken) for lijn in coordinates
        )
    if soort == "Polygon":
        return bool(coordinates) and _vlak_binnen([_ring(r) for r in coordinates], vlakken)
    if soort == "MultiPolygon":
        return bool(coordinates) and all(
            _vlak_binnen([_ring(r) for r in polygon], vlakken) for polygon in coordinates
        )
    return False
