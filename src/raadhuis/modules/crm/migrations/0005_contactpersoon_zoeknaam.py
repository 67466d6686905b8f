"""The contact person's own copy of its person's search name (`Contactpersoon.zoeknaam`), for
the CRM search box (benchmarks/bench_crm.py: 40,000 contact persons among 400,000 parties).

Matching a contact person's name through a join read every party whose name holds the word:
"bak" is in 20,000 party names, 2,000 of them contact persons; 40-50 ms of PostgreSQL per
search. On its own table the match is a trigram index over 40,000 names, and the name order
an index too.

Triggers keep the copy on both databases, whatever writes the rows (services, the import,
COPY in the benchmark): a contact person takes its person's name when it is inserted or
saved, and a change of a party's search name reaches its contact persons. The indexes are
PostgreSQL's (SQLite, the embedded demo database, scans its few rows).
"""

from django.db import migrations, models

POSTGRESQL = """
CREATE FUNCTION crm_contactpersoon_zoeknaam() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.zoeknaam := COALESCE(
        (SELECT zoeknaam FROM parties_partij WHERE id = NEW.persoon_id), '');
    RETURN NEW;
END $$;
CREATE TRIGGER crm_contactpersoon_zoeknaam BEFORE INSERT OR UPDATE ON crm_contactpersoon
    FOR EACH ROW EXECUTE FUNCTION crm_contactpersoon_zoeknaam();
CREATE FUNCTION crm_partij_zoeknaam_naar_contactpersoon() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE crm_contactpersoon SET zoeknaam = NEW.zoeknaam WHERE persoon_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER crm_partij_zoeknaam AFTER UPDATE OF zoeknaam ON parties_partij
    FOR EACH ROW WHEN (OLD.zoeknaam IS DISTINCT FROM NEW.zoeknaam)
    EXECUTE FUNCTION crm_partij_zoeknaam_naar_contactpersoon();
UPDATE crm_contactpersoon SET zoeknaam = zoeknaam;
CREATE INDEX crm_zoek_cp_naam_trgm ON crm_contactpersoon USING gin (zoeknaam gin_trgm_ops);
CREATE INDEX crm_zoek_cp_naam ON crm_contactpersoon (organisatie_id, zoeknaam, id);
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS crm_partij_zoeknaam ON parties_partij;
DROP FUNCTION IF EXISTS crm_partij_zoeknaam_naar_contactpersoon();
DROP TRIGGER IF EXISTS crm_contactpersoon_zoeknaam ON crm_contactpersoon;
DROP FUNCTION IF EXISTS crm_contactpersoon_zoeknaam();
DROP INDEX IF EXISTS crm_zoek_cp_naam_trgm;
DROP INDEX IF EXISTS crm_zoek_cp_naam;
"""
# SQLite has no BEFORE trigger that may change NEW: the row is corrected right after.
# (Recursive triggers are off in SQLite, so the correcting UPDATE does not fire them again.)
_PERSONNAAM = "COALESCE((SELECT zoeknaam FROM parties_partij WHERE id = NEW.persoon_id), '')"
SQLITE = [
    f"""CREATE TRIGGER crm_contactpersoon_zoeknaam_insert AFTER INSERT ON crm_contactpersoon
    BEGIN UPDATE crm_contactpersoon SET zoeknaam = {_PERSONNAAM} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER crm_contactpersoon_zoeknaam_update AFTER UPDATE ON crm_contactpersoon
    WHEN NEW.zoeknaam IS NOT {_PERSONNAAM}
    BEGIN UPDATE crm_contactpersoon SET zoeknaam = {_PERSONNAAM} WHERE id = NEW.id; END""",
    """CREATE TRIGGER crm_partij_zoeknaam AFTER UPDATE OF zoeknaam ON parties_partij
    WHEN OLD.zoeknaam IS NOT NEW.zoeknaam
    BEGIN UPDATE crm_contactpersoon SET zoeknaam = NEW.zoeknaam WHERE persoon_id = NEW.id; END""",
    "UPDATE crm_contactpersoon SET zoeknaam = COALESCE((SELECT zoeknaam FROM parties_partij "
    "WHERE id = crm_contactpersoon.persoon_id), '')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS crm_contactpersoon_zoeknaam_insert",
    "DROP TRIGGER IF EXISTS crm_contactpersoon_zoeknaam_update",
    "DROP TRIGGER IF EXISTS crm_partij_zoeknaam",
]


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0004_snelheid_indexen"),
        ("parties", "0002_partij_trigram_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactpersoon",
            name="zoeknaam",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
