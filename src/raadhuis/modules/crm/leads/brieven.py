"""The merge fields `lead` and `offerte` for letter templates, and the quotation templates a
lead's quotation is made from (soort "offerte"; the standard one has the code "offerte").

A lead has no case, so the providers registered with the kernel return nothing for a case:
the quotation is rendered by services.offerte_create with `offerte_context` (the same shape
the kernel gives a letter: organisatie, datum, ontvanger, plus lead and offerte). A functional
administrator edits the templates in the kernel's template library with preview and versions;
their texts come from the CRM template library (modules/crm/sjablonen, category "Leads en
offertes").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.messaging.models import BriefSjabloon, SjabloonSoort
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.crm.sjablonen.bibliotheek import (
    bibliotheek,
    crm_sjablonen_ensure,
    velden_buiten_gebruik,
)
from raadhuis.modules.crm.sjablonen.soorten import OFFERTE

SJABLOON_OFFERTE = "offerte"

LEAD_VELDEN = {
    "kenmerk": _("Leadnummer"),
    "titel": _("Titel van de lead"),
    "omschrijving": _("Omschrijving van de lead"),
    "relatie": _("Naam van de relatie"),
    "waarde": _("Verwachte waarde (€)"),
    "verwachte_sluitdatum": _("Verwachte sluitdatum"),
    "pipeline": _("Pijplijn"),
    "fase": _("Huidige fase"),
    "eigenaar": _("Eigenaar (medewerker)"),
    "eigenaar_email": _("E-mailadres van de eigenaar"),
    "afdeling": _("Afdeling"),
}
OFFERTE_VELDEN = {
    "nummer": _("Offertenummer"),
    "bedrag": _("Bedrag van de offerte (€)"),
    "geldig_tot": _("Geldig tot"),
}


def euro(bedrag: Decimal) -> str:
    return f"€ {bedrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _geen_lead(zaak: Zaak) -> dict[str, Any]:
    """Leads have no case: a letter on a case gets no lead fields."""
    return {}


def merge_fields_register() -> None:
    """Called from LeadsConfig.ready()."""
    from raadhuis.kernel.messaging.samenvoegvelden import register_merge_fields

    register_merge_fields(
        "lead",
        _geen_lead,
        {k: str(v) for k, v in LEAD_VELDEN.items()},
        voorbeeld={
            "kenmerk": "LEAD-2026-0000001",
            "titel": "Nieuwe vestiging op bedrijventerrein De Testhoek",
            "relatie": "Proefbakkerij De Testoven B.V.",
            "waarde": "€ 45.000,00",
            "eigenaar": "A. Accountmanager",
        },
    )
    register_merge_fields(
        "offerte",
        _geen_lead,
        {k: str(v) for k, v in OFFERTE_VELDEN.items()},
        voorbeeld={"nummer": "LEAD-2026-0000001-O1", "bedrag": "€ 45.000,00"},
    )


def offerte_sjabloon_ensure(organisatie: Organisatie) -> BriefSjabloon:
    """The standard quotation template (and the library's other quotation templates), made
    where missing; an edited template is left as it is."""
    codes = [s.code for s in bibliotheek() if s.soort == SjabloonSoort.OFFERTE]
    for sjabloon in crm_sjablonen_ensure(organisatie, codes=codes):
        if sjabloon.code == SJABLOON_OFFERTE:
            return sjabloon
    raise LookupError("the library has no standard quotation template")  # a data error


def offerte_sjablonen(organisatie: Organisatie) -> list[BriefSjabloon]:
    """The active quotation templates with a text, the standard one first, then by name."""
    sjablonen = BriefSjabloon.objects.filter(
        organisatie=organisatie, actief=True, huidige_versie__isnull=False
    ).select_related("huidige_versie")
    gekozen = [
        s for s in sjablonen if s.soort == SjabloonSoort.OFFERTE or s.code == SJABLOON_OFFERTE
    ]
    return sorted(gekozen, key=lambda s: (s.code != SJABLOON_OFFERTE, s.naam.lower(), s.pk))


def offerte_velden_check(versie: Any) -> list[str]:  # noqa: ANN401 - a BriefSjabloonVersie
    """The merge fields of a quotation template that a quotation does not fill (e.g.
    `{{ klacht.onderwerp }}`): [] when the template can be used for a quotation."""
    return velden_buiten_gebruik(versie.onderwerp, versie.inhoud, OFFERTE)


def lead_waarden(lead: Any) -> dict[str, Any]:  # noqa: ANN401 - a Lead
    return {
        "kenmerk": lead.kenmerk,
        "titel": lead.titel,
        "omschrijving": lead.omschrijving,
        "relatie": str(lead.partij),
        "waarde": euro(lead.waarde),
        "verwachte_sluitdatum": lead.verwachte_sluitdatum,
        "pipeline": lead.pipeline.naam,
        "fase": lead.fase.naam,
        "eigenaar": lead.eigenaar.naam if lead.eigenaar else "",
        "eigenaar_email": (getattr(lead.eigenaar, "email", "") or "") if lead.eigenaar else "",
        "afdeling": lead.afdeling.naam,
    }


def offerte_context(
    lead: Any,  # noqa: ANN401 - a Lead
    *,
    nummer: str,
    bedrag: Decimal,
    geldig_tot: date,
    dag: date,
) -> dict[str, Any]:
    """What the template 'offerte' is rendered with (plain values only, as the kernel does)."""
    from raadhuis.kernel.messaging.models import Briefhoofd
    from raadhuis.kernel.messaging.ontvangers import Ontvanger
    from raadhuis.kernel.messaging.samenvoegvelden import merge_extra

    hoofd = Briefhoofd.objects.filter(organisatie=lead.organisatie).first()
    context: dict[str, Any] = {
        "organisatie": {
            "naam": lead.organisatie.naam,
            "plaats": hoofd.plaats if hoofd else "",
            "afzender": hoofd.afzender.splitlines() if hoofd else [],
        },
        "datum": {"vandaag": dag},
        "zaak": {"identificatie": nummer},
    }
    return merge_extra(
        context,
        {
            "ontvanger": Ontvanger.van_partij(lead.partij).als_samenvoegvelden(),
            "lead": lead_waarden(lead),
            "offerte": {"nummer": nummer, "bedrag": euro(bedrag), "geldig_tot": geldig_tot},
        },
    )
