"""Seed 000: the ADB/OECD Anti-Corruption Initiative for Asia-Pacific, its 2004-2006 work plan.

The 21 countries that endorsed the Action Plan as of 31 May 2004 are those of footnote 1.
Seventeen endorsed it at Tokyo in November 2001 (paragraph 2, month precision). Paragraph 8
dates the endorsement "December 2001"; the loader keeps paragraph 2's November, the more
specific account (place, month and count together), and cites it. The four others (Australia;
Cambodia; Hong Kong, China; Kazakhstan, paragraph 19) endorsed it "in 2002 and 2003"
(paragraph 20), a range the loader keeps as 2002/2003 without inventing a day.

For the directory, nothing: every meeting the paper mentions is dated to the month at most (the
Steering Group's May 2002 and December 2003 meetings, the February 2003 training seminar, the
December 2003 Kuala Lumpur conference ...), and a meeting's first day is a full date, which
the loader will not invent. The paper names no law, contact or practice it shares as one.
"""

from concord.demo.records import DemoWriter
from concord.demo.seeds import Quote
from concord.registry.models import (
    BodyKind,
    InstrumentKind,
    LegalStatus,
    ParticipationRole,
    RelationKind,
)

SEED = "000_00a2e0986d00ab67.txt"
TITLE = "ADB/OECD Anti-Corruption Initiative for Asia-Pacific: strategy and 2004-2006 work plan"

FOOTNOTE = "footnote 1 (endorsing countries as of 31 May 2004)"
# Endorsing countries as footnote 1 writes them: (code, name, line).
ENDORSERS = [
    ("AUS", "Australia", 46),
    ("BGD", "Bangladesh", 46),
    ("KHM", "Cambodia", 46),
    ("COK", "Cook Islands", 46),
    ("FJI", "Fiji Islands", 46),
    ("HKG", "Hong Kong, China", 46),
    ("IND", "India", 46),
    ("IDN", "Indonesia", 46),
    ("JPN", "Japan", 46),
    ("KAZ", "Kazakhstan", 48),
    ("KOR", "Korea (Republic of)", 48),
    ("KGZ", "Kyrgyz Republic", 48),
    ("MYS", "Malaysia", 48),
    ("MNG", "Mongolia", 48),
    ("NPL", "Nepal", 48),
    ("PAK", "Pakistan", 48),
    ("PNG", "Papua New Guinea", 48),
    ("PHL", "Philippines", 49),
    ("WSM", "Samoa", 49),
    ("SGP", "Singapore", 49),
    ("VUT", "Vanuatu", 49),
]
LATER = {"AUS", "KHM", "HKG", "KAZ"}  # paragraph 19, line 175
TOKYO = Quote("para 2 (endorsed in Tokyo by 17 countries)", "November 2001", 14)
PRC = "People\u2019s Republic of China"  # with the typographic apostrophe the seed uses
LATER_DATE = Quote("para 20 (four additional countries)", "2002 and 2003", 211)


def load(w: DemoWriter) -> None:
    initiative_name = "ADB/OECD Anti-Corruption Initiative for Asia-Pacific"
    initiative_quote = Quote("para 2", initiative_name, 11)
    w.party("adb", Quote("note", "Asian Development Bank", 460, 461), Quote("para 2", "ADB", 11))
    w.party(
        "oecd",
        Quote("note", "Organisation for Economic Co-operation and Development", 461, 462),
        Quote("para 2", "OECD", 11),
    )
    w.party("un", Quote("para 3", "UN", 21))
    w.party("NOR", Quote("para 14", "Norway", 146))
    w.party("CHE", Quote("para 14", "Switzerland", 146))
    w.party("GBR", Quote("para 14", "U.K.", 147))
    w.party("LKA", Quote("para 19", "Sri Lanka", 178))
    w.party("TLS", Quote("para 19", "Timor-Leste", 179))
    w.party("VNM", Quote("para 19", "Viet Nam", 179))
    china = w.party("CHN", Quote("para 19", PRC, 176, 177))

    initiative = w.body(
        "adb-oecd-initiative", initiative_name, BodyKind.ORGANIZATION, initiative_quote
    )
    steering_group = w.body(
        "adb-oecd-steering-group",
        "Steering Group",
        BodyKind.ORGAN,
        Quote("para 5", "Steering Group", 36, 37),
        parent=initiative,
    )
    secretariat = w.body(
        "adb-oecd-secretariat",
        "Secretariat",
        BodyKind.SECRETARIAT,
        Quote("para 4", "Secretariat", 29),
        parent=initiative,
    )
    w.body(
        "adb-oecd-advisory-group",
        "Advisory Group",
        BodyKind.SUBSIDIARY,
        Quote("para 10", "Advisory Group", 100),
        parent=initiative,
    )

    action_plan = w.instrument(
        Quote("para 1", "Anti-Corruption Action Plan for Asia-Pacific", 7, 8),
        Quote("para 3", "ADB/OECD Action Plan", 22),
        TOKYO,
        kind=InstrumentKind.ACTION_PLAN,
        title="Anti-Corruption Action Plan for Asia-Pacific",
        short_title="ADB/OECD Action Plan",
        body=initiative,
        adopted="2001-11",
        legal_status=LegalStatus.ADOPTED,
    )
    doc = w.ingest()
    work_plan = w.instrument(
        Quote("part III heading", "2004\u20132006 WORK PLAN", 203),
        kind=InstrumentKind.WORK_PLAN,
        title=f"{initiative_name}: strategy and 2004-2006 work plan",
        short_title="2004-2006 work plan",
        body=secretariat,
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(0, InstrumentKind.STRATEGY),
    )
    w.relation(
        work_plan,
        RelationKind.IMPLEMENTS,
        action_plan,
        Quote("part III heading", "ACTION PLAN", 203),
    )
    initial_strategy = w.instrument(
        Quote("para 21", "initial strategy", 223),
        Quote("para 21", "May 2002", 224),
        kind=InstrumentKind.STRATEGY,
        title=f"Initial strategy of the {initiative_name}",
        body=steering_group,
        adopted="2002-05",
        legal_status=LegalStatus.ADOPTED,
    )
    w.relation(
        work_plan,
        RelationKind.RECALLS,
        initial_strategy,
        Quote("para 21", "initial strategy", 223),
        note="its principles remain the basis of the Initiative's activities",
    )
    w.instrument(
        Quote("para 25", "UN Convention against Corruption", 277, 278),
        kind=InstrumentKind.CONVENTION,
        title="United Nations Convention against Corruption",
        short_title="UN Convention against Corruption",
        legal_status=LegalStatus.ADOPTED,
    )

    group = w.group(
        "adb-oecd-initiative",
        initiative_name,
        "The countries that endorsed the Anti-Corruption Action Plan for Asia-Pacific.",
        initiative_quote,
    )
    for code, name, line in ENDORSERS:
        listed = Quote(FOOTNOTE, name, line)
        if code in LATER:
            named = Quote("para 19 (endorsed since December 2001)", name, 175)
            party = w.party(code, listed, named)
            when, sources = "2002/2003", (named, LATER_DATE)
        else:
            party = w.party(code, listed)
            when, sources = "2001-11", (listed, TOKYO)
        w.participation(party, action_plan, ParticipationRole.ENDORSED, *sources, start=when)
        w.member(group, party, *sources, since=when)

    w.participation(
        china,
        action_plan,
        ParticipationRole.OBSERVER,
        Quote("para 19", PRC, 176, 177),
        Quote("para 19 (observer in the Steering Group's activities)", "2003", 177),
        start="2003",
        note="observer in the Steering Group's activities",
    )
