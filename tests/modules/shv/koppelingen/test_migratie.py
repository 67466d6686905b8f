"""Migration from the previous system: a dry run reports per row and writes nothing; a commit
writes everything through the shv services; one bad row rolls everything back; a second run
of the same export imports nothing twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.modules.shv.koppelingen.migratie import (
    export_lezen,
    migratie_actor,
    migratie_importeren,
)
from raadhuis.modules.shv.koppelingen.models import MigratieKoppeling, MigratieUpload
from raadhuis.modules.shv.models import Fase, Schuld, Schuldeiser, SchuldStatus, ShvDossier

BACKEND = "django.contrib.auth.backends.ModelBackend"

BLADEN = {
    "schuldeisers": [
        ["extern_id", "naam", "kvk_nummer", "iban", "rangorde"],
        ["S1", "Woonstichting De Liemers (fictief)", "12345678", "NL91ABNA0417164300", ""],
        ["S2", "Belastingdienst (fictief)", "", "", "preferent"],
    ],
    "clienten": [["extern_id", "bsn"], ["C1", "999990056"], ["C2", "999990007"]],
    "dossiers": [
        ["extern_id", "client_id", "traject", "aanmeldingsdatum", "fase", "behandelaar"],
        ["D1", "C1", "SHV-MSR", "02-03-2026", "intake", "consulent"],
        ["D2", "C2", "SHV-BEGELEIDING", "2026-04-01", "", "consulent"],
    ],
    "schulden": [
        ["extern_id", "dossier_id", "schuldeiser_id", "kenmerk", "actueel_bedrag", "status"],
        ["K1", "D1", "S1", "HUUR-7", "1.250,00", "geverifieerd"],
        ["K2", "D1", "S2", "", "312,40", "opgegeven"],
        ["K3", "D2", "S1", "HUUR-9", "", "opgevraagd"],
    ],
    "documenten": [
        ["extern_id", "dossier_id", "pad", "titel", "documenttype"],
        ["DOC1", "D1", "documenten/brief.txt", "Brief schuldeiser", "Inkomende post"],
    ],
}


def _schrijf_csv(map_: Path, bladen: dict) -> Path:  # noqa: ANN001
    map_.mkdir(exist_ok=True)
    for naam, regels in bladen.items():
        (map_ / f"{naam}.csv").write_text(
            "\n".join(";".join(cel for cel in regel) for regel in regels) + "\n"
        )
    (map_ / "documenten").mkdir(exist_ok=True)
    (map_ / "documenten" / "brief.txt").write_text("Geachte heer Testelink, ...")
    return map_


@pytest.fixture
def export_map(tmp_path, consulent):
    consulent.user.username = "consulent"
    consulent.user.save()
    return _schrijf_csv(tmp_path / "export", BLADEN)


@pytest.fixture
def actor(fb_actor, brp_double):
    return migratie_actor(fb_actor)


def test_dry_run_reports_and_writes_nothing(actor, export_map, consulent):
    verslag = migratie_importeren(actor=actor, export=export_lezen(export_map), proef=True)
    assert not verslag.heeft_fouten, [(r.bron, r.fouten) for r in verslag.fouten]
    assert verslag.aantal("nieuw") == 10 and not verslag.uitgevoerd
    assert ShvDossier.objects.count() == 0 and Schuldeiser.objects.count() == 0
    assert MigratieKoppeling.objects.count() == 0


def test_commit_writes_everything_and_a_second_run_nothing(actor, export_map, consulent):
    verslag = migratie_importeren(actor=actor, export=export_lezen(export_map), proef=False)
    assert verslag.uitgevoerd, verslag.as_dict()
    d1 = ShvDossier.objects.get(client__natuurlijkpersoon__bsn="999990056")
    assert d1.fase == Fase.INTAKE and d1.zaak.behandelaar == consulent
    assert d1.zaak.zaaktype.identificatie == "SHV-MSR"
    assert d1.huishouden.count() == 4  # from the BRP double
    k1 = Schuld.objects.get(kenmerk="HUUR-7")
    assert (k1.status, str(k1.actueel_bedrag)) == (SchuldStatus.GEVERIFIEERD, "1250.00")
    assert Schuld.objects.get(kenmerk="HUUR-9").status == SchuldStatus.OPGEVRAAGD
    documenten = ZaakInformatieObject.objects.filter(zaak=d1.zaak)
    assert documenten.filter(informatieobject__titel="Brief schuldeiser").count() == 1
    # A migrated client gets no automatic receipt letter or reminders: the process runs from
    # where the dossier is, without its automatic actions.
    from raadhuis.kernel.messaging.models import Brief
    from raadhuis.kernel.workflow.models import ActieUitvoering

    assert not Brief.objects.filter(zaak=d1.zaak).exists()
    assert not ActieUitvoering.objects.filter(zaak=d1.zaak).exists()
    assert MigratieKoppeling.objects.count() == 10
    opnieuw = migratie_importeren(actor=actor, export=export_lezen(export_map), proef=False)
    assert opnieuw.aantal("bestaat_al") == 10 and opnieuw.aantal("nieuw") == 0
    assert ShvDossier.objects.count() == 2 and Schuld.objects.count() == 3


def test_one_bad_row_rolls_everything_back(actor, tmp_path, consulent):
    bladen = {k: [list(r) for r in v] for k, v in BLADEN.items()}
    bladen["schulden"].append(["K4", "D2", "S9", "", "10", "opgegeven"])  # unknown creditor
    bladen["clienten"].append(["C3", "123456789"])  # fails the elfproef
    map_ = _schrijf_csv(tmp_path / "slecht", bladen)
    consulent.user.username = "consulent"
    consulent.user.save()
    verslag = migratie_importeren(actor=actor, export=export_lezen(map_), proef=False)
    assert not verslag.uitgevoerd
    fouten = {rij.bron: " ".join(rij.fouten) for rij in verslag.fouten}
    assert "elfproef" in fouten["clienten rij 4"]
    assert "Schuldeiser 'S9' staat niet in de export" in fouten["schulden rij 5"]
    assert ShvDossier.objects.count() == 0 and Schuldeiser.objects.count() == 0
    assert Schuld.objects.count() == 0 and MigratieKoppeling.objects.count() == 0


def test_excel_workbook_and_the_command(tmp_path, shv_org, consulent, brp_double):
    consulent.user.username = "consulent"
    consulent.user.save()
    boek = Workbook()
    boek.remove(boek.active)
    for naam in ("schuldeisers", "clienten", "dossiers", "schulden"):
        blad = boek.create_sheet(naam)
        for regel in BLADEN[naam]:
            blad.append(regel)
    pad = tmp_path / "export.xlsx"
    boek.save(pad)
    call_command("shv_import", str(pad), "--dry-run")
    assert ShvDossier.objects.count() == 0
    call_command("shv_import", str(pad))
    assert ShvDossier.objects.count() == 2 and Schuld.objects.count() == 3
    with pytest.raises(CommandError):
        call_command("shv_import", str(tmp_path / "bestaat-niet.xlsx"))


@pytest.mark.urls("tests.modules.shv.koppelingen.urls")
def test_functional_administrator_uploads_checks_and_commits(
    client, beheerder_fb, export_map, consulent, brp_double, tmp_path
):
    import shutil

    zip_pad = shutil.make_archive(str(tmp_path / "export"), "zip", export_map)
    client.force_login(beheerder_fb.user, backend=BACKEND)
    assert client.get(reverse("shv:migratie_overzicht")).status_code == 200
    with open(zip_pad, "rb") as inhoud:
        antwoord = client.post(
            reverse("shv:migratie_overzicht"),
            {"bestand": SimpleUploadedFile("export.zip", inhoud.read())},
        )
    upload = MigratieUpload.objects.get()
    assert antwoord["Location"] == reverse("shv:migratie_upload", args=[upload.uuid])
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Proefimport: er is niets opgeslagen" in pagina and "Definitief importeren" in pagina
    assert ShvDossier.objects.count() == 0
    client.post(reverse("shv:migratie_importeren", args=[upload.uuid]))
    upload.refresh_from_db()
    assert upload.geimporteerd_op and ShvDossier.objects.count() == 2
    assert not upload.bestand  # the export with personal data is gone, the report stays
    # A consultant may not migrate.
    client.force_login(consulent.user, backend=BACKEND)
    assert client.get(reverse("shv:migratie_overzicht")).status_code == 403
