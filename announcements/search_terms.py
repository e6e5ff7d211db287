"""Search words from what a visitor typed: never a syntax error in any database's search.

SQLite's full-text search (FTS5) and PostgreSQL's tsquery give quotes, brackets, `*`, `:`, `^`,
`-` and the words AND, OR, NOT and NEAR a meaning of their own; an unmatched quote is a syntax
error. Both databases split text into words at such characters anyway, so the words a visitor
meant survive when every character that is not part of a word becomes a space.
"""

import re
import unicodedata

MAX_WORDS = 20
MAX_WORD_LENGTH = 50
NOT_A_WORD = re.compile(r"[\W_]+")


def search_words(text: str) -> str:
    """The words of `text`, lower case, joined by spaces; "" if there are none.

    At most MAX_WORDS words of at most MAX_WORD_LENGTH characters: no query grows with the input.
    """
    text = unicodedata.normalize("NFKC", text or "")
    words = NOT_A_WORD.sub(" ", text).lower().split()
    return " ".join(word[:MAX_WORD_LENGTH] for word in words[:MAX_WORDS])
