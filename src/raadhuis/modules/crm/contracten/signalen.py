"""The daily contract check: signals before the end of a term and before the notice deadline.

`contracten_signaleren(organisatie, datum)` runs once a day (or as often as you like: each
signal is made once per contract, kind and date it warns about). A signal is due:

- **einde**: from `signaal_dagen_voor_einde` days before the end of the current term until
  that end, for every contract with an end date (a contract that renews by itself warns that
  its term ends; one that was given notice warns that it really ends);
- **opzegging**: from `signaal_dagen_voor_opzegging` days before the last day to give notice
  until that day, for a contract that renews by itself and has not been given notice.

A new signal makes a kernel Taak for the contract owner (or, without one, the department) on
the contract's case 'Contractbeheer' (made with the first signal), due on the date it warns
about, and sends the owner an e-mail through the kernel outbox (template
`crm_contract_signaal`). Everything for one signal happens in one transaction.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.messaging.models import Kanaal
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.services import brief_send
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.services import taak_create
from raadhuis.modules.crm.contracten.brieven import euro
from raadhuis.modules.crm.contracten.catalogus import SJABLOON_SIGNAAL, contract_catalogus_ensure
from raadhuis.modules.crm.contracten.models import (
    Contract,
    Contractsignaal,
    SignaalSoort,
    Verlenging,
)
from raadhuis.modules.crm.contracten.selectors import looptijd
from raadhuis.modules.crm.contracten.termijnen import huidige_einddatum, uiterste_opzegdatum

logger = logging.getLogger(__name__)


def signalen_verschuldigd(contract: Contract, datum: date) -> list[tuple[str, date]]:
    """The (kind, date warned about) signals due for this contract on `datum`."""
    tijd = looptijd(contract)
    verschuldigd = []
    einde = huidige_einddatum(tijd, datum)
    if (
        einde is not None
        and einde - timedelta(days=contract.signaal_dagen_voor_einde) <= datum <= einde
    ):
        verschuldigd.append((SignaalSoort.EINDE.value, einde))
    if contract.verlenging == Verlenging.AUTOMATISCH and contract.opgezegd_op is None:
        opzeggen = uiterste_opzegdatum(tijd, datum)
        if (
            opzeggen is not None
            and opzeggen - timedelta(days=contract.signaal_dagen_voor_opzegging)
            <= datum
            <= opzeggen
        ):
            verschuldigd.append((SignaalSoort.OPZEGGING.value, opzeggen))
    return verschuldigd


def _signaaltekst(soort: str, peildatum: date) -> str:
    if soort == SignaalSoort.OPZEGGING:
        return _("Uiterlijk %(datum)s opzeggen, anders wordt het contract verlengd") % {
            "datum": peildatum.strftime("%d-%m-%Y")
        }
    return _("Het contract loopt af op %(datum)s") % {"datum": peildatum.strftime("%d-%m-%Y")}


def _zaak(systeem: Actor, contract: Contract):  # noqa: ANN202 - a kernel Zaak
    if contract.zaak_id is not None:
        return contract.zaak
    zaaktype = contract_catalogus_ensure(contract.organisatie)
    zaak = zaak_create(
        actor=systeem,
        zaaktype=zaaktype,
        omschrijving=f"Contract {contract.kenmerk}: {contract.onderwerp}"[:80],
        initiator=contract.partij,
        behandelaar=contract.eigenaar,
    )
    contract.zaak = zaak
    contract.save(update_fields=["zaak"])
    return zaak


def _email(
    systeem: Actor, contract: Contract, zaak: object, soort: str, peildatum: date, datum: date
):  # noqa: ANN202 - a kernel Brief or None
    eigenaar = contract.eigenaar
    if eigenaar is None or not eigenaar.email:
        return None
    tijd = looptijd(contract)
    einde = huidige_einddatum(tijd, datum)
    opzeggen = uiterste_opzegdatum(tijd, datum)
    return brief_send(
        systeem,
        zaak=zaak,
        sjabloon_code=SJABLOON_SIGNAAL,
        ontvanger=Ontvanger(naam=eigenaar.naam, email=eigenaar.email),
        kanaal=Kanaal.EMAIL,
        extra_context={
            "contract": {
                "signaal": _signaaltekst(soort, peildatum),
                "kenmerk": contract.kenmerk,
                "onderwerp": contract.onderwerp,
                "relatie": str(contract.partij),
                "einddatum": einde.strftime("%d-%m-%Y") if einde else "-",
                "opzegdatum": opzeggen.strftime("%d-%m-%Y") if opzeggen else "-",
                "verlenging": str(Verlenging(contract.verlenging).label),
                "waarde": euro(contract.waarde),
            }
        },
        reden=_("Contractsignaal"),
    )


def _signaal_maken(
    systeem: Actor, contract: Contract, soort: str, peildatum: date, datum: date
) -> Contractsignaal | None:
    """Make one signal with its task and e-mail, or None when it already exists."""
    with transaction.atomic():
        contract = (
            # of=("self",): PostgreSQL locks no nullable side of the outer joins.
            Contract.objects.select_for_update(of=("self",))
            .select_related("partij", "eigenaar", "afdeling", "organisatie")
            .get(pk=contract.pk)
        )
        if Contractsignaal.objects.filter(
            contract=contract, soort=soort, peildatum=peildatum
        ).exists():
            return None
        try:
            with transaction.atomic():
                signaal = Contractsignaal.objects.create(
                    organisatie=contract.organisatie,
                    contract=contract,
                    soort=soort,
                    peildatum=peildatum,
                    signaaldatum=datum,
                )
        except IntegrityError:
            return None  # another run made it a moment ago
        zaak = _zaak(systeem, contract)
        tekst = _signaaltekst(soort, peildatum)
        signaal.taak = taak_create(
            actor=systeem,
            zaak=zaak,
            titel=f"{tekst}: {contract.kenmerk}"[:200],
            toegewezen_aan=contract.eigenaar,
            toegewezen_team=None if contract.eigenaar else contract.afdeling,
            vervaldatum=max(peildatum, datum),
            toelichting=_(
                "Contract %(kenmerk)s (%(onderwerp)s) met %(relatie)s. Beslis of het contract "
                "verlengd, opnieuw aanbesteed of opgezegd wordt."
            )
            % {
                "kenmerk": contract.kenmerk,
                "onderwerp": contract.onderwerp,
                "relatie": contract.partij,
            },
        )
        signaal.brief = _email(systeem, contract, zaak, soort, peildatum, datum)
        opmerkingen = []
        if signaal.brief is None:
            opmerkingen.append(_("Geen e-mail: de contracteigenaar heeft geen e-mailadres."))
        if contract.eigenaar is not None and not Actor.for_medewerker(
            contract.eigenaar
        ).mag_zaak_zien(zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding):
            # The task exists, but the owner's work queue only shows cases they are granted.
            opmerkingen.append(
                _(
                    "De contracteigenaar is niet geautoriseerd voor het zaaktype "
                    "'Contractbeheer' en ziet de taak niet in de werkvoorraad."
                )
            )
        signaal.opmerking = " ".join(opmerkingen)[:300]
        signaal.save(update_fields=["taak", "brief", "opmerking"])
    return signaal


def contracten_signaleren(
    organisatie: Organisatie, datum: date | None = None
) -> list[Contractsignaal]:
    """Make every signal due on `datum` (today in the organisation's time zone by default) for
    the organisation's contracts; returns the new ones. Idempotent: run it daily, or twice."""
    datum = datum or vandaag(organisatie.tijdzone)
    systeem = Actor.system(organisatie, weergave="Contractsignalering")
    kandidaten = Contract.objects.filter(organisatie=organisatie, einddatum__isnull=False).exclude(
        startdatum__gt=datum
    )
    nieuw = []
    for contract in kandidaten.iterator():
        for soort, peildatum in signalen_verschuldigd(contract, datum):
            signaal = _signaal_maken(systeem, contract, soort, peildatum, datum)
            if signaal is not None:
                nieuw.append(signaal)
    if nieuw:
        logger.info("%s contract signal(s) for %s on %s", len(nieuw), organisatie, datum)
    return nieuw


def contracten_signaleren_alle() -> int:
    """For the background worker (`raadhuis werker`, hourly): `contracten_signaleren` for
    every organisation with contracts, on today's date in its own time zone. Returns the
    number of new signals."""
    totaal = 0
    for organisatie in Organisatie.objects.filter(pk__in=Contract.objects.values("organisatie_id")):
        totaal += len(contracten_signaleren(organisatie))
    return totaal
