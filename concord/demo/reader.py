"""An interim reader: provision trees from compact descriptions, their text read from the seed.

Document ingestion comes in a later issue. Until then each demo instrument's tree is described
in code by what a reader would note by hand (reference, kind, number as printed, operative verb,
the lines of the seed it spans) and this module reads the words themselves from the seed at load
time, so no seed text lives in the repository. It joins lines that a page break cut, drops the
footnote and page-furniture lines a description names in ``skip``, list bullets, the printed
number, italics marks and footnote markers.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from concord.demo.seeds import SeedMismatch, SeedText, normalize_space

_BULLET = re.compile(r"^\s*(?:[-•]\s+)+")
_FOOTNOTE_MARKERS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_GLUED_BRACKET = re.compile(r"\](?=\w)")
_HTML_TAG = re.compile(r"</?[a-z]+[^>]*>")


@dataclass(frozen=True)
class Addressee:
    """Whom a provision addresses, as written at ``line`` (a body code links it to the body)."""

    label: str
    line: int
    body: str = ""
    place: str = ""


@dataclass(frozen=True)
class P:
    """One provision as a reader notes it.

    ``lines`` is the inclusive line range in the seed. ``printed`` is the number as the seed
    prints it where that differs from ``number`` (``A.1. 5`` for ``A.1.5``). ``shape`` says what
    the lines hold: ``text``; ``heading`` (a section or sub-part title); or ``split``, a heading
    and then text, divided at ``split_at`` (or at the first full stop). ``cell`` picks the
    tab-separated table cell that starts with the number. ``after``/``before`` cut the text
    between two markers when several provisions share a line.
    """

    ref: str
    kind: str
    number: str
    lines: tuple[int, int]
    place: str
    parent: str | None = None
    verb: str = ""
    shape: str = "text"
    printed: str | None = None
    skip: tuple[int, ...] = ()
    cell: bool = False
    after: str = ""
    before: str = ""
    split_at: str = ""
    bracketed: bool = False
    placeholder: bool = False
    addressees: tuple[Addressee, ...] = field(default_factory=tuple)

    @property
    def printed_number(self) -> str:
        return self.printed if self.printed is not None else self.number


def clean_line(line: str) -> str:
    return _BULLET.sub("", line).strip()


def join_lines(lines: list[str]) -> str:
    """Join lines into one paragraph, mending a word that a line break hyphenated."""
    text = ""
    for line in (clean_line(raw) for raw in lines):
        if not line:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def strip_number(text: str, printed: str) -> str:
    """Remove the printed number ("1.5", "A.1. 5)", "(iv)") from the start of the text."""
    if not printed:
        return text
    pattern = r"\s*".join(re.escape(ch) for ch in printed.replace(" ", ""))
    match = re.match(rf"^{pattern}[.)]?\s*", text)
    return text[match.end() :] if match else text


def tidy(text: str) -> str:
    """Drop italics and bold marks, HTML tags and footnote markers; normalize spaces."""
    text = _HTML_TAG.sub("", _FOOTNOTE_MARKERS.sub("", text.replace("*", "")))
    return normalize_space(_GLUED_BRACKET.sub("] ", text))


def read_provision(seed: SeedText, spec: P) -> tuple[str, str]:
    """Return the heading and text of one provision, read from the seed."""
    start, end = spec.lines
    lines = [seed.line(n) for n in range(start, end + 1) if n not in spec.skip]
    if spec.cell:
        lines = [_cell(seed, spec, lines)]
    raw = join_lines(lines)
    if spec.after:
        _head, found, raw = raw.partition(spec.after)
        if not found:
            raise _mismatch(seed, spec, spec.after)
    if spec.before:
        raw, found, _rest = raw.partition(spec.before)
        if not found:
            raise _mismatch(seed, spec, spec.before)
    body = tidy(strip_number(raw.strip(), spec.printed_number))
    if not body:
        raise _mismatch(seed, spec, spec.printed_number or spec.ref)
    if spec.verb and spec.verb not in body:
        raise _mismatch(seed, spec, spec.verb)
    if spec.shape == "heading":
        return body, ""
    if spec.shape == "split":
        separator = spec.split_at or ". "
        heading, found, text = body.partition(separator)
        if not found:
            raise _mismatch(seed, spec, separator)
        heading = heading.strip() + ("." if separator.startswith(".") else "")
        return heading.rstrip(), text.strip()
    return "", body


def _cell(seed: SeedText, spec: P, lines: list[str]) -> str:
    wanted = spec.printed_number.replace(" ", "")
    for line in lines:
        for cell in line.split("\t"):
            if cell.strip().replace(" ", "").startswith(wanted):
                return cell
    raise _mismatch(seed, spec, spec.printed_number)


def _mismatch(seed: SeedText, spec: P, expected: str) -> SeedMismatch:
    start, end = spec.lines
    return SeedMismatch(
        _(
            '%(name)s lines %(start)d-%(end)d (%(place)s) no longer hold "%(expected)s" for '
            "provision %(ref)s; the seed has changed since the demo was written."
        )
        % {
            "name": seed.name,
            "start": start,
            "end": end,
            "place": spec.place,
            "expected": expected,
            "ref": spec.ref,
        }
    )
