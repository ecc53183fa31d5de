"""The map of allies: France's 18 regions, overseas ones in insets, coloured by count.

Drawn on the server from static/vendor/svg-maps/regions.json (CC BY 4.0, see its
ATTRIBUTION.md). Each region is a link to the directory filtered on it, named by its figure
("Bretagne: 12 allies"); the figure is also written on the region, and the page gives the
same figures in a table. Presentation attributes only (CSP); the directory and the yearly
report share `allies_map`.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from portal.alliance.constants import REGIONS

MAP_FILE = Path("vendor", "svg-maps", "regions.json")
#: Light to dark: more allies, darker. The figure is written on every region, so the
#: colour never carries the count alone; borders are 7:1 on white, so even the palest
#: region stands out from the background.
CLASS_COLOURS = ("#f4f6f5", "#c7e6d2", "#7fbf99", "#2f8a5a", "#1a5c3a")
BORDER = "#4a5858"
TEXT = "#1e2a2a"
HALO = "#ffffff"
INSET_TOP = 600
INSET_STEP = 122


@cache
def _geometry(path: str) -> dict:
    """The regions' paths, read once per process."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def geometry() -> dict:
    """The map data of the application's static folder."""
    return _geometry(str(Path(current_app.static_folder, MAP_FILE)))


def classes(counts: dict[str, int]) -> list[tuple[int, int]]:
    """(low, high) bounds of the colour classes: "none", then up to four equal steps."""
    top = max(counts.values(), default=0)
    step = max(1, math.ceil(top / 4))
    steps = [(low, min(low + step - 1, top)) for low in range(1, top + 1, step)]
    return [(0, 0), *steps]


def class_label(low: int, high: int) -> str:
    """ "No ally", "3 allies", "1–4 allies"."""
    if high == 0:
        return _("No ally")
    if low == high:
        return ngettext("%(num)d ally", "%(num)d allies", low)
    return _("%(low)d–%(high)d allies", low=low, high=high)


def _colour(count: int | None, bounds: list[tuple[int, int]]) -> str:
    """The colour of the class holding `count` (a masked count: the first non-empty one)."""
    if count is None:
        return CLASS_COLOURS[1]
    index = next((i for i, (_low, high) in enumerate(bounds) if count <= high), 0)
    return CLASS_COLOURS[index]


def _label(x: float, y: float, content: str, size: int = 14, anchor: str = "middle") -> str:
    """A figure written on the map, dark on a white halo (legible on every class colour)."""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="bold" fill="{TEXT}" '
        f'stroke="{HALO}" stroke-width="3" paint-order="stroke" text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def _region(
    key: str, count: int | None, colour: str, shape: str, label: tuple, current: bool, args: dict
) -> str:
    """One region: a link to the directory on it, its shape and its figure (None: a count
    from 1 to 4 that a report masks, written "<5")."""
    if count is None:
        name = _("%(region)s: fewer than 5 allies", region=REGIONS[key])
    else:
        name = ngettext(
            "%(region)s: %(num)d ally", "%(region)s: %(num)d allies", count, region=REGIONS[key]
        )
    href = url_for("alliance.directory", **{**args, "region": key})
    return (
        f'<a href="{escape(href)}" aria-label="{escape(name)}"'
        + (' aria-current="true"' if current else "")
        + f'><path d="{shape}" fill="{colour}" stroke="{BORDER}" stroke-width="0.8"/>'
        + _label(label[0], label[1] + 5, "<5" if count is None else str(count))
        + "</a>"
    )


def _legend(bounds: list[tuple[int, int]]) -> str:
    """The classes' swatches, in the empty sea at the top left (hidden from screen readers,
    who get every figure from the links' names and the table)."""
    parts = ['<g aria-hidden="true">', _label(8, 18, _("Allies"), 15, "start")]
    for index, (low, high) in enumerate(bounds):
        y = 30 + index * 24
        parts.append(
            f'<rect x="8" y="{y}" width="18" height="18" fill="{CLASS_COLOURS[index]}" '
            f'stroke="{BORDER}" stroke-width="1"/>'
            f'<text x="32" y="{y + 14}" font-size="14" fill="{TEXT}">'
            f"{escape(class_label(low, high))}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def allies_map(
    counts: dict[str, int | None],
    *,
    map_id: str = "allies-map",
    current: str | None = None,
    args: dict | None = None,
) -> Markup:
    """The map for {region key: allies}; missing regions count 0, None is a masked count
    ("fewer than 5", as a published report gives it); `current` is marked; links keep
    the directory's other filters `args` (search, kind)."""
    args = {k: v for k, v in (args or {}).items() if k != "region"}
    data = geometry()
    counts = {
        key: None if key in counts and counts[key] is None else int(counts.get(key) or 0)
        for key in REGIONS
    }
    bounds = classes({key: count or 0 for key, count in counts.items()})
    inset = data["inset"]
    width, height = data["viewBox"][2], INSET_TOP + inset + 48
    title = _("Map of the allies by region")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="allies-map" id="{escape(map_id)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{escape(map_id)}-title">',
        f'<title id="{escape(map_id)}-title">{escape(title)}</title>',
        _legend(bounds),
    ]
    for key, shape in data["regions"].items():
        count = counts[key]
        parts.append(
            _region(
                key, count, _colour(count, bounds), shape, data["labels"][key], key == current, args
            )
        )
    for index, (key, shape) in enumerate(data["overseas"].items()):
        x = 8 + index * INSET_STEP
        count = counts[key]
        parts.append(
            f'<g transform="translate({x},{INSET_TOP})">'
            f'<rect width="{inset}" height="{inset}" fill="none" stroke="{BORDER}" '
            f'stroke-width="0.8" stroke-dasharray="4 3"/>'
            + _region(
                key,
                count,
                _colour(count, bounds),
                shape,
                (inset / 2, inset / 2),
                key == current,
                args,
            )
            + f'<text x="{inset / 2}" y="{inset + 18}" font-size="13" fill="{TEXT}" '
            f'text-anchor="middle" aria-hidden="true">{escape(REGIONS[key])}</text></g>'
        )
    parts.append(
        f'<text x="{width - 4}" y="{height - 6}" font-size="11" fill="{TEXT}" '
        f'text-anchor="end">{escape(_("Map: svg-maps / MapSVG, CC BY 4.0"))}</text></svg>'
    )
    return Markup("".join(parts))  # noqa: S704 - names and labels are escaped, paths are ours
