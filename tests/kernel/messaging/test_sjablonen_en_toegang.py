"""Templates are versioned (a sent letter keeps its version), seeded idempotently, and only the
right roles may edit them, send letters or see them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.messaging.models import Briefhoofd, BriefSjabloon
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.selectors import (
    brieven_for_zaak,
    printwachtrij,
    printwachtrij_pdf,
    sjablonen_list,
)
from raadhuis.kernel.messaging.services import (
    brief_send,
    briefhoofd_update,
    sjablonen_standaard_ensure,
    sjabloon_create,
    sjabloon_ensure,
    sjabloon_update,
    sjabloon_versie_restore,
    verzendingen_printed,
)
from raadhuis.kernel.messaging.sjablonen import SjabloonFout
from raadhuis.kernel.organisations.models import Rol
from tests import factories


def stuur(actor, zaak, jan, kanaal="post", code="ontvangstbevestiging"):
    return brief_send(
        actor, zaak=zaak, sjabloon_code=code, ontvanger=Ontvanger.van_partij(jan), kanaal=kanaal
    )


def test_an_edit_is_a_new_version_and_a_sent_letter_keeps_its_own(
    org, actor, beheerder, zaak, jan, standaard
):
    sjabloon = BriefSjabloon.objects.get(organisatie=org, code="ontvangstbevestiging")
    eerste = sjabloon.huidige_versie
    brief = stuur(actor, zaak, jan)
    assert brief.sjabloon_versie == eerste

    nieuw = sjabloon_update(
        actor=beheerder,
        sjabloon=sjabloon,
        naam="Ontvangstbevestiging",
        onderwerp="Wij hebben uw aanvraag ontvangen",
        inhoud="<p>{{ ontvanger.aanhef }}</p><p>Dank u wel.</p>",
        toelichting="Korter",
    )
    assert nieuw.versie == 2
    brief.refresh_from_db()
    assert brief.sjabloon_versie.versie == 1
    assert brief.sjabloon_versie.onderwerp == eerste.onderwerp  # untouched
    assert stuur(actor, zaak, jan).sjabloon_versie == nieuw
    assert stuur(actor, zaak, jan).onderwerp == "Wij hebben uw aanvraag ontvangen"

    # Saving without a change adds no version; restoring version 1 adds version 3.
    zelfde = sjabloon_update(
        actor=beheerder,
        sjabloon=sjabloon,
        naam=nieuw.naam,
        onderwerp=nieuw.onderwerp,
        inhoud=nieuw.inhoud,
    )
    assert zelfde == nieuw
    terug = sjabloon_versie_restore(actor=beheerder, sjabloon=sjabloon, versie=eerste)
    assert (terug.versie, terug.inhoud) == (3, eerste.inhoud)
    assert list(sjabloon.versies.values_list("versie", flat=True)) == [3, 2, 1]


def test_a_template_with_a_wrong_field_is_not_saved(org, beheerder, standaard):
    sjabloon = BriefSjabloon.objects.get(organisatie=org, code="algemeen")
    with pytest.raises(SjabloonFout) as error:
        sjabloon_update(
            actor=beheerder,
            sjabloon=sjabloon,
            naam="Algemene brief",
            onderwerp="x",
            inhoud="<p>{{ client.telefoon }}</p>",
        )
    assert "Onbekend samenvoegveld ‘client.telefoon’" in error.value.message_dict["inhoud"][0]
    assert sjabloon.versies.count() == 1


def test_a_new_template_needs_a_free_simple_code(beheerder, standaard):
    with pytest.raises(ValidationError) as error:
        sjabloon_create(actor=beheerder, code="Met spaties", naam="x", onderwerp="x", inhoud="x")
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        sjabloon_create(actor=beheerder, code="algemeen", naam="x", onderwerp="x", inhoud="x")
    assert "code" in error.value.message_dict
    sjabloon = sjabloon_create(
        actor=beheerder, code="uitnodiging", naam="Uitnodiging", onderwerp="x", inhoud="<p>x</p>"
    )
    assert sjabloon.huidige_versie.versie == 1


def test_seeding_is_idempotent_and_keeps_what_the_administrator_changed(org, beheerder):
    eerste = sjablonen_standaard_ensure(org)
    assert [s.code for s in eerste] == ["algemeen", "ontvangstbevestiging"]
    sjabloon_update(
        actor=beheerder,
        sjabloon=eerste[0],
        naam="Brief",
        onderwerp="Eigen onderwerp",
        inhoud="<p>Eigen tekst</p>",
    )
    tweede = sjablonen_standaard_ensure(org)
    assert [s.pk for s in tweede] == [s.pk for s in eerste]
    assert BriefSjabloon.objects.filter(organisatie=org).count() == 2
    assert tweede[0].huidige_versie.onderwerp == "Eigen onderwerp"
    assert Briefhoofd.objects.filter(organisatie=org).count() == 1
    # A module seeds its own letters the same way.
    opgave = sjabloon_ensure(org, "verzoek-opgave", "Verzoek tot opgave", "Opgave", "<p>x</p>")
    assert sjabloon_ensure(org, "verzoek-opgave", "Anders", "Anders", "<p>y</p>") == opgave


def test_the_logo_may_not_be_active_or_fetch_anything(beheerder):
    for slecht in (
        "<p>geen svg</p>",
        '<svg onload="x()"></svg>',
        "<svg><script>x()</script></svg>",
        '<svg><image href="http://example.org/x.png"/></svg>',
    ):
        with pytest.raises(ValidationError) as error:
            briefhoofd_update(actor=beheerder, logo_svg=slecht)
        assert "logo_svg" in error.value.message_dict
    hoofd = briefhoofd_update(
        actor=beheerder, logo_svg='<svg viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    )
    assert hoofd.logo_svg.startswith("<svg")


@pytest.mark.parametrize("rol", [Rol.MEDEWERKER, Rol.TEAMLEIDER, Rol.AUDITOR])
def test_only_functional_administrators_edit_templates(org, rol, standaard):
    iemand = factories.actor(factories.medewerker(org, rollen=(rol,)))
    sjabloon = standaard[0]
    with pytest.raises(ToegangGeweigerd):
        sjabloon_update(actor=iemand, sjabloon=sjabloon, naam="x", onderwerp="x", inhoud="x")
    with pytest.raises(ToegangGeweigerd):
        sjablonen_list(actor=iemand)
    with pytest.raises(ToegangGeweigerd):
        briefhoofd_update(actor=iemand, plaats="X")


def test_teamleiders_and_auditors_cannot_send_or_read_letters(
    teamleider, auditor, beheerder, zaak, jan, actor, standaard
):
    stuur(actor, zaak, jan)
    for iemand in (teamleider, auditor, beheerder):
        with pytest.raises(ToegangGeweigerd):
            stuur(iemand, zaak, jan)
        with pytest.raises(ToegangGeweigerd):
            brieven_for_zaak(actor=iemand, zaak=zaak)
        with pytest.raises(ToegangGeweigerd):
            printwachtrij(actor=iemand)


def test_a_medewerker_without_the_case_type_sees_no_letters(org, zaak, jan, actor, standaard):
    brief = stuur(actor, zaak, jan)
    ander_type = factories.zaaktype(org, identificatie="ANDERS")
    collega = factories.actor(factories.medewerker(org, zaaktypen=(ander_type,)))
    with pytest.raises(ToegangGeweigerd):
        stuur(collega, zaak, jan)
    assert brieven_for_zaak(actor=collega, zaak=zaak) == []
    assert printwachtrij(actor=collega) == []
    pdf, verzendingen = printwachtrij_pdf(actor=collega, uuids=[str(brief.verzendingen.get().uuid)])
    assert (pdf, verzendingen) == (b"", [])
    assert verzendingen_printed(actor=collega, uuids=[brief.verzendingen.get().uuid]) == 0


def test_the_print_queue_downloads_as_one_pdf_and_is_marked_printed(actor, zaak, jan, standaard):
    import io

    from pypdf import PdfReader

    eerste, tweede = stuur(actor, zaak, jan), stuur(actor, zaak, jan, code="algemeen")
    stuur(actor, zaak, jan, kanaal="email")  # not in the print queue
    wachtrij = printwachtrij(actor=actor)
    assert [v.brief for v in wachtrij] == [eerste, tweede]
    pdf, verzendingen = printwachtrij_pdf(actor=actor, uuids=[str(v.uuid) for v in wachtrij])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert verzendingen_printed(actor=actor, uuids=[v.uuid for v in verzendingen]) == 2
    assert printwachtrij(actor=actor) == []
    [laatste, *_] = brieven_for_zaak(actor=actor, zaak=zaak)
    statussen = {b.verzending.status for b in brieven_for_zaak(actor=actor, zaak=zaak)}
    assert statussen == {"geprint", "in_wachtrij"}
    # Marking again does nothing (already printed).
    assert verzendingen_printed(actor=actor, uuids=[v.uuid for v in verzendingen]) == 0


def test_the_demo_seeds_a_letterhead_and_letters_in_the_print_queue(org, zaak, actor):
    from raadhuis.kernel.messaging.demo import demo_load

    brieven = demo_load(org, plaats="Voorbeeld", zaken=[zaak])
    assert len(brieven) == 1 and brieven[0].kanaal == "post"
    hoofd = Briefhoofd.objects.get(organisatie=org)
    assert hoofd.plaats == "Voorbeeld" and hoofd.logo_svg.startswith("<svg")
    assert [v.brief for v in printwachtrij(actor=actor)] == brieven
    demo_load(org)  # again: templates and letterhead stay one of each
    assert BriefSjabloon.objects.filter(organisatie=org).count() == 2


def test_a_process_step_sends_template_t_to_the_client(org, zaak, jan, standaard):
    from datetime import date

    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.workflow.acties import (
        ActieContext,
        KeuzeContext,
        actie_parameters_valideren,
        actie_soort_get,
    )

    soort = actie_soort_get("brief_versturen")
    assert soort is not None
    keuze = KeuzeContext(organisatie=org)
    parameters = actie_parameters_valideren(
        "brief_versturen", {"sjabloon": "ontvangstbevestiging"}, context=keuze
    )
    with pytest.raises(ValidationError):
        actie_parameters_valideren("brief_versturen", {"sjabloon": "bestaat-niet"}, context=keuze)
    resultaat = soort.handler(
        ActieContext(
            actor=Actor.system(org, weergave="Procesautomaat"),
            zaak=zaak,
            parameters=parameters,
            stap="Intake",
            uitvoering=None,
            vandaag=date.today(),
        )
    )
    brief = zaak.brieven.get(uuid=resultaat.object_uuid)
    assert brief.kanaal == "email"  # the client has an e-mail address
    assert brief.ontvanger_naam == "J.P. de Vries"
    assert "Ontvangstbevestiging klacht" in resultaat.omschrijving
