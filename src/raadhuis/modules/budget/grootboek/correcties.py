"""Corrections: a reversing entry for a booking (`tegenboeken`) and a manual correction of
a client's free balance against the queue or a reservation.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.grootboek.boekingen import bedrag_check, journaalpost_boeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    BoekingSoort,
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalpost,
    Reservering,
)


def tegenboeking_check(journaalpost: Journaalpost) -> None:
    if journaalpost.tegenboeking_van_id is not None:
        raise ValidationError(
            _("Dit is zelf een tegenboeking; die kan niet worden tegengeboekt. Boek opnieuw."),
            code="tegenboeking_van_tegenboeking",
        )
    if Journaalpost.objects.filter(tegenboeking_van=journaalpost).exists():
        raise ValidationError(_("Deze boeking is al tegengeboekt."), code="al_tegengeboekt")


def tegenboeken(
    *,
    actor: Actor,
    journaalpost: Journaalpost,
    reden: str,
    boekdatum: date | None = None,
    roodstand_toegestaan_door: Medewerker | None = None,
    roodstand_gevraagd_door: Medewerker | None = None,
    _geboekt_door: Medewerker | None = None,
    _geboekt_door_weergave: str = "",
) -> Journaalpost:
    """Undo an entry with its mirror image (every line with the opposite sign), linked to it
    by `tegenboeking_van`. The original stays as it was. An entry is reversed at most once and
    a reversal is never reversed; a reversal that takes a client below zero needs a second
    person like any booking. `boekdatum` defaults to today."""
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de tegenboeking.")})
    organisatie = actor.organisatie
    if journaalpost.organisatie_id != organisatie.pk:
        raise NietGevonden(_("Boeking niet gevonden."))
    with transaction.atomic():
        # The lock makes a second click wait, then see the reversal and refuse.
        origineel = Journaalpost.objects.select_for_update().get(pk=journaalpost.pk)
        tegenboeking_check(origineel)
        regels = [
            (regel.grootboekrekening, -regel.bedrag)
            for regel in origineel.regels.select_related("grootboekrekening").order_by("pk")
        ]
        try:
            with transaction.atomic():
                return journaalpost_boeken(
                    actor=actor,
                    organisatie=organisatie,
                    boekdatum=boekdatum or vandaag(organisatie.tijdzone),
                    soort=BoekingSoort.TEGENBOEKING,
                    omschrijving=(
                        _("Tegenboeking: %(omschrijving)s")
                        % {"omschrijving": origineel.omschrijving}
                    )[:200],
                    regels=regels,
                    budgetrekening=origineel.budgetrekening,
                    reden=reden,
                    roodstand_toegestaan_door=roodstand_toegestaan_door,
                    roodstand_gevraagd_door=roodstand_gevraagd_door,
                    tegenboeking_van=origineel,
                    geboekt_door=_geboekt_door,
                    geboekt_door_weergave=_geboekt_door_weergave,
                )
        except IntegrityError as error:  # the one-to-one link: reversed at the same moment
            raise ValidationError(
                _("Deze boeking is al tegengeboekt."), code="al_tegengeboekt"
            ) from error


class Richting:
    """Which way a manual correction moves money, seen from the client."""

    BIJ = "bij"  # the client's free balance goes up
    AF = "af"  # the client's free balance goes down


def tegenrekening_keuzes(budgetrekening: Budgetrekening) -> list[tuple[str, str]]:
    """The accounts a consultant may correct a client's balance against: the queue of unmatched
    receipts (a wrong match, money that was not the client's) and the client's reservations."""
    keuzes = [(GrootboekSoort.TE_MATCHEN.value, str(GrootboekSoort.TE_MATCHEN.label))]
    for reservering in budgetrekening.reserveringen.order_by("omschrijving", "pk"):
        keuzes.append(
            (
                f"reservering:{reservering.uuid}",
                _("Reservering %(o)s") % {"o": reservering.omschrijving},
            )
        )
    return keuzes


def correctie_regels(
    budgetrekening: Budgetrekening, *, richting: str, bedrag: Decimal, tegenrekening: str
) -> tuple[str, list[tuple[Grootboekrekening, Decimal]]]:
    """(soort, regels) of a manual correction on the client's free balance against one of
    `tegenrekening_keuzes`. Moving money into a reservation is RESERVEREN, out of it VRIJVAL."""
    bedrag = bedrag_check(bedrag)
    if bedrag < 0:
        raise ValidationError({"bedrag": _("Vul een positief bedrag in; kies bij of af.")})
    if richting not in (Richting.BIJ, Richting.AF):
        raise ValidationError({"richting": _("Kies bij of af.")})
    client = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening)
    if tegenrekening == GrootboekSoort.TE_MATCHEN:
        tegen = grootboekrekening(
            GrootboekSoort.TE_MATCHEN, beheerrekening=budgetrekening.beheerrekening
        )
        soort = BoekingSoort.CORRECTIE
    elif tegenrekening.startswith("reservering:"):
        try:
            reservering = budgetrekening.reserveringen.get(
                uuid=uuid_module.UUID(tegenrekening.split(":", 1)[1])
            )
        except (Reservering.DoesNotExist, ValueError) as error:
            raise ValidationError(
                {"tegenrekening": _("Kies een reservering van deze cliënt.")}
            ) from error
        tegen = grootboekrekening(GrootboekSoort.RESERVERING, reservering=reservering)
        soort = BoekingSoort.VRIJVAL if richting == Richting.BIJ else BoekingSoort.RESERVEREN
    else:
        raise ValidationError({"tegenrekening": _("Kies een tegenrekening.")})
    if richting == Richting.BIJ:  # credit the client (liability up), debit the other account
        return soort, [(tegen, bedrag), (client, -bedrag)]
    return soort, [(client, bedrag), (tegen, -bedrag)]
