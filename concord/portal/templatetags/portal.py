"""Template helpers for the public pages: partial dates, translated texts, provision markup."""

import re

from django import template
from django.conf import settings
from django.db.models import Model
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, gettext, gettext_noop

from concord.portal.dates import describe_partial_date, machine_date
from concord.registry.dates import PartialDate
from concord.registry.models import DraftingMark
from concord.registry.models.fields import Translated

register = template.Library()


@register.simple_tag
def partial_date(value: PartialDate | None) -> str:
    """Render a partial date in words, in a <time> element where HTML can express it."""
    if value is None:
        return ""
    words = describe_partial_date(value)
    machine = machine_date(value)
    if machine:
        return format_html('<time datetime="{}">{}</time>', machine, words)
    return format_html('<span title="{}">{}</span>', value.edtf, words)


@register.simple_tag
def translated(record: Model, field: str) -> Translated:
    return record.translated(field)


@register.simple_tag
def text(record: Model, field: str) -> str:
    """Render a translatable field; text shown in English instead carries lang="en"."""
    return in_language(record.translated(field))


@register.filter
def in_language(value: Translated) -> str:
    if value.fell_back and value.text:
        return format_html('<span lang="{}">{}</span>', value.language, value.text)
    return value.text


FALLBACK_NOTE = gettext_noop("Not yet available in %(language)s; shown in English.")


@register.simple_tag
def fallback_note(value: Translated) -> str:
    """Say that a text is not yet available in the reader's language, where it is not."""
    if not value.fell_back or not value.text:
        return ""
    info = get_language_info(get_language())
    note = gettext(FALLBACK_NOTE)
    # Until the interface itself is translated, the note is in English: name the language in
    # English too, rather than "Not yet available in Français".
    name = info["name_translated"] if note != FALLBACK_NOTE else info["name"]
    return format_html('<p class="fallback-note">{}</p>', note % {"language": name})


@register.filter
def emphasize_verb(content: str, verb: str) -> str:
    """Emphasize the first occurrence of the operative verb in a provision's text."""
    if not verb or not content:
        return content
    match = re.search(rf"\b{re.escape(verb)}\b", content) or re.search(
        rf"\b{re.escape(verb)}\b", content, flags=re.IGNORECASE
    )
    if not match:
        return content
    return format_html(
        '{}<em class="verb">{}</em>{}',
        content[: match.start()],
        match.group(0),
        content[match.end() :],
    )


@register.filter
def anchor(ref: str) -> str:
    """Return the fragment id of a provision in its instrument's page."""
    return "p-" + re.sub(r"\s+", "_", ref)


@register.filter
def drafting_mark_label(mark: str) -> str:
    return DraftingMark(mark).label


@register.simple_tag
def open_data_licence() -> str:
    return settings.OPEN_DATA_LICENCE


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key)
