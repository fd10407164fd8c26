"""The review screen: the source on one side, the proposed provisions on the other.

Each provision's span in the source is a ``<mark id="src-PK">`` whose link leads to the
provision (``#p-PK``) and back: plain anchors and ``:target`` styles, no script.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concord.accounts.views import requires
from concord.ingestion.forms import CorrectionForm
from concord.ingestion.review import (
    Mark,
    access_review,
    instrument_publish,
    provision_correct,
    source_marks,
    source_of,
)
from concord.registry.models import Instrument, Provision

REVIEW_PERMISSION = "registry.change_instrument"


@dataclass
class Node:
    provision: Provision
    flags: list[str]
    in_source: bool
    children: list["Node"] = field(default_factory=list)


def _instrument(request: HttpRequest, instrument_id: int) -> Instrument:
    try:
        return access_review(user=request.user, instrument_id=instrument_id)
    except Instrument.DoesNotExist:
        raise Http404(_("No instrument to review here.")) from None


def render_marks(text: str, marks: list[Mark]) -> SafeString:
    """Return the source text as HTML, each provision's span a mark linking to the provision."""
    parts = []
    for mark in marks:
        if mark.provision is None:
            parts.append(escape(text[mark.start : mark.end]))
            continue
        provision = mark.provision
        parts.append(
            format_html(
                '<mark class="span" id="src-{pk}"><a class="span-ref" href="#p-{pk}" '
                'aria-label="{label}">{ref}</a>{inner}</mark>',
                pk=provision.pk,
                ref=provision.ref,
                label=_("Provision %(ref)s in the proposal") % {"ref": provision.ref},
                inner=render_marks(text, mark.children),
            )
        )
    return mark_safe("".join(parts))  # each part is escaped above


def _tree(provisions: list[Provision], flags: dict[str, list[str]], spans: set[int]) -> list[Node]:
    nodes = {p.pk: Node(p, flags.get(p.ref, []), p.pk in spans) for p in provisions}
    roots: list[Node] = []
    for provision in provisions:
        parent = nodes.get(provision.parent_id)
        (parent.children if parent else roots).append(nodes[provision.pk])
    return roots


@requires(REVIEW_PERMISSION)
def review(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = _instrument(request, instrument_id)
    provisions = list(
        instrument.provisions.order_by("seq").prefetch_related(
            "addressees__party", "addressees__body"
        )
    )
    document = source_of(instrument)
    source_html = None
    spans: set[int] = set()
    if document is not None:
        length = len(document.text)
        located = [
            (p.source_start, p.source_end, p)
            for p in provisions
            if p.source_start is not None and p.source_end is not None and p.source_end <= length
        ]
        spans = {p.pk for _start, _end, p in located}
        source_html = render_marks(document.text, source_marks(length, located))
    flags = document.flags_of(instrument.pk) if document is not None else {}
    return render(
        request,
        "ingestion/review.html",
        {
            "section": "uploads",
            "instrument": instrument,
            "document": document,
            "source_html": source_html,
            "tree": _tree(provisions, flags, spans),
            "count": len(provisions),
            "may_publish": not instrument.is_published,
        },
    )


@requires(REVIEW_PERMISSION)
def provision_edit(request: HttpRequest, instrument_id: int, provision_id: int) -> HttpResponse:
    instrument = _instrument(request, instrument_id)
    provision = get_object_or_404(instrument.provisions, pk=provision_id)
    labels = list(provision.addressees.values_list("label", flat=True))
    initial = {
        "kind": provision.kind,
        "number": provision.number,
        "verb": provision.verb,
        "text": provision.heading or provision.text,
        "addressees": "\n".join(labels),
    }
    form = CorrectionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                provision_correct(
                    provision=provision,
                    user=request.user,
                    kind=data["kind"],
                    number=data["number"],
                    verb=data["verb"],
                    text=data["text"],
                    addressees=form.addressee_labels(),
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name, errors)
            else:
                messages.success(
                    request, _("Provision %(ref)s is corrected.") % {"ref": provision.ref}
                )
                url = reverse("ingestion:review", kwargs={"instrument_id": instrument.pk})
                return redirect(f"{url}#p-{provision.pk}")
        status = 422
    document = source_of(instrument)
    excerpt = ""
    if document is not None and provision.source_start is not None:
        excerpt = document.text[provision.source_start : provision.source_end]
    return render(
        request,
        "ingestion/provision_edit.html",
        {
            "section": "uploads",
            "instrument": instrument,
            "provision": provision,
            "form": form,
            "excerpt": excerpt,
            "document": document,
        },
        status=status,
    )


@requires(REVIEW_PERMISSION)
@require_POST
def publish(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = _instrument(request, instrument_id)
    try:
        instrument_publish(instrument=instrument, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(title)s is published: everyone can read it now.") % {"title": instrument.title},
        )
    return redirect("ingestion:review", instrument_id=instrument.pk)
