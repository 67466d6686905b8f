"""Retention of early-warning signals and the creditor register (koppelingen/bewaren.py,
modules/shv/bewaren.py), with worked examples:

- a signal turned into an outreach case goes when the kernel destroys that case through the real
  destruction-list flow (drawn up, reviewed by a second functioneel beheerder, executed), and the
  audit trail and processing log no longer quote its name or BSN;
- a signal closed without a case is purged 12 months after closing (closed 2025-09-30: still
  there on 2026-09-29, gone on 2026-09-30), an open one never, a converted one whose case is
  gone always;
- the creditor register is its own register: destroying a case leaves the creditor and its party.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.retention.hooks import Bewaarregel, bewaarregels, vernietiging_hooks
from raadhuis.kernel.retention.models import ItemStatus
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.koppelingen.bewaren import (
    signalen_opschonen,
    signalen_opschonen_alle,
    signalen_te_verwijderen,
    signalen_vernietigen,
)
from raadhuis.modules.shv.koppelingen.models import Signaal, SignaalBron, SignaalStatus
from raadhuis.modules.shv.koppelingen.selectors import signaal_get
from raadhuis.modules.shv.koppelingen.services import signaal_omzetten, signaal_oppakken
from raadhuis.modules.shv.models import Schuldeiser
from raadhuis.modules.shv.schulden import schuld_create, schuldeiser_create
from tests import factories
from tests.retention_helpers import afsluiten, tekst_in_audit

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NAAM = "M. Bewaarlink"


def _signaal(org, **extra) -> Signaal:  # noqa: ANN001
    waarden = {
        "organisatie": org,
        "bron": SignaalBron.ENERGIE,
        "bron_naam": "Energiebedrijf (fictief)",
        "signaaldatum": date(2025, 9, 1),
        "achterstand_bedrag": Decimal("310.00"),
        "maanden_achterstand": 2,
        "straatnaam": "Bewaarstraat",
        "huisnummer": 12,
        "postcode": "6901AB",
        "woonplaats": "Zevenaar",
        "naam": NAAM,
    }
    return Signaal.objects.create(**(waarden | extra))


def test_the_rules_are_registered():
    regels = bewaarregels()
    assert regels["shv.schuldeiser"][0] == Bewaarregel.EIGEN_REGISTER
    assert regels["shv_koppelingen.signaal"][0] == Bewaarregel.HOOK
    assert signalen_vernietigen in vernietiging_hooks()


def test_a_converted_signal_goes_with_its_destroyed_case(
    signaal_actor, shv_org, gezin, vernietigingsronde
):
    signaal = _signaal(shv_org, bsn=gezin.bsn)
    ander = _signaal(shv_org, huisnummer=14, naam="Buurman")  # not about this case
    signaal_oppakken(actor=signaal_actor, signaal=signaal)
    dossier = signaal_omzetten(actor=signaal_actor, signaal=signaal)
    signaal_get(actor=signaal_actor, uuid=signaal.uuid)  # a read, in the processing log
    assert VerwerkingsLog.objects.filter(partij_uuid=signaal.uuid).exists()
    afsluiten(signaal_actor, dossier.zaak)

    items = vernietigingsronde(shv_org, naam="SHV signalen")

    item = next(i for i in items if i.zaak_uuid == dossier.zaak.uuid)
    assert item.status == ItemStatus.VERNIETIGD, item.reden
    assert item.aantallen["shv_koppelingen.signaal"] == 1  # the record names what went
    assert not Zaak.objects.filter(pk=dossier.zaak.pk).exists()
    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    assert Signaal.objects.filter(pk=ander.pk).exists()
    assert not tekst_in_audit(NAAM, gezin.bsn)
    gelezen = VerwerkingsLog.objects.filter(partij_uuid=signaal.uuid)
    assert gelezen.exists()  # the read itself stays on record, without naming whom
    assert set(gelezen.values_list("partij_weergave", flat=True)) == {"[vernietigd]"}
    # The hook is harmless when run again for a case without signals.
    assert signalen_te_verwijderen(organisatie=shv_org, peildatum=date(2026, 9, 30)).count() == 0


def test_a_signal_closed_without_a_case_is_purged_twelve_months_after_closing(
    signaal_actor, shv_org
):
    gesloten = _signaal(
        shv_org, status=SignaalStatus.GEEN_CONTACT, afgehandeld_op=date(2025, 9, 30), bsn="1"
    )
    afgewezen_later = _signaal(
        shv_org, status=SignaalStatus.AFGEWEZEN, afgehandeld_op=date(2025, 10, 1), huisnummer=2
    )
    open_oud = _signaal(shv_org, signaaldatum=date(2020, 1, 1), huisnummer=3)
    in_behandeling = _signaal(shv_org, status=SignaalStatus.IN_BEHANDELING, huisnummer=4)
    zaak_weg = _signaal(shv_org, status=SignaalStatus.OMGEZET, dossier=None, huisnummer=5)
    ander_org = _signaal(
        factories.organisatie(naam="Elders"),
        status=SignaalStatus.GEEN_CONTACT,
        afgehandeld_op=date(2020, 1, 1),
    )

    # One day before the 12 months are over only the converted signal without a case goes.
    assert signalen_opschonen(actor=signaal_actor, peildatum=date(2026, 9, 29)) == 1
    assert not Signaal.objects.filter(pk=zaak_weg.pk).exists()
    assert Signaal.objects.filter(pk=gesloten.pk).exists()

    assert signalen_opschonen(actor=signaal_actor, peildatum=date(2026, 9, 30)) == 1
    assert not Signaal.objects.filter(pk=gesloten.pk).exists()
    over = set(Signaal.objects.values_list("pk", flat=True))
    assert over == {afgewezen_later.pk, open_oud.pk, in_behandeling.pk, ander_org.pk}
    entry = AuditEntry.objects.filter(actie="signalen_opgeschoond").latest("pk")
    assert entry.wijzigingen == {"aantal": [None, 1]}
    assert NAAM not in f"{entry.object_weergave} {entry.toelichting}"
    # Nothing left to do: no audit entry for an empty run.
    assert signalen_opschonen(actor=signaal_actor, peildatum=date(2026, 9, 30)) == 0
    assert AuditEntry.objects.filter(actie="signalen_opgeschoond").count() == 2


def test_the_purge_command_with_its_own_period(shv_org):
    _signaal(shv_org, status=SignaalStatus.AFGEWEZEN, afgehandeld_op=date(2026, 3, 1))
    uit = StringIO()
    call_command(
        "signalen_opschonen", organisatie=shv_org.rsin, maanden=6, peildatum="2026-09-01",
        stdout=uit,
    )  # fmt: skip
    assert "1 signalen verwijderd" in uit.getvalue()
    assert not Signaal.objects.exists()


def test_the_worker_purges_every_organisation_once_a_day(shv_org):
    """`raadhuis werker` runs the purge with the default 12 months for each organisation."""
    elders = factories.organisatie(naam="Elders")
    lang_geleden = vandaag(shv_org.tijdzone) - timedelta(days=400)
    _signaal(shv_org, status=SignaalStatus.AFGEWEZEN, afgehandeld_op=lang_geleden)
    _signaal(elders, status=SignaalStatus.GEEN_CONTACT, afgehandeld_op=lang_geleden)
    recent = _signaal(
        shv_org,
        status=SignaalStatus.AFGEWEZEN,
        afgehandeld_op=vandaag(shv_org.tijdzone),
        huisnummer=9,
    )

    assert signalen_opschonen_alle() == 2
    assert list(Signaal.objects.values_list("pk", flat=True)) == [recent.pk]
    assert AuditEntry.objects.filter(actie="signalen_opgeschoond").count() == 2


def test_destroying_a_case_keeps_the_creditor_register(ik, dossier, vernietigingsronde):
    schuldeiser = schuldeiser_create(
        actor=ik, naam="Energiebedrijf Oost (fictief)", kvk_nummer="12345678"
    )
    schuld_create(
        actor=ik,
        dossier=dossier,
        schuldeiser=schuldeiser,
        oorspronkelijk_bedrag=Decimal("450"),
        actueel_bedrag=Decimal("450"),
    )
    afsluiten(ik, dossier.zaak)
    items = vernietigingsronde(dossier.organisatie, naam="SHV signalen")
    assert all(i.status == ItemStatus.VERNIETIGD for i in items), [i.reden for i in items]
    assert not Zaak.objects.filter(pk=dossier.zaak_id).exists()
    bewaard = Schuldeiser.objects.get(pk=schuldeiser.pk)
    assert bewaard.partij.weergavenaam == "Energiebedrijf Oost (fictief)"
