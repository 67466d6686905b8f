"""The kernel's own action kinds: create a task, a reminder, set the case's status.
Registered by WorkflowConfig.ready(); other apps add theirs the same way (see acties.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.workflow.acties import (
    GETAL,
    KEUZE,
    TEKST,
    TEKST_LANG,
    TOEWIJZINGEN,
    ActieContext,
    ActieResultaat,
    KeuzeContext,
    Parameter,
    register_actie_soort,
)

TAAK_AANMAKEN = "taak_aanmaken"
HERINNERING = "herinnering"
STATUS_ZETTEN = "status_zetten"


def team_keuzes(context: KeuzeContext) -> list[tuple[str, str]]:
    """The organisation's teams, by identificatie (the same in a test and a production
    environment, so an exported process keeps its teams)."""
    return list(
        OrganisatorischeEenheid.objects.filter(organisatie=context.organisatie)
        .order_by("naam")
        .values_list("identificatie", "naam")
    )


def status_keuzes(context: KeuzeContext) -> list[tuple[str, str]]:
    """The status types of the process's case type (newest version), by omschrijving."""
    if context.zaaktype is None:
        return []
    return [
        (s.omschrijving, f"{s.volgnummer}. {s.omschrijving}")
        for s in context.zaaktype.statustypen.order_by("volgnummer")
    ]


def _toewijzing_parameters(termijn_standaard: int) -> list[Parameter]:
    return [
        Parameter(
            "toewijzen_aan",
            gettext_lazy("Voor wie"),
            soort=KEUZE,
            keuzes=TOEWIJZINGEN,
            standaard="behandelaar",
            hulptekst=gettext_lazy(
                "Een rol in de zaak of een team. Heeft de zaak niemand in die rol, dan gaat de "
                "taak naar het team hieronder."
            ),
        ),
        Parameter(
            "team",
            gettext_lazy("Team"),
            soort=KEUZE,
            keuzes=team_keuzes,
            verplicht=False,
            hulptekst=gettext_lazy(
                "Verplicht bij ‘Een team’; anders het team als niemand de rol heeft."
            ),
        ),
        Parameter(
            "termijn_werkdagen",
            gettext_lazy("Termijn in werkdagen"),
            soort=GETAL,
            minimum=0,
            maximum=365,
            standaard=termijn_standaard,
            hulptekst=gettext_lazy(
                "De taak moet af binnen dit aantal werkdagen (zonder weekend en feestdagen)."
            ),
        ),
    ]


def _toewijzing_valideren(parameters: dict[str, Any], context: KeuzeContext | None) -> dict:
    if parameters.get("toewijzen_aan") == "team" and not parameters.get("team"):
        return {"team": _("Kies het team dat de taak krijgt.")}
    return {}


def _toegewezene(
    ctx: ActieContext, toewijzen_aan: str, team: str | None
) -> tuple[Medewerker | None, OrganisatorischeEenheid | None]:
    """Who gets the task: the medewerker or unit holding the role in the case (the newest
    one), else the chosen team."""
    zaak = ctx.zaak
    if toewijzen_aan == "behandelaar" and zaak.behandelaar is not None and zaak.behandelaar.actief:
        return zaak.behandelaar, None
    if toewijzen_aan != "team":
        rol = (
            zaak.rollen.filter(roltype__omschrijving_generiek=toewijzen_aan)
            .filter(Q(medewerker__actief=True) | Q(eenheid__isnull=False))
            .select_related("medewerker", "eenheid")
            .order_by("-registratiedatum", "-id")
            .first()
        )
        if rol is not None:
            return rol.medewerker, rol.eenheid
    if team:
        eenheid = OrganisatorischeEenheid.objects.filter(
            organisatie_id=zaak.organisatie_id, identificatie=team
        ).first()
        if eenheid is not None:
            return None, eenheid
        raise ValidationError(_("Het team ‘%(team)s’ bestaat niet (meer).") % {"team": team})
    wie = dict(TOEWIJZINGEN).get(toewijzen_aan, toewijzen_aan)
    raise ValidationError(
        _("Niemand om de taak aan toe te wijzen: %(wie)s ontbreekt en er is geen team gekozen.")
        % {"wie": str(wie).lower()}
    )


def _taak(ctx: ActieContext, titel: str, toelichting: str) -> ActieResultaat:
    from raadhuis.kernel.workflow.services import taak_create

    p = ctx.parameters
    medewerker, team = _toegewezene(ctx, p.get("toewijzen_aan", "behandelaar"), p.get("team"))
    taak = taak_create(
        actor=ctx.actor,
        zaak=ctx.zaak,
        titel=titel,
        toegewezen_aan=medewerker,
        toegewezen_team=team,
        termijn_werkdagen=int(p.get("termijn_werkdagen", 0)),
        toelichting=toelichting,
    )
    return ActieResultaat(
        _("Taak ‘%(titel)s’ voor %(wie)s, uiterlijk %(datum)s")
        % {
            "titel": titel,
            "wie": medewerker or team,
            "datum": taak.vervaldatum.strftime("%d-%m-%Y"),
        },
        taak.uuid,
    )


