"""Paging for GET /zaken that stays fast on a large table while giving the exact `count` the
specification requires.

A page is read with one row extra: if that row is not there, this is the last page and
`count = offset + rows on this page`, with no COUNT query at all. Otherwise an unfiltered list
takes its count from the counts PostgreSQL keeps per organisation, case type and
confidentiality (kernel.cases.tellingen: a sum of a few hundred rows, whatever the size of the
table), and a filtered one runs one `COUNT(*)` over the filtered set (access filter and query
filters, without ordering or joins for display), which the indexes on the filtered columns
serve. A view may read its rows itself (`pagina_rijen(queryset, offset, limit)`): GET /zaken
chooses a page on the case ids first and joins only that page's rows (apis/zaken/lijst.py).
See docs/api/zaken.md.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from raadhuis.apis.common.pagination import ZGWPageSizePagination

MAX_PAGE = 10**9


class ZakenPagination(ZGWPageSizePagination):
    """ZGW page-number paging with `pageSize`, an exact count and no COUNT on the last page."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any]:
        self.request = request
        page_size = self.get_page_size(request) or self.page_size
        raw = request.query_params.get(self.page_query_param, "1")
        try:
            number = int(raw)
        except (TypeError, ValueError) as error:
            raise NotFound(self.invalid_page_message) from error
        # a page number beyond any real result would overflow the database's OFFSET (500)
        if number < 1 or number > MAX_PAGE:
            raise NotFound(self.invalid_page_message)
        offset = (number - 1) * page_size
        rows = self._rows(queryset, view, offset, page_size + 1)
        self.has_next = len(rows) > page_size
        rows = rows[:page_size]
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message)
        self.number = number
        self.count = self._count(queryset, view) if self.has_next else offset + len(rows)
        return rows

    @staticmethod
    def _rows(queryset: QuerySet[Any], view: Any, offset: int, limit: int) -> list[Any]:
        """The page's rows (and one more): through the view's own loader where it has one."""
        loader = getattr(view, "pagina_rijen", None)
        if loader is not None:
            return list(loader(queryset, offset, limit))
        return list(queryset[offset : offset + limit])

    @staticmethod
    def _count(queryset: QuerySet[Any], view: Any) -> int:
        kept = getattr(view, "aantal_zonder_filters", None)
        aantal = kept() if kept is not None else None
        return queryset.count() if aantal is None else aantal

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.number + 1)

    def get_previous_link(self) -> str | None:
        if self.number <= 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )


class ZakenPaginationZonderPageSize(ZakenPagination):
    """The same for the sub-resources, whose lists have no `pageSize` in the specification."""

    page_size_query_param = None
