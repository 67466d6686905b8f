"""`raadhuis load-demo` loads the promised demo through the services, with an audit trail."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Rol, Status, Zaak
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.documents.models import InformatieObject, InformatieObjectVersie
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.organisations.models import Rol as MedewerkerRol
from raadhuis.kernel.parties.models import (
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Partij,
    Vertegenwoordiging,
    Vestiging,
)
from raadhuis.kernel.validators import elfproef
from raadhuis.kernel.workflow.models import Taak
from raadhuis.tools.demo_catalogus import DEMO_PASSWORD

ZAAKTYPEN = {
    "Schuldhulpverlening",
    "Klacht",
    "Subsidieaanvraag vereniging",
    "Evenementenvergunning",
    "Verlofaanvraag",
}


def _audit(actie: str) -> int:
    return AuditEntry.objects.filter(actie=actie).count()


@pytest.mark.django_db(transaction=False)
def test_load_demo_gives_the_promised_demo_with_an_audit_trail():
    out = StringIO()
    call_command("load_demo", stdout=out)

    # Two organisations, one Dutch and one Belgian, with their own time zone.
    nl = Organisatie.objects.get(naam="Gemeente Voorbeeldstad")
    be = Organisatie.objects.get(naam="Stad Proefdorp")
    assert (nl.land, nl.tijdzone) == ("NL", "Europe/Amsterdam")
    assert (be.land, be.tijdzone) == ("BE", "Europe/Brussels")

    # The five case types, published, in both catalogues, with ordered status types.
    for org in (nl, be):
        zaaktypen = ZaakType.objects.filter(catalogus__organisatie=org, catalogus__domein="DEMO")
        assert {z.omschrijving for z in zaaktypen} == ZAAKTYPEN
        for zaaktype in zaaktypen:
            assert not zaaktype.concept
            assert 3 <= zaaktype.statustypen.count() <= 5
            assert zaaktype.resultaattypen.count() >= 2
            assert {r.omschrijving_generiek for r in zaaktype.roltypen.all()} >= {
                "initiator",
                "behandelaar",
                "belanghebbende",
            }
            assert zaaktype.informatieobjecttypen.exists()

    # 200 persons, 50 organisations with branches, 500 cases over all statuses; debt
    # assistance adds its clients (from the BRP double), creditors and dossiers.
    demo_zaken = Zaak.objects.filter(zaaktype__catalogus__domein="DEMO")
    assert NatuurlijkPersoon.objects.count() >= 200
    assert NietNatuurlijkPersoon.objects.count() >= 50
    assert Vestiging.objects.count() >= 50
    assert Vertegenwoordiging.objects.exists()
    assert demo_zaken.count() == 500 + 4  # and four closed long ago, due for destruction
    bsns = [p.bsn for p in NatuurlijkPersoon.objects.exclude(bsn="")]
    assert bsns and all(elfproef(b) for b in bsns) and len(set(bsns)) == len(bsns)
    assert all(b.startswith("9999") for b in bsns)  # plainly test numbers
    for zaaktype in ZaakType.objects.filter(catalogus__domein="DEMO"):
        bereikt = set(
            Zaak.objects.filter(zaaktype=zaaktype).values_list(
                "status_actueel__statustype", flat=True
            )
        )
        assert bereikt == set(zaaktype.statustypen.values_list("pk", flat=True)), zaaktype
    gesloten = Zaak.objects.filter(einddatum__isnull=False)
    assert gesloten.exists()
    assert not gesloten.filter(resultaat__isnull=True).exists()
    assert not gesloten.filter(archiefactiedatum__isnull=True).exists()

    # Tasks: overdue, due later and done; documents with more than one version.
    assert Taak.objects.filter(status="open").exists()
    assert Taak.objects.filter(status="afgerond").exists()
    assert InformatieObject.objects.filter(versie=2).exists()
    assert InformatieObjectVersie.objects.count() > InformatieObject.objects.count()

    # One login per role, all with the demo password.
    for username, rol in [
        ("beheerder", MedewerkerRol.BEHEERDER),
        ("fb", MedewerkerRol.FUNCTIONEEL_BEHEERDER),
        ("medewerker", MedewerkerRol.MEDEWERKER),
        ("medewerker2", MedewerkerRol.MEDEWERKER),
        ("teamleider", MedewerkerRol.TEAMLEIDER),
        ("auditor", MedewerkerRol.AUDITOR),
        ("medewerker.be", MedewerkerRol.MEDEWERKER),
    ]:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert any(rol in m.rollen for m in Medewerker.objects.filter(user=user))
    beheerder = get_user_model().objects.get(username="beheerder")
    assert beheerder.is_staff and beheerder.is_superuser
    assert get_user_model().objects.get(username="fb").has_perm("catalog.change_zaaktype")
    medewerker = Medewerker.objects.get(user__username="medewerker")
    granted = set(medewerker.zaaktype_autorisaties.values_list("zaaktype_identificatie", flat=True))
    # Every demo case type but VERLOF; the CRM demo adds its follow-up and complaint types.
    assert "VERLOF" not in granted
    assert granted - {"CRM-OPVOLGING", "CRM-KLACHT"} == {
        "EVENEMENT",
        "KLACHT",
        "SHV",
        "SUBSIDIE-VER",
    }
    assert Medewerker.objects.get(user__username="medewerker.be").organisatie == be

    # Every service write left its audit entry.
    assert _audit("partij_aangemaakt") == Partij.objects.count()
    assert _audit("zaak_aangemaakt") == Zaak.objects.count()
    assert _audit("status_gezet") == Status.objects.count()
    assert _audit("rol_toegevoegd") == Rol.objects.count()
    assert _audit("document_toegevoegd") == InformatieObject.objects.count()
    assert _audit("documentversie_toegevoegd") == (
        InformatieObjectVersie.objects.count() - InformatieObject.objects.count()
    )
    assert _audit("taak_aangemaakt") == Taak.objects.count()
    assert _audit("taak_afgerond") == Taak.objects.filter(status="afgerond").count()
    assert _audit("zaak_afgesloten") == gesloten.count()
    assert _audit("zaaktype_gepubliceerd") == ZaakType.objects.count()
    # The system loaded it all, except the debt, budget and CRM stories: those the demo
    # consultants and the account manager made through their own screens' services, as a
    # person would (the KCC medewerker logs the contact-centre moments).
    door_mensen = AuditEntry.objects.exclude(actor_type="systeem")
    assert set(door_mensen.values_list("actor_user_id", flat=True)) <= set(
        get_user_model()
        .objects.filter(username__in=["consulent", "medewerker2", "accountmanager", "medewerker"])
        .values_list("pk", flat=True)
    )

    # Debt assistance: the eight tracks, ten dossiers, a settlement, signals, letters.
    from raadhuis.modules.shv.koppelingen.models import Signaal
    from raadhuis.modules.shv.models import ShvDossier
    from raadhuis.modules.shv.regeling.models import Regeling

    assert ZaakType.objects.filter(catalogus__organisatie=nl, catalogus__domein="SHV").count() == 8
    assert ShvDossier.objects.filter(organisatie=nl).count() >= 10
    assert Regeling.objects.filter(organisatie=nl).exists()
    assert Signaal.objects.filter(organisatie=nl).exists()

    # The logins table with the password is printed.
    text = out.getvalue()
    assert DEMO_PASSWORD in text and "medewerker.be" in text and "http://127.0.0.1:8000/" in text

    # Loading twice is refused with a clear message and changes nothing.
    with pytest.raises(CommandError, match="al geladen"):
        call_command("load_demo", stdout=StringIO())
    assert demo_zaken.count() == 500 + 4  # and four closed long ago, due for destruction
