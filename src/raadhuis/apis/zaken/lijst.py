"""The ZAAK of a list page (GET /zaken, POST /zaken/_zoek) built as plain dicts.

DRF serialises a ZAAK field by field: for every case and each of its 40 fields it looks up the
attribute, checks for None and calls the field's `to_representation`. On a page of 100 cases
that was the largest part of the request's CPU. Here a page is read with one `values_list`
query (the joined case type, main case, status and result give only their uuid), the lists of
related rows with one more (`zaak_verwijzingen_laden`), and each ZAAK is one dict literal in the
order and with the values `ZaakSerializer` gives: tests/apis/test_zaken_lijst.py compares both
for varied cases, byte for byte after rendering. URLs are built by the same helpers as the
serializer's fields (fields.url_prefix, fields.ref_urls).

Values that are rare and have more than one shape (a payment date-time, a process object) still
go through the serializer's own field, so their rules are written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request

from raadhuis.apis.zaken import fields
from raadhuis.kernel.cases.models import (
    Betalingsindicatie,
    Zaak,
)
from raadhuis.kernel.cases.verwijzingen import zaak_verwijzingen_laden

# The columns a list ZAAK shows, in the order `_zaak` reads them.
KOLOMMEN = (
    "pk",
    "uuid",
    "identificatie",
    "bronorganisatie",
    "omschrijving",
    "toelichting",
    "zaaktype__uuid",
    "zaaktype__extern_url",
    "registratiedatum",
    "verantwoordelijke_organisatie",
    "startdatum",
    "einddatum",
    "einddatum_gepland",
    "uiterlijke_einddatum_afdoening",
    "publicatiedatum",
    "communicatiekanaal",
    "producten_of_diensten",
    "vertrouwelijkheidaanduiding",
    "betalingsindicatie",
    "laatste_betaaldatum",
    "zaakgeometrie",
    "verlenging_reden",
    "verlenging_duur",
    "opschorting_indicatie",
    "opschorting_reden",
    "selectielijstklasse",
    "hoofdzaak__uuid",
    "status_actueel__uuid",
    "archiefnominatie",
    "archiefstatus",
    "archiefactiedatum",
    "resultaat__uuid",
    "opdrachtgevende_organisatie",
    "processobjectaard",
    "startdatum_bewaartermijn",
    "processobject",
)


class ZaakRij:
    """One case of a page: its column values, and the `<relation>_refs` lists that
    zaak_verwijzingen_laden puts on it (it only needs `pk`)."""

    def __init__(self, waarden: tuple[Any, ...]) -> None:
        self.waarden = waarden
        self.pk = waarden[0]


def zaak_rijen(queryset: QuerySet[Zaak]) -> QuerySet[Any]:
    """The list queryset (access filter, query filters and order kept) as rows of KOLOMMEN.

    The joins follow from the column names: the case type is required (inner join), the main
    case, current status and result are optional (left joins)."""
    return queryset.values_list(*KOLOMMEN)


def pagina_rijen(queryset: QuerySet[Zaak], offset: int, aantal: int) -> list[tuple[Any, ...]]:
    """`aantal` rows of KOLOMMEN from `offset` of the list queryset, in its order.

    The page is chosen on the case ids alone (a subquery with the access filter, the query
    filters, the order, OFFSET and LIMIT), and only its rows are read in full and joined. Read
    in one, a deeper page read and joined every row it skipped: page 100 joined 10,000 cases to
    show 100. The ids of the list's order come from an index (zaak_lijst_idx holds
    organisation, start date and id), so the skipped rows cost index entries only."""
    volgorde = queryset.query.order_by or ("-startdatum", "-id")
    ids = queryset.order_by(*volgorde).values("pk")[offset : offset + aantal]
    return list(zaak_rijen(Zaak.objects.filter(pk__in=ids).order_by(*volgorde)))


def rijen_laden(rijen: Sequence[tuple[Any, ...]]) -> list[ZaakRij]:
    """The rows of one page with their related-row references loaded."""
    zaken = [ZaakRij(r) for r in rijen]
    zaak_verwijzingen_laden(zaken)
    return zaken


def _datum(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _tekst(value: Any) -> str | None:
    return None if value is None else str(value)


class LijstWeergave:
    """Renders rows as `ZaakSerializer` would, for one request."""

    def __init__(self, request: Request | None) -> None:
        from raadhuis.apis.zaken.serializers.zaken import ZaakSerializer

        serializer_fields = ZaakSerializer._declared_fields
        self.root = fields.site_root(request)
        self.zaak = fields.url_prefix(self.root, fields.ZAAK)
        self.zaaktype = fields.url_prefix(self.root, fields.ZAAKTYPE)
        self.status = fields.url_prefix(self.root, fields.STATUS)
        self.resultaat = fields.url_prefix(self.root, fields.RESULTAAT)
        # the serializer's own fields, for the rare values with more than one shape
        self.betaaldatum = serializer_fields["laatsteBetaaldatum"]
        self.processobject = serializer_fields["processobject"]
        self.weergave = {
            keuze.value: str(keuze.label)
            for keuze in Betalingsindicatie  # type: ignore[attr-defined]
        }

    def zaken(self, rijen: Sequence[ZaakRij]) -> list[dict[str, Any]]:
        return [self._zaak(rij) for rij in rijen]

    def _urls(self, template: str, uuids: Sequence[Any], zaak_uuid: Any = None) -> list[str]:
        return fields.ref_urls(self.root, template, uuids, zaak_uuid)

    def _zaak(self, rij: ZaakRij) -> dict[str, Any]:
        (
            _pk,
            uuid,
            identificatie,
            bronorganisatie,
            omschrijving,
            toelichting,
            zaaktype_uuid,
            zaaktype_extern,
            registratiedatum,
            verantwoordelijke,
            startdatum,
            einddatum,
            einddatum_gepland,
            uiterlijke_einddatum,
            publicatiedatum,
            communicatiekanaal,
            producten,
            vertrouwelijkheid,
            betalingsindicatie,
            betaaldatum,
            geometrie,
            verlenging_reden,
            verlenging_duur,
            opschorting_indicatie,
            opschorting_reden,
            selectielijstklasse,
            hoofdzaak_uuid,
            status_uuid,
            archiefnominatie,
            archiefstatus,
            archiefactiedatum,
            resultaat_uuid,
            opdrachtgevende,
            processobjectaard,
            startdatum_bewaartermijn,
            processobject,
        ) = rij.waarden
        uuid_tekst = str(uuid)
        return {
            "url": self.zaak + uuid_tekst,
            "uuid": uuid_tekst,
            "identificatie": _tekst(identificatie),
            "bronorganisatie": _tekst(bronorganisatie),
            "omschrijving": _tekst(omschrijving),
            "toelichting": _tekst(toelichting),
            "zaaktype": zaaktype_extern or f"{self.zaaktype}{zaaktype_uuid}",
            "registratiedatum": _datum(registratiedatum),
            "verantwoordelijkeOrganisatie": _tekst(verantwoordelijke),
            "startdatum": _datum(startdatum),
            "einddatum": _datum(einddatum),
            "einddatumGepland": _datum(einddatum_gepland),
            "uiterlijkeEinddatumAfdoening": _datum(uiterlijke_einddatum),
            "publicatiedatum": _datum(publicatiedatum),
            "communicatiekanaal": _tekst(communicatiekanaal),
            "productenOfDiensten": (None if producten is None else [_tekst(p) for p in producten]),
            "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            "betalingsindicatie": betalingsindicatie,
            "betalingsindicatieWeergave": (
                self.weergave.get(betalingsindicatie, "") if betalingsindicatie else ""
            ),
            "laatsteBetaaldatum": (
                None if betaaldatum is None else self.betaaldatum.to_representation(betaaldatum)
            ),
            "zaakgeometrie": geometrie,
            "verlenging": (
                {"reden": verlenging_reden, "duur": verlenging_duur}
                if verlenging_reden or verlenging_duur
                else None
            ),
            "opschorting": {"indicatie": opschorting_indicatie, "reden": opschorting_reden},
            "selectielijstklasse": _tekst(selectielijstklasse),
            "hoofdzaak": None if hoofdzaak_uuid is None else f"{self.zaak}{hoofdzaak_uuid}",
            "deelzaken": self._urls(fields.ZAAK, rij.deelzaken_refs),  # type: ignore[attr-defined]
            "relevanteAndereZaken": [
                {"url": f"{self.zaak}{r.andere_zaak.uuid}", "aardRelatie": r.aard_relatie}
                for r in rij.relevante_andere_zaken_refs  # type: ignore[attr-defined]
            ],
            "eigenschappen": self._urls(
                fields.ZAAKEIGENSCHAP,
                rij.eigenschappen_refs,  # type: ignore[attr-defined]
                uuid,
            ),
            "rollen": self._urls(fields.ROL, rij.rollen_refs),  # type: ignore[attr-defined]
            "status": None if status_uuid is None else f"{self.status}{status_uuid}",
            "zaakinformatieobjecten": self._urls(
                fields.ZAAKINFORMATIEOBJECT,
                rij.documenten_refs,  # type: ignore[attr-defined]
            ),
            "zaakobjecten": self._urls(fields.ZAAKOBJECT, rij.zaakobjecten_refs),  # type: ignore[attr-defined]
            "kenmerken": [
                {"kenmerk": _tekst(k.kenmerk), "bron": _tekst(k.bron)}
                for k in rij.kenmerken_refs  # type: ignore[attr-defined]
            ],
            "archiefnominatie": archiefnominatie,
            "archiefstatus": archiefstatus,
            "archiefactiedatum": _datum(archiefactiedatum),
            "resultaat": None if resultaat_uuid is None else f"{self.resultaat}{resultaat_uuid}",
            "opdrachtgevendeOrganisatie": _tekst(opdrachtgevende),
            "processobjectaard": _tekst(processobjectaard),
            "startdatumBewaartermijn": _datum(startdatum_bewaartermijn),
            "processobject": (
                None
                if processobject is None
                else self.processobject.to_representation(processobject)
            ),
        }
