"""`?expand=` (ZGW "inclusions"): embed the resources a resource refers to by URL under
`_expand`, e.g. `?expand=statustypen,catalogus` or, one level deeper,
`?expand=statustypen.zaaktype`. A referred resource is fetched through its own viewset, so it
is scoped exactly as a direct GET would be; one the caller may not see is left out (`{}` for a
single reference, absent from a list).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.fields import path_of

EXPAND_PARAM = "expand"
EXPAND_KEY = "_expand"

Tree = dict[str, "Tree"]


def expand_tree(value: str) -> Tree:
    """ "a,b.c,b.d" -> {"a": {}, "b": {"c": {}, "d": {}}}"""
    tree: Tree = {}
    for item in value.split(","):
        node = tree
        for part in (p.strip() for p in item.split(".")):
            if part:
                node = node.setdefault(part, {})
    return tree


class Expander:
    """Fetches referred resources for one request, each URL once."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.cache: dict[str, tuple[dict[str, Any], Any] | None] = {}

    def resource(self, url: str) -> tuple[dict[str, Any], Any] | None:
        """The resource at `url` as its own viewset answers it, and that viewset."""
        if url not in self.cache:
            self.cache[url] = self._fetch(url)
        return self.cache[url]

    def _fetch(self, url: str) -> tuple[dict[str, Any], Any] | None:
        if not url.startswith(self.request.build_absolute_uri("/")):
            return None  # another API's resource (an external document): not ours to embed
        try:
            match = resolve(path_of(url))
        except Resolver404:
            return None
        view_class = getattr(match.func, "cls", None)
        if view_class is None or not issubclass(view_class, ExpandMixin):
            return None
        view = view_class(request=self.request, args=(), kwargs=match.kwargs, format_kwarg=None)
        view.action = "retrieve"
        try:
            obj = view.get_object()
        except (exceptions.APIException, Http404, ObjectDoesNotExist):
            return None
        return dict(view.get_serializer(obj).data), view

    def expand(self, data: dict[str, Any], tree: Tree, view: ExpandMixin) -> dict[str, Any]:
        """`data` with `_expand` holding each field of `tree` (recursively)."""
        embedded: dict[str, Any] = {}
        for field, subtree in tree.items():
            if field not in data:
                raise exceptions.ValidationError(
                    {
                        EXPAND_PARAM: [
                            exceptions.ErrorDetail(
                                _("'{field}' kan niet uitgebreid worden.").format(field=field),
                                code="invalid-expand",
                            )
                        ]
                    }
                )
            value = view.expand_value(data, field)
            if isinstance(value, list):
                found = [self.resource(v) for v in value if isinstance(v, str) and v]
                embedded[field] = [self.expand(d, subtree, v) for d, v in filter(None, found)]
            elif isinstance(value, str) and value:
                item = self.resource(value)
                embedded[field] = self.expand(item[0], subtree, item[1]) if item else {}
            else:
                embedded[field] = {}
        if embedded:
            data = {**data, EXPAND_KEY: embedded}
        return data


class ExpandMixin:
    """list and retrieve honour `?expand=`."""

    request: Request

    def expand_value(self, data: dict[str, Any], field: str) -> Any:
        """The URL(s) a field of an answer refers to; override for fields that refer
        otherwise (by name, or inside nested objects)."""
        return data.get(field)

    def _expanded(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        value = self.request.query_params.get(EXPAND_PARAM, "")
        tree = expand_tree(value) if value else {}
        if not tree:
            return items
        expander = Expander(self.request)
        return [expander.expand(dict(item), tree, self) for item in items]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        page = self.paginate_queryset(queryset)  # type: ignore[attr-defined]
        if page is not None:
            data = self.get_serializer(page, many=True).data  # type: ignore[attr-defined]
            return self.get_paginated_response(self._expanded(list(data)))  # type: ignore[attr-defined]
        data = self.get_serializer(queryset, many=True).data  # type: ignore[attr-defined]
        return Response(self._expanded(list(data)))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        data = self.get_serializer(instance).data  # type: ignore[attr-defined]
        return Response(self._expanded([dict(data)])[0])
