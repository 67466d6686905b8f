"""The legal terms of complaint handling (Algemene wet bestuursrecht, chapter 9), counted as the
Algemene termijnenwet (Atw) says.

- Awb 9:11 lid 1: the complaint is handled within six weeks after receipt of the complaint, or
  within ten weeks when an advisory committee (Awb 9:14) is involved.
- Awb 9:11 lid 2: the authority may postpone (verdagen) the handling by at most four weeks,
  with written notice to the complainant and to the person the complaint is about. The notice
  must be given before the term runs out: after that there is nothing left to postpone.
- Awb 9:11 lid 3: further postponement only as far as the complainant agrees in writing.
- Awb 9:8 lid 3: a refusal to handle the complaint is made known within four weeks of receipt.
- Atw art. 1: a term in calendar time that ends on a Saturday, Sunday or public holiday runs on
  to the next working day (raadhuis.kernel.workflow.calendar).

The extension itself is capped at exactly 28 days after the term in force. Where the 28th day
is not a working day we move the new date *back* to the previous working day instead of letting
the Atw push it forward: the authority may always decide earlier than the maximum, and this way
an extension never exceeds the four weeks the law grants.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from raadhuis.kernel.workflow.calendar import is_werkdag, termijn_verlengen

TERMIJN = timedelta(weeks=6)
TERMIJN_ADVIESCOMMISSIE = timedelta(weeks=10)
MAXIMALE_VERDAGING = timedelta(weeks=4)
NIET_BEHANDELEN_MEDEDELING = timedelta(weeks=4)


def afhandeltermijn(ontvangen_op: date, *, adviescommissie: bool = False, land: str = "NL") -> date:
    """The last day to handle the complaint (Awb 9:11 lid 1, Atw art. 1)."""
    termijn = TERMIJN_ADVIESCOMMISSIE if adviescommissie else TERMIJN
    return termijn_verlengen(ontvangen_op + termijn, land)


def verdaging_uiterlijk(uiterlijk: date, *, land: str = "NL") -> date:
    """The latest date an extension may run to: four weeks after the term (Awb 9:11 lid 2),
    moved back to a working day when the 28th day is none (see the module docstring)."""
    dag = uiterlijk + MAXIMALE_VERDAGING
    while not is_werkdag(dag, land) and dag > uiterlijk + timedelta(days=1):
        dag -= timedelta(days=1)
    return dag


def verdaging_fouten(
    *, uiterlijk: date, mededeling_op: date | None, verdaagd_tot: date | None, land: str = "NL"
) -> dict[str, str]:
    """Dutch errors per field when an extension does not meet Awb 9:11 lid 2; {} when it does."""
    errors: dict[str, str] = {}
    if mededeling_op is None:
        errors["mededeling_op"] = _("Vul de datum van de schriftelijke mededeling in.")
    elif mededeling_op > uiterlijk:
        errors["mededeling_op"] = _(
            "De verdaging moet worden meegedeeld vóór het einde van de termijn (%(datum)s)."
        ) % {"datum": uiterlijk.strftime("%d-%m-%Y")}
    if verdaagd_tot is None:
        errors["verdaagd_tot"] = _("Vul de nieuwe uiterste datum in.")
    elif verdaagd_tot <= uiterlijk:
        errors["verdaagd_tot"] = _("De nieuwe datum moet na de huidige termijn liggen.")
    elif verdaagd_tot > uiterlijk + MAXIMALE_VERDAGING:
        errors["verdaagd_tot"] = _(
            "Verdagen kan met ten hoogste vier weken: uiterlijk tot %(datum)s (Awb 9:11 lid 2)."
        ) % {"datum": verdaging_uiterlijk(uiterlijk, land=land).strftime("%d-%m-%Y")}
    return errors


def uitstel_fouten(
    *, uiterlijk: date, instemming_op: date | None, uitstel_tot: date | None
) -> dict[str, str]:
    """Further postponement (Awb 9:11 lid 3): only with the complainant's written consent."""
    errors: dict[str, str] = {}
    if instemming_op is None:
        errors["instemming_op"] = _(
            "Verder uitstel kan alleen met schriftelijke instemming van de klager: vul de datum "
            "van die instemming in."
        )
    if uitstel_tot is None:
        errors["uitstel_tot"] = _("Vul de nieuwe uiterste datum in.")
    elif uitstel_tot <= uiterlijk:
        errors["uitstel_tot"] = _("De nieuwe datum moet na de huidige termijn liggen.")
    return errors


def niet_behandelen_mededeling_uiterlijk(ontvangen_op: date, *, land: str = "NL") -> date:
    """Awb 9:8 lid 3: the complainant hears within four weeks that it will not be handled."""
    return termijn_verlengen(ontvangen_op + NIET_BEHANDELEN_MEDEDELING, land)


def termijn_toestand(uiterlijk: date, afgehandeld_op: date | None, vandaag: date) -> str:
    """'binnen' or 'over' for a closed complaint; 'open' or 'te_laat' for an open one."""
    if afgehandeld_op is not None:
        return "binnen" if afgehandeld_op <= uiterlijk else "over"
    return "te_laat" if vandaag > uiterlijk else "open"
