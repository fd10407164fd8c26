"""Create the full-text index of each engine: FTS5 tables and triggers, or tsvector columns."""

from django.db import migrations


def install(apps, schema_editor):
    from concord.search import backends

    backends.for_connection(schema_editor.connection).install(schema_editor.execute)


def uninstall(apps, schema_editor):
    from concord.search import backends

    backends.for_connection(schema_editor.connection).uninstall(schema_editor.execute)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
