"""Indexes for the CRM search box (crm.zoeken), on PostgreSQL only.

pg_trgm GIN indexes answer `LIKE '%term%'` without reading the table:
* (the party's normalised name has the kernel's own trigram index, parties 0002; the copy
  this migration once made is dropped again by 0003);
* `UPPER(col::text)` of the local name and the contact moment's subject: the exact
  expression Django writes for `icontains` on PostgreSQL, so the planner uses the index.
* the contact moments per organisation by date, for the newest-first order of hits.

Other databases (SQLite in development and tests) skip this: their LIKE needs no index for the
sizes they hold.
"""

from django.db import migrations

INDEXES = [
    (
        "crm_zoek_relatie_lokaal_trgm",
        "CREATE INDEX IF NOT EXISTS crm_zoek_relatie_lokaal_trgm ON crm_relatie "
        "USING gin ((UPPER(lokale_naam::text)) gin_trgm_ops)",
    ),
    (
        "crm_zoek_kc_onderwerp_trgm",
        "CREATE INDEX IF NOT EXISTS crm_zoek_kc_onderwerp_trgm ON crm_klantcontact "
        "USING gin ((UPPER(onderwerp::text)) gin_trgm_ops)",
    ),
    (
        "crm_zoek_kc_datum",
        "CREATE INDEX IF NOT EXISTS crm_zoek_kc_datum ON crm_klantcontact "
        "(organisatie_id, plaatsgevonden_op DESC)",
    ),
]


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for _naam, sql in INDEXES:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    for naam, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {naam}")


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0001_initial"),
        ("parties", "0003_partij_identificatie_uniek"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
