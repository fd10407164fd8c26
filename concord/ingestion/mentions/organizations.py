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
def _pattern() -> tuple[re.Pattern[str], list[str]]:
    """Return one pattern of every name, longest names first, and the slug of each group."""
    entries: list[tuple[str, str]] = []
    for slug, (acronyms, names) in ORGANIZATIONS.items():
        entries += [(name, slug) for name in (*acronyms, *names)]
    entries.sort(key=lambda entry: -len(entry[0]))
    alternatives, slugs = [], []
    for index, (name, slug) in enumerate(entries):
        body = r"\s+".join(re.escape(word) for word in name.split())
        body = body.replace("'", "['\u2019]")
        alternatives.append(f"(?P<n{index}>{body})")
        slugs.append(slug)
    return re.compile(rf"(?<![\w.-])(?:{'|'.join(alternatives)})(?![\w-]|\.\w)"), slugs


def find_organizations(text: str) -> list[Mention]:
    """Find every organization named in the text, the longest name where names overlap.

    One pattern holds every name, so the text is read once whatever the number of names.
    """
    pattern, slugs = _pattern()
    return [
        from_match(MentionType.ORGANIZATION, match, slugs[int(match.lastgroup[1:])])
        for match in pattern.finditer(text)
        if match.lastgroup is not None
    ]
