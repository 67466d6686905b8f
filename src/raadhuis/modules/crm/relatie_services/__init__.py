"""The writes of relations, re-exported by `raadhuis.modules.crm.services` (import them from
there): the relation profile and tags (profiel), relations from the registers and by hand
(registers), contact persons and representation (contactpersonen)."""
