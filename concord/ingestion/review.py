"""Reviewing a proposed instrument: its source with each provision's span, corrections, publishing.

``provision_correct`` and ``instrument_publish`` are the writes: each checks the rule on the
object, runs in one transaction and leaves history records naming the person. ``source_marks``
is pure: it cuts the source text into plain runs and provision spans, nested as in the tree.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concord.ingestion.models import SourceDocument
from concord.ingestion.resolver import Resolver
from concord.ingestion.services import HEADING_KINDS
from concord.registry.models import Instrument, Provision, ProvisionAddressee
from concord.registry.models.instruments import Publication
from concord.registry.models.provisions import ProvisionKind
from concord.registry.services import instrument_transition

# Publishing walks the publication graph from where the instrument stands.
PUBLISH_PATH = {
    Publication.PROPOSED: (Publication.IN_REVIEW, Publication.PUBLISHED),
    Publication.IN_REVIEW: (Publication.PUBLISHED,),
}


# Reads -----------------------------------------------------------------------------------


def access_review(*, user: Any, instrument_id: int) -> Instrument:
    """Return the instrument for review, or raise ``Instrument.DoesNotExist`` when ``user`` may
    not change it (a record outside one's scope is one one may not know exists)."""
    instrument = Instrument.objects.select_related("body").get(pk=instrument_id)
    if not user.has_perm("registry.change_instrument", instrument):
        raise Instrument.DoesNotExist
    return instrument


def source_of(instrument: Instrument) -> SourceDocument | None:
    """Return the latest finished upload that produced the instrument, if any."""
    return (
        SourceDocument.objects.filter(instruments=instrument, status="done")
        .order_by("-finished_at", "-pk")
        .first()
    )


@dataclass
class Mark:
    """A run of the source text: plain (no ``provision``) or a provision's span, with runs in it."""

    start: int
    end: int
    provision: Any = None
    children: list["Mark"] = field(default_factory=list)


def source_marks(length: int, spans: Iterable[tuple[int, int, Any]]) -> list[Mark]:
    """Cut ``[0, length)`` into runs, each span a mark holding the spans inside it.

    Spans are ``(start, end, provision)``; an empty or reversed one is skipped, one running past
    the span that holds it is cut at its end, so that the marks always nest.
    """
    root = Mark(0, length)
    stack = [root]
    for start, end, provision in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(0, start), min(length, end)
        while len(stack) > 1 and start >= stack[-1].end:
            stack.pop()
        end = min(end, stack[-1].end)
        if start >= end:
            continue
        mark = Mark(start, end, provision)
        stack[-1].children.append(mark)
        stack.append(mark)
    return _fill(root)


def _fill(mark: Mark) -> list[Mark]:
    """Return the children of ``mark`` with plain runs in the gaps between them."""
    runs: list[Mark] = []
    at = mark.start
    for child in mark.children:
        if child.start > at:
            runs.append(Mark(at, child.start))
        child.children = _fill(child)
        runs.append(child)
        at = child.end
    if at < mark.end:
        runs.append(Mark(at, mark.end))
    return runs


# Writes ----------------------------------------------------------------------------------


def check_correction(*, kind: str, number: str, verb: str, text: str) -> dict[str, str]:
    """Return the provision fields a correction sets, or raise ValidationError per field."""
    errors: dict[str, str] = {}
    if kind not in ProvisionKind.values:
        errors["kind"] = _("Choose one of the kinds in the list.")
    limits = {"number": (number, 32), "verb": (verb, 64)}
    if kind in HEADING_KINDS:
        limits["text"] = (text, 500)
    for name, (value, limit) in limits.items():
        if len(value) > limit:
            errors[name] = _("At most %(limit)d characters (this has %(length)d).") % {
                "limit": limit,
                "length": len(value),
            }
    if not text.strip():
        errors["text"] = _("A provision needs its words; write the text as printed.")
    if errors:
        raise ValidationError(errors)
    heading = kind in HEADING_KINDS
    return {
        "kind": kind,
        "number": number.strip(),
        "verb": verb.strip(),
        "heading": text.strip() if heading else "",
        "text": "" if heading else text.strip(),
    }


@transaction.atomic
def provision_correct(
    *,
    provision: Provision,
    user: Any,
    kind: str,
    number: str,
    verb: str,
    text: str,
    addressees: list[str] | None = None,
) -> Provision:
    """Correct what ingestion proposed for one provision; ``None`` addressees leaves them as is.

    Needs ``registry.change_provision`` on the provision. The words go to ``heading`` for parts,
    chapters, sections and annexes, to ``text`` otherwise. An addressee keeps its label and
    points to the party or body of that name when there is one.
    """
    if not user.has_perm("registry.change_provision", provision):
        raise PermissionDenied(_("You may not change the provisions of this instrument."))
    fields = check_correction(kind=kind, number=number, verb=verb, text=text)
    locked = Provision.objects.select_for_update().get(pk=provision.pk)
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    if changed:
        for name in changed:
            setattr(locked, name, fields[name])
        locked._history_user = user
        locked.save(update_fields=changed)
    if addressees is not None:
        _set_addressees(locked, addressees, user)
    return locked


def _set_addressees(provision: Provision, labels: list[str], user: Any) -> None:
    wanted = list(dict.fromkeys(label.strip()[:255] for label in labels if label.strip()))
    for addressee in provision.addressees.all():
        if addressee.label not in wanted:
            addressee._history_user = user
            addressee.delete()
    existing = set(provision.addressees.values_list("label", flat=True))
    new = [label for label in wanted if label not in existing]
    if not new:
        return
    resolver = Resolver()
    for label in new:
        party = resolver.party(label)
        addressee = ProvisionAddressee(
            provision=provision,
            label=label,
            party=party,
            body=None if party else resolver.body(label),
        )
        addressee._history_user = user
        addressee.save()


@transaction.atomic
def instrument_publish(*, instrument: Instrument, user: Any) -> Instrument:
    """Publish a proposed instrument (through review) so that the portal and the API show it.

    Needs ``registry.change_instrument`` on it; a published one raises ValidationError.
    """
    if not user.has_perm("registry.change_instrument", instrument):
        raise PermissionDenied(_("You may not publish this instrument."))
    steps = PUBLISH_PATH.get(Publication(instrument.publication))
    if steps is None:
        raise ValidationError(_("This instrument is already published."), code="published")
    for target in steps:
        instrument = instrument_transition(
            instrument=instrument, lifecycle="publication", target=target, user=user
        )
    return instrument
