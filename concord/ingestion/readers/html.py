"""HTML: one line per block element, table rows as tab-separated cells, emphasis kept as ``*``.

Headings become ``**bold**`` lines and list items ``- `` lines, the Markdown-ish forms the
structure rules already know, so an HTML page and its text export propose the same tree.
"""

import re
from pathlib import Path

import lxml.html
from django.utils.translation import gettext as _
from lxml import etree

from concord.ingestion.exceptions import EmptyDocument, UnreadableDocument
from concord.ingestion.readers.base import HTML, SourceText, register
from concord.ingestion.readers.text import decode, normalize_newlines

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "address",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "table", "ul", "ol", "dl",
    "br", "hr", "caption", "figcaption", "main", "nav", "aside",
}  # fmt: skip
_SKIP = {"script", "style", "head", "template", "noscript"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_EMPHASIS = {"i", "em"}


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self.current.append(re.sub(r"\s+", " ", value))

    def end_line(self) -> None:
        line = re.sub(" {2,}", " ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def blank(self) -> None:
        self.end_line()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")


def _inline_text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _walk(element: etree._Element, out: _Writer) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in _SKIP or not tag:
        out.text(element.tail)
        return
    if tag in _HEADINGS:
        out.blank()
        out.text(f"**{_inline_text(element)}**")
        out.blank()
    elif tag == "tr":
        out.end_line()
        cells = [_inline_text(cell) for cell in element if isinstance(cell.tag, str)]
        out.lines.append("\t".join(cells))
    elif tag == "li":
        out.end_line()
        out.text("- ")
        out.text(element.text)
        for child in element:
            _walk(child, out)
        out.end_line()
    elif tag in _EMPHASIS:
        out.text(f"*{_inline_text(element)}*")
    elif tag == "br":
        out.end_line()
    elif tag in _BLOCKS:
        out.blank()
        out.text(element.text)
        for child in element:
            _walk(child, out)
        out.blank()
    else:
        out.text(element.text)
        for child in element:
            _walk(child, out)
    out.text(element.tail)


@register(HTML)
def read_html(data: bytes, path: Path) -> SourceText:
    markup, encoding = decode(data, path)
    try:
        document = lxml.html.document_fromstring(normalize_newlines(markup))
    except (etree.ParserError, ValueError) as error:
        raise UnreadableDocument(path, _("the HTML cannot be parsed: %s") % error) from error
    body = document.find("body")
    out = _Writer()
    _walk(body if body is not None else document, out)
    out.end_line()
    text = "\n".join(out.lines).strip("\n") + "\n"
    if not text.strip():
        raise EmptyDocument(path, _("the HTML page holds no text"))
    return SourceText(text=text, path=str(path), media_type=HTML, encoding=encoding)
