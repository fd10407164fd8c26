"""The demo's resources: FAO's funding modalities and partners from seed 003, each citing its
paragraph and line, and a few illustrative contributions that make the funding pages show how
they work.

From the seed (its facts checked at the lines cited, then recorded as the ``secretariat``
account through the services):

- The six funding modalities of paragraph 4 (line 55): GCP, UNJP, MDTF, FMM, SFERA and UTF. The
  seed calls FMM "lightly earmarked or unearmarked", and activity A.3.1 (line 167) promotes FMM
  and SFERA for lightly earmarked or unearmarked contributions: both are recorded lightly
  earmarked. It gives no earmarking for the others: GCP and UNJP projects, the MDTF and UTF are
  recorded earmarked (a project's, a trust fund's or a country's own purpose), and each says it
  is assumed.
- SFERA's Agricultural Inputs Response Capacity window (line 167), earmarked for farming inputs.
- The FMM agreements signed by the Netherlands and Sweden, and Belgium's engagement in the AIRC
  window (line 167): three contributions without an amount (the seed gives none), signed (the
  seed's word) or approved (Belgium "engaged"), dated September 2011, the month of the document
  (line 3). The seed allocates none of them to a result: neither does the demo.
- The annex's "Highlights to date" (lines 150-214): each item a progress note on the output of
  its row, dated September 2011, read from the seed at load time.
- Voluntary contributions were 55 percent of the integrated budget in 2010-11 (paragraph 6,
  line 61): a figure of FAO for the biennium 2010-2011, on an indicator of its own.

FAO publishes to IATI under its registry identifier, XM-DAC-41301 (reference data).

Illustrative, not from the seed: a partner named "Illustrative partner" (no real partner is shown
giving an amount it did not give), three contributions of it with amounts, allocations to the
framework's results and an expenditure, and an exchange rate; every page showing them says they
are illustrative. FAO's X1.4 for 2012-2013 is then computed from the contributions
(``resources.kpi``), flagged as computed from illustrative figures.
"""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from concord.demo.facts import fao
from concord.demo.indicator_specs import FAO_X1_4, SECRETARIAT, SOURCE_003
from concord.demo.seeds import Quote, SeedError, SeedText, seeds_dir
from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Direction, Indicator, Unit
from concord.indicators.periods import period_for
from concord.registry.models import Body, Instrument, InstrumentKind, Party, PartyKind
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
    contribution_publish,
    expenditure_put,
    status_advance,
)
from concord.resources.kpi import voluntary_contributions_put
from concord.resources.models import (
    Earmarking,
    ExchangeRate,
    FundingModality,
    IatiPublisher,
    Priority,
    ProgressNote,
    ResourcePartner,
)

DOCUMENT_MONTH = dt.date(2011, 9, 30)
ANNEX = range(150, 215)  # the work plan's table, lines 150-214
ACTIVITY_CODE = re.compile(r"^\s*([A-D])\.\s?(\d)\.\s?\d")
TAG = re.compile(r"<[^>]+>")
# FAO's organisation identifier in the IATI registry (its OECD DAC code, 41301): reference data,
# not a seed's fact, so that the demo's IATI export names FAO as IATI knows it.
FAO_IATI = "XM-DAC-41301"
VOLUNTARY_SHARE = "fao-voluntary-share"
ILLUSTRATIVE = "Illustrative: a demo figure no source gives."
ASSUMED = "The seed gives no earmarking for it: recorded earmarked, an assumption."
# code, name, earmarking, whether the earmarking is the seed's
MODALITIES = [
    ("gcp", "Government Cooperative Programme (GCP)", Earmarking.EARMARKED, False),
    ("unjp", "United Nations Joint Programmes (UNJP)", Earmarking.EARMARKED, False),
    ("mdtf", "Multi-donor Trust Funds (MDTF)", Earmarking.EARMARKED, False),
    ("fmm", "FAO Multipartner Programme Support Mechanism (FMM)", Earmarking.LIGHTLY, True),
    (
        "sfera",
        "Special Fund for Emergency and Rehabilitation Activities (SFERA)",
        Earmarking.LIGHTLY,
        True,
    ),
    ("utf", "Unilateral Trust Funds (UTF)", Earmarking.EARMARKED, False),
]
QUOTES = [
    Quote("paragraph 4", "Government Cooperative Programme (GCP)", 55),
    Quote("paragraph 4", "United Nations Joint Programmes (UNJP)", 55),
    Quote("paragraph 4", "Multi-donor Trust Funds (MDTFs)", 55),
    Quote("paragraph 4", "FAO Multipartner Programme Support Mechanism (FMM)", 55),
    Quote("paragraph 4", "(SFERA)", 55),
    Quote("paragraph 4", "Unilateral Trust Funds (UTF)", 55),
    Quote("paragraph 6", "(55 percent in 2010-11)", 61),
    Quote("output A3", "FMM agreements signed by the Netherlands and Sweden", 167),
    Quote("output A3", "Agricultural Inputs Response Capacity (AIRC)", 167),
    Quote("output A3", "Belgium engaged", 167),
    Quote("date", "September 2011", 3),
]


