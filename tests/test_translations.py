"""French is the default language: every string in the code has a French translation."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def extracted_messages() -> list[str | tuple]:
    """Every translatable message in the Python code and templates, as babel.cfg says:
    a string, or a (singular, plural) pair."""
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return [
        message
        for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS
        )
    ]


def extracted_msgids() -> set[str]:
    """Every translatable string's id (the singular of a plural pair)."""
    return {m[0] if isinstance(m, tuple) else m for m in extracted_messages()}


def french_catalog():
    with open(ROOT / "portal/translations/fr/LC_MESSAGES/messages.po", "rb") as po:
        return read_po(po, locale="fr")


def test_every_string_has_a_french_translation():
    catalog = french_catalog()
    missing = sorted(
        msgid
        for msgid in extracted_msgids()
        if msgid not in catalog or not catalog[msgid].string or catalog[msgid].fuzzy
    )
    assert not missing, f"{len(missing)} strings lack a French translation: {missing[:20]}"


def test_french_translations_keep_their_placeholders():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    for message in french_catalog():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(placeholder.findall(ids[0]))
        for translated in strings:
            assert set(placeholder.findall(translated)) == expected, message.id


def test_no_string_is_both_a_plain_message_and_the_singular_of_a_plural():
    """The catalog keeps one entry per id: `_("Facilitator")` next to
    `ngettext("Facilitator", "Facilitators", n)` finds only the plural entry, and shows
    in English (found on the members page)."""
    messages = extracted_messages()
    singulars = {m[0] for m in messages if isinstance(m, tuple)}
    both = sorted({m for m in messages if isinstance(m, str)} & singulars)
    assert not both, f"use ngettext(singular, plural, 1) for these: {both}"
