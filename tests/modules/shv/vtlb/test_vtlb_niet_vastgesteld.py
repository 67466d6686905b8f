"""Published VTLB figures that could not be found are never guessed: they are seeded empty with
a source that starts with "Nog niet vastgesteld", the list in docs/shv/vtlb-methode.md matches
the code, and a calculation that needs one says so (issue 4, VTLB; session 3's leftover)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from raadhuis.modules.shv.vtlb.normen import GEPUBLICEERDE_NORMEN, NormSleutel, ontbrekende_normen

RECOFA_ONTBREKEND = {
    NormSleutel.RESERVERINGSTOESLAG_ALLEENSTAAND,
    NormSleutel.RESERVERINGSTOESLAG_GEHUWD,
    NormSleutel.WERKTOESLAG,
    NormSleutel.WOONKOSTEN_DREMPEL,
    NormSleutel.ZORGPREMIE_DREMPEL,
    NormSleutel.KGB_NORM_PER_KIND,
    NormSleutel.KGB_ALO_KOP,
}
BVV = {
    NormSleutel.BVV_MAX_ALLEENSTAAND,
    NormSleutel.BVV_MAX_ALLEENSTAANDE_OUDER,
    NormSleutel.BVV_MAX_GEHUWD,
    NormSleutel.BVV_MAX_GEHUWD_MET_KINDEREN,
}
VERWACHT = {
    date(2024, 1, 1): RECOFA_ONTBREKEND,
    date(2024, 7, 1): RECOFA_ONTBREKEND
    | {NormSleutel.BVV_MAX_GEHUWD, NormSleutel.BVV_MAX_GEHUWD_MET_KINDEREN},
    date(2025, 1, 1): RECOFA_ONTBREKEND,
    date(2025, 7, 1): RECOFA_ONTBREKEND,
    date(2026, 1, 1): RECOFA_ONTBREKEND | BVV,
    date(2026, 7, 1): RECOFA_ONTBREKEND | BVV,
}


def test_exactly_the_figures_not_found_are_empty_and_say_so():
    for versie in GEPUBLICEERDE_NORMEN:
        leeg = {k for k, b in versie.bedragen.items() if b.bedrag is None}
        assert leeg == VERWACHT[versie.geldig_vanaf], versie.geldig_vanaf
        for sleutel in leeg:
            assert versie.bedragen[sleutel].bron.startswith("Nog niet vastgesteld. ")
        for sleutel, bedrag in versie.bedragen.items():
            if bedrag.bedrag is not None:
                assert not bedrag.bron.startswith("Nog niet vastgesteld"), sleutel
    assert len(ontbrekende_normen()) == sum(len(v) for v in VERWACHT.values())


def test_the_docs_list_every_gap():
    tekst = (Path(__file__).parents[4] / "docs/shv/vtlb-methode.md").read_text(encoding="utf-8")
    lijst = tekst.split("#### Welke bedragen nog niet zijn vastgesteld", 1)[1].split("\n\n", 2)[1]
    for ingang in ("1-7-2024", "1-1-2026", "1-7-2026", "2024–2026"):
        assert f"| {ingang}" in lijst
    for woord in ("reserveringstoeslag", "werktoeslag", "drempel woonkosten", "kindgebonden"):
        assert woord in lijst
