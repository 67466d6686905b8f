"""What the letter pages share: who may use them, and which template kinds are letters."""

from __future__ import annotations

from raadhuis.kernel.messaging.models import SjabloonSoort
from raadhuis.kernel.organisations.models import Rol

BEHEER = [Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER]
MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]
# The template kinds "Brief versturen" on a case offers.
BRIEFSOORTEN = (SjabloonSoort.BRIEF, SjabloonSoort.OFFERTE)