def load_resources_example(stdout: IO[str] | Any, *, directory: Path | None = None) -> bool:
    """Create the example once; return False (and say why) when it is there or cannot be."""
    fao_body = Body.objects.filter(code="fao").first()
    strategy = Instrument.objects.filter(
        kind=InstrumentKind.STRATEGY, body__code="fao", short_title="RMMS"
    ).first()
    user = get_user_model().objects.filter(username=SECRETARIAT).first()
    if fao_body is None or strategy is None or user is None:
        stdout.write(_("Resources example: skipped, seed 003 or the demo accounts are not loaded."))
        return False
    if FundingModality.objects.filter(organization=fao_body).exists():
        stdout.write(_("Resources example: already there, left as it is."))
        return False
    try:
        seed = SeedText(Path(directory or seeds_dir()) / fao.SEED)
        for quote in QUOTES:
            seed.check(quote)
        with transaction.atomic():
            counts = _play(user, fao_body, strategy)
            counts["notes"] = _progress_notes(seed, strategy)
    except SeedError as exc:
        stdout.write(_("Resources example: skipped, %(problem)s") % {"problem": exc})
        return False
    stdout.write(
        _(
            "Resources example: %(modalities)d funding modalities and %(partners)d partners "
            "from seed 003, %(contributions)d contributions (%(illustrative)d illustrative), "
            "%(notes)d progress notes from the annex (see /resources/)."
        )
        % counts
    )
    return True


def _cite(place: str, line: int) -> str:
    return f"{SOURCE_003}, {place}, line {line}"


def _partner(code: str, kind: str, organisation_type: str, name: str = "") -> ResourcePartner:
    party = Party.objects.filter(code=code).first() or Party.objects.create(
        code=code, name=name, kind=kind
    )
    partner, _created = ResourcePartner.objects.get_or_create(
        party=party, defaults={"organisation_type": organisation_type}
    )
    return partner


def _play(user: Any, organization: Body, strategy: Instrument) -> dict[str, int]:
    modalities = {}
    for code, name, earmarking, from_seed in MODALITIES:
        modalities[code] = FundingModality.objects.create(
            organization=organization,
            code=code,
            name=name,
            earmarking=earmarking,
            description="" if from_seed else ASSUMED,
            source=_cite("paragraph 4", 55),
        )
    modalities["airc"] = FundingModality.objects.create(
        organization=organization,
        parent=modalities["sfera"],
        code="airc",
        name="Agricultural Inputs Response Capacity (AIRC)",
        earmarking=Earmarking.EARMARKED,
        description="A window of SFERA for farming supplies.",
        source=_cite("output A3, highlights", 167),
    )
    IatiPublisher.objects.create(body=organization, identifier=FAO_IATI, organisation_type="40")
    partners = {code: _partner(code, PartyKind.STATE, "10") for code in ("NLD", "SWE", "BEL")}
    Priority.objects.create(
        partner=partners["BEL"],
        modality=modalities["airc"],
        node=strategy.results_nodes.filter(code="A3").first(),
        source=_cite("output A3, highlights", 167),
    )
    seeded = [
        ("NLD", "fmm", "FMM agreement of the Netherlands", "signed"),
        ("SWE", "fmm", "FMM agreement of Sweden", "signed"),
        ("BEL", "airc", "Belgium's engagement in SFERA's AIRC window", "approved"),
    ]
    contributions = []
    for code, modality, title, status in seeded:
        contribution = contribution_create(
            user=user,
            partner=partners[code],
            organization=organization,
            reference=f"DEMO-{modality.upper()}-{code}",
            status=status,
            on=DOCUMENT_MONTH,
            data=ContributionData(
                title=title,
                modality=modalities[modality],
                source=_cite("output A3, highlights", 167),
                note="The seed gives no amount and no allocation; dated the month of the "
                "document (line 3).",
            ),
        )
        contributions.append(contribution_publish(user=user, contribution=contribution))
    illustrative = _illustrative(user, organization, strategy, modalities)
    _voluntary_share(user, organization, strategy)
    x14 = Indicator.objects.filter(code=FAO_X1_4).first()
    if x14 is not None:
        voluntary_contributions_put(
            user=user, indicator=x14, organization=organization, period=period_for("2012-2013")
        )
    return {
        "modalities": len(modalities),
        "partners": len(partners) + 1,
        "contributions": len(contributions) + len(illustrative),
        "illustrative": len(illustrative),
    }


