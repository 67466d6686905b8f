"""The settlement's letters and court drafts: their standard templates (seeded per organisation
and then the functional administrator's to edit), the merge fields they use, sending the offer
to a creditor through the messaging app, and drafting a court request as a document of the case.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.documents.models import DocumentStatus, InformatieObject
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.brieven import (
    schuld_waarden,
    schuldeiser_kanaal,
    schuldeiser_ontvanger,
    schuldeiser_waarden,
)
from raadhuis.modules.shv.brieven import sjablonen_ensure as shv_sjablonen_ensure
from raadhuis.modules.shv.models import ShvDossier
from raadhuis.modules.shv.regeling.models import ACTIEF, Aanbod, Regeling, Verzoek

AANBOD = "aanbod_schuldregeling"
VERZOEK_SJABLONEN = {
    "dwangakkoord": "verzoek_dwangakkoord",
    "moratorium": "verzoek_moratorium",
    "voorlopige_voorziening": "verzoek_voorlopige_voorziening",
    "wsnp": "verzoekschrift_wsnp",
}
# The document type a court draft is stored under (the debt catalogue's), else the letter type.
VERZOEKSCHRIFT = "Verzoekschrift"

REGELING_VELDEN = {
    "afloscapaciteit": gettext_lazy("Afloscapaciteit per maand (€)"),
    "looptijd_maanden": gettext_lazy("Looptijd van de regeling in maanden"),
    "totaal": gettext_lazy("Totaal aangeboden over de looptijd (€)"),
    "schuldenlast": gettext_lazy("Totale schuldenlast in de regeling (€)"),
    "percentage": gettext_lazy("Percentage van de schuldenlast dat wordt aangeboden"),
    "preferent_weging": gettext_lazy("Weging van preferente schuldeisers"),
    "aangeboden_op": gettext_lazy("Datum van het aanbod"),
    "fase_uiterlijk": gettext_lazy("Einde van de schuldregelingsfase"),
    "eerste_maand": gettext_lazy("Eerste maand van de regeling"),
    "aantal_schuldeisers": gettext_lazy("Aantal schulden in de regeling"),
    "schulden": gettext_lazy(
        "Lijst van schulden: schuldeiser, kenmerk, bedrag, aandeel, percentage, preferent, reactie"
    ),
}
AANBOD_VELDEN = {
    "schuld_bedrag": gettext_lazy("Bedrag van de schuld in de regeling (€)"),
    "aandeel": gettext_lazy("Aangeboden bedrag voor deze schuld (€)"),
    "percentage": gettext_lazy("Aangeboden percentage van deze schuld"),
    "preferent": gettext_lazy("Of de schuld preferent is (ja/nee)"),
    "per_maand": gettext_lazy("Gemiddelde afdracht per maand aan deze schuldeiser (€)"),
}
VERZOEK_VELDEN = {
    "soort": gettext_lazy("Soort verzoek"),
    "bijlagen": gettext_lazy("Lijst van bijlagen"),
    "weigeraars": gettext_lazy("Lijst van weigerende schuldeisers: naam, kenmerk, bedrag, aandeel"),
    "toelichting": gettext_lazy("Toelichting van de consulent"),
}

_TABEL = (
    '<table class="bedragen"><thead><tr><th>Schuldeiser</th><th>Kenmerk</th>'
    "<th>Schuld</th><th>Aanbod</th><th>%</th></tr></thead><tbody>"
    "{% for s in regeling.schulden %}<tr><td>{{ s.schuldeiser }}{% if s.preferent %} "
    "(preferent){% endif %}</td><td>{{ s.kenmerk }}</td><td>{{ s.bedrag|bedrag }}</td>"
    "<td>{{ s.aandeel|bedrag }}</td><td>{{ s.percentage }}%</td></tr>{% endfor %}"
    "</tbody></table>"
)
_BIJLAGEN = "<h2>Bijlagen</h2><ol>{% for b in verzoek.bijlagen %}<li>{{ b }}</li>{% endfor %}</ol>"
_ONDERTEKENING = (
    "<p>{{ organisatie.plaats|default:organisatie.naam }}, {{ datum.vandaag|date:'j F Y' }}</p>"
    "<p>Namens verzoeker,<br>{{ behandelaar.naam }}<br>schuldhulpverlener "
    "{{ organisatie.naam }}</p>"
)

SJABLONEN: list[dict[str, str]] = [
    {
        "code": AANBOD,
        "naam": "Aanbod schuldregeling aan schuldeiser",
        "onderwerp": "Aanbod minnelijke schuldregeling {{ client.adresnaam }} – uw kenmerk "
        "{{ schuld.kenmerk }}",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>"
            "<p>{{ organisatie.naam }} helpt {{ client.adresnaam }} bij het oplossen van de "
            "schulden. Alle schuldeisers hebben hun vordering opgegeven; wij hebben die "
            "gecontroleerd. Namens onze cliënt doen wij u een voorstel voor een minnelijke "
            "schuldregeling.</p>"
            "<h2>Ons aanbod</h2>"
            '<table class="bedragen"><tbody>'
            "<tr><th>Uw vordering (kenmerk {{ schuld.kenmerk }})</th>"
            "<td>{{ aanbod.schuld_bedrag|bedrag }}</td></tr>"
            "<tr><th>Aangeboden bedrag</th><td>{{ aanbod.aandeel|bedrag }}</td></tr>"
            "<tr><th>Percentage van uw vordering</th><td>{{ aanbod.percentage }}%</td></tr>"
            "<tr><th>Looptijd</th><td>{{ regeling.looptijd_maanden }} maanden</td></tr>"
            "</tbody></table>"
            "<p>De afloscapaciteit van onze cliënt is {{ regeling.afloscapaciteit|bedrag }} per "
            "maand, berekend met het vrij te laten bedrag (VTLB) volgens de Recofa-methode. Over "
            "{{ regeling.looptijd_maanden }} maanden is dat {{ regeling.totaal|bedrag }} voor "
            "een totale schuldenlast van {{ regeling.schuldenlast|bedrag }}: "
            "{{ regeling.percentage }}% voor alle schuldeisers samen, naar rato verdeeld"
            "{% if aanbod.preferent %}. Uw vordering is preferent; u ontvangt daarom "
            "{{ regeling.preferent_weging|floatformat:'-2' }} maal het percentage van de "
            "concurrente schuldeisers{% endif %}.</p>"
            "<p>Wat onze cliënt maandelijks spaart, keren wij naar rato uit aan alle "
            "schuldeisers. Na afloop van de looptijd verleent u finale kwijting voor het "
            "restant van uw vordering.</p>"
            "<p>Wij vragen u binnen veertien dagen te laten weten of u akkoord gaat. Wij "
            "vragen u ook om, zolang de regeling loopt, beslag en incasso op te schorten en "
            "geen rente en kosten meer te berekenen.</p>"
            "<p>Hebt u vragen? Neem dan contact op met {{ behandelaar.naam }}"
            "{% if behandelaar.email %} ({{ behandelaar.email }}){% endif %}, en vermeld "
            "zaaknummer {{ zaak.identificatie }}.</p>"
        ),
    },
    {
        "code": VERZOEK_SJABLONEN["dwangakkoord"],
        "naam": "Verzoek dwangakkoord (art. 287a Fw)",
        "onderwerp": "Verzoek tot het opleggen van een schuldregeling (art. 287a Fw) – "
        "{{ client.naam }}",
        "html": (
            "<p>Aan de rechtbank, team insolventies</p>"
            "<h2>Verzoek ex artikel 287a Faillissementswet</h2>"
            "<p>Verzoeker: {{ client.naam }}, {{ client.adres }}, geboren "
            "{{ client.geboortedatum|date:'j F Y' }}, bijgestaan door {{ organisatie.naam }}.</p>"
            "<p>Verzoeker heeft de schuldeisers op {{ regeling.aangeboden_op|date:'j F Y' }} een "
            "minnelijke schuldregeling aangeboden: {{ regeling.afloscapaciteit|bedrag }} per maand "
            "gedurende {{ regeling.looptijd_maanden }} maanden, in totaal "
            "{{ regeling.totaal|bedrag }} ({{ regeling.percentage }}% van de schuldenlast van "
            "{{ regeling.schuldenlast|bedrag }}). Het aanbod is gebaseerd op het vrij te laten "
            "bedrag volgens de Recofa-methode.</p>"
            "<p>De volgende schuldeisers weigeren in te stemmen:</p>"
            "<ul>{% for w in verzoek.weigeraars %}<li>{{ w.naam }}, kenmerk {{ w.kenmerk }}: "
            "vordering {{ w.bedrag|bedrag }}, aanbod {{ w.aandeel|bedrag }}</li>{% endfor %}</ul>"
            "<p>Verzoeker stelt dat deze schuldeisers in redelijkheid niet tot weigering hebben "
            "kunnen komen, in aanmerking genomen de onevenredigheid tussen hun belang bij "
            "uitoefening van de bevoegdheid tot weigering en de belangen van verzoeker en de "
            "overige schuldeisers die door die weigering worden geschaad.</p>"
            "<h2>Het aanbod per schuldeiser</h2>" + _TABEL + "{% if verzoek.toelichting %}"
            "<h2>Toelichting</h2><p>{{ verzoek.toelichting|linebreaksbr }}</p>{% endif %}"
            "<p>Verzoeker verzoekt de rechtbank de weigerende schuldeisers te bevelen in te "
            "stemmen met de aangeboden schuldregeling.</p>" + _BIJLAGEN + _ONDERTEKENING
        ),
    },
    {
        "code": VERZOEK_SJABLONEN["moratorium"],
        "naam": "Verzoek moratorium (art. 287b Fw)",
        "onderwerp": "Verzoek tot het instellen van een moratorium (art. 287b Fw) – "
        "{{ client.naam }}",
        "html": (
            "<p>Aan de rechtbank, team insolventies</p>"
            "<h2>Verzoek ex artikel 287b Faillissementswet</h2>"
            "<p>Verzoeker: {{ client.naam }}, {{ client.adres }}, bijgestaan door "
            "{{ organisatie.naam }}, dat een minnelijke schuldregeling voorbereidt.</p>"
            "<p>Een schuldeiser dreigt met een maatregel die de totstandkoming van de regeling "
            "onmogelijk maakt of de basale levensbehoeften van verzoeker raakt (ontruiming van "
            "de woning, afsluiting van energie of water, beëindiging van de "
            "zorgverzekering).</p>"
            "{% if verzoek.toelichting %}<h2>Toelichting</h2>"
            "<p>{{ verzoek.toelichting|linebreaksbr }}</p>{% endif %}"
            "<p>Verzoeker verzoekt de rechtbank voor de duur van ten hoogste zes maanden een "
            "afkoelingsperiode af te kondigen.</p>" + _BIJLAGEN + _ONDERTEKENING
        ),
    },
    {
        "code": VERZOEK_SJABLONEN["voorlopige_voorziening"],
        "naam": "Verzoek voorlopige voorziening (art. 287 lid 4 Fw)",
        "onderwerp": "Verzoek voorlopige voorziening (art. 287 lid 4 Fw) – {{ client.naam }}",
        "html": (
            "<p>Aan de rechtbank, team insolventies</p>"
            "<h2>Verzoek om een voorlopige voorziening</h2>"
            "<p>Verzoeker: {{ client.naam }}, {{ client.adres }}, bijgestaan door "
            "{{ organisatie.naam }}.</p>"
            "<p>Hangende het verzoek tot toepassing van de schuldsaneringsregeling verzoekt "
            "verzoeker de rechtbank bij wijze van voorlopige voorziening te bepalen dat de "
            "dreigende ontruiming of afsluiting wordt opgeschort.</p>"
            "{% if verzoek.toelichting %}<h2>Toelichting</h2>"
            "<p>{{ verzoek.toelichting|linebreaksbr }}</p>{% endif %}" + _BIJLAGEN + _ONDERTEKENING
        ),
    },
    {
        "code": VERZOEK_SJABLONEN["wsnp"],
        "naam": "Verzoekschrift toelating Wsnp (art. 284 Fw)",
        "onderwerp": "Verzoekschrift toepassing schuldsaneringsregeling (art. 284 Fw) – "
        "{{ client.naam }}",
        "html": (
            "<p>Aan de rechtbank, team insolventies</p>"
            "<h2>Verzoekschrift ex artikel 284 Faillissementswet</h2>"
            "<p>Verzoeker: {{ client.naam }}, {{ client.adres }}, geboren "
            "{{ client.geboortedatum|date:'j F Y' }}.</p>"
            "<p>Verzoeker kan niet voortgaan met het betalen van zijn schulden. Een minnelijke "
            "schuldregeling is via {{ organisatie.naam }} beproefd: op "
            "{{ regeling.aangeboden_op|date:'j F Y' }} is de schuldeisers "
            "{{ regeling.totaal|bedrag }} aangeboden ({{ regeling.percentage }}% van "
            "{{ regeling.schuldenlast|bedrag }}, {{ regeling.looptijd_maanden }} maanden), maar "
            "niet alle schuldeisers stemden in. De verklaring van artikel 285 lid 1 onder f Fw "
            "is bijgevoegd.</p>"
            "<h2>Schulden en aanbod</h2>" + _TABEL + "{% if verzoek.toelichting %}"
            "<h2>Toelichting</h2><p>{{ verzoek.toelichting|linebreaksbr }}</p>{% endif %}"
            "<p>Verzoeker verzoekt de rechtbank de toepassing van de schuldsaneringsregeling "
            "natuurlijke personen uit te spreken.</p>" + _BIJLAGEN + _ONDERTEKENING
        ),
    },
]


def sjablonen_ensure(organisatie: Organisatie) -> None:
    """The settlement's standard templates, where the organisation does not have them yet."""
    from raadhuis.kernel.messaging.services import sjabloon_ensure

    for spec in SJABLONEN:
        sjabloon_ensure(organisatie, spec["code"], spec["naam"], spec["onderwerp"], spec["html"])


