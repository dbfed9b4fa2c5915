"""Export a catalogue's untranslated or fuzzy strings to JSON for a translator.

    python scripts/po_todo.py ar > todo-ar.json

Each item: msgid, msgid_plural (or null), the source references, and the number of
plural forms the language needs. Give the file back with ``msgstr`` (a string) or
``msgstr_plural`` (a list, one per form) filled in, and apply it with po_apply.py.
"""

import json
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(language: str) -> None:
    catalogue = polib.pofile(
        str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
    )
    match = re.search(r"nplurals=(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    forms = int(match.group(1)) if match else 2
    todo = [
        {
            "msgid": entry.msgid,
            "msgid_plural": entry.msgid_plural or None,
            "msgctxt": entry.msgctxt,
            "where": [f"{path}:{line}" for path, line in entry.occurrences][:2],
            "plural_forms": forms if entry.msgid_plural else None,
        }
        for entry in catalogue
        if not entry.translated() or "fuzzy" in entry.flags
    ]
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
