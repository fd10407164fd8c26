"""The vocabulary synthetic provisions are written from, for ``concord demo scale``.

Some words are in most provisions ("States"), some in a few percent ("freezing"), and programme
names in a few dozen, so that searches can be measured for common and for selective terms.
"""

import random

SYLLABLES = [
    "al",
    "ban",
    "cor",
    "dal",
    "el",
    "fen",
    "gar",
    "hal",
    "is",
    "kor",
    "lan",
    "mar",
    "nor",
    "os",
    "pel",
    "ran",
    "sal",
    "tor",
    "ul",
    "val",
    "wen",
    "zar",
    "bri",
    "cal",
    "dor",
    "est",
    "fal",
    "gon",
    "kes",
    "lor",
    "mon",
    "nal",
    "per",
    "quin",
    "rov",
    "sen",
    "tal",
    "var",
]
STATE_FORMS = ("Republic of {}", "Kingdom of {}", "{}", "{}", "{}", "Federal Republic of {}")

OPERATIVE_VERBS = (
    "Urges",
    "Calls upon",
    "Decides",
    "Requests",
    "Encourages",
    "Invites",
    "Recommends",
    "Welcomes",
    "Notes",
    "Reaffirms",
    "Stresses",
    "Emphasizes",
)
PREAMBULAR_VERBS = (
    "Recalling",
    "Noting",
    "Recognizing",
    "Bearing in mind",
    "Welcoming",
    "Reaffirming",
    "Acknowledging",
    "Concerned about",
)
ADDRESSEES = (
    "States Parties",
    "participating States",
    "the Secretariat",
    "the Bureau",
    "member countries",
    "the Court",
    "the Steering Group",
    "resource partners",
    "national focal points",
    "the Permanent Council",
    "relevant international organizations",
    "civil society organizations",
)
ACTIONS = (
    "strengthen",
    "establish",
    "review",
    "promote",
    "ensure",
    "develop",
    "support",
    "implement",
    "facilitate",
    "report on",
    "consider",
    "enhance",
    "harmonize",
    "monitor",
    "assess",
    "improve",
    "adopt measures on",
    "coordinate",
)
SUBJECTS = (
    "mutual legal assistance",
    "asset recovery",
    "the freezing of proceeds of crime",
    "the seizure and confiscation of assets",
    "witness protection",
    "the relocation of witnesses",
    "public procurement",
    "conflict of interest rules",
    "asset declarations by public officials",
    "the protection of whistle-blowers",
    "trafficking in human beings",
    "national referral mechanisms",
    "the identification of victims",
    "business registration",
    "tax administration",
    "customs clearance",
    "trade facilitation",
    "investment promotion",
    "food security",
    "the resilience of smallholder farmers",
    "technical cooperation",
    "capacity development",
    "national implementing legislation",
    "central authorities",
    "extradition requests",
    "arrest and surrender",
    "interim release",
    "the enforcement of sentences",
    "financial investigations",
    "beneficial ownership information",
    "shell companies",
    "electronic payments",
    "renewable energy",
    "water management",
    "sustainable fisheries",
    "land tenure",
    "gender equality",
    "youth employment",
    "access to credit",
    "judicial independence",
    "audit institutions",
    "the integrity of the civil service",
    "access to information",
    "anti-money laundering controls",
    "border management",
    "statistical capacity",
    "the reporting cycle",
    "peer review",
    "voluntary contributions",
    "the results framework",
)
ADJECTIVES = (
    "effective",
    "transparent",
    "timely",
    "comprehensive",
    "sustainable",
    "inclusive",
    "regional",
    "national",
    "independent",
    "coordinated",
    "confidential",
    "practical",
)
QUALIFIERS = (
    "in accordance with national law",
    "within existing resources",
    "on a voluntary basis",
    "by the end of the biennium",
    "in close cooperation with the Secretariat",
    "as a matter of priority",
    "where appropriate",
    "in line with international standards",
    "and to report thereon at the next session",
    "taking into account the needs of developing countries",
)


class Vocabulary:
    """The vocabulary and the random source every text is drawn from."""

    def __init__(self, rng: random.Random) -> None:
        self.random = rng
        self.used_names: set[str] = set()
        # Programme names are the selective terms: each appears in a few dozen provisions.
        self.programmes = [self.name(3) for _ in range(3_000)]

    def name(self, syllables: int = 3) -> str:
        while True:
            name = "".join(self.random.choice(SYLLABLES) for _ in range(syllables)).capitalize()
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def subject(self) -> str:
        subject = self.random.choice(SUBJECTS)
        if self.random.random() < 0.3:
            return f"{self.random.choice(ADJECTIVES)} {subject.removeprefix('the ')}"
        return subject

    def operative(self) -> tuple[str, str]:
        rng = self.random
        verb = rng.choice(OPERATIVE_VERBS)
        sentence = f"{verb} {rng.choice(ADDRESSEES)} to {rng.choice(ACTIONS)} {self.subject()}"
        if rng.random() < 0.5:
            sentence += f" and {self.subject()}"
        if rng.random() < 0.6:
            sentence += f", {rng.choice(QUALIFIERS)}"
        if rng.random() < 0.25:
            sentence += f", including through the {rng.choice(self.programmes)} Programme"
        return verb, sentence + ";"

    def preambular(self) -> tuple[str, str]:
        rng = self.random
        verb = rng.choice(PREAMBULAR_VERBS)
        return verb, f"{verb} the importance of {self.subject()} for {self.subject()},"

    def heading(self) -> str:
        return self.subject().removeprefix("the ").capitalize()
