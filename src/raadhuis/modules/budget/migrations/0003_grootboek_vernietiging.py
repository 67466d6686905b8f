"""On PostgreSQL, the ledger trigger (0002) lets one thing through: DELETE inside a transaction
that set `raadhuis.budget_vernietiging = 'aan'` (SET LOCAL, gone at commit). Only the
destruction of a case after its retention period does that (modules/budget/vernietiging.py,
called from the kernel's destruction list, four eyes). UPDATE stays refused, always."""

from django.db import migrations

FUNCTION = "raadhuis_budget_grootboek_onveranderlijk"

MET_UITZONDERING = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND coalesce(current_setting('raadhuis.budget_vernietiging', true), '') = 'aan' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'het grootboek wordt nooit gewijzigd (%% op %%): maak een tegenboeking',
        TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
"""

ZONDER_UITZONDERING = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'het grootboek wordt nooit gewijzigd (%% op %%): maak een tegenboeking',
        TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
"""


def _uitvoeren(sql: str):  # noqa: ANN202
    def run(apps, schema_editor):  # noqa: ANN001, ANN202, ARG001
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_grootboek_onveranderlijk")]

    operations = [
        migrations.RunPython(_uitvoeren(MET_UITZONDERING), _uitvoeren(ZONDER_UITZONDERING))
    ]
