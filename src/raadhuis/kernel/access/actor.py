"""Who is acting: a medewerker in one organisation, an API application, or the system.

Every service and selector takes an `Actor`. It carries the roles and case-type grants, so a
permission check never needs another query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, Rol


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
    # Applications and the system may be granted every case type.
    alle_zaaktypen: bool = False

    @classmethod
    def for_medewerker(cls, medewerker: Medewerker) -> Actor:
        from raadhuis.kernel.catalog.models import ZaakType

        grants = {
            a.zaaktype_identificatie: a.max_vertrouwelijkheidaanduiding
            for a in medewerker.zaaktype_autorisaties.all()
        }
        id_grants = (
            {
                pk: grants[identificatie]
                for pk, identificatie in ZaakType.objects.filter(
                    catalogus__organisatie_id=medewerker.organisatie_id, identificatie__in=grants
                ).values_list("pk", "identificatie")
            }
            if grants
            else {}
        )
        return cls(
            organisatie=medewerker.organisatie,
            weergave=medewerker.naam,
            type="medewerker",
            medewerker=medewerker,
            user_id=medewerker.user_id,
            rollen=frozenset(medewerker.rollen),
            zaaktype_grants=grants,
            zaaktype_id_grants=id_grants,
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

    def heeft_rol(self, *rollen: str) -> bool:
        return any(r in self.rollen for r in rollen)

    def mag_zaak_zien(self, zaaktype_identificatie: str, vertrouwelijkheid: str) -> bool:
        """The in-Python twin of selectors' SQL filter, for a single object already loaded."""
        if self.alle_zaaktypen:
            return True
        if not self.heeft_rol(Rol.MEDEWERKER):
            return False
        maximum = self.zaaktype_grants.get(zaaktype_identificatie)
        return maximum is not None and vertrouwelijkheid in Vertrouwelijkheid.up_to(maximum)
