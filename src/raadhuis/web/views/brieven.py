"""Placeholder: filled in by its owner. `urlpatterns` is included by raadhuis.web.urls."""

from __future__ import annotations

urlpatterns: list = []
