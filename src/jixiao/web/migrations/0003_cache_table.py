"""The cache table (settings.CACHES): login failures are counted there, shared by every worker process."""

from django.core.management import call_command
from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute("DROP TABLE IF EXISTS web_cache")


class Migration(migrations.Migration):
    dependencies = [("web", "0002_audit_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
