"""The automatic action "brief_versturen" for process steps: send template T to the case's
client, by e-mail when the client has an address (or as configured), otherwise by post."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from raadhuis.kernel.workflow.acties import ActieContext, ActieResultaat, KeuzeContext

VOORKEUR = "voorkeur"


def _lazy(tekst: str) -> str:
    """A translatable label, translated when shown (the registry's types say str)."""
    return cast(str, gettext_lazy(tekst))  # e-mail when the client has an e-mail address, else post


def sjabloon_keuzes(context: KeuzeContext | None) -> list[tuple[str, str]]:
    from raadhuis.kernel.messaging.models import BriefSjabloon

    if context is None:
        return []
    return [
        (code, naam)
        for code, naam in BriefSjabloon.objects.filter(
            organisatie=context.organisatie, actief=True, huidige_versie__isnull=False
        )
        .order_by("naam")
        .values_list("code", "naam")
    ]


def kanaal_kiezen(voorkeur: str, email: str) -> str:
    if voorkeur in ("email", "post"):
        return voorkeur
    return "email" if email else "post"


def brief_versturen_handler(context: ActieContext) -> ActieResultaat:
    from raadhuis.kernel.messaging.models import Kanaal
    from raadhuis.kernel.messaging.ontvangers import Ontvanger
    from raadhuis.kernel.messaging.samenvoegvelden import client_partij
    from raadhuis.kernel.messaging.services import brief_send
    from raadhuis.kernel.workflow.acties import ActieResultaat

    partij = client_partij(context.zaak)
    if partij is None:
        raise ValidationError(_("De zaak heeft geen cliënt (aanvrager) om de brief aan te sturen."))
    ontvanger = Ontvanger.van_partij(partij)
    kanaal = kanaal_kiezen(str(context.parameters.get("kanaal") or VOORKEUR), ontvanger.email)
    brief = brief_send(
        context.actor,
        zaak=context.zaak,
        sjabloon_code=str(context.parameters["sjabloon"]),
        ontvanger=ontvanger,
        kanaal=kanaal,
        reden=_("Automatische actie van stap ‘%(stap)s’") % {"stap": context.stap},
    )
    return ActieResultaat(
        omschrijving=_("Brief ‘%(onderwerp)s’ aan %(naam)s (%(kanaal)s)")
        % {
            "onderwerp": brief.onderwerp,
            "naam": brief.ontvanger_naam,
            "kanaal": Kanaal(kanaal).label,
        },
        object_uuid=brief.uuid,
    )


def _samenvatting(parameters: dict[str, Any], context: KeuzeContext | None) -> str:
    namen = dict(sjabloon_keuzes(context))
    code = parameters.get("sjabloon", "")
    return _("Brief ‘%(naam)s’ naar de cliënt") % {"naam": namen.get(code, code)}


def actie_brief_versturen_register() -> None:
    """Register the action kind with the workflow registry (when the workflow app has one)."""
    try:
        from raadhuis.kernel.workflow.acties import KEUZE, Parameter, register_actie_soort
    except ImportError:  # pragma: no cover - an older workflow app without the registry
        return
    register_actie_soort(
        "brief_versturen",
        _lazy("Brief versturen"),
        brief_versturen_handler,
        [
            Parameter("sjabloon", _lazy("Briefsjabloon"), soort=KEUZE, keuzes=sjabloon_keuzes),
            Parameter(
                "kanaal",
                _lazy("Kanaal"),
                soort=KEUZE,
                verplicht=False,
                standaard=VOORKEUR,
                keuzes=[
                    (
                        VOORKEUR,
                        _lazy("E-mail als de cliënt een e-mailadres heeft, anders post"),
                    ),
                    ("email", _lazy("E-mail")),
                    ("post", _lazy("Post")),
                ],
                hulptekst=_lazy("Zonder keuze: e-mail als dat kan, anders post."),
            ),
        ],
        samenvatting=_samenvatting,
    )
