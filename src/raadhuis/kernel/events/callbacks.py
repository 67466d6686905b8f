"""Which callback URLs a subscriber (abonnement) may register: checked by the kernel services
abonnement_create and abonnement_update, so every way to register one (Notificaties API,
screens, scripts) applies the same rules.

A notification is an HTTP POST that Raadhuis sends on behalf of whoever registered the
abonnement. Two rules keep that from becoming a request into places nobody meant to expose
(server-side request forgery):

- Never, in any installation: other schemes than http(s), and link-local (among which the cloud
  metadata service 169.254.169.254), unspecified and multicast addresses (code `invalid`).
- Loopback and private addresses (127.0.0.1, 10.x, 192.168.x, fd00::/8, ...), also when a host
  name resolves to one (code `intern-adres`), unless the organisation allows them:
  installations where the subscribers really run next to Raadhuis (Common Ground components on
  one host, a test suite's own subscriber) list the organisation's RSIN, or `*`, in the setting
  `NOTIFICATIES_INTERNE_CALLBACKS` (environment: `RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS`,
  comma-separated).

The system actor (the installation's own code: set-up scripts, the demo, tests) is not held to
the second rule; people and applications are.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.organisations.models import Organisatie

SETTING = "NOTIFICATIES_INTERNE_CALLBACKS"
ENV = "RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS"
ALLE = "*"
CODE_INTERN = "intern-adres"

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
        return False  # refused in every installation by callback_url_vorm_check
    return not adres.is_global


def callback_url_vorm_check(url: str) -> None:
    """The first rule: http(s) with a host, never a link-local, unspecified or multicast
    address. Localhost is the second rule's (callback_url_intern_check)."""
    delen = urlsplit(url)
    if delen.scheme not in ("http", "https") or not delen.hostname:
        raise field_error(
            "callback_url", _("Geef een http- of https-adres met een hostnaam."), code="invalid"
        )
    try:
        adres = ipaddress.ip_address(delen.hostname)
    except ValueError:
        return  # a host name
    if adres.is_link_local or adres.is_unspecified or adres.is_multicast:
        raise field_error(
            "callback_url", _("Dit adres is niet toegestaan als callback-adres."), code="invalid"
        )


def callback_url_intern_check(url: str, organisatie: Organisatie) -> None:
    """The second rule: refuse a URL that reaches an internal address, unless the organisation
    allows them (module docstring)."""
    host = urlsplit(url).hostname
    if not host or interne_callbacks_toegestaan(organisatie):
        return
    if any(is_intern(adres) for adres in _adressen(host)):
        raise field_error(
            "callback_url",
            _(
                "Dit adres ligt in een intern netwerk (loopback of een privé-adresbereik) en is "
                "niet toegestaan als callback-adres. Geef een publiek bereikbaar adres, of laat "
                "de beheerder interne adressen voor deze organisatie toestaan "
                "(instelling RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS)."
            ),
            code=CODE_INTERN,
        )


def callback_url_check(actor: Actor, url: str) -> None:
    """Both rules for a callback URL that `actor` registers (Django ValidationError on the
    field `callback_url`, with code `invalid` or `intern-adres`)."""
    callback_url_vorm_check(url)
    if actor.type != "systeem":
        callback_url_intern_check(url, actor.organisatie)
