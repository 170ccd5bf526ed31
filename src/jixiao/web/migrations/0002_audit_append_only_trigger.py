"""On PostgreSQL, the database itself refuses to change or delete audit entries (not only the ORM)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION web_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计记录不可修改或删除';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER web_auditentry_append_only BEFORE UPDATE OR DELETE ON web_auditentry
    FOR EACH ROW EXECUTE FUNCTION web_auditentry_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS web_auditentry_append_only ON web_auditentry;
DROP FUNCTION IF EXISTS web_auditentry_append_only();
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("web", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
