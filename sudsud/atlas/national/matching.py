"""Which place a country value in a national file means.

A value is folded (case, accents, Arabic vowel marks) and looked up, in this
order, in the aliases users resolved before (:class:`PlaceAlias`), then through
``places.selectors.place_resolve`` (ISO2/ISO3, M49 code, French, English or Arabic
name). Each distinct value is resolved once per import: a file of a million rows
names a few hundred countries at most.
"""

from sudsud.atlas.models import PlaceAlias
from sudsud.core.text import normalise_for_search
from sudsud.places.selectors import place_resolve


def place_text(value: str) -> str:
    """The folded form under which an alias is stored."""
    return normalise_for_search(value)[:200]


class PlaceMatcher:
    """Resolve country values to place ids, with a cache and the users' aliases."""

    def __init__(self) -> None:
        self.aliases: dict[str, int] = dict(
            PlaceAlias.objects.values_list("text", "place_id")
        )
        self.cache: dict[str, int | None] = {}

    def match(self, value: str) -> int | None:
        raw = (value or "").strip()
        if raw in self.cache:
            return self.cache[raw]
        folded = place_text(raw)
        found = self.aliases.get(folded)
        if found is None and folded:
            place = place_resolve(raw)
            found = place.pk if place is not None else None
        self.cache[raw] = found
        return found
