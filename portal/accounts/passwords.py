"""Password rules: length, and zxcvbn's judgement of how guessable it is.

A password is refused when it is shorter than 12 or longer than 128 characters,
when zxcvbn scores it below 3, or when it is built only from the person's own
details (email, name), the portal's name and digits: zxcvbn may score
"maillage2026maillage" 3, but anyone who knows where it is used can guess it.
"""

from __future__ import annotations

import re
import threading

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_SCORE = 3

#: Words anyone targeting this portal would try first.
SITE_WORDS = ("maillage", "fabrique", "transitions", "transition", "alliance", "territoires")

# zxcvbn's English warnings, mapped to our catalog so the person reads them in their language.
FEEDBACK = {
    "This is a top-10 common password.": _l("This is one of the 10 most common passwords."),
    "This is a top-100 common password.": _l("This is one of the 100 most common passwords."),
    "This is a very common password.": _l("This is a very common password."),
    "This is similar to a commonly used password.": _l(
        "This is similar to a commonly used password."
    ),
    "A word by itself is easy to guess.": _l("A word by itself is easy to guess."),
    "Names and surnames by themselves are easy to guess.": _l(
        "Names and surnames by themselves are easy to guess."
    ),
    "Common names and surnames are easy to guess.": _l(
        "Common names and surnames are easy to guess."
    ),
    "Straight rows of keys are easy to guess.": _l("Straight rows of keys are easy to guess."),
    "Short keyboard patterns are easy to guess.": _l("Short keyboard patterns are easy to guess."),
    'Repeats like "aaa" are easy to guess.': _l('Repeats like "aaa" are easy to guess.'),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': _l(
        'Repeats like "abcabcabc" are only slightly harder to guess than "abc".'
    ),
    'Sequences like "abc" or "6543" are easy to guess.': _l(
        'Sequences like "abc" or "6543" are easy to guess.'
    ),
    "Recent years are easy to guess.": _l("Recent years are easy to guess."),
    "Dates are often easy to guess.": _l("Dates are often easy to guess."),
}
TOO_SHORT = _l("Use at least %(min)d characters.", min=MIN_LENGTH)
TOO_LONG = _l("Use at most %(max)d characters.", max=MAX_LENGTH)
TOO_GUESSABLE = _l(
    "This password is too easy to guess. Try a few unrelated words or a longer phrase."
)
TOO_PERSONAL = _l(
    "This password is built from your name, your email address or the portal's name: "
    "it is easy to guess."
)

# zxcvbn keeps the user inputs in a module-level dictionary during a call: one call at a time.
_ZXCVBN_LOCK = threading.Lock()
# Matches that add nothing once an attacker knows who you are: dates, years, sequences.
_FILLER_PATTERNS = {"date", "regex", "sequence"}


def hash_password(password: str) -> str:
    """The scrypt hash stored in `User.password_hash`."""
    return generate_password_hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; an erased account (no hash) never matches."""
    if not password_hash or not password or len(password) > MAX_LENGTH:
        return False
    return check_password_hash(password_hash, password)


def personal_words(*details: str | None) -> list[str]:
    """The portal's words and the pieces of the given details (email, name), lower-cased."""
    words = set(SITE_WORDS)
    for detail in details:
        if not detail:
            continue
        detail = detail.strip().lower()
        words.add(detail)
        local, _at, domain = detail.partition("@")
        words.update({local, domain, domain.split(".")[0]})
        words.update(re.split(r"[\s._+@-]+", detail))
    return sorted(word for word in words if len(word) >= 3)


def _is_word(match: dict, words: set[str]) -> bool:
    """Whether a zxcvbn match is one of the personal or portal words."""
    if match["pattern"] == "repeat":
        return all(_is_word(base, words) for base in match["base_matches"])
    return match["pattern"] == "dictionary" and (
        match["dictionary_name"] == "user_inputs" or match["matched_word"] in words
    )


def _is_filler(match: dict, words: set[str]) -> bool:
    """Whether a zxcvbn match is a personal word or carries no word of its own."""
    if _is_word(match, words):
        return True
    if match["pattern"] == "repeat":
        return all(_is_filler(base, words) for base in match["base_matches"])
    if match["pattern"] == "bruteforce":
        return not any(c.isalpha() for c in match["token"])
    return match["pattern"] in _FILLER_PATTERNS


def password_problem(password: str, *details: str | None):
    """Why `password` is refused (a translatable message), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    words = personal_words(*details)
    with _ZXCVBN_LOCK:
        result = zxcvbn(password, user_inputs=words, max_length=MAX_LENGTH)
    word_set = set(words)
    sequence = result["sequence"]
    if any(_is_word(m, word_set) for m in sequence) and all(
        _is_filler(m, word_set) for m in sequence
    ):
        return TOO_PERSONAL
    if result["score"] < MIN_SCORE:
        warning = result["feedback"].get("warning") or ""
        return FEEDBACK.get(warning, TOO_GUESSABLE)
    return None
