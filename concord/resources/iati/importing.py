"""Importing an IATI 2.03 activity file: each activity becomes a contribution.

The file is checked first: well-formed XML, valid against the activity schema, and every code
Concord records in its codelist (a code outside its list in a part Concord does not record is a
notice, not an error). Then, in one transaction and through the services of
``concord.resources.contributing`` (their permissions, history and checks), as the person named:

- the **organization** receiving the money is the one named, else the publisher whose IATI
  identifier is the reporting organisation's (or an implementing, extending or accountable
  one's);
- the one **funding** participating organisation is the partner: found by its IATI identifier,
  its code or its name as ingestion resolves names, else recorded as a new party (a State's
  IATI type cannot make it a State: it is recorded as an organization, a foundation, an NGO or
  a company by its type) and partner;
- **transactions** give the amount (the commitments, else the incoming funds, else the
  pledges), the currency, the status history (pledged: pipeline; committed: signed; funds in:
  received; then the activity status: finalisation is delivered, closed is closed) and the
  expenditure, summed per calendar year (per period, for Concord's own exports);
- **results** (with ``framework``) are matched to that framework's nodes by code, else title;
  their indicators are linked to the node, recorded first when unknown, with their baselines,
  targets and actuals as the activity's figures of its country, else of the organization,
  never displacing what Concord holds from another source (``concord.resources.iati.figures``);
  Concord's exports also carry each allocation's share or amount. Nodes are never created from
  a file.

**Importing again.** An activity whose reference is a recorded contribution's updates it: it
must be the same partner's, to the same organization (a reference names one contribution).
What differs is changed through the same services: the contribution's data, later status steps
(a file saying an earlier status keeps Concord's, with a notice: statuses only move forward),
each period's expenditure the file gives (periods it does not give are left; the decreases
first), the allocations when the file gives shares or amounts, the figures and targets. What is
equal is not written, so a file imported twice writes nothing the second time. A file dropping
the amount, or changing the currency under amounts allocated or spent, is refused; a cancelled
or suspended activity leaves its contribution as it was. Contributions the file does not name
are left alone: a file may hold some activities only.

Nothing is written when anything is wrong: every error names the element and its line.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concord.audit.context import changes_from
from concord.audit.models import Source
from concord.indicators.periods import period_for
from concord.registry.models import Body, Instrument, Party, ResultsNode
from concord.registry.names import normalize_name
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
    contribution_differs,
    contribution_publish,
    contribution_update,
    expenditure_put,
    status_advance,
)
from concord.resources.iati.checking import check_file
from concord.resources.iati.figures import IndicatorFigures, Subject, activity_source
from concord.resources.iati.partners import PartnerFinder
from concord.resources.iati.reading import ActivityRead, read_activity
from concord.resources.iati.results import IndicatorFinder
from concord.resources.iati.schema import IatiInvalid, IatiProblem, refusal
from concord.resources.iati.transactions import (
    ACTUAL_END,
    ACTUAL_START,
    PLANNED_END,
    PLANNED_START,
    amount_of,
    spending_changes,
    step_source,
    steps,
)
from concord.resources.models import (
    STATUS_ORDER,
    Contribution,
    ContributionStatus,
    FundingModality,
    IatiPublisher,
    ResourcePartner,
)

Progress = Callable[[int, int], None]
SKIPPED_STATUS = {"5", "6"}  # cancelled, suspended: Concord has no such status


@dataclass
class ImportReport:
    """What an import recorded: counts of what was written (or, in a dry run, would be)."""

    activities: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    parties: int = 0
    partners: int = 0
    indicators: int = 0
    allocations: int = 0
    expenditures: int = 0
    figures: int = 0
    targets: int = 0
    errors: list[IatiProblem] = field(default_factory=list)
    notices: list[IatiProblem] = field(default_factory=list)
    written: bool = False

    @property
    def contributions(self) -> int:
        return self.created + self.updated + self.unchanged


def activities_import(
    *,
    user: Any,
    data: bytes,
    organization: Body | None = None,
    framework: Instrument | None = None,
    publish: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check an IATI activity file, then record its activities as ``user``, all or nothing."""
    report = ImportReport()
    elements = check_file(data, report)
    if report.errors:
        return report
    problems: list[IatiProblem] = []
    activities = [read_activity(element, problems) for element in elements]
    report.errors.extend(problems)
    report.activities = len(activities)
    if report.errors:
        return report
    importer = _Importer(user, organization, framework, publish, report)
    with changes_from(Source.IMPORT), transaction.atomic():
        for done, activity in enumerate(activities, start=1):
            try:
                with transaction.atomic():
                    importer.activity(activity)
            except IatiInvalid as error:
                report.errors.extend(error.problems)
            except ValidationError as error:
                report.errors.append(refusal(activity.line, "iati-activity", error))
            except PermissionDenied:
                message = _("%(user)s may not record this contribution.") % {"user": user}
                report.errors.append(IatiProblem(activity.line, "iati-activity", message))
            if progress:
                progress(done, len(activities))
        report.written = not (dry_run or report.errors)
        if not report.written:
            transaction.set_rollback(True)
    return report


