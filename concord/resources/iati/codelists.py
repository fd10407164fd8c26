"""The IATI 2.03 codelists, read from the reference data (``CONCORD_REFERENCE_DATA_DIR``), never
retyped: every code Concord stores or exports for IATI is checked against its list here."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _
from lxml import etree


def iati_dir() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "iati-2.03"


@cache
def codelist(name: str) -> dict[str, str]:
    """The codes of one codelist (``OrganisationType``) with their English names."""
    path = iati_dir() / "codelists" / f"{name}.xml"
    if not path.is_file():
        raise ImproperlyConfigured(
            f"The IATI codelist {name} is not at {path}: set CONCORD_REFERENCE_DATA_DIR."
        )
    codes = {}
    for item in etree.parse(str(path)).iterfind("codelist-items/codelist-item"):
        if item.get("status") == "withdrawn":
            continue
        names = item.xpath("name/narrative[not(@xml:lang) or @xml:lang='en']/text()")
        codes[item.findtext("code").strip()] = names[0].strip() if names else ""
    return codes


def check_code(name: str, code: str, field: str) -> str:
    """Return ``code`` if it is in the codelist ``name``; else a ValidationError on ``field``."""
    if code not in codelist(name):
        raise ValidationError(
            {
                field: _("%(code)s is not a code of the IATI codelist %(list)s.")
                % {"code": code, "list": name}
            }
        )
    return code


def choices(name: str) -> list[tuple[str, str]]:
    return sorted(codelist(name).items())
