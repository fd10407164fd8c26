"""What a paragraph is, read from its opening words: the rules behind each provision's kind.

- Preambular: a participle or adjective opens it (*Recalling*, *Determined*, *Deeply
  concerned*, *Taking note of*, *Mindful*).
- Operative: a finite verb in the third person opens it (*Welcomes*, *Emphasizes also*,
  *Calls upon*, *Decides*), in italics or not.
- Recommended action: a gerund opens it (*Taking measures to ...*, *Promoting ...*), as
  in most of its siblings.
- Recommendation: its first sentence says who *should* do what; action: who *will* or
  *shall*. The one who should or will is an addressee.
"""

import re

# Opening words of operative paragraphs in the editorial style of the UN system and its
# neighbours; any capitalized "-s" verb is accepted too where a preamble came first.
OPERATIVE_VERBS = frozenset(
    [
        "Accepts",
        "Acknowledges",
        "Adopts",
        "Affirms",
        "Agrees",
        "Appeals",
        "Appreciates",
        "Approves",
        "Assures",
        "Authorizes",
        "Calls",
        "Commends",
        "Concurs",
        "Condemns",
        "Confirms",
        "Considers",
        "Decides",
        "Declares",
        "Defers",
        "Demands",
        "Deplores",
        "Designates",
        "Determines",
        "Directs",
        "Emphasizes",
        "Emphasises",
        "Encourages",
        "Endorses",
        "Expresses",
        "Highlights",
        "Instructs",
        "Invites",
        "Notes",
        "Proclaims",
        "Reaffirms",
        "Recalls",
        "Recognizes",
        "Recognises",
        "Recommends",
        "Regrets",
        "Reiterates",
        "Reminds",
        "Renews",
        "Requests",
        "Resolves",
        "Stresses",
        "Supports",
        "Takes",
        "Underlines",
        "Underscores",
        "Urges",
        "Welcomes",
    ]
)
_PARTICLES = (
    "also", "further", "again", "upon", "on", "with appreciation", "with concern",
    "with satisfaction", "with regret", "with deep concern", "note of", "note",
)  # fmt: skip
PREAMBULAR_ADJECTIVES = frozenset(
    [
        "Aware",
        "Cognizant",
        "Cognisant",
        "Conscious",
        "Convinced",
        "Concerned",
        "Desirous",
        "Determined",
        "Mindful",
        "Alarmed",
        "Anxious",
        "Confident",
        "Eager",
        "Fully",
        "Guided",
        "Keen",
        "Noting",
        "Recalling",
        "Persuaded",
        "Resolved",
        "Seized",
        "Sensible",
    ]
)
_NOT_GERUNDS = frozenset(
    [
        "During",
        "Regarding",
        "Concerning",
        "According",
        "Including",
        "Notwithstanding",
        "Pending",
        "Following",
        "Nothing",
        "Something",
        "Everything",
        "Anything",
        "Morning",
        "Evening",
        "Bring",
        "Thing",
        "King",
        "Spring",
        "String",
        "Sibling",
        "Building",
        "Meeting",
        "Funding",
        "Training",
        "Housing",
        "Understanding",
        "Wording",
        "Ceiling",
    ]
)
# Words that follow a plural subject ("Parties agree", "States should"), not a verb.
_SUBJECT_FOLLOWERS = frozenset(
    [
        "should",
        "shall",
        "will",
        "may",
        "must",
        "can",
        "could",
        "would",
        "are",
        "were",
        "have",
        "had",
        "agree",
        "need",
        "do",
    ]
)
_PLACEHOLDER = re.compile(
    r"\[\s*(?:placeholder|to be (?:completed|inserted|determined|added|agreed)|tbd|tbc|"
    r"\.\.\.|…|x+|\*+)\s*\]",
    re.IGNORECASE,
)
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_ITALIC_START = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?\*(?!\*)\[?([^*]{2,60}?)\]?\*")


def placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.search(text))


def bracketed(text: str) -> bool:
    """Say whether ``text`` holds square-bracketed wording not yet agreed (three words or more).

    An editor's ``[t]he`` inside a quotation and a placeholder do not count; an opening
    bracket whose closing bracket is missing, as a bracket that spans the paragraph, does.
    """
    without = _PLACEHOLDER.sub("", text)
    for inside in _BRACKET.findall(without):
        if len(inside.split()) >= 3:
            return True
    opened = without.lstrip().startswith("[") and "]" not in without
    return opened or (without.lstrip().startswith("[") and without.rstrip(" .;,").endswith("]"))


def _opening(text: str) -> str:
    """Return ``text`` without a leading placeholder or opening bracket."""
    text = _PLACEHOLDER.sub("", text, count=1).lstrip()
    return text.lstrip("[").lstrip()


