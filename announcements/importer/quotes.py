"""Quotes in a paragraph → quote blocks, and who said them.

A paragraph becomes quote blocks only when it consists of nothing but quotes and their
attributions, in any order: „…“, betonte X. / X sagte: „…“ / „…“, sagte X, „…“ (one quote around
the attribution) / several of these in a row. Quote marks „…“, »…«, «…», “…” and "…"; ‚…‘ may
stand inside. A quote inside a sentence leaves the paragraph as it is.

Speakers are resolved against the people the release names elsewhere ("Innenminister Joachim
Herrmann" in the lead): "Herrmann", "der Minister", "die Ministerin", "der Innenminister" become
the full name and role when exactly one person fits; otherwise the caller gets a note.
"""

import re
from dataclasses import dataclass

OPEN, CLOSE = '„"»«“', '“"«»”'
QUOTED = re.compile(rf"[{OPEN}](?P<text>[^{OPEN}{CLOSE}]{{3,3000}}?)[{CLOSE}]")
VERBS_DE = (
    r"erklärte|erklärt|betonte|betont|sagte|sagt|ergänzte|ergänzt|unterstrich|unterstreicht|"
    r"bekräftigte|versicherte|meinte|fügte\s+hinzu|hob\s+hervor|kündigte\s+an|stellte\s+fest|"
    r"sagte\s+dazu|erläuterte|mahnte|warnte|freute\s+sich|zeigte\s+sich\s+überzeugt|"
    r"kündigte|fügte|hob|stellte|führte|riet|appellierte|bat|berichtete|so"
)
VERBS_EN = r"said|says|explained|stressed|added|emphasised|emphasized|noted|underlined"
VERB = rf"(?:{VERBS_DE}|{VERBS_EN})"
WHO = rf"[^{OPEN}{CLOSE}:;]{{2,160}}?"
# The gap after a quote: ", betonte Herrmann." — then perhaps "Landrat X erklärte:" for the next.
AFTER = re.compile(rf"^[\s,]*{VERB}\s+(?=\S)", re.I)
BEFORE = re.compile(
    rf"^(?:(?:dazu|darauf|außerdem)\s+)?(?:(?P<who>{WHO})\s+{VERB}|{VERB}\s+(?P<who2>{WHO}))"
    r"(?:\s+(?:dazu|außerdem|weiter))?\s*:\s*$",
    re.I,
)
ROLES = (
    r"minister(?:in)?|sekretär(?:in)?|präsident(?:in)?|landrat|landrätin|bürgermeister(?:in)?|"
    r"sprecher(?:in)?|leiter(?:in)?|beauftragte[rn]?|direktor(?:in)?|vorsitzende[rn]?|"
    r"chef(?:in)?|referent(?:in)?|kommissar(?:in)?|dezernent(?:in)?|kämmerer(?:in)?|"
    r"secretary|president|mayor|spokesperson|director|chair|commissioner|officer"
)
ROLE_WORD = re.compile(rf"({ROLES})$", re.I)
ARTICLES = {"der", "die", "das", "the", "den", "ein", "eine", "a", "an"}
PRONOUNS = {"er", "sie", "he", "she"}
SENTENCE_BREAK = re.compile(r"(?<!\bDr)(?<!\bProf)(?<!\bSt)(?<!\bNr)[.!?]\s+\S")
ADJECTIVES = re.compile(
    r"^(erste[rn]?|zweite[rn]?|stellvertretende[rn]?|bayerische[rn]?|parlamentarische[rn]?|"
    r"zuständige[rn]?|amtierende[rn]?|neue[rn]?|deputy|chief|first)$",
    re.I,
)
# "… sagte Ministerin Vogt in Berlin / am Montag / bei der Eröffnung": where, not who.
CIRCUMSTANCE = re.compile(
    r"\s+(?:in|im|bei|beim|am|auf|vor|während|anlässlich|nach|heute|gestern|at|on|during)\b"
    r"(?:\s+[\w.-]+){0,6}$"
    r"|\s+(?:an|hinzu|hervor|fest|aus)$"  # the particle of "kündigte … an"
)
LOOKS_LIKE_NAME = re.compile(r"(?:(?:Dr|Prof)\.\s+)*[A-ZÄÖÜ][\w'-]+(?:\s+[A-ZÄÖÜ][\w'-]+){0,2}")
NAME = r"(?:(?:Dr|Prof)\.\s+)*[A-ZÄÖÜ][\wäöüß'-]+\s+(?:(?:von|van|de|zu)\s+)?[A-ZÄÖÜ][\wäöüß'-]+"
ROLE_THEN_NAME = re.compile(
    rf"\b(?P<role>(?=[A-ZÄÖÜ])[\wäöüß-]*?(?i:{ROLES}))\s+(?P<name>{NAME})(?![\wäöüß])"
)


