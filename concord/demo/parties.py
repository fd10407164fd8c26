"""Every party the seeds name: its code, kind and a readable English name.

States and territories carry their ISO 3166-1 alpha-3 code, checked against pycountry when
loaded (which also gives the official name); the names the seeds write ("Lao PDR",
"Korea (Republic of)", "Hong Kong, China") become aliases where each seed writes them.
Organizations carry a stable lower-case slug.
"""

from concord.registry.models import PartyKind

S, T, ORG = PartyKind.STATE, PartyKind.TERRITORY, PartyKind.ORGANIZATION

PARTIES: dict[str, tuple[str, str]] = {
    # States
    "ARM": (S, "Armenia"),
    "AUS": (S, "Australia"),
    "AZE": (S, "Azerbaijan"),
    "BEL": (S, "Belgium"),
    "BGD": (S, "Bangladesh"),
    "BRA": (S, "Brazil"),
    "BRN": (S, "Brunei Darussalam"),
    "CAN": (S, "Canada"),
    "CHE": (S, "Switzerland"),
    "CHL": (S, "Chile"),
    "CHN": (S, "China"),
    "CIV": (S, "Côte d'Ivoire"),
    "COK": (S, "Cook Islands"),
    "ESP": (S, "Spain"),
    "FJI": (S, "Fiji"),
    "FRA": (S, "France"),
    "GBR": (S, "United Kingdom"),
    "IDN": (S, "Indonesia"),
    "IND": (S, "India"),
    "ITA": (S, "Italy"),
    "JPN": (S, "Japan"),
    "KAZ": (S, "Kazakhstan"),
    "KEN": (S, "Kenya"),
    "KGZ": (S, "Kyrgyzstan"),
    "KHM": (S, "Cambodia"),
    "KOR": (S, "Republic of Korea"),
    "LAO": (S, "Lao People's Democratic Republic"),
    "LBY": (S, "Libya"),
    "LKA": (S, "Sri Lanka"),
    "MLI": (S, "Mali"),
    "MMR": (S, "Myanmar"),
    "MNG": (S, "Mongolia"),
    "MYS": (S, "Malaysia"),
    "NLD": (S, "Netherlands"),
    "NOR": (S, "Norway"),
    "NPL": (S, "Nepal"),
    "NZL": (S, "New Zealand"),
    "PAK": (S, "Pakistan"),
    "PHL": (S, "Philippines"),
    "PNG": (S, "Papua New Guinea"),
    "ROU": (S, "Romania"),
    "RUS": (S, "Russian Federation"),
    "SDN": (S, "Sudan"),
    "SGP": (S, "Singapore"),
    "SLE": (S, "Sierra Leone"),
    "SWE": (S, "Sweden"),
    "THA": (S, "Thailand"),
    "TLS": (S, "Timor-Leste"),
    "TUR": (S, "Türkiye"),
    "UKR": (S, "Ukraine"),
    "USA": (S, "United States"),
    "VAT": (S, "Holy See"),
    "VNM": (S, "Viet Nam"),
    "VUT": (S, "Vanuatu"),
    "WSM": (S, "Samoa"),
    "ZAF": (S, "South Africa"),
    # Territories
    "HKG": (T, "Hong Kong, China"),
    "TWN": (T, "Taiwan Province of China"),
    "VGB": (T, "British Virgin Islands"),
    # Organizations that act as parties (sign agreements, take part in instruments)
    "adb": (ORG, "Asian Development Bank"),
    "oecd": (ORG, "Organisation for Economic Co-operation and Development"),
    "eu": (ORG, "European Union"),
    "eaeu": (ORG, "Eurasian Economic Union"),
    "icc": (ORG, "International Criminal Court"),
    "osce": (ORG, "Organization for Security and Co-operation in Europe"),
    "fao": (ORG, "Food and Agriculture Organization of the United Nations"),
    "un": (ORG, "United Nations"),
}
