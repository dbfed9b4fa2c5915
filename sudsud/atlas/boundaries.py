"""Country boundaries for the atlas maps: built once at setup, read at run time.

``scripts/build_boundaries.py`` (run by ``make assets``) reads Natural Earth's 1:50m
countries from the npm package ``world-atlas`` (TopoJSON, feature id = ISO numeric,
which equals the M49 code) and writes ``assets/vendor/world-50m.json``: per country
an SVG path in the Equal Earth projection (equal-area, so a country's ink matches its
land area) on a 960-pixel-wide plane, simplified (points closer than 0.3 px to the
last kept point are dropped, arc by arc, so shared borders stay shared), rounded to
one decimal, with a label point and an area in square pixels (small states are drawn
as points). Rings that cross the 180th meridian are cut there, or they would jump
across the plane and paint a band over the map.

Features without an M49 code of their own are drawn as the UN statistics count them:
Somaliland within Somalia, Northern Cyprus within Cyprus, Kosovo within Serbia (UN DESA
reports Serbia "including Kosovo"), Australia's Indian Ocean territories within
Australia. Siachen Glacier is drawn as an unassigned area. Antarctica is left out.

Western Sahara (732) is drawn apart from Morocco (504), as UN DESA reports it; the
file also holds the two merged, used when the deployment's documented setting
``SUDSUD_DISPUTED_BOUNDARIES`` is ``merge-504-732`` (see docs/configuration.md).
"""

import functools
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WIDTH = 960
TOLERANCE = 0.3  # px
ANTARCTICA = 10
ATTACHED_BY_NAME = {
    "Somaliland": 706,
    "N. Cyprus": 196,
    "Kosovo": 688,
    "Indian Ocean Ter.": 36,
}
MERGED_DISPUTED = "merge-504-732"
DISPUTED_CHOICES = ("un", MERGED_DISPUTED)
MOROCCO, WESTERN_SAHARA = 504, 732

Point = tuple[float, float]

# Equal Earth (Šavrič, Patterson & Jenny, 2018).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_X_MAX = math.pi / (_M * _A1)
SCALE = WIDTH / (2 * _X_MAX)


def equal_earth(lon: float, lat: float) -> Point:
    """Longitude and latitude in degrees → pixels (y down, origin top-left)."""
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2, t6 = theta * theta, theta**6
    x = math.radians(lon) * math.cos(theta)
    x /= _M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return (x + _X_MAX) * SCALE, (1.3173627 - y) * SCALE


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The topology's arcs as longitude/latitude: positions are delta-encoded
    integers when the topology is quantised (it has a ``transform``)."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for position in arc:
            x, y = x + position[0], y + position[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float = TOLERANCE) -> list[Point]:
    """Drop points closer than ``tolerance`` to the last kept one; keep both ends."""
    kept = [points[0]]
    for point in points[1:-1]:
        last = kept[-1]
        if math.hypot(point[0] - last[0], point[1] - last[1]) >= tolerance:
            kept.append(point)
    kept.append(points[-1])
    return kept


def project_arcs(arcs: list[list[Point]]) -> list[list[Point]]:
    return [simplify([equal_earth(lon, lat) for lon, lat in arc]) for arc in arcs]


def _arc(arcs: list[list[Point]], index: int) -> list[Point]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in ring:
        part = _arc(arcs, index)
        points.extend(part if not points else part[1:])
    return points


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def merged_rings(
    polygons: list[list[list[int]]], arcs: list[list[Point]]
) -> list[list[Point]]:
    """Rings of the union of ``polygons``: an arc used by two of them is an inner
    border and is dropped, the others are stitched end to end."""
    used = [index for polygon in polygons for ring in polygon for index in ring]
    count = Counter(i if i >= 0 else ~i for i in used)
    outer = [i for i in used if count[i if i >= 0 else ~i] == 1]
    return [ring_points(ring, arcs) for ring in stitch_with(outer, arcs)]


def plain_rings(
    polygons: list[list[list[int]]], arcs: list[list[Point]]
) -> list[list[Point]]:
    return [ring_points(ring, arcs) for polygon in polygons for ring in polygon]


