"""The demo's closed cases land on a destruction list."""

from __future__ import annotations

from raadhuis.kernel.retention.demo import demo_load
from raadhuis.kernel.retention.selectors import zaken_te_vernietigen


def test_demo_cases_are_due_for_destruction(gemeente):
    zaken = demo_load(gemeente.org, zaaktype_identificatie="SHV", aantal=3)
    assert len(zaken) == 3
    assert all(z.archiefnominatie == "vernietigen" and z.einddatum for z in zaken)
    due = set(zaken_te_vernietigen(actor=gemeente.fb_actor).values_list("pk", flat=True))
    assert {z.pk for z in zaken} <= due


def test_no_demo_cases_for_an_unknown_case_type(gemeente):
    assert demo_load(gemeente.org, zaaktype_identificatie="ONBEKEND") == []