def _fail(line: int, element: str, message: str) -> IatiInvalid:
    return IatiInvalid([IatiProblem(line, element, message)])


class _Importer:
    """Records activities one by one; raises IatiInvalid naming the element at fault."""

    def __init__(
        self,
        user: Any,
        organization: Body | None,
        framework: Instrument | None,
        publish: bool,
        report: ImportReport,
    ) -> None:
        self.user, self.organization, self.framework = user, organization, framework
        self.publish, self.report = publish, report
        self.publishers = {
            p.identifier: p.body for p in IatiPublisher.objects.select_related("body")
        }
        self.partners = PartnerFinder(user, report)
        self.indicators = IndicatorFinder(user, framework, report) if framework else None
        self.figures = IndicatorFigures(user, report)
        self.nodes: list[ResultsNode] = list(framework.results_nodes.all()) if framework else []
        self.references: set[str] = set()

    def activity(self, activity: ActivityRead) -> None:
        if activity.status in SKIPPED_STATUS:
            self.skipped(activity)
            return
        organization = self.receiver(activity)
        partner = self.partner(activity)
        reference = self.reference(activity)
        stored = self.stored(activity, reference, partner, organization)
        statuses = steps(activity)
        amount, currency = amount_of(activity)
        country, region, places = self.place(activity)
        note = activity.description if activity.has_note else ""
        if note == activity.title:
            note = ""
        if places:
            note = "\n\n".join(filter(None, [note, places]))
        data = ContributionData(
            title=activity.title,
            modality=self.modality(activity, organization),
            country=country,
            region=region,
            amount=amount,
            currency=currency,
            starts_on=activity.dates.get(ACTUAL_START) or activity.dates.get(PLANNED_START),
            ends_on=activity.dates.get(ACTUAL_END) or activity.dates.get(PLANNED_END),
            source=self.source(activity),
            note=note,
            illustrative=activity.illustrative,
        )
        subject = Subject(party=country) if country else Subject(body=organization)
        written = self.report.figures + self.report.targets
        shares = self.results(
            activity, subject, data.source or activity_source(activity.identifier)
        )
        if stored is not None:
            written = self.report.figures + self.report.targets > written
            self.update(activity, stored, data, statuses, shares, written)
            return
        (first, on), *later = statuses
        contribution = contribution_create(
            user=self.user,
            partner=partner,
            organization=organization,
            data=data,
            reference=reference,
            status=first,
            on=on,
        )
        for status, on in later:
            contribution = status_advance(
                user=self.user, contribution=contribution, status=status, on=on
            )
        self.report.created += 1
        if shares:
            self.allocate(contribution, shares)
        self.spending(activity, contribution, contribution.amount)
        if self.publish:
            contribution_publish(user=self.user, contribution=contribution)

    def update(
        self,
        activity: ActivityRead,
        stored: Contribution,
        data: ContributionData,
        statuses: list[tuple[str, date]],
        shares: list[Share],
        written: bool,
    ) -> None:
        """Bring a contribution recorded before to what the file says, writing only changes
        (``written``: whether its figures or targets were)."""
        self.check_money(activity, stored, data)
        changed = bool(contribution_differs(stored, data))
        wanted = {(s.node.pk, s.share, s.amount) for s in shares}
        stored_shares = {(a.node_id, a.share, a.amount) for a in stored.allocations.all()}
        if not shares or wanted == stored_shares:
            shares = []
        # What fits a smaller amount fits the larger one: restate allocations and spending first
        # when the amount goes down, after it when it goes up or changes currency.
        first = (
            stored.amount is not None
            and data.amount < stored.amount
            and data.currency.upper() == stored.currency
        )
        written = written or bool(shares)
        if first:
            if shares:
                self.allocate(stored, shares)
            written = self.spending(activity, stored, data.amount) or written
        contribution = stored
        if changed:
            contribution = contribution_update(user=self.user, contribution=stored, data=data)
        if not first:
            if shares:
                self.allocate(contribution, shares)
            written = self.spending(activity, contribution, data.amount) or written
        later = self.later_steps(activity, contribution, statuses)
        for status, on in later:
            contribution = self.advance(activity, contribution, status, on)
        published = self.publish and not contribution.published
        if published:
            contribution_publish(user=self.user, contribution=contribution)
        if changed or written or later or published:
            self.report.updated += 1
        else:
            self.report.unchanged += 1

    def skipped(self, activity: ActivityRead) -> None:
        """Notice a cancelled or suspended activity: Concord has no such status."""
        stored = Contribution.objects.filter(reference=self.reference_of(activity)).first()
        if stored is not None and self.user.has_perm("resources.view_contribution", stored):
            message = _(
                "The activity is cancelled or suspended (activity-status %(code)s), which "
                "Concord does not record: the contribution %(ref)s is left as it was."
            )
        else:
            message = _(
                "A cancelled or suspended activity is not recorded (activity-status %(code)s)."
            )
        ref = stored.reference if stored is not None else ""
        self.report.notices.append(
            IatiProblem(
                activity.status_line,
                "activity-status",
                message % {"code": activity.status, "ref": ref},
            )
        )

    def check_money(
        self, activity: ActivityRead, stored: Contribution, data: ContributionData
    ) -> None:
        """Refuse a file dropping the amount, or changing the currency under amounts allocated
        or spent (they would be read in the new one)."""
        held = {"ref": stored.reference, "amount": stored.amount, "currency": stored.currency}
        if stored.amount is not None and data.amount is None:
            message = _(
                "This activity gives no amount (no commitment, incoming funds or pledge), and "
                "Concord holds %(amount)s %(currency)s for %(ref)s: give its transactions, or "
                "clear the amount in Concord first."
            )
            raise _fail(activity.line, "iati-activity", message % held)
        given = data.currency.upper()
        if not (stored.currency and given and given != stored.currency):
            return
        if stored.allocations.filter(amount__isnull=False).exists() or stored.expenditures.exists():
            message = _(
                "Concord holds %(ref)s in %(currency)s with allocations or spending; the file "
                "gives %(given)s: change the currency in Concord first."
            )
            line = next(m.line for m in activity.money if m.currency)
            raise _fail(line, "transaction", message % {**held, "given": given})

    def advance(
        self, activity: ActivityRead, contribution: Contribution, status: str, on: date
    ) -> Contribution:
        """Move the contribution to the file's later ``status``, not before its last step."""
        if on < contribution.status_on:
            message = _(
                "The file has %(ref)s %(status)s on %(on)s, before it became %(stored)s on "
                "%(date)s in Concord: a later status cannot come before."
            )
            line, element = step_source(activity, status)
            raise _fail(
                line,
                element,
                message
                % {
                    "ref": contribution.reference,
                    "status": ContributionStatus(status).label,
                    "on": on,
                    "stored": contribution.get_status_display(),
                    "date": contribution.status_on,
                },
            )
        return status_advance(user=self.user, contribution=contribution, status=status, on=on)

    def later_steps(
        self, activity: ActivityRead, stored: Contribution, statuses: list[tuple[str, date]]
    ) -> list[tuple[str, date]]:
        """The file's steps after the stored status; a file that says less is a notice."""
        reached = STATUS_ORDER.index(stored.status)
        said = statuses[-1][0]
        if STATUS_ORDER.index(said) < reached:
            message = _(
                "The file says %(said)s, Concord that %(ref)s is %(status)s since %(date)s: a "
                "status only moves forward, and Concord's is kept."
            )
            self.report.notices.append(
                IatiProblem(
                    activity.status_line,
                    "activity-status",
                    message
                    % {
                        "said": ContributionStatus(said).label,
                        "ref": stored.reference,
                        "status": stored.get_status_display(),
                        "date": stored.status_on,
                    },
                )
            )
        return [(status, on) for status, on in statuses if STATUS_ORDER.index(status) > reached]

    def allocate(self, contribution: Contribution, shares: list[Share]) -> None:
        allocations_set(user=self.user, contribution=contribution, shares=shares)
        self.report.allocations += len(shares)

    @staticmethod
    def source(activity: ActivityRead) -> str:
        """Concord's own source, else the IATI activity the contribution comes from."""
        return activity.source if activity.concord else activity_source(activity.identifier)

    def receiver(self, activity: ActivityRead) -> Body:
        if self.organization is not None:
            return self.organization
        reporting = activity.reporting
        if reporting.ref in self.publishers:
            return self.publishers[reporting.ref]
        for org in activity.orgs:
            if org.role in ("2", "3", "4") and org.ref in self.publishers:
                return self.publishers[org.ref]
        raise _fail(
            reporting.line,
            "reporting-org",
            _(
                "No organization in Concord publishes as %(ref)s, nor as an implementing "
                "organisation of this activity: name the organization receiving the money."
            )
            % {"ref": reporting.ref},
        )

    def partner(self, activity: ActivityRead):
        funders = activity.funders
        if len(funders) != 1:
            message = _(
                "An activity names one funding organisation (participating-org role 1), the "
                "resource partner; this one names %(count)d."
            )
            raise _fail(activity.line, "iati-activity", message % {"count": len(funders)})
        return self.partners.partner(funders[0])

    @staticmethod
    def reference_of(activity: ActivityRead) -> str:
        """Concord's own reference, else the identifier without the reporting organisation's."""
        if activity.reference:
            return activity.reference
        identifier, prefix = activity.identifier, f"{activity.reporting.ref}-"
        return identifier[len(prefix) :] if identifier.startswith(prefix) else identifier

    def reference(self, activity: ActivityRead) -> str:
        reference = self.reference_of(activity)
        line = activity.identifier_line
        if not reference or len(reference) > 64:
            message = _("%(id)s cannot be a contribution's reference (1 to 64 characters).")
            raise _fail(line, "iati-identifier", message % {"id": activity.identifier})
        if reference in self.references:
            message = _(
                "Another activity of this file has the reference %(ref)s: a reference names one "
                "contribution."
            )
            raise _fail(line, "iati-identifier", message % {"ref": reference})
        self.references.add(reference)
        return reference

    def stored(
        self,
        activity: ActivityRead,
        reference: str,
        partner: ResourcePartner,
        organization: Body,
    ) -> Contribution | None:
        """The contribution recorded before under ``reference``: the same partner's, to the same
        organization, else an error (a reference names one contribution)."""
        stored = (
            Contribution.objects.select_related("partner__party", "organization")
            .filter(reference=reference)
            .first()
        )
        if stored is None:
            return None
        line = activity.identifier_line
        if not self.user.has_perm("resources.view_contribution", stored):
            # As contribution_create: no one learns of a contribution they may not see.
            message = _("The reference %(ref)s cannot be used: choose another.")
            raise _fail(line, "iati-identifier", message % {"ref": reference})
        if (stored.partner_id, stored.organization_id) != (partner.pk, organization.pk):
            message = _(
                "%(ref)s is the reference of %(partner)s's contribution to %(organization)s, and "
                "this activity is %(file_partner)s's to %(file_organization)s: a reference names "
                "one contribution."
            )
            raise _fail(
                line,
                "iati-identifier",
                message
                % {
                    "ref": reference,
                    "partner": stored.partner.party.name,
                    "organization": stored.organization.name,
                    "file_partner": partner.party.name,
                    "file_organization": organization.name,
                },
            )
        return stored

    def place(self, activity: ActivityRead) -> tuple[Party | None, str, str]:
        """The beneficiary country or region; several are written in the note instead."""
        places = activity.places
        if len(places) > 1:
            listed = ", ".join(
                f"{p.code}{'' if p.tag == 'recipient-country' else f' (vocabulary {p.vocabulary})'}"
                + (f" {p.percentage}%" if p.percentage else "")
                for p in places
            )
            return (
                None,
                "",
                _("Recipient countries and regions in the IATI file: %(list)s.") % {"list": listed},
            )
        if not places:
            return None, "", ""
        (place,) = places
        if place.tag == "recipient-region":
            if place.vocabulary != "1":
                text = _("Recipient region in the IATI file: %(code)s (vocabulary %(vocabulary)s).")
                return None, "", text % {"code": place.code, "vocabulary": place.vocabulary}
            return None, place.code, ""
        country = pycountry.countries.get(alpha_2=place.code)
        party = Party.objects.filter(code__iexact=country.alpha_3).first() if country else None
        if party is None:
            message = _("No party of the registry has the country code %(code)s.")
            raise _fail(place.line, "recipient-country", message % {"code": place.code})
        return party, "", ""

    def modality(self, activity: ActivityRead, organization: Body) -> FundingModality | None:
        for line, vocabulary, code, ours in activity.tags:
            if vocabulary != "99":
                continue
            found = FundingModality.objects.filter(organization=organization, code=code).first()
            if found is not None:
                return found
            if ours:
                message = _("%(organization)s has no funding modality %(code)s.")
                raise _fail(
                    line, "tag", message % {"organization": organization.name, "code": code}
                )
        return None

    def results(self, activity: ActivityRead, subject: Subject, source: str) -> list[Share]:
        """Link the results' indicators and record their figures (``source``: what they come
        from); return the allocations."""
        if not activity.results:
            return []
        if self.framework is None:
            message = _("Results are not recorded: name the results framework they belong to.")
            self.report.notices.append(IatiProblem(activity.results[0].line, "result", message))
            return []
        if activity.figure_problems:
            raise IatiInvalid(activity.figure_problems)
        source = source.strip()[:255]
        shares = []
        for result in activity.results:
            node = self.node(result)
            for read in result.indicators:
                if read.stands_for_node:
                    continue
                indicator = self.indicators.link(read, node)
                if indicator is not None:
                    self.figures.record(read, indicator, subject, source, activity.line)
            if result.share is not None or result.amount is not None:
                shares.append(Share(node, share=result.share, amount=result.amount))
        return shares

    def node(self, result) -> ResultsNode:
        by_code = [n for n in self.nodes if result.code and n.code == result.code]
        title = normalize_name(result.title)
        by_title = [n for n in self.nodes if title and normalize_name(n.title) == title]
        found = by_code or by_title
        if len(found) != 1:
            message = _(
                "No single node of %(framework)s has the code %(code)s or the title %(title)s."
            )
            raise _fail(
                result.line,
                "result",
                message
                % {"framework": self.framework, "code": result.code or "-", "title": result.title},
            )
        return found[0]

    def spending(
        self, activity: ActivityRead, contribution: Contribution, amount: Decimal | None
    ) -> int:
        """Record what the file says was spent per period (what differs, the decreases first);
        return how many periods were written."""
        stored = {e.period.code: e.amount for e in contribution.expenditures.all()}
        changes = spending_changes(activity, stored, amount, contribution.currency)
        for code, spent in changes:
            expenditure_put(
                user=self.user, contribution=contribution, period=period_for(code), amount=spent
            )
        self.report.expenditures += len(changes)
        return len(changes)
