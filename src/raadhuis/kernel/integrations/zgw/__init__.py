"""Objects in other ZGW APIs, fetched through a `zgw_consumers` Service an administrator
configured in the Django admin (api root, API type, ZGW client id and secret)."""

from raadhuis.kernel.integrations.zgw.client import ExternFout, resolve, service_for

__all__ = ["ExternFout", "resolve", "service_for"]
