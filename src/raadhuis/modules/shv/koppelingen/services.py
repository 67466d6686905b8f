"""Every write of the links, importable from one place: signals (signalen.py), the migration
import (migratie.py), the Schuldenknooppunt exchange (skn.py) and the VISH (vish.py)."""

from __future__ import annotations

from raadhuis.modules.shv.koppelingen.signalen import (  # noqa: F401  (public write API)
    signaal_afsluiten,
    signaal_omzetten,
    signaal_oppakken,
    signalen_importeren,
)
