"""Signals for the consultant: something in a client's money needs a person to look at it.

A signal (`Budgetsignaal`) is raised once per cause: its `sleutel` names the cause (the income
post and its due date, the account and the month, ...), so the daily check can run as often as
it likes. The daily check (`signalen_controleren`) raises two kinds itself (issue 5, item 6):

- income that did not arrive: a planned income (Inkomstenpost) is late when no matching
  incoming bank entry was booked to the client by INKOMEN_MARGE_WERKDAGEN working days after
  its due date;
- a low balance: the free balance is below the account's `saldo_drempel`; at most one open
  signal per account, and at most one per account per month.

Other modules raise the rest through `signaal_geven`: a returned or held-back payment
(the betalingen package), a reconciliation difference (aansluiting.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import audit_entry_record, verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import werkdagen_optellen
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.grootboek.rekeningen import DOEL, NUL, clientgeld_sommen
from raadhuis.modules.budget.models import (
    Bankmutatie,
    Budgetrekening,
    Budgetsignaal,
    GrootboekSoort,
    Inkomstenpost,
    MutatieStatus,
    RekeningStatus,
    SignaalSoort,
)
from raadhuis.modules.budget.plan import vervaldata

# Income may arrive this many working days after its due date before it counts as missing
# (salaries paid on a weekend or holiday, bank processing).
INKOMEN_MARGE_WERKDAGEN = 3
# Income that arrives up to this many days before its due date counts for that date.
INKOMEN_VROEG_DAGEN = 7
# How far back the daily check looks for due dates: a month and the margin.
TERUGKIJKEN_DAGEN = 40
# Without the payer's IBAN or reference, an incoming amount within 10% counts as this income.
BEDRAG_MARGE = Decimal("0.10")


def signaal_geven(
    *,
    organisatie: Organisatie,
    budgetrekening: Budgetrekening | None,
    soort: str,
    sleutel: str,
    tekst: str,
    datum: date,
) -> Budgetsignaal:
    """Raise a signal once per (soort, sleutel): a second call with the same key returns the
    existing signal unchanged (also when it was handled)."""
    return _signaal_geven(
        organisatie=organisatie,
        budgetrekening=budgetrekening,
        soort=soort,
        sleutel=sleutel,
        tekst=tekst,
        datum=datum,
    )[0]


def _signaal_geven(
    *,
    organisatie: Organisatie,
    budgetrekening: Budgetrekening | None,
    soort: str,
    sleutel: str,
    tekst: str,
    datum: date,
) -> tuple[Budgetsignaal, bool]:
    return Budgetsignaal.objects.get_or_create(
        organisatie=organisatie,
        soort=soort,
        sleutel=sleutel[:100],
        defaults={"budgetrekening": budgetrekening, "tekst": tekst[:300], "datum": datum},
    )


# --- the daily check ----------------------------------------------------------------------------


def _past_bij(post: Inkomstenpost, mutatie: Bankmutatie) -> bool:
    """Is this incoming entry (plausibly) this income? The payer's IBAN or reference decide
    when the plan has them; otherwise the amount, within BEDRAG_MARGE."""
    if post.iban_betaler and mutatie.tegenrekening_iban:
        return mutatie.tegenrekening_iban.replace(" ", "").upper() == post.iban_betaler
    if post.kenmerk and post.kenmerk.lower() in (mutatie.omschrijving or "").lower():
        return True
    return abs(mutatie.bedrag - post.bedrag) <= post.bedrag * BEDRAG_MARGE


def _inkomen_ontbreekt(organisatie: Organisatie, datum: date) -> list[Budgetsignaal]:
    van = datum - timedelta(days=TERUGKIJKEN_DAGEN)
    posten = list(
        Inkomstenpost.objects.filter(
            organisatie=organisatie, budgetrekening__status=RekeningStatus.ACTIEF
        )
        .select_related("budgetrekening")
        .order_by("budgetrekening_id", "dag", "pk")
    )
    if not posten:
        return []
    mutaties: dict[int, list[Bankmutatie]] = defaultdict(list)
    for mutatie in Bankmutatie.objects.filter(
        organisatie=organisatie,
        budgetrekening_id__in={p.budgetrekening_id for p in posten},
        status=MutatieStatus.GEMATCHT,
        bedrag__gt=0,
        boekdatum__gte=van - timedelta(days=INKOMEN_VROEG_DAGEN),
        boekdatum__lte=datum,
    ).order_by("boekdatum", "pk"):
        mutaties[mutatie.budgetrekening_id].append(mutatie)
    # One entry pays one due date, even for two posts alike. Latest due date first: an entry
    # counts for the last due date before it, so a late payment covers the month it was late
    # for, and the month after it is still missing.
    gebruikt: set[int] = set()
    nieuw = []
    for post in posten:
        data = vervaldata(post, max(van, post.budgetrekening.startdatum), datum)
        for vervaldatum in reversed(data):
            uiterlijk = werkdagen_optellen(vervaldatum, INKOMEN_MARGE_WERKDAGEN, organisatie.land)
            kandidaat = next(
                (
                    m
                    for m in mutaties[post.budgetrekening_id]
                    if m.pk not in gebruikt
                    and vervaldatum - timedelta(days=INKOMEN_VROEG_DAGEN) <= m.boekdatum
                    and _past_bij(post, m)
                ),
                None,
            )
            if kandidaat is not None:
                gebruikt.add(kandidaat.pk)
                continue
            if datum <= uiterlijk:
                continue  # not late yet
            signaal, is_nieuw = _signaal_geven(
                organisatie=organisatie,
                budgetrekening=post.budgetrekening,
                soort=SignaalSoort.INKOMEN_NIET_ONTVANGEN,
                sleutel=f"{post.uuid}:{vervaldatum.isoformat()}",
                tekst=_(
                    "%(bron)s (%(bedrag)s) had op %(datum)s binnen moeten komen en is er nog niet."
                )
                % {
                    "bron": post.bron,
                    "bedrag": euro(post.bedrag),
                    "datum": vervaldatum.strftime("%d-%m-%Y"),
                },
                datum=datum,
            )
            if is_nieuw:
                nieuw.append(signaal)
    return nieuw


def _saldo_laag(organisatie: Organisatie, datum: date) -> list[Budgetsignaal]:
    rekeningen = list(
        Budgetrekening.objects.filter(organisatie=organisatie, status=RekeningStatus.ACTIEF)
    )
    sommen = clientgeld_sommen(r.pk for r in rekeningen)
    open_laag = set(
        Budgetsignaal.objects.filter(
            organisatie=organisatie, soort=SignaalSoort.SALDO_LAAG, afgehandeld_op__isnull=True
        ).values_list("budgetrekening_id", flat=True)
    )
    nieuw = []
    for rekening in rekeningen:
        beschikbaar = sommen.get((rekening.pk, GrootboekSoort.CLIENT), NUL)
        if beschikbaar >= rekening.saldo_drempel or rekening.pk in open_laag:
            continue
        signaal, is_nieuw = _signaal_geven(
            organisatie=organisatie,
            budgetrekening=rekening,
            soort=SignaalSoort.SALDO_LAAG,
            sleutel=f"{rekening.uuid}:{datum:%Y-%m}",
            tekst=_("Het vrije saldo is %(saldo)s, onder de grens van %(grens)s.")
            % {"saldo": euro(beschikbaar), "grens": euro(rekening.saldo_drempel)},
            datum=datum,
        )
        if is_nieuw:
            nieuw.append(signaal)
    return nieuw


def signalen_controleren(organisatie: Organisatie, datum: date) -> list[Budgetsignaal]:
    """The daily check for one organisation: late income and low balances. Returns the
    signals it newly raised; running it again the same day raises nothing new."""
    with transaction.atomic():
        return _inkomen_ontbreekt(organisatie, datum) + _saldo_laag(organisatie, datum)


# --- reading and handling -------------------------------------------------------------------------


def signalen_zichtbaar(actor: Actor) -> QuerySet[Budgetsignaal]:
    """Signals on the accounts whose case the actor may see, and the organisation's own
    (reconciliation) signals."""
    require_budget_toegang(actor)
    return Budgetsignaal.objects.filter(organisatie=actor.organisatie).filter(
        Q(budgetrekening__isnull=True) | zaak_filter(actor, prefix="budgetrekening__zaak__")
    )


def signalen_lijst(
    *, actor: Actor, afgehandeld: bool = False, soort: str = ""
) -> list[Budgetsignaal]:
    """Open (or handled) signals, newest first, with the clients they are about logged."""
    qs = signalen_zichtbaar(actor).filter(afgehandeld_op__isnull=not afgehandeld)
    if soort:
        qs = qs.filter(soort=soort)
    signalen = list(
        qs.select_related(
            "budgetrekening__client", "budgetrekening__zaak", "afgehandeld_door"
        ).order_by("-datum", "-pk")[:500]
    )
    clienten = {
        s.budgetrekening.client_id: s.budgetrekening.client for s in signalen if s.budgetrekening
    }
    if clienten:
        verwerkingen_record(
            actor=actor,
            handeling="Signalen budgetbeheer ingezien",
            doel=DOEL,
            partijen=list(clienten.values()),
        )
    return signalen


def signaal_afhandelen(
    *, actor: Actor, signaal: Budgetsignaal, toelichting: str = ""
) -> Budgetsignaal:
    """Mark a signal as handled (who, when, how); audited on the client's case."""
    with transaction.atomic():
        try:
            signaal = (
                signalen_zichtbaar(actor)
                .select_for_update(of=("self",))
                .select_related("budgetrekening__zaak")
                .get(pk=signaal.pk)
            )
        except Budgetsignaal.DoesNotExist as error:
            raise NietGevonden(_("Signaal niet gevonden.")) from error
        if signaal.afgehandeld_op is not None:
            return signaal
        signaal.afgehandeld_op = timezone.now()
        signaal.afgehandeld_door = actor.medewerker
        signaal.save(update_fields=["afgehandeld_op", "afgehandeld_door"])
        audit_entry_record(
            actor=actor,
            actie="budget_signaal_afgehandeld",
            obj=signaal.budgetrekening or signaal,
            wijzigingen={"signaal": [None, signaal.get_soort_display()]},
            toelichting=(toelichting or "").strip() or signaal.tekst,
            zaak_uuid=signaal.budgetrekening.zaak.uuid if signaal.budgetrekening else None,
        )
    return signaal
