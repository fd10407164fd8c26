"""Organizations: international organizations by name or acronym, with a stable slug.

Acronyms match only as printed (``WTO``, not ``wto``) and on word boundaries; full names
match with any spacing and with or without a leading "the". The table is general, not drawn
from any one document.
"""

import re
from functools import cache

from concord.ingestion.mentions.base import Mention, MentionType, from_match

# slug -> (acronyms, full names)
ORGANIZATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "un": (("UN", "U.N."), ("United Nations", "United Nations Organization")),
    "unsc": (("UNSC",), ("United Nations Security Council", "Security Council")),
    "unga": (("UNGA",), ("United Nations General Assembly",)),
    "ecosoc": (("ECOSOC",), ("Economic and Social Council",)),
    "unodc": (("UNODC",), ("United Nations Office on Drugs and Crime",)),
    "undp": (("UNDP",), ("United Nations Development Programme",)),
    "unep": (("UNEP",), ("United Nations Environment Programme",)),
    "unicef": (("UNICEF",), ("United Nations Children's Fund",)),
    "unhcr": (("UNHCR",), ("United Nations High Commissioner for Refugees",)),
    "ohchr": (("OHCHR",), ("Office of the High Commissioner for Human Rights",)),
    "unesco": (
        ("UNESCO",),
        ("United Nations Educational, Scientific and Cultural Organization",),
    ),
    "unctad": (("UNCTAD",), ("United Nations Conference on Trade and Development",)),
    "unwomen": (("UN Women",), ()),
    "fao": (
        ("FAO",),
        (
            "Food and Agriculture Organization of the United Nations",
            "Food and Agriculture Organization",
        ),
    ),
    "ifad": (("IFAD",), ("International Fund for Agricultural Development",)),
    "wfp": (("WFP",), ("World Food Programme",)),
    "who": (("WHO",), ("World Health Organization",)),
    "ilo": (("ILO",), ("International Labour Organization", "International Labour Office")),
    "iom": (("IOM",), ("International Organization for Migration",)),
    "imf": (("IMF",), ("International Monetary Fund",)),
    "world-bank": (("IBRD",), ("World Bank", "World Bank Group")),
    "wto": (("WTO",), ("World Trade Organization",)),
    "oecd": (
        ("OECD",),
        (
            "Organisation for Economic Co-operation and Development",
            "Organization for Economic Cooperation and Development",
        ),
    ),
    "adb": (("ADB",), ("Asian Development Bank",)),
    "afdb": (("AfDB",), ("African Development Bank",)),
    "idb": (("IDB",), ("Inter-American Development Bank",)),
    "ebrd": (("EBRD",), ("European Bank for Reconstruction and Development",)),
    "osce": (("OSCE",), ("Organization for Security and Co-operation in Europe",)),
    "odihr": (("ODIHR",), ("Office for Democratic Institutions and Human Rights",)),
    "coe": (("CoE",), ("Council of Europe",)),
    "eu": (("EU",), ("European Union",)),
    "ec": ((), ("European Commission",)),
    "eurojust": (("EUROJUST", "Eurojust"), ()),
    "europol": (("EUROPOL", "Europol"), ()),
    "interpol": (("INTERPOL", "Interpol"), ("International Criminal Police Organization",)),
    "icc": (("ICC",), ("International Criminal Court",)),
    "icj": (("ICJ",), ("International Court of Justice",)),
    "asean": (
        ("ASEAN",),
        ("Association of Southeast Asian Nations", "Association of South East Asian Nations"),
    ),
    "apec": (("APEC",), ("Asia-Pacific Economic Cooperation",)),
    "au": (("AU",), ("African Union",)),
    "oas": (("OAS",), ("Organization of American States",)),
    "nato": (("NATO",), ("North Atlantic Treaty Organization",)),
    "fatf": (("FATF",), ("Financial Action Task Force",)),
    "unccd": (("UNCCD",), ()),
    "unfccc": (("UNFCCC",), ("United Nations Framework Convention on Climate Change",)),
    "wipo": (("WIPO",), ("World Intellectual Property Organization",)),
    "iaea": (("IAEA",), ("International Atomic Energy Agency",)),
    "unaids": (("UNAIDS",), ()),
    "icrc": (("ICRC",), ("International Committee of the Red Cross",)),
}


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Return one pattern per name, longest names first."""
    entries: list[tuple[str, str, bool]] = []
    for slug, (acronyms, names) in ORGANIZATIONS.items():
        entries += [(acronym, slug, True) for acronym in acronyms]
        entries += [(name, slug, False) for name in names]
    entries.sort(key=lambda entry: -len(entry[0]))
    patterns = []
    for name, slug, _acronym in entries:
        body = r"\s+".join(re.escape(word) for word in name.split())
        body = body.replace("'", "['\u2019]")
        patterns.append((re.compile(rf"(?<![\w.-]){body}(?![\w-]|\.\w)"), slug))
    return patterns


def find_organizations(text: str) -> list[Mention]:
    return [
        from_match(MentionType.ORGANIZATION, match, slug)
        for pattern, slug in _patterns()
        for match in pattern.finditer(text)
    ]
