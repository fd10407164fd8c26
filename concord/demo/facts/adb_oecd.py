"""Seed 000: the ADB/OECD Anti-Corruption Initiative for Asia-Pacific, its 2004-2006 work plan.

The 21 countries that endorsed the Action Plan as of 31 May 2004 are those of footnote 1.
Seventeen endorsed it at Tokyo in November 2001 (paragraph 2, month precision). Paragraph 8
dates the endorsement "December 2001"; the loader keeps paragraph 2's November, the more
specific account (place, month and count together), and cites it. The four others (Australia;
Cambodia; Hong Kong, China; Kazakhstan, paragraph 19) endorsed it "in 2002 and 2003"
(paragraph 20), a range the loader keeps as 2002/2003 without inventing a day.

For the directory, the meetings the paper dates, each to the month it gives and cited with the
date as written ("May 2002"): the October 1999 regional workshop where ADB and OECD began to
cooperate (paragraph 7), the Initiative's December 2000 launch in Seoul (paragraph 6), the
Tokyo meeting of November 2001 that endorsed the Action Plan (paragraph 2; its 17 participants
are footnote 1's endorsers less paragraph 19's four later ones), the Steering Group's May 2002
meeting that adopted the initial strategy (paragraph 21) and its December 2003 discussion of
the stocktaking (paragraph 12), the February 2003 training seminar in India (paragraphs 14 and
31; its 30 participants from 14 countries go unnamed, and the countries of the prosecutors who
led it are not recorded as participants), and the December 2003 Kuala Lumpur conference, with
Sri Lanka, Timor-Leste and Viet Nam, whom paragraph 19 names as attending. The 11th
International Anti-Corruption Conference (Korea, May 2003) is Transparency International's,
not a meeting of a body the paper describes, and is not loaded. The paper names no law,
contact or practice it shares as one.
"""

from concord.demo.records import DemoWriter
from concord.demo.seeds import Quote
from concord.directory.models import MeetingKind
from concord.registry.models import (
    Body,
    BodyKind,
    Instrument,
    InstrumentKind,
    LegalStatus,
    ParticipationRole,
    Party,
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
    adb = w.party(
        "adb", Quote("note", "Asian Development Bank", 460, 461), Quote("para 2", "ADB", 11)
    )
    oecd = w.party(
        "oecd",
        Quote("note", "Organisation for Economic Co-operation and Development", 461, 462),
        Quote("para 2", "OECD", 11),
    )
    w.party("un", Quote("para 3", "UN", 21))
    w.party("NOR", Quote("para 14", "Norway", 146))
    w.party("CHE", Quote("para 14", "Switzerland", 146))
    w.party("GBR", Quote("para 14", "U.K.", 147))
    visitors = [
        (w.party(code, quote), quote)
        for code, quote in (
            ("LKA", Quote("para 19", "Sri Lanka", 178)),
            ("TLS", Quote("para 19", "Timor-Leste", 179)),
            ("VNM", Quote("para 19", "Viet Nam", 179)),
        )
    ]
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
    in_tokyo = []
    for code, name, line in ENDORSERS:
        listed = Quote(FOOTNOTE, name, line)
        if code in LATER:
            named = Quote("para 19 (endorsed since December 2001)", name, 175)
            party = w.party(code, listed, named)
            when, sources = "2002/2003", (named, LATER_DATE)
        else:
            party = w.party(code, listed)
            in_tokyo.append((party, listed))
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
    _meetings(
        w,
        initiative,
        steering_group,
        (adb, oecd),
        in_tokyo,
        visitors,
        action_plan=action_plan,
        initial_strategy=initial_strategy,
    )


def _meetings(
    w: DemoWriter,
    initiative: Body,
    steering_group: Body,
    founders: tuple[Party, Party],
    in_tokyo: list[tuple[Party, Quote]],
    visitors: list[tuple[Party, Quote]],
    *,
    action_plan: Instrument,
    initial_strategy: Instrument,
) -> None:
    """The meetings the paper dates, to the month (see the module's docstring)."""
    adb, oecd = founders
    w.meeting(
        initiative,
        MeetingKind.WORKSHOP,
        "1999-10",
        Quote("para 7", "October 1999", 66),
        Quote("para 7", "regional workshop on corruption in Asian and Pacific economies", 67),
        Quote("para 7", "ADB", 66),
        Quote("para 7", "OECD", 66),
        title="Regional workshop on corruption in Asian and Pacific economies",
        participants=[adb, oecd],
    )
    w.meeting(
        initiative,
        MeetingKind.OTHER,
        "2000-12",
        Quote("para 6", "December 2000", 53),
        Quote("para 6", "launch", 53),
        Quote("para 6", "Seoul", 53),
        title="Launch of the Initiative",
        place="Seoul",
    )
    w.meeting(
        initiative,
        MeetingKind.OTHER,
        "2001-11",
        TOKYO,
        Quote("para 2", "Tokyo", 14),
        Quote("para 1", "Anti-Corruption Action Plan for Asia-Pacific", 7, 8),
        *(listed for _party, listed in in_tokyo),
        title="Tokyo meeting endorsing the Anti-Corruption Action Plan for Asia-Pacific",
        place="Tokyo",
        participants=[party for party, _listed in in_tokyo],
        decisions=[action_plan],
    )
    w.meeting(
        steering_group,
        MeetingKind.OTHER,
        "2002-05",
        Quote("para 21", "May 2002", 224),
        Quote("para 21", "initial strategy", 223),
        title="Meeting of the Steering Group adopting the initial strategy",
        decisions=[initial_strategy],
    )
    w.meeting(
        initiative,
        MeetingKind.SEMINAR,
        "2003-02",
        Quote("para 14", "February 2003", 143),
        Quote(
            "para 14",
            "practices and techniques for improving the effectiveness of prosecuting corruption",
            144,
        ),
        Quote("para 31", "India", 328),
        title="Training seminar on prosecuting corruption",
        place="India",
        agenda="Practices and techniques for improving the effectiveness of prosecuting corruption",
    )
    w.meeting(
        steering_group,
        MeetingKind.OTHER,
        "2003-12",
        Quote("para 12", "December 2003", 116),
        Quote("para 12", "discussion of results from this exercise", 116),
        title="Meeting of the Steering Group on the stocktaking exercise",
        agenda="Discussion of results from this exercise: the stocktaking of participating "
        "countries' legal and institutional anti-corruption frameworks",
    )
    w.meeting(
        initiative,
        MeetingKind.OTHER,
        "2003-12",
        Quote("para 18", "December 2003", 169),
        Quote("para 18", "Kuala Lumpur", 169),
        Quote("para 18", "results from the stocktaking exercise", 171),
        *(quote for _party, quote in visitors),
        title="Conference in Kuala Lumpur",
        place="Kuala Lumpur",
        agenda="The endorsing countries' first reform efforts under the Action Plan; the results "
        "from the stocktaking exercise; issues of particular concern to the region",
        participants=[party for party, _quote in visitors],
    )
