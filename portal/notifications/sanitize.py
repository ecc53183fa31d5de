"""Header values that cannot inject headers, and recipient addresses that are valid.

A subject is often built from what members typed (a thread title, a name). A CR or
LF in it could start a new header ("Bcc: …"), so every header value is flattened to
one printable line before it reaches the message.
"""

from __future__ import annotations

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email

#: Longest subject kept; longer ones are cut with an ellipsis.
SUBJECT_MAX = 250
#: Longest value of another header we add (a List-Unsubscribe URL is about 150).
HEADER_MAX = 900

_SPACES = re.compile(r"\s+")


def _is_control(char: str) -> bool:
    """C0/C1 controls, and the Unicode line and paragraph separators."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def clean_header(value, limit: int = HEADER_MAX) -> str:
    """`value` as one line: controls (CR, LF, TAB, NUL…) become spaces, runs of spaces
    collapse, and a value longer than `limit` is cut with "…"."""
    text = "".join(" " if _is_control(char) else char for char in str(value))
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def clean_subject(subject) -> str:
    """A subject safe to send: one line, at most SUBJECT_MAX characters."""
    return clean_header(subject, SUBJECT_MAX)


def clean_headers(headers: dict | None) -> dict:
    """Extra headers with names and values cleaned; names must be plain header tokens."""
    cleaned = {}
    for name, value in (headers or {}).items():
        name = clean_header(name, 76)
        if re.fullmatch(r"[A-Za-z0-9-]+", name):
            cleaned[name] = clean_header(value)
    return cleaned


def normalise_address(address) -> str | None:
    """The normalised form of a valid address (domain lower-cased), or None."""
    if not isinstance(address, str) or len(address) > 254:
        return None
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None
