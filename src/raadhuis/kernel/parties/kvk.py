"""Parties from the KvK Handelsregister: search it, read a Basisprofiel, take a company over as a
party (or refresh the party from the register).

Taking a company over goes through the parties services (niet_natuurlijk_persoon_create,
vestiging_create, partij_update, adres_vervangen), which write their own audit entries and
events; `partij_uit_kvk` adds one audit entry saying the data came from the Handelsregister.
Only register fields are written (name, KvK number, RSIN, legal form, addresses, branch):
e-mail, phone and everything a user added locally stay as they are.

Behind a one-man business (eenmanszaak) or a partnership stands a natural person, so reading
such a registration into a party also writes the processing log.

The network calls to the KvK happen before the database transaction, so a slow KvK never holds
a lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, verwerking_record
from raadhuis.kernel.integrations.kvk import (
    KvkAdres,
    KvkBasisprofiel,
    KvkClient,
    KvkZoekpagina,
    KvkZoekresultaat,
    kvk_client,
)
from raadhuis.kernel.integrations.kvk.records import (
    BEZOEKADRES,
    CORRESPONDENTIEADRES,
    NEVENVESTIGING,
)
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import (
    AdresSoort,
    NietNatuurlijkPersoon,
    Partij,
    PartijSoort,
    Rechtsvorm,
    Vestiging,
)
from raadhuis.kernel.parties.services import (
    adres_vervangen,
    niet_natuurlijk_persoon_create,
    partij_update,
    vestiging_create,
)
from raadhuis.kernel.validators import elfproef

# The same people who may register parties may consult the KvK for them.
MAY_CONSULT_KVK = (Rol.MEDEWERKER,)
BRON = "KvK Handelsregister"

# The KvK's legal forms (rechtsvorm, lower case, by their start) -> ours.
RECHTSVORM_UIT_KVK: tuple[tuple[str, Rechtsvorm], ...] = (
    ("eenmanszaak", Rechtsvorm.EENMANSZAAK),
    ("besloten vennootschap", Rechtsvorm.BESLOTEN_VENNOOTSCHAP),
    ("naamloze vennootschap", Rechtsvorm.NAAMLOZE_VENNOOTSCHAP),
    ("vennootschap onder firma", Rechtsvorm.VENNOOTSCHAP_ONDER_FIRMA),
    ("stichting", Rechtsvorm.STICHTING),
    ("vereniging", Rechtsvorm.VERENIGING),
    ("coöperatie", Rechtsvorm.COOPERATIE),
    ("cooperatie", Rechtsvorm.COOPERATIE),
)
# Forms where a natural person is the owner (no legal entity): their data is personal data.
PERSOONLIJKE_RECHTSVORMEN = (
    "eenmanszaak",
    "vennootschap onder firma",
    "maatschap",
    "commanditaire vennootschap",
)
ADRESSOORT_UIT_KVK = {
    BEZOEKADRES: AdresSoort.BEZOEKADRES,
    CORRESPONDENTIEADRES: AdresSoort.POSTADRES,
}


def rechtsvorm_uit_kvk(rechtsvorm: str) -> Rechtsvorm:
    tekst = rechtsvorm.strip().lower()
    return next(
        (ons for kvk, ons in RECHTSVORM_UIT_KVK if tekst.startswith(kvk)), Rechtsvorm.OVERIG
    )


def _nummer(value: str | None, length: int, veld: str, label: str) -> str:
    compact = str(value or "").replace(" ", "").replace(".", "")
    if len(compact) != length or not compact.isdigit():
        raise ValidationError(
            {
                veld: _("Een %(label)s bestaat uit precies %(n)s cijfers.")
                % {"label": label, "n": length}
            }
        )
    return compact


def check_kvk_nummer(value: str | None) -> str:
    return _nummer(value, 8, "kvk_nummer", _("KvK-nummer"))


def check_vestigingsnummer(value: str | None) -> str:
    return _nummer(value, 12, "vestigingsnummer", _("vestigingsnummer"))


# --- reads -----------------------------------------------------------------------------------


def kvk_zoeken(
    *,
    actor: Actor,
    handelsnaam: str = "",
    kvk_nummer: str = "",
    vestigingsnummer: str = "",
    rsin: str = "",
    straatnaam: str = "",
    plaats: str = "",
    postcode: str = "",
    huisnummer: int | str | None = None,
    types: Iterable[str] = (),
    inclusief_inactief: bool = False,
    pagina: int = 1,
    aantal: int = 10,
    client: KvkClient | None = None,
) -> KvkZoekpagina:
    """Search the Handelsregister. Bad input raises ValidationError per field (Dutch); a KvK
    that cannot answer raises KvkFout. Nothing found is an empty page."""
    require_role(actor, *MAY_CONSULT_KVK)
    criteria: dict[str, Any] = {}
    if kvk_nummer.strip():
        criteria["kvk_nummer"] = check_kvk_nummer(kvk_nummer)
    if vestigingsnummer.strip():
        criteria["vestigingsnummer"] = check_vestigingsnummer(vestigingsnummer)
    if rsin.strip():
        criteria["rsin"] = _nummer(rsin, 9, "rsin", _("RSIN"))
    if bool(postcode.strip()) != bool(str(huisnummer or "").strip()):
        veld = "huisnummer" if postcode.strip() else "postcode"
        raise ValidationError({veld: _("Zoek op postcode en huisnummer samen.")})
    if postcode.strip():
        criteria["postcode"], criteria["huisnummer"] = postcode, huisnummer
    for naam, waarde in (
        ("handelsnaam", handelsnaam),
        ("straatnaam", straatnaam),
        ("plaats", plaats),
    ):
        if waarde.strip():
            criteria[naam] = waarde.strip()
    if not criteria:
        raise ValidationError(
            _("Vul een naam, KvK-nummer, vestigingsnummer, RSIN, plaats of adres in.")
        )
    return (client or kvk_client()).zoeken(
        **criteria,
        types=tuple(types) or None,
        inclusief_inactief=inclusief_inactief,
        pagina=pagina,
        aantal=aantal,
    )


def kvk_basisprofiel_raadplegen(
    *, actor: Actor, kvk_nummer: str, client: KvkClient | None = None
) -> KvkBasisprofiel | None:
    """The Basisprofiel (names, SBI activities, main branch with addresses, owner's legal form
    and RSIN); None when the KvK has no registration with this number."""
    require_role(actor, *MAY_CONSULT_KVK)
    return (client or kvk_client()).basisprofiel(check_kvk_nummer(kvk_nummer), geo_data=True)


def bekende_kvk_partijen(
    *, actor: Actor, kvk_nummers: Iterable[str]
) -> dict[str, NietNatuurlijkPersoon]:
    """The companies of the actor's organisation already registered with these KvK numbers,
    by number (so a KvK result list can say 'already a relation')."""
    require_role(actor, *MAY_CONSULT_KVK)
    nummers = [n for n in kvk_nummers if n]
    if not nummers:
        return {}
    gevonden = NietNatuurlijkPersoon.objects.filter(
        organisatie_id=actor.organisatie.pk, kvk_nummer__in=nummers
    )
    return {p.kvk_nummer: p for p in gevonden}


# --- write: take a company over as a party ---------------------------------------------------


@dataclass(frozen=True)
class _VestigingUitKvk:
    vestigingsnummer: str
    handelsnaam: str
    bezoekadres: dict[str, Any] | None


def _adresgegevens(adres: KvkAdres, soort: str) -> dict[str, Any] | None:
    """Our address fields for a KvK address; None when it cannot be one of ours (shielded,
    abroad, or without a number)."""
    if adres.afgeschermd or not adres.in_nederland or not adres.postcode:
        return None
    if adres.is_postbus:
        straat, nummer = "Postbus", adres.postbusnummer
    else:
        straat, nummer = adres.straatnaam, adres.huisnummer
    if not straat or not nummer:
        return None
    return {
        "soort": soort,
        "straatnaam": straat,
        "huisnummer": nummer,
        "huisletter": adres.huisletter[:1],
        "huisnummertoevoeging": adres.huisnummertoevoeging[:4],
        "postcode": adres.postcode,
        "woonplaats": adres.plaats,
        "land": "NL",
        "bag_nummeraanduiding_id": adres.nummeraanduiding_id[:16],
        "bag_adresseerbaar_object_id": adres.adresseerbaar_object_id[:16],
    }


def _adressen(profiel: KvkBasisprofiel) -> list[dict[str, Any]]:
    """The company's visiting and postal address: the main branch's, or (a legal entity
    without branches) the owner's."""
    bron: Iterable[KvkAdres] = ()
    if profiel.hoofdvestiging is not None:
        bron = profiel.hoofdvestiging.adressen
    elif profiel.eigenaar is not None:
        bron = profiel.eigenaar.adressen
    adressen: dict[str, dict[str, Any]] = {}
    for adres in bron:
        soort = ADRESSOORT_UIT_KVK.get(adres.type)
        gegevens = _adresgegevens(adres, soort) if soort else None
        if gegevens and soort and soort not in adressen:
            adressen[soort] = gegevens
    return list(adressen.values())


