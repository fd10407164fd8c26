"""Seed 002: the ICC Bureau's report on cooperation (23 October 2012) and its three annexes.

Ingestion reads the four instruments and their provisions (the draft resolution's preambular
``pp.1`` to ``pp.3`` and operative ``1`` to ``24``; Annex II's recommendations ``A.1`` to ``A.8``
to the Court and ``B.9`` to ``B.13`` to States); these facts complete them as a reader would: the
draft resolution is published as a draft, the report is the Bureau's, and the instruments they
refer to and who is party to APIC are recorded. For the directory: the meetings the report
dates to the day (the seven informal consultations of The Hague Working Group in 2012, the
workshop of 1 October 2012, the Bureau meeting that appointed the facilitator, the Court's
diplomatic briefing, the Assembly's eleventh session) and Mali's agreement on enforcement of
sentences, which paragraph 12 does not date. The report names no law, no focal point or
central authority and no practice it shares as one (the workshop's proposals were "not subject
to any form of endorsement"): no legislation, contact or best practice is loaded.
"""

from concord.demo.records import DemoWriter
from concord.demo.seeds import Passage, Quote
from concord.directory.models import MeetingKind
from concord.registry.models import (
    Body,
    BodyKind,
    Instrument,
    InstrumentKind,
    LegalStatus,
    ParticipationRole,
    RelationKind,
)

SEED = "002_6658bc041281300c.txt"
TITLE = "ICC Assembly of States Parties: report of the Bureau on cooperation"


# The Hague Working Group's informal consultations of 2012: the day as paragraph 3 lists it, the
# title and agenda as a reader sums them up, the lines that say more, and whether the informal
# paper (Annex III) was presented there.
CONSULTATIONS = [
    (
        "2012-03-29",
        "29 March",
        "First informal consultation on cooperation",
        "The key issues on which to focus the working group's efforts",
        [Quote("para 4", "29 March 2012", 30), Quote("para 4", "key issues", 30)],
        False,
    ),
    (
        "2012-04-26",
        "26 April",
        "Informal consultation on cooperation",
        "Two discussion papers of the Court: priorities for the identification, freezing and "
        "seizure of assets; channels of communication and domestic procedures",
        [Quote("para 7", "26 April 2012", 40), Quote("para 7", "two discussion papers", 40)],
        False,
    ),
    (
        "2012-05-15",
        "15 May",
        "Informal consultation on cooperation",
        "Presentation of the European Union Genocide Network by EUROJUST",
        [
            Quote("para 7", "15 May 2012", 40),
            Quote("para 7", "European Union Genocide Network", 40),
        ],
        False,
    ),
    ("2012-05-31", "31 May", "Informal consultation on cooperation", "", [], False),
    (
        "2012-06-19",
        "19 June",
        "Informal consultation on national implementing legislation",
        "National implementing legislation relevant to cooperation; presentation of the ICC "
        "Legal Tools Project",
        [
            Quote("para 9", "19 June 2012", 46),
            Quote("para 9", "national implementing legislation relevant to cooperation", 46),
            Quote("para 9", "ICC Legal Tools Project", 46),
        ],
        False,
    ),
    (
        "2012-09-18",
        "18 September",
        "Informal consultation on privileges and immunities of the Court's staff",
        "Preliminary discussion of privileges and immunities of the Court's staff; presentation "
        "of the informal paper",
        [
            Quote("para 13", "18 September 2012", 62),
            Quote("para 13", "privileges and immunities", 62),
            Quote("Annex III, footnote *", "18 September 2012", 181),
        ],
        True,
    ),
    ("2012-10-10", "10 October 2012", "Informal consultation on cooperation", "", [], False),
]


