"""Demo data for letters: the standard templates, a letterhead with a simple logo, and a few
receipt letters by post so the print queue and the case pages have something to show.

    from raadhuis.kernel.messaging.demo import demo_load
    demo_load(organisatie, plaats="Zevenaar", zaken=zaken[:3])
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.messaging.models import Brief
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.samenvoegvelden import client_partij, zaak_voor_brief
from raadhuis.kernel.messaging.services import (
    brief_send,
    briefhoofd_update,
    sjablonen_standaard_ensure,
)
from raadhuis.kernel.organisations.models import Organisatie


def demo_logo(naam: str) -> str:
    """A plain logo: a coloured square with the initial and the name beside it."""
    kort = naam.removeprefix("Gemeente ").removeprefix("Stad ").strip() or naam
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="220" height="48" viewBox="0 0 220 48" '
        f'role="img" aria-label="{escape(naam)}">'
        '<rect width="48" height="48" rx="4" fill="#16325c"/>'
        f'<text x="24" y="33" font-size="26" font-family="DejaVu Sans" font-weight="700" '
        f'fill="#ffffff" text-anchor="middle">{escape(kort[:1])}</text>'
        f'<text x="60" y="31" font-size="20" font-family="DejaVu Sans" fill="#16325c">'
        f"{escape(kort)}</text></svg>"
    )


def demo_load(
    organisatie: Organisatie, *, plaats: str = "", zaken: Iterable[Zaak] = ()
) -> list[Brief]:
    """Seed templates and letterhead; send a receipt letter by post on each of `zaken` that has
    a client with an address. Idempotent for templates and letterhead; letters are added."""
    actor = Actor.system(organisatie, weergave="Demogegevens (brieven)")
    sjablonen_standaard_ensure(organisatie)
    kort = organisatie.naam.removeprefix("Gemeente ").strip()
    plaats = plaats or kort
    briefhoofd_update(
        actor=actor,
        logo_svg=demo_logo(organisatie.naam),
        afzender=f"{organisatie.naam}\nPostbus 10\n6900 AA  {plaats.upper()}",
        plaats=plaats,
        ondertekening="Met vriendelijke groet,\n\nHet college van burgemeester en wethouders",
        voettekst=f"{organisatie.naam} · Postbus 10 · 14 0316 · www.example.org",
    )
    brieven = []
    for zaak in zaken:
        partij = client_partij(zaak_voor_brief(zaak))
        if partij is None:
            continue
        ontvanger = Ontvanger.van_partij(partij)
        if not ontvanger.adresregels:
            continue
        brieven.append(
            brief_send(
                actor,
                zaak=zaak,
                sjabloon_code="ontvangstbevestiging",
                ontvanger=ontvanger,
                kanaal="post",
                reden="Demo",
            )
        )
    return brieven
