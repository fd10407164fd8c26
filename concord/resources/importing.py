"""Importing contributions from CSV or XLSX, one row a contribution, and exporting them so.

The header names the columns, in any order and case: ``reference``, ``title``, ``partner`` (a
party's code or name, as the indicators import resolves parties), ``organization`` (a body's
code) are required; ``modality`` (the organization's modality code), ``country`` (a party),
``region`` (an IATI region code), ``amount``, ``currency`` (ISO 4217), ``status``,
``status_on``, ``starts_on``, ``ends_on`` (dates as ``2012-06-30``), ``source``, ``note``,
``published`` and ``illustrative`` (yes or no), ``framework`` (an instrument's id) and
``allocations`` are optional. Allocations are written ``A1:40;B2:60``: a results-framework
node's code, a colon, a share in percent, or an amount with the contribution's currency
(``B1:400000 USD``); the node is of the row's ``framework``, else of the framework the import
names, and ``12/A1`` names the framework with the node.

Every row is checked before anything is written, and a file with any error changes nothing
unless the caller asks to load the valid rows. A reference already recorded is updated: a column
left out keeps what is stored and a blank cell clears it; its status only moves forward (dated by
``status_on``), its allocations are replaced, its partner and organization stay. A row equal to
what is stored is left alone. Everything is written through ``concord.resources.contributing``
(permission, checks, history) as the importing person, in one transaction.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from concord.audit.context import Source, changes_from
from concord.indicators.entry import as_number
from concord.indicators.import_rows import (
    Checker,
    FileUnreadable,
    ImportReport,
    RowError,
    read_rows,
)
from concord.registry.models import Body, Instrument, ResultsNode
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
    contribution_publish,
    contribution_update,
    status_advance,
)
from concord.resources.iati.codelists import check_code
from concord.resources.models import (
    STATUS_ORDER,
    Allocation,
    Contribution,
    ContributionStatus,
    FundingModality,
    ResourcePartner,
)

REQUIRED = ("reference", "title", "partner", "organization")
OPTIONAL = (
    "modality",
    "country",
    "region",
    "amount",
    "currency",
    "status",
    "status_on",
    "starts_on",
    "ends_on",
    "source",
    "note",
    "published",
    "illustrative",
    "framework",
    "allocations",
)
COLUMNS = REQUIRED + OPTIONAL
LIMITS = {"reference": 64, "title": 500, "source": 255}
YES, NO = {"yes", "true", "1", "y"}, {"no", "false", "0", "n", ""}
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")
ALLOCATION = re.compile(r"(?:(\d+)/)?([^:]+):\s*([^\s]+)(?:\s+([A-Za-z]{3}))?")
# A service's field, as the file names it.
FIELD_COLUMNS = {"on": "status_on"}
PROGRESS_CHECKED, PROGRESS_WRITTEN = 1000, 100
Progress = Callable[[str, int, int | None], None]


@dataclass
class Planned:
    """A row that passed every check: what to record, or what to change of a stored one."""

    row: int
    reference: str
    partner: ResourcePartner
    organization: Body
    data: ContributionData
    status: str
    status_on: date | None
    published: bool
    shares: list[Share] | None  # None: keep the stored allocations
    stored: Contribution | None = None


# Checking -----------------------------------------------------------------------------------


class RowChecker:
    """Checks rows against the registry, each name, code and node looked up once."""

    def __init__(self, user: Any, framework: Instrument | None, headers: list[str]) -> None:
        self.user, self.framework = user, framework
        self.names = [name.strip().lower() for name in headers]
        self.headers = headers
        self.columns = {name: i for i, name in enumerate(self.names) if name in COLUMNS}
        self.parties = Checker(user)  # the indicators import's way of naming parties
        self.found: dict[tuple, Any] = {}
        self.stored: dict[str, Contribution] = {}
        self.seen: dict[str, int] = {}

    def header_errors(self) -> list[RowError]:
        errors, found = [], set()
        for index, name in enumerate(self.names):
            if not name:
                continue
            if name not in COLUMNS:
                message = _("This column is unknown: write %(names)s.") % {
                    "names": ", ".join(COLUMNS)
                }
                errors.append(RowError(1, self.headers[index], message))
            elif name in found:
                errors.append(RowError(1, self.headers[index], _("This column is given twice.")))
            found.add(name)
        for name in REQUIRED:
            if name not in self.columns:
                message = _("The header names no %(name)s column.") % {"name": name}
                errors.append(RowError(1, name, message))
        return errors

    def once(self, key: tuple, find: Callable[[], Any]) -> Any:
        """Look a record up once per import."""
        if key not in self.found:
            self.found[key] = find()
        return self.found[key]

    def header(self, name: str) -> str:
        return self.headers[self.columns[name]] if name in self.columns else name

    def fail(self, column: str, message: str, /, **params: Any) -> None:
        """Note an error in the current row's column."""
        text = message % params if params else message
        self.errors.append(RowError(self.n, self.header(column), text))

    def load_stored(self, references: Iterable[str]) -> None:
        """Read the contributions the file names, with their allocations, in a few queries."""
        nodes = Allocation.objects.select_related("node").order_by("node__seq")
        found = Contribution.objects.filter(reference__in=set(references)).select_related(
            "partner__party", "organization", "modality", "country"
        )
        self.stored = {
            c.reference: c for c in found.prefetch_related(Prefetch("allocations", nodes))
        }

    def row(self, n: int, cells: list[str]) -> tuple[Planned | None, list[RowError]]:
        """Check one row; return what to write, or its errors."""
        self.n, self.errors = n, []
        given = {name: (cells[i] if i < len(cells) else "") for name, i in self.columns.items()}
        for name, limit in LIMITS.items():
            if len(given.get(name, "")) > limit:
                self.fail(name, _("At most %(limit)d characters."), limit=limit)
        reference = given["reference"]
        if not reference:
            self.fail("reference", _("This cell is empty."))
        elif reference in self.seen:
            self.fail(
                "reference",
                _("The same reference is in row %(row)d."),
                row=self.seen[reference],
            )
        else:
            self.seen[reference] = n
        stored = self.stored.get(reference)
        if not given["title"]:
            self.fail("title", _("This cell is empty."))
        partner = self.partner(given["partner"])
        organization = self.body(given["organization"])
        if stored and partner and partner.pk != stored.partner_id:
            self.fail(
                "partner",
                _("%(ref)s is recorded as %(partner)s's: a partner does not change."),
                ref=reference,
                partner=stored.partner.party.code,
            )
        if stored and organization and organization.pk != stored.organization_id:
            self.fail(
                "organization",
                _("%(ref)s is recorded for %(body)s: the organization does not change."),
                ref=reference,
                body=stored.organization.code,
            )
        data = self.data(given, stored, organization)
        status, status_on = self.status(given, stored)
        published = self.flag(given, "published", stored.published if stored else False)
        shares = self.shares(given, data)
        if self.errors or partner is None or organization is None:
            return None, self.errors
        planned = Planned(
            n, reference, partner, organization, data, status, status_on, published, shares, stored
        )
        return planned, []

    def data(
        self, given: dict[str, str], stored: Contribution | None, organization
    ) -> ContributionData:
        """What the row says of the contribution, with what is stored for the columns left out."""
        data = (
            ContributionData(**{f.name: getattr(stored, f.name) for f in fields(ContributionData)})
            if stored
            else ContributionData()
        )
        data = replace(data, title=given["title"])
        for name in ("region", "currency", "source", "note"):
            if name in given:
                upper = name in ("region", "currency")
                setattr(data, name, given[name].upper() if upper else given[name])
        if "modality" in given:
            data.modality = self.modality(organization, given["modality"])
        if "country" in given:
            data.country = None
            if given["country"]:
                subject = self.parties.subject(given["country"])
                if subject is None or subject.party is None:
                    self.fail("country", _("No party is known as %(name)s."), name=given["country"])
                else:
                    data.country = subject.party
        if "amount" in given:
            data.amount = self.amount(given["amount"], "amount")
        for name, codelist in (("currency", "Currency"), ("region", "Region")):
            if given.get(name):
                try:
                    check_code(codelist, given[name].upper(), name)
                except ValidationError as error:
                    self.fail(name, " ".join(error.messages))
        if data.amount is not None and not data.currency:
            self.fail("currency", _("An amount needs its currency."))
        if data.country and data.region:
            self.fail("region", _("Name a country or a region, not both."))
        for name in ("starts_on", "ends_on"):
            if name in given:
                setattr(data, name, self.day(given[name], name))
        if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
            self.fail("ends_on", _("A contribution ends on or after it starts."))
        data.illustrative = self.flag(given, "illustrative", data.illustrative)
        return data

    def status(self, given: dict[str, str], stored: Contribution | None) -> tuple[str, date | None]:
        status = given.get("status", "").lower()
        if status and status not in STATUS_ORDER:
            names = ", ".join(STATUS_ORDER)
            self.fail("status", _("The status is one of %(names)s."), names=names)
            return "", None
        raw_on = given.get("status_on", "")
        on = self.day(raw_on, "status_on")
        if stored is None:
            if not raw_on:
                self.fail("status_on", _("Give the date the contribution reached its status."))
            return status or ContributionStatus.PIPELINE, on
        status = status or stored.status
        step = STATUS_ORDER.index(status) - STATUS_ORDER.index(stored.status)
        if step < 0:
            self.fail(
                "status",
                _("%(ref)s is %(status)s: a contribution's status moves only forward."),
                ref=stored.reference,
                status=stored.get_status_display(),
            )
        elif step == 0 and on is not None and on != stored.status_on:
            self.fail(
                "status_on",
                _("%(ref)s is %(status)s since %(date)s: give that date, or a later status."),
                ref=stored.reference,
                status=stored.get_status_display(),
                date=stored.status_on,
            )
        elif step > 0 and not raw_on:
            self.fail("status_on", _("Give the date the contribution reached its status."))
        elif step > 0 and on is not None and on < stored.status_on:
            self.fail(
                "status_on",
                _("It reached its last status on %(date)s: a later step cannot come before."),
                date=stored.status_on,
            )
        return status, on

    def partner(self, label: str) -> ResourcePartner | None:
        if not label:
            self.fail("partner", _("This cell is empty."))
            return None
        subject = self.parties.subject(label)
        if subject is None or subject.party is None:
            self.fail("partner", _("No party is known as %(name)s."), name=label)
            return None
        party = subject.party
        partner = self.once(
            ("partner", party.pk), lambda: ResourcePartner.objects.filter(party=party).first()
        )
        if partner is None:
            self.fail("partner", _("%(name)s is not a resource partner."), name=party.name)
        return partner

    def body(self, code: str) -> Body | None:
        if not code:
            self.fail("organization", _("This cell is empty."))
            return None
        body = self.once(("body", code), lambda: Body.objects.filter(code__iexact=code).first())
        if body is None:
            self.fail("organization", _("No body has the code %(code)s."), code=code)
        return body

    def modality(self, organization: Body | None, code: str) -> FundingModality | None:
        if not code or organization is None:
            return None
        modality = self.once(
            ("modality", organization.pk, code.lower()),
            lambda: FundingModality.objects.filter(
                organization=organization, code__iexact=code
            ).first(),
        )
        if modality is None:
            message = _("%(organization)s has no funding modality %(code)s.")
            self.fail("modality", message, organization=organization.name, code=code)
        return modality

    def amount(self, text: str, name: str) -> Decimal | None:
        if not text:
            return None
        try:
            number = as_number(text, name)
            Contribution._meta.get_field("amount").run_validators(number)
        except ValidationError as error:
            self.fail(name, " ".join(error.messages))
            return None
        if number < 0:
            self.fail(name, _("An amount is zero or more."))
        return number

    def day(self, text: str, name: str) -> date | None:
        if not text:
            return None
        match = DATE.fullmatch(text)
        try:
            if match:
                return date.fromisoformat(match.group(1))
        except ValueError:
            pass
        self.fail(name, _("%(text)s is not a date: write it 2012-06-30."), text=text)
        return None

    def flag(self, given: dict[str, str], name: str, default: bool) -> bool:
        if name not in given:
            return default
        text = given[name].lower()
        if text not in YES | NO:
            self.fail(name, _("Write yes or no."))
        return text in YES

    def shares(self, given: dict[str, str], data: ContributionData) -> list[Share] | None:
        if "allocations" not in given:
            return None
        shares, nodes = [], set()
        for item in filter(None, (part.strip() for part in given["allocations"].split(";"))):
            match = ALLOCATION.fullmatch(item)
            if match is None:
                self.fail(
                    "allocations",
                    _(
                        "%(item)s: write a node's code, a colon and a share in percent (A1:40) "
                        "or an amount and its currency (A1:40000 USD)."
                    ),
                    item=item,
                )
                continue
            framework_id, code, number, currency = match.groups()
            node = self.node(framework_id or given.get("framework", ""), code.strip(), item)
            value = self.amount(number.rstrip("%"), "allocations")
            if node is None or value is None:
                continue
            if node.pk in nodes:
                self.fail("allocations", _("%(code)s is allocated to twice."), code=node.code)
            nodes.add(node.pk)
            if currency:
                if currency.upper() != (data.currency or "").upper():
                    self.fail(
                        "allocations",
                        _("%(item)s: an amount is in the contribution's currency, %(currency)s."),
                        item=item,
                        currency=data.currency or "-",
                    )
                shares.append(Share(node, amount=value))
            else:
                shares.append(Share(node, share=value))
        return shares

    def node(self, framework_id: str, code: str, item: str) -> ResultsNode | None:
        framework = self.framework
        if framework_id:
            framework = self.once(
                ("framework", framework_id),
                lambda: (
                    framework_id.isdigit()
                    and Instrument.objects.filter(pk=int(framework_id)).first()
                ),
            )
            if not framework:
                self.fail("framework", _("No instrument has the id %(id)s."), id=framework_id)
                return None
        if framework is None:
            self.fail(
                "allocations",
                _("%(item)s: name the results framework (the framework column or --framework)."),
                item=item,
            )
            return None
        nodes = self.once(("nodes", framework.pk), lambda: _by_code(framework))
        found = nodes.get(code.lower(), [])
        if len(found) != 1:
            message = (
                _("No node of the framework of %(framework)s has the code %(code)s.")
                if not found
                else _("Several nodes of the framework of %(framework)s have the code %(code)s.")
            )
            self.fail("allocations", message, framework=framework, code=code)
            return None
        return found[0]


