"""Letters to creditors: the merge fields `schuldhulp`, `schuldeiser` and `schuld`, the standard
templates "verzoek tot opgave" and its reminder, and sending one of them for a debt through the
kernel's `brief_send` (which stores the PDF in the dossier and queues the e-mail or print)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.shv.models import Schuld, Schuldeiser, ShvDossier

SJABLOON_VERZOEK_TOT_OPGAVE = "verzoek_tot_opgave"
SJABLOON_HERINNERING_OPGAVE = "herinnering_opgave"

_CONTACT = (
    "<p>Heeft u vragen? Neem dan contact op met "
    "{% if behandelaar.naam %}{{ behandelaar.naam }}{% if behandelaar.email %} "
    "({{ behandelaar.email }}){% endif %}{% else %}ons{% endif %}. "
    "Vermeld daarbij ons kenmerk {{ zaak.identificatie }}.</p>"
)
_CLIENT = (
    "{{ client.adresnaam }}{% if client.geboortedatum %}, geboren op "
    "{{ client.geboortedatum|date:'j F Y' }}{% endif %}{% if client.adres %}, wonende "
    "{{ client.adres }}{% endif %}"
)

SJABLONEN = (
    {
        "code": SJABLOON_VERZOEK_TOT_OPGAVE,
        "naam": "Verzoek tot opgave vordering",
        "onderwerp": "Verzoek tot opgave van uw vordering op {{ client.adresnaam }}",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>" + _CLIENT + ", heeft de gemeente {{ organisatie.naam }} om hulp gevraagd bij "
            "het oplossen van schulden. Om een volledig overzicht van de schulden te maken, "
            "vragen wij u binnen 14 dagen een actuele opgave te sturen van uw vordering"
            "{% if schuld.kenmerk %} met kenmerk {{ schuld.kenmerk }}{% endif %}.</p>\n"
            "<p>Vermeld in uw opgave apart de hoofdsom, de rente en de kosten, het totaal "
            "op dit moment, uw kenmerk, en of er beslag is gelegd of een betalingsregeling "
            "loopt.</p>\n"
            "<p>Wij vragen u de incasso op te schorten zolang wij de schulden in kaart "
            "brengen. Betalingen kunt u ontvangen op het rekeningnummer dat bij ons bekend is"
            "{% if schuldeiser.iban %} ({{ schuldeiser.iban }}){% endif %}.</p>\n" + _CONTACT + "\n"
        ),
    },
    {
        "code": SJABLOON_HERINNERING_OPGAVE,
        "naam": "Herinnering verzoek tot opgave",
        "onderwerp": "Herinnering: opgave van uw vordering op {{ client.adresnaam }}",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Op {{ schuld.opgevraagd_op|date:'j F Y' }} hebben wij u gevraagd om een "
            "opgave van uw vordering op " + _CLIENT + ". Wij hebben uw opgave nog niet "
            "ontvangen.</p>\n"
            "<p>Wilt u de opgave binnen 7 dagen sturen? Zonder uw opgave kunnen wij de "
            "schulden niet volledig in kaart brengen"
            "{% if schuld.kenmerk %} (uw kenmerk {{ schuld.kenmerk }}){% endif %}.</p>\n"
            + _CONTACT
            + "\n"
        ),
    },
)

SCHULDEISER_VELDEN = {
    "naam": _("Naam van de schuldeiser"),
    "kvk_nummer": _("KvK-nummer van de schuldeiser"),
    "iban": _("IBAN van de schuldeiser"),
    "rangorde": _("Rangorde (preferent, concurrent, …)"),
    "email": _("E-mailadres voor correspondentie"),
}
SCHULD_VELDEN = {
    "kenmerk": _("Kenmerk van de schuldeiser"),
    "oorspronkelijk_bedrag": _("Oorspronkelijk bedrag (€)"),
    "actueel_bedrag": _("Actueel bedrag (€)"),
    "status": _("Status van de schuld"),
    "opgevraagd_op": _("Datum van het verzoek tot opgave"),
}
SCHULDHULP_VELDEN = {
    "traject": _("Traject (soort schuldhulpverlening)"),
    "fase": _("Fase van het traject"),
    "aanmeldingsdatum": _("Datum van de hulpvraag"),
    "eerste_gesprek_op": _("Datum van het eerste gesprek"),
    "beschikking_uiterlijk": _("Uiterste datum van de beschikking"),
    "aantal_schulden": _("Aantal schulden"),
    "totaal_schulden": _("Totaal van de schulden (€)"),
}


def schuldeiser_waarden(schuldeiser: Schuldeiser) -> dict[str, Any]:
    partij = schuldeiser.partij
    return {
        "naam": partij.weergavenaam,
        "kvk_nummer": getattr(partij.concreet, "kvk_nummer", ""),
        "iban": schuldeiser.iban,
        "rangorde": str(schuldeiser.get_rangorde_display()),
        "email": schuldeiser.email_correspondentie or partij.email,
    }


def schuld_waarden(schuld: Schuld) -> dict[str, Any]:
    return {
        "kenmerk": schuld.kenmerk,
        "oorspronkelijk_bedrag": schuld.oorspronkelijk_bedrag,
        "actueel_bedrag": schuld.actueel_bedrag,
        "status": str(schuld.get_status_display()),
        "opgevraagd_op": schuld.opgevraagd_op,
    }


def schuldhulp_waarden(zaak: Zaak) -> dict[str, Any]:
    """The dossier of a debt case; {} for any other case."""
    dossier = ShvDossier.objects.filter(zaak_id=zaak.pk).first()
    if dossier is None:
        return {}
    schulden = list(dossier.schulden.values_list("actueel_bedrag", "oorspronkelijk_bedrag"))
    totaal = sum((a if a is not None else (o or 0)) for a, o in schulden)
    return {
        "traject": zaak.zaaktype.omschrijving,
        "fase": str(dossier.get_fase_display()),
        "aanmeldingsdatum": dossier.aanmeldingsdatum,
        "eerste_gesprek_op": dossier.eerste_gesprek_op,
        "beschikking_uiterlijk": dossier.beschikking_uiterlijk,
        "aantal_schulden": len(schulden),
        "totaal_schulden": totaal,
    }


def merge_fields_register() -> None:
    """Called from ShvConfig.ready(). A creditor's and a debt's fields depend on the letter's
    recipient, not on the case: brief_send gets them as extra_context; the providers return
    {} so that the template editor lists the fields and templates pass the field check."""
    try:
        from raadhuis.kernel.messaging.samenvoegvelden import register_merge_fields
    except ImportError:  # messaging not installed
        return
    register_merge_fields(
        "schuldhulp",
        schuldhulp_waarden,
        {k: str(v) for k, v in SCHULDHULP_VELDEN.items()},
        voorbeeld={"traject": "Minnelijke schuldregeling", "fase": "Inventarisatie schulden"},
    )
    register_merge_fields(
        "schuldeiser",
        lambda zaak: {},
        {k: str(v) for k, v in SCHULDEISER_VELDEN.items()},
        voorbeeld={"naam": "Woningstichting De Linge (fictief)", "iban": "NL91ABNA0417164300"},
    )
    register_merge_fields(
        "schuld",
        lambda zaak: {},
        {k: str(v) for k, v in SCHULD_VELDEN.items()},
        voorbeeld={"kenmerk": "HUUR-2026-114", "actueel_bedrag": "1250.00"},
    )


def sjablonen_ensure(organisatie: Organisatie) -> None:
    """The module's standard letters, when the organisation does not have them yet."""
    from raadhuis.kernel.messaging.services import sjabloon_ensure

    for spec in SJABLONEN:
        sjabloon_ensure(organisatie, spec["code"], spec["naam"], spec["onderwerp"], spec["html"])


