"""French-aware text folding for the search index: one function for documents and queries.

Lower case, accents folded, a light plural rule ("énergies" -> "energie",
"chevaux" -> "cheval", "bateaux" -> "bateau"). SQLite's FTS5 index stores this
folded text; PostgreSQL stems with its own French configuration, but the
snippets of both databases highlight words through `fold_word`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: A word: letters and digits (after folding, so "l'été" gives "l" and "ete").
WORD = re.compile(r"[^\W_]+")
#: Characters a query keeps: longer queries are cut, with a message.
MAX_QUERY_LENGTH = 200
#: Words a query keeps: more would only slow the search down.
MAX_QUERY_WORDS = 16


def fold(text: str) -> str:
    """Lower case without accents, ligatures or compatibility forms ("Œuvre" -> "oeuvre")."""
    text = text.replace("\x00", " ").replace("œ", "oe").replace("Œ", "oe")
    text = text.replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """A light French plural rule on an already folded word."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word[-1] in "sx":
        return word[:-1]
    return word


@lru_cache(maxsize=65_536)
def fold_word(word: str) -> str:
    """The index form of one word of the original text.

    Remembered: a result page folds every word of its snippets' texts, and words repeat
    (found by bench/load.py: a fifth of /search's time went to folding the same words).
    """
    return stem(fold(word))


def tokens(text: str) -> list[str]:
    """The index forms of every word of `text`, in order."""
    return [stem(w) for w in WORD.findall(fold(text or ""))]


def normalise(text: str) -> str:
    """The folded text FTS5 indexes: index forms separated by spaces."""
    return " ".join(tokens(text))


def query_tokens(query: str) -> list[str]:
    """The distinct index forms of a (length-capped) query, in order."""
    seen: list[str] = []
    for token in tokens(query[:MAX_QUERY_LENGTH]):
        if token not in seen:
            seen.append(token)
    return seen[:MAX_QUERY_WORDS]


def fts5_match(query_words: list[str]) -> str:
    """An FTS5 MATCH expression: every word quoted, so no operator survives (implicit AND)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in query_words)


def fts5_title_match(query_words: list[str]) -> str:
    """The same words, each required in the title column."""
    return " AND ".join("title_norm : " + fts5_match([w]) for w in query_words)
