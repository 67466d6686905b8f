"""Destroying CRM cases through the kernel's real destruction-list flow (drawn up, reviewed by a
second functioneel beheerder, executed).

- A complaint follows its case (ADR 0005): destroying the CRM-KLACHT case destroys the
  complaint, its letters and their documents, and erases the complainant who was known through
  nothing else; what the history said about the complaint is blanked.
- Contact moments tied to a destroyed case, the follow-up contact moment of a CRM-OPVOLGING case
  included, and the satisfaction survey about them go too (modules/crm/vernietiging.py): no
  client text survives, the audit trail is blanked, subscribers hear 'destroy'. A contact moment
  of the same person that is not about the case stays.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.messaging.models import Brief
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.retention.hooks import (
    register_vernietiging_hook,
    unregister_vernietiging_hook,
    vernietiging_hooks,
)
from raadhuis.kernel.retention.models import ItemStatus
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import Taak
from raadhuis.modules.crm.klachten.models import Klacht
from raadhuis.modules.crm.klachten.services import klacht_ontvangst_bevestigen
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.kpi.services import meting_beantwoorden, meting_voor_klantcontact
from raadhuis.modules.crm.models import Kanaal, Klantcontact, Uitkomst
from raadhuis.modules.crm.services import Opvolging, klantcontact_create, opvolging_afronden
from raadhuis.modules.crm.vernietiging import crm_vernietigen
from tests import factories
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403 - the shared fixtures
from tests.retention_helpers import afsluiten as _afsluiten
from tests.retention_helpers import tekst_in_audit as _tekst_in_audit
from tests.retention_helpers import vernietigen as _vernietigen

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def hook_geregistreerd():
    """The lead registers the hook in the crm AppConfig.ready(); until then the test does,
    and removes it again only when it added it."""
    erbij = crm_vernietigen not in vernietiging_hooks()
    register_vernietiging_hook(crm_vernietigen)
    yield
    if erbij:
        unregister_vernietiging_hook(crm_vernietigen)


# --- complaints --------------------------------------------------------------------------------
def test_destroying_the_complaint_case_destroys_the_complaint_and_its_letters(
    kl_klacht, kl_ik, kl_klager, django_capture_on_commit_callbacks
):
    klacht = klacht_ontvangst_bevestigen(actor=kl_ik, klacht=kl_klacht)
    brieven = list(Brief.objects.filter(zaak=klacht.zaak))
    assert brieven, "the acknowledgement letter was sent"
    documenten = [b.informatieobject_id for b in brieven if b.informatieobject_id]
    assert documenten
    zaak = _afsluiten(kl_ik, klacht.zaak)
    assert _tekst_in_audit("Onvriendelijk behandeld")  # the history quotes the complaint

    items = _vernietigen(zaak.organisatie, django_capture_on_commit_callbacks)

    item = next(i for i in items if i.zaak_uuid == zaak.uuid)
    assert item.status == ItemStatus.VERNIETIGD, item.reden
    assert item.aantallen["crm_klachten.klacht"] == 1
    assert not Zaak.objects.filter(pk=zaak.pk).exists()
    assert not Klacht.objects.filter(pk=klacht.pk).exists()
    assert not Brief.objects.filter(pk__in=[b.pk for b in brieven]).exists()
    assert not InformatieObject.objects.filter(pk__in=documenten).exists()
    # Karin Klaagmans was known through this complaint only: she is erased with it.
    assert not Partij.objects.filter(pk=kl_klager.pk).exists()
    assert not _tekst_in_audit("Onvriendelijk behandeld", "kortaf", "Klaagmans")


def test_a_complaint_about_a_destroyed_case_stays_without_the_link(
    kl_klacht, kl_ik, kl_org, django_capture_on_commit_callbacks
):
    """The case a complaint is *about* has its own retention; the complaint keeps its own."""
    from raadhuis.kernel.access.actor import Actor

    over = factories.zaaktype(kl_org, identificatie="PARKEER", omschrijving="Parkeervergunning")
    zaak_over = zaak_create(actor=Actor.system(kl_org), zaaktype=over, omschrijving="Vergunning")
    Klacht.objects.filter(pk=kl_klacht.pk).update(betreft_zaak=zaak_over)
    _afsluiten(Actor.system(kl_org), zaak_over)

    items = _vernietigen(kl_org, django_capture_on_commit_callbacks)

    assert [i.status for i in items] == [ItemStatus.VERNIETIGD]
    klacht = Klacht.objects.get(pk=kl_klacht.pk)
    assert klacht.betreft_zaak_id is None and klacht.zaak_id == kl_klacht.zaak_id


# --- contact moments ---------------------------------------------------------------------------
@pytest.fixture
def inwoner(am):
    return factories.persoon(am, geslachtsnaam="Belmans", voornamen="Bert")


def test_the_follow_up_contact_moment_goes_with_its_opvolging_case(
    am, accountmanager, inwoner, django_capture_on_commit_callbacks
):
    contact = klantcontact_create(
        actor=am,
        partij=inwoner,
        kanaal=Kanaal.TELEFOON,
        onderwerp="Terugbellen over schuldenproblematiek",
        inhoud="Meneer Belmans heeft betalingsachterstanden bij de woningcorporatie.",
        uitkomst=Uitkomst.TERUGBELVERZOEK,
        opvolging=Opvolging(
            titel="Terugbellen",
            toegewezen_aan=accountmanager,
            vervaldatum=vandaag(AMSTERDAM.key) + timedelta(days=2),
        ),
    )
    opvolgzaak = contact.taak.zaak
    meting = meting_voor_klantcontact(actor=am, klantcontact_uuid=contact.uuid)
    meting_beantwoorden(token=meting.token, score=2, opmerking="Belmans: niemand belde terug")
    # An unrelated contact moment of the same person: not about the case, it stays.
    los = klantcontact_create(
        actor=am, partij=inwoner, kanaal=Kanaal.BALIE, onderwerp="Vraag over afvalpas"
    )
    taak = Taak.objects.get(pk=contact.taak_id)
    opvolging_afronden(actor=am, taak=taak, toelichting="Teruggebeld.")
    zaak = _afsluiten(am, opvolgzaak)
    assert _tekst_in_audit("schuldenproblematiek")  # the history quotes the contact

    items = _vernietigen(zaak.organisatie, django_capture_on_commit_callbacks)

    item = next(i for i in items if i.zaak_uuid == zaak.uuid)
    assert item.status == ItemStatus.VERNIETIGD, item.reden
    assert item.aantallen["crm.klantcontact"] == 1
    assert item.aantallen["crm_kpi.tevredenheidsmeting"] == 1
    assert not Klantcontact.objects.filter(pk=contact.pk).exists()
    assert not Tevredenheidsmeting.objects.filter(pk=meting.pk).exists()
    assert Klantcontact.objects.filter(pk=los.pk).exists()
    # The person stays: another contact moment still refers to them.
    assert Partij.objects.filter(pk=inwoner.pk).exists()
    assert not _tekst_in_audit("betalingsachterstanden", "schuldenproblematiek", "niemand belde")
    assert OutboxEvent.objects.filter(
        kanaal="klantcontacten", actie="destroy", resource_uuid=contact.uuid
    ).exists()


def test_contact_moments_about_a_destroyed_case_go_and_their_person_is_erased(
    am, accountmanager, opvolg_zaaktype, django_capture_on_commit_callbacks
):
    """A contact moment that names a case (zaak) goes with it; the caller, known through
    nothing else, is erased with the case even though they had no role on it."""
    beller = factories.persoon(am, geslachtsnaam="Vermeulen", voornamen="Vera")
    initiatiefnemer = factories.persoon(am, geslachtsnaam="Pieters", voornamen="Piet")
    zaak = zaak_create(
        actor=am, zaaktype=opvolg_zaaktype, omschrijving="Vraag", initiator=initiatiefnemer
    )
    contact = klantcontact_create(
        actor=am,
        partij=beller,
        kanaal=Kanaal.EMAIL,
        onderwerp="Buurvrouw belt over de zaak",
        inhoud="Mevrouw Vermeulen meldt dat haar buurman in de schulden zit.",
        zaak=zaak,
    )
    zaak = _afsluiten(am, zaak)

    items = _vernietigen(zaak.organisatie, django_capture_on_commit_callbacks)

    assert [i.status for i in items] == [ItemStatus.VERNIETIGD], [i.reden for i in items]
    assert not Klantcontact.objects.filter(pk=contact.pk).exists()
    assert not Partij.objects.filter(pk__in=[beller.pk, initiatiefnemer.pk]).exists()
    assert not _tekst_in_audit("Vermeulen", "in de schulden", "Buurvrouw")


def test_the_hook_is_harmless_on_a_case_without_crm_data_and_when_run_twice(am, opvolg_zaaktype):
    from raadhuis.kernel.retention.hooks import VernietigingContext

    zaak = zaak_create(actor=am, zaaktype=opvolg_zaaktype, omschrijving="Leeg")
    context = VernietigingContext(zaak=zaak, actor=am, lijst_naam="X")
    assert crm_vernietigen(context) is None
    assert crm_vernietigen(context) is None
    assert context.partij_ids == set()
