"""The texts of the CRM template library, one module per category (Dutch, B1 level,
fictitious)."""
