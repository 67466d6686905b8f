"""The debt-assistance catalogue: one published case type per track, made once."""

from __future__ import annotations

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.models import Catalogus, InformatieObjectType, ZaakType
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN, TRAJECTEN, shv_catalogus_ensure
from raadhuis.modules.shv.models import Fase


def test_every_track_is_a_published_case_type_with_phases_roles_results(shv_org):
    catalogus = Catalogus.objects.get(organisatie=shv_org, domein="SHV")
    assert catalogus.naam == "Schuldhulpverlening"
    zaaktypen = {z.identificatie: z for z in ZaakType.objects.filter(catalogus=catalogus)}
    assert set(zaaktypen) == set(SHV_ZAAKTYPEN)
    for traject in TRAJECTEN:
        zt = zaaktypen[traject.identificatie]
        assert not zt.concept
        fasen = list(
            zt.statustypen.order_by("volgnummer").values_list("omschrijving_generiek", flat=True)
        )
        assert fasen == list(traject.fase_codes)
        assert fasen[0] == Fase.AANMELDING and fasen[-1] == Fase.AFGESLOTEN
        rollen = set(zt.roltypen.values_list("omschrijving_generiek", flat=True))
        assert {"initiator", "behandelaar"} <= rollen
        for resultaat in zt.resultaattypen.all():
            assert (resultaat.archiefnominatie, resultaat.archiefactietermijn) == (
                "vernietigen",
                "P7Y",
            )
        assert zt.informatieobjecttypen.filter(omschrijving="Brief").exists()
    msr = zaaktypen["SHV-MSR"]
    assert set(msr.informatieobjecttypen.values_list("omschrijving", flat=True)) >= {
        "Verzoek tot opgave",
        "Schuldenoverzicht",
        "Aanbod",
        "Beschikking",
        "Inkomende post",
        "VTLB-berekening",
        "Verzoekschrift",
    }


def test_ensuring_again_changes_nothing(shv_org):
    voor = (
        ZaakType.objects.count(),
        InformatieObjectType.objects.count(),
        AuditEntry.objects.count(),
    )
    shv_catalogus_ensure(shv_org)
    na = (
        ZaakType.objects.count(),
        InformatieObjectType.objects.count(),
        AuditEntry.objects.count(),
    )
    assert voor == na


def test_every_track_has_its_standard_process_and_a_new_case_runs_it(shv_org, dossier):
    from raadhuis.kernel.workflow.models import Procesdefinitie, Taak, ZaakProces

    codes = set(
        Procesdefinitie.objects.filter(organisatie=shv_org).values_list(
            "zaaktype_identificatie", flat=True
        )
    )
    assert codes == set(SHV_ZAAKTYPEN)
    proces = ZaakProces.objects.get(zaak=dossier.zaak)
    assert proces.huidige_stap.code == "aanmelding"
    titels = set(Taak.objects.filter(zaak=dossier.zaak).values_list("titel", flat=True))
    # The process's own step task next to the legal-term task of the intake service.
    assert {"Eerste gesprek voeren", "Stukkenlijst naar de cliënt sturen"} <= titels
