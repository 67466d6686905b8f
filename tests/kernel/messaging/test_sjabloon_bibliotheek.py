"""The template library: kinds and categories, the picker selector, version comparison, and
export/import as JSON (dry run, all or nothing, an existing code gets a new version)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.messaging.models import BriefSjabloon, SjabloonSoort
from raadhuis.kernel.messaging.services import sjabloon_create, sjabloon_ensure
from raadhuis.kernel.organisations.models import Rol


def test_ensure_files_a_template_under_kind_and_category(org):
    sjabloon = sjabloon_ensure(
        org,
        "klacht-ontvangst",
        "Klacht: ontvangstbevestiging",
        "Uw klacht",
        "<p>{{ ontvanger.aanhef }}</p>",
        soort="e-mail",
        categorie="Klachten",
    )
    assert (sjabloon.soort, sjabloon.categorie) == (SjabloonSoort.EMAIL, "Klachten")
    # Idempotent: the second call leaves it as it is.
    again = sjabloon_ensure(org, "klacht-ontvangst", "Anders", "Anders", "<p>x</p>", soort="brief")
    assert again.pk == sjabloon.pk
    assert BriefSjabloon.objects.get(pk=sjabloon.pk).soort == "e-mail"
    # Positional use without the new keywords still works: a letter without category.
    brief = sjabloon_ensure(org, "oud", "Oud", "Onderwerp", "<p>tekst</p>")
    assert (brief.soort, brief.categorie) == ("brief", "")


def test_an_unknown_kind_is_a_field_error(beheerder):
    with pytest.raises(ValidationError) as error:
        sjabloon_create(
            actor=beheerder,
            code="x",
            naam="X",
            onderwerp="X",
            inhoud="<p>x</p>",
            soort="fax",
        )
    assert "soort" in error.value.message_dict


# --- the picker selector ----------------------------------------------------------------------
def _seed(org, aantal=30):
    for i in range(aantal):
        soort = ("brief", "offerte", "e-mail")[i % 3]
        categorie = ("Klachten", "Contracten", "Relatiebeheer")[i % 3 if i % 2 else 0]
        sjabloon_ensure(
            org,
            f"crm-{i:02d}",
            f"CRM sjabloon {i:02d}",
            "Onderwerp {{ ontvanger.naam }}",
            "<p>{{ ontvanger.aanhef }}</p><p>Tekst.</p>",
            soort=soort,
            categorie=categorie,
        )


def test_the_picker_offers_active_templates_of_a_kind_and_category(org, actor, beheerder):
    from raadhuis.kernel.messaging.selectors import sjablonen_lijst, sjablonen_zoeken
    from raadhuis.kernel.messaging.services import sjabloon_active_set

    _seed(org)
    emails = list(sjablonen_lijst(actor, soort="e-mail"))
    assert len(emails) == 10 and {s.soort for s in emails} == {"e-mail"}
    both = sjablonen_lijst(actor, soort=("e-mail", "brief"))
    assert both.count() == 20
    klachten = sjablonen_lijst(actor, categorie="klachten")  # case-insensitive
    assert {s.categorie for s in klachten} == {"Klachten"}
    assert [s.code for s in sjablonen_lijst(actor, zoek="crm 07")] == ["crm-07"]
    assert not sjablonen_lijst(actor, zoek="offerte 07").exists()  # every word must match
    uit = BriefSjabloon.objects.get(organisatie=org, code="crm-07")
    sjabloon_active_set(actor=beheerder, sjabloon=uit, actief=False)
    assert not sjablonen_lijst(actor, zoek="07").exists()
    # The library (administrator) still finds it, filtered on 'not active'.
    assert [s.code for s in sjablonen_zoeken(actor=beheerder, actief=False)] == ["crm-07"]


# --- comparing versions -----------------------------------------------------------------------
def test_a_comparison_shows_the_changed_words_and_folds_what_stayed():
    from raadhuis.kernel.messaging.vergelijken import regels_van, versies_vergelijken

    oud = "".join(f"<p>Alinea {i}.</p>" for i in range(1, 11))
    nieuw = oud.replace("<p>Alinea 6.</p>", "<p>Alinea zes, herschreven.</p>")
    v = versies_vergelijken("Brief", "Uw aanvraag", oud, "Brief", "Uw aanvraag ontvangen", nieuw)
    assert len(regels_van(oud)) == 10
    assert [r.soort for r in v.inhoud] == [
        "overgeslagen", "gelijk", "gelijk", "weg", "erbij", "gelijk", "gelijk", "overgeslagen",
    ]  # fmt: skip
    assert v.inhoud[0].aantal == 3 and v.inhoud[-1].aantal == 2
    weg, erbij = v.inhoud[3], v.inhoud[4]
    assert [s.tekst for s in weg.stukken if s.soort == "weg"] == ["6."]
    assert [s.tekst for s in erbij.stukken if s.soort == "erbij"] == ["zes, herschreven."]
    assert [s.tekst for s in v.onderwerp[1].stukken if s.soort == "erbij"] == [" ontvangen"]
    assert v.gewijzigde_regels == 2 and not v.gelijk
    assert versies_vergelijken("a", "b", oud, "a", "b", oud).gelijk


@given(
    oud=st.lists(st.sampled_from(["<p>a</p>", "<p>b c</p>", "x y", "<br>", "z"]), max_size=12),
    nieuw=st.lists(st.sampled_from(["<p>a</p>", "<p>b d</p>", "x y", "<br>", "q"]), max_size=12),
)
def test_a_comparison_without_folding_rebuilds_both_versions(oud, nieuw):
    """Every line of both versions is in the comparison, in order: the old version is the
    unchanged and removed lines, the new one the unchanged and added lines."""
    from raadhuis.kernel.messaging.vergelijken import regels_vergelijken

    regels = regels_vergelijken(oud, nieuw, context=10_000)
    assert [r.tekst for r in regels if r.soort in ("gelijk", "weg")] == oud
    assert [r.tekst for r in regels if r.soort in ("gelijk", "erbij")] == nieuw


# --- export and import ------------------------------------------------------------------------
def test_export_then_import_elsewhere_creates_and_a_second_import_adds_versions(org, beheerder):
    from raadhuis.kernel.audit.models import AuditEntry
    from raadhuis.kernel.messaging.selectors import sjablonen_zoeken
    from raadhuis.kernel.messaging.uitwisseling import sjablonen_export, sjablonen_import
    from tests import factories

    _seed(org, 6)
    document = sjablonen_export(beheerder, sjablonen_zoeken(actor=beheerder, categorie="Klachten"))
    codes = sorted(r["code"] for r in document["sjablonen"])
    assert codes and all(r["categorie"] == "Klachten" for r in document["sjablonen"])
    assert AuditEntry.objects.filter(actie="briefsjablonen_geexporteerd").count() == 1

    ander = factories.organisatie("Gemeente Anders")
    beheer2 = factories.actor(factories.medewerker(ander, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    proef = sjablonen_import(actor=beheer2, inhoud=json.dumps(document), proef=True)
    assert not proef.toegepast and {r.actie for r in proef.regels} == {"nieuw"}
    assert not BriefSjabloon.objects.filter(organisatie=ander).exists()  # a dry run writes nothing

    echt = sjablonen_import(actor=beheer2, inhoud=json.dumps(document), bestandsnaam="x.json")
    assert echt.toegepast
    assert (
        sorted(BriefSjabloon.objects.filter(organisatie=ander).values_list("code", flat=True))
        == codes
    )

    # Changed text on an existing code: a new version, never an overwrite.
    document["sjablonen"][0]["inhoud"] = "<p>{{ ontvanger.aanhef }}</p><p>Nieuw.</p>"
    document["sjablonen"][1]["categorie"] = "Klachtbehandeling"
    opnieuw = sjablonen_import(actor=beheer2, inhoud=json.dumps(document))
    assert [r.actie for r in opnieuw.regels][:2] == ["nieuwe_versie", "indeling"]
    eerste = BriefSjabloon.objects.get(organisatie=ander, code=document["sjablonen"][0]["code"])
    assert list(eerste.versies.values_list("versie", flat=True)) == [2, 1]
    tweede = BriefSjabloon.objects.get(organisatie=ander, code=document["sjablonen"][1]["code"])
    assert tweede.categorie == "Klachtbehandeling" and tweede.versies.count() == 1


def test_an_import_with_one_bad_template_writes_nothing_and_reports_per_template(org, beheerder):
    from raadhuis.kernel.messaging.uitwisseling import FORMAAT, sjablonen_import

    rij = {"code": "goed", "naam": "Goed", "soort": "brief", "onderwerp": "O", "inhoud": "<p>x</p>"}
    document = {
        "formaat": FORMAAT,
        "formaatversie": 1,
        "sjablonen": [
            rij,
            {**rij, "code": "fout-veld", "inhoud": "<p>{{ client.naaam }}</p>"},
            {**rij, "code": "Fout Code"},
            {**rij, "code": "goed"},
            {**rij, "code": "script", "inhoud": "<script>alert(1)</script>"},
            {**rij, "code": "soort", "soort": "fax"},
            "geen object",
        ],
    }
    rapport = sjablonen_import(actor=beheerder, inhoud=json.dumps(document))
    assert not rapport.toegepast and rapport.heeft_fouten
    assert [r.actie for r in rapport.regels] == [
        "nieuw",
        "fout",
        "fout",
        "fout",
        "fout",
        "fout",
        "fout",
    ]
    assert "naaam" in " ".join(rapport.regels[1].fouten)
    assert "twee keer" in " ".join(rapport.regels[3].fouten)
    assert not BriefSjabloon.objects.filter(organisatie=org).exists()
    assert "niets ingelezen" in rapport.samenvatting()


@pytest.mark.parametrize(
    ("inhoud", "fout"),
    [
        (b"{niet json", "geen geldig JSON"),
        (b'{"formaat": "iets anders"}', "geen export van briefsjablonen"),
        (b'{"formaat": "raadhuis-sjablonen", "formaatversie": 9}', "niet ondersteund"),
        (b'{"formaat": "raadhuis-sjablonen", "formaatversie": 1}', "geen lijst"),
    ],
)
def test_a_file_that_is_no_export_is_refused_as_a_whole(beheerder, inhoud, fout):
    from raadhuis.kernel.messaging.uitwisseling import sjablonen_import

    rapport = sjablonen_import(actor=beheerder, inhoud=inhoud)
    assert fout in rapport.samenvatting() and not rapport.toegepast


def test_only_the_functional_administrator_imports_or_exports(actor):
    from raadhuis.kernel.exceptions import ToegangGeweigerd
    from raadhuis.kernel.messaging.uitwisseling import sjablonen_export, sjablonen_import

    with pytest.raises(ToegangGeweigerd):
        sjablonen_import(actor=actor, inhoud=b"{}")
    with pytest.raises(ToegangGeweigerd):
        sjablonen_export(actor, [])


def test_the_command_line_exports_and_imports_with_a_dry_run(org, beheerder, tmp_path):
    from django.core.management import CommandError, call_command

    _seed(org, 3)
    bestand = tmp_path / "sjablonen.json"
    call_command("sjablonen", "export", str(bestand), "--organisatie", org.rsin)
    document = json.loads(bestand.read_text())
    assert len(document["sjablonen"]) == 3
    document["sjablonen"][0]["onderwerp"] = "Nieuw onderwerp"
    bestand.write_text(json.dumps(document))
    uit = io.StringIO()
    call_command("sjablonen", "import", str(bestand), "--dry-run", stdout=uit)
    rapport = json.loads(uit.getvalue())
    assert rapport["proef"] and [r["actie"] for r in rapport["sjablonen"]] == [
        "nieuwe_versie", "ongewijzigd", "ongewijzigd",
    ]  # fmt: skip
    assert BriefSjabloon.objects.get(code=document["sjablonen"][0]["code"]).versies.count() == 1
    call_command("sjablonen", "import", str(bestand), stdout=io.StringIO())
    assert BriefSjabloon.objects.get(code=document["sjablonen"][0]["code"]).versies.count() == 2
    document["sjablonen"][1]["inhoud"] = "{% if %}"
    bestand.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="niets ingelezen"):
        call_command("sjablonen", "import", str(bestand), stdout=io.StringIO())


# --- the pages ----------------------------------------------------------------------------------
def _login(client, actor):
    client.force_login(actor.medewerker.user, backend="django.contrib.auth.backends.ModelBackend")


def test_the_library_page_filters_counts_and_pages(client, org, beheerder):
    from django.urls import reverse

    _seed(org, 60)
    _login(client, beheerder)
    url = reverse("web:brieven_sjablonen")
    alles = client.get(url).content.decode()
    assert "60 sjablonen" in alles and "pagina 1 van 3" in alles
    tweede = client.get(url, {"pagina": 2}).content.decode()
    assert "CRM sjabloon 25" in tweede or "crm-" in tweede
    gefilterd = client.get(url, {"soort": "e-mail", "categorie": "Relatiebeheer"}).content.decode()
    assert "10 sjablonen gevonden" in gefilterd
    assert "Deze selectie exporteren" in gefilterd and "soort=e-mail" in gefilterd
    partial = client.get(url, {"zoek": "sjabloon 07"}, HTTP_HX_REQUEST="true")
    assert "1 sjabloon gevonden" in partial.content.decode()
    assert "<html" not in partial.content.decode()  # only the results swap in
    onzin = client.get(url, {"soort": "fax", "pagina": "x"})
    assert onzin.status_code == 200  # a bad filter shows all, never a 500


def test_switching_a_template_off_is_audited_and_returns_to_the_filtered_list(
    client, org, beheerder
):
    from django.urls import reverse

    from raadhuis.kernel.audit.models import AuditEntry

    _seed(org, 3)
    sjabloon = BriefSjabloon.objects.get(organisatie=org, code="crm-01")
    _login(client, beheerder)
    terug = reverse("web:brieven_sjablonen") + "?soort=offerte"
    response = client.post(
        reverse("web:brieven_sjabloon_actief", args=[sjabloon.uuid]), {"actief": "0", "next": terug}
    )
    assert response.status_code == 302 and response["Location"] == terug
    sjabloon.refresh_from_db()
    assert not sjabloon.actief
    entry = AuditEntry.objects.filter(object_uuid=sjabloon.uuid).latest("id")
    assert entry.wijzigingen == {"actief": [True, False]}
    extern = client.post(
        reverse("web:brieven_sjabloon_actief", args=[sjabloon.uuid]),
        {"actief": "1", "next": "https://evil.example/"},
    )
    assert extern["Location"] == reverse("web:brieven_sjablonen")


def test_the_comparison_page_shows_what_changed(client, org, beheerder):
    from django.urls import reverse

    from raadhuis.kernel.messaging.services import sjabloon_update

    sjabloon = sjabloon_ensure(org, "x", "X", "Onderwerp", "<p>Eerste alinea.</p><p>Oud.</p>")
    sjabloon_update(
        actor=beheerder,
        sjabloon=sjabloon,
        naam="X",
        onderwerp="Onderwerp",
        inhoud="<p>Eerste alinea.</p><p>Nieuw.</p>",
    )
    _login(client, beheerder)
    url = reverse("web:brieven_sjabloon_vergelijken", args=[sjabloon.uuid])
    html = client.get(url).content.decode()
    assert "Versie 1 en versie 2 vergeleken" in html
    assert "<del>Oud.</del>" in html and "<ins>Nieuw.</ins>" in html
    assert "Versie 1 terugzetten" in html
    assert client.get(url, {"van": 1, "naar": 7}).status_code == 404
    versies = client.get(reverse("web:brieven_sjabloon_versies", args=[sjabloon.uuid]))
    assert "Twee versies vergelijken" in versies.content.decode()


def test_export_and_import_through_the_pages(client, org, beheerder):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    _seed(org, 4)
    _login(client, beheerder)
    export = client.get(reverse("web:brieven_sjablonen_export"), {"soort": "brief"})
    assert export["Content-Type"] == "application/json"
    assert "attachment" in export["Content-Disposition"]
    document = json.loads(export.content)
    assert {r["soort"] for r in document["sjablonen"]} == {"brief"}
    document["sjablonen"][0]["naam"] = "Hernoemd"
    url = reverse("web:brieven_sjablonen_import")
    bestand = SimpleUploadedFile("s.json", json.dumps(document).encode(), "application/json")
    proef = client.post(url, {"bestand": bestand, "actie": "controleren"})
    html = proef.content.decode()
    assert proef.status_code == 200 and "Nieuwe versie" in html and "Nu inlezen" in html
    inhoud = proef.context["form"].initial["inhoud"]
    echt = client.post(url, {"inhoud": inhoud, "bestandsnaam": "s.json", "actie": "inlezen"})
    assert echt.status_code == 302
    assert BriefSjabloon.objects.get(code=document["sjablonen"][0]["code"]).naam == "Hernoemd"
    leeg = client.post(url, {"actie": "controleren"})
    assert leeg.status_code == 400 and "Kies het exportbestand" in leeg.content.decode()
    kapot = SimpleUploadedFile("k.json", b"{", "application/json")
    fout = client.post(url, {"bestand": kapot, "actie": "inlezen"})
    assert fout.status_code == 400 and "geen geldig JSON" in fout.content.decode()


@pytest.mark.parametrize("rol", [Rol.MEDEWERKER, Rol.TEAMLEIDER, Rol.AUDITOR])
def test_the_library_pages_are_for_the_functional_administrator_only(client, org, rol):
    from django.urls import reverse

    from tests import factories

    sjabloon = sjabloon_ensure(org, "x", "X", "O", "<p>x</p>")
    _login(client, factories.actor(factories.medewerker(org, rollen=(rol,))))
    for url in (
        reverse("web:brieven_sjablonen"),
        reverse("web:brieven_sjablonen_export"),
        reverse("web:brieven_sjablonen_import"),
        reverse("web:brieven_sjabloon_vergelijken", args=[sjabloon.uuid]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("web:brieven_sjabloon_actief", args=[sjabloon.uuid])).status_code == 403
    )


def test_a_letter_on_a_case_offers_letters_and_quotations_not_e_mails(
    client, org, actor, zaak, standaard
):
    from django.urls import reverse

    sjabloon_ensure(org, "nieuwsbrief", "Nieuwsbrief", "O", "<p>x</p>", soort="e-mail")
    sjabloon_ensure(org, "offerte", "Offerte", "O", "<p>x</p>", soort="offerte")
    _login(client, actor)
    response = client.get(reverse("web:zaak_brief_nieuw", args=[zaak.uuid]))
    groepen = response.context["form"].fields["sjabloon"].choices  # per category
    codes = {code for _categorie, keuzes in groepen for code, _naam in keuzes}
    assert {"algemeen", "ontvangstbevestiging", "offerte"} <= codes
    assert "nieuwsbrief" not in codes


def test_a_letter_keeps_the_letterhead_it_was_sent_with(actor, beheerder, zaak, jan, standaard):
    from raadhuis.kernel.messaging.ontvangers import Ontvanger
    from raadhuis.kernel.messaging.services import (
        brief_send,
        briefhoofd_update,
        briefhoofd_van_brief,
    )

    briefhoofd_update(actor=beheerder, plaats="Zevenaar", voettekst="Oude voettekst")
    brief = brief_send(
        actor,
        zaak=zaak,
        sjabloon_code="ontvangstbevestiging",
        ontvanger=Ontvanger.van_partij(jan),
        kanaal="post",
    )
    briefhoofd_update(actor=beheerder, plaats="Didam", voettekst="Nieuwe voettekst")
    brief.refresh_from_db()
    assert (brief.briefhoofd["plaats"], brief.briefhoofd["voettekst"]) == (
        "Zevenaar",
        "Oude voettekst",
    )
    hoofd = briefhoofd_van_brief(brief)
    assert hoofd.voettekst == "Oude voettekst" and hoofd.plaats == "Zevenaar"
    assert hoofd.pk is None  # a view of the past, never saved over the current letterhead