def stitch_with(indexes: list[int], arcs: list[list[Point]]) -> list[list[int]]:
    """Chain directed arcs whose end is another's start into closed rings."""
    by_start: dict[Point, list[int]] = {}
    for index in indexes:
        by_start.setdefault(_arc(arcs, index)[0], []).append(index)
    rings, remaining = [], set(indexes)
    for first in indexes:
        if first not in remaining:
            continue
        ring, current = [first], first
        remaining.discard(first)
        while True:
            end = _arc(arcs, current)[-1]
            following = [i for i in by_start.get(end, []) if i in remaining]
            if not following:
                break
            current = following[0]
            remaining.discard(current)
            ring.append(current)
        rings.append(ring)
    return rings


def signed_area(points: list[Point]) -> float:
    return (
        sum(
            x0 * y1 - x1 * y0
            for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
        )
        / 2
    )


def centroid(points: list[Point]) -> Point:
    area = signed_area(points)
    if abs(area) < 1e-9:
        return points[0]
    pairs = zip(points, points[1:] + points[:1], strict=True)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairs:
        cross = x0 * y1 - x1 * y0
        cx, cy = cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def path_data(rings: list[list[Point]]) -> str:
    """An SVG path in tenths of a pixel: absolute move, then relative lines."""
    parts = []
    for ring in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
        steps = [
            (x1 - x0, y1 - y0)
            for (x0, y0), (x1, y1) in itertools.pairwise(tenths)
            if (x1, y1) != (x0, y0)
        ]
        if len(steps) < 2:
            continue
        parts.append(f"M{_n(tenths[0][0])} {_n(tenths[0][1])}l")
        parts.append(" ".join(f"{_n(dx)} {_n(dy)}" for dx, dy in steps) + "z")
    # A minus sign separates numbers on its own. (A leading decimal point does so
    # only after a number that already has one: "3 .4" must not become "3.4".)
    return "".join(parts).replace(" -", "-")


# The SVG path grammar's tokens: a command letter, or a number ("-1.5", ".5", "3").
PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def path_rings(data: str) -> list[list[Point]]:
    """The rings of a path as points again: the reverse of ``path_data`` (moves and
    lines, absolute or relative, ``z`` closing), for drawing without SVG. An
    unpaired trailing number is dropped, as a browser stops at it."""
    rings: list[list[Point]] = []
    command, pending, pen = "", None, (0.0, 0.0)
    for part in PATH_TOKEN.findall(data):
        if part.isalpha():
            command, pending = part, None
            if part in "zZ" and rings:
                pen = rings[-1][0]  # the pen goes back to the ring's start
        elif pending is None:
            pending = float(part)
        else:
            command, pen = _path_step(rings, command, pen, (pending, float(part)))
            pending = None
    return [ring for ring in rings if len(ring) >= 3]


def _path_step(
    rings: list[list[Point]], command: str, pen: Point, pair: Point
) -> tuple[str, Point]:
    """Apply one coordinate pair: the command for the next pair (after a move,
    further pairs are lines, as in SVG) and where the pen is."""
    point = pair if command.isupper() else (pen[0] + pair[0], pen[1] + pair[1])
    if command in ("m", "M"):
        rings.append([point])
        return ("L" if command == "M" else "l"), point
    if command in ("l", "L") and rings:
        rings[-1].append(point)
        return command, point
    return command, pen


def _n(tenths: int) -> str:
    """Tenths as the shortest SVG number: 5 → ".5", -12 → "-1.2", 30 → "3"."""
    text = f"{tenths / 10:.1f}".removesuffix(".0")
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def split_at_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """A projected ring that crosses the 180th meridian jumps across the whole map
    and, drawn as is, paints a band over the world (Russia's Chukotka, a Fiji
    island). Cut it at each jump into chains, each closed along the map's edge."""
    jumps = [
        i for i in range(len(ring)) if abs(ring[i][0] - ring[i - 1][0]) > WIDTH / 2
    ]
    if not jumps:
        return [ring]
    rotated = ring[jumps[0] :] + ring[: jumps[0]]
    chains = [[rotated[0]]]
    for previous, point in itertools.pairwise(rotated):
        if abs(point[0] - previous[0]) > WIDTH / 2:
            chains.append([])
        chains[-1].append(point)
    return chains


def shape_record(rings: list[list[Point]]) -> dict[str, Any]:
    """Path, label point (the largest ring's centroid) and area in px²."""
    rings = [
        piece
        for ring in rings
        for piece in split_at_antimeridian(ring)
        if len(piece) >= 3
    ]
    if not rings:
        return {}
    largest = max(rings, key=lambda ring: abs(signed_area(ring)))
    x, y = centroid(largest)
    area = abs(sum(signed_area(ring) for ring in rings))
    return {
        "path": path_data(rings),
        "x": round(x, 1),
        "y": round(y, 1),
        "area": round(area, 1),
    }


