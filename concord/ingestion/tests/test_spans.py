"""Every span points back at its text in the source, for every seed."""

from concord.ingestion.structure import flatten, join_pieces
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
                pieces = join_pieces(flatten(source[s:e]) for s, e in provision.pieces)
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


def test_framework_occurrences_and_named_provisions_point_at_real_provisions(any_seed):
    document = seed_document(any_seed)
    places = [o for node in document.results_framework for o in node["occurrences"]]
    places += [p for i in document.instruments for s in i.statements for p in s.provisions]
    for place in places:
        provision = document.instruments[place["instrument"]].find(place["ref"])
        assert provision is not None, place
    for node in document.results_framework:
        for place in node["occurrences"]:
            found = document.instruments[place["instrument"]].find(place["ref"])
            assert found.framework == {"level": node["level"], "code": node["code"]}
