"""The audit trail becomes a hash chain: each entry gets a sequence number, the previous entry's hash and its own.

Entries written before are chained in the order they were written. On PostgreSQL the database also refuses
TRUNCATE (but from a superuser), and nobody but the table's owner keeps UPDATE, DELETE or TRUNCATE rights on it (see the README's
deployment notes: the app connects as a role that is not the owner).
"""

from django.db import migrations, models

from jixiao.web import audit_chain

PROTECT = """
CREATE OR REPLACE FUNCTION web_auditentry_no_truncate() RETURNS trigger AS $$
BEGIN
    -- a superuser passes every check anyway (test databases are emptied so between tests)
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION '审计记录不可清空';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER web_auditentry_no_truncate BEFORE TRUNCATE ON web_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION web_auditentry_no_truncate();
REVOKE UPDATE, DELETE, TRUNCATE ON web_auditentry FROM PUBLIC;
"""
UNPROTECT = """
DROP TRIGGER IF EXISTS web_auditentry_no_truncate ON web_auditentry;
DROP FUNCTION IF EXISTS web_auditentry_no_truncate();
"""


def chain_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    entry_model = apps.get_model("web", "AuditEntry")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:  # the append-only trigger of 0002 lets nobody fill in the new columns, the owner excepted
        schema_editor.execute("ALTER TABLE web_auditentry DISABLE TRIGGER web_auditentry_append_only")
    previous = audit_chain.GENESIS
    for sequence, entry in enumerate(entry_model.objects.order_by("created_at", "id"), start=1):
        fields = {name: getattr(entry, name) for name in audit_chain.HASHED_FIELDS if name != "sequence"}
        fields["sequence"] = sequence
        entry_hash = audit_chain.digest(fields, entry.created_at, previous)
        entry_model.objects.filter(pk=entry.pk).update(sequence=sequence, previous_hash=previous, entry_hash=entry_hash)
        previous = entry_hash
    if postgresql:
        schema_editor.execute("ALTER TABLE web_auditentry ENABLE TRIGGER web_auditentry_append_only")


def protect(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PROTECT)


def unprotect(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNPROTECT)


class Migration(migrations.Migration):
    dependencies = [("web", "0004_audit_action_choices")]

    operations = [
        migrations.AlterModelOptions(name="auditentry", options={"ordering": ["sequence"]}),
        migrations.AlterField(model_name="auditentry", name="created_at", field=models.DateTimeField("时间")),
        migrations.AddField(
            model_name="auditentry", name="sequence", field=models.PositiveBigIntegerField("序号", null=True)
        ),
        migrations.AddField(
            model_name="auditentry", name="previous_hash", field=models.CharField(max_length=64, default="")
        ),
        migrations.AddField(
            model_name="auditentry", name="entry_hash", field=models.CharField(max_length=64, default="")
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry", name="sequence", field=models.PositiveBigIntegerField("序号", unique=True)
        ),
        migrations.AlterField(
            model_name="auditentry", name="previous_hash", field=models.CharField(max_length=64)
        ),
        migrations.AlterField(model_name="auditentry", name="entry_hash", field=models.CharField(max_length=64)),
        migrations.RunPython(protect, unprotect),
    ]
