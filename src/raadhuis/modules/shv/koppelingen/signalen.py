"""Early-warning signals (RIS vroegsignalering): reading a file of signals into the queue (all
or nothing, with a per-row report, duplicates within three months left out), picking a signal
up, turning it into an outreach case, or closing it with a reason.

Column layout (CSV or JSON, documented in docs/shv/koppelingen.md): bron, bron_naam, kenmerk,
datum, achterstand, maanden_achterstand, straatnaam, huisnummer, huisletter, toevoeging,
postcode, woonplaats, naam, bsn.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.catalog.selectors import zaaktypen_bruikbaar
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.koppelingen import invoer
from raadhuis.modules.shv.koppelingen.common import (
    VROEGSIGNALERING,
    require_signalen_import,
    require_signalen_toegang,
)
from raadhuis.modules.shv.koppelingen.models import Signaal, SignaalBron, SignaalStatus
from raadhuis.modules.shv.koppelingen.workflow import signaal_mag_naar
from raadhuis.modules.shv.models import Dreiging, ShvDossier
from raadhuis.modules.shv.services import shv_aanmelding_create

# The same address and source within this period is one signal (the partners report monthly).
DUBBEL_BINNEN_MAANDEN = 3

BRON_ALIASSEN = {
    "woningcorporatie": SignaalBron.WONINGCORPORATIE,
    "verhuurder": SignaalBron.WONINGCORPORATIE,
    "huur": SignaalBron.WONINGCORPORATIE,
    "energie": SignaalBron.ENERGIE,
    "energieleverancier": SignaalBron.ENERGIE,
    "water": SignaalBron.WATER,
    "drinkwater": SignaalBron.WATER,
    "drinkwaterbedrijf": SignaalBron.WATER,
    "zorgverzekeraar": SignaalBron.ZORGVERZEKERAAR,
    "zorgverzekering": SignaalBron.ZORGVERZEKERAAR,
    "overig": SignaalBron.OVERIG,
}

# What the signal threatens, shown on the outreach case (the track has no Wgs terms).
DREIGING_PER_BRON = {
    SignaalBron.WONINGCORPORATIE: Dreiging.HUISUITZETTING,
    SignaalBron.ENERGIE: Dreiging.ENERGIE,
    SignaalBron.WATER: Dreiging.WATER,
    SignaalBron.ZORGVERZEKERAAR: Dreiging.ZORGVERZEKERING,
}


# --- import ---------------------------------------------------------------------------------


def signaal_rijen(inhoud: bytes, bestandsnaam: str) -> list[dict[str, str]]:
    """The rows of a signal file: JSON (a list, or {"signalen": [...]}) or CSV."""
    if bestandsnaam.lower().endswith(".json") or inhoud.lstrip()[:1] in (b"[", b"{"):
        return invoer.json_rijen(inhoud, "signalen")
    return invoer.csv_rijen(inhoud)


def _signaal_uit_rij(organisatie_id: int, rij: invoer.Rij, data: dict[str, str]) -> Signaal:
    bron_tekst = data.get("bron", "").strip().lower()
    bron = BRON_ALIASSEN.get(bron_tekst)
    if bron is None:
        rij.fout(
            _(
                "Bron '%(b)s' is onbekend (kies woningcorporatie, energie, water, zorgverzekeraar "
                "of overig)."
            )
            % {"b": data.get("bron", "")}
        )
    signaal = Signaal(
        organisatie_id=organisatie_id,
        bron=bron or "",
        bron_naam=data.get("bron_naam", "")[:200],
        bron_kenmerk=data.get("kenmerk", "")[:100],
        signaaldatum=invoer.lees(rij, invoer.datum, data.get("datum", ""), _("Datum")),
        achterstand_bedrag=invoer.lees(
            rij, invoer.bedrag, data.get("achterstand", ""), _("Achterstand")
        ),
        maanden_achterstand=invoer.lees(
            rij,
            invoer.geheel_getal,
            data.get("maanden_achterstand", ""),
            _("Maanden achterstand"),
            minimum=1,
        ),
        straatnaam=data.get("straatnaam", "")[:200],
        huisnummer=invoer.lees(
            rij, invoer.geheel_getal, data.get("huisnummer", ""), _("Huisnummer"), minimum=1
        ),
        huisletter=data.get("huisletter", "").upper()[:1],
        huisnummertoevoeging=data.get("toevoeging", "")[:4],
        postcode=invoer.lees(rij, invoer.postcode, data.get("postcode", "")) or "",
        woonplaats=data.get("woonplaats", "")[:80],
        naam=data.get("naam", "")[:300],
        bsn=invoer.lees(rij, invoer.bsn, data.get("bsn", "")) or "",
    )
    return signaal


def _adres_sleutel(signaal: Signaal) -> tuple[str, int, str, str, str]:
    return (
        signaal.postcode,
        signaal.huisnummer,
        signaal.huisletter.upper(),
        signaal.huisnummertoevoeging.upper(),
        signaal.bron,
    )


def _binnen_venster(a: date, b: date) -> bool:
    return abs((a - b).days) <= ((a + relativedelta(months=DUBBEL_BINNEN_MAANDEN)) - a).days


def _bestaand_dubbel(organisatie_id: int, signaal: Signaal) -> bool:
    venster = relativedelta(months=DUBBEL_BINNEN_MAANDEN)
    return (
        Signaal.objects.filter(
            organisatie_id=organisatie_id,
            postcode=signaal.postcode,
            huisnummer=signaal.huisnummer,
            huisletter__iexact=signaal.huisletter,
            huisnummertoevoeging__iexact=signaal.huisnummertoevoeging,
            bron=signaal.bron,
            signaaldatum__gte=signaal.signaaldatum - venster,
            signaaldatum__lte=signaal.signaaldatum + venster,
        )
        .only("pk")
        .exists()
    )


def signalen_importeren(
    *, actor: Actor, inhoud: bytes, bestandsnaam: str, proef: bool = False
) -> invoer.Verslag:
    """Read a file of signals into the queue. Every row is checked first; one row with an
    error and nothing is written (the report says why, per row). A signal for the same address
    and source within three months of one already known (or earlier in the file) is reported
    as a duplicate and left out. With `proef`, only the report."""
    require_signalen_import(actor)
    organisatie_id = actor.organisatie.pk
    verslag = invoer.Verslag(proef=proef)
    try:
        rijen = signaal_rijen(inhoud, bestandsnaam)
    except invoer.Onleesbaar as error:
        verslag.algemene_fouten.append(str(error))
        return verslag
    if not rijen:
        verslag.algemene_fouten.append(_("Het bestand bevat geen signalen."))
        return verslag
    nieuw: list[Signaal] = []
    gezien: dict[tuple, list[date]] = {}
    vandaag_ = vandaag(actor.organisatie.tijdzone)
    for nummer, data in enumerate(rijen, start=2 if not bestandsnaam.endswith(".json") else 1):
        rij = invoer.Rij(bron=_("%(bestand)s rij %(n)s") % {"bestand": bestandsnaam, "n": nummer})
        signaal = _signaal_uit_rij(organisatie_id, rij, data)
        verslag.rijen.append(rij)
        if rij.fouten:
            continue
        if signaal.signaaldatum > vandaag_:
            rij.fout(_("Datum ligt in de toekomst."))
            continue
        rij.omschrijving = f"{signaal.get_bron_display()}, {signaal.adres}"
        sleutel = _adres_sleutel(signaal)
        if any(_binnen_venster(signaal.signaaldatum, d) for d in gezien.get(sleutel, [])) or (
            _bestaand_dubbel(organisatie_id, signaal)
        ):
            rij.uitkomst = "dubbel"
            continue
        gezien.setdefault(sleutel, []).append(signaal.signaaldatum)
        nieuw.append(signaal)
    if verslag.heeft_fouten or proef:
        return verslag
    with transaction.atomic():
        for signaal in nieuw:
            signaal.full_clean(exclude=["behandelaar", "dossier"])
            signaal.save()
            audit_entry_record(
                actor=actor,
                actie="signaal_geimporteerd",
                obj=signaal,
                toelichting=bestandsnaam,
            )
    verslag.uitgevoerd = True
    return verslag


# --- the queue ------------------------------------------------------------------------------


def _signaal_lock(actor: Actor, signaal: Signaal) -> Signaal:
    require_signalen_toegang(actor)
    try:
        return Signaal.objects.select_for_update().get(pk=signaal.pk, organisatie=actor.organisatie)
    except Signaal.DoesNotExist as error:
        raise NietGevonden("Signaal niet gevonden.") from error


def _status_check(signaal: Signaal, nieuw: str) -> None:
    if not signaal_mag_naar(signaal.status, nieuw):
        raise ValidationError(
            _("Een signaal met status '%(status)s' kan niet meer worden gewijzigd.")
            % {"status": signaal.get_status_display()}
        )


def _status_zetten(actor: Actor, signaal: Signaal, status: str, toelichting: str = "") -> None:
    oud = signaal.status
    signaal.status = status
    velden = ["status", "gewijzigd_op"]
    if status in (SignaalStatus.OMGEZET, SignaalStatus.AFGEWEZEN, SignaalStatus.GEEN_CONTACT):
        signaal.afgehandeld_op = vandaag(actor.organisatie.tijdzone)
        velden.append("afgehandeld_op")
    if signaal.behandelaar_id is None and actor.medewerker is not None:
        signaal.behandelaar = actor.medewerker
        velden.append("behandelaar")
    signaal.save(update_fields=velden)
    audit_entry_record(
        actor=actor,
        actie="signaal_status_gewijzigd",
        obj=signaal,
        wijzigingen={"status": [oud, status]},
        toelichting=toelichting,
    )


def signaal_oppakken(*, actor: Actor, signaal: Signaal) -> Signaal:
    """The consultant takes the signal on: status 'in behandeling', with them as handler."""
    with transaction.atomic():
        signaal = _signaal_lock(actor, signaal)
        _status_check(signaal, SignaalStatus.IN_BEHANDELING)
        signaal.behandelaar = actor.medewerker
        _status_zetten(actor, signaal, SignaalStatus.IN_BEHANDELING)
    return signaal


def signaal_afsluiten(*, actor: Actor, signaal: Signaal, status: str, reden: str) -> Signaal:
    """Close a signal without a case: refused/not needed (afgewezen) or no contact."""
    if status not in (SignaalStatus.AFGEWEZEN, SignaalStatus.GEEN_CONTACT):
        raise ValidationError({"status": _("Kies 'afgewezen' of 'geen contact'.")})
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden waarom het signaal wordt afgesloten.")})
    with transaction.atomic():
        signaal = _signaal_lock(actor, signaal)
        _status_check(signaal, status)
        signaal.reden_afsluiting = reden.strip()
        signaal.save(update_fields=["reden_afsluiting"])
        _status_zetten(actor, signaal, status, toelichting=reden.strip())
    return signaal


def _vroegsignalering_zaaktype(actor: Actor) -> ZaakType:
    zaaktype = (
        zaaktypen_bruikbaar(actor=actor)
        .filter(identificatie=VROEGSIGNALERING)
        .order_by("-begin_geldigheid", "-pk")
        .first()
    )
    if zaaktype is None:
        raise ValidationError(_("Er is geen geldig zaaktype SHV-VROEGSIGNALERING."))
    return zaaktype


def _toelichting(signaal: Signaal) -> str:
    return _(
        "Vroegsignalering: %(bron)s%(naam)s meldt een achterstand van € %(bedrag)s "
        "(%(maanden)s maanden) op %(datum)s voor %(adres)s."
    ) % {
        "bron": signaal.get_bron_display(),
        "naam": f" ({signaal.bron_naam})" if signaal.bron_naam else "",
        "bedrag": f"{signaal.achterstand_bedrag:.2f}".replace(".", ","),
        "maanden": signaal.maanden_achterstand,
        "datum": signaal.signaaldatum.strftime("%d-%m-%Y"),
        "adres": signaal.adres,
    }


def signaal_omzetten(
    *, actor: Actor, signaal: Signaal, bsn: str = "", toelichting: str = ""
) -> ShvDossier:
    """Turn the signal into an outreach case (track SHV-VROEGSIGNALERING) for the person with
    this BSN (the signal's own when given): the person and household come from the BRP. The
    signal is linked to the new dossier. One transaction: no case without its signal, and the
    signal stays open when the case cannot be made."""
    bsn = (bsn or signaal.bsn or "").replace(" ", "")
    if not bsn:
        raise ValidationError(
            {"bsn": _("Zoek de bewoner op in de BRP en vul het BSN in; het signaal heeft er geen.")}
        )
    zaaktype = _vroegsignalering_zaaktype(actor)
    with transaction.atomic():
        # The signal row stays locked during the BRP question, so two consultants cannot
        # turn the same signal into two cases.
        signaal = _signaal_lock(actor, signaal)
        _status_check(signaal, SignaalStatus.OMGEZET)
        dossier = shv_aanmelding_create(
            actor=actor,
            bsn=bsn,
            zaaktype=zaaktype,
            aanmeldingsdatum=vandaag(actor.organisatie.tijdzone),
            dreiging=DREIGING_PER_BRON.get(signaal.bron, Dreiging.GEEN),
            toelichting="\n".join(t for t in (_toelichting(signaal), toelichting.strip()) if t),
        )
        signaal.dossier = dossier
        if not signaal.bsn:
            signaal.bsn = bsn
        signaal.save(update_fields=["dossier", "bsn"])
        _status_zetten(
            actor, signaal, SignaalStatus.OMGEZET, toelichting=dossier.zaak.identificatie
        )
        audit_entry_record(
            actor=actor,
            actie="signaal_omgezet",
            obj=signaal,
            wijzigingen={"zaak": [None, dossier.zaak.identificatie]},
            zaak_uuid=dossier.zaak.uuid,
        )
    return dossier


# --- demo -----------------------------------------------------------------------------------


def signalen_demo(organisatie_id: int, vandaag_: date) -> list[Signaal]:
    """A few fictitious signals (the BRP double's demo persons where a BSN is given)."""
    voorbeelden = [
        (
            SignaalBron.WONINGCORPORATIE,
            "Woonstichting De Liemers (fictief)",
            Decimal("1250.00"),
            3,
            "Voorbeeldstraat",
            7,
            "",
            "6903ZC",
            "Mohamed Testelink",
            "999990056",
        ),
        (
            SignaalBron.ENERGIE,
            "Stroomgoed Energie (fictief)",
            Decimal("412.35"),
            2,
            "Proefweg",
            3,
            "",
            "6901AB",
            "",
            "",
        ),
        (
            SignaalBron.WATER,
            "Liemers Water (fictief)",
            Decimal("96.20"),
            4,
            "Teststraat",
            14,
            "B",
            "6902CD",
            "",
            "",
        ),
        (
            SignaalBron.ZORGVERZEKERAAR,
            "Zorg & Zeker (fictief)",
            Decimal("688.00"),
            5,
            "Oefenlaan",
            21,
            "",
            "6903EF",
            "Sanne Probeersel",
            "999990007",
        ),
    ]
    signalen = []
    for i, (bron, naam, bedrag, maanden, straat, nummer, letter, pc, persoon, bsn) in enumerate(
        voorbeelden
    ):
        signalen.append(
            Signaal(
                organisatie_id=organisatie_id,
                bron=bron,
                bron_naam=naam,
                bron_kenmerk=f"DEMO-{i + 1:03d}",
                signaaldatum=vandaag_ - relativedelta(days=7 * (i + 1)),
                achterstand_bedrag=bedrag,
                maanden_achterstand=maanden,
                straatnaam=straat,
                huisnummer=nummer,
                huisletter=letter,
                postcode=pc,
                woonplaats="Zevenaar",
                naam=persoon,
                bsn=bsn,
            )
        )
    return signalen
