"""Connections to other systems (external ZGW APIs configured as zgw-consumers services)."""
