"""Small text helpers shared by domains."""

import re
import unicodedata


def strip_accents(value: str) -> str:
    """ "Île-de-France" -> "Ile-de-France"."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(value: str, max_length: int = 200) -> str:
    """A lower-case ASCII key for URLs and matching: "Le Mené" -> "le-mene"."""
    ascii_text = strip_accents(value).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_length].strip("-")
