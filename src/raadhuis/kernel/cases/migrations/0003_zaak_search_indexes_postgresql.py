"""PostgreSQL-only indexes for searching the case list, and planner statistics.

Django compiles istartswith/icontains to UPPER(col) LIKE ..., so the indexes are on UPPER():
a trigram GIN index for the description and a pattern index for case-number prefixes. The
extended statistics tell the planner how zaaktype and confidentiality go together, so it picks
the access index when an actor is granted few cases.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS zaak_omschrijving_trgm_idx "
    "ON cases_zaak USING gin (UPPER(omschrijving) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS zaak_identificatie_prefix_idx "
    "ON cases_zaak (organisatie_id, UPPER(identificatie) text_pattern_ops)",
    "CREATE STATISTICS IF NOT EXISTS zaak_type_vertrouwelijkheid_stats (mcv, dependencies) "
    "ON zaaktype_id, vertrouwelijkheidaanduiding FROM cases_zaak",
]
DROP = [
    "DROP STATISTICS IF EXISTS zaak_type_vertrouwelijkheid_stats",
    "DROP INDEX IF EXISTS zaak_identificatie_prefix_idx",
    "DROP INDEX IF EXISTS zaak_omschrijving_trgm_idx",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_zaak_access_and_queue_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
