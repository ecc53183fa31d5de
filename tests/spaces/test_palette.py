"""Cover colours keep white text readable (WCAG AA) and each has its CSS class."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.spaces.constants import COVER_PALETTE, DEFAULT_COVER

CSS = (Path(__file__).resolve().parents[2] / "static/css/portal.css").read_text()


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", sorted(COVER_PALETTE))
def test_white_text_on_each_cover_colour_meets_aa(colour):
    contrast = 1.05 / (luminance(colour) + 0.05)
    assert contrast >= 4.5, f"{colour}: {contrast:.2f}:1"


@pytest.mark.parametrize(("colour", "key"), [(c, k) for c, (k, _label) in COVER_PALETTE.items()])
def test_each_cover_colour_has_its_css_class(colour, key):
    assert f".cover-{key} {{ background: {colour}; }}" in CSS


def test_the_default_cover_is_in_the_palette():
    assert DEFAULT_COVER in COVER_PALETTE