def _bedrijfsgegevens(profiel: KvkBasisprofiel) -> dict[str, Any]:
    """The NietNatuurlijkPersoon fields the register decides."""
    rsin = profiel.rsin if elfproef(profiel.rsin) else ""
    return {
        "statutaire_naam": (profiel.statutaire_naam or profiel.naam)[:400],
        "kvk_nummer": profiel.kvk_nummer,
        "rsin": rsin,
        "rechtsvorm": rechtsvorm_uit_kvk(profiel.rechtsvorm),
        "sbi_activiteiten": [
            {"code": a.code, "omschrijving": a.omschrijving, "hoofdactiviteit": a.hoofdactiviteit}
            for a in profiel.sbi_activiteiten
        ],
        "non_mailing": profiel.non_mailing,
    }


def _zoekresultaat_adres(hit: KvkZoekresultaat) -> dict[str, Any] | None:
    """A branch address from a search hit (the only place the v1 APIs give a side branch's
    address in parts). The KvK writes letter and addition as one `huisnummerToevoeging`."""
    if not (hit.straatnaam and hit.huisnummer and hit.postcode):
        return None
    toevoeging = hit.huisnummer_toevoeging.strip()
    letter = toevoeging if len(toevoeging) == 1 and toevoeging.isalpha() else ""
    return {
        "soort": AdresSoort.BEZOEKADRES,
        "straatnaam": hit.straatnaam,
        "huisnummer": hit.huisnummer,
        "huisletter": letter,
        "huisnummertoevoeging": "" if letter else toevoeging[:4],
        "postcode": hit.postcode,
        "woonplaats": hit.plaats,
        "land": "NL",
    }


