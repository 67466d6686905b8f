from __future__ import annotations

from django.contrib.auth.models import User

from raadhuis.kernel.organisations.models import Medewerker


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
