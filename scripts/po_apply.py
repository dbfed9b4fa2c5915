"""Apply a translator's JSON (see po_todo.py) to a catalogue, then report what is left.

python scripts/po_apply.py ar done-ar.json
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(language: str, path: str) -> None:
    po_path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    applied = 0
    for item in json.loads(Path(path).read_text(encoding="utf-8")):
        entry = catalogue.find(item["msgid"], msgctxt=item.get("msgctxt") or False)
        if entry is None:
            continue
        if entry.msgid_plural and item.get("msgstr_plural"):
            entry.msgstr_plural = dict(enumerate(item["msgstr_plural"]))
        elif not entry.msgid_plural and item.get("msgstr"):
            entry.msgstr = item["msgstr"]
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        applied += 1
    catalogue.save()
    left = len(catalogue.untranslated_entries()) + len(catalogue.fuzzy_entries())
    print(f"{language}: applied {applied}, still to translate {left}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
