"""Export and import of the template library as JSON, to move templates between environments
(test → production) or organisations, and to keep a copy outside the application.

The file holds every template's code, kind, category, active flag and the text of its current
version. An import is all or nothing: every template is checked first (code, kind, category,
and the text by the same safe renderer the editor uses); one error and nothing is written. A
code that exists gets a NEW VERSION (history stays complete, letters sent keep theirs), a new
code a new template. A dry run checks and reports without writing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.messaging.models import BriefSjabloon, SjabloonSoort
from raadhuis.kernel.messaging.services import (
    BEHEER_ROLLEN,
    sjabloon_create,
    sjabloon_indeling_set,
    sjabloon_update,
)
from raadhuis.kernel.messaging.sjabloonbeheer import (
    _code_check,
    _soort_categorie_check,
    _tekst_check,
)
from raadhuis.kernel.organisations.models import Organisatie

FORMAAT = "raadhuis-sjablonen"
FORMAAT_VERSIE = 1
MAX_BYTES = 10 * 1024 * 1024
MAX_SJABLONEN = 5000


def sjablonen_export(actor: Actor, sjablonen: Iterable[BriefSjabloon]) -> dict[str, Any]:
    """The templates (e.g. a filtered library) as the export document, each with the text of
    its current version. Audited: one entry naming how many and which codes."""
    require_role(actor, *BEHEER_ROLLEN)
    rijen = []
    for sjabloon in sjablonen:
        if sjabloon.organisatie_id != actor.organisatie.pk or sjabloon.huidige_versie is None:
            continue
        versie = sjabloon.huidige_versie
        rijen.append(
            {
                "code": sjabloon.code,
                "naam": versie.naam,
                "soort": sjabloon.soort,
                "categorie": sjabloon.categorie,
                "actief": sjabloon.actief,
                "versie": versie.versie,
                "onderwerp": versie.onderwerp,
                "inhoud": versie.inhoud,
            }
        )
    organisatie = actor.organisatie
    document = {
        "formaat": FORMAAT,
        "formaatversie": FORMAAT_VERSIE,
        "organisatie": {"naam": organisatie.naam, "rsin": organisatie.rsin},
        "geexporteerd_op": timezone.now().isoformat(timespec="seconds"),
        "sjablonen": rijen,
    }
    audit_entry_record(
        actor=actor,
        actie="briefsjablonen_geexporteerd",
        obj=organisatie,
        wijzigingen={"aantal": [None, len(rijen)]},
        toelichting=", ".join(str(r["code"]) for r in rijen)[:500],
    )
    return document


def export_json(document: Mapping[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# --- import -----------------------------------------------------------------------------------
@dataclass
class ImportRegel:
    """The outcome for one template of the file. `actie`: nieuw, nieuwe_versie, indeling (only
    kind or category changed: no new version), ongewijzigd or fout."""

    nummer: int
    code: str
    naam: str
    actie: str = ""
    versie: int | None = None
    fouten: list[str] = field(default_factory=list)

    @property
    def actie_label(self) -> str:
        return {
            "nieuw": _("Nieuw sjabloon"),
            "nieuwe_versie": _("Nieuwe versie"),
            "indeling": _("Soort of categorie aangepast"),
            "ongewijzigd": _("Ongewijzigd"),
            "fout": _("Fout"),
        }.get(self.actie, self.actie)


@dataclass
class ImportRapport:
    """The per-template report of an import; `toegepast` is False for a dry run and for a
    file with errors (then nothing was written)."""

    regels: list[ImportRegel] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)  # about the file as a whole
    proef: bool = False
    toegepast: bool = False

    @property
    def heeft_fouten(self) -> bool:
        return bool(self.fouten) or any(r.fouten for r in self.regels)

    def aantal(self, actie: str) -> int:
        return sum(1 for r in self.regels if r.actie == actie)

    def samenvatting(self) -> str:
        if self.fouten:
            return _("Het bestand is niet ingelezen: %(fout)s") % {"fout": " ".join(self.fouten)}
        tellingen = {
            "nieuw": self.aantal("nieuw"),
            "versie": self.aantal("nieuwe_versie"),
            "zelfde": self.aantal("ongewijzigd") + self.aantal("indeling"),
            "fout": self.aantal("fout"),
        }
        if self.heeft_fouten:
            return _("%(fout)s sjablonen met fouten; er is niets ingelezen.") % tellingen
        if self.proef:
            return (
                _(
                    "Proef: %(nieuw)s nieuwe sjablonen, %(versie)s nieuwe versies, "
                    "%(zelfde)s ongewijzigd. Er is nog niets opgeslagen."
                )
                % tellingen
            )
        return (
            _(
                "Ingelezen: %(nieuw)s nieuwe sjablonen, %(versie)s nieuwe versies, "
                "%(zelfde)s ongewijzigd."
            )
            % tellingen
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "samenvatting": self.samenvatting(),
            "proef": self.proef,
            "toegepast": self.toegepast,
            "fouten": self.fouten,
            "sjablonen": [asdict(r) for r in self.regels],
        }


def _lees(inhoud: bytes | str | Mapping[str, Any], rapport: ImportRapport) -> list[Any] | None:
    if isinstance(inhoud, Mapping):
        document: Any = inhoud
    else:
        if len(inhoud) > MAX_BYTES:
            rapport.fouten.append(_("Het bestand is groter dan 10 MB."))
            return None
        try:
            document = json.loads(inhoud)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            rapport.fouten.append(
                _("Dit is geen geldig JSON-bestand (regel %(regel)s).")
                % {"regel": getattr(error, "lineno", "?")}
            )
            return None
    if not isinstance(document, dict) or document.get("formaat") != FORMAAT:
        rapport.fouten.append(_("Dit is geen export van briefsjablonen uit Raadhuis."))
        return None
    if document.get("formaatversie") != FORMAAT_VERSIE:
        rapport.fouten.append(_("Deze versie van het exportformaat wordt niet ondersteund."))
        return None
    rijen = document.get("sjablonen")
    if not isinstance(rijen, list):
        rapport.fouten.append(_("Het bestand bevat geen lijst ‘sjablonen’."))
        return None
    if len(rijen) > MAX_SJABLONEN:
        rapport.fouten.append(_("Het bestand bevat meer dan 5000 sjablonen."))
        return None
    return rijen


def _tekstveld(rij: Mapping[str, Any], naam: str) -> str:
    waarde = rij.get(naam, "")
    return waarde if isinstance(waarde, str) else ""


def _fouten_van(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{veld}: {m}" for veld, berichten in error.message_dict.items() for m in berichten]
    return list(error.messages)


def _regel_check(
    nummer: int,
    rij: Any,
    bestaand: Mapping[str, BriefSjabloon],
    gezien: set[str],  # noqa: ANN401
) -> ImportRegel:
    if not isinstance(rij, dict):
        return ImportRegel(nummer, "", "", "fout", fouten=[_("Dit is geen sjabloon (object).")])
    code, naam = _tekstveld(rij, "code").strip(), _tekstveld(rij, "naam")
    regel = ImportRegel(nummer, code, naam)
    try:
        _code_check(code)
        _soort_categorie_check(
            _tekstveld(rij, "soort") or SjabloonSoort.BRIEF, _tekstveld(rij, "categorie")
        )
        _tekst_check(naam, _tekstveld(rij, "onderwerp"), _tekstveld(rij, "inhoud"))
    except ValidationError as error:
        regel.fouten = _fouten_van(error)
    if code and code in gezien:
        regel.fouten.append(
            _("De code ‘%(code)s’ staat twee keer in het bestand.") % {"code": code}
        )
    gezien.add(code)
    if regel.fouten:
        regel.actie = "fout"
        return regel
    huidig = bestaand.get(code)
    if huidig is None:
        regel.actie, regel.versie = "nieuw", 1
    elif not _tekst_zelfde(huidig, rij):
        regel.actie = "nieuwe_versie"
    else:
        regel.versie = huidig.huidige_versie.versie if huidig.huidige_versie else None
        regel.actie = "ongewijzigd" if _indeling_zelfde(huidig, rij) else "indeling"
    return regel


def _tekst_zelfde(sjabloon: BriefSjabloon, rij: Mapping[str, Any]) -> bool:
    versie = sjabloon.huidige_versie
    return versie is not None and (
        versie.naam == _tekstveld(rij, "naam").strip()
        and versie.onderwerp == _tekstveld(rij, "onderwerp").strip()
        and versie.inhoud == _tekstveld(rij, "inhoud")
    )


def _indeling_zelfde(sjabloon: BriefSjabloon, rij: Mapping[str, Any]) -> bool:
    return sjabloon.soort == (_tekstveld(rij, "soort") or SjabloonSoort.BRIEF) and (
        sjabloon.categorie == " ".join(_tekstveld(rij, "categorie").split())
    )


def sjablonen_import(
    *,
    actor: Actor,
    inhoud: bytes | str | Mapping[str, Any],
    bestandsnaam: str = "",
    proef: bool = False,
) -> ImportRapport:
    """Read an export into the actor's organisation: all or nothing, with a per-template
    report. `proef` (dry run): check and report only. Every template written is audited by
    the template services, plus one entry for the import as a whole."""
    require_role(actor, *BEHEER_ROLLEN)
    rapport = ImportRapport(proef=proef)
    rijen = _lees(inhoud, rapport)
    if rijen is None:
        return rapport
    bestaand = {
        s.code: s
        for s in BriefSjabloon.objects.filter(organisatie=actor.organisatie).select_related(
            "huidige_versie"
        )
    }
    gezien: set[str] = set()
    rapport.regels = [_regel_check(i, rij, bestaand, gezien) for i, rij in enumerate(rijen, 1)]
    if proef or rapport.heeft_fouten:
        return rapport
    toelichting = (
        (_("Geïmporteerd uit %(bestand)s") % {"bestand": bestandsnaam})[:300]
        if bestandsnaam
        else _("Geïmporteerd")
    )
    with transaction.atomic():
        for regel, rij in zip(rapport.regels, rijen, strict=True):
            regel.versie = _toepassen(actor, regel, rij, bestaand.get(regel.code), toelichting)
        audit_entry_record(
            actor=actor,
            actie="briefsjablonen_geimporteerd",
            obj=actor.organisatie,
            wijzigingen={
                "nieuw": [None, rapport.aantal("nieuw")],
                "nieuwe_versie": [None, rapport.aantal("nieuwe_versie")],
            },
            toelichting=toelichting,
        )
    rapport.toegepast = True
    return rapport


def _toepassen(
    actor: Actor,
    regel: ImportRegel,
    rij: Mapping[str, Any],
    huidig: BriefSjabloon | None,
    toelichting: str,
) -> int | None:
    soort = _tekstveld(rij, "soort") or SjabloonSoort.BRIEF
    categorie = _tekstveld(rij, "categorie")
    if regel.actie in ("ongewijzigd", "indeling"):
        assert huidig is not None
        sjabloon_indeling_set(actor=actor, sjabloon=huidig, soort=soort, categorie=categorie)
        return regel.versie
    if huidig is None:
        sjabloon = sjabloon_create(
            actor=actor,
            code=regel.code,
            naam=regel.naam,
            onderwerp=_tekstveld(rij, "onderwerp"),
            inhoud=_tekstveld(rij, "inhoud"),
            toelichting=toelichting,
            soort=soort,
            categorie=categorie,
        )
        if rij.get("actief") is False:
            sjabloon.actief = False
            sjabloon.save(update_fields=["actief"])
        return 1
    sjabloon_indeling_set(actor=actor, sjabloon=huidig, soort=soort, categorie=categorie)
    versie = sjabloon_update(
        actor=actor,
        sjabloon=huidig,
        naam=regel.naam,
        onderwerp=_tekstveld(rij, "onderwerp"),
        inhoud=_tekstveld(rij, "inhoud"),
        toelichting=toelichting,
    )
    return versie.versie


def organisatie_voor_cli(rsin: str) -> Organisatie:
    """The organisation an import/export on the command line is for (by RSIN, or the only
    one). Raises LookupError with a Dutch message."""
    if rsin:
        organisatie = Organisatie.objects.filter(rsin=rsin).first()
        if organisatie is None:
            raise LookupError(_("Geen organisatie met RSIN %(rsin)s.") % {"rsin": rsin})
        return organisatie
    organisaties = list(Organisatie.objects.all()[:2])
    if len(organisaties) != 1:
        raise LookupError(_("Geef de organisatie met --organisatie RSIN."))
    return organisaties[0]