def operative_verb(raw: str, text: str, *, after_preamble: bool) -> str | None:
    """Return the operative verb opening a paragraph (``Calls upon``), or None.

    ``raw`` is the source with its emphasis marks, ``text`` the flattened text.
    """
    italic = _ITALIC_START.match(raw)
    if italic:
        words = italic.group(1).strip().strip("[]").strip()
        first = words.split()[0] if words.split() else ""
        if first[:1].isupper() and first.endswith("s"):
            return words
    opening = _opening(text)
    words = opening.split()
    if not words:
        return None
    first = words[0].strip(",;:")
    if first not in OPERATIVE_VERBS and not (
        after_preamble and re.fullmatch(r"[A-Z][a-z]{2,}s", first)
    ):
        return None
    if (
        first not in OPERATIVE_VERBS
        and len(words) > 1
        and (words[1][:1].isupper() or words[1].lower() in _SUBJECT_FOLLOWERS)
    ):
        return None
    rest = opening[len(words[0]) :].lstrip()
    for particle in _PARTICLES:
        if rest.startswith(particle + " ") or rest == particle:
            return f"{first} {particle}"
    return first


def preambular_verb(text: str) -> str | None:
    """Return the participle or adjective opening a preambular paragraph, or None."""
    words = _opening(text).split()
    if not words:
        return None
    first = words[0].strip(",")
    if re.fullmatch(r"[A-Z][a-z]+ly", first) and len(words) > 1:
        return f"{first} {words[1].strip(',')}"
    if first in PREAMBULAR_ADJECTIVES or re.fullmatch(r"[A-Z][a-z]{2,}(?:ing|ed)", first):
        if first in ("Taking", "Having", "Bearing") and len(words) > 1:
            second = words[1].strip(",")
            if first == "Bearing" and len(words) > 2:
                return f"{first} {second} {words[2].strip(',')}"
            return f"{first} {second}"
        return first
    return None


def gerund(text: str) -> bool:
    """Say whether ``text`` opens with a gerund (*Taking*, *Promoting*), not a preposition."""
    words = _opening(text).split()
    if not words:
        return False
    first = words[0].strip(",;:")
    return bool(re.fullmatch(r"[A-Z][a-z]{2,}ing", first)) and first not in _NOT_GERUNDS


def first_sentence(text: str) -> str:
    match = re.search(r"(?<![A-Z]\.)(?<!\b[a-z]\.)(?<!\bi\.e)(?<!\be\.g)[.;:](?:\s|$)", text)
    return text[: match.start()] if match else text


def subject_of(text: str, modals: tuple[str, ...]) -> str | None:
    """Return who the first sentence says *should* / *will* act, as written, or None."""
    sentence = first_sentence(_opening(text))
    if "?" in sentence or re.match(r"(?:Are|Is|Do|Does|Should|Can|What|How|Why|Which)\b", sentence):
        return None
    match = re.search(r"\b(" + "|".join(modals) + r")\b", sentence)
    if not match or match.start() == 0:
        return None
    subject = sentence[: match.start()].strip().rstrip(",").strip()
    if re.match(
        r"(?:In|Where|When|If|Upon|For|To|As|At|With|Within|Under|From|By|After|Before|Since|"
        r"Through|Following|During)\b",
        subject,
    ):
        subject = subject.rsplit(",", 1)[-1].strip() if "," in subject else ""
    elif "," in subject:
        subject = subject.split(",", 1)[0].strip()
    if not subject or not subject[0].isupper():
        return None
    abbreviation = re.search(r"\(([A-Z][A-Za-z/&.-]{1,15})\)\s*$", subject)
    if abbreviation:
        return abbreviation.group(1)
    words = subject.split()
    kept: list[str] = []
    for word in words:
        if kept and re.fullmatch(r"[a-z]+ing|that|which|who|whose|to", word):
            break
        kept.append(word)
    if len(kept) > 10:
        return None
    subject = " ".join(kept)
    if subject.startswith("The "):
        subject = "the " + subject[4:]
    return subject


def object_addressee(text: str, verb: str) -> str | None:
    """Return the named collective an operative verb addresses (*Urges* **States Parties**)."""
    opening = _opening(text)
    rest = opening[len(verb) :] if opening.startswith(verb) else ""
    match = re.match(
        r"\s+((?:the |all )?[A-Z][\w/-]*(?: (?:of the |of |and )?[A-Z][\w/-]*)*)", rest
    )
    if not match:
        return None
    return match.group(1)


def heading_addressee(heading: str) -> str | None:
    """Return whom a heading addresses: ``To States`` -> States; ``... at the national level``."""
    match = re.match(r"(?:To|For)\s+(.+?)\s*(?:\(.*\))?$", heading)
    if match:
        name = match.group(1)
        return "the " + name[4:] if name.startswith("The ") else name
    match = re.search(r"\b(?:at|on) the (\w+(?:[ -]\w+)? level)\b", heading)
    if match:
        return match.group(1)
    return None


def mentions_level(text: str, word: str) -> bool:
    return re.search(rf"\b{word}", text, re.IGNORECASE) is not None
