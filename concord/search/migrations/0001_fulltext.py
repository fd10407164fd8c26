"""Create the full-text index of each engine: FTS5 tables and triggers, or tsvector columns."""

from django.db import migrations

# Named here, not read from the backends: the index grows with later migrations, and this one
# must keep creating what it created when it was written.
TABLES = ("registry_instrument", "registry_provision", "registry_party", "registry_partyalias")


def install(apps, schema_editor):
    from concord.search import backends

    backends.for_connection(schema_editor.connection).install(schema_editor.execute, tables=TABLES)


def uninstall(apps, schema_editor):
    from concord.search import backends

    backends.for_connection(schema_editor.connection).uninstall(
        schema_editor.execute, tables=TABLES
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
