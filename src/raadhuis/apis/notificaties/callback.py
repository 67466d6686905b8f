"""Callback URLs of abonnementen must not reach into the organisation's own network.

A notification is an HTTP POST that Raadhuis sends on behalf of whoever registered the
abonnement. Pointed at a loopback or private address (127.0.0.1, 10.x, 192.168.x, fd00::/8, ...)
it becomes a request from inside the network to a service that never meant to be reachable
from outside (server-side request forgery). So such addresses are refused, also when a host
name resolves to one, unless the organisation allows them: installations where the
subscribers really run next to Raadhuis (Common Ground components on one host, the test
suite's own subscriber) list the organisation's RSIN, or `*`, in the setting
`NOTIFICATIES_INTERNE_CALLBACKS` (environment: `RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS`,
comma-separated).

The kernel (events.services.callback_url_check) refuses what is never a subscriber in any
installation (link-local, among which the cloud metadata service, unspecified and multicast).
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from raadhuis.kernel.organisations.models import Organisatie

SETTING = "NOTIFICATIES_INTERNE_CALLBACKS"
ENV = "RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS"
ALLE = "*"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def interne_callbacks_toegestaan(organisatie: Organisatie) -> bool:
    """Whether this organisation's abonnementen may point at internal addresses."""
    waarde = getattr(settings, SETTING, None)
    if waarde is None:
        waarde = os.environ.get(ENV, "")
    if isinstance(waarde, str):
        waarde = [w.strip() for w in waarde.split(",")]
    toegestaan = {str(w).strip() for w in waarde if str(w).strip()}
    return ALLE in toegestaan or organisatie.rsin in toegestaan


def _adressen(host: str) -> list[IPAddress]:
    """The addresses a host stands for: itself when it is one, else what it resolves to.
    A name that does not resolve has no address (delivery will fail and be retried)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        gevonden = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    adressen: list[IPAddress] = []
    for *_rest, sockaddr in gevonden:
        try:
            adressen.append(ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0]))
        except ValueError:
            continue
    return adressen


def is_intern(adres: IPAddress) -> bool:
    """Loopback, private, shared (CGNAT), reserved and documentation ranges: everything that
    is not a globally reachable address. An IPv4 address inside IPv6 counts as itself."""
    if isinstance(adres, ipaddress.IPv6Address) and adres.ipv4_mapped is not None:
        adres = adres.ipv4_mapped
    if adres.is_link_local or adres.is_unspecified or adres.is_multicast:
        return False  # refused in every installation by the kernel, with its own message
    return not adres.is_global


def callback_url_intern_check(url: str, organisatie: Organisatie) -> None:
    """Refuse a callback URL that reaches an internal address, unless allowed (see above)."""
    host = urlsplit(url).hostname
    if not host or interne_callbacks_toegestaan(organisatie):
        return
    if any(is_intern(adres) for adres in _adressen(host)):
        raise serializers.ValidationError(
            _(
                "Dit adres ligt in een intern netwerk (loopback of een privé-adresbereik) en is "
                "niet toegestaan als callback-adres. Geef een publiek bereikbaar adres, of laat "
                "de beheerder interne adressen voor deze organisatie toestaan "
                "(instelling RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS)."
            ),
            code="intern-adres",
        )
