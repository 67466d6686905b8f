"""Allowed moves of a destruction list, each with where the rule comes from.

Archiefwet 1995 art. 3 and Archiefbesluit 1995 art. 8: records are destroyed only under a
selection list and with a record (verklaring van vernietiging) kept of what was destroyed. The
four-eyes step follows the process of Open Archiefbeheer (record manager → reviewer) and the
brief of issue 4 ("have it approved (four eyes)").
"""

from __future__ import annotations

from raadhuis.kernel.retention.models import LijstStatus

S = LijstStatus

# action -> (statuses it may start from, status it leads to, reference)
OVERGANGEN: dict[str, tuple[frozenset[str], str, str]] = {
    # The author takes cases off the list, with a reason, until it is submitted (again).
    "uitzonderen": (frozenset({S.NIEUW, S.AFGEWEZEN}), "", "issue 4: remove items with a reason"),
    # The author offers the list for review; after a rejection, again.
    "indienen": (frozenset({S.NIEUW, S.AFGEWEZEN}), S.TER_BEOORDELING, "issue 4: four eyes"),
    # Another functioneel beheerder approves (the author may not: four eyes).
    "goedkeuren": (frozenset({S.TER_BEOORDELING}), S.GOEDGEKEURD, "issue 4: four eyes"),
    # ... or rejects with a comment; the author may change the list and submit it again.
    "afwijzen": (frozenset({S.TER_BEOORDELING}), S.AFGEWEZEN, "issue 4: four eyes"),
    # Destruction of an approved list; a list with failed cases stays approved until a next run
    # has handled every case.
    "uitvoeren": (
        frozenset({S.GOEDGEKEURD, S.VERNIETIGD}),
        S.VERNIETIGD,
        "Archiefbesluit 1995 art. 8",
    ),
}


def mag(actie: str, status: str) -> bool:
    """May `actie` be done on a list in `status`?"""
    van, _naar, _bron = OVERGANGEN[actie]
    return status in van
