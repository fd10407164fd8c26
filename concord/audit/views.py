"""The secretariat's pages on the audit trail: the whole list, one record, one person, a CSV."""

import csv
from collections.abc import Callable, Iterator
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.audit import selectors
from concord.audit.forms import AuditFilterForm

PAGE_SIZE = 50
EXPORT_COLUMNS = (
    "when",
    "user",
    "source",
    "object_type",
    "object_id",
    "object",
    "action",
    "field",
    "old",
    "new",
)


def audit_reader(view: Callable) -> Callable:
    """Let the secretariat in; send others to sign in, or refuse them once signed in."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("accounts.view_audit"):
            raise PermissionDenied(_("Only the secretariat may read the audit trail."))
        return view(request, *args, **kwargs)

    return wrapped


def _page(request: HttpRequest, filters: selectors.AuditFilters) -> selectors.AuditPage:
    try:
        return selectors.audit_entries(
            filters=filters, limit=PAGE_SIZE, after=request.GET.get("after") or None
        )
    except selectors.AuditFilterError:
        # A cursor from elsewhere (or mangled): start again from the newest entry.
        return selectors.audit_entries(filters=filters, limit=PAGE_SIZE)


def _show(request: HttpRequest, context: dict) -> HttpResponse:
    context.setdefault("section", "audit")
    context["paged"] = bool(request.GET.get("after"))
    return render(request, "audit/list.html", context)


@audit_reader
def entry_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    filters = form.filters()
    return _show(
        request,
        {"title": _("Audit trail"), "form": form, "page": _page(request, filters), "export": True},
    )


@audit_reader
def object_history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    try:
        filters = selectors.audit_filters(object_type=object_type, object_id=object_id)
    except selectors.AuditFilterError:
        raise Http404(_("No such type of record or record id.")) from None
    page = _page(request, filters)
    model = selectors.audited_models()[object_type]
    name = (
        page.entries[0].object_repr
        if page.entries
        else f"{model._meta.verbose_name} {filters.object_id}"
    )
    return _show(
        request,
        {
            "title": _("History of %(record)s") % {"record": name},
            "subtitle": f"{model._meta.verbose_name} · {object_type} · {filters.object_id}",
            "page": page,
            "hide_object": True,
        },
    )


@audit_reader
def person_history(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username)
    filters = selectors.audit_filters(user=person.get_username())
    return _show(
        request,
        {
            "title": _("Changes made by %(username)s") % {"username": person.get_username()},
            "page": _page(request, filters),
            "hide_user": True,
        },
    )


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer's output."""

    def write(self, value: str) -> str:
        return value


def _safe(value: str) -> str:
    # A spreadsheet runs a cell that starts like a formula; make it plain text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _rows(entries: Iterator[selectors.Entry]) -> Iterator[list[str]]:
    yield list(EXPORT_COLUMNS)
    for entry in entries:
        head = [
            entry.when.isoformat(),
            entry.username or "",
            entry.source,
            entry.object_type,
            str(entry.object_id),
            entry.object_repr,
            entry.action,
        ]
        if not entry.changes:
            yield [*head, "", "", ""]
        for change in entry.changes:
            yield [*head, change.field, change.old_text, change.new_text]


@audit_reader
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    filters = AuditFilterForm(request.GET).filters()
    writer = csv.writer(_Echo())
    lines = (
        writer.writerow([_safe(cell) for cell in row])
        for row in _rows(selectors.audit_entries_all(filters=filters))
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="concord-audit-{stamp}.csv"'
    return response
