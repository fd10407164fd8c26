"""Seed 003: FAO's Resource Mobilization and Management Strategy (September 2011).

Ingestion reads the strategy and the work plan annexed to it, and their results framework: the
goal, outcomes A to D and outputs A1 to D4 as the strategy lists them, and the same outputs with
their key activities in the work plan, each node recorded once with every provision that prints
it. The annex prints two different activities as C.5.2; both are kept and the second flagged.

The cover page (line 5) prints FAO's name in the six UN languages; it is loaded as the
translations of the FAO party's name and of the FAO body's name, read from that line at each
load. The extraction damaged two of the six, and they are handled differently:

- Chinese: the name is split by spaces where the PDF wrapped it. Written Chinese puts no space
  between characters, so removing them gives back the name as printed; the citation quotes the
  cell as the seed writes it, spaces included.
- Russian: two words are broken by spaces inside them and the cell stops before the name's last
  word. Mending it would mean writing a word the seed does not hold, so it is not loaded: a
  Russian page shows the English name and says so, and the loader notes why.

Arabic, French and Spanish are loaded as the seed writes them.
"""

from django.utils.translation import gettext as _

from concord.demo.records import DemoWriter
from concord.demo.seeds import Quote, SeedMismatch
from concord.demo.translations import NotAUnLanguagesLine, close_cjk_spaces, un_language_cells
from concord.registry.models import (
    BodyKind,
    InstrumentKind,
    LegalStatus,
    RelationKind,
)

SEED = "003_d0dd1fd275f9cda1.txt"
TITLE = "FAO Resource Mobilization and Management Strategy"

FAO_NAME = "Food and Agriculture Organization of the United Nations"
NAMES_LINE = 5  # the cover page's name in the six UN languages


def as_written(text: str) -> str:
    return text


# The translations loaded from that line: language -> (its name in the locator, how its cell is
# mended; see above). Russian is left out on purpose.
LOADED_NAMES = {
    "ar": ("Arabic", as_written),
    "zh-hans": ("Chinese", close_cjk_spaces),
    "fr": ("French", as_written),
    "es": ("Spanish", as_written),
}


def un_names(w: DemoWriter) -> dict[str, tuple[str, Quote]]:
    """Return FAO's name by language, as loaded and as the cover page's quote, for LOADED_NAMES."""
    line = w.seed.line(NAMES_LINE)
    try:
        cells = un_language_cells(line)
    except NotAUnLanguagesLine as exc:
        raise SeedMismatch(
            _(
                "%(name)s line %(line)d (cover page) no longer gives FAO's name in the six UN "
                "languages (%(problem)s); the seed has changed since the demo was written."
            )
            % {"name": w.seed.name, "line": NAMES_LINE, "problem": exc}
        ) from None
    if cells["en"] != FAO_NAME:
        raise SeedMismatch(
            _('%(name)s line %(line)d (cover page) no longer names "%(expected)s" in English.')
            % {"name": w.seed.name, "line": NAMES_LINE, "expected": FAO_NAME}
        )
    w.warnings.append(
        f"{SEED} line {NAMES_LINE}: FAO's Russian name is broken inside words and cut short "
        "by the text extraction; not loaded, so Russian pages show the English name."
    )
    return {
        language: (
            mend(cells[language]),
            Quote(f"cover page, name in {name}", cells[language], NAMES_LINE),
        )
        for language, (name, mend) in LOADED_NAMES.items()
    }


def load(w: DemoWriter) -> None:
    names = un_names(w)
    fao_party = w.party(
        "fao",
        Quote("cover page", FAO_NAME, NAMES_LINE),
        Quote("cover page", "FAO", 27),
    )
    for language, (text, quote) in names.items():
        w.translation(fao_party, "name", language, text, quote)
    for code, name in [("BRA", "Brazil"), ("CHN", "China"), ("ROU", "Romania"), ("TUR", "Turkey")]:
        w.party(code, Quote("Annex, highlights of A.1.1", name, 156))
    w.party("IND", Quote("Annex, highlights of A.1.1", "India", 156))
    w.party("ZAF", Quote("Annex, highlights of A.1.1", "South Africa", 156))
    w.party("SLE", Quote("Annex, highlights of A.1.1", "Sierra Leone", 156))
    for code, name in [("NLD", "Netherlands"), ("SWE", "Sweden"), ("BEL", "Belgium")]:
        w.party(code, Quote("Annex, highlights of A.3.1", name, 167))
    for code, name in [("ESP", "Spain"), ("JPN", "Japan"), ("ITA", "Italy"), ("eu", "EU")]:
        w.party(code, Quote("Annex, highlights of B.3.1", name, 181))

    fao = w.body(
        "fao",
        FAO_NAME,
        BodyKind.ORGANIZATION,
        Quote("cover page", FAO_NAME, NAMES_LINE),
        acronym="FAO",
    )
    for language, (text, quote) in names.items():
        w.translation(fao, "name", language, text, quote)
    w.body(
        "fao-pc",
        "Programme Committee",
        BodyKind.ORGAN,
        Quote("cover page", "Programme Committee", 10),
        parent=fao,
    )
    w.body(
        "fao-fc",
        "Finance Committee",
        BodyKind.ORGAN,
        Quote("cover page", "Finance Committee", 11),
        parent=fao,
    )
    w.body(
        "fao-tc",
        "Technical Cooperation Department",
        BodyKind.OFFICE,
        Quote("para 11, outcome C", "Technical Cooperation Department", 115),
        Quote("para 11, outcome C", "TC", 115),
        acronym="TC",
        parent=fao,
    )
    w.body(
        "fao-osp",
        "Office of Strategy, Planning and Resources Management",
        BodyKind.OFFICE,
        Quote("para 13", "Office of Strategy, Planning and Resources Management", 138),
        Quote("para 13", "OSP", 138),
        acronym="OSP",
        parent=fao,
    )
    w.body(
        "fao-oce",
        "Office for Corporate Communications and External Relations",
        BodyKind.OFFICE,
        Quote("para 13", "Office for Corporate Communications and External Relations", 138),
        Quote("para 13", "OCE", 138),
        acronym="OCE",
        parent=fao,
    )

    doc = w.ingest()
    strategy = w.instrument(
        Quote("cover page", "RESOURCE MOBILIZATION AND MANAGEMENT STRATEGY", 15),
        Quote("Executive Summary", "RMMS", 31),
        Quote("cover page (date of the document)", "September 2011", 3),
        kind=InstrumentKind.STRATEGY,
        title="Resource Mobilization and Management Strategy",
        short_title="RMMS",
        body=fao,
        adopted="2011-09",
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(0, InstrumentKind.STRATEGY),
    )
    work_plan_title = "Corporate Resource Mobilization and Management Work plan, 2010-2013"
    work_plan = w.instrument(
        Quote("Annex", work_plan_title, 152),
        kind=InstrumentKind.WORK_PLAN,
        title=work_plan_title,
        body=fao,
        legal_status=LegalStatus.ADOPTED,
        ingested=doc.at(1, InstrumentKind.WORK_PLAN),
    )
    w.relation(work_plan, RelationKind.IMPLEMENTS, strategy, Quote("para 12", "RMMS", 136))
    w.relation(work_plan, RelationKind.ANNEXED_TO, strategy, Quote("Annex", work_plan_title, 152))
