"""Page-number pagination as the ZGW APIs have it: `?page=n`, a body with count, next,
previous and results. A page that does not exist (or is not a number) answers 404, as the
reference implementation does."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class ZGWPagination(PageNumberPagination):
    """100 results a page, no client-chosen size (Catalogi, Documenten, Besluiten, ...)."""

    page_size = 100
    page_query_description = _("Een pagina binnen de gepagineerde set resultaten.")
    invalid_page_message = _("Ongeldige pagina.")
    last_page_strings = ()

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # The specifications list no required properties for the Paginated*List schemas.
        response_schema = super().get_paginated_response_schema(schema)
        response_schema.pop("required", None)
        return response_schema


class ZGWPageSizePagination(ZGWPagination):
    """With `?pageSize=` (default 100, maximum 500), as the Zaken API 1.5+ has it."""

    page_size_query_param = "pageSize"
    page_size_query_description = _(
        "Het aantal resultaten terug te geven per pagina. (default: 100, maximum: 500)."
    )
    max_page_size = 500