def load(w: DemoWriter) -> None:
    w.party("NOR", Quote("para 2", "Norway", 25))
    w.party("LBY", Quote("para 5", "Libya", 35))
    mali = w.party("MLI", Quote("para 12", "Mali", 54))
    w.party("eu", Quote("para 3", "European Union", 29))
    w.party("un", Quote("para 15", "United Nations", 66))
    w.party(
        "icc",
        Quote("Annex I, operative paragraph 8", "International Criminal Court", 99),
        Quote("para 9", "ICC", 46),
    )
    ukraine = w.party("UKR", Quote("Annex III, para 6", "Ukraine", 177))
    kenya = w.party("KEN", Quote("Annex III, para 6", "Kenya", 177))
    w.party("SDN", Quote("Annex III, para 6", "Sudan", 177))
    w.party("CIV", Quote("Annex III, para 6", "Côte d'Ivoire", 177))
    switzerland = w.party("CHE", Quote("Annex III, footnote 1", "Switzerland", 183))

    court = w.body(
        "icc",
        "International Criminal Court",
        BodyKind.COURT,
        Quote("Annex I, operative paragraph 8", "International Criminal Court", 99),
        acronym="ICC",
    )
    w.body(
        "icc-registry", "Registry", BodyKind.ORGAN, Quote("para 12", "Registry", 54), parent=court
    )
    assembly = w.body(
        "icc-asp",
        "Assembly of States Parties",
        BodyKind.ORGAN,
        Quote("heading", "Assembly of States Parties", 5),
    )
    w.body(
        "icc-asp-secretariat",
        "Secretariat of the Assembly of States Parties",
        BodyKind.SECRETARIAT,
        Quote("Note by the Secretariat", "Secretariat", 18),
        parent=assembly,
    )
    bureau = w.body(
        "icc-asp-bureau",
        "Bureau of the Assembly of States Parties",
        BodyKind.ORGAN,
        Quote("Note by the Secretariat", "Bureau of the Assembly of States Parties", 20),
        parent=assembly,
    )
    working_group = w.body(
        "icc-hague-working-group",
        "The Hague Working Group",
        BodyKind.SUBSIDIARY,
        Quote("Note by the Secretariat", "The Hague Working Group", 20),
        parent=bureau,
    )
    review_conference = w.body(
        "icc-review-conference",
        "Review Conference",
        BodyKind.ORGAN,
        Quote("Annex I, preamble 1", "Review Conference", 86),
        parent=assembly,
    )

    # Instruments the report and the draft resolution refer to, known before ingestion so that
    # it links the symbols it finds to them.
    cooperation = w.instrument(
        Quote("Note by the Secretariat", "ICC-ASP/10/Res.2", 20),
        Quote("Note by the Secretariat", "20 December 2011", 20),
        Quote("para 1", "Cooperation", 24),
        kind=InstrumentKind.RESOLUTION,
        title="Cooperation",
        symbol="ICC-ASP/10/Res.2",
        body=assembly,
        adopted="2011-12-20",
        legal_status=LegalStatus.ADOPTED,
    )
    rome_statute = w.instrument(
        Quote("Annex I, preamble 1", "Rome Statute", 86),
        kind=InstrumentKind.STATUTE,
        title="Rome Statute of the International Criminal Court",
        short_title="Rome Statute",
        legal_status=LegalStatus.IN_FORCE,
    )
    declaration = w.instrument(
        Quote("Annex I, preamble 1", "RC/Dec.2", 86),
        Quote("Annex I, preamble 1", "Declaration on Cooperation", 86),
        kind=InstrumentKind.DECLARATION,
        title="Declaration on Cooperation",
        symbol="RC/Dec.2",
        body=review_conference,
        legal_status=LegalStatus.ADOPTED,
    )
    recalled = [rome_statute, declaration]
    for symbol in ("ICC-ASP/8/Res.2", "ICC-ASP/9/Res.3", "ICC-ASP/6/Res.2"):
        recalled.append(
            w.instrument(
                Quote("Annex I, preamble 1", symbol, 86),
                kind=InstrumentKind.RESOLUTION,
                title=f"Resolution {symbol}",
                symbol=symbol,
                body=assembly,
                legal_status=LegalStatus.ADOPTED,
            )
        )
    procedures = w.instrument(
        Quote("Annex I, operative paragraph 5", "ICC-ASP/10/Res.5", 96),
        kind=InstrumentKind.RESOLUTION,
        title="Resolution ICC-ASP/10/Res.5",
        symbol="ICC-ASP/10/Res.5",
        body=assembly,
        legal_status=LegalStatus.ADOPTED,
    )
    doc = w.ingest()

    # The report and its annexes.
    report = w.instrument(
        Quote("heading", "Report of the Bureau on cooperation", 16),
        Quote("heading (date of distribution)", "23 October 2012", 8),
        kind=InstrumentKind.REPORT,
        title="Report of the Bureau on cooperation",
        body=bureau,
        adopted="2012-10-23",
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(0, InstrumentKind.REPORT),
    )
    draft_title = "Draft resolution on cooperation"
    draft = w.instrument(
        Quote("Annex I", draft_title, 82),
        kind=InstrumentKind.RESOLUTION,
        title=draft_title,
        body=assembly,
        legal_status=LegalStatus.DRAFT,
        ingested=doc.at(1, InstrumentKind.RESOLUTION),
    )
    summary_title = (
        "Summary of the 1 October 2012 workshop on cooperation, including proposals and "
        "suggestions from the participants"
    )
    summary = w.instrument(
        Quote("Annex II", summary_title, 125),
        kind=InstrumentKind.REPORT,
        title=summary_title,
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(2, InstrumentKind.REPORT),
    )
    paper_title = "Informal paper on privileges and immunities of the Court's staff"
    paper = w.instrument(
        Quote("Annex III", paper_title, 155),
        kind=InstrumentKind.REPORT,
        title=paper_title,
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(3, InstrumentKind.OTHER),
    )
    w.relation(draft, RelationKind.ANNEXED_TO, report, Quote("Annex I", draft_title, 80, 82))
    w.relation(summary, RelationKind.ANNEXED_TO, report, Quote("Annex II", summary_title, 123, 125))
    w.relation(paper, RelationKind.ANNEXED_TO, report, Quote("Annex III", paper_title, 153, 155))

    w.relation(
        report,
        RelationKind.REPORTS_ON,
        cooperation,
        Quote("Note by the Secretariat", "ICC-ASP/10/Res.2", 20),
        note="pursuant to paragraph 15",
    )
    for target in [*recalled, cooperation]:
        quote = target.symbol or target.short_title
        w.relation(draft, RelationKind.RECALLS, target, Quote("Annex I, preamble 1", quote, 86))
    w.relation(
        draft,
        RelationKind.RECALLS,
        procedures,
        Quote("Annex I, operative paragraph 5", "ICC-ASP/10/Res.5", 96),
        note="non-cooperation procedures (operative paragraph 5)",
    )

    tree = doc.tree(draft)
    w.footnote(
        draft,
        "1",
        Quote("Annex I, footnote 1", "¹", 101),
        Passage("Annex I, footnote 1", 101, 101),
        provision=tree["1"],
    )

    # APIC and who is party to it (Annex III, paragraph 6 and its footnote).
    apic = w.instrument(
        Quote(
            "Annex I, operative paragraph 8",
            "Agreement on Privileges and Immunities of the International Criminal Court",
            99,
        ),
        Quote("Annex III, para 6", "APIC", 177),
        kind=InstrumentKind.AGREEMENT,
        title="Agreement on Privileges and Immunities of the International Criminal Court",
        short_title="APIC",
        legal_status=LegalStatus.IN_FORCE,
    )
    w.participation(
        switzerland,
        apic,
        ParticipationRole.RATIFIED,
        Quote("Annex III, footnote 1", "Switzerland", 183),
        Quote("Annex III, footnote 1", "25 September 2012", 183),
        start="2012-09-25",
        note="the 71st State Party to the Rome Statute to ratify APIC",
    )
    w.participation(
        ukraine,
        apic,
        ParticipationRole.PARTICIPATING,
        Quote("Annex III, para 6", "Ukraine", 177),
        note="party to APIC but not to the Rome Statute (how it became party is not stated)",
    )
    w.participation(
        switzerland,
        rome_statute,
        ParticipationRole.PARTICIPATING,
        Quote("Annex III, footnote 1", "Switzerland", 183),
        note="a State Party (how and when it became party is not stated here)",
    )
    w.participation(
        kenya,
        rome_statute,
        ParticipationRole.PARTICIPATING,
        Quote("Annex III, para 6", "Kenya", 177),
        note="a State Party, though not party to APIC (how and when is not stated here)",
    )

    # Mali's agreement with the Court (paragraph 12 gives no date, so none is recorded).
    enforcement = w.instrument(
        Quote("para 12", "agreement on enforcement of sentences", 54),
        kind=InstrumentKind.AGREEMENT,
        title="Agreement on enforcement of sentences between the International Criminal Court "
        "and Mali",
        body=court,
        legal_status=LegalStatus.ADOPTED,
    )
    w.participation(
        mali,
        enforcement,
        ParticipationRole.PARTICIPATING,
        Quote("para 12", "Mali", 54),
        note="concluded it, the first African State to conclude such an agreement with the "
        "Court (the report gives no date)",
    )

    # The meetings the report dates to the day.
    w.meeting(
        bureau,
        MeetingKind.OTHER,
        "2012-02-28",
        Quote("para 2", "28 February 2012", 25),
        Quote("para 2", "facilitator for cooperation", 25),
        title="Seventh meeting of the Bureau",
        agenda="Appointment of the facilitator for cooperation",
    )
    _consultations(w, working_group, paper)
    w.meeting(
        working_group,
        MeetingKind.WORKSHOP,
        "2012-10-01",
        Quote("para 3", "1 October 2012", 29),
        Quote("para 3", "workshop on cooperation", 29),
        Quote("para 3", "premises", 29),
        Quote("para 8", "identification, freezing and seizing of assets and property", 42),
        Quote("Annex II", "1 October 2012", 125),
        title="Workshop on cooperation",
        place="Premises of the International Criminal Court",
        agenda="Requests for assistance in the identification, freezing and seizing of assets "
        "and property",
        documents=[summary],
    )
    w.meeting(
        court,
        MeetingKind.OTHER,
        "2012-09-19",
        Quote("para 13", "19 September 2012", 62),
        Quote("para 13", "diplomatic briefing", 62),
        title="Diplomatic briefing of the Court",
    )
    w.meeting(
        assembly,
        MeetingKind.PLENARY,
        "2012-11-14",
        Quote("heading", "14-22 November 2012", 14),
        Quote("heading", "The Hague", 14),
        Quote("heading", "Eleventh session", 12),
        Quote("heading", "Report of the Bureau on cooperation", 16),
        Quote("para 18", "draft resolution", 74),
        title="Eleventh session of the Assembly of States Parties",
        ends_on="2012-11-22",
        place="The Hague",
        documents=[report, draft],
    )


def _consultations(w: DemoWriter, working_group: Body, paper: Instrument) -> None:
    for day, listed, title, agenda, more, presented in CONSULTATIONS:
        w.meeting(
            working_group,
            MeetingKind.CONSULTATION,
            day,
            Quote("para 3", listed, 29),
            *more,
            title=title,
            agenda=agenda,
            documents=[paper] if presented else [],
        )
