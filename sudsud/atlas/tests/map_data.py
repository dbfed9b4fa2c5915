"""A small boundaries file for the map-file tests, shaped as ``make assets`` writes
``assets/vendor/world-50m.json``: square countries for the profile's world
(``profile_data.py``), Qatar small enough to be drawn as a point, and Morocco with
Western Sahara, apart and merged."""

import json
from pathlib import Path


def _square(x: int, y: int, side: int) -> dict[str, object]:
    return {
        "path": f"M{x} {y}l{side} 0 0 {side}-{side} 0z",
        "x": x + side / 2,
        "y": y + side / 2,
        "area": side * side,
    }


VIEWBOX = [0, 0, 960, 420]
COUNTRIES = {
    "250": _square(400, 60, 120),  # France, the largest
    "380": _square(540, 80, 60),  # Italy
    "384": _square(380, 260, 50),  # Côte d'Ivoire
    "266": _square(470, 280, 40),  # Gabon
    "634": {"path": "M700 200l1 0 0 1-1 0z", "x": 700.5, "y": 200.5, "area": 1},
    "686": _square(300, 240, 40),  # Senegal, the origin
    "152": _square(200, 300, 30),  # Chile: a suppressed value, "no data"
    "504": _square(300, 160, 30),  # Morocco
    "732": _square(300, 200, 20),  # Western Sahara
}
MERGED = {
    "504-732": {
        "path": "M300 160l30 0 0 30-30 0zM300 200l20 0 0 20-20 0z",
        "x": 315,
        "y": 175,
        "area": 1300,
    }
}


def write_boundaries(folder: Path) -> Path:
    path = folder / "world-test.json"
    data = {
        "projection": "Equal Earth",
        "viewbox": VIEWBOX,
        "countries": COUNTRIES,
        "merged": MERGED,
        "unassigned": "M10 10l5 0 0 5-5 0z",
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
