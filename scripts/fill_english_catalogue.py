"""Our source strings are English, so the English catalogue is the identity: fill each
empty msgstr with its msgid, so the catalogue is complete and no string falls back
by accident when a msgid changes."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
path = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
catalogue = polib.pofile(str(path))
for entry in catalogue:
    # Always the identity: makemessages may have guessed a "fuzzy" neighbour's text.
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
catalogue.save()
print(f"filled {path.relative_to(ROOT)}")
