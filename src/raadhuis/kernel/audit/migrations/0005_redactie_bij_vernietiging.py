"""The append-only trigger lets one procedure through: blanking personal data when it is
destroyed (kernel/audit/redactie.py), in a transaction that set raadhuis.audit_redactie."""

from django.db import migrations

WITH_REDACTION = """
CREATE OR REPLACE FUNCTION raadhuis_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('raadhuis.audit_redactie', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit tables are append-only (%% on %%)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
"""
WITHOUT_REDACTION = """
CREATE OR REPLACE FUNCTION raadhuis_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit tables are append-only (%% on %%)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WITH_REDACTION)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WITHOUT_REDACTION)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_api_applicatie")]

    operations = [migrations.RunPython(forwards, backwards)]
