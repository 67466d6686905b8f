"""A quotation of a lead from a quotation template: preview first, then the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads.models import (
    Lead,
    Offerte,
)
from raadhuis.modules.crm.leads.selectors import mag_lead_zien
from raadhuis.modules.crm.leads.services.leads import MAX_BEDRAG, _locked
from raadhuis.modules.crm.leads.services.pipelines import MAY_WRITE_LEADS

OFFERTE_GELDIG_DAGEN = 30


# --- quotation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfferteOntwerp:
    """A quotation as it would be made: the template version, its number, subject and the
    letter as an HTML document (for the preview and the PDF)."""

    versie: Any  # BriefSjabloonVersie
    sjabloon: Any  # BriefSjabloon
    nummer: str
    onderwerp: str
    html: str
    bedrag: Decimal
    geldig_tot: date


def offerte_sjablonen_voor(*, actor: Actor) -> list[Any]:
    """The quotation templates the actor may choose from (the standard one first); the
    library's quotation templates are seeded on first use."""
    from raadhuis.modules.crm.leads.brieven import offerte_sjablonen, offerte_sjabloon_ensure

    require_role(actor, *MAY_WRITE_LEADS)
    offerte_sjabloon_ensure(actor.organisatie)
    return offerte_sjablonen(actor.organisatie)


def _offerte_sjabloon(actor: Actor, sjabloon: Any) -> Any:  # noqa: ANN401 - BriefSjabloon
    """The chosen quotation template (default: the standard one), checked: the actor's
    organisation, active, with a text, a quotation template whose fields a quotation fills."""
    from raadhuis.kernel.messaging.models import BriefSjabloon
    from raadhuis.modules.crm.leads.brieven import (
        SJABLOON_OFFERTE,
        offerte_sjablonen,
        offerte_sjabloon_ensure,
        offerte_velden_check,
    )

    offerte_sjabloon_ensure(actor.organisatie)
    bruikbaar = {s.pk: s for s in offerte_sjablonen(actor.organisatie)}
    if sjabloon is None:
        gekozen = next((s for s in bruikbaar.values() if s.code == SJABLOON_OFFERTE), None)
        if gekozen is None:
            raise ValidationError(
                {
                    "sjabloon": _(
                        "Het standaardsjabloon ‘Offerte’ is niet actief. Kies een sjabloon."
                    )
                }
            )
        sjabloon = gekozen
    elif not isinstance(sjabloon, BriefSjabloon) or sjabloon.pk not in bruikbaar:
        raise ValidationError({"sjabloon": _("Kies een actief offertesjabloon.")})
    else:
        sjabloon = bruikbaar[sjabloon.pk]
    buiten = offerte_velden_check(sjabloon.huidige_versie)
    if buiten:
        raise ValidationError(
            {
                "sjabloon": _(
                    "Dit sjabloon gebruikt velden die in een offerte leeg blijven: %(velden)s. "
                    "Laat de functioneel beheerder het sjabloon aanpassen of kies een ander."
                )
                % {"velden": ", ".join(buiten)}
            }
        )
    return sjabloon


def _offerte_waarden_check(bedrag: Decimal, geldig_tot: date, dag: date) -> None:
    errors = {}
    if bedrag < 0 or bedrag > MAX_BEDRAG:
        errors["bedrag"] = _("Vul een bedrag in van € 0,00 tot € 999.999.999.999,99.")
    if geldig_tot < dag:
        errors["geldig_tot"] = _("De offerte moet vandaag of later nog geldig zijn.")
    if errors:
        raise ValidationError(errors)


