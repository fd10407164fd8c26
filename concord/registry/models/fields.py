"""Building blocks shared by the registry's models: translations and partial dates."""

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concord.registry.dates import DatePrecision, PartialDate

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class Translated(NamedTuple):
    """A text in the language asked for, or in English when it has no translation yet."""

    text: str
    language: str
    fell_back: bool

    def __str__(self) -> str:
        return self.text


class Translatable(models.Model):
    """A record whose ``translatable_fields`` may be held in the six UN languages.

    English, the language of record, lives in the plain columns, which are indexed and searched;
    the other languages live in ``translations`` as ``{"fr": {"title": "..."}}``.
    """

    translatable_fields: tuple[str, ...] = ()

    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def translated(self, field: str, language: str | None = None) -> Translated:
        language = (language or get_language() or settings.LANGUAGE_CODE).lower()
        if language != settings.LANGUAGE_CODE:
            text = (self.translations.get(language) or {}).get(field)
            if text:
                return Translated(text, language, False)
        english = getattr(self, field)
        return Translated(english, settings.LANGUAGE_CODE, language != settings.LANGUAGE_CODE)

    def set_translation(self, language: str, field: str, text: str) -> None:
        if language not in LANGUAGE_CODES or language == settings.LANGUAGE_CODE:
            raise ValueError(f"{language!r} is not one of {LANGUAGE_CODES} other than English.")
        if field not in self.translatable_fields:
            raise ValueError(f"{field!r} is not translatable on {type(self).__name__}.")
        entry = {**self.translations.get(language, {}), field: text}
        self.translations = {**self.translations, language: entry}


def partial_date_fields(label) -> tuple[models.DateField, models.DateField, models.CharField]:
    """Return the earliest day, latest day and precision columns of a partial date."""
    return (
        models.DateField(format_lazy(_("{}, earliest day"), label), null=True, blank=True),
        models.DateField(format_lazy(_("{}, latest day"), label), null=True, blank=True),
        models.CharField(
            format_lazy(_("{}, precision"), label),
            max_length=5,
            choices=DatePrecision.choices,
            blank=True,
        ),
    )


def partial_date_property(prefix: str) -> property:
    """Read and write the three columns of a partial date as one ``PartialDate`` (or None).

    A property, so that models accept it as a constructor argument: ``Participation(start="2003")``.
    """

    def get(instance) -> PartialDate | None:
        precision = getattr(instance, f"{prefix}_precision")
        if not precision:
            return None
        return PartialDate(
            getattr(instance, f"{prefix}_earliest"),
            getattr(instance, f"{prefix}_latest"),
            precision,
        )

    def set_(instance, value: PartialDate | str | None) -> None:
        if isinstance(value, str):
            value = PartialDate.parse(value)
        setattr(instance, f"{prefix}_earliest", value.earliest if value else None)
        setattr(instance, f"{prefix}_latest", value.latest if value else None)
        setattr(instance, f"{prefix}_precision", value.precision if value else "")

    return property(get, set_)
