"""A name as a seed prints it in the six UN languages, read from one line at load time.

UN bodies print their name in the six official languages in a fixed order: Arabic, Chinese,
English, French, Russian, Spanish. A text extraction keeps them as tab-separated cells, each
possibly wrapped in HTML tags. This module splits such a line into its cells and checks that
each non-Latin cell is written in the script its language uses, so a line that changed or moved
fails clearly instead of filing a Russian name as Chinese. It does no database access.
"""

import re
import unicodedata

from concord.demo.seeds import normalize_space

UN_LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")  # the order UN documents print them
SCRIPTS = {"ar": "ARABIC", "zh-hans": "CJK", "ru": "CYRILLIC"}

# Ideographs of the CJK Unified Ideographs blocks (with extension A) and CJK punctuation.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_HTML_TAG = re.compile(r"</?[a-z]+[^>]*>")


class NotAUnLanguagesLine(ValueError):
    """The line does not hold one name in each of the six UN languages, in their order."""


def un_language_cells(line: str) -> dict[str, str]:
    """Return the six cells of the line by language code, as the seed writes them.

    Only HTML tags and repeated spaces are dropped; anything else the extraction did to a cell
    is left for the caller to judge.
    """
    cells = [normalize_space(_HTML_TAG.sub("", cell)) for cell in line.split("\t")]
    cells = [cell for cell in cells if cell]
    if len(cells) != len(UN_LANGUAGES):
        raise NotAUnLanguagesLine(f"{len(cells)} cells, not {len(UN_LANGUAGES)}")
    by_language = dict(zip(UN_LANGUAGES, cells, strict=True))
    for language, script in SCRIPTS.items():
        if not _written_in(by_language[language], script):
            raise NotAUnLanguagesLine(f"the {language} cell is not written in {script} letters")
    return by_language


def close_cjk_spaces(text: str) -> str:
    """Remove whitespace between two Chinese characters; written Chinese puts no space there.

    A PDF extraction breaks a Chinese line wherever the layout wrapped it and leaves a space at
    each break, so the spaces carry no meaning and removing them restores the text as printed.
    """
    return _SPACE_IN_CJK.sub("", text)


def _written_in(text: str, script: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith(script) for ch in letters)