@dataclass
class Person:
    name: str
    role: str

    @property
    def surname(self):
        return self.name.split()[-1]


def speaker_and_role(who: str) -> tuple[str, str]:
    """ "Innenminister Joachim Herrmann" → ("Joachim Herrmann", "Innenminister");
    "Max Muster, Leiter der Inspektion" → ("Max Muster", "Leiter der Inspektion");
    "der Minister" → ("", "der Minister")."""
    who = CIRCUMSTANCE.sub("", " ".join(who.split()).strip(" ,.")).strip(" ,.")
    if "," in who:
        name, role = (part.strip() for part in who.split(",", 1))
        if LOOKS_LIKE_NAME.fullmatch(role) and not LOOKS_LIKE_NAME.fullmatch(name):
            name, role = role, name  # "der Leiter des Gesundheitsamts, Dr. Peter Hahn"
        if name and not is_role_phrase(name):
            role_words = role.split()
            while role_words and role_words[0].lower() in ARTICLES:
                role_words.pop(0)
            return name, " ".join(role_words)
    words = who.split()
    role = []
    while words and is_role_phrase(words[0]):
        if words[0].lower() in ARTICLES and any(ROLE_WORD.search(word) for word in role):
            break  # "die Präsidentin der Kammer": the article starts a genitive
        role.append(words.pop(0))
    if role and words and words[0].lower() in ("der", "des", "of"):
        return "", who  # "die Präsidentin der Kammer": a role, no name
    if words:
        return " ".join(words), " ".join(w for w in role if w.lower() not in ARTICLES)
    return "", " ".join(role) or who


def is_role_phrase(text: str) -> bool:
    return all(
        word.lower() in ARTICLES or ADJECTIVES.match(word) or ROLE_WORD.search(word)
        for word in text.split()
    )


def people_named(texts) -> list[Person]:
    """Everyone named with a role in running text, e.g. "Innenminister Joachim Herrmann"."""
    found = {}
    for text in texts:
        for match in ROLE_THEN_NAME.finditer(text):
            found.setdefault(match.group("name"), Person(match.group("name"), match.group("role")))
    return list(found.values())


def role_stem(role: str) -> str:
    word = role.split()[-1].lower() if role.split() else ""
    return word[:-2] if word.endswith("in") and ROLE_WORD.search(word[:-2] or "-") else word


def same_role(known: str, referred: str) -> bool:
    """ "innenminister" is "der Minister" and "minister" may be "der Wirtschaftsminister"."""
    return known.endswith(referred) or referred.endswith(known)