# --- merge fields -----------------------------------------------------------------------------
def _regeling_van(zaak: Zaak) -> Regeling | None:
    dossier = ShvDossier.objects.filter(zaak_id=zaak.pk).first()
    if dossier is None:
        return None
    regelingen = list(Regeling.objects.filter(dossier=dossier).order_by("-volgnummer"))
    return next(
        (r for r in regelingen if r.status in ACTIEF), regelingen[0] if regelingen else None
    )


def regeling_waarden(regeling: Regeling) -> dict[str, Any]:
    aanbiedingen = regeling.aanbiedingen.select_related("schuld", "schuldeiser__partij")
    return {
        "afloscapaciteit": regeling.afloscapaciteit,
        "looptijd_maanden": regeling.looptijd_maanden,
        "totaal": regeling.totaal,
        "schuldenlast": regeling.schuldenlast,
        "percentage": regeling.percentage,
        "preferent_weging": regeling.preferent_weging,
        "aangeboden_op": regeling.aangeboden_op,
        "fase_uiterlijk": regeling.fase_uiterlijk,
        "eerste_maand": regeling.eerste_maand,
        "aantal_schuldeisers": len(aanbiedingen),
        "schulden": [_schuld_regel(a) for a in aanbiedingen.order_by("id")],
    }


