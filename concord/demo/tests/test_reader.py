from pathlib import Path

import pytest

from concord.demo.reader import P, join_lines, read_provision, strip_number, tidy
from concord.demo.seeds import Quote, SeedMismatch, SeedText


@pytest.fixture
def seed(tmp_path: Path) -> SeedText:
    path = tmp_path / "sample.txt"
    path.write_text(
        "II. Things to do\n"
        "\n"
        " - 1.1 Taking measures to cut the grass and to water the\n"
        "\n"
        "2 A footnote at the foot of the page.\n"
        "\n"
        "flowers, in the garden;\n"
        "4. *[Encourages* neighbours to help;]\n"
        "\tA.1. 5) Paint the fence\t<i>highlight</i>\n"
        "tasks (i) one thing; (ii) another thing. Then more.\n",
        encoding="utf-8",
    )
    return SeedText(path)


def test_lines_a_page_break_cut_are_joined_without_the_footnote(seed):
    spec = P("II.1.1", "recommended_action", "1.1", (3, 7), "sample", skip=(5,))
    assert read_provision(seed, spec) == (
        "",
        "Taking measures to cut the grass and to water the flowers, in the garden;",
    )


def test_a_heading_is_read_without_its_number(seed):
    spec = P("II", "section", "II.", (1, 1), "sample", shape="heading")
    assert read_provision(seed, spec) == ("Things to do", "")


def test_italics_are_dropped_and_brackets_kept(seed):
    spec = P("op.4", "operative", "4.", (8, 8), "sample", verb="Encourages", bracketed=True)
    assert read_provision(seed, spec)[1] == "[Encourages neighbours to help;]"


def test_a_table_cell_is_found_by_its_printed_number(seed):
    spec = P("A.1.5", "activity", "A.1.5", (9, 9), "sample", cell=True, printed="A.1. 5")
    assert read_provision(seed, spec)[1] == "Paint the fence"


def test_provisions_sharing_a_line_are_cut_between_markers(seed):
    first = P("i", "action", "(i)", (10, 10), "sample", after="(i) ", before="; (ii)")
    second = P("ii", "action", "(ii)", (10, 10), "sample", after="(ii) ", before=". Then")
    assert read_provision(seed, first)[1] == "one thing"
    assert read_provision(seed, second)[1] == "another thing"


def test_a_verb_the_text_does_not_hold_is_a_seed_mismatch(seed):
    spec = P("op.4", "operative", "4.", (8, 8), "sample", verb="Decides")
    with pytest.raises(SeedMismatch, match="Decides"):
        read_provision(seed, spec)


def test_a_quote_outside_its_lines_is_a_seed_mismatch_naming_file_and_lines(seed):
    assert seed.check(Quote("sample", "Paint the fence", 9))
    with pytest.raises(SeedMismatch, match=r"sample.txt lines 8-8"):
        seed.check(Quote("sample", "Paint the fence", 8))


def test_a_line_beyond_the_end_is_a_seed_mismatch(seed):
    with pytest.raises(SeedMismatch, match="has 10 lines"):
        seed.line(11)


def test_small_pure_steps():
    assert join_lines(["Anti-", "corruption plan"]) == "Anti-corruption plan"
    assert strip_number("1.10 Promoting", "1.10") == "Promoting"
    assert strip_number("C 5) Change", "C5") == "Change"
    assert tidy("forthcoming”;¹ and *more*") == "forthcoming”; and more"
    assert tidy("[Placeholder]*Notes* it") == "[Placeholder] Notes it"
