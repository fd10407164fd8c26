"""A new revision of a seed, with one paragraph reworded, is reported as exactly that change.

Each case saves a seed into an empty registry, then a copy of the same file with one word added
to one provision (``edited_copy``), with or without a new symbol, and checks what the second
save reports: which instruments are revised, the diff of each, the chain of revisions; and
that saving the edited file once more changes no row and no history record.
"""

import pytest

from concord.ingestion.services import Outcome
from concord.ingestion.tests.conftest import seed_document
from concord.ingestion.tests.test_services import edited_copy, save_file, save_seed, snapshot
from concord.registry.models import Instrument

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "seed, instrument, ref",
    [
        pytest.param("002", 1, "12", id="ICC draft resolution, operative paragraph 12"),
        pytest.param("002", 1, "pp.2", id="ICC draft resolution, a preambular paragraph"),
        pytest.param("004", 2, "III.s1.1.10", id="OSCE addendum, a paragraph cut by a page"),
        pytest.param("004", 1, "op.1", id="OSCE decision 1107, its operative paragraph"),
        pytest.param("003", 1, "C.5.2-2", id="FAO work plan, the second activity C.5.2"),
        pytest.param("003", 1, "B.1", id="FAO work plan, output B.1"),
    ],
)
def test_one_reworded_paragraph_revises_exactly_its_instrument(seed, instrument, ref, tmp_path):
    first = save_seed(seed)
    edited = edited_copy(seed, tmp_path, instrument, ref)
    second = save_file(edited)
    expected = [Outcome.UNCHANGED] * len(seed_document(seed).instruments)
    expected[instrument] = Outcome.REVISED
    assert [saved.outcome for saved in second.instruments] == expected
    revised = second.instruments[instrument]
    assert revised.diff.to_json() == {"added": [], "removed": [], "changed": [ref]}
    assert revised.revision_of == first.instruments[instrument].instrument_id
    new = Instrument.objects.get(pk=revised.instrument_id)
    assert " duly " in new.provisions.get(ref=ref).text
    before = snapshot()
    again = save_file(edited)
    assert {saved.outcome for saved in again.instruments} == {Outcome.UNCHANGED}
    assert snapshot() == before


def test_a_revision_symbol_makes_the_decision_the_next_in_its_chain(tmp_path):
    """``PC.DEC/1108`` reissued as ``PC.DEC/1108/Rev.1`` with one sub-paragraph reworded.

    The journal prints the decision's symbol in its own paragraph, so that paragraph changes
    too, and nothing else in the file.
    """
    first = save_seed("004")
    edited = edited_copy("004", tmp_path, 3, "op.1.c", ("(PC.DEC/1108)", "(PC.DEC/1108/Rev.1)"))
    journal, decision_1107, addendum, decision_1108 = save_file(edited).instruments
    assert decision_1108.outcome == Outcome.REVISED
    assert decision_1108.diff.to_json() == {"added": [], "removed": [], "changed": ["op.1.c"]}
    assert decision_1108.revision_of == first.instruments[3].instrument_id
    assert Instrument.objects.get(pk=decision_1108.instrument_id).symbol == "PC.DEC/1108/Rev.1"
    assert journal.outcome == Outcome.REVISED
    symbol_paragraph = next(
        p.ref for p in seed_document("004").instruments[0].walk() if "PC.DEC/1108" in p.text
    )
    assert journal.diff.to_json() == {"added": [], "removed": [], "changed": [symbol_paragraph]}
    assert (decision_1107.outcome, addendum.outcome) == (Outcome.UNCHANGED, Outcome.UNCHANGED)
    before = snapshot()
    assert {s.outcome for s in save_file(edited).instruments} == {Outcome.UNCHANGED}
    assert snapshot() == before
