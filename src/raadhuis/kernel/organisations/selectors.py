from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.organisations.models import Medewerker, Organisatie


def medewerker_for_user(*, user: User, organisatie_id: int | None) -> Medewerker | None:
    """The active medewerker record of `user` in the chosen (or else the first) organisation."""
    qs = (
        Medewerker.objects.filter(user=user, actief=True)
        .select_related("organisatie")
        .prefetch_related("zaaktype_autorisaties")
        .order_by("organisatie_id")
    )
    if organisatie_id is not None:
        chosen = qs.filter(organisatie_id=organisatie_id).first()
        if chosen is not None:
            return chosen
    return qs.first()


def medewerkers_for_user(*, user: User) -> list[Medewerker]:
    return list(Medewerker.objects.filter(user=user, actief=True).select_related("organisatie"))


def andere_organisatie_rsin_check(*, organisatie: Organisatie, rsin: str, veld: str) -> None:
    """Refuse an RSIN of another organisation of this installation.

    An organisation registers its own records, or those of an organisation outside Raadhuis;
    never another tenant's. Without this, an application of one tenant could create records in
    another tenant's numbering and learn, from 'identificatie not unique', which numbers that
    tenant uses."""
    if rsin and rsin != organisatie.rsin and Organisatie.objects.filter(rsin=rsin).exists():
        raise field_error(
            veld,
            _("Dit RSIN is van een andere organisatie; registreer alleen voor je eigen."),
            code="andere-organisatie",
        )
