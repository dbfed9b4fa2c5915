"""Build ``assets/vendor/world-50m.json`` (country shapes for the atlas maps) from the
npm package ``world-atlas``: run by ``make assets`` after ``npm ci``.

Usage: python scripts/build_boundaries.py [SOURCE.json] [TARGET.json]
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sudsud.atlas.boundaries import boundaries_build  # noqa: E402

SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
TARGET = ROOT / "assets" / "vendor" / "world-50m.json"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    target = Path(argv[2]) if len(argv) > 2 else TARGET
    if not source.is_file():
        print(f"{source} is missing: run `npm ci` first", file=sys.stderr)
        return 1
    built = boundaries_build(json.loads(source.read_text(encoding="utf-8")))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(built, separators=(",", ":")), encoding="utf-8")
    size = target.stat().st_size // 1024
    print(f"{target}: {len(built['countries'])} countries, {size} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
