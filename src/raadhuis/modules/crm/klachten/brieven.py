"""Letters of complaint handling: the merge fields `klacht`, the standard templates
(acknowledgement, extension notice, invitation to the hearing, decision, refusal to handle) and
sending one of them to the complainant through the kernel's `brief_send` (which stores the PDF
in the complaint's dossier and queues the e-mail or puts the letter in the print queue)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.crm.sjablonen.brieven import (
    bibliotheekbrief_html,
    bibliotheekbrief_send,
    bibliotheekbrieven,
    bibliotheeksjabloon,
)

SJABLOON_ONTVANGSTBEVESTIGING = "klacht_ontvangstbevestiging"
SJABLOON_VERDAGING = "klacht_verdaging"
SJABLOON_UITNODIGING_HOORZITTING = "klacht_uitnodiging_hoorzitting"
SJABLOON_BESLISSING = "klacht_beslissing"
SJABLOON_NIET_BEHANDELEN = "klacht_niet_behandelen"
SJABLOON_BETROKKENE = "klacht_betrokkene_informeren"
SJABLOON_VERDAGING_BETROKKENE = "klacht_verdaging_betrokkene"

_CONTACT = (
    "<p>Heeft u vragen? Neem dan contact op met "
    "{% if klacht.behandelaar %}{{ klacht.behandelaar }}{% else %}ons{% endif %}. "
    "Vermeld daarbij ons kenmerk {{ zaak.identificatie }}.</p>"
)

SJABLONEN = (
    {
        "code": SJABLOON_ONTVANGSTBEVESTIGING,
        "naam": "Klacht: ontvangstbevestiging",
        "onderwerp": "Wij hebben uw klacht ontvangen ({{ zaak.identificatie }})",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} hebben wij uw klacht ontvangen over: "
            "{{ klacht.onderwerp }}. Met deze brief bevestigen wij de ontvangst.</p>\n"
            "<p>{{ klacht.behandelaar }} behandelt uw klacht. Deze medewerker was niet betrokken "
            "bij waar uw klacht over gaat. U krijgt uiterlijk {{ klacht.uiterlijk|date:'j F Y' }} "
            "schriftelijk bericht over onze beslissing.</p>\n"
            "<p>Wij nodigen u in de regel uit om uw klacht toe te lichten in een gesprek.</p>\n"
            + _CONTACT
            + "\n"
        ),
    },
    {
        "code": SJABLOON_VERDAGING,
        "naam": "Klacht: verdaging van de afhandeling",
        "onderwerp": "Meer tijd nodig voor uw klacht ({{ zaak.identificatie }})",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Wij hebben meer tijd nodig om uw klacht over {{ klacht.onderwerp }} zorgvuldig "
            "te behandelen. Wij verdagen de afhandeling daarom tot uiterlijk "
            "{{ klacht.verdaagd_tot|date:'j F Y' }}.</p>\n"
            "{% if klacht.verdaging_reden %}<p>De reden: {{ klacht.verdaging_reden }}</p>\n"
            "{% endif %}" + _CONTACT + "\n"
        ),
    },
    {
        "code": SJABLOON_UITNODIGING_HOORZITTING,
        "naam": "Klacht: uitnodiging hoorzitting",
        "onderwerp": "Uitnodiging voor een gesprek over uw klacht ({{ zaak.identificatie }})",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Wij nodigen u uit om uw klacht over {{ klacht.onderwerp }} toe te lichten. Het "
            "gesprek is op {{ klacht.hoorzitting_datum }} om {{ klacht.hoorzitting_tijd }}"
            "{% if klacht.hoorzitting_locatie %}, {{ klacht.hoorzitting_locatie }}{% endif %}."
            "</p>\n"
            "<p>Kunt u niet op dit moment, of wilt u liever niet gehoord worden? Laat het ons "
            "dan weten.</p>\n" + _CONTACT + "\n"
        ),
    },
    {
        "code": SJABLOON_BESLISSING,
        "naam": "Klacht: beslissing op de klacht",
        "onderwerp": "Beslissing op uw klacht ({{ zaak.identificatie }})",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
            "{{ klacht.onderwerp }}. In deze brief leest u wat wij hebben onderzocht en wat ons "
            "oordeel is.</p>\n"
            "<h2>Bevindingen</h2>\n<p>{{ klacht.bevindingen|linebreaksbr }}</p>\n"
            "<h2>Oordeel</h2>\n<p>Wij vinden uw klacht {{ klacht.oordeel }}.</p>\n"
            "<h2>Conclusies</h2>\n<p>{{ klacht.conclusies|linebreaksbr }}</p>\n"
            "{% if klacht.maatregelen %}<h2>Wat wij gaan doen</h2>\n"
            "<p>{{ klacht.maatregelen|linebreaksbr }}</p>\n{% endif %}"
            "<p>Bent u het niet eens met deze afhandeling? Dan kunt u zich wenden tot de "
            "Nationale ombudsman (www.nationaleombudsman.nl) of de ombudsvoorziening van de "
            "gemeente.</p>\n" + _CONTACT + "\n"
        ),
    },
    {
        "code": SJABLOON_NIET_BEHANDELEN,
        "naam": "Klacht: niet in behandeling",
        "onderwerp": "Uw klacht wordt niet in behandeling genomen ({{ zaak.identificatie }})",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij uw klacht over: "
            "{{ klacht.onderwerp }}. Wij nemen uw klacht niet in behandeling. De reden: "
            "{{ klacht.niet_behandelen_grond }}.</p>\n"
            "{% if klacht.afsluit_toelichting %}<p>{{ klacht.afsluit_toelichting }}</p>\n"
            "{% endif %}<p>Bent u het hier niet mee eens? Dan kunt u zich wenden tot de "
            "Nationale ombudsman (www.nationaleombudsman.nl).</p>\n" + _CONTACT + "\n"
        ),
    },
)

SJABLONEN = SJABLONEN + (
    {
        "code": SJABLOON_BETROKKENE,
        "naam": "Klacht: afschrift aan de betrokken medewerker",
        "onderwerp": "Er is een klacht over u ingediend ({{ zaak.identificatie }})",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>Op {{ klacht.ontvangen_op|date:'j F Y' }} ontvingen wij een klacht over een "
            "gedraging waarbij u betrokken was. Hieronder leest u de klacht (Awb 9:9).</p>\n"
            "<p><strong>{{ klacht.onderwerp }}</strong></p>\n"
            "<p>{{ klacht.omschrijving|linebreaksbr }}</p>\n"
            "<p>{{ klacht.behandelaar }} behandelt de klacht en neemt contact met u op om uw "
            "kant van het verhaal te horen.</p>\n"
        ),
    },
    {
        "code": SJABLOON_VERDAGING_BETROKKENE,
        "naam": "Klacht: verdaging, bericht aan de betrokken medewerker",
        "onderwerp": "Afhandeling klacht {{ zaak.identificatie }} verdaagd",
        "html": (
            "<p>{{ ontvanger.aanhef }}</p>\n"
            "<p>De afhandeling van de klacht over {{ klacht.onderwerp }}, waarbij u betrokken "
            "was, is verdaagd tot {{ klacht.verdaagd_tot|date:'j F Y' }} (Awb 9:11 lid 2).</p>\n"
            "{% if klacht.verdaging_reden %}<p>De reden: {{ klacht.verdaging_reden }}</p>\n"
            "{% endif %}"
        ),
    },
)

KLACHT_VELDEN = {
    "onderwerp": _("Onderwerp van de klacht"),
    "categorie": _("Categorie"),
    "omschrijving": _("Omschrijving van de klacht"),
    "kanaal": _("Kanaal waarlangs de klacht binnenkwam"),
    "ontvangen_op": _("Datum van ontvangst"),
    "afdeling": _("Afdeling waar de klacht over gaat"),
    "behandelaar": _("Naam van de klachtbehandelaar"),
    "uiterlijk": _("Uiterste datum van afhandeling (geldende termijn)"),
    "verdaagd_tot": _("Datum tot waarop de afhandeling is verdaagd"),
    "verdaging_reden": _("Reden van de verdaging"),
    "hoorzitting_datum": _("Datum van de hoorzitting"),
    "hoorzitting_tijd": _("Tijd van de hoorzitting"),
    "hoorzitting_locatie": _("Locatie van de hoorzitting"),
    "oordeel": _("Oordeel (gegrond, deels gegrond, ongegrond)"),
    "bevindingen": _("Bevindingen"),
    "conclusies": _("Conclusies"),
    "maatregelen": _("Maatregelen"),
    "niet_behandelen_grond": _("Grond om de klacht niet te behandelen (Awb 9:8)"),
    "afsluit_toelichting": _("Toelichting bij de afsluiting"),
}


def klacht_waarden(zaak: Zaak) -> dict[str, Any]:
    """The complaint of a complaint case; {} for any other case."""
    from raadhuis.modules.crm.klachten.models import Klacht

    klacht = (
        Klacht.objects.filter(zaak_id=zaak.pk).select_related("afdeling", "behandelaar").first()
    )
    if klacht is None:
        return {}
    gepland = (
        timezone.localtime(klacht.hoorzitting_gepland_op) if klacht.hoorzitting_gepland_op else None
    )
    return {
        "onderwerp": klacht.onderwerp,
        "categorie": str(klacht.get_categorie_display()),
        "omschrijving": klacht.omschrijving,
        "kanaal": str(klacht.get_kanaal_display()),
        "ontvangen_op": klacht.ontvangen_op,
        "afdeling": klacht.afdeling.naam,
        "behandelaar": klacht.behandelaar.naam,
        "uiterlijk": klacht.uiterlijk,
        "verdaagd_tot": klacht.verdaagd_tot,
        "verdaging_reden": klacht.verdaging_reden,
        "hoorzitting_datum": gepland.strftime("%d-%m-%Y") if gepland else "",
        "hoorzitting_tijd": gepland.strftime("%H:%M") if gepland else "",
        "hoorzitting_locatie": klacht.hoorzitting_locatie,
        "oordeel": str(klacht.get_oordeel_display()).lower() if klacht.oordeel else "",
        "bevindingen": klacht.bevindingen,
        "conclusies": klacht.conclusies,
        "maatregelen": klacht.maatregelen,
        "niet_behandelen_grond": str(klacht.get_niet_behandelen_grond_display())
        if klacht.niet_behandelen_grond
        else "",
        "afsluit_toelichting": klacht.afsluit_toelichting,
    }


def merge_fields_register() -> None:
    """Called from KlachtenConfig.ready()."""
    try:
        from raadhuis.kernel.messaging.samenvoegvelden import register_merge_fields
    except ImportError:  # messaging not installed
        return
    register_merge_fields(
        "klacht",
        klacht_waarden,
        {k: str(v) for k, v in KLACHT_VELDEN.items()},
        voorbeeld={
            "onderwerp": "Niet teruggebeld over de aanvraag parkeervergunning",
            "behandelaar": "J. de Klachtbehandelaar",
            "oordeel": "gegrond",
        },
    )


def sjablonen_ensure(organisatie: Organisatie) -> None:
    """The module's standard letters, when the organisation does not have them yet."""
    from raadhuis.kernel.messaging.services import briefhoofd_ensure, sjabloon_ensure

    briefhoofd_ensure(organisatie)
    for spec in SJABLONEN:
        sjabloon_ensure(organisatie, spec["code"], spec["naam"], spec["onderwerp"], spec["html"])


