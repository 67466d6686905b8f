"""Relations: made from a party, from the BRP (only with a lawful basis) or by hand; local data
next to register data; contact persons and representation; the department access rule."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import NatuurlijkPersoon
from raadhuis.kernel.parties.services import partij_update
from raadhuis.modules.crm.models import Grondslag, Relatie, RelatieBron, RelatieSoort
from raadhuis.modules.crm.selectors import (
    relatie_contactpersonen,
    relatie_get,
    relaties_zoeken,
)
from raadhuis.modules.crm.services import (
    contactpersoon_add,
    relatie_create,
    relatie_uit_brp,
    relatie_update,
    tag_ensure,
    vertegenwoordiging_add,
)
from tests import factories

# --- creating relations ----------------------------------------------------------------------


def test_a_company_by_hand_is_a_party_plus_a_local_profile(bedrijf, afdeling_ez):
    assert bedrijf.partij.weergavenaam == "Bakkerij De Proefkrakeling B.V."
    assert bedrijf.soort == RelatieSoort.BEDRIJF
    assert bedrijf.eenheid == afdeling_ez
    assert bedrijf.bron == RelatieBron.HANDMATIG
    entry = AuditEntry.objects.get(actie="relatie_aangemaakt", object_uuid=bedrijf.uuid)
    assert entry.wijzigingen["soort"] == [None, "bedrijf"]


def test_a_party_becomes_a_relation_only_once(am, bedrijf, afdeling_ez):
    with pytest.raises(ValidationError) as error:
        relatie_create(
            actor=am, partij=bedrijf.partij, soort=RelatieSoort.BEDRIJF, eenheid=afdeling_ez
        )
    assert "partij" in error.value.message_dict


def test_the_owning_department_must_be_ones_own(am, afdeling_sport):
    persoon = factories.persoon(am)
    with pytest.raises(ValidationError) as error:
        relatie_create(
            actor=am,
            partij=persoon,
            soort=RelatieSoort.PARTNER,
            eenheid=afdeling_sport,
        )
    assert error.value.message_dict["eenheid"] == ["Kies een afdeling waar je zelf bij hoort."]


def test_a_resident_needs_a_lawful_basis_with_an_explanation(am, afdeling_ez):
    persoon = factories.persoon(am)
    with pytest.raises(ValidationError) as error:
        relatie_create(actor=am, partij=persoon, soort=RelatieSoort.INWONER, eenheid=afdeling_ez)
    assert set(error.value.message_dict) == {"grondslag", "grondslag_toelichting"}
    relatie = relatie_create(
        actor=am,
        partij=persoon,
        soort=RelatieSoort.INWONER,
        eenheid=afdeling_ez,
        grondslag=Grondslag.TOESTEMMING,
        grondslag_toelichting="Toestemming gegeven via het e-loket op 3 maart 2026",
    )
    assert relatie.grondslag == "toestemming"


def test_the_kind_of_relation_must_fit_the_party(am, afdeling_ez):
    persoon = factories.persoon(am)
    with pytest.raises(ValidationError) as error:
        relatie_create(actor=am, partij=persoon, soort=RelatieSoort.BEDRIJF, eenheid=afdeling_ez)
    assert "soort" in error.value.message_dict


def test_a_resident_from_the_brp_is_refused_without_basis_before_the_brp_is_asked(
    am, afdeling_ez, brp_double
):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")
    with pytest.raises(ValidationError) as error:
        relatie_uit_brp(
            actor=am, bsn=lotte.bsn, grondslag="", grondslag_toelichting="", eenheid=afdeling_ez
        )
    assert "grondslag" in error.value.message_dict
    assert list(brp_double.app.verzoeken) == []
    assert not NatuurlijkPersoon.objects.filter(bsn=lotte.bsn).exists()


def test_a_resident_from_the_brp_with_basis_becomes_a_relation_and_the_read_is_logged(
    am, afdeling_ez, brp_double
):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")
    relatie = relatie_uit_brp(
        actor=am,
        bsn=lotte.bsn,
        grondslag=Grondslag.PUBLIEKE_TAAK,
        grondslag_toelichting="Ondernemersloket: startende ondernemer",
        eenheid=afdeling_ez,
    )
    assert relatie.soort == RelatieSoort.INWONER
    assert relatie.bron == RelatieBron.BRP
    assert relatie.partij.concreet.bsn == lotte.bsn
    log = VerwerkingsLog.objects.filter(partij_uuid=relatie.partij.uuid).first()
    assert log is not None
    assert "Ondernemersloket" in log.doel


# --- local data never overwrites register data ---------------------------------------------


def test_local_data_is_kept_apart_from_register_data(am, bedrijf):
    relatie_update(
        actor=am,
        relatie=bedrijf,
        lokale_naam="De Krakeling",
        lokaal_email="inkoop@proefkrakeling.example",
        lokale_notitie="Wil graag gebeld worden na 14.00 uur.",
    )
    bedrijf.refresh_from_db()
    partij = bedrijf.partij
    partij.refresh_from_db()
    assert partij.weergavenaam == "Bakkerij De Proefkrakeling B.V."
    assert partij.email == "info@proefkrakeling.example"
    assert bedrijf.lokaal_email == "inkoop@proefkrakeling.example"
    # A refresh of the register data leaves the local data alone.
    partij_update(actor=am, partij=partij, statutaire_naam="Bakkerij De Proefkrakeling")
    bedrijf.refresh_from_db()
    assert bedrijf.lokale_naam == "De Krakeling"
    entry = AuditEntry.objects.get(actie="relatie_gewijzigd", object_uuid=bedrijf.uuid)
    assert entry.wijzigingen["lokale_naam"] == ["", "De Krakeling"]


def test_register_fields_cannot_be_set_through_the_relation(am, bedrijf):
    with pytest.raises(ValueError):
        relatie_update(actor=am, relatie=bedrijf, weergavenaam="Iets anders")


def test_tags_and_account_manager(am, bedrijf, accountmanager):
    tag = tag_ensure(actor=am, naam="  Detailhandel  ")
    assert tag.naam == "Detailhandel"
    assert tag_ensure(actor=am, naam="Detailhandel") == tag
    relatie_update(actor=am, relatie=bedrijf, tags=[tag], accountmanager=accountmanager)
    gevonden = relaties_zoeken(actor=am, tag=tag, accountmanager=accountmanager)
    assert gevonden == [Relatie.objects.get(pk=bedrijf.pk)]
    assert relaties_zoeken(actor=am, soort=RelatieSoort.VERENIGING) == []


# --- contact persons and representation -----------------------------------------------------


def test_contact_persons_with_roles_and_one_primary(am, bedrijf):
    eerste = contactpersoon_add(
        actor=am, relatie=bedrijf, rol="Directeur", geslachtsnaam="Proefmaker", primair=True
    )
    tweede = contactpersoon_add(
        actor=am,
        relatie=bedrijf,
        rol="Office manager",
        voornamen="Anna",
        geslachtsnaam="Testbed",
        primair=True,
    )
    eerste.refresh_from_db()
    assert not eerste.primair and tweede.primair
    assert tweede.persoon.concreet.bsn == ""
    personen = relatie_contactpersonen(actor=am, relatie=bedrijf)
    assert [p.rol for p in personen] == ["Office manager", "Directeur"]


def test_a_contact_person_needs_a_role_and_a_name(am, bedrijf):
    with pytest.raises(ValidationError) as error:
        contactpersoon_add(actor=am, relatie=bedrijf, rol=" ", geslachtsnaam="")
    assert set(error.value.message_dict) == {"rol", "geslachtsnaam"}


def test_representation_of_a_company_for_a_period(am, bedrijf):
    directeur = contactpersoon_add(
        actor=am, relatie=bedrijf, rol="Directeur", geslachtsnaam="Proefmaker"
    )
    v = vertegenwoordiging_add(
        actor=am,
        relatie=bedrijf,
        vertegenwoordiger=directeur.persoon,
        omschrijving="Tekenbevoegd voor subsidieaanvragen",
        begindatum=date(2026, 1, 1),
        einddatum=date(2026, 12, 31),
    )
    assert v.vertegenwoordigde_id == bedrijf.partij_id
    with pytest.raises(ValidationError):
        vertegenwoordiging_add(
            actor=am,
            relatie=bedrijf,
            vertegenwoordiger=directeur.persoon,
            omschrijving="Alles",
            begindatum=date(2026, 1, 1),
            einddatum=date(2025, 1, 1),
        )


# --- access per department ------------------------------------------------------------------


def test_a_medewerker_sees_only_the_relations_of_their_departments(am, sport, bedrijf, vereniging):
    assert relaties_zoeken(actor=am) == [Relatie.objects.get(pk=bedrijf.pk)]
    assert relaties_zoeken(actor=sport) == [Relatie.objects.get(pk=vereniging.pk)]
    with pytest.raises(NietGevonden):
        relatie_get(actor=sport, partij_uuid=bedrijf.partij.uuid)
    with pytest.raises(NietGevonden):
        relatie_update(actor=sport, relatie=bedrijf, lokale_notitie="mag niet")


def test_the_contact_centre_sees_every_relation(kcc_actor, bedrijf, vereniging):
    namen = [r.partij.weergavenaam for r in relaties_zoeken(actor=kcc_actor)]
    assert namen == ["Bakkerij De Proefkrakeling B.V.", "Korfbalvereniging De Testmand"]


def test_the_account_manager_sees_their_relation_in_another_department(
    am, sport, vereniging, sportmedewerker, accountmanager
):
    relatie_update(actor=sport, relatie=vereniging, accountmanager=accountmanager)
    assert relatie_get(actor=am, partij_uuid=vereniging.partij.uuid).pk == vereniging.pk


def test_a_sub_department_belongs_to_its_parent(crm_org, am, afdeling_ez, opvolg_zaaktype):
    onderdeel = factories.team(crm_org, "Team Bedrijvenloket")
    onderdeel.hoort_bij = afdeling_ez
    onderdeel.save()
    medewerker = factories.medewerker(crm_org, team=onderdeel)
    collega = factories.actor(medewerker)
    persoon = factories.persoon(collega)
    relatie = relatie_create(
        actor=collega, partij=persoon, soort=RelatieSoort.PARTNER, eenheid=onderdeel
    )
    # The parent department's medewerker sees the sub-department's relation.
    assert relatie_get(actor=am, partij_uuid=persoon.uuid).pk == relatie.pk


@pytest.mark.parametrize("rol", [Rol.TEAMLEIDER, Rol.AUDITOR, Rol.FUNCTIONEEL_BEHEERDER])
def test_other_roles_read_no_relations(crm_org, afdeling_ez, bedrijf, rol):
    anders = factories.actor(factories.medewerker(crm_org, rollen=(rol,), team=afdeling_ez))
    with pytest.raises(ToegangGeweigerd):
        relaties_zoeken(actor=anders)
    with pytest.raises(ToegangGeweigerd):
        relatie_get(actor=anders, partij_uuid=bedrijf.partij.uuid)


def test_reading_a_relation_is_in_the_processing_log(am, bedrijf):
    voor = VerwerkingsLog.objects.filter(partij_uuid=bedrijf.partij.uuid).count()
    relatie_get(actor=am, partij_uuid=bedrijf.partij.uuid)
    relaties_zoeken(actor=am, zoekterm="proefkrak")
    logs = VerwerkingsLog.objects.filter(partij_uuid=bedrijf.partij.uuid)
    assert logs.count() == voor + 2
    assert {log.handeling for log in logs} >= {
        "Relatie ingezien",
        "Gevonden bij zoeken op relaties",
    }


def test_search_by_name_word_and_by_identifier(am, afdeling_ez):
    from raadhuis.modules.crm.services import relatie_handmatig_create

    relatie = relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.PARTNER,
        naam="Stichting Proefpark",
        rechtsvorm="stichting",
        kvk_nummer="90000013",
        eenheid=afdeling_ez,
    )
    assert relaties_zoeken(actor=am, zoekterm="proefpark") == [relatie]
    assert relaties_zoeken(actor=am, zoekterm="9000 0013") == [relatie]
    assert relaties_zoeken(actor=am, zoekterm="zzz") == []


def test_a_relation_moves_only_to_a_department_of_ones_own(am, bedrijf, afdeling_sport):
    with pytest.raises(ValidationError) as error:
        relatie_update(actor=am, relatie=bedrijf, eenheid=afdeling_sport)
    assert error.value.message_dict["eenheid"] == ["Kies een afdeling waar je zelf bij hoort."]


def test_an_inactive_relation_leaves_the_list_but_not_the_history(am, bedrijf):
    relatie_update(actor=am, relatie=bedrijf, actief=False)
    assert relaties_zoeken(actor=am) == []
    assert relaties_zoeken(actor=am, ook_inactief=True) == [Relatie.objects.get(pk=bedrijf.pk)]
    assert relatie_get(actor=am, partij_uuid=bedrijf.partij.uuid).actief is False


def test_a_resident_already_managed_by_another_department_is_a_clear_refusal(
    am, sport, afdeling_ez, afdeling_sport, brp_double
):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")
    kwargs = {
        "bsn": lotte.bsn,
        "grondslag": Grondslag.PUBLIEKE_TAAK,
        "grondslag_toelichting": "Sportakkoord",
    }
    eerste = relatie_uit_brp(actor=sport, eenheid=afdeling_sport, **kwargs)
    assert relatie_uit_brp(actor=sport, eenheid=afdeling_sport, **kwargs) == eerste
    with pytest.raises(ValidationError) as error:
        relatie_uit_brp(actor=am, eenheid=afdeling_ez, **kwargs)
    assert "Sport en Bewegen" in error.value.message_dict["bsn"][0]
