"""The KvK Handelsregister through the KvK APIs Zoeken (v1) and Basisprofiel (v1).

Public interface::

    from raadhuis.kernel.integrations.kvk import KvkFout, kvk_client

    pagina = kvk_client().zoeken(handelsnaam="Testoven", plaats="'s-Hertogenbosch")
    profiel = kvk_client().basisprofiel("98000011", geo_data=True)   # KvkBasisprofiel | None

Staff code does not call the client directly: kernel/parties/kvk.py checks the role and writes
the audit trail (`kvk_zoeken`, `kvk_basisprofiel_raadplegen`, `partij_uit_kvk`).
The local test double (fictitious companies, for the demo and the tests) is `double.py`.
"""

from raadhuis.kernel.integrations.kvk.client import KvkClient, KvkFout, kvk_client
from raadhuis.kernel.integrations.kvk.records import (
    KvkAdres,
    KvkBasisprofiel,
    KvkEigenaar,
    KvkSbiActiviteit,
    KvkVestiging,
    KvkVestigingBasis,
    KvkZoekpagina,
    KvkZoekresultaat,
)

__all__ = [
    "KvkAdres",
    "KvkBasisprofiel",
    "KvkClient",
    "KvkEigenaar",
    "KvkFout",
    "KvkSbiActiviteit",
    "KvkVestiging",
    "KvkVestigingBasis",
    "KvkZoekpagina",
    "KvkZoekresultaat",
    "kvk_client",
]
