"""`raadhuis createorganisation` registers a municipality after checking its RSIN."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.organisations.models import Organisatie

pytestmark = pytest.mark.django_db


def test_creates_a_dutch_municipality_in_the_amsterdam_time_zone():
    out = StringIO()
    call_command("createorganisation", naam="Gemeente Testdorp", rsin="123456782", stdout=out)

    org = Organisatie.objects.get(rsin="123456782")
    assert (org.naam, org.land, org.tijdzone) == ("Gemeente Testdorp", "NL", "Europe/Amsterdam")
    assert "Gemeente Testdorp" in out.getvalue()
    assert AuditEntry.objects.filter(actie="organisatie_aangemaakt", organisatie=org).exists()


def test_creates_a_belgian_city_in_the_brussels_time_zone():
    call_command(
        "createorganisation", naam="Stad Testgem", rsin="888888880", land="BE", stdout=StringIO()
    )
    assert Organisatie.objects.get(rsin="888888880").tijdzone == "Europe/Brussels"


@pytest.mark.parametrize(
    ("rsin", "melding"),
    [
        ("123456789", "elfproef"),
        ("12345", "9 cijfers"),
        ("abcdefghi", "9 cijfers"),
    ],
)
def test_rejects_a_bad_rsin_with_a_dutch_message(rsin, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("createorganisation", naam="Gemeente Fout", rsin=rsin, stdout=StringIO())
    assert not Organisatie.objects.exists()


def test_rejects_a_second_organisation_with_the_same_rsin():
    call_command("createorganisation", naam="Eerste", rsin="123456782", stdout=StringIO())
    with pytest.raises(CommandError, match="Er bestaat al een [Oo]rganisatie met eenzelfde RSIN"):
        call_command("createorganisation", naam="Tweede", rsin="123456782", stdout=StringIO())
