"""A complaint's own case is for the complaint's department: a colleague of another department
with the complaint case-type grant does not find it in the kernel's case lists either."""

from __future__ import annotations

from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.cases.models import Zaak
from tests import factories
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403 - the shared fixtures


def _zichtbaar(medewerker, zaak) -> bool:  # noqa: ANN001
    actor = factories.actor(medewerker)
    return Zaak.objects.filter(zaak_filter(actor), pk=zaak.pk).exists()


def test_the_complaint_case_is_seen_by_its_department_not_by_another(
    kl_klacht, kl_behandelaar, kl_collega, kl_wijk_mw
):
    assert _zichtbaar(kl_behandelaar, kl_klacht.zaak)
    assert _zichtbaar(kl_collega, kl_klacht.zaak)  # same department (Burgerzaken)
    assert not _zichtbaar(kl_wijk_mw, kl_klacht.zaak)  # Wijkbeheer, same grant
