"""The shared input filters."""

from portal.core.forms import normalize_email, strip


def test_strip_trims_and_drops_nul_characters():
    assert strip("  Le Mené\x00 ") == "Le Mené"
    assert strip(None) is None


def test_normalize_email_lowercases_and_strips():
    assert normalize_email("  Alice@Example.ORG\x00") == "alice@example.org"