def klager_kanaal(klacht: Any) -> str:  # noqa: ANN401 - a Klacht
    """E-mail when the complainant has an address, else post."""
    return "email" if klacht.klager.email else "post"


def betrokkene_brief_send(*, actor: Actor, klacht: Any, sjabloon_code: str, reden: str) -> Any:  # noqa: ANN401
    """Send a letter by e-mail to the medewerker the complaint is about (Awb 9:9, 9:11 lid 2);
    None when there is no such medewerker or they have no e-mail address."""
    from raadhuis.kernel.messaging.ontvangers import Ontvanger
    from raadhuis.kernel.messaging.services import brief_send

    medewerker = klacht.betreft_medewerker
    if medewerker is None or not medewerker.email:
        return None
    sjablonen_ensure(klacht.organisatie)
    return brief_send(
        actor,
        zaak=klacht.zaak,
        sjabloon_code=sjabloon_code,
        ontvanger=Ontvanger(
            naam=medewerker.naam, email=medewerker.email, aanhef=f"Beste {medewerker.naam},"
        ),
        kanaal="email",
        reden=reden,
        documenttype="Brief",
    )


def klacht_brief_send(
    *, actor: Actor, klacht: Any, sjabloon_code: str, kanaal: str = "", reden: str = ""
) -> Any:  # noqa: ANN401
    """Send a letter about the complaint to the complainant (brief_send checks role and case
    access and raises Dutch ValidationErrors per field)."""
    from raadhuis.kernel.messaging.ontvangers import Ontvanger
    from raadhuis.kernel.messaging.services import brief_send

    sjablonen_ensure(klacht.organisatie)
    return brief_send(
        actor,
        zaak=klacht.zaak,
        sjabloon_code=sjabloon_code,
        ontvanger=Ontvanger.van_partij(klacht.klager),
        kanaal=kanaal or klager_kanaal(klacht),
        reden=reden,
        documenttype="Brief",
    )


