"""The demo's configuration: organisations, catalogue, teams and staff with their logins.

The catalogue is configuration (what a functional administrator enters in the admin), so it is
written with the ORM here and each case type is then published through `zaaktype_publish`.
Everything that is case or party data goes through the kernel services in demo.py, so the
demo has a real audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.catalog.models import (
    Catalogus,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.services import zaaktype_publish
from raadhuis.kernel.common import Archiefnominatie, Vertrouwelijkheid
from raadhuis.kernel.organisations.models import (
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
    Rol,
)
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN

DEMO_PASSWORD = "Raadhuis-demo-2026"

# Fictitious RSINs, valid by the 11-check.
NL_RSIN = "123456782"
BE_RSIN = "888888880"


@dataclass(frozen=True)
class OrganisatieSpec:
    naam: str
    rsin: str
    land: str
    tijdzone: str
    zaak_prefix: str
    teams: tuple[tuple[str, str], ...]


ORGANISATIES = (
    OrganisatieSpec(
        naam="Gemeente Voorbeeldstad",
        rsin=NL_RSIN,
        land="NL",
        tijdzone="Europe/Amsterdam",
        zaak_prefix="ZAAK",
        teams=(
            ("SD-SHV", "Team Schuldhulpverlening"),
            ("KCC", "Klantcontactcentrum"),
            ("VTH", "Team Vergunningen"),
            ("PO", "Personeel en Organisatie"),
        ),
    ),
    OrganisatieSpec(
        naam="Stad Proefdorp",
        rsin=BE_RSIN,
        land="BE",
        tijdzone="Europe/Brussels",
        zaak_prefix="PD",
        teams=(("WELZIJN", "Dienst Welzijn"), ("BURGERZAKEN", "Dienst Burgerzaken")),
    ),
)


@dataclass(frozen=True)
class ResultaatSpec:
    omschrijving: str
    archiefnominatie: str
    archiefactietermijn: str


@dataclass(frozen=True)
class EigenschapSpec:
    naam: str
    definitie: str
    formaat: str
    waarden: tuple[str, ...] = ()


@dataclass(frozen=True)
class ZaakTypeSpec:
    identificatie: str
    omschrijving: str
    vertrouwelijkheid: str
    doorlooptijd: str
    servicenorm: str
    in_werkdagen: bool
    statustypen: tuple[str, ...]
    resultaten: tuple[ResultaatSpec, ...]
    documenttypen: tuple[str, ...]
    eigenschappen: tuple[EigenschapSpec, ...]
    initiator: str
    team: str
    intern: bool = False
    doel: str = ""
    verlenging: str = ""
    trefwoorden: tuple[str, ...] = field(default_factory=tuple)


V = Vertrouwelijkheid
BLIJVEND = Archiefnominatie.BLIJVEND_BEWAREN
VERNIETIGEN = Archiefnominatie.VERNIETIGEN

ZAAKTYPEN = (
    ZaakTypeSpec(
        identificatie="SHV",
        omschrijving="Schuldhulpverlening",
        vertrouwelijkheid=V.VERTROUWELIJK,
        # Wgs art. 4: decision on the plan within eight weeks of the request.
        doorlooptijd="P8W",
        servicenorm="P4W",
        in_werkdagen=False,
        statustypen=(
            "Aanmelding ontvangen",
            "Intake",
            "Plan van aanpak",
            "Uitvoering",
            "Afgerond",
        ),
        resultaten=(
            ResultaatSpec("Schuldregeling getroffen", VERNIETIGEN, "P7Y"),
            ResultaatSpec("Afgewezen", VERNIETIGEN, "P7Y"),
            ResultaatSpec("Ingetrokken", VERNIETIGEN, "P1Y"),
        ),
        documenttypen=("Aanmeldformulier", "Intakeverslag", "Plan van aanpak", "Brief"),
        eigenschappen=(
            EigenschapSpec("totale_schuld", "Totale schuld in euro", "getal"),
            EigenschapSpec("aantal_schuldeisers", "Aantal schuldeisers", "getal"),
        ),
        initiator="Aanvrager",
        team="SD-SHV",
        doel="Inwoners met problematische schulden helpen naar een schuldenvrije toekomst.",
        trefwoorden=("schulden", "Wgs"),
    ),
    ZaakTypeSpec(
        identificatie="KLACHT",
        omschrijving="Klacht",
        vertrouwelijkheid=V.ZAAKVERTROUWELIJK,
        # Awb art. 9:11: a complaint is handled within six weeks.
        doorlooptijd="P6W",
        servicenorm="P4W",
        in_werkdagen=False,
        statustypen=("Ontvangen", "In behandeling", "Hoorgesprek", "Afgehandeld"),
        resultaten=(
            ResultaatSpec("Gegrond", VERNIETIGEN, "P1Y"),
            ResultaatSpec("Ongegrond", VERNIETIGEN, "P1Y"),
            ResultaatSpec("Ingetrokken", VERNIETIGEN, "P1Y"),
        ),
        documenttypen=("Klachtbrief", "Verslag hoorgesprek", "Brief"),
        eigenschappen=(
            EigenschapSpec(
                "kanaal",
                "Kanaal waarlangs de klacht binnenkwam",
                "tekst",
                ("telefoon", "e-mail", "balie", "brief", "webformulier"),
            ),
        ),
        initiator="Klager",
        team="KCC",
        verlenging="P4W",
        doel="Klachten over de gemeente zorgvuldig en binnen de wettelijke termijn afhandelen.",
    ),
    ZaakTypeSpec(
        identificatie="SUBSIDIE-VER",
        omschrijving="Subsidieaanvraag vereniging",
        vertrouwelijkheid=V.BEPERKT_OPENBAAR,
        doorlooptijd="P8W",
        servicenorm="P6W",
        in_werkdagen=False,
        statustypen=("Aanvraag ontvangen", "Beoordeling", "Besluit genomen", "Vastgesteld"),
        resultaten=(
            ResultaatSpec("Verleend", BLIJVEND, "P20Y"),
            ResultaatSpec("Geweigerd", VERNIETIGEN, "P10Y"),
            ResultaatSpec("Buiten behandeling", VERNIETIGEN, "P1Y"),
        ),
        documenttypen=("Aanvraagformulier", "Begroting", "Besluit"),
        eigenschappen=(
            EigenschapSpec("gevraagd_bedrag", "Gevraagd subsidiebedrag in euro", "getal"),
            EigenschapSpec("aantal_leden", "Aantal leden van de vereniging", "getal"),
        ),
        initiator="Aanvrager",
        team="KCC",
        verlenging="P6W",
    ),
    ZaakTypeSpec(
        identificatie="EVENEMENT",
        omschrijving="Evenementenvergunning",
        vertrouwelijkheid=V.OPENBAAR,
        doorlooptijd="P8W",
        servicenorm="P6W",
        in_werkdagen=False,
        statustypen=("Aanvraag ontvangen", "Advisering", "Besluitvorming", "Afgehandeld"),
        resultaten=(
            ResultaatSpec("Vergunning verleend", VERNIETIGEN, "P10Y"),
            ResultaatSpec("Vergunning geweigerd", VERNIETIGEN, "P10Y"),
            ResultaatSpec("Ingetrokken", VERNIETIGEN, "P1Y"),
        ),
        documenttypen=("Aanvraagformulier", "Veiligheidsplan", "Advies hulpdiensten", "Besluit"),
        eigenschappen=(
            EigenschapSpec("datum_evenement", "Datum van het evenement", "datum"),
            EigenschapSpec("verwacht_bezoekers", "Verwacht aantal bezoekers", "getal"),
        ),
        initiator="Organisator",
        team="VTH",
        verlenging="P8W",
    ),
    ZaakTypeSpec(
        identificatie="VERLOF",
        omschrijving="Verlofaanvraag",
        vertrouwelijkheid=V.VERTROUWELIJK,
        doorlooptijd="P10D",
        servicenorm="P5D",
        in_werkdagen=True,
        statustypen=("Aangevraagd", "Beoordeling leidinggevende", "Afgehandeld"),
        resultaten=(
            ResultaatSpec("Toegekend", VERNIETIGEN, "P2Y"),
            ResultaatSpec("Afgewezen", VERNIETIGEN, "P2Y"),
        ),
        documenttypen=("Verlofformulier", "Brief"),
        eigenschappen=(
            EigenschapSpec("begindatum_verlof", "Eerste verlofdag", "datum"),
            EigenschapSpec("aantal_uren", "Aantal verlofuren", "getal"),
        ),
        initiator="Aanvrager",
        team="PO",
        intern=True,
    ),
)

# The Belgian city has the same case types; its teams are named differently.
BE_TEAMS = {"SD-SHV": "WELZIJN", "KCC": "BURGERZAKEN", "VTH": "BURGERZAKEN", "PO": "WELZIJN"}


@dataclass(frozen=True)
class LoginSpec:
    username: str
    voornaam: str
    achternaam: str
    rollen: tuple[str, ...]
    organisaties: tuple[str, ...]  # RSINs
    teams: tuple[str, ...] = ()
    zaaktypen: tuple[str, ...] = ()  # identificaties granted, up to VERTROUWELIJK
    is_staff: bool = False
    is_superuser: bool = False
    uitleg: str = ""


ALLE = tuple(spec.identificatie for spec in ZAAKTYPEN)

LOGINS = (
    LoginSpec(
        "beheerder", "Bea", "Beheer", (Rol.BEHEERDER,), (NL_RSIN, BE_RSIN),
        is_staff=True, is_superuser=True,
        uitleg="Beheerder (beide organisaties, /admin/)",
    ),
    LoginSpec(
        "fb", "Frits", "Functioneelbeheer", (Rol.FUNCTIONEEL_BEHEERDER,), (NL_RSIN,),
        is_staff=True, uitleg="Functioneel beheerder (catalogus in /admin/)",
    ),
    LoginSpec(
        "medewerker", "Mila", "Medewerkers", (Rol.MEDEWERKER,), (NL_RSIN,),
        teams=("SD-SHV", "KCC"), zaaktypen=tuple(z for z in ALLE if z != "VERLOF"),
        uitleg="Medewerker (alle zaaktypen behalve Verlofaanvraag)",
    ),
    LoginSpec(
        "medewerker2", "Bram", "Behandelaar", (Rol.MEDEWERKER,), (NL_RSIN,),
        teams=("SD-SHV", "VTH", "PO"), zaaktypen=ALLE + SHV_ZAAKTYPEN + ("BB",),
        uitleg="Tweede medewerker (alle zaaktypen, ook schuldhulp en budgetbeheer: fiatteert)",
    ),
    LoginSpec(
        "consulent", "Chantal", "Consulent", (Rol.MEDEWERKER,), (NL_RSIN,),
        teams=("SD-SHV",), zaaktypen=SHV_ZAAKTYPEN + ("BB",),
        uitleg="Consulent schuldhulpverlening en budgetbeheer",
    ),
    LoginSpec(
        "accountmanager", "Ayla", "Accountmanager", (Rol.MEDEWERKER,), (NL_RSIN,),
        zaaktypen=("CRM-OPVOLGING", "CRM-CONTRACT", "CRM-KLACHT"),
        uitleg="Accountmanager (relatiebeheer: relaties, klantcontacten, contracten, klachten)",
    ),
    LoginSpec(
        "archivaris", "Anna", "Archivaris", (Rol.FUNCTIONEEL_BEHEERDER,), (NL_RSIN,),
        uitleg="Tweede functioneel beheerder (beoordeelt vernietigingslijsten: vier ogen)",
    ),
    LoginSpec(
        "teamleider", "Tess", "Teamleiding", (Rol.TEAMLEIDER,), (NL_RSIN,),
        teams=("SD-SHV", "KCC", "VTH", "PO"), uitleg="Teamleider (alleen aantallen)",
    ),
    LoginSpec(
        "auditor", "Ali", "Auditeur", (Rol.AUDITOR,), (NL_RSIN,),
        uitleg="Auditor (audittrail en verwerkingenlog)",
    ),
    LoginSpec(
        "medewerker.be", "Wout", "Medewerker", (Rol.MEDEWERKER,), (BE_RSIN,),
        teams=("WELZIJN", "BURGERZAKEN"), zaaktypen=ALLE,
        uitleg="Medewerker Stad Proefdorp (België)",
    ),
)  # fmt: skip


def organisatie_setup(spec: OrganisatieSpec) -> Organisatie:
    organisatie = Organisatie(
        naam=spec.naam,
        rsin=spec.rsin,
        land=spec.land,
        tijdzone=spec.tijdzone,
        zaak_prefix=spec.zaak_prefix,
    )
    organisatie.full_clean()
    organisatie.save()
    for identificatie, naam in spec.teams:
        OrganisatorischeEenheid.objects.create(
            organisatie=organisatie, identificatie=identificatie, naam=naam
        )
    return organisatie


def catalogus_setup(organisatie: Organisatie, *, begin: date) -> list[ZaakType]:
    """One catalogue with the five published demo case types and everything under them."""
    actor = Actor.system(organisatie, weergave="Demogegevens (load-demo)")
    catalogus = Catalogus.objects.create(
        organisatie=organisatie,
        naam=f"Zaaktypecatalogus {organisatie.naam}",
        domein="DEMO",
        rsin=organisatie.rsin,
        contactpersoon_beheer_naam="Frits Functioneelbeheer",
        contactpersoon_beheer_emailadres="fb@example.org",
        versie="1",
        begindatum_versie=begin,
    )
    documenttypen: dict[str, InformatieObjectType] = {}
    zaaktypen = []
    for spec in ZAAKTYPEN:
        zaaktype = ZaakType.objects.create(
            catalogus=catalogus,
            identificatie=spec.identificatie,
            omschrijving=spec.omschrijving,
            vertrouwelijkheidaanduiding=spec.vertrouwelijkheid,
            doel=spec.doel or f"Het behandelen van een {spec.omschrijving.lower()}.",
            aanleiding=f"Een {spec.omschrijving.lower()} is ontvangen.",
            indicatie_intern_of_extern="intern" if spec.intern else "extern",
            onderwerp=spec.omschrijving,
            doorlooptijd=spec.doorlooptijd,
            servicenorm=spec.servicenorm,
            doorlooptijd_in_werkdagen=spec.in_werkdagen,
            verlenging_mogelijk=bool(spec.verlenging),
            verlengingstermijn=spec.verlenging,
            trefwoorden=list(spec.trefwoorden),
            verantwoordelijke=organisatie.naam,
            versiedatum=begin,
            begin_geldigheid=begin,
            concept=True,  # published below, through the service, once it is complete
        )
        statustypen = []
        for volgnummer, omschrijving in enumerate(spec.statustypen, start=1):
            statustypen.append(
                StatusType.objects.create(
                    zaaktype=zaaktype,
                    omschrijving=omschrijving,
                    statustekst=f"Uw zaak heeft de status '{omschrijving}'.",
                    volgnummer=volgnummer,
                    informeren=volgnummer in (1, len(spec.statustypen)),
                )
            )
        for omschrijving, generiek in (
            (spec.initiator, "initiator"),
            ("Behandelaar", "behandelaar"),
            ("Belanghebbende", "belanghebbende"),
        ):
            RolType.objects.create(
                zaaktype=zaaktype, omschrijving=omschrijving, omschrijving_generiek=generiek
            )
        for resultaat in spec.resultaten:
            ResultaatType.objects.create(
                zaaktype=zaaktype,
                omschrijving=resultaat.omschrijving,
                archiefnominatie=resultaat.archiefnominatie,
                archiefactietermijn=resultaat.archiefactietermijn,
                afleidingswijze="afgehandeld",
            )
        for volgnummer, naam in enumerate(spec.documenttypen, start=1):
            iot = documenttypen.get(naam)
            if iot is None:
                iot = documenttypen[naam] = InformatieObjectType.objects.create(
                    catalogus=catalogus,
                    omschrijving=naam,
                    vertrouwelijkheidaanduiding=spec.vertrouwelijkheid,
                    informatieobjectcategorie="Brief" if naam == "Brief" else "Overig",
                    begin_geldigheid=begin,
                    concept=False,
                )
            ZaakTypeInformatieObjectType.objects.create(
                zaaktype=zaaktype,
                informatieobjecttype=iot,
                volgnummer=volgnummer,
                richting="uitgaand" if naam in ("Brief", "Besluit") else "inkomend",
                statustype=statustypen[0],
            )
        for eigenschap in spec.eigenschappen:
            EigenschapType.objects.create(
                zaaktype=zaaktype,
                naam=eigenschap.naam,
                definitie=eigenschap.definitie,
                formaat=eigenschap.formaat,
                lengte="10" if eigenschap.formaat != "tekst" else "40",
                waardenverzameling=list(eigenschap.waarden),
            )
        zaaktypen.append(zaaktype_publish(actor=actor, zaaktype=zaaktype))
    return zaaktypen


def logins_setup(organisaties: dict[str, Organisatie]) -> dict[str, list[Medewerker]]:
    """Users and their medewerker records; returns username -> medewerkers (one per org)."""
    user_model = get_user_model()
    catalogus_perms = list(Permission.objects.filter(content_type__app_label="catalog"))
    result: dict[str, list[Medewerker]] = {}
    for nummer, spec in enumerate(LOGINS, start=1):
        user = user_model.objects.create_user(
            username=spec.username,
            password=DEMO_PASSWORD,
            first_name=spec.voornaam,
            last_name=spec.achternaam,
            email=f"{spec.username}@example.org",
            is_staff=spec.is_staff,
            is_superuser=spec.is_superuser,
        )
        if spec.username == "fb":
            user.user_permissions.set(catalogus_perms)
        result[spec.username] = []
        for rsin in spec.organisaties:
            organisatie = organisaties[rsin]
            medewerker = Medewerker.objects.create(
                organisatie=organisatie,
                user=user,
                identificatie=f"MW{nummer:04d}",
                voorletters=f"{spec.voornaam[0]}.",
                achternaam=spec.achternaam,
                email=user.email,
                rollen=list(spec.rollen),
            )
            medewerker.eenheden.set(
                OrganisatorischeEenheid.objects.filter(
                    organisatie=organisatie, identificatie__in=spec.teams
                )
            )
            ZaakTypeAutorisatie.objects.bulk_create(
                ZaakTypeAutorisatie(
                    medewerker=medewerker,
                    zaaktype_identificatie=identificatie,
                    max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.VERTROUWELIJK,
                )
                for identificatie in spec.zaaktypen
            )
            result[spec.username].append(medewerker)
    return result
