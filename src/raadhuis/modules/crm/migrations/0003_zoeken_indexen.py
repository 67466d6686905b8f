"""More indexes for the CRM search box at 200,000 relations and 2,000,000 contact moments,
on PostgreSQL only (EXPLAIN ANALYZE in the crm-zoeken handoff; benchmarks/bench_crm.py).

Every search group runs one query per way a row can match (name, own text, number), so each
needs an index on its own table:

* trigram GIN on `UPPER(col::text)` (the expression Django writes for `icontains`) of the
  text fields the search registers: lead title, contract and complaint subject, contact
  person's e-mail and role. The sub-apps' tables get them here because only this search
  needs them; they follow the sub-apps' migrations;
* btree on `(organisatie_id, UPPER(number))` for the exact numbers (`iexact`): contact
  moment reference, lead and contract number;
* each group's order as one index (contact moments, leads, contracts, complaints: newest
  first, then id), so for a common word "the newest 9 hits" walks the index and stops, instead
  of fetching and sorting every hit;
* the duplicate of the kernel's trigram index on the party's name (0002 made one, parties
  0002 has it as `partij_zoeknaam_trgm_idx`) is dropped.

SQLite (development, tests) skips all of it.
"""

from django.db import migrations

INDEXES = [
    (
        "crm_zoek_kc_referentie",
        "CREATE INDEX IF NOT EXISTS crm_zoek_kc_referentie ON crm_klantcontact "
        "(organisatie_id, UPPER(referentienummer::text))",
    ),
    (
        "crm_zoek_kc_nieuwste",
        "CREATE INDEX IF NOT EXISTS crm_zoek_kc_nieuwste ON crm_klantcontact "
        "(organisatie_id, plaatsgevonden_op DESC, id DESC)",
    ),
    (
        "crm_zoek_cp_email_trgm",
        "CREATE INDEX IF NOT EXISTS crm_zoek_cp_email_trgm ON crm_contactpersoon "
        "USING gin ((UPPER(email::text)) gin_trgm_ops)",
    ),
    (
        "crm_zoek_cp_rol_trgm",
        "CREATE INDEX IF NOT EXISTS crm_zoek_cp_rol_trgm ON crm_contactpersoon "
        "USING gin ((UPPER(rol::text)) gin_trgm_ops)",
    ),
    (
        "crm_zoek_lead_titel_trgm",
        "CREATE INDEX IF NOT EXISTS crm_zoek_lead_titel_trgm ON crm_leads_lead "
        "USING gin ((UPPER(titel::text)) gin_trgm_ops)",
    ),
    (
        "crm_zoek_lead_kenmerk",
        "CREATE INDEX IF NOT EXISTS crm_zoek_lead_kenmerk ON crm_leads_lead "
        "(organisatie_id, UPPER(kenmerk::text))",
    ),
    (
        "crm_zoek_contract_onderwerp_trgm",
        "CREATE INDEX IF NOT EXISTS crm_zoek_contract_onderwerp_trgm ON crm_contracten_contract "
        "USING gin ((UPPER(onderwerp::text)) gin_trgm_ops)",
    ),
    (
        "crm_zoek_contract_kenmerk",
        "CREATE INDEX IF NOT EXISTS crm_zoek_contract_kenmerk ON crm_contracten_contract "
        "(organisatie_id, UPPER(kenmerk::text))",
    ),
    (
        "crm_zoek_lead_nieuwste",
        "CREATE INDEX IF NOT EXISTS crm_zoek_lead_nieuwste ON crm_leads_lead "
        "(organisatie_id, aangemaakt_op DESC, id DESC)",
    ),
    (
        "crm_zoek_contract_nieuwste",
        "CREATE INDEX IF NOT EXISTS crm_zoek_contract_nieuwste ON crm_contracten_contract "
        "(organisatie_id, startdatum DESC, id DESC)",
    ),
    (
        "crm_zoek_klacht_nieuwste",
        "CREATE INDEX IF NOT EXISTS crm_zoek_klacht_nieuwste ON crm_klachten_klacht "
        "(organisatie_id, ontvangen_op DESC, id DESC)",
    ),
    (
        "crm_zoek_klacht_onderwerp_trgm",
        "CREATE INDEX IF NOT EXISTS crm_zoek_klacht_onderwerp_trgm ON crm_klachten_klacht "
        "USING gin ((UPPER(onderwerp::text)) gin_trgm_ops)",
    ),
]
WEG = ["crm_zoek_partij_naam_trgm", "crm_zoek_kc_datum"]


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for _naam, sql in INDEXES:
        schema_editor.execute(sql)
    for naam in WEG:
        schema_editor.execute(f"DROP INDEX IF EXISTS {naam}")


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    for naam, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {naam}")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS crm_zoek_kc_datum ON crm_klantcontact "
        "(organisatie_id, plaatsgevonden_op DESC)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0002_zoeken_trigram"),
        ("parties", "0002_partij_trigram_index"),
        ("crm_leads", "0001_initial"),
        ("crm_contracten", "0001_initial"),
        ("crm_klachten", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
