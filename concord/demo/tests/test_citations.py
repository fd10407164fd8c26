"""THE CITATION CHECK: the seed lines each demo citation points to hold the value loaded.

Every citation's locator ends either with the value as the seed writes it, in quotes
(``footnote 1, "Hong Kong, China"``), or with ``text`` for a passage whose words the record
holds (a provision, a statement, a footnote); the citation ingestion gives an instrument names
the lines its provisions were read from. This module reads the cited lines itself and
checks, from the database side, that the record's loaded value is what the quote means (a
date written "25 September 2012" against the participation's stored day, a name against the
party's aliases, a name in another language against the record's translation of it, a number
against the provision's number) and that the quote is in the lines. A Chinese quote keeps the
spaces the extraction put between its characters; it matches the translation without them.
"""

import bisect
import re
from dataclasses import dataclass, replace

import pytest
from django.conf import settings

from concord.demo.seeds import SeedText
from concord.demo.services import SEED_MODULES
from concord.directory.models import Meeting
from concord.registry.dates import PartialDate
from concord.registry.models import (
    Body,
    Citation,
    Footnote,
    Group,
    GroupMembership,
    Instrument,
    InstrumentRelation,
    Participation,
    Party,
    PartyAlias,
    Provision,
    ProvisionAddressee,
    Statement,
)
from concord.registry.names import normalize_name

pytestmark = pytest.mark.django_db

QUOTED = re.compile(r'^(?P<place>.+), "(?P<quote>.+)"$')
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
SEEDS = {module.SEED for module in SEED_MODULES}


@dataclass(frozen=True)
class Cited:
    document: str
    locator: str
    line_start: int
    line_end: int


def written(date: PartialDate | None) -> set[str]:
    """The ways a seed writes a date: "25 September 2012", "November 2001", "2002 and 2003"."""
    if date is None:
        return set()
    first, last = date.earliest, date.latest
    if date.precision == "day":
        return {f"{first.day} {MONTHS[first.month - 1]} {first.year}"}
    if date.precision == "month":
        return {f"{MONTHS[first.month - 1]} {first.year}"}
    if date.precision == "year":
        return {str(first.year)}
    return {f"{first.year} and {last.year}", f"{first.year}-{last.year}"}


def aliases(party: Party) -> set[str]:
    return set(party.aliases.values_list("name", flat=True))


def translations(record, field: str) -> set[str]:
    return {entry[field] for entry in record.translations.values() if entry.get(field)}


def without_cjk_spaces(text: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)


def canon_number(number: str) -> str:
    return number.translate(SUPERSCRIPTS).replace(" ", "").rstrip(".)")


def designations(instrument: Instrument) -> set[str]:
    """How a text names a numbered instrument: "Decision No. 1107", "Journal No. 976"."""
    if not instrument.number:
        return set()
    return {f"{instrument.get_kind_display()} No. {instrument.number}"}


def meeting_values(meeting: Meeting) -> tuple[set[str], set[str]]:
    """A meeting's days as a seed writes them ("29 March", "6 December 2013", "14-22 November
    2012"; "May 2002" or "2003" for one dated to the month or year), place, participants'
    names, its instruments' symbols and numbers; as phrases, its title, agenda and its
    instruments' titles and designations."""
    first, last = meeting.starts_on, meeting.ends_on
    exact = {meeting.place}
    if meeting.precision != "day":
        exact |= written(meeting.starts) | written(meeting.ends)
    else:
        for day in (first, last):
            if day:
                day_month = f"{day.day} {MONTHS[day.month - 1]}"
                exact |= {day_month, f"{day_month} {day.year}"}
        if last and (first.year, first.month) == (last.year, last.month):
            exact.add(f"{first.day}-{last.day} {MONTHS[first.month - 1]} {first.year}")
    for party in meeting.participants.all():
        exact |= aliases(party)
    linked = [*meeting.documents.all(), *meeting.decisions.all()]
    exact |= {i.symbol for i in linked} | {i.number for i in linked}
    phrases = {meeting.title, meeting.agenda, meeting.place}
    phrases |= {t for i in linked for t in (i.title, i.short_title, *designations(i))}
    return exact - {""}, phrases - {""}


