"""The BRP (Basisregistratie Personen) through the Haal Centraal BRP Personen API.

Public interface::

    from raadhuis.kernel.integrations.brp import BrpFout, brp_client

    persoon = brp_client().persoon("999990019")          # BrpPersoon | None
    gevonden = brp_client().zoek(geslachtsnaam="Steekproef", geboortedatum=date(1987, 7, 21))

Staff code does not call the client directly: kernel/parties/brp.py checks the role and writes
the processing log (`brp_personen_zoeken`, `brp_persoon_raadplegen`, `partij_from_brp`).
The local test double (fictitious persons, for the demo and the tests) is `double.py`.
"""

from raadhuis.kernel.integrations.brp.client import BrpClient, BrpFout, brp_client
from raadhuis.kernel.integrations.brp.records import BrpAdres, BrpPersoon, BrpRelatie

__all__ = ["BrpAdres", "BrpClient", "BrpFout", "BrpPersoon", "BrpRelatie", "brp_client"]