def _schuld_regel(aanbod: Aanbod) -> dict[str, Any]:
    return {
        "schuldeiser": aanbod.schuldeiser.partij.weergavenaam,
        "naam": aanbod.schuldeiser.partij.weergavenaam,
        "kenmerk": aanbod.schuld.kenmerk,
        "bedrag": aanbod.schuld_bedrag,
        "aandeel": aanbod.aandeel,
        "percentage": aanbod.percentage,
        "preferent": aanbod.preferent,
        "reactie": str(aanbod.get_reactie_display()),
    }


def _regeling_provider(zaak: Zaak) -> dict[str, Any]:
    regeling = _regeling_van(zaak)
    return regeling_waarden(regeling) if regeling is not None else {}


def aanbod_waarden(aanbod: Aanbod, regeling: Regeling) -> dict[str, Any]:
    return {
        "schuld_bedrag": aanbod.schuld_bedrag,
        "aandeel": aanbod.aandeel,
        "percentage": aanbod.percentage,
        "preferent": aanbod.preferent,
        "per_maand": (aanbod.aandeel / regeling.looptijd_maanden).quantize(Decimal("0.01")),
    }


def merge_fields_register() -> None:
    """Called from the app's ready(): the groups `regeling` (from the case), `aanbod` and
    `verzoek` (per letter or draft, given as extra_context; their providers return {})."""
    from raadhuis.kernel.messaging.samenvoegvelden import register_merge_fields

    register_merge_fields(
        "regeling",
        _regeling_provider,
        {k: str(v) for k, v in REGELING_VELDEN.items()},
        voorbeeld={
            "afloscapaciteit": "150.00",
            "looptijd_maanden": 18,
            "totaal": "2700.00",
            "schuldenlast": "10000.00",
            "percentage": "27.00",
            "preferent_weging": "2",
            "schulden": [
                {
                    "schuldeiser": "Woningstichting De Linge (fictief)",
                    "kenmerk": "HUUR-2026-114",
                    "bedrag": "2500.00",
                    "aandeel": "675.00",
                    "percentage": "27.00",
                    "preferent": False,
                }
            ],
        },
    )
    register_merge_fields(
        "aanbod",
        lambda zaak: {},
        {k: str(v) for k, v in AANBOD_VELDEN.items()},
        voorbeeld={"schuld_bedrag": "2500.00", "aandeel": "675.00", "percentage": "27.00"},
    )
    register_merge_fields(
        "verzoek",
        lambda zaak: {},
        {k: str(v) for k, v in VERZOEK_VELDEN.items()},
        voorbeeld={
            "soort": "Verzoek dwangakkoord (art. 287a Fw)",
            "bijlagen": ["Schuldenoverzicht"],
        },
    )


