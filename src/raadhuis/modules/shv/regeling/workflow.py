"""Allowed status transitions of a settlement and of a court request, each with its source."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.modules.shv.regeling.models import RegelingStatus as R
from raadhuis.modules.shv.regeling.models import VerzoekStatus as V

REGELING_OVERGANGEN: dict[tuple[str, str], str] = {
    (R.CONCEPT, R.AANGEBODEN): "NVVK Gedragscode Schuldhulpverlening: het aanbod aan alle "
    "schuldeisers, met de VTLB-berekening als onderbouwing",
    (R.CONCEPT, R.VERVALLEN): "een nieuw aanbod vervangt het concept",
    (R.AANGEBODEN, R.VERVALLEN): "een verbeterd aanbod na weigering of nieuwe gegevens",
    (R.AANGEBODEN, R.LOPEND): "alle schuldeisers akkoord, of de rechter legt de regeling op "
    "(dwangakkoord, art. 287a Fw)",
    (R.AANGEBODEN, R.MISLUKT): "het minnelijk traject is mislukt; verzoekschrift toelating "
    "Wsnp (art. 284 en 285 Fw)",
    (R.LOPEND, R.AFGEROND): "looptijd verstreken: slotuitkering en finale kwijting",
    (R.LOPEND, R.MISLUKT): "de regeling is tussentijds beëindigd (bijv. wegens "
    "niet-nakoming); verzoekschrift Wsnp",
}

VERZOEK_OVERGANGEN: dict[tuple[str, str], str] = {
    (V.CONCEPT, V.INGEDIEND): "verzoekschrift ingediend bij de rechtbank (art. 284, 287a, 287b Fw)",
    (V.INGEDIEND, V.TOEGEWEZEN): "uitspraak van de rechtbank",
    (V.INGEDIEND, V.AFGEWEZEN): "uitspraak van de rechtbank",
}


def regeling_overgang_check(van: str, naar: str) -> None:
    if (van, naar) not in REGELING_OVERGANGEN:
        raise ValidationError(
            _("Een regeling met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": R(van).label, "naar": R(naar).label},
            code="regeling-overgang",
        )


def verzoek_overgang_check(van: str, naar: str) -> None:
    if (van, naar) not in VERZOEK_OVERGANGEN:
        raise ValidationError(
            _("Een verzoek met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": V(van).label, "naar": V(naar).label},
            code="verzoek-overgang",
        )
