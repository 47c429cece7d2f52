"""The curriculum's content version: one row, and triggers on every content table that give
it a fresh random token whenever a row is inserted, updated or deleted (see
curriculum.models.ContentVersion)."""

from django.db import migrations, models

# Every table of curriculum content. A new content table needs adding here (in a new
# migration): tests/curriculum/test_content_version.py fails for a table without it.
TABLES = [
    "curriculum_topic",
    "curriculum_lesson",
    "curriculum_concept",
    "curriculum_practicepattern",
    "curriculum_rubricdimension",
    "curriculum_resource",
    "curriculum_plantemplateday",
    "curriculum_plantemplateday_topics",
    "curriculum_checklisttemplateitem",
]
# A fresh random token, in each database's SQL; an upsert, so a table emptied by a test's
# flush gets its row back with the next write.
TOKEN = {"postgresql": "gen_random_uuid()::text", "sqlite": "lower(hex(randomblob(16)))"}
UPSERT = (
    "INSERT INTO curriculum_contentversion (id, token) VALUES (1, {token}) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token"
)
POSTGRES_FUNCTION = f"""
CREATE FUNCTION curriculum_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {UPSERT.format(token=TOKEN["postgresql"])};
    RETURN NULL;
END
$$
"""
# PostgreSQL: once per statement, however many rows it writes.
POSTGRES_TRIGGER = """
CREATE TRIGGER {table}_content_changed
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION curriculum_content_changed()
"""
# SQLite has row triggers only, one per kind of write.
SQLITE_TRIGGER = (
    "CREATE TRIGGER {table}_{event}_content_changed AFTER {event} ON {table} BEGIN "
    + UPSERT.format(token=TOKEN["sqlite"])
    + "; END"
)
SQLITE_EVENTS = ["insert", "update", "delete"]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [POSTGRES_FUNCTION] + [POSTGRES_TRIGGER.format(table=t) for t in TABLES]
    elif vendor == "sqlite":
        statements = [
            SQLITE_TRIGGER.format(table=t, event=e) for t in TABLES for e in SQLITE_EVENTS
        ]
    else:
        raise NotImplementedError(f"No content-version triggers for {vendor}.")
    statements.append(UPSERT.format(token=TOKEN[vendor]))
    for sql in statements:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [f"DROP TRIGGER {t}_content_changed ON {t}" for t in TABLES]
        statements.append("DROP FUNCTION curriculum_content_changed()")
    else:
        statements = [
            f"DROP TRIGGER {t}_{e}_content_changed" for t in TABLES for e in SQLITE_EVENTS
        ]
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("curriculum", "0002_checklist_evening_and_reflection"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("token", models.CharField(max_length=36)),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
