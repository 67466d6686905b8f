"""A test double for the creditors behind the Schuldenknooppunt: it picks up the request
batches from `uitgaand/` and writes answer files into `inkomend/`, as creditors would. Used by
the tests and the demo; amounts come from a table per kenmerk (or a default)."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from raadhuis.modules.shv.koppelingen.adapters.skn import FORMAAT


@dataclass
class SchuldeisersDouble:
    """`saldi`: kenmerk -> the balance the creditor states; `akkoord`: kenmerk -> accepts a
    payment proposal (default True); `stil`: kenmerken the creditor never answers."""

    map: Path
    saldi: dict[str, Decimal] = field(default_factory=dict)
    standaard_saldo: Decimal = Decimal("100.00")
    akkoord: dict[str, bool] = field(default_factory=dict)
    stil: set[str] = field(default_factory=set)
    ontvangen: list[dict[str, Any]] = field(default_factory=list)

    def beantwoorden(self, op: date | None = None) -> list[Path]:
        """Answer every request batch waiting in uitgaand/; returns the answer files written."""
        uitgaand, inkomend, afgeleverd = (
            self.map / "uitgaand",
            self.map / "inkomend",
            self.map / "afgeleverd",
        )
        inkomend.mkdir(parents=True, exist_ok=True)
        afgeleverd.mkdir(parents=True, exist_ok=True)
        geschreven = []
        for pad in sorted(uitgaand.glob("*.json")):
            batch = json.loads(pad.read_text(encoding="utf-8"))
            self.ontvangen.append(batch)
            datum = op or timezone.localdate()
            antwoorden = [a for a in (self._antwoord(b, datum) for b in batch["berichten"]) if a]
            doel = inkomend / f"antwoord-{batch['batch']}.json"
            doel.write_text(
                json.dumps({"formaat": FORMAAT, "berichten": antwoorden}, indent=2),
                encoding="utf-8",
            )
            os.replace(pad, afgeleverd / pad.name)
            geschreven.append(doel)
        return geschreven

    def _antwoord(self, verzoek: dict[str, Any], op: date) -> dict[str, Any] | None:
        kenmerk = verzoek.get("kenmerk", "")
        if kenmerk in self.stil:
            return None
        basis = {
            "bericht_id": str(uuid.uuid4()),
            "in_antwoord_op": verzoek["bericht_id"],
            "schuld": verzoek["schuld"],
            "datum": op.isoformat(),
        }
        if verzoek["soort"] == "saldoverzoek":
            saldo = self.saldi.get(kenmerk, self.standaard_saldo)
            return basis | {
                "soort": "opgave",
                "actueel_bedrag": str(saldo),
                "kenmerk": kenmerk or f"SKN-{verzoek['bericht_id'][:8]}",
            }
        if verzoek["soort"] == "betaalvoorstel":
            return basis | {"soort": "akkoord", "akkoord": self.akkoord.get(kenmerk, True)}
        return None
