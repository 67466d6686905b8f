"""The allowed status changes of an early-warning signal, one line per transition with where
it comes from."""

from __future__ import annotations

from raadhuis.modules.shv.koppelingen.models import SignaalStatus as S

# Wgs art. 3 lid 1 (vroegsignalering): the municipality acts on a signal by offering help;
# the outcome is a track, a refusal, or no contact after the outreach attempts.
SIGNAAL_OVERGANGEN: dict[str, dict[str, str]] = {
    S.NIEUW: {
        S.IN_BEHANDELING: "consultant picks the signal up for outreach",
        S.OMGEZET: "contact at once: an outreach case (Wgs art. 3)",
        S.AFGEWEZEN: "not for us (e.g. arrears already paid, outside the municipality)",
        S.GEEN_CONTACT: "no contact possible (e.g. address unknown)",
    },
    S.IN_BEHANDELING: {
        S.OMGEZET: "contact made, help accepted: an outreach case",
        S.AFGEWEZEN: "contact made, help refused or not needed",
        S.GEEN_CONTACT: "no contact after the outreach attempts",
    },
}

SIGNAAL_OPEN = (S.NIEUW, S.IN_BEHANDELING)


def signaal_mag_naar(huidig: str, nieuw: str) -> bool:
    return nieuw in SIGNAAL_OVERGANGEN.get(huidig, {})
