"""Letters from the template library to a relation, shared by the CRM sub-apps (complaints,
contracts): the active letters of one library category, the chosen letter with the own text
checked against it, rendering the preview, sending through the kernel's `brief_send`, and the
message the medewerker reads afterwards. What differs per sub-app (the case, the addressee,
the extra merge fields) stays with the caller."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.messaging.models import Brief, BriefSjabloon
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.organisations.models import Organisatie

# Service errors on the addressee belong to the channel choice on the letter form.
BRIEF_VELDEN = {
    "ontvanger_email": "kanaal",
    "ontvanger_adres": "kanaal",
    "ontvanger_naam": "kanaal",
}


def bibliotheekbrieven(*, actor: Actor, categorie: str) -> list[BriefSjabloon]:
    """The active letter templates of one library category (kernel template library: soort
    brief), by name."""
    from raadhuis.kernel.messaging.models import SjabloonSoort
    from raadhuis.kernel.messaging.selectors import sjablonen_bruikbaar

    return list(
        sjablonen_bruikbaar(actor=actor).filter(
            soort=SjabloonSoort.BRIEF, categorie__iexact=categorie
        )
    )


def bibliotheeksjabloon(
    *, actor: Actor, categorie: str, code: str, tekst: str, fout: str | Promise
) -> BriefSjabloon:
    """The chosen library letter of `categorie`, with the own text checked against it; `fout`
    is the Dutch field error when `code` is not one of the category's letters."""
    from raadhuis.kernel.messaging.sjablonen import eigen_tekst_check

    brieven = bibliotheekbrieven(actor=actor, categorie=categorie)
    sjabloon = next((s for s in brieven if s.code == code), None)
    if sjabloon is None:
        raise field_error("sjabloon", fout, code="invalid")
    eigen_tekst_check(sjabloon.huidige_versie.inhoud, tekst)
    return sjabloon


def bibliotheekbrief_html(
    sjabloon: BriefSjabloon, context: dict[str, Any], *, organisatie: Organisatie
) -> str:
    """The letter as an HTML document for the preview on screen."""
    from raadhuis.kernel.messaging.services import brief_render_html

    return brief_render_html(
        sjabloon.huidige_versie, context, organisatie=organisatie, voor_scherm=True
    )


def bibliotheekbrief_send(
    actor: Actor,
    *,
    zaak: Zaak,
    sjabloon: BriefSjabloon,
    ontvanger: Ontvanger,
    kanaal: str,
    tekst: str = "",
    reden: str = "",
    **opties: Any,  # noqa: ANN401 - passed on to brief_send (documenttype)
) -> Brief:
    """Send the library letter on `zaak` through the kernel's brief_send (role and case
    access, PDF on the case, audit entry 'brief_verstuurd', e-mail queue or print queue), with
    the own text as `brief.tekst`."""
    from raadhuis.kernel.messaging.services import brief_send

    return brief_send(
        actor,
        zaak=zaak,
        sjabloon_code=sjabloon.code,
        ontvanger=ontvanger,
        kanaal=kanaal,
        extra_context={"brief": {"tekst": tekst}},
        reden=reden or str(_("Brief uit de sjablonenbibliotheek")),
        **opties,
    )


def verstuurd_melding(brief: Brief) -> str:
    """What the medewerker reads after sending: in the print queue, sent, or queued."""
    from raadhuis.kernel.messaging.models import Kanaal, VerzendStatus

    if brief.kanaal == Kanaal.POST:
        tekst = _("De brief ‘%(onderwerp)s’ staat klaar voor print.")
    else:
        verzending = brief.verzendingen.order_by("-id").first()
        tekst = _("De brief ‘%(onderwerp)s’ is per e-mail verstuurd aan %(email)s.")
        if verzending is not None and verzending.status != VerzendStatus.VERZONDEN:
            tekst = _(
                "De brief ‘%(onderwerp)s’ staat in de wachtrij voor e-mail aan %(email)s; "
                "hij wordt opnieuw geprobeerd."
            )
    return str(tekst) % {"onderwerp": brief.onderwerp, "email": brief.ontvanger_email}
