from raadhuis.apis.catalogi.serializers.onderdelen import (
    EigenschapSerializer,
    ResultaatTypeSerializer,
    RolTypeSerializer,
    StatusTypeSerializer,
    ZaakObjectTypeSerializer,
    ZaakTypeInformatieObjectTypeSerializer,
)
from raadhuis.apis.catalogi.serializers.typen import (
    BesluitTypeSerializer,
    CatalogusSerializer,
    InformatieObjectTypeSerializer,
    ZaakTypeSerializer,
)

__all__ = [
    "BesluitTypeSerializer",
    "CatalogusSerializer",
    "EigenschapSerializer",
    "InformatieObjectTypeSerializer",
    "ResultaatTypeSerializer",
    "RolTypeSerializer",
    "StatusTypeSerializer",
    "ZaakObjectTypeSerializer",
    "ZaakTypeInformatieObjectTypeSerializer",
    "ZaakTypeSerializer",
]
