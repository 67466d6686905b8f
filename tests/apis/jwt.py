"""Helpers for API tests: an application with given scopes and a client that sends its JWT."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from typing import Any

import jwt
from rest_framework.test import APIClient

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.services import AutorisatieData, applicatie_create
from raadhuis.kernel.organisations.models import Organisatie

TYPE_PATHS = {
    "zrc": ("zaaktype", "zaaktypen"),
    "drc": ("informatieobjecttype", "informatieobjecttypen"),
    "brc": ("besluittype", "besluittypen"),
}


def make_jwt(client_id: str, secret: str, **claims: Any) -> str:
    payload = {"iss": client_id, "client_id": client_id, "iat": int(time.time())}
    payload.update(claims)
    return jwt.encode(payload, secret, algorithm="HS256")


def type_url(component: str, obj: Any) -> str:
    _field, path = TYPE_PATHS[component]
    return f"http://testserver/catalogi/api/v1/{path}/{obj.uuid}"


def applicatie_for(
    organisatie: Organisatie,
    *,
    scopes: Iterable[str] = (),
    component: str = "zrc",
    types: Iterable[Any] = (),
    max_vertrouwelijkheid: str = "zeer_geheim",
    alle_autorisaties: bool = False,
    client_id: str = "",
    secret: str = "test-secret",
) -> tuple[Applicatie, str, str]:
    """An application with one autorisatie per type (or one without type for ztc/ac/nrc)."""
    client_id = client_id or f"test-{uuid.uuid4().hex[:8]}"
    autorisaties: list[AutorisatieData] = []
    if not alle_autorisaties:
        field = TYPE_PATHS.get(component, ("", ""))[0]
        for obj in list(types) or [None]:
            data = AutorisatieData(component=component, scopes=list(scopes))
            if field and obj is not None:
                setattr(data, field, type_url(component, obj))
                data.max_vertrouwelijkheidaanduiding = max_vertrouwelijkheid
            autorisaties.append(data)
    applicatie = applicatie_create(
        Actor.system(organisatie),
        label=f"Testapplicatie {client_id}",
        client_ids=[client_id],
        secrets={client_id: secret},
        heeft_alle_autorisaties=alle_autorisaties,
        autorisaties=autorisaties,
    )
    return applicatie, client_id, secret


def api_client_for(organisatie: Organisatie, **kwargs: Any) -> APIClient:
    """A DRF test client whose requests carry a valid ZGW JWT (see `applicatie_for`)."""
    _applicatie, client_id, secret = applicatie_for(organisatie, **kwargs)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_jwt(client_id, secret)}")
    client.applicatie = _applicatie
    return client