def feature_code(geometry: dict[str, Any]) -> int | None:
    """The feature's M49 code, or the code of the country the UN counts it in."""
    identifier = str(geometry.get("id") or "")
    if identifier.isdigit():
        return int(identifier)
    return ATTACHED_BY_NAME.get((geometry.get("properties") or {}).get("name", ""))


def _grouped_polygons(
    geometries: list[dict[str, Any]],
) -> dict[int | None, list[list[list[list[int]]]]]:
    grouped: dict[int | None, list[list[list[list[int]]]]] = {}
    for geometry in geometries:
        code = feature_code(geometry)
        if code != ANTARCTICA:
            grouped.setdefault(code, []).append(polygons_of(geometry))
    return grouped


def _union(
    parts: list[list[list[list[int]]]], arcs: list[list[Point]]
) -> dict[str, Any]:
    polygons = [polygon for part in parts for polygon in part]
    if len(parts) > 1:
        return shape_record(merged_rings(polygons, arcs))
    return shape_record(plain_rings(polygons, arcs))


def boundaries_build(topology: dict[str, Any]) -> dict[str, Any]:
    """The boundaries file's content from a TopoJSON topology with ``countries``."""
    arcs = project_arcs(decode_arcs(topology))
    grouped = _grouped_polygons(topology["objects"]["countries"]["geometries"])
    unassigned = grouped.pop(None, [])
    countries = {str(code): _union(parts, arcs) for code, parts in grouped.items()}
    merged = {}
    if MOROCCO in grouped and WESTERN_SAHARA in grouped:
        both = grouped[MOROCCO] + grouped[WESTERN_SAHARA]
        merged[f"{MOROCCO}-{WESTERN_SAHARA}"] = _union(both, arcs)
    top, bottom = equal_earth(0, 84)[1], equal_earth(0, -58)[1]
    return {
        "projection": "Equal Earth",
        "source": "Natural Earth 1:50m via npm world-atlas 2 (ISC)",
        "viewbox": [0, math.floor(top), WIDTH, math.ceil(bottom - top)],
        "countries": {code: shape for code, shape in countries.items() if shape},
        "merged": merged,
        "unassigned": _union(unassigned, arcs).get("path", "") if unassigned else "",
    }


# --- At run time ---------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """One drawn shape; ``codes`` has two codes when the setting merges them."""

    codes: tuple[int, ...]
    path: str
    x: float
    y: float
    area: float


@dataclass(frozen=True)
class WorldShapes:
    viewbox: tuple[int, int, int, int]
    shapes: tuple[Shape, ...]
    unassigned: str
    disputed: str


def boundaries_path() -> Path:
    from django.conf import settings

    return Path(settings.BASE_DIR) / "assets" / "vendor" / "world-50m.json"


def boundaries_load(path: Path | None = None) -> WorldShapes | None:
    """The prepared boundaries with the deployment's disputed-areas choice applied,
    or ``None`` when ``make assets`` has not built them."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    path = path or boundaries_path()
    disputed = settings.SUDSUD_DISPUTED_BOUNDARIES
    if disputed not in DISPUTED_CHOICES:
        raise ImproperlyConfigured(
            f"SUDSUD_DISPUTED_BOUNDARIES must be one of {DISPUTED_CHOICES}"
        )
    if not path.is_file():
        return None
    return _load(str(path), path.stat().st_mtime_ns, disputed)


def _shape(codes: tuple[int, ...], record: dict[str, Any]) -> Shape:
    return Shape(codes, record["path"], record["x"], record["y"], record["area"])


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, disputed: str) -> WorldShapes:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records = {int(code): record for code, record in data["countries"].items()}
    shapes = {code: _shape((code,), record) for code, record in records.items()}
    merged = data.get("merged", {}).get(f"{MOROCCO}-{WESTERN_SAHARA}")
    if disputed == MERGED_DISPUTED and merged:
        shapes.pop(WESTERN_SAHARA, None)
        shapes[MOROCCO] = _shape((MOROCCO, WESTERN_SAHARA), merged)
    ordered = tuple(sorted(shapes.values(), key=lambda shape: -shape.area))
    viewbox = tuple(int(v) for v in data["viewbox"])
    return WorldShapes(viewbox, ordered, data.get("unassigned", ""), disputed)  # type: ignore[arg-type]
