"""Export and import of a process version as JSON (ARCHITECTURE rule 7: configuration moves
between a test and a production environment as data). The format is documented in
docs/processen.md; `FORMAAT` names its version.

Everything in it is by code or by name, never by database key: the case type by identificatie
(and optionally its catalogue's domein), a step's status by omschrijving, a team by its
identificatie, a letter template by the code its kind offers.

Import is all or nothing and idempotent by process code + version number: importing the same
document twice gives the same version; a different document under an existing number is
refused."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.acties import KeuzeContext, actie_parameters_valideren
from raadhuis.kernel.workflow.models import (
    ActieTrigger,
    ProcesActie,
    Procesdefinitie,
    ProcesStap,
    ProcesVersie,
    ProcesVersieStatus,
)
from raadhuis.kernel.workflow.proces_services import CODE, require_procesbeheer

FORMAAT = "raadhuis-proces/1"


def proces_exporteren(versie: ProcesVersie) -> dict[str, Any]:
    """The version as a JSON-ready document (configuration only: no case data)."""
    definitie = versie.definitie
    return {
        "formaat": FORMAAT,
        "code": definitie.code,
        "naam": definitie.naam,
        "omschrijving": definitie.omschrijving,
        "zaaktype": {
            "identificatie": definitie.zaaktype_identificatie,
            "catalogus_domein": definitie.catalogus.domein,
        },
        "versie": versie.versie,
        "toelichting": versie.toelichting,
        "stappen": [_stap_export(stap) for stap in versie.stappen.order_by("volgnummer", "id")],
    }


def _stap_export(stap: ProcesStap) -> dict[str, Any]:
    return {
        "code": stap.code,
        "naam": stap.naam,
        "statustype_omschrijving": stap.statustype_omschrijving,
        "doorlooptijd_werkdagen": stap.doorlooptijd_werkdagen,
        "toelichting": stap.toelichting,
        "acties": [
            {
                "trigger": actie.trigger,
                "werkdagen": actie.werkdagen,
                "soort": actie.soort,
                "parameters": actie.parameters,
            }
            for actie in stap.acties.order_by("volgnummer", "id")
        ],
    }


def _inhoud(document: dict[str, Any]) -> list[dict[str, Any]]:
    """What makes two versions the same: their steps and actions (not names of the process)."""
    return document["stappen"]


class _Fouten:
    """Errors by path in the document ("stappen[2].acties[1].parameters.titel")."""

    def __init__(self) -> None:
        self.fouten: dict[str, list[str]] = {}

    def add(self, pad: str, melding: str) -> None:
        self.fouten.setdefault(pad, []).append(melding)

    def raise_if_any(self) -> None:
        if self.fouten:
            raise ValidationError(self.fouten, code="import-ongeldig")


def _tekst(
    data: dict, naam: str, pad: str, fouten: _Fouten, *, verplicht: bool, max_lengte: int
) -> str:
    waarde = data.get(naam, "")
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        fouten.add(f"{pad}{naam}", _("Moet tekst zijn."))
        return ""
    waarde = waarde.strip()
    if verplicht and not waarde:
        fouten.add(f"{pad}{naam}", _("Verplicht."))
    elif len(waarde) > max_lengte:
        fouten.add(f"{pad}{naam}", _("Maximaal %(n)d tekens.") % {"n": max_lengte})
    return waarde


def _getal(
    data: dict, naam: str, pad: str, fouten: _Fouten, *, minimum: int, maximum: int
) -> int | None:
    waarde = data.get(naam)
    if waarde is None:
        return None
    if isinstance(waarde, bool) or not isinstance(waarde, int) or not minimum <= waarde <= maximum:
        fouten.add(
            f"{pad}{naam}",
            _("Moet een geheel getal van %(a)d tot en met %(b)d zijn.")
            % {"a": minimum, "b": maximum},
        )
        return None
    return waarde


def _zaaktype_zoeken(organisatie: Organisatie, data: Any, fouten: _Fouten) -> ZaakType | None:
    if not isinstance(data, dict) or not isinstance(data.get("identificatie"), str):
        fouten.add("zaaktype.identificatie", _("Verplicht."))
        return None
    zaaktypen = ZaakType.objects.filter(
        catalogus__organisatie=organisatie, identificatie=data["identificatie"]
    )
    domein = data.get("catalogus_domein")
    # The domein tells catalogues apart where the identificatie is in more than one; another
    # environment may name its catalogue differently, so it is not required to match.
    if domein and zaaktypen.filter(catalogus__domein=domein).exists():
        zaaktypen = zaaktypen.filter(catalogus__domein=domein)
    catalogi = set(zaaktypen.values_list("catalogus_id", flat=True))
    if not catalogi:
        fouten.add(
            "zaaktype.identificatie",
            _("Er is geen zaaktype ‘%(id)s’ in de catalogi van %(org)s.")
            % {"id": data["identificatie"], "org": organisatie.naam},
        )
        return None
    if len(catalogi) > 1:
        fouten.add(
            "zaaktype.catalogus_domein",
            _("Zaaktype ‘%(id)s’ staat in meer catalogi; noem het domein van de catalogus.")
            % {"id": data["identificatie"]},
        )
        return None
    return zaaktypen.order_by("-versiedatum", "-id").first()


def _stappen_lezen(
    data: Any, zaaktype: ZaakType | None, context: KeuzeContext, fouten: _Fouten
) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not data:
        fouten.add("stappen", _("Een proces heeft minstens één stap."))
        return []
    statussen = (
        set(zaaktype.statustypen.values_list("omschrijving", flat=True)) if zaaktype else set()
    )
    stappen, codes = [], set()
    for i, stap in enumerate(data):
        pad = f"stappen[{i}]."
        if not isinstance(stap, dict):
            fouten.add(f"stappen[{i}]", _("Moet een object zijn."))
            continue
        code = _tekst(stap, "code", pad, fouten, verplicht=True, max_lengte=50)
        if code and not CODE.match(code):
            fouten.add(f"{pad}code", _("Gebruik kleine letters, cijfers, - en _."))
        elif code in codes:
            fouten.add(f"{pad}code", _("Deze code komt twee keer voor."))
        codes.add(code)
        status = _tekst(
            stap, "statustype_omschrijving", pad, fouten, verplicht=False, max_lengte=80
        )
        if status and zaaktype is not None and status not in statussen:
            fouten.add(
                f"{pad}statustype_omschrijving",
                _("Het zaaktype kent de status ‘%(s)s’ niet.") % {"s": status},
            )
        stappen.append(
            {
                "code": code,
                "naam": _tekst(stap, "naam", pad, fouten, verplicht=True, max_lengte=100),
                "statustype_omschrijving": status,
                "doorlooptijd_werkdagen": _getal(
                    stap, "doorlooptijd_werkdagen", pad, fouten, minimum=0, maximum=365
                ),
                "toelichting": _tekst(
                    stap, "toelichting", pad, fouten, verplicht=False, max_lengte=5000
                ),
                "acties": _acties_lezen(stap.get("acties", []), pad, context, fouten),
            }
        )
    return stappen


def _acties_lezen(data: Any, pad: str, context: KeuzeContext, fouten: _Fouten) -> list[dict]:
    if not isinstance(data, list):
        fouten.add(f"{pad}acties", _("Moet een lijst zijn."))
        return []
    acties = []
    for j, actie in enumerate(data):
        apad = f"{pad}acties[{j}]."
        if not isinstance(actie, dict):
            fouten.add(f"{pad}acties[{j}]", _("Moet een object zijn."))
            continue
        trigger = actie.get("trigger")
        werkdagen = _getal(actie, "werkdagen", apad, fouten, minimum=1, maximum=365)
        if trigger not in ActieTrigger.values:
            fouten.add(
                f"{apad}trigger",
                _("Kies %(a)s of %(b)s.")
                % {"a": ActieTrigger.BIJ_START_STAP, "b": ActieTrigger.NA_WERKDAGEN_IN_STAP},
            )
        elif trigger == ActieTrigger.NA_WERKDAGEN_IN_STAP and werkdagen is None:
            fouten.add(f"{apad}werkdagen", _("Verplicht bij %(t)s.") % {"t": trigger})
        elif trigger == ActieTrigger.BIJ_START_STAP:
            werkdagen = None
        soort = str(actie["soort"]) if isinstance(actie.get("soort"), str) else ""
        parameters = actie.get("parameters") or {}
        schoon: dict[str, Any] = {}
        if not isinstance(parameters, dict):
            fouten.add(f"{apad}parameters", _("Moet een object zijn."))
        else:
            try:
                schoon = actie_parameters_valideren(soort, parameters, context=context)
            except ValidationError as error:
                for naam, meldingen in error.message_dict.items():
                    veld = f"{apad}soort" if naam == "soort" else f"{apad}parameters.{naam}"
                    for melding in meldingen:
                        fouten.add(veld, melding)
        acties.append(
            {"trigger": trigger, "werkdagen": werkdagen, "soort": soort, "parameters": schoon}
        )
    return acties


def proces_importeren(
    actor: Actor | None,
    organisatie: Organisatie,
    data: dict[str, Any],
    *,
    publiceren: bool = True,
) -> ProcesVersie:
    """Import one process version (the format of `proces_exporteren`) into `organisatie`.

    Creates the process when its code is new (for the case type named in the document), then
    the version with the document's number: published and active (`publiceren`), or as the
    concept. The same code + number again returns the existing version when its steps and
    actions are the same, and is refused when they differ. Without an actor (a module's
    standard processes, loaded by a command) the system acts. Raises ValidationError with
    Dutch messages keyed by the path in the document; nothing is written then."""
    actor = actor or Actor.system(organisatie, weergave=_("Import van processen"))
    require_procesbeheer(actor)
    if actor.organisatie.pk != organisatie.pk:
        raise ValidationError(_("Je kunt alleen in je eigen organisatie importeren."))
    fouten = _Fouten()
    if not isinstance(data, dict):
        raise ValidationError({"": [_("Het bestand bevat geen proces (een JSON-object).")]})
    if data.get("formaat") != FORMAAT:
        fouten.add("formaat", _("Verwacht ‘%(f)s’.") % {"f": FORMAAT})
    code = _tekst(data, "code", "", fouten, verplicht=True, max_lengte=50)
    if code and not CODE.match(code):
        fouten.add("code", _("Gebruik kleine letters, cijfers, - en _."))
    naam = _tekst(data, "naam", "", fouten, verplicht=True, max_lengte=200)
    omschrijving = _tekst(data, "omschrijving", "", fouten, verplicht=False, max_lengte=5000)
    toelichting = _tekst(data, "toelichting", "", fouten, verplicht=False, max_lengte=5000)
    nummer = _getal(data, "versie", "", fouten, minimum=1, maximum=100000)
    if nummer is None and "versie" not in fouten.fouten:
        fouten.add("versie", _("Verplicht."))
    zaaktype = _zaaktype_zoeken(organisatie, data.get("zaaktype"), fouten)
    context = KeuzeContext(organisatie=organisatie, zaaktype=zaaktype)
    stappen = _stappen_lezen(data.get("stappen"), zaaktype, context, fouten)
    fouten.raise_if_any()
    assert zaaktype is not None and nummer is not None  # noqa: S101 - checked above
    with transaction.atomic():
        definitie = (
            Procesdefinitie.objects.select_for_update()
            .filter(organisatie=organisatie, code=code)
            .first()
        )
        if definitie is None:
            definitie = _definitie_create(actor, organisatie, zaaktype, code, naam, omschrijving)
        elif (definitie.catalogus_id, definitie.zaaktype_identificatie) != (
            zaaktype.catalogus_id,
            zaaktype.identificatie,
        ):
            raise ValidationError(
                {
                    "zaaktype.identificatie": [
                        _("Proces ‘%(c)s’ hoort bij een ander zaaktype.") % {"c": code}
                    ]
                }
            )
        bestaand = definitie.versies.filter(versie=nummer).first()
        if bestaand is not None:
            if _inhoud(proces_exporteren(bestaand)) != stappen:
                raise ValidationError(
                    {
                        "versie": [
                            _("Versie %(n)s van proces ‘%(c)s’ bestaat al met een andere inhoud.")
                            % {"n": nummer, "c": code}
                        ]
                    },
                    code="versie-bestaat",
                )
            return bestaand
        hoogste = definitie.versies.aggregate(m=Max("versie"))["m"] or 0
        if nummer <= hoogste:
            raise ValidationError(
                {
                    "versie": [
                        _(
                            "Versie %(n)s is niet nieuwer dan de nieuwste versie (%(h)s) van dit "
                            "proces."
                        )
                        % {"n": nummer, "h": hoogste}
                    ]
                }
            )
        if not publiceren and definitie.versies.filter(status=ProcesVersieStatus.CONCEPT).exists():
            raise ValidationError(
                {
                    "versie": [
                        _("Dit proces heeft al een concept; publiceer of verwijder dat eerst.")
                    ]
                }
            )
        return _versie_create(actor, definitie, nummer, toelichting, stappen, publiceren)


def _definitie_create(
    actor: Actor,
    organisatie: Organisatie,
    zaaktype: ZaakType,
    code: str,
    naam: str,
    omschrijving: str,
) -> Procesdefinitie:
    if Procesdefinitie.objects.filter(
        catalogus_id=zaaktype.catalogus_id, zaaktype_identificatie=zaaktype.identificatie
    ).exists():
        raise ValidationError(
            {"zaaktype.identificatie": [_("Dit zaaktype heeft al een proces met een andere code.")]}
        )
    definitie = Procesdefinitie.objects.create(
        organisatie=organisatie,
        catalogus_id=zaaktype.catalogus_id,
        zaaktype_identificatie=zaaktype.identificatie,
        code=code,
        naam=naam,
        omschrijving=omschrijving,
    )
    audit_entry_record(
        actor=actor,
        actie="proces_aangemaakt",
        obj=definitie,
        wijzigingen={"naam": [None, naam], "zaaktype": [None, zaaktype.identificatie]},
        toelichting=_("Geïmporteerd"),
    )
    return definitie


def _versie_create(
    actor: Actor,
    definitie: Procesdefinitie,
    nummer: int,
    toelichting: str,
    stappen: list[dict[str, Any]],
    publiceren: bool,
) -> ProcesVersie:
    vorige = definitie.versies.filter(actief=True).first()
    if publiceren and vorige is not None:
        vorige.actief = False
        vorige.save(update_fields=["actief"])
    versie = ProcesVersie.objects.create(
        organisatie=definitie.organisatie,
        definitie=definitie,
        versie=nummer,
        toelichting=toelichting,
        aangemaakt_door=actor.weergave[:200],
        status=ProcesVersieStatus.GEPUBLICEERD if publiceren else ProcesVersieStatus.CONCEPT,
        actief=publiceren,
        gepubliceerd_op=timezone.now() if publiceren else None,
        gepubliceerd_door=actor.weergave[:200] if publiceren else "",
    )
    # An action that is the same as one of the previous version (same step, kind, moment and
    # settings) keeps its key, so a case migrated from that version does not run it again.
    vorige_sleutels: dict[str, uuid.UUID] = {}
    if vorige is not None:
        for actie in ProcesActie.objects.filter(stap__versie=vorige).select_related("stap"):
            vorige_sleutels.setdefault(
                _actie_identiteit(actie.stap.code, actie.__dict__), actie.sleutel
            )
    for nummer_stap, stap in enumerate(stappen, start=1):
        rij = ProcesStap.objects.create(
            versie=versie,
            volgnummer=nummer_stap,
            code=stap["code"],
            naam=stap["naam"],
            statustype_omschrijving=stap["statustype_omschrijving"],
            doorlooptijd_werkdagen=stap["doorlooptijd_werkdagen"],
            toelichting=stap["toelichting"],
        )
        for nummer_actie, actie in enumerate(stap["acties"], start=1):
            sleutel = vorige_sleutels.pop(_actie_identiteit(stap["code"], actie), None)
            ProcesActie.objects.create(
                stap=rij,
                volgnummer=nummer_actie,
                trigger=actie["trigger"],
                werkdagen=actie["werkdagen"],
                soort=actie["soort"],
                parameters=actie["parameters"],
                **({"sleutel": sleutel} if sleutel is not None else {}),
            )
    audit_entry_record(
        actor=actor,
        actie="procesversie_geimporteerd",
        obj=versie,
        wijzigingen={
            "versie": [None, nummer],
            "status": [None, versie.status],
            "actieve_versie": [vorige.versie if vorige else None, nummer if publiceren else None],
        },
        toelichting=toelichting,
    )
    return versie


def _actie_identiteit(stap_code: str, actie: dict[str, Any]) -> str:
    return json.dumps(
        [stap_code, actie["soort"], actie["trigger"], actie["werkdagen"], actie["parameters"]],
        sort_keys=True,
        default=str,
    )
