"""Which status a complaint may move to, with the rule each line comes from.

The services check every change against this table; the detail page offers only the actions
whose target status is allowed from the current one.
"""

from __future__ import annotations

from raadhuis.modules.crm.klachten.models import KlachtStatus as S

# (from, to): reference
OVERGANGEN: dict[tuple[str, str], str] = {
    (S.ONTVANGEN, S.ONTVANGST_BEVESTIGD): "Awb 9:6: ontvangst schriftelijk bevestigen",
    # An oral complaint (phone, counter) needs no written acknowledgement (Awb 9:4 lid 1 / 9:6
    # apply to a written complaint); a written one is acknowledged first (checked in services).
    (S.ONTVANGEN, S.IN_BEHANDELING): "Awb 9:2: behoorlijke behandeling van mondelinge klachten",
    (S.ONTVANGEN, S.INFORMEEL_OPGELOST): "Awb 9:5: naar tevredenheid van de klager opgelost",
    (S.ONTVANGEN, S.NIET_ONTVANKELIJK): "Awb 9:8: geen verplichting tot behandeling",
    (S.ONTVANGEN, S.INGETROKKEN): "Klager trekt de klacht in",
    (S.ONTVANGST_BEVESTIGD, S.IN_BEHANDELING): "Awb 9:7: behandeling door een niet-betrokkene",
    (S.ONTVANGST_BEVESTIGD, S.INFORMEEL_OPGELOST): "Awb 9:5",
    (S.ONTVANGST_BEVESTIGD, S.NIET_ONTVANKELIJK): "Awb 9:8",
    (S.ONTVANGST_BEVESTIGD, S.INGETROKKEN): "Klager trekt de klacht in",
    (S.IN_BEHANDELING, S.HOORZITTING): "Awb 9:10 lid 1: klager in de gelegenheid stellen gehoord "
    "te worden",
    (S.IN_BEHANDELING, S.BESLUIT_VERZONDEN): "Awb 9:12, na afzien van horen (Awb 9:10 lid 2)",
    (S.IN_BEHANDELING, S.INFORMEEL_OPGELOST): "Awb 9:5",
    (S.IN_BEHANDELING, S.NIET_ONTVANKELIJK): "Awb 9:8",
    (S.IN_BEHANDELING, S.INGETROKKEN): "Klager trekt de klacht in",
    (S.HOORZITTING, S.BESLUIT_VERZONDEN): "Awb 9:12: schriftelijke afhandeling met bevindingen, "
    "oordeel en conclusies",
    (S.HOORZITTING, S.INFORMEEL_OPGELOST): "Awb 9:5",
    (S.HOORZITTING, S.INGETROKKEN): "Klager trekt de klacht in",
    (S.BESLUIT_VERZONDEN, S.AFGEHANDELD): "Awb 9:12a: registratie van de afgehandelde klacht",
}


def mag_naar(huidig: str, nieuw: str) -> bool:
    return (huidig, nieuw) in OVERGANGEN


def volgende_statussen(huidig: str) -> list[str]:
    return [nieuw for (van, nieuw) in OVERGANGEN if van == huidig]
