"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the budget ledger: a booking
is never changed; a correction is a reversing entry (modules/budget/grootboek.py). The models'
save()/delete() guard catches mistakes in Python; this catches QuerySet.update()/delete() and
anything that reaches the database another way. TRUNCATE (test database flushes) is not a row
operation and is not blocked."""

from django.db import migrations

TABLES = ["budget_journaalpost", "budget_journaalregel"]
FUNCTION = "raadhuis_budget_grootboek_onveranderlijk"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'het grootboek wordt nooit gewijzigd (%% op %%): maak een tegenboeking',
                TG_OP, TG_TABLE_NAME;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_onveranderlijk BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_onveranderlijk ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