def taak_aanmaken(ctx: ActieContext) -> ActieResultaat:
    return _taak(ctx, ctx.parameters["titel"], ctx.parameters.get("toelichting", ""))


def herinnering(ctx: ActieContext) -> ActieResultaat:
    tekst = ctx.parameters["tekst"]
    titel = _("Herinnering: %(tekst)s") % {"tekst": tekst}
    if len(titel) > 200:
        titel = titel[:199] + "…"
    return _taak(ctx, titel, tekst)


def status_zetten(ctx: ActieContext) -> ActieResultaat:
    from raadhuis.kernel.cases.services import zaak_status_set

    omschrijving = ctx.parameters["status"]
    statustype = ctx.zaak.zaaktype.statustypen.filter(omschrijving=omschrijving).first()
    if statustype is None:
        raise ValidationError(
            _("Het zaaktype van deze zaak kent de status ‘%(status)s’ niet.")
            % {"status": omschrijving}
        )
    toelichting = ctx.parameters.get("toelichting") or _("Automatisch gezet door het proces.")
    status = zaak_status_set(
        actor=ctx.actor, zaak=ctx.zaak, statustype=statustype, toelichting=toelichting
    )
    return ActieResultaat(_("Status ‘%(status)s’ gezet") % {"status": omschrijving}, status.uuid)


def _taak_samenvatting(parameters: dict[str, Any], context: KeuzeContext | None) -> str:
    return _("Taak ‘%(titel)s’ voor %(wie)s, termijn %(n)s werkdagen") % {
        "titel": parameters.get("titel", ""),
        "wie": _wie(parameters, context),
        "n": parameters.get("termijn_werkdagen", 0),
    }


def _herinnering_samenvatting(parameters: dict[str, Any], context: KeuzeContext | None) -> str:
    return _("Herinnering ‘%(tekst)s’ voor %(wie)s, termijn %(n)s werkdagen") % {
        "tekst": parameters.get("tekst", ""),
        "wie": _wie(parameters, context),
        "n": parameters.get("termijn_werkdagen", 0),
    }


def _wie(parameters: dict[str, Any], context: KeuzeContext | None) -> str:
    toewijzen_aan = parameters.get("toewijzen_aan", "behandelaar")
    teams = dict(team_keuzes(context)) if context is not None else {}
    team = parameters.get("team")
    team_naam = teams.get(team, team) if team else ""
    if toewijzen_aan == "team":
        return _("team %(team)s") % {"team": team_naam}
    wie = str(dict(TOEWIJZINGEN).get(toewijzen_aan, toewijzen_aan)).lower()
    return wie + (_(" (anders team %(team)s)") % {"team": team_naam} if team_naam else "")


def _status_samenvatting(parameters: dict[str, Any], context: KeuzeContext | None) -> str:
    return _("Status ‘%(status)s’ zetten") % {"status": parameters.get("status", "")}


def standaard_acties_registreren() -> None:
    register_actie_soort(
        TAAK_AANMAKEN,
        gettext_lazy("Taak aanmaken"),
        taak_aanmaken,
        [
            Parameter("titel", gettext_lazy("Titel van de taak"), soort=TEKST, max_lengte=200),
            *_toewijzing_parameters(termijn_standaard=5),
            Parameter(
                "toelichting",
                gettext_lazy("Toelichting bij de taak"),
                soort=TEKST_LANG,
                verplicht=False,
                max_lengte=2000,
            ),
        ],
        valideren=_toewijzing_valideren,
        samenvatting=_taak_samenvatting,
    )
    register_actie_soort(
        HERINNERING,
        gettext_lazy("Herinnering"),
        herinnering,
        [
            Parameter(
                "tekst",
                gettext_lazy("Tekst van de herinnering"),
                soort=TEKST,
                max_lengte=180,
                hulptekst=gettext_lazy(
                    "Bijvoorbeeld: Schuldeisers rappelleren die niet reageerden."
                ),
            ),
            *_toewijzing_parameters(termijn_standaard=0),
        ],
        valideren=_toewijzing_valideren,
        samenvatting=_herinnering_samenvatting,
    )
    register_actie_soort(
        STATUS_ZETTEN,
        gettext_lazy("Status zetten"),
        status_zetten,
        [
            Parameter("status", gettext_lazy("Status"), soort=KEUZE, keuzes=status_keuzes),
            Parameter(
                "toelichting",
                gettext_lazy("Toelichting bij de status"),
                soort=TEKST,
                verplicht=False,
                max_lengte=1000,
            ),
        ],
        samenvatting=_status_samenvatting,
    )
