"""One module per database engine, each with the same functions.

``install(execute, tables=...)`` / ``uninstall(execute, tables=...)`` create and drop the index
of the tables named (called by the search app's migrations, each naming its own tables),
``repair(connection)`` restores what a table rebuild removed, and ``hits``, ``count`` and
``filter_queryset`` answer queries. Raw SQL lives here and nowhere else.
"""

from types import ModuleType

from django.db.backends.base.base import BaseDatabaseWrapper

from concord.search.backends import basic, postgresql, sqlite

_BY_VENDOR = {"sqlite": sqlite, "postgresql": postgresql}


def for_connection(connection: BaseDatabaseWrapper) -> ModuleType:
    """Return the backend module for a database; engines without one get a plain substring match."""
    return _BY_VENDOR.get(connection.vendor, basic)