def _by_code(framework: Instrument) -> dict[str, list[ResultsNode]]:
    by_code: dict[str, list[ResultsNode]] = {}
    for node in framework.results_nodes.all():
        by_code.setdefault(node.code.lower(), []).append(node)
    return by_code


# Writing ------------------------------------------------------------------------------------


def contributions_import(
    *,
    user: Any,
    data: bytes,
    framework: Instrument | None = None,
    valid_rows: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row of a file, then record its contributions as ``user`` in one transaction.

    With errors, nothing is written unless ``valid_rows``; ``dry_run`` writes nothing but counts
    what would be. ``framework`` is the instrument whose results framework the allocations name
    (a ``framework`` column overrides it). ``progress(stage, done, total)`` is called as rows
    are checked and written.
    """
    report = ImportReport()
    try:
        planned = _check(user, framework, read_rows(data), report, progress)
    except FileUnreadable as error:
        report.errors.append(RowError(0, "", str(error)))
        return report
    if report.errors and not valid_rows:
        return report
    found = len(report.errors)
    with changes_from(Source.IMPORT), transaction.atomic():
        for done, item in enumerate(planned, start=1):
            try:
                with transaction.atomic():
                    _write(user, item, report)
            except ValidationError as error:
                report.errors.extend(_refusals(item.row, error))
            except PermissionDenied:
                message = _("You may not record or change %(ref)s.") % {"ref": item.reference}
                report.errors.append(RowError(item.row, "reference", message))
            if progress and (done % PROGRESS_WRITTEN == 0 or done == len(planned)):
                progress("written", done, len(planned))
        report.conclude(found=found, valid_rows=valid_rows, dry_run=dry_run)
    return report


def _check(
    user: Any,
    framework: Instrument | None,
    rows: Iterator[list[str]],
    report: ImportReport,
    progress: Progress | None,
) -> list[Planned]:
    header = next(rows, None)
    if header is None:
        report.errors.append(RowError(0, "", _("The file is empty.")))
        return []
    checker = RowChecker(user, framework, header)
    if errors := checker.header_errors():
        report.errors.extend(errors)
        return []
    numbered = [(n, cells) for n, cells in enumerate(rows, start=2) if any(cells)]
    at = checker.columns["reference"]
    checker.load_stored(cells[at] for _n, cells in numbered if at < len(cells))
    planned = []
    for n, cells in numbered:
        report.rows += 1
        item, errors = checker.row(n, cells)
        report.errors.extend(errors)
        if item is not None:
            planned.append(item)
        if progress and report.rows % PROGRESS_CHECKED == 0:
            progress("checked", report.rows, len(numbered))
    return planned


def _refusals(row: int, error: ValidationError) -> list[RowError]:
    """A service's refusal as errors naming the row and the column."""
    if not hasattr(error, "error_dict"):
        return [RowError(row, "", " ".join(error.messages))]
    return [
        RowError(row, FIELD_COLUMNS.get(name, name), " ".join(messages))
        for name, messages in error.message_dict.items()
    ]


def _stored_shares(contribution: Contribution) -> set[tuple]:
    return {(a.node_id, a.share, a.amount) for a in contribution.allocations.all()}


def _same_data(stored: Contribution, data: ContributionData) -> bool:
    return all(getattr(stored, f.name) == getattr(data, f.name) for f in fields(ContributionData))


def _write(user: Any, item: Planned, report: ImportReport) -> None:
    stored = item.stored
    if stored is None:
        contribution = contribution_create(
            user=user,
            partner=item.partner,
            organization=item.organization,
            data=item.data,
            reference=item.reference,
            status=item.status,
            on=item.status_on,
        )
        if item.shares:
            allocations_set(user=user, contribution=contribution, shares=item.shares)
        if item.published:
            contribution_publish(user=user, contribution=contribution)
        report.created += 1
        return
    shares = item.shares
    if shares is not None and {(s.node.pk, s.share, s.amount) for s in shares} == _stored_shares(
        stored
    ):
        shares = None
    changed = not _same_data(stored, item.data)
    advanced = item.status != stored.status
    if not (changed or advanced or shares is not None or item.published != stored.published):
        report.unchanged += 1
        return
    amount = item.data.amount
    # New allocations that fit a smaller amount fit the larger one: replace them first then.
    first = shares is not None and (
        amount is None or (stored.amount is not None and amount < stored.amount)
    )
    if first:
        allocations_set(user=user, contribution=stored, shares=shares)
    contribution = stored
    if changed:
        contribution = contribution_update(user=user, contribution=stored, data=item.data)
    if shares is not None and not first:
        allocations_set(user=user, contribution=contribution, shares=shares)
    if advanced:
        contribution = status_advance(
            user=user, contribution=contribution, status=item.status, on=item.status_on
        )
    if item.published != stored.published:
        contribution_publish(user=user, contribution=contribution, published=item.published)
    report.updated += 1
