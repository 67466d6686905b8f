"""The migration screens: upload, column mapping, dry run with the merge screen, import, roles."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.migratie import importeren as imp
from raadhuis.modules.crm.migratie.models import ImportBestand
from raadhuis.modules.crm.models import Contactpersoon, Relatie, RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def test_upload_koppelen_samenvoegen_en_importeren(client, accountmanager, am, afdeling_ez):
    bestaand = relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.BEDRIJF,
        naam="Testbedrijf 2 B.V.",
        eenheid=afdeling_ez,
        kvk_nummer="90000002",
    )
    dubbel = imp.testbestand_rij(1)
    dubbel[4] = "06-99999999"
    dubbel[9] = "Klaassen"
    inhoud = imp.testbestand_xlsx(3, extra=[dubbel])
    login(client, accountmanager)

    response = client.post(
        reverse("crm:migratie:overzicht"),
        {
            "bestand": SimpleUploadedFile("exact.xlsx", inhoud),
            "afdeling": afdeling_ez.pk,
        },
    )
    bestand = ImportBestand.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("crm:migratie:koppelen", args=[bestand.uuid])

    html = client.get(response["Location"]).content.decode()
    assert "Kolommen koppelen" in html
    assert '<option value="Bedrijfsnaam" selected>' in html
    mapping = dict(bestand.mapping)
    response = client.post(
        reverse("crm:migratie:koppelen", args=[bestand.uuid]),
        {veld: mapping.get(veld, "") for veld in imp.VELDEN},
    )
    assert response.status_code == 302

    html = client.get(reverse("crm:migratie:verslag", args=[bestand.uuid])).content.decode()
    assert "Dubbele relaties samenvoegen" in html
    assert "zelfde KvK-nummer" in html
    assert "Proefimport: er is niets opgeslagen." in html
    assert Relatie.objects.count() == 1

    # Merge screen: row 5 (company 1 again) takes the phone number from the file.
    client.post(
        reverse("crm:migratie:verslag", args=[bestand.uuid]),
        {"keuze-5-_actie": "samenvoegen", "keuze-5-telefoonnummer": "import"},
    )
    bestand.refresh_from_db()
    assert bestand.keuzes == {"5": {"_actie": "samenvoegen", "telefoonnummer": "import"}}

    response = client.post(reverse("crm:migratie:importeren", args=[bestand.uuid]))
    assert response.status_code == 302
    bestand.refresh_from_db()
    assert bestand.geimporteerd_op is not None
    assert Relatie.objects.count() == 3
    eerste = Relatie.objects.get(partij__identificatie="90000001")
    assert eerste.lokaal_telefoonnummer == "06-99999999"
    assert Contactpersoon.objects.filter(relatie=eerste).count() == 2
    assert Contactpersoon.objects.filter(relatie=bestaand).count() == 1
    html = client.get(reverse("crm:migratie:verslag", args=[bestand.uuid])).content.decode()
    assert "Alles is ingelezen." in html
    assert "Definitief importeren" not in html


def test_fouten_in_het_formulier_en_in_de_koppeling(client, accountmanager, afdeling_ez):
    login(client, accountmanager)
    response = client.post(
        reverse("crm:migratie:overzicht"),
        {"bestand": SimpleUploadedFile("x.pdf", b"%PDF"), "afdeling": afdeling_ez.pk},
    )
    assert response.status_code == 400
    assert "Kies een .xlsx- of .csv-bestand." in response.content.decode()
    response = client.post(
        reverse("crm:migratie:overzicht"),
        {"bestand": SimpleUploadedFile("x.xlsx", b"PK rommel"), "afdeling": afdeling_ez.pk},
    )
    assert response.status_code == 400
    assert "geen leesbaar Excel-bestand" in response.content.decode()

    client.post(
        reverse("crm:migratie:overzicht"),
        {"bestand": SimpleUploadedFile("x.csv", b"Naam;Plaats\nA;B\n"), "afdeling": afdeling_ez.pk},
    )
    bestand = ImportBestand.objects.get()
    response = client.post(reverse("crm:migratie:koppelen", args=[bestand.uuid]), {"naam": ""})
    assert response.status_code == 400
    assert 'id="id_naam_error"' in response.content.decode()


def test_rollen_en_afdelingen(client, crm_org, accountmanager, sportmedewerker, afdeling_ez):
    login(client, accountmanager)
    client.post(
        reverse("crm:migratie:overzicht"),
        {"bestand": SimpleUploadedFile("x.csv", b"Naam\nA\n"), "afdeling": afdeling_ez.pk},
    )
    bestand = ImportBestand.objects.get()
    url = reverse("crm:migratie:verslag", args=[bestand.uuid])
    assert client.get(url).status_code == 200
    # Another medewerker neither sees the upload nor may import into Economische Zaken.
    login(client, sportmedewerker)
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("crm:migratie:overzicht"),
        {"bestand": SimpleUploadedFile("x.csv", b"Naam\nA\n"), "afdeling": afdeling_ez.pk},
    )
    assert response.status_code == 400
    beheerder = factories.medewerker(crm_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    assert login(client, beheerder).get(url).status_code == 200
    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,))
    assert login(client, teamleider).get(reverse("crm:migratie:overzicht")).status_code == 403
    assert login(client, teamleider).get(url).status_code == 403
