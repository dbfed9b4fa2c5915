"""Text normalisation for search that ignores accents, case and Arabic vowel marks.

We store a normalised copy of searchable names (``search_text``) and normalise the
query the same way, so "senegal" finds "Sénégal" and "السنغال" finds "السِّنِغال" on
SQLite and PostgreSQL alike, without database extensions.
"""

import unicodedata

# Arabic letters written in several ways that readers treat as the same letter.
_ARABIC_FOLDS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0622": "\u0627",  # آ → ا
        "\u0671": "\u0627",  # ٱ → ا
        "\u0649": "\u064a",  # ى → ي
        "\u0629": "\u0647",  # ة → ه
        "\u0640": None,  # tatweel (kashida), purely typographic
    }
)
_FOLDS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'"})


def normalise_for_search(*parts: str | None) -> str:
    """Lower-case, accent-free, Arabic-folded text, words separated by one space."""
    text = " ".join(part for part in parts if part)
    # NFKD splits "é" into "e" + a combining accent and Arabic letters from their
    # vowel marks (harakat); both kinds of mark are category Mn and are dropped.
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLDS))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    folded = unicodedata.normalize("NFC", stripped).translate(_ARABIC_FOLDS)
    return " ".join(folded.split())