def values(record) -> tuple[set[str], set[str]]:
    """Return what a quote may be for this record: exact values, and phrases (names, titles)."""
    if isinstance(record, Party):
        return aliases(record) | translations(record, "name"), set()
    if isinstance(record, PartyAlias):
        return {record.name}, set()
    if isinstance(record, Group):
        return set(), {record.name, record.description}
    if isinstance(record, GroupMembership):
        return aliases(record.party) | written(record.since) | written(record.until), set()
    if isinstance(record, Body):
        return ({record.acronym} | translations(record, "name")) - {""}, {record.name}
    if isinstance(record, Instrument):
        exact = {record.symbol, record.number} | written(record.adopted)
        return exact - {""}, {record.title, record.short_title, *designations(record)} - {""}
    if isinstance(record, InstrumentRelation):
        ends = (record.source, record.target)
        exact = {i.symbol for i in ends} | {i.number for i in ends}
        phrases = {t for i in ends for t in (i.title, i.short_title, *designations(i))}
        return exact - {""}, phrases - {""}
    if isinstance(record, Participation):
        return aliases(record.party) | written(record.start) | written(record.end), set()
    if isinstance(record, Statement):
        exact = aliases(record.party) | written(record.made)
        phrases = {record.label, record.get_kind_display(), record.self_described_kind}
        phrases |= {f"paragraph {canon_number(p.number)}" for p in record.provisions.all()}
        phrases |= {f"Article {canon_number(p.number)}" for p in record.provisions.all()}
        return exact, phrases - {""}
    if isinstance(record, Provision):
        return {record.number}, set()
    if isinstance(record, ProvisionAddressee):
        return {record.label}, set()
    if isinstance(record, Footnote):
        return {record.marker}, set()
    if isinstance(record, Meeting):
        return meeting_values(record)
    raise AssertionError(f"No rule for {type(record).__name__}")


def quote_matches(record, quote: str) -> bool:
    exact, phrases = values(record)
    if quote in exact or without_cjk_spaces(quote) in exact:
        return True
    if isinstance(record, (Provision, Footnote)):
        return canon_number(quote) in {canon_number(v) for v in exact}
    wanted = normalize_name(quote)
    for phrase in phrases:
        phrase = normalize_name(phrase)
        if len(wanted) >= 4 and len(phrase) >= 4 and (wanted in phrase or phrase in wanted):
            return True
    return False


def squash(text: str) -> str:
    """Ignore the space a reader puts after a bracket the source glued to a word."""
    return re.sub(r"\]\s+", "]", text)


def held_texts(record) -> list[str]:
    if isinstance(record, Provision):
        return [t for t in (record.heading, record.text) if t]
    if isinstance(record, (Statement, Footnote)):
        return [record.text]
    raise AssertionError(f"{type(record).__name__} holds no passage")


def problem(cited: Cited, record, seeds: dict[str, SeedText]) -> str | None:
    """Return why the citation does not hold, or None when the cited lines hold the value."""
    seed = seeds[cited.document]
    try:
        lines = seed.passage(cited.line_start, cited.line_end)
    except Exception as exc:  # a range beyond the file
        return str(exc)
    where = f"{cited.document}:{cited.line_start}-{cited.line_end} ({cited.locator})"
    if match := QUOTED.match(cited.locator):
        quote = match["quote"]
        if quote not in lines:
            return f"{where}: the lines do not say {quote!r}"
        if not quote_matches(record, quote):
            return f"{where}: {quote!r} is not a value of {type(record).__name__} {record}"
        return None
    if isinstance(record, Instrument) and not cited.locator.endswith(", text"):
        return uncovered(record, cited, seed, where)
    if not cited.locator.endswith(", text"):
        return f"{where}: the locator quotes no value and names no text"
    for text in held_texts(record):
        words = text.split()
        for edge in (words[:6], words[-6:]):
            if not in_order(edge, squash(lines)):
                return f"{where}: the lines do not hold {' '.join(edge)!r} of the record's text"
    return None


def in_order(words: list[str], lines: str) -> bool:
    """Whether the lines hold the words in this order (a table row may put cells between)."""
    position = 0
    for word in words:
        position = lines.find(squash(word), position)
        if position < 0:
            return False
        position += len(word)
    return True


def uncovered(instrument: Instrument, cited: Cited, seed: SeedText, where: str) -> str | None:
    """Check the citation ingestion gives an instrument: its lines hold every provision's span."""
    spans = instrument.provisions.exclude(source_start=None).values_list(
        "source_start", "source_end"
    )
    if not spans:
        return f"{where}: the locator quotes no value and the instrument has no ingested text"
    first = bisect.bisect_right(seed.offsets, min(start for start, _end in spans))
    last = bisect.bisect_right(seed.offsets, max(end for _start, end in spans) - 1)
    if not cited.line_start <= first <= last <= cited.line_end:
        return f"{where}: the provisions span lines {first}-{last}, beyond the citation"
    return None


