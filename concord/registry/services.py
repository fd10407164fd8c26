"""Writes to the registry: each checks its rule, runs in a transaction and leaves a record."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction

from concord.registry.models import Instrument
from concord.registry.models.instruments import LEGAL_STATUS_GRAPH, PUBLICATION_GRAPH

LIFECYCLES = {"legal_status": LEGAL_STATUS_GRAPH, "publication": PUBLICATION_GRAPH}


@transaction.atomic
def instrument_transition(
    *, instrument: Instrument, lifecycle: str, target: str, user
) -> Instrument:
    """Move an instrument along one of its lifecycles, refusing any move the graph forbids.

    Only a secretariat whose scope covers the instrument may (``concord.accounts.rules``).
    """
    if not user.has_perm("registry.change_instrument", instrument):
        raise PermissionDenied
    graph = LIFECYCLES[lifecycle]
    locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
    source = getattr(locked, lifecycle)
    graph.check(source, target)
    setattr(locked, lifecycle, target)
    locked._history_user = user
    locked.save(update_fields=[lifecycle])
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[locked],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": [lifecycle], "from": source, "to": target}}],
        single_object=True,
    )
    return locked
