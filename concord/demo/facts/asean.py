"""Seed 001: ASEAN integration and Viet Nam; ASEAN, ASEAN-6, CLMV and Resolution 19.

Viet Nam joined ASEAN in 1995. The other members the paper names are ASEAN members without a
date here: ASEAN-6 (Singapore, Malaysia, Thailand, Indonesia, Brunei Darussalam, the
Philippines) and Cambodia, the Lao PDR and Myanmar. Resolution 19 was first issued in 2014 and
renewed in 2015 and 2016: three instruments in a revision chain. The paper itself is ingested
(its paragraph on Resolution 19 names the four business-environment tasks and their targets).
"""

from concord.demo.records import DemoWriter
from concord.demo.seeds import Quote
from concord.registry.models import BodyKind, InstrumentKind, LegalStatus

SEED = "001_6ab2f007bc4e8183.txt"
TITLE = "ASEAN integration and Viet Nam"

ASEAN_6 = [
    ("SGP", "Singapore"),
    ("MYS", "Malaysia"),
    ("THA", "Thailand"),
    ("IDN", "Indonesia"),
    ("BRN", "Brunei Darussalam"),
    ("PHL", "Philippines"),
]
CLMV = [("KHM", "Cambodia", 343), ("LAO", "Lao PDR", 344), ("MMR", "Myanmar", 344)]
OTHERS = [
    ("CHN", "China", 71),
    ("KOR", "Korea", 72),
    ("JPN", "Japan", 72),
    ("AUS", "Australia", 72),
    ("NZL", "New Zealand", 72),
    ("IND", "India", 72),
    ("HKG", "Hong Kong", 73),
    ("USA", "United States", 75),
    ("CHL", "Chile", 95),
    ("RUS", "Russian Federation", 129),
    ("TWN", "Taiwan", 212),
    ("VGB", "British Virgin Islands", 213),
    ("BGD", "Bangladesh", 271),
    ("eu", "European Union", 34),
    ("eaeu", "Eurasian Economic Union", 96),
]


def load(w: DemoWriter) -> None:
    viet_nam = w.party("VNM", Quote("ASEAN in Viet Nam's integration", "Viet Nam", 66))
    w.party("KOR", Quote("ASEAN in Viet Nam's integration", "Republic of Korea", 71, 72))
    for code, name, line in OTHERS:
        w.party(code, Quote("named in the paper", name, line))

    w.body(
        "vnm-mpi",
        "Ministry of Planning and Investment",
        BodyKind.MINISTRY,
        Quote("Table 1, source", "Ministry of Planning and Investment", 217),
        Quote("Resolution 19, reporting", "Ministry of Planning and Investment", 333, 334),
        party=viet_nam,
    )

    asean = w.group(
        "asean",
        "ASEAN",
        "Association of South East Asian Nations",
        Quote("Introduction", "Association of South East Asian Nations (ASEAN)", 3),
    )
    asean_6 = w.group(
        "asean-6",
        "ASEAN-6",
        "The six more advanced ASEAN Member States.",
        Quote("Impacts on institutional reforms", "ASEAN-6", 314),
    )
    clmv = w.group(
        "clmv",
        "CLMV",
        "Cambodia, the Lao PDR, Myanmar, and Viet Nam",
        Quote(
            "Key issues and challenges", "Cambodia, the Lao PDR, Myanmar, and Viet Nam", 343, 344
        ),
    )

    joined = Quote("ASEAN in Viet Nam's integration", "1995", 66)
    w.member(
        asean,
        viet_nam,
        Quote("ASEAN in Viet Nam's integration", "Viet Nam", 66),
        joined,
        Quote("Conclusion", "1995", 439),
        since="1995",
    )
    w.member(clmv, viet_nam, Quote("Key issues and challenges", "Viet Nam", 344))
    for code, name in ASEAN_6:
        named = Quote("Impacts on institutional reforms (ASEAN-6, namely ...)", name, 314, 315)
        party = w.party(code, named)
        w.member(asean_6, party, named)
        w.member(asean, party, named)
    for code, name, line in CLMV:
        named = Quote("Key issues and challenges", name, line)
        member_state = Quote("ASEAN Member States ... between", name, 110, 111)
        party = w.party(code, named, member_state)
        w.member(clmv, party, named)
        w.member(asean, party, member_state)

    # Resolution 19 and its renewals.
    place = "Impacts on institutional reforms, Resolution 19"
    earlier = None
    for year in ("2014", "2015", "2016"):
        earlier = w.instrument(
            Quote(f"{place} ({year})", "Resolution 19", 316, 318),
            Quote(f"{place} ({year})", year, 318),
            kind=InstrumentKind.RESOLUTION,
            title=f"Resolution 19 of {year}",
            number="19",
            adopted=year,
            revision_of=earlier,
            legal_status=LegalStatus.ADOPTED,
        )
    w.ingest()
