"""A readable comparison of two template versions: line by line, and word by word within a
changed line, so a functional administrator sees exactly what an edit changed.

HTML bodies are often one long line; they are broken after block elements first, so a change
in one paragraph shows as that paragraph, not as the whole body."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

Soort = Literal["gelijk", "weg", "erbij"]
# Break after closing block tags and <br>, so each paragraph is its own line.
_BLOKEINDE = re.compile(r"(</(?:p|div|li|ul|ol|h[1-6]|table|tr|blockquote)>|<br\s*/?>)", re.I)
_WOORDEN = re.compile(r"\s+|[^\s<>]+|<[^>]*>|[<>]")
CONTEXT = 2


@dataclass(frozen=True)
class Stuk:
    """A piece of a line: unchanged, removed or added text."""

    tekst: str
    soort: Soort


@dataclass(frozen=True)
class Regel:
    """One line of the comparison. `soort` "overgeslagen" stands for `aantal` unchanged lines
    left out between changes."""

    soort: Literal["gelijk", "weg", "erbij", "overgeslagen"]
    stukken: tuple[Stuk, ...] = ()
    aantal: int = 0

    @property
    def tekst(self) -> str:
        return "".join(s.tekst for s in self.stukken)


@dataclass(frozen=True)
class Vergelijking:
    """Comparison of name, subject and body of two versions (`van` older, `naar` newer)."""

    naam: list[Regel] = field(default_factory=list)
    onderwerp: list[Regel] = field(default_factory=list)
    inhoud: list[Regel] = field(default_factory=list)

    @property
    def gelijk(self) -> bool:
        return not any(
            r.soort in ("weg", "erbij") for r in (*self.naam, *self.onderwerp, *self.inhoud)
        )

    @property
    def gewijzigde_regels(self) -> int:
        return sum(1 for r in self.inhoud if r.soort in ("weg", "erbij"))


def regels_van(html: str) -> list[str]:
    """The body split into lines: at newlines, and after each block element."""
    regels: list[str] = []
    for regel in _BLOKEINDE.sub(r"\1\n", html or "").splitlines():
        if regel.strip():
            regels.append(regel.rstrip())
    return regels


def _woorden(tekst: str) -> list[str]:
    return _WOORDEN.findall(tekst)


def _woordverschil(oud: str, nieuw: str) -> tuple[Regel, Regel]:
    """The old line with its removed words marked, and the new one with its added words."""
    a, b = _woorden(oud), _woorden(nieuw)
    weg: list[Stuk] = []
    erbij: list[Stuk] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            weg.append(Stuk("".join(a[i1:i2]), "gelijk"))
            erbij.append(Stuk("".join(b[j1:j2]), "gelijk"))
            continue
        if i2 > i1:
            weg.append(Stuk("".join(a[i1:i2]), "weg"))
        if j2 > j1:
            erbij.append(Stuk("".join(b[j1:j2]), "erbij"))
    return Regel("weg", tuple(_samenvoegen(weg))), Regel("erbij", tuple(_samenvoegen(erbij)))


def _samenvoegen(stukken: list[Stuk]) -> list[Stuk]:
    samen: list[Stuk] = []
    for stuk in stukken:
        if samen and samen[-1].soort == stuk.soort:
            samen[-1] = Stuk(samen[-1].tekst + stuk.tekst, stuk.soort)
        elif stuk.tekst:
            samen.append(stuk)
    return samen


def regels_vergelijken(oud: list[str], nieuw: list[str], *, context: int = CONTEXT) -> list[Regel]:
    """Line diff of `oud` → `nieuw`: changed lines word by word, unchanged stretches longer
    than 2×`context` lines folded to one 'overgeslagen' line."""
    uit: list[Regel] = []
    matcher = difflib.SequenceMatcher(None, oud, nieuw, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            uit.extend(
                _gelijk_ingekort(oud[i1:i2], context, eerste=not uit, laatste=i2 == len(oud))
            )
        elif tag == "replace" and i2 - i1 == j2 - j1:
            paren = [_woordverschil(o, n) for o, n in zip(oud[i1:i2], nieuw[j1:j2], strict=True)]
            for weg, erbij in paren:
                uit.extend((weg, erbij))
        else:
            uit.extend(Regel("weg", (Stuk(r, "weg"),)) for r in oud[i1:i2])
            uit.extend(Regel("erbij", (Stuk(r, "erbij"),)) for r in nieuw[j1:j2])
    return uit


def _gelijk_ingekort(
    regels: list[str], context: int, *, eerste: bool, laatste: bool
) -> list[Regel]:
    # Keep `context` lines next to a change; a text without any change keeps both ends.
    houd_voor = 0 if eerste and not laatste else context
    houd_na = 0 if laatste and not eerste else context
    if len(regels) <= houd_voor + houd_na + 1:
        return [Regel("gelijk", (Stuk(r, "gelijk"),)) for r in regels]
    voor = [Regel("gelijk", (Stuk(r, "gelijk"),)) for r in regels[:houd_voor]]
    na = [Regel("gelijk", (Stuk(r, "gelijk"),)) for r in regels[len(regels) - houd_na :]]
    overgeslagen = Regel("overgeslagen", aantal=len(regels) - houd_voor - houd_na)
    return [*voor, overgeslagen, *na]


def versies_vergelijken(
    oud_naam: str,
    oud_onderwerp: str,
    oud_inhoud: str,
    nieuw_naam: str,
    nieuw_onderwerp: str,
    nieuw_inhoud: str,
) -> Vergelijking:
    """Compare two versions' name, subject and body."""
    return Vergelijking(
        naam=regels_vergelijken([oud_naam], [nieuw_naam]),
        onderwerp=regels_vergelijken([oud_onderwerp], [nieuw_onderwerp]),
        inhoud=regels_vergelijken(regels_van(oud_inhoud), regels_van(nieuw_inhoud)),
    )