# --- sending and drafting ---------------------------------------------------------------------
def aanbod_brief_versturen(*, actor: Actor, zaak: Zaak, regeling: Regeling, aanbod: Aanbod) -> UUID:
    """Send the offer letter for one debt to its creditor; the uuid of the letter."""
    from raadhuis.kernel.messaging.services import brief_send

    shv_sjablonen_ensure(zaak.organisatie)
    sjablonen_ensure(zaak.organisatie)
    brief = brief_send(
        actor,
        zaak=zaak,
        sjabloon_code=AANBOD,
        ontvanger=schuldeiser_ontvanger(aanbod.schuldeiser),
        kanaal=schuldeiser_kanaal(aanbod.schuldeiser),
        extra_context={
            "schuldeiser": schuldeiser_waarden(aanbod.schuldeiser),
            "schuld": schuld_waarden(aanbod.schuld),
            "aanbod": aanbod_waarden(aanbod, regeling),
            "regeling": regeling_waarden(regeling),
        },
        reden=_("Aanbod schuldregeling"),
        documenttype="Aanbod",
    )
    return brief.uuid


def _verzoek_waarden(verzoek: Verzoek) -> dict[str, Any]:
    weigeraars = [
        _schuld_regel(a)
        for a in verzoek.weigeraars.select_related("schuld", "schuldeiser__partij").order_by("id")
    ]
    return {
        "soort": str(verzoek.get_soort_display()),
        "bijlagen": list(verzoek.bijlagen),
        "weigeraars": weigeraars,
        "toelichting": verzoek.toelichting,
    }


