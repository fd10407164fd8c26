"""IATI 2.03 files of the published contributions: the activity file and the organisation file.

Only published contributions are exported, whoever asks: these files are for the public IATI
registry, and a file a secretariat downloads must be one it can publish as it is. A contribution
is reported by the nearest body at or above its organization that is an ``IatiPublisher``;
contributions of organizations without one are not exported.

Each contribution is one ``iati-activity``: reporting and participating organisations (the
partner funding, the organization implementing), status, dates, recipient country or region,
the modality (a tag of the reporting organisation's vocabulary) and its aid type and earmarking,
transactions (a pledge, the commitment once signed, the incoming funds once received, and each
period's expenditure on its last day, in the contribution's currency) and a ``result`` per
results-framework node it is allocated to, with the indicators that measure the node. Each
indicator carries what came from the activity (``figures.results_source``): the approved
figures of the contribution's subject (its country, else its organization) and the country's
targets with the activity's source, never the figures Concord holds from other sources. A
figure whose note begins with the baseline marker is a ``baseline`` of its year; the others an
``actual`` of their period; each target by a deadline a ``target`` of the period from the
contribution's start (or the deadline itself) to the deadline, when its comparator is the one
the indicator's direction says, or, for an indicator without one, when all its targets compare
alike (that says ``ascending``; IATI has no other comparison). What IATI has no place for (the
dated status history, the allocation's share, the source, an illustrative figure's mark, a
figure's status and caution) is written in Concord's own namespace, which the schema allows and
the importer reads back.

Every file is checked against the XSD and every code against its codelist before it is
returned; a stored code outside its list raises ``IatiInvalid``: no invalid file is written.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal

import pycountry
from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree

from concord.registry.models import Body, Publication, ResultsLevel
from concord.resources.iati.codes import code_problems
from concord.resources.iati.figures import (
    SubjectFigures,
    baseline_marker,
    figures_of,
    indicator_figures,
    results_source,
)
from concord.resources.iati.schema import (
    ACTIVITIES_XSD,
    NS,
    ORGANISATIONS_XSD,
    VERSION,
    IatiInvalid,
    IatiProblem,
    schema_problems,
)
from concord.resources.models import (
    STATUS_ORDER,
    Allocation,
    Contribution,
    ContributionStatus,
    Earmarking,
    IatiPublisher,
)

C = f"{{{NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ACTIVITY_STATUS = {
    ContributionStatus.PIPELINE: "1",
    ContributionStatus.APPROVED: "1",
    ContributionStatus.SIGNED: "2",
    ContributionStatus.RECEIVED: "2",
    ContributionStatus.DELIVERED: "3",
    ContributionStatus.CLOSED: "4",
}
RESULT_TYPE = {
    ResultsLevel.OUTPUT: "1",
    ResultsLevel.OUTCOME: "2",
    ResultsLevel.GOAL: "3",
    ResultsLevel.ACTIVITY: "9",
}
EARMARKING_CATEGORY = {
    Earmarking.UNEARMARKED: "1",
    Earmarking.LIGHTLY: "2",
    Earmarking.EARMARKED: "3",
}
ROLE_FUNDING, ROLE_IMPLEMENTING = "1", "4"
INCOMING_FUNDS, EXPENDITURE, INCOMING_COMMITMENT, INCOMING_PLEDGE = "1", "4", "11", "13"
PLANNED_START, PLANNED_END = "1", "3"


class NothingToExport(Exception):
    pass


def publishers() -> dict[int, IatiPublisher]:
    return {p.body_id: p for p in IatiPublisher.objects.select_related("body")}


def publisher_of(body: Body, known: dict[int, IatiPublisher]) -> IatiPublisher | None:
    """The publisher of ``body``: its own, or that of the nearest body above it."""
    seen: set[int] = set()
    while body is not None and body.pk not in seen:
        if body.pk in known:
            return known[body.pk]
        seen.add(body.pk)
        body = body.parent
    return None


def activity_identifier(contribution: Contribution, publisher: IatiPublisher) -> str:
    return f"{publisher.identifier}-{contribution.reference}"


def contributions_to_export(
    *, partner: str = "", country: str = "", modality: str = "", organization: str = ""
) -> QuerySet[Contribution]:
    """The published contributions, filtered by partner (party code), beneficiary country
    (ISO alpha-3), modality (code, its windows included) and organization (body code)."""
    queryset = (
        Contribution.objects.filter(published=True)
        .select_related(
            "partner__party", "organization__parent__parent", "modality__parent", "country"
        )
        .prefetch_related(
            "status_changes",
            "expenditures__period",
            Prefetch(
                "allocations",
                # Only the results of published frameworks: the file is public.
                queryset=Allocation.objects.filter(
                    node__framework__publication=Publication.PUBLISHED
                )
                .select_related("node__framework")
                .prefetch_related("node__indicators"),
            ),
        )
        .order_by("reference")
    )
    if partner:
        queryset = queryset.filter(partner__party__code__iexact=partner)
    if country:
        queryset = queryset.filter(country__code__iexact=country)
    if modality:
        queryset = queryset.filter(Q(modality__code=modality) | Q(modality__parent__code=modality))
    if organization:
        queryset = queryset.filter(organization__code=organization)
    return queryset


# Building ----------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(
        parent,
        tag,
        {k.replace("_", "-"): str(v) for k, v in attributes.items() if v not in (None, "")},
    )
    if text is not None:
        element.text = text
    return element


def _narrative(parent: etree._Element, tag: str, text: str, **attributes) -> etree._Element:
    element = _sub(parent, tag, **attributes)
    _sub(element, "narrative", text)
    return element


def _figure_number(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _country_code(contribution: Contribution) -> str:
    found = pycountry.countries.get(alpha_3=contribution.country.code.upper())
    if found is None:
        raise IatiInvalid(
            [
                IatiProblem(
                    0,
                    "recipient-country",
                    _("%(party)s (%(code)s) has no ISO 3166-1 country code (contribution %(ref)s).")
                    % {
                        "party": contribution.country.name,
                        "code": contribution.country.code,
                        "ref": contribution.reference,
                    },
                )
            ]
        )
    return found.alpha_2


def _reached(contribution: Contribution, status: str) -> date | None:
    """The day the contribution reached ``status`` or a later one, if it has."""
    index = STATUS_ORDER.index(status)
    days = [
        c.on for c in contribution.status_changes.all() if STATUS_ORDER.index(c.status) >= index
    ]
    return min(days) if days else None


def _organisation(
    parent: etree._Element, tag: str, name: str, ref: str, kind: str, **attributes
) -> etree._Element:
    return _narrative(parent, tag, name, ref=ref, type=kind, **attributes)


def _transaction(
    activity: etree._Element,
    contribution: Contribution,
    publisher: IatiPublisher,
    kind: str,
    on: date,
    amount: Decimal,
    **extension,
) -> None:
    transaction = _sub(activity, "transaction", **{f"{C}{k}": v for k, v in extension.items()})
    _sub(transaction, "transaction-type", code=kind)
    _sub(transaction, "transaction-date", iso_date=on.isoformat())
    _sub(
        transaction,
        "value",
        _amount(amount),
        currency=contribution.currency,
        value_date=on.isoformat(),
    )
    partner = contribution.partner
    if kind == EXPENDITURE:
        _organisation(
            transaction,
            "provider-org",
            contribution.organization.name,
            publisher.identifier,
            publisher.organisation_type,
        )
        return
    _organisation(
        transaction,
        "provider-org",
        partner.party.name,
        partner.iati_identifier,
        partner.organisation_type,
    )
    _organisation(
        transaction,
        "receiver-org",
        contribution.organization.name,
        publisher.identifier,
        publisher.organisation_type,
    )


def _transactions(
    activity: etree._Element, contribution: Contribution, publisher: IatiPublisher
) -> None:
    if contribution.amount is not None:
        steps = [
            (INCOMING_PLEDGE, ContributionStatus.PIPELINE),
            (INCOMING_COMMITMENT, ContributionStatus.SIGNED),
            (INCOMING_FUNDS, ContributionStatus.RECEIVED),
        ]
        dated = [(kind, _reached(contribution, status)) for kind, status in steps[1:]]
        changes = sorted(contribution.status_changes.all(), key=lambda change: change.on)
        pledged = [c.on for c in changes if c.status == ContributionStatus.PIPELINE]
        if not pledged and changes and not any(on for _kind, on in dated):
            # Approved, not yet signed: IATI has no approval, and the amount is said as pledged.
            pledged = [changes[0].on]
        for kind, on in [(INCOMING_PLEDGE, pledged[0] if pledged else None), *dated]:
            if on is not None:
                _transaction(activity, contribution, publisher, kind, on, contribution.amount)
    for expenditure in contribution.expenditures.all():
        if not contribution.currency:
            raise IatiInvalid(
                [
                    IatiProblem(
                        0,
                        "value",
                        _("Contribution %(ref)s has expenditure but no currency.")
                        % {"ref": contribution.reference},
                    )
                ]
            )
        _transaction(
            activity,
            contribution,
            publisher,
            EXPENDITURE,
            expenditure.period.ends_on,
            expenditure.amount,
            period=expenditure.period.code,
        )


def _figure_parts(item: etree._Element, value, comment: str) -> None:
    for name, text in sorted(value.breakdown.items()):
        _sub(item, "dimension", name=name, value=text)
    if comment:
        _narrative(item, "comment", comment)
    _sub(item, f"{C}figure", source=value.source, status=value.status, flag=value.flag)


def _periods(
    element: etree._Element, contribution: Contribution, targets: list, values: list
) -> None:
    marker = baseline_marker()
    periods: dict[tuple[date, date], tuple[list, list]] = defaultdict(lambda: ([], []))
    for target in targets:
        starts = contribution.starts_on
        starts = starts if starts and starts <= target.deadline else target.deadline
        periods[starts, target.deadline][0].append(target)
    for value in values:
        period = value.period
        if value.note.startswith(marker) and period.code == str(period.starts_on.year):
            item = _sub(
                element, "baseline", year=period.starts_on.year, value=_figure_number(value.number)
            )
            _figure_parts(item, value, value.note[len(marker) :].strip())
        else:
            periods[period.starts_on, period.ends_on][1].append(value)
    for (starts, ends), (targets, actuals) in sorted(periods.items()):
        period = _sub(element, "period")
        _sub(period, "period-start", iso_date=starts.isoformat())
        _sub(period, "period-end", iso_date=ends.isoformat())
        for target in targets:
            item = _sub(period, "target", value=_figure_number(target.value))
            if target.note:
                _narrative(item, "comment", target.note)
            _sub(item, f"{C}figure", source=target.source)
        for value in actuals:
            item = _sub(period, "actual", value=_figure_number(value.number))
            _figure_parts(item, value, value.note)


def _results(
    activity: etree._Element,
    contribution: Contribution,
    base_url: str,
    figures: SubjectFigures,
    source: str,
) -> None:
    for allocation in contribution.allocations.all():
        node = allocation.node
        result = _sub(activity, "result", type=RESULT_TYPE[node.level])
        _narrative(result, "title", node.title or node.code)
        framework_uri = f"{base_url}/api/instruments/{node.framework_id}/results-framework"
        _sub(
            result,
            "reference",
            vocabulary="99",
            code=node.code,
            vocabulary_uri=framework_uri if base_url else None,
        )
        indicators = list(node.indicators.all())
        for indicator in indicators:
            ascending, targets, values = indicator_figures(indicator, contribution, figures, source)
            element = _sub(
                result,
                "indicator",
                measure="2" if indicator.unit == "percent" else "1",
                ascending=ascending,
            )
            _narrative(element, "title", indicator.name)
            if indicator.definition:
                _narrative(element, "description", indicator.definition)
            _sub(
                element,
                "reference",
                vocabulary="99",
                code=indicator.code,
                indicator_uri=f"{base_url}/indicators/{indicator.code}" if base_url else None,
            )
            _periods(element, contribution, targets, values)
        if not indicators:
            # The schema wants an indicator: the node itself, followed qualitatively.
            element = _sub(result, "indicator", measure="5", **{f"{C}stands-for": "node"})
            _narrative(element, "title", node.title or node.code)
        _sub(
            result,
            f"{C}allocation",
            share=_amount(allocation.share) if allocation.share is not None else None,
            amount=_amount(allocation.amount) if allocation.amount is not None else None,
        )


def activity_element(
    parent: etree._Element,
    contribution: Contribution,
    publisher: IatiPublisher,
    base_url: str,
    figures: SubjectFigures | None = None,
) -> etree._Element:
    """Append the ``iati-activity`` of one contribution to ``parent`` (with ``figures``, its
    indicators' targets and figures)."""
    activity = _sub(
        parent,
        "iati-activity",
        default_currency=contribution.currency or None,
        **{XML_LANG: "en"},
    )
    identifier = activity_identifier(contribution, publisher)
    _sub(activity, "iati-identifier", identifier)
    organization = contribution.organization
    _organisation(
        activity,
        "reporting-org",
        organization.name,
        publisher.identifier,
        publisher.organisation_type,
    )
    _narrative(activity, "title", contribution.title)
    _narrative(activity, "description", contribution.note or contribution.title, type="1")
    if contribution.illustrative:
        _narrative(activity, "description", _("Illustrative figure, not from a source."), type="4")
    partner = contribution.partner
    _organisation(
        activity,
        "participating-org",
        partner.party.name,
        partner.iati_identifier,
        partner.organisation_type,
        role=ROLE_FUNDING,
    )
    _organisation(
        activity,
        "participating-org",
        organization.name,
        publisher.identifier,
        publisher.organisation_type,
        role=ROLE_IMPLEMENTING,
    )
    _sub(activity, "activity-status", code=ACTIVITY_STATUS[contribution.status])
    dates = [(PLANNED_START, contribution.starts_on), (PLANNED_END, contribution.ends_on)]
    for kind, on in dates:
        if on:
            _sub(activity, "activity-date", type=kind, iso_date=on.isoformat())
    if not (contribution.starts_on or contribution.ends_on):
        # The schema wants a date: the first step of the contribution's life stands for it.
        first = min(
            (c.on for c in contribution.status_changes.all()), default=contribution.status_on
        )
        _sub(
            activity,
            "activity-date",
            type=PLANNED_START,
            iso_date=first.isoformat(),
            **{f"{C}from": "status"},
        )
    if contribution.country_id:
        _sub(activity, "recipient-country", code=_country_code(contribution), percentage="100")
    elif contribution.region:
        _sub(
            activity, "recipient-region", code=contribution.region, vocabulary="1", percentage="100"
        )
    modality = contribution.modality
    if modality is not None:
        tag = _narrative(
            activity,
            "tag",
            modality.name,
            vocabulary="99",
            code=modality.code,
            **{f"{C}kind": "modality"},
        )
        if base_url:
            tag.set("vocabulary-uri", f"{base_url}/api/modalities")
        if modality.aid_type:
            _sub(activity, "default-aid-type", code=modality.aid_type, vocabulary="1")
        _sub(
            activity,
            "default-aid-type",
            code=EARMARKING_CATEGORY[modality.earmarking],
            vocabulary="2",
        )
    _transactions(activity, contribution, publisher)
    source = results_source(contribution, identifier)
    _results(activity, contribution, base_url, figures or SubjectFigures(), source)
    extension = _sub(
        activity,
        f"{C}contribution",
        reference=contribution.reference,
        source=contribution.source,
        illustrative="1" if contribution.illustrative else None,
        note="1" if contribution.note else "0",
    )
    for change in contribution.status_changes.all():
        _sub(extension, f"{C}status", code=change.status, on=change.on.isoformat())
    return activity


def _checked(root: etree._Element, xsd: str) -> bytes:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    # Re-read what is written, so that each problem comes with its line in the file.
    tree = etree.ElementTree(etree.fromstring(data))
    problems = schema_problems(tree, xsd) + code_problems(tree.getroot())
    if problems:
        raise IatiInvalid(problems)
    return data


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def activities_xml(contributions: Iterable[Contribution], *, base_url: str = "") -> bytes:
    """The IATI activity file of ``contributions`` (those of a publishing organization).

    Raise NothingToExport when none is, since a file holds at least one activity."""
    known = publishers()
    exported = []
    for contribution in contributions:
        if contribution.published is not True:
            raise ValueError(f"{contribution.reference} is not published")
        publisher = publisher_of(contribution.organization, known)
        if publisher is not None:
            exported.append((contribution, publisher))
    sources = {c.pk: results_source(c, activity_identifier(c, p)) for c, p in exported}
    figures = figures_of([c for c, _p in exported], sources)
    root = etree.Element("iati-activities", nsmap={"concord": NS})
    root.set("version", VERSION)
    root.set("generated-datetime", _now())
    with translation.override("en"):
        for contribution, publisher in exported:
            activity_element(root, contribution, publisher, base_url, figures)
    if not len(root):
        raise NothingToExport(_("No published contribution of a publishing organization matches."))
    return _checked(root, ACTIVITIES_XSD)


def organisation_xml(*, organization: str = "") -> bytes:
    """The IATI organisation file of each publisher (or the one of ``organization``), with its
    total expenditure per period and currency (never added across currencies)."""
    known = publishers()
    if organization:
        known = {k: p for k, p in known.items() if p.body.code == organization}
    if not known:
        raise NothingToExport(_("No organization publishes to IATI."))
    spent: dict[int, dict[tuple, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    everyone = publishers()
    contributions = (
        Contribution.objects.filter(published=True)
        .select_related("organization__parent__parent")
        .prefetch_related("expenditures__period")
    )
    for contribution in contributions:
        publisher = publisher_of(contribution.organization, everyone)
        if publisher is None or publisher.body_id not in known:
            continue
        for expenditure in contribution.expenditures.all():
            period = expenditure.period
            key = (period.starts_on, period.ends_on, contribution.currency)
            spent[publisher.body_id][key] += expenditure.amount
    root = etree.Element("iati-organisations", version=VERSION)
    root.set("generated-datetime", _now())
    with translation.override("en"):
        for publisher in sorted(known.values(), key=lambda p: p.identifier):
            element = _sub(
                root, "iati-organisation", last_updated_datetime=_now(), **{XML_LANG: "en"}
            )
            _sub(element, "organisation-identifier", publisher.identifier)
            _narrative(element, "name", publisher.body.name)
            _organisation(
                element,
                "reporting-org",
                publisher.body.name,
                publisher.identifier,
                publisher.organisation_type,
            )
            for (starts, ends, currency), amount in sorted(spent[publisher.body_id].items()):
                total = _sub(element, "total-expenditure")
                _sub(total, "period-start", iso_date=starts.isoformat())
                _sub(total, "period-end", iso_date=ends.isoformat())
                _sub(
                    total, "value", _amount(amount), currency=currency, value_date=ends.isoformat()
                )
    return _checked(root, ORGANISATIONS_XSD)
