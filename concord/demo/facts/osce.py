"""Seed 004: OSCE Permanent Council journal No. 976 (6 December 2013), decisions 1107 and 1108.

The Addendum's references: sections are ``I`` to ``V``; each of sections II to V has two
sub-parts, ``II.national`` ("Recommended action at the national level") and ``II.osce``
("Action for OSCE institutions and bodies"). National-level paragraphs keep the section and
their printed number (``III.1.5``), as Azerbaijan's statement cites "Section III, paragraph
1.5"; the institutions' paragraphs are ``III.osce.5``, as the Holy See's statement cites
"Article 5 under Chapter III ... Institutions and Bodies". Unnumbered bullets under a
paragraph are points ``III.2.1.a`` to ``III.2.1.f``.

For the directory: the 976th plenary meeting itself (Kyiv, the parties the journal names, the
two decisions it adopted) and the next meeting the journal announces. The journal names no law,
no focal point and no practice to share: no legislation, contact or best practice is loaded.
"""

from concord.demo.records import DemoWriter
from concord.demo.seeds import Passage, Quote
from concord.directory.models import MeetingKind
from concord.registry.models import (
    BodyKind,
    InstrumentKind,
    LegalStatus,
    RelationKind,
    StatementKind,
)
from concord.registry.symbols import parse_symbol

SEED = "004_ececf33f46f8cecc.txt"
TITLE = "OSCE Permanent Council, journal No. 976: decisions 1107 and 1108"

ADOPTED_ON = Quote("journal, item 1 (date of the meeting)", "6 December 2013", 8)

# The drafts forwarded by decision 1108: (line, symbol, kind).
DRAFTS = [
    (286, "MC.DD/12/13/Rev.3", InstrumentKind.DECLARATION),
    (287, "MC.DD/5/13/Rev.4", InstrumentKind.DECISION),
    (288, "MC.DD/6/13/Rev.3/Corr.1", InstrumentKind.DECISION),
    (289, "MC.DD/7/13/Rev.3", InstrumentKind.DECISION),
    (290, "MC.DD/9/13/Rev.3", InstrumentKind.DECISION),
    (291, "MC.DD/8/13/Rev.1", InstrumentKind.DECISION),
    (292, "MC.DD/15/13/Rev.2", InstrumentKind.DECLARATION),
    (293, "MC.DD/17/13", InstrumentKind.STATEMENT),
    (294, "MC.DD/18/13", InstrumentKind.STATEMENT),
    (296, "MC.DD/14/13", InstrumentKind.DECISION),
]


