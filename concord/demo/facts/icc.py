"""Seed 002: the ICC Bureau's report on cooperation (23 October 2012) and its three annexes.

Annex I, the draft resolution on cooperation, is published as a draft: preambular paragraphs
``pp.1`` to ``pp.3`` and operative paragraphs ``op.1`` to ``op.24`` (paragraph 4 is in square
brackets, paragraph 21 a placeholder). Annex II's recommendations keep the source's running
numbers under their heading: ``A.1`` to ``A.8`` (to the Court), ``B.9`` to ``B.13`` (to States).
"""

from concord.demo.reader import Addressee, P
from concord.demo.records import DemoWriter
from concord.demo.seeds import Passage, Quote
from concord.registry.models import (
    BodyKind,
    InstrumentKind,
    LegalStatus,
    ParticipationRole,
    ProvisionKind,
    RelationKind,
)

SEED = "002_6658bc041281300c.txt"
TITLE = "ICC Assembly of States Parties: report of the Bureau on cooperation"

K = ProvisionKind

# Operative paragraphs of the draft resolution: (number, line, verb as printed in italics).
OPERATIVE = [
    (1, 92, "Welcomes"),
    (2, 93, "Emphasizes"),
    (3, 94, "Emphasizes also"),
    (4, 95, "Encourages"),
    (5, 96, "Welcomes"),
    (6, 97, "Expresses"),
    (7, 98, "Stresses"),
    (8, 99, "Calls upon"),
    (9, 103, "Welcomes"),
    (10, 104, "Emphasizes"),
    (11, 105, "Encourages"),
    (12, 106, "Recalls"),
    (13, 107, "Acknowledges"),
    (14, 108, "Encourages"),
    (15, 109, "Acknowledges"),
    (16, 110, "Calls upon"),
    (17, 111, "Encourages"),
    (18, 112, "Commends"),
    (19, 113, "Underlines"),
    (20, 114, "Emphasizes"),
    (21, 115, "Notes"),
    (22, 117, "Requests"),
    (23, 119, "Decides"),
    (24, 121, "Recalls"),
]
PREAMBULAR = [(1, 86, "Recalling"), (2, 88, "Determined"), (3, 90, "Stressing")]
BRACKETED, PLACEHOLDER = {4}, {21}

# Annex II recommendations: (number, line); 1 to 8 to the Court, 9 to 13 to States.
RECOMMENDATIONS = [(1, 131), (2, 132), (3, 133), (4, 134), (5, 135), (6, 136), (7, 137), (8, 139)]
RECOMMENDATIONS += [(9, 143), (10, 145), (11, 147), (12, 149), (13, 151)]


def _draft_resolution() -> list[P]:
    specs = [
        P(f"pp.{n}", K.PREAMBULAR, "", (line, line), f"Annex I, preamble {n}", verb=verb)
        for n, line, verb in PREAMBULAR
    ]
    specs += [
        P(
            f"op.{n}",
            K.OPERATIVE,
            f"{n}.",
            (line, line),
            f"Annex I, operative paragraph {n}",
            verb=verb,
            bracketed=n in BRACKETED,
            placeholder=n in PLACEHOLDER,
        )
        for n, line, verb in OPERATIVE
    ]
    return specs


def _recommendations() -> list[P]:
    court = Addressee("the Court", 129, body="icc", place="Annex II, A")
    states = Addressee("States", 141, place="Annex II, B")
    specs = [
        P("A", K.SECTION, "A.", (129, 129), "Annex II, A", shape="heading"),
        P("B", K.SECTION, "B.", (141, 141), "Annex II, B", shape="heading"),
    ]
    for n, line in RECOMMENDATIONS:
        section = "A" if n <= 8 else "B"
        specs.append(
            P(
                f"{section}.{n}",
                K.RECOMMENDATION,
                f"{n}.",
                (line, line),
                f"Annex II, recommendation {n}",
                parent=section,
                addressees=(court if section == "A" else states,),
            )
        )
    # Document order: A, its recommendations, then B and its recommendations.
    return [specs[0], *specs[2:10], specs[1], *specs[10:]]


def load(w: DemoWriter) -> None:
    w.party("NOR", Quote("para 2", "Norway", 25))
    w.party("LBY", Quote("para 5", "Libya", 35))
    w.party("MLI", Quote("para 12", "Mali", 54))
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
    w.body(
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

    # The report and its annexes.
    report = w.instrument(
        Quote("heading", "Report of the Bureau on cooperation", 16),
        Quote("heading (date of distribution)", "23 October 2012", 8),
        kind=InstrumentKind.REPORT,
        title="Report of the Bureau on cooperation",
        body=bureau,
        adopted="2012-10-23",
        legal_status=LegalStatus.ADOPTED,
    )
    draft_title = "Draft resolution on cooperation"
    draft = w.instrument(
        Quote("Annex I", draft_title, 82),
        kind=InstrumentKind.RESOLUTION,
        title=draft_title,
        body=assembly,
        legal_status=LegalStatus.DRAFT,
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
    )
    paper_title = "Informal paper on privileges and immunities of the Court's staff"
    paper = w.instrument(
        Quote("Annex III", paper_title, 155),
        kind=InstrumentKind.REPORT,
        title=paper_title,
        legal_status=LegalStatus.ADOPTED,
    )
    w.relation(draft, RelationKind.ANNEXED_TO, report, Quote("Annex I", draft_title, 80, 82))
    w.relation(summary, RelationKind.ANNEXED_TO, report, Quote("Annex II", summary_title, 123, 125))
    w.relation(paper, RelationKind.ANNEXED_TO, report, Quote("Annex III", paper_title, 153, 155))

    # Instruments the report and the draft resolution refer to.
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
    w.relation(
        report,
        RelationKind.REPORTS_ON,
        cooperation,
        Quote("Note by the Secretariat", "ICC-ASP/10/Res.2", 20),
        note="pursuant to paragraph 15",
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
    for target in [*recalled, cooperation]:
        quote = target.symbol or target.short_title
        w.relation(draft, RelationKind.RECALLS, target, Quote("Annex I, preamble 1", quote, 86))
    procedures = w.instrument(
        Quote("Annex I, operative paragraph 5", "ICC-ASP/10/Res.5", 96),
        kind=InstrumentKind.RESOLUTION,
        title="Resolution ICC-ASP/10/Res.5",
        symbol="ICC-ASP/10/Res.5",
        body=assembly,
        legal_status=LegalStatus.ADOPTED,
    )
    w.relation(
        draft,
        RelationKind.RECALLS,
        procedures,
        Quote("Annex I, operative paragraph 5", "ICC-ASP/10/Res.5", 96),
        note="non-cooperation procedures (operative paragraph 5)",
    )

    tree = w.provisions(draft, _draft_resolution())
    w.footnote(
        draft,
        "1",
        Quote("Annex I, footnote 1", "¹", 101),
        Passage("Annex I, footnote 1", 101, 101),
        provision=tree["op.1"],
    )
    w.provisions(summary, _recommendations())

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
