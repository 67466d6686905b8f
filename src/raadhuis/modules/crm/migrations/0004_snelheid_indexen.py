"""Indexes for the CRM's smart filters at 200,000 relations (issue 6; benchmarks/bench_crm.py),
on PostgreSQL only, like 0003:

* leads in the order of the lead list and of the smart filter "leads zonder contact in 30
  dagen" (expected close date, then number): the filter walks the open leads in that order and
  stops at the first 51 without a recent contact moment, instead of testing all 13,000 open
  leads and sorting them (91 -> 6 ms of PostgreSQL CPU).

SQLite (development, tests) skips it.
"""

from django.db import migrations

INDEXES = [
    (
        "crm_snel_lead_sluitdatum",
        "CREATE INDEX IF NOT EXISTS crm_snel_lead_sluitdatum ON crm_leads_lead "
        "(organisatie_id, verwachte_sluitdatum, kenmerk)",
    ),
]


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    for _naam, sql in INDEXES:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    for naam, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {naam}")


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0003_zoeken_indexen"),
        ("crm_leads", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