def load(w: DemoWriter) -> None:
    # Parties named in the journal and the statements.
    ukraine = w.party("UKR", Quote("journal, chairmanship", "Ukraine", 3))
    russia = w.party("RUS", Quote("Agenda item 1", "Russian Federation", 24))
    holy_see = w.party("VAT", Quote("Agenda item 1", "Holy See", 25))
    azerbaijan = w.party(
        "AZE",
        Quote("Agenda item 1", "Azerbaijan", 26),
        Quote("Attachment 3", "Republic of Azerbaijan", 242),
    )
    armenia = w.party(
        "ARM",
        Quote("Agenda item 1", "Armenia", 27),
        Quote("Attachment 4", "Republic of Armenia", 261),
    )
    canada = w.party("CAN", Quote("Agenda item 2", "Canada", 35))
    turkey = w.party("TUR", Quote("Agenda item 2", "Turkey", 35))
    france = w.party("FRA", Quote("Agenda item 2", "France", 35))
    w.party("osce", Quote("Decision No. 1107, preamble", "OSCE", 60))

    # Bodies.
    osce = w.body(
        "osce",
        "Organization for Security and Co-operation in Europe",
        BodyKind.ORGANIZATION,
        Quote("Decision No. 1107, preamble", "OSCE", 60),
        acronym="OSCE",
    )
    council = w.body(
        "osce-pc",
        "Permanent Council",
        BodyKind.ORGAN,
        Quote("Agenda item 1", "Permanent Council", 22),
        parent=osce,
    )
    ministerial = w.body(
        "osce-mc",
        "Ministerial Council",
        BodyKind.ORGAN,
        Quote("Agenda item 2", "Ministerial Council", 33),
        parent=osce,
    )
    secretariat = w.body(
        "osce-secretariat",
        "OSCE Secretariat",
        BodyKind.SECRETARIAT,
        Quote("Attachment 2", "OSCE Secretariat", 235),
        parent=osce,
    )
    w.body(
        "osce-osr-cthb",
        "Office of the Special Representative and Co-ordinator for Combating Trafficking in "
        "Human Beings",
        BodyKind.OFFICE,
        Quote(
            "Addendum, II.osce.1",
            "Office of the Special Representative and Co-ordinator for Combating Trafficking "
            "in Human Beings",
            105,
        ),
        Quote("Addendum, II.osce.1", "OSR/CTHB", 105),
        acronym="OSR/CTHB",
        parent=osce,
    )
    w.body(
        "osce-odihr",
        "Office for Democratic Institutions and Human Rights",
        BodyKind.OFFICE,
        Quote("Addendum, IV.osce.3", "Office for Democratic Institutions and Human Rights", 177),
        Quote("Addendum, IV.osce.3", "ODIHR", 177),
        acronym="ODIHR",
        parent=osce,
    )
    w.body(
        "osce-gender-section",
        "Gender Section of the Secretariat",
        BodyKind.OFFICE,
        Quote("Addendum, III.osce.5", "Gender Section of the Secretariat", 146),
        parent=secretariat,
    )
    w.body(
        "osce-tntd-spmu",
        "TNTD/SPMU",
        BodyKind.OFFICE,
        Quote("Addendum, IV.osce.2", "TNTD/SPMU", 176),
        acronym="TNTD/SPMU",
        parent=secretariat,
    )

    # Instruments the journal refers to, known before ingestion so that it links the symbols
    # it finds to them.
    decision_title = (
        "Decision on the Addendum to the OSCE Action Plan to Combat Trafficking in Human "
        "Beings: One Decade Later"
    )

    original = w.instrument(
        Quote("Agenda item 1 (the corrigendum's symbol)", "PC.DEC/1107", 22),
        kind=InstrumentKind.DECISION,
        title=decision_title,
        symbol=str(parse_symbol("PC.DEC/1107/Corr.1").parent),
        number="1107",
        body=council,
        legal_status=LegalStatus.SUPERSEDED,
    )
    # The 2003 Action Plan and the Addendum that complements it.
    action_plan = w.instrument(
        Quote(
            "Decision No. 1107, preamble",
            "OSCE Action Plan to Combat Trafficking in Human Beings",
            60,
        ),
        Quote("Attachment 3", "24 July 2003", 248),
        kind=InstrumentKind.ACTION_PLAN,
        title="OSCE Action Plan to Combat Trafficking in Human Beings",
        body=council,
        adopted="2003-07-24",
        legal_status=LegalStatus.ADOPTED,
    )
    # The drafts decision 1108 forwards, each with the earlier revisions its symbol implies.
    forwarded = []
    for line, symbol, kind in DRAFTS:
        place = "Decision No. 1108, list of draft documents"
        title = _draft_title(w, line, symbol)
        chain = []
        parsed = parse_symbol(symbol).parent
        while parsed is not None:
            chain.insert(0, str(parsed))
            parsed = parsed.parent
        earlier = None
        for ancestor in chain:
            earlier = w.instrument(
                Quote(f"{place} (earlier revision implied by {symbol})", ancestor, line),
                kind=kind,
                title=title,
                symbol=ancestor,
                revision_of=earlier,
                body=ministerial,
                legal_status=LegalStatus.SUPERSEDED,
            )
        draft = w.instrument(
            Quote(place, symbol, line),
            kind=kind,
            title=title,
            symbol=symbol,
            revision_of=earlier,
            body=ministerial,
            legal_status=LegalStatus.DRAFT,
        )
        forwarded.append((draft, Quote(place, symbol, line)))

    doc = w.ingest()
    # The journal and the two decisions appended to it.
    journal = w.instrument(
        Quote("journal heading", "976th Plenary Meeting", 6),
        ADOPTED_ON,
        kind=InstrumentKind.JOURNAL,
        title="Journal of the 976th Plenary Meeting of the Permanent Council",
        number="976",
        body=council,
        adopted="2013-12-06",
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(0, InstrumentKind.JOURNAL),
    )
    d1107 = w.instrument(
        Quote("Agenda item 1", "PC.DEC/1107/Corr.1", 22),
        Quote("Agenda item 1", "Decision No. 1107", 22),
        Quote("Agenda item 1", decision_title.upper(), 18),
        ADOPTED_ON,
        kind=InstrumentKind.DECISION,
        title=decision_title,
        symbol="PC.DEC/1107/Corr.1",
        number="1107",
        revision_of=original,
        body=council,
        adopted="2013-12-06",
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(1, InstrumentKind.DECISION),
    )
    w.footnote(
        d1107,
        "1",
        Quote("Decision No. 1107, footnote 1", "1", 74),
        Passage("Decision No. 1107, footnote 1", 74, 74),
    )
    d1108 = w.instrument(
        Quote("Agenda item 2", "PC.DEC/1108", 33),
        Quote("Agenda item 2", "Decision No. 1108", 33),
        Quote("Agenda item 2", "FORWARDING OF DRAFT DOCUMENTS TO THE MINISTERIAL COUNCIL", 29),
        ADOPTED_ON,
        kind=InstrumentKind.DECISION,
        title="Decision on forwarding of draft documents to the Ministerial Council",
        symbol="PC.DEC/1108",
        number="1108",
        body=council,
        adopted="2013-12-06",
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(3, InstrumentKind.DECISION),
    )
    w.relation(
        d1107, RelationKind.ANNEXED_TO, journal, Quote("Agenda item 1", "PC Journal No. 976", 51)
    )
    w.relation(
        d1108, RelationKind.ANNEXED_TO, journal, Quote("Agenda item 2", "PC Journal No. 976", 276)
    )
    addendum_title = (
        "Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings: One Decade Later"
    )
    addendum = w.instrument(
        Quote("Agenda item 1", addendum_title, 22),
        ADOPTED_ON,
        kind=InstrumentKind.ADDENDUM,
        title=addendum_title,
        short_title="Addendum",
        body=council,
        adopted="2013-12-06",
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(2, InstrumentKind.ADDENDUM),
    )
    for draft, quote in forwarded:
        w.relation(d1108, RelationKind.FORWARDS, draft, quote)
    w.relation(
        addendum,
        RelationKind.COMPLEMENTS,
        action_plan,
        Quote("Addendum, I.1", "Action Plan", 80),
        note="adopted in 2003 and supplemented in 2005",
    )
    w.relation(
        addendum,
        RelationKind.ANNEXED_TO,
        d1107,
        Quote("Decision No. 1107", "DECISION No. 1107", 53, 72),
    )
    w.footnote(
        addendum,
        "1",
        Quote("Addendum, footnote 1", "1", 93),
        Passage("Addendum, footnote 1", 93, 93),
    )
    tree = doc.tree(addendum)

    # The four interpretative statements attached to decision 1107.
    listed = StatementKind.INTERPRETATIVE
    w.statement(
        russia,
        d1107,
        "Attachment 1",
        Passage("Attachment 1", 206, 218),
        Quote("Attachment 1", "Russian Federation", 204),
        Quote("Agenda item 1", "interpretative statement", 24),
        Quote("Agenda item 1", "attachment 1", 24),
        ADOPTED_ON,
        kind=listed,
        made="2013-12-06",
    )
    w.statement(
        holy_see,
        d1107,
        "Attachment 2",
        Passage("Attachment 2", 233, 235),
        Quote("Attachment 2", "Holy See", 231),
        Quote("Agenda item 1", "interpretative statement", 25),
        Quote("Agenda item 1", "attachment 2", 25),
        Quote("Attachment 2, heading", "6 December 2013", 221),
        Quote("Attachment 2", "reservation", 235),
        Quote("Attachment 2", "Article 5 under Chapter III", 235),
        kind=listed,
        self_described_kind=StatementKind.RESERVATION,
        made="2013-12-06",
    )
    w.statement(
        azerbaijan,
        d1107,
        "Attachment 3",
        Passage("Attachment 3", 244, 250),
        Quote("Attachment 3", "Republic of Azerbaijan", 242),
        Quote("Agenda item 1", "interpretative statement", 26),
        Quote("Agenda item 1", "attachment 3", 26),
        Quote("Attachment 3", "Section III, paragraph 1.5", 248),
        ADOPTED_ON,
        kind=listed,
        made="2013-12-06",
    )
    w.statement(
        armenia,
        d1107,
        "Attachment 4",
        Passage("Attachment 4", 259, 271),
        Quote("Attachment 4", "Armenia", 257),
        Quote("Agenda item 1", "interpretative statement", 27),
        Quote("Agenda item 1", "attachment 4", 27),
        ADOPTED_ON,
        kind=listed,
        made="2013-12-06",
        # "This decision tasks the SR/CTHB to promote bilateral and regional co-operation".
        provisions=[tree["V.s2.2"]],
    )

    # The meeting itself, and the next one the journal announces.
    w.meeting(
        council,
        MeetingKind.PLENARY,
        "2013-12-06",
        Quote("journal heading", "976th Plenary Meeting", 6),
        ADOPTED_ON,
        Quote("journal, item 1 (place of the meeting)", "Kyiv", 8),
        Quote("journal, chairmanship", "Ukraine", 3),
        Quote("Agenda item 1", "Russian Federation", 24),
        Quote("Agenda item 1", "Holy See", 25),
        Quote("Agenda item 1", "Azerbaijan", 26),
        Quote("Agenda item 1", "Armenia", 27),
        Quote("Agenda item 2", "Canada", 35),
        Quote("Agenda item 2", "Turkey", 35),
        Quote("Agenda item 2", "France", 35),
        Quote("Agenda item 1", "Decision No. 1107", 22),
        Quote("Agenda item 2", "Decision No. 1108", 33),
        Quote("Agenda item 1", "PC Journal No. 976", 51),
        Quote("Agenda item 3", "REVIEW OF CURRENT ISSUES", 37),
        Quote("Agenda item 4", "ANY OTHER BUSINESS", 41),
        title="976th Plenary Meeting of the Permanent Council (special meeting)",
        place="Kyiv",
        agenda=(
            "1. Decision on the Addendum to the OSCE Action Plan to Combat Trafficking in Human "
            "Beings: One Decade Later. 2. Decision on forwarding of draft documents to the "
            "Ministerial Council. 3. Review of current issues. 4. Any other business."
        ),
        participants=[ukraine, russia, holy_see, azerbaijan, armenia, canada, turkey, france],
        documents=[journal],
        decisions=[d1107, d1108],
    )
    w.meeting(
        council,
        MeetingKind.OTHER,
        "2013-12-12",
        Quote("journal, next meeting", "12 December 2013", 47),
        Quote("journal, next meeting", "Neuer Saal", 47),
        title="Meeting of the Permanent Council",
        place="Neuer Saal",
    )


def _draft_title(w: DemoWriter, line: int, symbol: str) -> str:
    """Read a draft's title from its list item: the words before its symbol in brackets."""
    text = w.seed.line(line).strip().removeprefix("-").strip()
    title, found, _rest = text.partition(f" ({symbol})")
    if not found:
        w.seed.check(Quote("Decision No. 1108, list of draft documents", f"({symbol})", line))
    return title
