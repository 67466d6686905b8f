"""Raadhuis: an open back-office platform for Dutch and Belgian municipalities."""

__version__ = "0.1.0"
