"""The client statement as an HTML document in the letter layout, for WeasyPrint."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from raadhuis.kernel import geld
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.services import briefhoofd_voor
from raadhuis.kernel.messaging.sjablonen import logo_html
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.models import (
    Budgetrekening,
)
from raadhuis.modules.budget.overzicht.cijfers import Overzichtcijfers, maand_naam


def euro(bedrag: Decimal | None) -> str:
    """The statement is a Dutch document: amounts in Dutch notation whatever the UI language."""
    return geld.euro(bedrag, leeg="", taal="nl")


def overzicht_titel(cijfers: Overzichtcijfers, eindoverzicht: bool) -> str:
    if eindoverzicht:
        return _("Eindoverzicht budgetbeheer")
    return _("Overzicht budgetbeheer %(maand)s") % {"maand": maand_naam(cijfers.periode_begin)}


def overzicht_html(
    budgetrekening: Budgetrekening,
    cijfers: Overzichtcijfers,
    *,
    eindoverzicht: bool = False,
    tussentijds: bool = False,
    datum: date | None = None,
) -> str:
    """The statement as an HTML document in the letter layout (letterhead, address window,
    reference lines, footer; no signature, like a bank statement), ready for WeasyPrint."""
    organisatie = budgetrekening.organisatie
    briefhoofd = briefhoofd_voor(organisatie)
    ontvanger = Ontvanger.van_partij(budgetrekening.client)
    with override("nl"):
        return render_to_string(
            "budget/overzicht/pdf.html",
            {
                "titel": overzicht_titel(cijfers, eindoverzicht),
                "tussentijds": tussentijds,
                "eindoverzicht": eindoverzicht,
                "rekening": budgetrekening,
                "zaak": budgetrekening.zaak,
                "c": cijfers,
                "regels": [
                    {
                        "datum": r.datum,
                        "omschrijving": r.omschrijving,
                        "bij": euro(r.bij),
                        "af": euro(r.af),
                        "saldo": euro(r.saldo),
                    }
                    for r in cijfers.regels
                ],
                "reserveringen": [
                    {
                        "omschrijving": r.omschrijving,
                        "begin": euro(r.begin),
                        "gespaard": euro(r.gespaard),
                        "vrijgegeven": euro(r.vrijgegeven),
                        "eind": euro(r.eind),
                    }
                    for r in cijfers.reserveringen
                ],
                "bedragen": {
                    "beginsaldo": euro(cijfers.beginsaldo),
                    "bij": euro(cijfers.bij),
                    "af": euro(cijfers.af),
                    "eindsaldo": euro(cijfers.eindsaldo),
                    "gereserveerd": euro(cijfers.gereserveerd_eind),
                    "beschikbaar": euro(cijfers.beschikbaar_eind),
                },
                "ontvanger": ontvanger,
                "datum": datum or vandaag(organisatie.tijdzone),
                "organisatie": organisatie,
                "briefhoofd": briefhoofd,
                "logo": logo_html(briefhoofd, organisatie),
                "afzender": (briefhoofd.afzender or "").splitlines(),
            },
        )


def overzicht_bestandsnaam(
    budgetrekening: Budgetrekening, cijfers: Overzichtcijfers, eind: bool
) -> str:
    if eind:
        return f"eindoverzicht-{budgetrekening.kenmerk}-{cijfers.periode_einde.isoformat()}.pdf"
    return f"budgetoverzicht-{budgetrekening.kenmerk}-{cijfers.periode_begin:%Y-%m}.pdf"
