from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def repair_index(sender: AppConfig, using: str, **kwargs) -> None:
    """Put back the search triggers a table rebuild dropped (SQLite remakes tables).

    Runs once per ``migrate``, after every app's migrations (``post_migrate`` is sent for each
    app, whichever were migrated): the registry's and the directory's searched tables alike.
    """
    if sender.label != "registry":
        return
    from django.db import connections

    from concord.search import backends

    connection = connections[using]
    backends.for_connection(connection).repair(connection)


class SearchConfig(AppConfig):
    name = "concord.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Not an index update (the database does those): a schema check after each migrate.
        post_migrate.connect(repair_index, dispatch_uid="concord.search.repair_index")
