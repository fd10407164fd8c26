"""Index implementing legislation (title, then summary) in each engine's full-text index."""

from django.db import migrations

TABLES = ("directory_legislation",)


def install(apps, schema_editor):
    from concord.search import backends

    backends.for_connection(schema_editor.connection).install(schema_editor.execute, tables=TABLES)


def uninstall(apps, schema_editor):
    from concord.search import backends

    backends.for_connection(schema_editor.connection).uninstall(
        schema_editor.execute, tables=TABLES
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_fulltext"), ("directory", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
