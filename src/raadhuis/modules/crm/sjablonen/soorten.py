"""The building blocks of the CRM template library: what a template is used for (`Gebruik`:
which merge fields the flow that renders it fills) and one template of the library
(`CrmSjabloon`).

A template may only use the merge fields its use fills. The kernel's editor accepts any
registered group (`{{ klacht.onderwerp }}` in a mailing would pass its check and print
nothing), so the library states the use per template and its test holds every template to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# The kernel's groups, filled for every letter on a case (kernel.messaging.samenvoegvelden).
KERNEL_ZAAKBRIEF = ("organisatie", "zaak", "client", "ontvanger", "behandelaar", "datum", "brief")


@dataclass(frozen=True)
class Gebruik:
    """A flow that renders templates, and the merge fields it fills: per group a set of field
    names, or None for every field the group registers with the kernel."""

    code: str
    naam: str
    uitleg: str
    groepen: Mapping[str, frozenset[str] | None]


def _alle(*namen: str) -> dict[str, frozenset[str] | None]:
    return dict.fromkeys(namen)


ZAAKBRIEF = Gebruik(
    "zaakbrief",
    "Brief bij een zaak",
    "Versturen vanaf een zaak (Brieven › Brief versturen): alle velden van de zaak, de "
    "aanvrager, de ontvanger, de behandelaar en de vrije tekst {{ brief.tekst }}.",
    _alle(*KERNEL_ZAAKBRIEF),
)
KLACHT = Gebruik(
    "klacht",
    "Brief bij een klacht",
    "Versturen vanaf een klachtzaak: de velden van een zaakbrief plus {{ klacht.… }}.",
    _alle(*KERNEL_ZAAKBRIEF, "klacht"),
)
CONTRACT = Gebruik(
    "contract",
    "Brief bij een contract",
    "Versturen vanaf de zaak Contractbeheer van een contract: de velden van een zaakbrief "
    "plus {{ contract.… }}.",
    _alle(*KERNEL_ZAAKBRIEF, "contract"),
)
OFFERTE = Gebruik(
    "offerte",
    "Offerte bij een lead",
    "Offerte maken vanaf een lead: {{ lead.… }}, {{ offerte.… }}, de ontvanger (de relatie), "
    "de organisatie, de datum en het offertenummer als kenmerk ({{ zaak.identificatie }}).",
    {
        "organisatie": frozenset({"naam", "plaats", "afzender"}),
        "datum": frozenset({"vandaag"}),
        "zaak": frozenset({"identificatie"}),
        "ontvanger": frozenset({"naam", "aanhef", "adres", "adresregels", "email"}),
        "lead": None,
        "offerte": None,
    },
)
MAILING = Gebruik(
    "mailing",
    "E-mail in een mailing",
    "Een mailing aan een segment: per ontvanger {{ relatie.… }} (met de afmeldlink), de naam "
    "van de organisatie en de datum.",
    {
        "organisatie": frozenset({"naam"}),
        "datum": frozenset({"vandaag"}),
        "relatie": None,
        "ontvanger": frozenset({"naam", "aanhef"}),
    },
)
GEBRUIKEN = (ZAAKBRIEF, KLACHT, CONTRACT, OFFERTE, MAILING)

BRIEF = "brief"
OFFERTE_SOORT = "offerte"
EMAIL = "e-mail"


@dataclass(frozen=True)
class CrmSjabloon:
    """One template of the library as it is seeded (a functional administrator may change
    the organisation's copy afterwards; the library never overwrites it)."""

    code: str
    naam: str
    soort: str
    categorie: str
    gebruik: Gebruik
    onderwerp: str
    html: str


def brief(
    code: str, naam: str, categorie: str, gebruik: Gebruik, onderwerp: str, html: str
) -> CrmSjabloon:
    return CrmSjabloon(code, naam, BRIEF, categorie, gebruik, onderwerp, html)


def email(
    code: str, naam: str, categorie: str, gebruik: Gebruik, onderwerp: str, html: str
) -> CrmSjabloon:
    return CrmSjabloon(code, naam, EMAIL, categorie, gebruik, onderwerp, html)


def offerte(code: str, naam: str, onderwerp: str, html: str) -> CrmSjabloon:
    return CrmSjabloon(code, naam, OFFERTE_SOORT, "Leads en offertes", OFFERTE, onderwerp, html)
