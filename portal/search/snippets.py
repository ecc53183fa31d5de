"""Result snippets: an excerpt of the original text with the matching words in <mark>.

One function for both databases: FTS5's snippet() would show the folded text, and
ts_headline's French stems do not match the folded words the page explains.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from portal.search.text import WORD, fold_word

#: Characters of context shown around the first match.
SNIPPET_LENGTH = 240


def _matches(text: str, wanted: set[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` whose index form is wanted."""
    return [(m.start(), m.end()) for m in WORD.finditer(text) if fold_word(m.group()) in wanted]


def _window(text: str, first: int, length: int) -> tuple[int, int]:
    """A window of about `length` characters starting a little before `first`, on word edges."""
    start = max(0, first - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return start, end


def highlight(text: str, words: list[str], length: int | None = None) -> Markup:
    """`text` escaped, cut to about `length` characters around the first match, matches marked."""
    text = " ".join((text or "").split())
    wanted = set(words)
    found = _matches(text, wanted)
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        start, end = _window(text, found[0][0] if found else 0, length)
    parts: list[str] = ["… " if start else ""]
    cursor = start
    for begin, finish in found:
        if begin < start or finish > end:
            continue
        parts.append(str(escape(text[cursor:begin])))
        parts.append(f"<mark>{escape(text[begin:finish])}</mark>")
        cursor = finish
    parts.append(str(escape(text[cursor:end])))
    if end < len(text):
        parts.append(" …")
    return Markup("".join(parts))  # noqa: S704 - every piece above is escaped


def snippet(text: str, words: list[str]) -> Markup:
    """An excerpt of a document's body for a result list."""
    return highlight(text, words, SNIPPET_LENGTH)