def schuldeiser_ontvanger(schuldeiser: Schuldeiser) -> Any:
    """The creditor as the recipient of a letter, at its correspondence e-mail address."""
    from raadhuis.kernel.messaging.ontvangers import Ontvanger

    standaard = Ontvanger.van_partij(schuldeiser.partij)
    return Ontvanger(
        naam=standaard.naam,
        adresregels=standaard.adresregels,
        email=schuldeiser.email_correspondentie or standaard.email,
        aanhef=standaard.aanhef,
        partij=schuldeiser.partij,
    )


def schuldeiser_kanaal(schuldeiser: Schuldeiser) -> str:
    """E-mail when the creditor has an address for correspondence, else post."""
    return "email" if (schuldeiser.email_correspondentie or schuldeiser.partij.email) else "post"


def schuld_brief_send(
    *, actor: Actor, schuld: Schuld, sjabloon_code: str, reden: str, documenttype: str = ""
) -> Any:
    """Send a letter about one debt to its creditor (brief_send checks role and case access);
    the template is made first when the organisation has none yet."""
    from raadhuis.kernel.messaging.services import brief_send

    zaak = schuld.dossier.zaak
    sjablonen_ensure(zaak.organisatie)
    return brief_send(
        actor,
        zaak=zaak,
        sjabloon_code=sjabloon_code,
        ontvanger=schuldeiser_ontvanger(schuld.schuldeiser),
        kanaal=schuldeiser_kanaal(schuld.schuldeiser),
        extra_context={
            "schuldeiser": schuldeiser_waarden(schuld.schuldeiser),
            "schuld": schuld_waarden(schuld),
        },
        reden=reden,
        documenttype=documenttype,
    )
