"""The demo data: fictitious creditors with valid check digits, ten dossiers in different
phases, made through the services."""

from __future__ import annotations

from schwifty import IBAN

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.shv.demo import iban_nummer, kvk_nummer, shv_demo_load
from raadhuis.modules.shv.models import Schuld, Schuldeiser, ShvDossier


def test_kvk_numbers_and_ibans_are_valid_and_fictitious():
    for seed in range(1, 30):
        kvk = kvk_nummer(61_000_000 + seed * 9_173)
        assert len(kvk) == 8 and kvk.isdigit()
        assert sum(int(c) * w for c, w in zip(kvk, range(8, 0, -1), strict=True)) % 11 == 0
        iban = IBAN(iban_nummer(seed))
        assert iban.country_code == "NL" and iban.bank_code == "ABNA"


def test_the_demo_loads_creditors_and_ten_dossiers(shv_org, consulent, brp_double):
    resultaat = shv_demo_load(shv_org, consulent)
    assert resultaat == {"schuldeisers": 8, "dossiers": 10}
    assert Schuldeiser.objects.filter(partij__weergavenaam__endswith="(fictief)").count() == 8
    fasen = set(
        d.fase_actueel
        for d in ShvDossier.objects.select_related("zaak__status_actueel__statustype")
    )
    assert {"aanmelding", "intake", "inventarisatie", "regeling", "afgesloten"} <= fasen
    assert Schuld.objects.filter(status="opgevraagd").count() == 2
    assert AuditEntry.objects.filter(actie="schuldhulpdossier_aangemaakt").count() == 10
    # A second run adds nothing.
    assert shv_demo_load(shv_org, consulent) == {"schuldeisers": 8, "dossiers": 0}
