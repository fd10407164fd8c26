"""Bold and italic runs written as Markdown marks, the form the structure rules read.

A Word or PDF reader knows which runs of text are bold or italic; the structure rules know
``**bold**`` headings and ``*italic*`` verbs, as Markdown-ish text prints them. Marks hug the
words (``**Title** text``, never ``** Title **``); blanks between two runs, one line break
included, keep the emphasis both runs share, so a bold heading over two lines is one run
(``**DECISION No. 12\\nON TRADE**``), as a text export writes it. A blank line ends every run.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Run:
    """A piece of text and its emphasis; ``text`` may hold line breaks."""

    text: str
    bold: bool = False
    italic: bool = False


def _marks(bold: bool, italic: bool) -> str:
    return "**" * bold + "*" * italic


def mark_emphasis(runs: Iterable[Run]) -> str:
    """Return the text of ``runs`` with ``**`` around bold and ``*`` around italic words."""
    tokens: list[tuple[str, tuple[bool, bool] | None]] = []
    for run in runs:
        style = (run.bold, run.italic)
        for match in _TOKENS.finditer(run.text):
            token = match.group()
            if token.isspace() and tokens and tokens[-1][1] is None:
                tokens[-1] = (tokens[-1][0] + token, None)
            else:
                tokens.append((token, None if token.isspace() else style))
    styles = _resolve_blanks(tokens)
    out: list[str] = []
    current = (False, False)
    for (token, _style), style in zip(tokens, styles, strict=True):
        if style != current:
            out.append(_marks(current[0] and not style[0], current[1] and not style[1])[::-1])
            out.append(_marks(style[0] and not current[0], style[1] and not current[1]))
            current = style
        out.append(token)
    out.append(_marks(*current)[::-1])
    return "".join(out)


def _resolve_blanks(tokens: list[tuple[str, tuple[bool, bool] | None]]) -> list[tuple[bool, bool]]:
    """Give each blank what the styles on both sides share; a blank line is plain."""
    plain = (False, False)
    after: list[tuple[bool, bool]] = []
    following = plain
    for _token, style in reversed(tokens):
        after.append(following)
        following = style if style is not None else following
    after.reverse()
    styles: list[tuple[bool, bool]] = []
    before = plain
    for (token, style), next_style in zip(tokens, after, strict=True):
        if style is not None:
            styles.append(style)
            before = style
        elif token.count("\n") <= 1:
            styles.append((before[0] and next_style[0], before[1] and next_style[1]))
        else:
            styles.append(plain)
    return styles