def _documenttype(zaak: Zaak) -> InformatieObjectType:
    from raadhuis.kernel.messaging.documenttype import briefdocumenttype_ensure

    dag = vandaag(zaak.organisatie.tijdzone)
    typen = zaak.zaaktype.informatieobjecttypen.filter(
        omschrijving=VERZOEKSCHRIFT, concept=False, begin_geldigheid__lte=dag
    ).order_by("-begin_geldigheid")
    return typen.first() or briefdocumenttype_ensure(zaak.zaaktype)


def verzoek_document_maken(*, actor: Actor, zaak: Zaak, verzoek: Verzoek) -> InformatieObject:
    """Render the request's template (letterhead, merge fields) to PDF and store it as a draft
    document of the case, for the consultant to check, sign and file."""
    from raadhuis.kernel.documents.zaakdocumenten import zaak_document_add
    from raadhuis.kernel.messaging.pdf import brief_render_pdf
    from raadhuis.kernel.messaging.samenvoegvelden import merge_context
    from raadhuis.kernel.messaging.services import brief_render_html, sjabloon_bruikbaar

    sjablonen_ensure(zaak.organisatie)
    sjabloon = sjabloon_bruikbaar(zaak.organisatie, VERZOEK_SJABLONEN[verzoek.soort])
    extra: dict[str, Any] = {"verzoek": _verzoek_waarden(verzoek)}
    if verzoek.regeling is not None:
        extra["regeling"] = regeling_waarden(verzoek.regeling)
    context = merge_context(zaak, extra=extra)
    html = brief_render_html(sjabloon.huidige_versie, context, organisatie=zaak.organisatie)
    dag = vandaag(zaak.organisatie.tijdzone)
    titel = f"{verzoek.get_soort_display()} ({_('concept')})"
    zio = zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(
            brief_render_pdf(html),
            name=f"{slugify(VERZOEK_SJABLONEN[verzoek.soort])}-{slugify(zaak.identificatie)}-"
            f"{dag.isoformat()}.pdf",
        ),
        titel=titel[:200],
        informatieobjecttype=_documenttype(zaak),
        beschrijving=_("Concept, opgesteld uit het sjabloon ‘%(naam)s’.") % {"naam": sjabloon.naam},
        status=DocumentStatus.IN_BEWERKING,
    )
    return zio.informatieobject
