"""Every span points back at its text in the source, for every seed."""

from concord.ingestion.structure import flatten
from concord.ingestion.tests.conftest import seed_document, seed_source


def test_every_provision_span_cuts_its_text_or_its_first_piece(any_seed):
    source = seed_source(any_seed).text
    checked = 0
    for instrument in seed_document(any_seed).instruments:
        for provision in instrument.walk():
            start, end = provision.span
            assert 0 <= start < end <= len(source), provision.ref
            if "joined" in provision.flags:
                first_start, first_end = provision.pieces[0]
                assert first_start == start
                assert provision.pieces[-1][1] == end
                assert provision.text.startswith(flatten(source[first_start:first_end]))
                pieces = " ".join(flatten(source[s:e]) for s, e in provision.pieces)
                assert provision.text == pieces, provision.ref
            else:
                assert flatten(source[start:end]) == provision.text, provision.ref
            checked += 1
    assert checked > 0


def test_every_footnote_span_cuts_its_text(any_seed):
    source = seed_source(any_seed).text
    for instrument in seed_document(any_seed).instruments:
        for footnote in instrument.footnotes:
            start, end = footnote.span
            assert flatten(source[start:end]).startswith(footnote.text.split(" ")[0])
            assert source[:start].rstrip().endswith(footnote.marker)


def test_refs_are_unique_within_each_instrument(any_seed):
    for instrument in seed_document(any_seed).instruments:
        refs = [p.ref for p in instrument.walk()]
        assert len(refs) == len(set(refs))


def test_provisions_come_in_document_order(any_seed):
    for instrument in seed_document(any_seed).instruments:
        starts = [p.span[0] for p in instrument.walk() if p.kind != "goal"]
        assert starts == sorted(starts)