def _vestiging_uit_kvk(
    client: KvkClient, profiel: KvkBasisprofiel, vestigingsnummer: str
) -> _VestigingUitKvk:
    hoofd = profiel.hoofdvestiging
    if hoofd is not None and hoofd.vestigingsnummer == vestigingsnummer:
        bezoek = hoofd.adres(BEZOEKADRES)
        return _VestigingUitKvk(
            vestigingsnummer,
            hoofd.eerste_handelsnaam or profiel.naam,
            _adresgegevens(bezoek, AdresSoort.BEZOEKADRES) if bezoek else None,
        )
    pagina = client.zoeken(
        kvk_nummer=profiel.kvk_nummer,
        vestigingsnummer=vestigingsnummer,
        types=(NEVENVESTIGING,),
        inclusief_inactief=True,
    )
    hit = next((r for r in pagina.resultaten if r.vestigingsnummer == vestigingsnummer), None)
    if hit is None:
        raise ValidationError(
            {
                "vestigingsnummer": _("De KvK kent deze vestiging niet bij KvK-nummer %(kvk)s.")
                % {"kvk": profiel.kvk_nummer}
            }
        )
    return _VestigingUitKvk(vestigingsnummer, hit.handelsnaam, _zoekresultaat_adres(hit))


def _bedrijf_bijwerken(
    actor: Actor, partij: NietNatuurlijkPersoon, profiel: KvkBasisprofiel
) -> NietNatuurlijkPersoon:
    partij = cast(
        NietNatuurlijkPersoon,
        partij_update(
            actor=actor,
            partij=partij,
            toelichting=_("Bijgewerkt uit het KvK Handelsregister"),
            **_bedrijfsgegevens(profiel),
        ),
    )
    for adres in _adressen(profiel):
        # A move or a new postal address replaces ours of the same kind (the same: no change).
        adres_vervangen(actor=actor, partij=partij, **adres)
    return partij


def _bedrijf_aanmaken(actor: Actor, profiel: KvkBasisprofiel) -> NietNatuurlijkPersoon:
    gegevens = _bedrijfsgegevens(profiel)
    adressen = _adressen(profiel)
    partij = niet_natuurlijk_persoon_create(
        actor=actor,
        statutaire_naam=gegevens.pop("statutaire_naam"),
        adres=adressen[0] if adressen else None,
        **gegevens,
    )
    for adres in adressen[1:]:
        adres_vervangen(actor=actor, partij=partij, **adres)
    return partij


def _bestaand_bedrijf(actor: Actor, kvk_nummer: str) -> NietNatuurlijkPersoon | None:
    return NietNatuurlijkPersoon.objects.filter(
        organisatie_id=actor.organisatie.pk, kvk_nummer=kvk_nummer
    ).first()