# --- letters from the template library (any letter of the category 'Klachten') ---------------
BIBLIOTHEEK_CATEGORIE = "Klachten"


def klacht_bibliotheekbrieven(*, actor: Actor) -> list[Any]:
    """The active letter templates of the library's category 'Klachten' (kernel template
    library: soort brief), by name: what the complaint page offers besides its own steps."""
    return bibliotheekbrieven(actor=actor, categorie=BIBLIOTHEEK_CATEGORIE)


def _bibliotheeksjabloon(actor: Actor, code: str, tekst: str) -> Any:  # noqa: ANN401
    """The chosen library letter (a BriefSjabloon), with the own text checked against it."""
    return bibliotheeksjabloon(
        actor=actor,
        categorie=BIBLIOTHEEK_CATEGORIE,
        code=code,
        tekst=tekst,
        fout=_("Kies een brief uit de categorie Klachten."),
    )


def klacht_bibliotheekbrief_voorbeeld(
    *,
    actor: Actor,
    klacht: Any,
    sjabloon_code: str,
    tekst: str = "",  # noqa: ANN401
) -> str:
    """The letter as it would be sent to the complainant (an HTML document for the preview).
    Raises ValidationError (Dutch, per field) for an unknown template or a template error.
    The caller has read the complaint through klacht_get (access checked, read logged)."""
    from raadhuis.kernel.messaging.ontvangers import Ontvanger
    from raadhuis.kernel.messaging.samenvoegvelden import merge_context

    sjabloon = _bibliotheeksjabloon(actor, sjabloon_code, tekst)
    context = merge_context(
        klacht.zaak,
        ontvanger=Ontvanger.van_partij(klacht.klager),
        extra={"brief": {"tekst": tekst}},
    )
    return bibliotheekbrief_html(sjabloon, context, organisatie=klacht.organisatie)


def klacht_bibliotheekbrief_send(
    *,
    actor: Actor,
    klacht: Any,  # noqa: ANN401 - a Klacht
    sjabloon_code: str,
    kanaal: str,
    tekst: str = "",
    reden: str = "",
) -> Any:  # noqa: ANN401 - a kernel Brief
    """Send a library letter of the category 'Klachten' to the complainant by e-mail or post.
    The kernel's brief_send checks role and case access, stores the PDF in the complaint's
    dossier, records the letter (shown on the complaint page) and the audit entry
    'brief_verstuurd', and queues the e-mail or puts the letter in the print queue."""
    from raadhuis.kernel.messaging.ontvangers import Ontvanger

    sjabloon = _bibliotheeksjabloon(actor, sjabloon_code, tekst)
    return bibliotheekbrief_send(
        actor,
        zaak=klacht.zaak,
        sjabloon=sjabloon,
        ontvanger=Ontvanger.van_partij(klacht.klager),
        kanaal=kanaal,
        tekst=tekst,
        reden=reden,
        documenttype="Brief",
    )
