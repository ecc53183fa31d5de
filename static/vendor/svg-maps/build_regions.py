"""Build regions.json (France's 18 regions) from the vendored @svg-maps packages.

Run once when the packages change, with shapely installed (a build tool, not a dependency
of the portal): `python static/vendor/svg-maps/build_regions.py`. The metropolitan regions
are the union of their departments (france.departments); the five overseas regions come
from the world map, each normalised into its own inset box.
"""

import json
import re
from pathlib import Path

from shapely import Polygon, unary_union

HERE = Path(__file__).parent
INSET = 100  # an overseas region is drawn in a box this wide and high

DEPARTMENTS = {
    "auvergne-rhone-alpes": "01 03 07 15 26 38 42 43 63 69 73 74",
    "bourgogne-franche-comte": "21 25 39 58 70 71 89 90",
    "bretagne": "22 29 35 56",
    "centre-val-de-loire": "18 28 36 37 41 45",
    "corse": "2A 2B",
    "grand-est": "08 10 51 52 54 55 57 67 68 88",
    "hauts-de-france": "02 59 60 62 80",
    "ile-de-france": "75 77 78 91 92 93 94 95",
    "normandie": "14 27 50 61 76",
    "nouvelle-aquitaine": "16 17 19 23 24 33 40 47 64 79 86 87",
    "occitanie": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "pays-de-la-loire": "44 49 53 72 85",
    "provence-alpes-cote-d-azur": "04 05 06 13 83 84",
}
OVERSEAS = {
    "guadeloupe": "gp",
    "martinique": "mq",
    "guyane": "gf",
    "la-reunion": "re",
    "mayotte": "yt",
}


def locations(package: str) -> dict[str, str]:
    """Location id -> path data of one package's index.js."""
    text = (HERE / package / "index.js").read_text()
    data = json.loads(text.removeprefix("export default ").rstrip().rstrip(";"))
    return {location["id"]: location["path"] for location in data["locations"]}


def polygons(path: str) -> list[Polygon]:
    """The rings of a path made of `m x,y dx,dy ... z` (relative moves, implicit lines)."""
    rings, start = [], (0.0, 0.0)
    for sub in re.findall(r"[mM][^mM]*", path):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", sub)]
        pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
        x, y = start[0] + pairs[0][0], start[1] + pairs[0][1]
        ring = [(x, y)]
        for dx, dy in pairs[1:]:
            x, y = x + dx, y + dy
            ring.append((x, y))
        start = ring[0]
        rings.append(Polygon(ring).buffer(0))
    return rings


def to_path(shape, scale: float = 1, dx: float = 0, dy: float = 0) -> str:
    """Absolute path data, one decimal."""
    parts = []
    for polygon in getattr(shape, "geoms", [shape]):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [f"{(x - dx) * scale:.1f},{(y - dy) * scale:.1f}" for x, y in ring.coords]
            parts.append("M" + "L".join(points[:-1]) + "Z")
    return "".join(parts)


def main() -> None:
    departments = locations("france.departments")
    regions, labels = {}, {}
    for key, codes in DEPARTMENTS.items():
        shapes = [p for code in codes.split() for p in polygons(departments[code])]
        # Close the slivers left by rounding between neighbouring departments.
        shape = unary_union([s.buffer(0.3) for s in shapes]).buffer(-0.3).simplify(0.2)
        regions[key] = to_path(shape)
        point = shape.representative_point()
        labels[key] = [round(point.x, 1), round(point.y, 1)]
    world = locations("world")
    overseas = {}
    for key, code in OVERSEAS.items():
        shape = unary_union(polygons(world[code]))
        x0, y0, x1, y1 = shape.bounds
        scale = (INSET - 16) / max(x1 - x0, y1 - y0)
        offset_x = (INSET - (x1 - x0) * scale) / 2
        offset_y = (INSET - (y1 - y0) * scale) / 2
        shape = shape.simplify(0.01)
        path = to_path(shape, scale, x0 - offset_x / scale, y0 - offset_y / scale)
        overseas[key] = path
    out = {
        "viewBox": [0, 0, 613, 585],
        "inset": INSET,
        "regions": regions,
        "labels": labels,
        "overseas": overseas,
    }
    (HERE / "regions.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
