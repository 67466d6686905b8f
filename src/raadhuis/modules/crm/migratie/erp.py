"""Invoices and payments from the ERP (a CSV export shaped like Unit4's debtor report), per
relation, for the invoices/payment history block on the relation page.

Columns (header names are compared loosely, see `kolomnaam`): debiteurnummer and/or kvk,
factuurnummer, datum, bedrag, openstaand, betaald_op. A row finds its relation by KvK number,
or by a debtor number seen in an earlier import. A known invoice number is updated (what is
still open, when it was paid): the ERP is the source, so importing every night is safe.
All or nothing, with a per-row report, like the migration import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import Partij, PartijSoort
from raadhuis.modules.crm.migratie.lezen import Onleesbaar, bestand_lezen, kolomnaam
from raadhuis.modules.crm.migratie.models import FactuurRegel
from raadhuis.modules.crm.migratie.verslag import Rij, Verslag
from raadhuis.modules.crm.selectors import mag_relatie_zien, relatie_van_partij

MAG_IMPORTEREN = (Rol.FUNCTIONEEL_BEHEERDER,)
KOLOMMEN: dict[str, tuple[str, ...]] = {
    "debiteurnummer": ("debiteurnummer", "debiteur", "debtor", "klantnummer"),
    "kvk": ("kvk", "kvk_nummer", "kvknummer", "coc"),
    "factuurnummer": ("factuurnummer", "factuur", "invoice", "boekstuknummer"),
    "datum": ("datum", "factuurdatum", "date"),
    "bedrag": ("bedrag", "factuurbedrag", "amount"),
    "openstaand": ("openstaand", "saldo", "open"),
    "betaald_op": ("betaald_op", "betaaldatum", "betaald"),
}
VERPLICHT = ("factuurnummer", "datum", "bedrag")


class _Terugdraaien(Exception):
    pass


def _bedrag(waarde: str, veld: str) -> Decimal:
    """'1.234,56', '1234.56' or '€ -12,50' (a credit note) to Decimal."""
    tekst = waarde.replace("€", "").replace(" ", "")
    if "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        return Decimal(tekst).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ValidationError(
            _("%(veld)s '%(w)s' is geen bedrag.") % {"veld": veld, "w": waarde}
        ) from error


def _datum(waarde: str, veld: str) -> date:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(waarde.strip()[:10], formaat).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValidationError(
        _("%(veld)s '%(w)s' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).")
        % {"veld": veld, "w": waarde}
    )


def _kolommen(koppen: list[str]) -> dict[str, int]:
    genormaliseerd = [kolomnaam(k) for k in koppen]
    posities = {}
    for veld, namen in KOLOMMEN.items():
        for naam in namen:
            if naam in genormaliseerd:
                posities[veld] = genormaliseerd.index(naam)
                break
    return posities


@dataclass
class _Partijen:
    kvk: dict[str, Partij]
    debiteur: dict[str, Partij]

    @classmethod
    def laden(cls, actor: Actor) -> _Partijen:
        kvk = {
            p.identificatie: p
            for p in Partij.objects.filter(
                organisatie_id=actor.organisatie.pk,
                soort=PartijSoort.NIET_NATUURLIJK_PERSOON,
                crm_relatie__isnull=False,
            ).exclude(identificatie="")
        }
        debiteur = {
            f.debiteurnummer: f.partij
            for f in FactuurRegel.objects.filter(organisatie_id=actor.organisatie.pk)
            .exclude(debiteurnummer="")
            .select_related("partij")
        }
        return cls(kvk=kvk, debiteur=debiteur)


def _rij(rij: Rij, data: dict[str, str], partijen: _Partijen, actor: Actor) -> None:
    fouten: list[str] = []
    waarden: dict[str, Any] = {}
    for veld in VERPLICHT:
        if not data.get(veld):
            fouten.append(_("%(veld)s ontbreekt.") % {"veld": veld.capitalize()})
    if not fouten:
        try:
            waarden["factuurdatum"] = _datum(data["datum"], _("Datum"))
            waarden["bedrag"] = _bedrag(data["bedrag"], _("Bedrag"))
            waarden["openstaand"] = (
                _bedrag(data["openstaand"], _("Openstaand"))
                if data.get("openstaand")
                else Decimal("0.00")
            )
            waarden["betaald_op"] = (
                _datum(data["betaald_op"], _("Betaald op")) if data.get("betaald_op") else None
            )
        except ValidationError as error:
            fouten.extend(error.messages)
    kvk = data.get("kvk", "").replace(" ", "").zfill(8) if data.get("kvk") else ""
    partij = partijen.kvk.get(kvk) or partijen.debiteur.get(data.get("debiteurnummer", ""))
    if partij is None:
        fouten.append(
            _("Geen relatie gevonden bij KvK-nummer '%(k)s' of debiteurnummer '%(d)s'.")
            % {"k": data.get("kvk", ""), "d": data.get("debiteurnummer", "")}
        )
    for melding in fouten:
        rij.fout(melding)
    if fouten:
        return
    rij.naam = partij.weergavenaam
    rij.relatie_uuid = str(partij.uuid)
    _regel, nieuw = FactuurRegel.objects.update_or_create(
        organisatie=actor.organisatie,
        factuurnummer=data["factuurnummer"],
        defaults={"partij": partij, "debiteurnummer": data.get("debiteurnummer", ""), **waarden},
    )
    rij.uitkomst = "nieuw" if nieuw else "samengevoegd"
    if data.get("debiteurnummer"):
        partijen.debiteur.setdefault(data["debiteurnummer"], partij)


def facturen_importeren(
    *, actor: Actor, inhoud: bytes, bestandsnaam: str, proef: bool = True
) -> Verslag:
    """Import an ERP invoice export (all or nothing); 'samengevoegd' in the report means an
    invoice that was known and is updated."""
    require_role(actor, *MAG_IMPORTEREN)
    verslag = Verslag(proef=proef)
    try:
        tabel = bestand_lezen(inhoud, bestandsnaam)
    except Onleesbaar as error:
        verslag.algemene_fouten.append(str(error))
        return verslag
    posities = _kolommen(tabel.koppen)
    ontbrekend = [v for v in VERPLICHT if v not in posities]
    if "kvk" not in posities and "debiteurnummer" not in posities:
        ontbrekend.append("kvk/debiteurnummer")
    if ontbrekend:
        verslag.algemene_fouten.append(
            _("Kolommen ontbreken: %(k)s.") % {"k": ", ".join(ontbrekend)}
        )
        return verslag
    try:
        with transaction.atomic():
            partijen = _Partijen.laden(actor)
            for nummer, waarden in enumerate(tabel.rijen, start=2):
                if not any(waarden):
                    continue
                data = {
                    v: (waarden[i] if i < len(waarden) else "").strip() for v, i in posities.items()
                }
                rij = Rij(nummer=nummer, naam=data.get("factuurnummer", ""))
                verslag.rijen.append(rij)
                _rij(rij, data, partijen, actor)
            if verslag.heeft_fouten or proef:
                raise _Terugdraaien
            audit_entry_record(
                actor=actor,
                actie="crm_facturen_ingelezen",
                obj=actor.organisatie,
                toelichting=f"{bestandsnaam}: {verslag.samenvatting()}"[:500],
            )
    except _Terugdraaien:
        return verslag
    verslag.uitgevoerd = True
    return verslag


# --- the relation page ----------------------------------------------------------------------


def facturen_blok(actor: Actor, partij: Partij) -> dict[str, Any] | None:
    """The invoices/payment history block of the relation page (relatieblok_register)."""
    relatie = relatie_van_partij(partij)
    if relatie is None or not mag_relatie_zien(actor, relatie):
        return None
    facturen = list(
        FactuurRegel.objects.filter(organisatie_id=actor.organisatie.pk, partij=partij)[:25]
    )
    if not facturen:
        return None
    totalen = FactuurRegel.objects.filter(
        organisatie_id=actor.organisatie.pk, partij=partij
    ).aggregate(aantal=Count("id"), openstaand=Sum("openstaand"))
    return {
        "facturen": facturen,
        "openstaand": totalen["openstaand"] or Decimal("0.00"),
        "aantal": totalen["aantal"],
    }
