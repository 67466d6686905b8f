"""Shared by `raadhuis vtlb` and `raadhuis verdeling`: read a JSON file (or `-` for standard
input), validate it with the API's serializer, and turn errors into Dutch messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from rest_framework import serializers


def json_lezen(pad: str) -> Any:
    try:
        tekst = sys.stdin.read() if pad == "-" else Path(pad).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise CommandError(f"Bestand niet gevonden: {pad}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Bestand {pad} is niet te lezen: {error}") from error
    try:
        return json.loads(tekst)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"Bestand {pad} bevat geen geldige JSON (regel {error.lineno}, kolom {error.colno})."
        ) from error


def _meldingen(detail: Any, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        return [m for veld, sub in detail.items() for m in _meldingen(sub, f"{prefix}{veld}.")]
    if isinstance(detail, list):
        regels = []
        for index, item in enumerate(detail):
            sub = f"{prefix}{index}." if isinstance(item, dict | list) else prefix
            regels.extend(_meldingen(item, sub))
        return regels
    veld = prefix.rstrip(".") or "invoer"
    return [f"{veld}: {detail}"]


def valideren(serializer: serializers.Serializer) -> dict[str, Any]:
    if not isinstance(serializer.initial_data, dict):
        raise CommandError("De invoer moet een JSON-object zijn ({...}).")
    if not serializer.is_valid():
        raise CommandError("Ongeldige invoer:\n  " + "\n  ".join(_meldingen(serializer.errors)))
    return serializer.validated_data


def django_fout(error: ValidationError) -> CommandError:
    if hasattr(error, "error_dict"):
        regels = [
            f"{veld}: {' '.join(str(m) for m in fouten)}"
            for veld, fouten in error.message_dict.items()
        ]
    else:
        regels = [str(m) for m in error.messages]
    return CommandError("De berekening kan niet worden gemaakt:\n  " + "\n  ".join(regels))


def json_schrijven(stdout: Any, document: Any) -> None:
    stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
