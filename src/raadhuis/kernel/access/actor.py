"""Who is acting: a medewerker in one organisation, an API application, or the system.

Every service and selector takes an `Actor`. It carries the roles and case-type grants, so a
permission check never needs another query.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from raadhuis.kernel.access.staff import grants_of, zaaktype_identificaties
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, Rol

if TYPE_CHECKING:
    from raadhuis.kernel.access.models import Applicatie

T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    organisatie: Organisatie
    weergave: str
    type: str = "medewerker"  # medewerker | applicatie | systeem
    medewerker: Medewerker | None = None
    user_id: int | None = None
    rollen: frozenset[str] = frozenset()
    # zaaktype identificatie -> highest confidentiality this actor may see
    zaaktype_grants: dict[str, str] = field(default_factory=dict)
    # The same grants resolved to zaaktype ids (every version), so SQL filters need no join.
    zaaktype_id_grants: dict[int, str] = field(default_factory=dict)
    # zaaktype id -> identificatie of the granted ids, for rules per case type (policies.py).
    zaaktype_identificaties: dict[int, str] = field(default_factory=dict)
    # Applications and the system may be granted every case type.
    alle_zaaktypen: bool = False
    # An application's ZGW scopes (for the scope of the current request) and its grants on
    # document and decision types; empty for medewerkers, whose roles decide instead.
    scopes: frozenset[str] = frozenset()
    informatieobjecttype_id_grants: dict[int, str] = field(default_factory=dict)
    besluittype_ids: frozenset[int] = frozenset()
    applicatie_id: int | None = None
    applicatie_uuid: uuid.UUID | None = None
    applicatie_weergave: str = ""
    # The end user an application acts for (JWT claims user_id / user_representation).
    gebruiker_id: str = ""
    # Per-actor memo (see `memo`); not part of the actor's identity or its repr.
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def for_medewerker(cls, medewerker: Medewerker) -> Actor:
        """The actor of a medewerker; its grants are prefetched or, for a medewerker from
        access.staff.medewerker_for_request, already on the row (then no query at all while
        the organisation's case types are unchanged)."""
        grants = grants_of(medewerker)
        identificaties = zaaktype_identificaties(medewerker, grants)
        id_grants = {pk: grants[identificatie] for pk, identificatie in identificaties.items()}
        return cls(
            organisatie=medewerker.organisatie,
            weergave=medewerker.naam,
            type="medewerker",
            medewerker=medewerker,
            user_id=medewerker.user_id,
            rollen=frozenset(medewerker.rollen),
            zaaktype_grants=grants,
            zaaktype_id_grants=id_grants,
            zaaktype_identificaties=identificaties,
        )

    @classmethod
    def system(cls, organisatie: Organisatie, weergave: str = "Systeem") -> Actor:
        return cls(
            organisatie=organisatie,
            weergave=weergave,
            type="systeem",
            rollen=frozenset(Rol.values),
            alle_zaaktypen=True,
        )

    @classmethod
    def for_applicatie(
        cls,
        applicatie: Applicatie,
        scope: str | None,
        *,
        gebruiker_id: str = "",
        gebruiker_weergave: str = "",
    ) -> Actor:
        """The actor of an API request that needs `scope`: it sees the types for which the
        application holds that scope, up to the confidentiality granted there.

        `applicatie.autorisaties` should be prefetched; types are resolved by the uuid at the end
        of their URL, in one query per kind."""
        common: dict[str, Any] = {
            "organisatie": applicatie.organisatie,
            "weergave": gebruiker_weergave or applicatie.label,
            "type": "applicatie",
            "applicatie_id": applicatie.pk,
            "applicatie_uuid": applicatie.uuid,
            "applicatie_weergave": applicatie.label,
            "gebruiker_id": gebruiker_id,
        }
        if applicatie.heeft_alle_autorisaties:
            return cls(
                rollen=frozenset(Rol.values),
                alle_zaaktypen=True,
                scopes=frozenset({"*"}),
                **common,
            )
        autorisaties = list(applicatie.autorisaties.all())
        scopes = frozenset(s for a in autorisaties for s in a.scopes)
        relevant = [a for a in autorisaties if scope is None or scope in a.scopes]
        zaaktypen = _grants_by_uuid("ZaakType", relevant, "zaaktype", applicatie)
        iotypen = _grants_by_uuid(
            "InformatieObjectType", relevant, "informatieobjecttype", applicatie
        )
        besluittypen = _grants_by_uuid("BesluitType", relevant, "besluittype", applicatie)
        rollen = {Rol.MEDEWERKER.value} if scopes else set()
        if "catalogi.schrijven" in scopes:
            rollen.add(Rol.FUNCTIONEEL_BEHEERDER.value)
        return cls(
            rollen=frozenset(rollen),
            zaaktype_grants={identificatie: m for (_pk, identificatie), m in zaaktypen.items()},
            zaaktype_id_grants={pk: m for (pk, _identificatie), m in zaaktypen.items()},
            zaaktype_identificaties={pk: i for (pk, i) in zaaktypen},
            scopes=scopes,
            informatieobjecttype_id_grants={pk: m for (pk, _i), m in iotypen.items()},
            besluittype_ids=frozenset(pk for (pk, _i) in besluittypen),
            **common,
        )

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per actor: the first call stores its result under `key`, later
        calls with that key return it without calling `compute` again.

        An actor lives for one request (or one API call, one job), so this is the place for
        derived facts that several filters of the same request need, e.g. the departments of
        a complaint rule. Use a key of your own module, such as ``("klachten", "afdelingen")``.
        Only memoise what cannot change while the actor lives; a new actor starts empty.
        """
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def heeft_scope(self, scope: str) -> bool:
        return "*" in self.scopes or scope in self.scopes

    def heeft_rol(self, *rollen: str) -> bool:
        return any(r in self.rollen for r in rollen)

    def mag_zaak_zien(
        self, zaaktype_id: int, vertrouwelijkheid: str, *, zaak_id: int | None = None
    ) -> bool:
        """The single-object twin of policies.zaak_filter, for a case already loaded.

        Pass `zaak_id` for an existing case: a case type with a department rule
        (policies.zaaktype_regel_register, e.g. complaints) is then checked with that same rule.
        Without it (a case still to be created, or a type-level question such as "may this
        colleague get tasks of this type") only the grant and confidentiality count."""
        if self.alle_zaaktypen:
            return True
        if not self.heeft_rol(Rol.MEDEWERKER):
            return False
        maximum = self.zaaktype_id_grants.get(zaaktype_id)
        if maximum is None or vertrouwelijkheid not in Vertrouwelijkheid.up_to(maximum):
            return False
        if zaak_id is None:
            return True
        from raadhuis.kernel.access.policies import zaaktype_regel_toegestaan  # imports us

        return zaaktype_regel_toegestaan(self, zaaktype_id=zaaktype_id, zaak_id=zaak_id)


def _grants_by_uuid(
    model_name: str, autorisaties: list[Any], url_field: str, applicatie: Applicatie
) -> dict[tuple[int, str], str]:
    """(pk, identificatie) -> max confidentiality for the local types the URLs point at: ours by
    the uuid at the end of the URL, local copies of external types by their original URL."""
    from django.apps import apps
    from django.db.models import Q

    by_uuid: dict[uuid.UUID, str] = {}
    by_url: dict[str, str] = {}
    for autorisatie in autorisaties:
        url = getattr(autorisatie, url_field)
        level = autorisatie.max_vertrouwelijkheidaanduiding or Vertrouwelijkheid.ZEER_GEHEIM
        type_uuid = _uuid_at_end(url)
        if type_uuid:
            by_uuid[type_uuid] = level
        if url:
            by_url[url] = level
    if not by_uuid and not by_url:
        return {}
    model = apps.get_model("catalog", model_name)
    matches = Q(uuid__in=list(by_uuid))
    extern = any(f.name == "extern_url" for f in model._meta.get_fields())
    if extern:
        matches |= Q(extern_url__in=list(by_url))
    rows = model.objects.filter(matches, catalogus__organisatie_id=applicatie.organisatie_id)
    naam = "identificatie" if model_name == "ZaakType" else "omschrijving"
    grants = {}
    for row in rows.values("pk", naam, "uuid", *(["extern_url"] if extern else [])):
        level = by_uuid.get(row["uuid"]) or by_url.get(row.get("extern_url") or "")
        if level:
            grants[(row["pk"], row[naam])] = level
    return grants


def _uuid_at_end(url: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(url.rstrip("/").rsplit("/", 1)[-1]) if url else None
    except ValueError:
        return None