def _offerte_ontwerp(
    actor: Actor,
    lead: Lead,
    *,
    sjabloon: Any,  # noqa: ANN401 - BriefSjabloon or None
    bedrag: Decimal | None,
    geldig_tot: date | None,
    volgnummer: int,
    voor_scherm: bool = False,
) -> OfferteOntwerp:
    from raadhuis.kernel.messaging.services import brief_render_html
    from raadhuis.kernel.messaging.sjablonen import SjabloonTekst, onderwerp_render
    from raadhuis.modules.crm.leads.brieven import offerte_context

    sjabloon = _offerte_sjabloon(actor, sjabloon)
    versie = sjabloon.huidige_versie
    dag = vandaag(actor.organisatie.tijdzone)
    geldig_tot = geldig_tot or dag + timedelta(days=OFFERTE_GELDIG_DAGEN)
    bedrag = lead.waarde if bedrag is None else Decimal(bedrag)
    _offerte_waarden_check(bedrag, geldig_tot, dag)
    nummer = f"{lead.kenmerk}-O{volgnummer}"
    context = offerte_context(lead, nummer=nummer, bedrag=bedrag, geldig_tot=geldig_tot, dag=dag)
    html = brief_render_html(
        versie, context, organisatie=actor.organisatie, voor_scherm=voor_scherm
    )
    onderwerp = onderwerp_render(
        SjabloonTekst(onderwerp=versie.onderwerp, inhoud=versie.inhoud, naam=versie.naam),
        context,
    )[:300]
    return OfferteOntwerp(versie, sjabloon, nummer, onderwerp, html, bedrag, geldig_tot)


def offerte_voorbeeld(
    *,
    actor: Actor,
    lead: Lead,
    sjabloon: Any = None,  # noqa: ANN401 - BriefSjabloon; None: the standard one
    bedrag: Decimal | None = None,
    geldig_tot: date | None = None,
) -> str:
    """The quotation as it would be made now, as an HTML document for the screen; nothing is
    saved. Raises ValidationError per field (sjabloon, bedrag, geldig_tot) like
    offerte_create."""
    require_role(actor, *MAY_WRITE_LEADS)
    if not mag_lead_zien(actor, lead):
        raise NietGevonden("Lead niet gevonden.")
    return _offerte_ontwerp(
        actor,
        lead,
        sjabloon=sjabloon,
        bedrag=bedrag,
        geldig_tot=geldig_tot,
        volgnummer=lead.offertes.count() + 1,
        voor_scherm=True,
    ).html


def offerte_create(
    *,
    actor: Actor,
    lead: Lead,
    bedrag: Decimal | None = None,
    geldig_tot: date | None = None,
    sjabloon: Any = None,  # noqa: ANN401 - BriefSjabloon; None: the standard one
) -> Offerte:
    """Make the quotation PDF from a quotation template (default the standard one, code
    "offerte"; kernel messaging: merge fields, letterhead, WeasyPrint) and store it with the
    lead, with the template version it was made from. It is not sent: the owner checks it and
    sends it (or uploads it to the relation's case) themselves."""
    from raadhuis.kernel.messaging.pdf import brief_render_pdf

    require_role(actor, *MAY_WRITE_LEADS)
    if not mag_lead_zien(actor, lead):
        raise NietGevonden("Lead niet gevonden.")
    with transaction.atomic():
        lead = _locked(actor, lead)
        ontwerp = _offerte_ontwerp(
            actor,
            lead,
            sjabloon=sjabloon,
            bedrag=bedrag,
            geldig_tot=geldig_tot,
            volgnummer=lead.offertes.count() + 1,
        )
        pdf = brief_render_pdf(ontwerp.html)
        offerte = Offerte(
            organisatie=actor.organisatie,
            lead=lead,
            nummer=ontwerp.nummer,
            onderwerp=ontwerp.onderwerp,
            bedrag=ontwerp.bedrag,
            geldig_tot=ontwerp.geldig_tot,
            sjabloon_versie=ontwerp.versie,
            gemaakt_door=actor.weergave[:200],
        )
        offerte.bestand.save(f"offerte-{slugify(ontwerp.nummer)}.pdf", ContentFile(pdf), save=False)
        offerte.save()
        audit_entry_record(
            actor=actor,
            actie="offerte_gemaakt",
            obj=offerte,
            wijzigingen={
                "lead": [None, lead.kenmerk],
                "bedrag": [None, str(ontwerp.bedrag)],
                "sjabloon": [
                    None,
                    f"{ontwerp.sjabloon.code} (versie {ontwerp.versie.versie})",
                ],
            },
        )
    return offerte
