"""The whole dossier as one ZIP (issue 4 §6): every document the actor may see, its current
version, in a folder per document type, with index.pdf listing the case and each document with
its name in the ZIP, size and sha256. The ZIP is opened for real and the index read with pypdf."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.http import StreamingHttpResponse
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import InformatieObjectType, ZaakTypeInformatieObjectType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.documents.dossier import INDEX, dossier_zip, veilige_naam
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.documents.services import document_versie_add, zaak_document_add
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
EXTERN = "https://documenten.elders.nl/documenten/api/v1/enkelvoudiginformatieobjecten/1"


@pytest.fixture
def bewijsstuk(org, zaaktype):
    iot = InformatieObjectType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Bewijsstuk",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    ZaakTypeInformatieObjectType.objects.create(zaaktype=zaaktype, informatieobjecttype=iot)
    return iot


@pytest.fixture
def initiator(actor):
    return factories.persoon(actor, "Jansen", voornamen="Joke")


@pytest.fixture
def zaak(actor, zaaktype, behandelaar, initiator):
    return zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        omschrijving="Schuldhulp Jansen",
        initiator=initiator,
        behandelaar=behandelaar,
    )


def _add(actor, zaak, iot, titel, inhoud: bytes, naam: str, **kw):
    return zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(inhoud, name=naam),
        titel=titel,
        informatieobjecttype=iot,
        **kw,
    )


@pytest.fixture
def documenten(actor, org, zaak, zaaktype, bewijsstuk):
    brief = zaaktype.informatieobjecttypen.get(omschrijving="Brief")
    stukken = {
        "aanvraag": _add(actor, zaak, brief, "Aanvraag", b"versie 1", "aanvraag.txt"),
        "loonstrook": _add(actor, zaak, bewijsstuk, "Loonstrook", b"%PDF-1.4 loon", "loon.pdf"),
        # Same title and type: the second gets " (2)" in the ZIP.
        "loonstrook2": _add(actor, zaak, bewijsstuk, "Loonstrook", b"%PDF-1.4 mei", "mei.pdf"),
    }
    # A newer version: the ZIP holds the current one only.
    document_versie_add(
        actor=actor,
        informatieobject=stukken["aanvraag"].informatieobject,
        bestand=ContentFile(b"versie 2, verbeterd", name="aanvraag-v2.txt"),
    )
    # Above the medewerker's grant (vertrouwelijk): only the system sees it.
    stukken["geheim"] = _add(
        Actor.system(org),
        zaak,
        brief,
        "Politierapport",
        b"geheim",
        "rapport.txt",
        vertrouwelijkheidaanduiding=Vertrouwelijkheid.GEHEIM,
    )
    # A document in another Documenten API: listed in the index, no file in the ZIP.
    ZaakInformatieObject.objects.create(
        zaak=zaak, informatieobject_url=EXTERN, titel="Vonnis rechtbank"
    )
    return stukken


def _open(dossier) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(dossier.chunks())))


def _index_tekst(archief: zipfile.ZipFile) -> str:
    reader = PdfReader(io.BytesIO(archief.read(INDEX)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_zip_holds_every_visible_document_in_a_folder_per_type(actor, zaak, documenten):
    dossier = dossier_zip(actor=actor, zaak=zaak)

    archief = _open(dossier)
    assert archief.testzip() is None
    datum = f"{date.today():%Y-%m-%d}"
    assert sorted(archief.namelist()) == sorted(
        [
            INDEX,
            f"Brief/{datum} Aanvraag.txt",
            f"Bewijsstuk/{datum} Loonstrook.pdf",
            f"Bewijsstuk/{datum} Loonstrook (2).pdf",
        ]
    )
    assert archief.read(f"Brief/{datum} Aanvraag.txt") == b"versie 2, verbeterd"
    assert archief.read(f"Bewijsstuk/{datum} Loonstrook (2).pdf") == b"%PDF-1.4 mei"
    assert dossier.bestandsnaam == f"{zaak.identificatie}-dossier.zip"


def test_index_lists_case_and_every_document_with_size_and_sha256(actor, zaak, documenten):
    dossier = dossier_zip(actor=actor, zaak=zaak)
    archief = _open(dossier)
    tekst = _index_tekst(archief)
    vlak = "".join(tekst.split())  # table cells wrap: compare without white space

    assert zaak.identificatie in tekst
    assert "Schuldhulp Jansen" in tekst
    assert "Joke Jansen" in vlak or "JokeJansen" in vlak
    for titel in ("Aanvraag", "Loonstrook", "Vonnis rechtbank"):
        assert "".join(titel.split()) in vlak
    assert "Politierapport" not in tekst
    for regel in dossier.regels:
        if regel.pad:
            inhoud = archief.read(regel.pad)
            assert regel.sha256 == hashlib.sha256(inhoud).hexdigest()
            assert regel.grootte == len(inhoud)
            assert regel.sha256 in vlak
            assert "".join(regel.pad.split()) in vlak
    extern = [r for r in dossier.regels if r.extern_url]
    assert [r.extern_url for r in extern] == [EXTERN]
    assert "Extern document" in tekst


def test_export_is_logged_and_audited(actor, zaak, documenten, initiator):
    dossier_zip(actor=actor, zaak=zaak)

    log = VerwerkingsLog.objects.filter(zaak_uuid=zaak.uuid, handeling__startswith="Zaakdossier")
    assert [r.partij_uuid for r in log] == [initiator.uuid]
    assert "4 documenten" in log.get().handeling
    audit = AuditEntry.objects.get(actie="zaakdossier_gedownload", zaak_uuid=zaak.uuid)
    assert audit.wijzigingen["bestanden"] == [None, 3]
    assert audit.actor_weergave == actor.weergave


def test_large_files_are_streamed_in_pieces(actor, zaak, zaaktype):
    brief = zaaktype.informatieobjecttypen.get()
    groot = bytes(range(256)) * (3 * 4096)  # 3 MiB
    _add(actor, zaak, brief, "Scan", groot, "scan.pdf")

    stukken = list(dossier_zip(actor=actor, zaak=zaak).chunks())

    assert max(len(s) for s in stukken) < 1024 * 1024
    archief = zipfile.ZipFile(io.BytesIO(b"".join(stukken)))
    (scan,) = [n for n in archief.namelist() if n.endswith("Scan.pdf")]
    assert archief.read(scan) == groot


def test_document_without_content_is_listed_not_lost(actor, zaak, zaaktype):
    zio = _add(actor, zaak, zaaktype.informatieobjecttypen.get(), "Brief", b"x", "brief.txt")
    zio.informatieobject.laatste_versie.bestand.storage.delete(
        zio.informatieobject.laatste_versie.bestand.name
    )

    dossier = dossier_zip(actor=actor, zaak=zaak)

    (regel,) = dossier.regels
    assert regel.pad == "" and "ontbreekt" in regel.opmerking
    assert _open(dossier).namelist() == [INDEX]


def test_medewerker_without_grant_gets_not_found(org, zaak, documenten):
    ander = factories.zaaktype(org, identificatie="VERLOF")
    buitenstaander = factories.actor(factories.medewerker(org, zaaktypen=(ander,)))

    with pytest.raises(NietGevonden):
        dossier_zip(actor=buitenstaander, zaak=zaak)
    assert not AuditEntry.objects.filter(actie="zaakdossier_gedownload").exists()


# --- the staff URL --------------------------------------------------------------------------
def test_download_through_the_case_url(client, behandelaar, zaak, documenten):
    client.force_login(behandelaar.user, backend=BACKEND)

    response = client.get(reverse("web:zaak_dossier_zip", kwargs={"uuid": zaak.uuid}))

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    assert f'filename="{zaak.identificatie}-dossier.zip"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    archief = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert INDEX in archief.namelist() and len(archief.namelist()) == 4


def test_url_access_per_role(client, org, zaak, documenten):
    url = reverse("web:zaak_dossier_zip", kwargs={"uuid": zaak.uuid})
    assert client.get(url).status_code == 302  # to the login page

    zonder_grant = factories.medewerker(org, zaaktypen=())
    client.force_login(zonder_grant.user, backend=BACKEND)
    assert client.get(url).status_code == 404

    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,), zaaktypen=(zaak.zaaktype,))
    client.force_login(teamleider.user, backend=BACKEND)
    assert client.get(url).status_code == 403

    anders = factories.organisatie("Gemeente Elders")
    elders = factories.medewerker(anders, zaaktypen=(factories.zaaktype(anders, "KLACHT"),))
    client.force_login(elders.user, backend=BACKEND)
    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(actie="zaakdossier_gedownload").exists()


# --- file names -----------------------------------------------------------------------------
@given(st.text(max_size=300))
def test_safe_names_are_never_empty_and_never_leave_their_folder(tekst):
    naam = veilige_naam(tekst)
    assert naam and len(naam) <= 80
    assert not any(c in naam for c in '/\\:*?"<>|')
    assert naam == naam.strip(" .")
    assert all(ord(c) >= 32 for c in naam)


def test_safe_names_worked_examples():
    assert veilige_naam("Brief: aanmaning 1/2") == "Brief_ aanmaning 1_2"
    assert veilige_naam("../../etc/passwd") == "etc_passwd"
    assert veilige_naam("   ") == "document"