class Speakers:
    """Resolves how a quote names its speaker against the people named in the release."""

    def __init__(self, people):
        self.people = list(people)
        self.last = None

    def resolve(self, who: str) -> tuple[str, str, bool]:
        """(speaker, role, resolved); "er"/"sie" is whoever was quoted just before."""
        if who.strip().lower() in PRONOUNS:
            return (*self.last[:2], True) if self.last else (who.strip().capitalize(), "", False)
        self.last = found = self.find(who)
        return found

    def find(self, who: str) -> tuple[str, str, bool]:
        name, role = speaker_and_role(who)
        if len(name.split()) >= 2:
            known = self.by_surname(name.split()[-1], name)
            if known is None:
                self.people.append(Person(name, role))
            return name, role or (known.role if known else ""), True
        if name:  # a bare surname
            known = self.by_surname(name)
            return (known.name, role or known.role, True) if known else (name, role, False)
        stem = role_stem(role)
        matches = {p.name: p for p in self.people if stem and same_role(role_stem(p.role), stem)}
        if len(matches) == 1:
            person = next(iter(matches.values()))
            return person.name, person.role, True
        spoken_of = role or who
        return spoken_of[:1].upper() + spoken_of[1:], "", False

    def by_surname(self, surname, full_name=None):
        matches = {p.name: p for p in self.people if p.surname == surname}
        if full_name in matches:
            return matches[full_name]
        return next(iter(matches.values())) if len(matches) == 1 else None


def quote_segments(text: str):
    """[gap, quote, gap, quote, …, gap] of a paragraph's plain text (gaps may be empty)."""
    parts, position = [], 0
    for match in QUOTED.finditer(text):
        parts += [text[position : match.start()], match.group("text").strip().rstrip(",")]
        position = match.end()
    return parts + [text[position:]]


def only_punctuation(text: str) -> bool:
    return not text.strip(",.:;!?–- ")


def split_after(gap: str, last: bool):
    """(who, rest) for a gap that starts with an attribution of the quote before it."""
    match = AFTER.match(gap)
    if not match:
        return None
    tail = gap[match.end() :]
    for split in re.finditer(r"[.,;](?=\s|$)", tail):
        who, rest = tail[: split.start()], tail[split.end() :].strip()
        if re.search(r"\b(Dr|Prof|St|Nr)$", who) or len(who.strip()) < 2:
            continue
        if SENTENCE_BREAK.search(who.strip()):
            return None
        if only_punctuation(rest) or (not last and BEFORE.match(rest)):
            return who.strip(), "" if only_punctuation(rest) else rest
    if len(tail.strip()) > 160 or SENTENCE_BREAK.search(tail.strip()):
        return None  # „…“, sagte X. Er kündigte an, …: a sentence follows, not a quote
    return tail.strip(), ""


def parse_quotes(text: str):
    """[(quote text, who)] when the paragraph is nothing but quotes and attributions, else None."""
    parts = quote_segments(text)
    if len(parts) < 3:
        return None
    quotes, gaps = parts[1::2], parts[0::2]
    whos = [None] * len(quotes)
    joins = [False] * len(quotes)  # the quote continues the one before it
    if not only_punctuation(gaps[0]):
        if not (match := BEFORE.match(gaps[0].strip())):
            return None
        whos[0] = match.group("who") or match.group("who2")
    for index, gap in enumerate(gaps[1:]):
        last = index + 1 == len(quotes)
        rest = gap.strip()
        if found := split_after(rest, last):
            whos[index], rest = found
        elif not only_punctuation(rest) and (last or not BEFORE.match(rest)):
            return None
        if last:
            continue
        if only_punctuation(rest):
            joins[index + 1] = True
        else:
            before = BEFORE.match(rest)
            whos[index + 1] = before.group("who") or before.group("who2")
    return merge_quotes(quotes, whos, joins)


def merge_quotes(quotes, whos, joins):
    """Continuations take the speaker next to them and join the quote they continue."""
    for index in range(len(quotes)):
        if whos[index] is None and joins[index] and index:
            whos[index] = whos[index - 1]
    for index in reversed(range(len(quotes) - 1)):
        if whos[index] is None and joins[index + 1]:
            whos[index] = whos[index + 1]
    if None in whos:
        return None
    merged = []
    for quote, who, joined in zip(quotes, whos, joins, strict=True):
        if joined and merged and merged[-1][1] == who:
            before = merged[-1][0]
            if quote[:1].isupper() and not before.endswith((".", "!", "?", "…")):
                before += "."  # „Satz“, sagte X. „Nächster Satz.“ → "Satz. Nächster Satz."
            merged[-1] = (f"{before} {quote}", who)
        else:
            merged.append((quote, who))
    return merged
