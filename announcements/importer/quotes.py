"""A paragraph that is one quote and its attribution → quote block (speaker and role)."""

import re

OPEN, CLOSE = '„"»“', '“"«”'
VERBS_DE = (
    r"erklärte|erklärt|betonte|betont|sagte|sagt|ergänzte|unterstrich|bekräftigte|"
    r"versicherte|meinte|fügte\s+hinzu|hob\s+hervor|kündigte\s+an|stellte\s+fest|so"
)
VERBS_EN = r"said|says|explained|stressed|added|emphasised|emphasized|noted"
ROLE_WORD = re.compile(
    r"(minister(in)?|sekretär(in)?|präsident(in)?|landrat|landrätin|bürgermeister(in)?|"
    r"sprecher(in)?|leiter(in)?|beauftragte[rn]?|direktor(in)?|vorsitzende[rn]?|chef(in)?|"
    r"minister|secretary|president|mayor|spokesperson|director|chair)$",
    re.I,
)
ARTICLES = {"der", "die", "das", "the"}
QUOTE_THEN_ATTRIBUTION = re.compile(
    rf"^[{OPEN}](?P<quote>[^{OPEN}{CLOSE}]{{3,}}?)[,.!?]?[{CLOSE}]\s*,?\s*"
    rf"(?P<verb>{VERBS_DE}|{VERBS_EN})\s+(?P<who>[^{OPEN}{CLOSE}]{{2,120}}?)\s*\.?$",
    re.I,
)
ATTRIBUTION_THEN_QUOTE = re.compile(
    rf"^(?P<who>[^{OPEN}{CLOSE}:]{{2,120}}?)\s+(?P<verb>{VERBS_DE}|{VERBS_EN})\s*:\s*"
    rf"[{OPEN}](?P<quote>[^{OPEN}{CLOSE}]{{3,}})[{CLOSE}]\s*\.?$",
    re.I,
)


def speaker_and_role(who: str) -> tuple[str, str]:
    words = who.replace(",", " ").split()
    role = []
    while words and (words[0].lower() in ARTICLES or ROLE_WORD.search(words[0])):
        role.append(words.pop(0))
    role_text = " ".join(word for word in role if word.lower() not in ARTICLES)
    if words:
        return " ".join(words), role_text
    spoken_of = " ".join(role) if role else who  # e.g. "die Ministerin"
    return spoken_of[:1].upper() + spoken_of[1:], ""


def parse_quote(text: str, language: str) -> dict | None:
    match = QUOTE_THEN_ATTRIBUTION.match(text) or ATTRIBUTION_THEN_QUOTE.match(text)
    if not match:
        return None
    speaker, role = speaker_and_role(match.group("who").strip())
    quote = match.group("quote").strip()
    return {"text": quote, "speaker": speaker[:200], "role": role[:200], "language": ""}