def _vestiging_vastleggen(
    actor: Actor, onderneming: NietNatuurlijkPersoon, gegevens: _VestigingUitKvk
) -> Vestiging:
    bestaand = Vestiging.objects.filter(
        organisatie_id=actor.organisatie.pk, vestigingsnummer=gegevens.vestigingsnummer
    ).first()
    if bestaand is None:
        return vestiging_create(
            actor=actor,
            onderneming=onderneming,
            handelsnaam=gegevens.handelsnaam,
            vestigingsnummer=gegevens.vestigingsnummer,
            adres=gegevens.bezoekadres,
        )
    vestiging = cast(
        Vestiging,
        partij_update(
            actor=actor,
            partij=bestaand,
            toelichting=_("Bijgewerkt uit het KvK Handelsregister"),
            handelsnaam=gegevens.handelsnaam,
        ),
    )
    if gegevens.bezoekadres:
        adres_vervangen(actor=actor, partij=vestiging, **gegevens.bezoekadres)
    return vestiging


def partij_uit_kvk(
    *,
    actor: Actor,
    kvk_nummer: str,
    vestigingsnummer: str | None = None,
    client: KvkClient | None = None,
) -> Partij:
    """Create, or refresh, the company (niet-natuurlijk persoon) with this KvK number in the
    actor's organisation from the Handelsregister: statutory name (or trade name), KvK number,
    RSIN, legal form, and the visiting and postal address of the main branch. With
    `vestigingsnummer`, that branch is also registered (or refreshed) as a `Vestiging` of the
    company, with its trade name and visiting address.

    Returns the company's party (its branches: `partij.vestigingen`). An existing party keeps
    its uuid, cases, contacts, e-mail and phone; changed register fields are updated (audit
    entry with old and new values). Raises ValidationError (field `kvk_nummer` or
    `vestigingsnummer`) for bad input or a number the KvK does not know, and KvkFout when the
    KvK cannot answer; nothing is written then."""
    require_role(actor, *MAY_CONSULT_KVK)
    kvk_nummer = check_kvk_nummer(kvk_nummer)
    if vestigingsnummer:
        vestigingsnummer = check_vestigingsnummer(vestigingsnummer)
    client = client or kvk_client()
    profiel = client.basisprofiel(kvk_nummer, geo_data=True)
    if profiel is None:
        raise ValidationError({"kvk_nummer": _("De KvK kent geen inschrijving met dit nummer.")})
    vestiging = _vestiging_uit_kvk(client, profiel, vestigingsnummer) if vestigingsnummer else None
    with transaction.atomic():
        bestaand = _bestaand_bedrijf(actor, kvk_nummer)
        if bestaand is not None:
            partij = _bedrijf_bijwerken(actor, bestaand, profiel)
        else:
            try:
                with transaction.atomic():
                    partij = _bedrijf_aanmaken(actor, profiel)
            except (IntegrityError, ValidationError):
                # Someone took the same company over a moment ago: refresh theirs instead.
                bestaand = _bestaand_bedrijf(actor, kvk_nummer)
                if bestaand is None:
                    raise
                partij = _bedrijf_bijwerken(actor, bestaand, profiel)
        if vestiging is not None:
            _vestiging_vastleggen(actor, partij, vestiging)
        wijzigingen: dict[str, Any] = {"bron": [None, BRON], "kvk_nummer": [None, kvk_nummer]}
        if vestiging is not None:
            wijzigingen["vestigingsnummer"] = [None, vestiging.vestigingsnummer]
        audit_entry_record(
            actor=actor,
            actie="partij_uit_kvk",
            obj=partij,
            wijzigingen=wijzigingen,
            toelichting=_("Overgenomen uit het KvK Handelsregister (KvK-nummer %(kvk)s)")
            % {"kvk": kvk_nummer},
        )
        if profiel.rechtsvorm.strip().lower().startswith(PERSOONLIJKE_RECHTSVORMEN):
            verwerking_record(
                actor=actor,
                handeling="KvK Basisprofiel overgenomen als relatie",
                doel=_("Relatie vastleggen of bijwerken uit het Handelsregister"),
                partij=partij,
            )
    return partij


def is_uit_kvk(partij: Partij) -> bool:
    """Whether the register decides this party's name and number (a company with a KvK
    number): screens mark those fields as register data, not editable locally."""
    return partij.soort == PartijSoort.NIET_NATUURLIJK_PERSOON and bool(
        getattr(partij.concreet, "kvk_nummer", "")
    )