def _illustrative(user, organization, strategy, modalities) -> list:
    partner = _partner(
        "illustrative-partner", PartyKind.FOUNDATION, "60", name="Illustrative partner"
    )
    ExchangeRate.objects.create(
        currency="EUR",
        base="USD",
        rate=Decimal("1.30"),
        on=dt.date(2012, 1, 2),
        source=ILLUSTRATIVE,
    )
    nodes = {node.code: node for node in strategy.results_nodes.all()}
    rows = [
        (
            "DEMO-ILL-1",
            "fmm",
            "1200000",
            "USD",
            "received",
            [("A1", "40"), ("A2", "30"), ("A3", "30")],
        ),
        ("DEMO-ILL-2", "airc", "800000", "EUR", "signed", [("D1", "100")]),
        ("DEMO-ILL-3", "utf", "300000", "USD", "approved", [("C1", "100")]),
    ]
    made = []
    for reference, modality, amount, currency, status, shares in rows:
        contribution = contribution_create(
            user=user,
            partner=partner,
            organization=organization,
            reference=reference,
            status="approved",
            on=dt.date(2012, 3, 1),
            data=ContributionData(
                title=f"Illustrative contribution {reference[-1]}",
                modality=modalities[modality],
                amount=amount,
                currency=currency,
                illustrative=True,
                note=ILLUSTRATIVE,
            ),
        )
        if status != "approved":
            status_advance(
                user=user, contribution=contribution, status=status, on=dt.date(2012, 9, 1)
            )
        allocations_set(
            user=user,
            contribution=contribution,
            shares=[Share(nodes[code], share=share) for code, share in shares if code in nodes],
        )
        made.append(contribution_publish(user=user, contribution=contribution))
    expenditure_put(user=user, contribution=made[0], period=period_for("2012"), amount="450000")
    return made


def highlights(seed: SeedText) -> list[tuple[str, str, int]]:
    """The annex's "Highlights to date" as ``(output code, item, line)``: a row's highlights
    cell (the one that opens a list) belongs to the output of the activity on the same row."""
    found = []
    for number in ANNEX:
        cells = seed.line(number).split("\t")
        listed = next((cell for cell in cells if "<ul" in cell), None)
        activity = next((m for m in map(ACTIVITY_CODE.match, cells) if m), None)
        if listed is None or activity is None:
            continue
        output = activity.group(1) + activity.group(2)
        for item in TAG.sub("", listed).split("\u2022"):
            text = " ".join(item.split())
            if text:
                found.append((output, text, number))
    return found


def _progress_notes(seed: SeedText, strategy: Instrument) -> int:
    nodes = {node.code: node for node in strategy.results_nodes.all()}
    notes = [
        ProgressNote(
            node=nodes[code],
            on=DOCUMENT_MONTH,
            text=text,
            source=_cite("annex, highlights to date", number),
        )
        for code, text, number in highlights(seed)
        if code in nodes
    ]
    for note in notes:
        note.save()
    return len(notes)


def _voluntary_share(user: Any, organization: Body, strategy: Instrument) -> None:
    indicator = Indicator.objects.create(
        code=VOLUNTARY_SHARE,
        name="Share of voluntary contributions in the integrated budget",
        unit=Unit.PERCENT,
        direction=Direction.NONE,
        definition="Voluntary contributions as a percentage of the organization's integrated "
        "budget for a biennium.",
        source=_cite("paragraph 6", 61),
        responsible_body=organization,
        instrument=strategy,
    )
    value_put(
        user=user,
        indicator=indicator,
        period=period_for("2010-2011"),
        body=organization,
        figure=Figure(number=Decimal(55), source=_cite("paragraph 6", 61)),
    )
