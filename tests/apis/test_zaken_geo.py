"""`zaakgeometrie.within` (POST /zaken/_zoek) is exact: worked geometries against a concave
area, an area with a hole and a MultiPolygon, and through the API."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.apis.zaken.geo import geometrie_binnen, vlakken_van
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import BASE, CRS, create_zaak

api = steun.api  # fixture

# A "U": the notch between x=3 and x=7 above y=3 is outside.
U = {
    "type": "Polygon",
    "coordinates": [[[0, 0], [10, 0], [10, 10], [7, 10], [7, 3], [3, 3], [3, 10], [0, 10], [0, 0]]],
}
# A square with a square hole in the middle.
MET_GAT = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
}
# Two squares with a gap between x=4 and x=6.
TWEE = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]],
        [[[6, 0], [10, 0], [10, 4], [6, 4], [6, 0]]],
    ],
}
# Two squares sharing the edge x=5.
AANEEN = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]]],
        [[[5, 0], [10, 0], [10, 5], [5, 5], [5, 0]]],
    ],
}


def punt(x: float, y: float) -> dict:
    return {"type": "Point", "coordinates": [x, y]}


def lijn(*punten: tuple[float, float]) -> dict:
    return {"type": "LineString", "coordinates": [list(p) for p in punten]}


def vlak(*ringen: list[tuple[float, float]]) -> dict:
    return {"type": "Polygon", "coordinates": [[list(p) for p in [*r, r[0]]] for r in ringen]}


def vierkant(x1: float, y1: float, x2: float, y2: float) -> list[tuple[float, float]]:
    return [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]


GEVALLEN = [
    # (area, geometry, within?, why)
    (U, punt(1, 8), True, "in the left arm"),
    (U, punt(5, 5), False, "in the notch"),
    (U, punt(5, 3), True, "on the notch's bottom edge (boundary counts)"),
    (U, punt(11, 5), False, "outside the box"),
    (U, lijn((1, 1), (9, 1)), True, "along the bottom"),
    (U, lijn((1, 8), (9, 8)), False, "both ends inside, the middle crosses the notch"),
    (U, lijn((0, 0), (10, 0)), True, "on the bottom edge"),
    (U, lijn((3, 3), (7, 3)), True, "along the notch's edge"),
    (U, lijn((1, 1), (9, 1), (9, 9)), True, "a bend round the notch"),
    (U, lijn((1, 9), (2, 2), (9, 9)), False, "second segment crosses the notch"),
    (U, vlak([(1, 1), (9, 1), (5, 2.9)]), True, "triangle below the notch"),
    (U, vlak([(1, 1), (9, 1), (5, 5)]), False, "triangle reaching into the notch"),
    (U, vlak(vierkant(0, 0, 10, 3)), True, "the bottom bar exactly"),
    (MET_GAT, punt(5, 5), False, "in the hole"),
    (MET_GAT, punt(4, 5), True, "on the hole's edge"),
    (MET_GAT, lijn((1, 5), (9, 5)), False, "through the hole"),
    (MET_GAT, lijn((1, 1), (9, 1)), True, "below the hole"),
    (MET_GAT, vlak(vierkant(2, 2, 8, 8)), False, "all vertices and edges in, the hole inside"),
    (MET_GAT, vlak(vierkant(2, 2, 8, 8), vierkant(3, 3, 7, 7)), True, "the hole in its hole"),
    (MET_GAT, vlak(vierkant(1, 1, 3, 3)), True, "a small square beside the hole"),
    (TWEE, lijn((1, 1), (9, 1)), False, "jumps the gap"),
    (TWEE, {"type": "MultiPoint", "coordinates": [[1, 1], [9, 1]]}, True, "a point in each"),
    (TWEE, vlak(vierkant(1, 1, 9, 3)), False, "a rectangle over the gap"),
    (
        TWEE,
        {"type": "MultiPolygon", "coordinates": [vlak(vierkant(1, 1, 2, 2))["coordinates"]]},
        True,
        "a MultiPolygon in one part",
    ),
    (AANEEN, lijn((1, 1), (9, 1)), True, "crosses the shared edge"),
    (AANEEN, vlak(vierkant(1, 1, 9, 4)), True, "over the shared edge"),
    (
        U,
        {"type": "GeometryCollection", "geometries": [punt(1, 1), lijn((1, 8), (9, 8))]},
        False,
        "a collection with one part outside",
    ),
    (
        U,
        {"type": "GeometryCollection", "geometries": [punt(1, 1), lijn((1, 1), (9, 1))]},
        True,
        "a collection wholly inside",
    ),
    (U, {"type": "Point", "coordinates": "kapot"}, False, "a malformed geometry"),
]


@pytest.mark.parametrize(
    "gebied, geometrie, binnen, waarom", GEVALLEN, ids=[g[3] for g in GEVALLEN]
)
def test_within_is_exact(gebied, geometrie, binnen, waarom):
    assert geometrie_binnen(geometrie, list(vlakken_van(gebied))) is binnen, waarom


# Quarter steps: exact in binary, and they hit edges and corners often. (Within 1e-12 of an
# edge counts as on it: a tolerance far below any map's precision.)
_X = st.integers(-80, 80).map(lambda i: i / 4)


@given(x1=_X, y1=_X, x2=_X, y2=_X)
def test_in_een_rechthoek_telt_een_lijnstuk_als_beide_einden_erin_liggen(x1, y1, x2, y2):
    """A rectangle is convex: a segment lies in it exactly when both its ends do."""
    gebied = list(vlakken_van({"type": "Polygon", "coordinates": [_ring(vierkant(0, 0, 10, 5))]}))

    def erin(x: float, y: float) -> bool:
        return 0 <= x <= 10 and 0 <= y <= 5

    verwacht = erin(x1, y1) and erin(x2, y2)
    assert geometrie_binnen(lijn((x1, y1), (x2, y2)), gebied) is verwacht


@given(x=_X, y=_X)
def test_een_punt_in_het_gat_telt_niet(x, y):
    def verwacht() -> bool:
        in_vierkant = 0 <= x <= 10 and 0 <= y <= 10
        in_gat = 4 < x < 6 and 4 < y < 6
        return in_vierkant and not in_gat

    assert geometrie_binnen(punt(x, y), list(vlakken_van(MET_GAT))) is verwacht()


def _ring(punten: list[tuple[float, float]]) -> list[list[float]]:
    return [list(p) for p in [*punten, punten[0]]]


def test_zoeken_met_within_via_de_api(api, org, zaaktype):
    binnen = create_zaak(api, org, zaaktype, zaakgeometrie=lijn((1, 1), (9, 1)))
    create_zaak(api, org, zaaktype, zaakgeometrie=lijn((1, 8), (9, 8)))  # crosses the notch
    create_zaak(api, org, zaaktype, zaakgeometrie=punt(5, 5))  # in the notch
    hoek = create_zaak(api, org, zaaktype, zaakgeometrie=punt(1, 9))
    create_zaak(api, org, zaaktype)  # no geometry
    response = api.post(
        f"{BASE}/zaken/_zoek", {"zaakgeometrie": {"within": U}}, format="json", **CRS
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == 2
    assert {z["uuid"] for z in body["results"]} == {binnen["uuid"], hoek["uuid"]}