@pytest.fixture(scope="module")
def seeds():
    return {name: SeedText(settings.SEEDS_DIR / name) for name in SEEDS}


def demo_citations():
    return Citation.objects.filter(document__in=SEEDS).select_related("content_type")


def test_every_citation_points_to_lines_that_hold_the_loaded_value(demo, seeds):
    citations = list(demo_citations())
    assert len(citations) > 800
    problems = []
    for citation in citations:
        record = citation.record
        cited = Cited(citation.document, citation.locator, citation.line_start, citation.line_end)
        if issue := problem(cited, record, seeds):
            problems.append(issue)
    assert not problems, "\n".join(problems[:20])


def test_a_text_citation_one_line_off_fails_the_check(demo, seeds):
    texts = [c for c in demo_citations() if c.locator.endswith(", text")]
    assert len(texts) > 200
    slack = []
    for citation in texts:
        cited = Cited(citation.document, citation.locator, citation.line_start, citation.line_end)
        for shift in (-1, 1):
            moved = replace(
                cited, line_start=cited.line_start + shift, line_end=cited.line_end + shift
            )
            if problem(moved, citation.record, seeds) is None:
                slack.append(f"{moved}")
    assert not slack, "\n".join(slack[:20])


@pytest.mark.parametrize(
    ("model", "quote", "line"),
    [
        (Participation, "25 September 2012", 183),
        (Participation, "November 2001", 14),
        (Participation, "2002 and 2003", 211),
        (Statement, "Republic of Azerbaijan", 242),
        (Instrument, "PC.DEC/1107/Corr.1", 22),
        (PartyAlias, "Korea (Republic of)", 48),
        (Party, "Organisation des Nations Unies pour l'alimentation et l'agriculture", 5),
        (Body, "Organización de las Naciones Unidas para la Agricultura y la Alimentación", 5),
    ],
)
def test_a_fact_cited_on_the_wrong_line_fails_the_check(demo, seeds, model, quote, line):
    citation = (
        demo_citations()
        .filter(
            content_type__model=model._meta.model_name,
            locator__endswith=f', "{quote}"',
            line_start=line,
        )
        .first()
    )
    assert citation is not None
    cited = Cited(citation.document, citation.locator, citation.line_start, citation.line_end)
    assert problem(cited, citation.record, seeds) is None
    for shift in (-1, 1):
        moved = replace(cited, line_start=line + shift, line_end=line + shift)
        assert problem(moved, citation.record, seeds) is not None


def test_a_value_the_record_does_not_hold_fails_the_check(demo, seeds):
    switzerland = Participation.objects.get(party__code="CHE", instrument__short_title="APIC")
    citation = Citation.objects.filter(
        object_id=switzerland.pk,
        content_type__model="participation",
        locator__endswith='"25 September 2012"',
    ).get()
    cited = Cited(citation.document, citation.locator, citation.line_start, citation.line_end)
    switzerland.start = "2012-09-26"
    switzerland.save()
    assert "is not a value" in problem(cited, switzerland, seeds)


def test_a_translation_the_record_does_not_hold_fails_the_check(demo, seeds):
    fao = Party.objects.get(code="fao")
    citation = Citation.objects.get(
        object_id=fao.pk,
        content_type__model="party",
        locator__startswith="cover page, name in French",
    )
    cited = Cited(citation.document, citation.locator, citation.line_start, citation.line_end)
    assert problem(cited, fao, seeds) is None
    fao.set_translation("fr", "name", "Organisation pour l'alimentation")
    fao.save()
    assert "is not a value" in problem(cited, fao, seeds)


def test_a_chinese_quote_matches_its_translation_only_once_the_extraction_spaces_go(demo, seeds):
    fao = Party.objects.get(code="fao")
    citation = Citation.objects.get(
        object_id=fao.pk, content_type__model="party", locator__contains="name in Chinese"
    )
    quote = QUOTED.match(citation.locator)["quote"]
    assert " " in quote
    assert fao.translations["zh-hans"]["name"] == "".join(quote.split())
    cited = Cited(citation.document, citation.locator, citation.line_start, citation.line_end)
    assert problem(cited, fao, seeds) is None
