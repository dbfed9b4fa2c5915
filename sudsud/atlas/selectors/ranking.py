"""Which destinations of an origin's diaspora to work with first: a weighted score.

Each destination (a country holding at least ``min_size`` people born in the origin,
in the chosen edition and year) is described by up to four criteria:

- size: the both-sexes stock in ``year``;
- growth: the compound annual rate of that stock between ``year_from`` and ``year``;
- women: the share of women in the stock in ``year`` (per cent);
- national: the figure a national source (consular register, survey…) gives for the
  same origin → destination, from one national edition and its latest year.

Each criterion is rescaled to 0–100 by min-max over the candidate destinations
(lowest value 0, highest 100; when all values are equal, every destination gets
100). A destination without a value for a criterion scores 0 on it. The weights are
divided by their sum, so they need not add up to 100; a criterion that no candidate
has a value for is left out and the other weights are rescaled. The score is the
sum of the weighted criteria, 0–100.

Figures of one criterion never mix editions. Sums and reads happen in the database
in a constant number of queries, whatever the number of destinations.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, QuerySet

from sudsud.atlas.models import Edition, Sex, StockValue
from sudsud.atlas.selectors.profile import (
    edition_years,
    origin_editions,
    origin_values,
)
from sudsud.atlas.selectors.profile_national import both_sexes
from sudsud.places.models import Place, PlaceKind

CRITERIA = ("size", "growth", "women", "national")
DEFAULT_WEIGHTS = {"size": 40, "growth": 30, "women": 30, "national": 0}
DEFAULT_MIN_SIZE = 1000


@dataclass(frozen=True)
class Contribution:
    raw: float | None  # people, % a year, % women, people
    normalised: float | None  # 0–100, None when the destination has no value
    weight: float  # share of the total weight, 0–1
    points: float  # weight × normalised, what it adds to the score


@dataclass
class RankedDestination:
    place: Place
    size: int
    women: int | None
    contributions: dict[str, Contribution] = field(default_factory=dict)
    score: float = 0.0
    rank: int = 0

    def raw(self, criterion: str) -> float | None:
        return self.contributions[criterion].raw


@dataclass
class Ranking:
    origin: Place
    edition: Edition
    year: int
    year_from: int | None
    national: Edition | None
    national_year: int | None
    weights: dict[str, int]
    used_weights: dict[str, float]  # normalised, 0–1, zero for criteria left out
    min_size: int
    rows: list[RankedDestination]
    excluded: int = 0  # destinations below the minimum size

    @property
    def left_out(self) -> list[str]:
        """Criteria given a weight but left out for lack of data."""
        return [c for c in CRITERIA if self.weights[c] and not self.used_weights[c]]


def _values(edition: Edition, origin: Place) -> QuerySet[StockValue]:
    """The profile's whole-country values, countries only and with a figure."""
    return origin_values(edition, origin).filter(
        destination__kind=PlaceKind.COUNTRY, value__isnull=False
    )


def _stocks(
    edition: Edition, origin: Place, year: int, year_from: int | None
) -> tuple[dict[int, Place], dict[tuple[int, int, str], int]]:
    """Places and values by (destination, year, sex), in one query."""
    years = [year] if year_from is None else [year, year_from]
    rows = _values(edition, origin).filter(
        year__in=years, sex__in=[Sex.BOTH, Sex.FEMALE]
    )
    places: dict[int, Place] = {}
    values: dict[tuple[int, int, str], int] = {}
    for row in rows.select_related("destination"):
        places[row.destination_id] = row.destination
        values[(row.destination_id, row.year, row.sex)] = row.value or 0
    return places, values


def _national(edition: Edition | None, origin: Place) -> tuple[int | None, dict]:
    """The national edition's latest year for the origin and its values then."""
    if edition is None:
        return None, {}
    held = _values(edition, origin)
    year = held.aggregate(latest=Max("year"))["latest"]
    by_place: dict[int, dict[str, StockValue]] = {}
    for cell in held.filter(year=year, sex__in=[Sex.BOTH, Sex.MALE, Sex.FEMALE]):
        by_place.setdefault(cell.destination_id, {})[cell.sex] = cell
    # A file counting men and women apart has no both-sexes cell: the profile's
    # rule (men plus women) applies here too.
    figures = {place: both_sexes(cells)[0] for place, cells in by_place.items()}
    return year, {place: value for place, value in figures.items() if value is not None}


def annual_rate(start: int | None, end: int | None, years: int) -> float | None:
    """Compound annual change in per cent; None without two positive values."""
    if not start or not end or years <= 0:
        return None
    return 100 * ((end / start) ** (1 / years) - 1)


def normalise(values: list[float | None]) -> list[float | None]:
    """Min-max to 0–100 over the values present; all equal → 100 each."""
    present = [v for v in values if v is not None]
    if not present:
        return [None for _ in values]
    low, high = min(present), max(present)
    if high == low:
        return [None if v is None else 100.0 for v in values]
    return [None if v is None else 100 * (v - low) / (high - low) for v in values]


def shares(weights: dict[str, int], available: set[str]) -> dict[str, float]:
    """Weights divided by their sum, over the criteria with data."""
    total = sum(w for c, w in weights.items() if c in available)
    return {
        c: (weights[c] / total if total and c in available else 0.0) for c in CRITERIA
    }


def _raw_values(
    ids: list[int], values: dict, national: dict, span: tuple[int, int | None]
) -> dict[str, list[float | None]]:
    year, year_from = span
    sizes = [values[(d, year, Sex.BOTH)] for d in ids]
    women = [values.get((d, year, Sex.FEMALE)) for d in ids]
    growth = [
        annual_rate(values.get((d, year_from, Sex.BOTH)), size, year - year_from)
        if year_from is not None
        else None
        for d, size in zip(ids, sizes, strict=True)
    ]
    return {
        "size": [float(s) for s in sizes],
        "growth": growth,
        "women": [
            (100 * w / s if w is not None and s else None)
            for w, s in zip(women, sizes, strict=True)
        ],
        "national": [national.get(d) for d in ids],
    }


def _score(rows: list[RankedDestination], raw: dict, used: dict[str, float]) -> None:
    for criterion in CRITERIA:
        scaled = normalise(raw[criterion])
        for row, value, norm in zip(rows, raw[criterion], scaled, strict=True):
            points = used[criterion] * (norm or 0.0)
            row.contributions[criterion] = Contribution(
                value, norm, used[criterion], points
            )
            row.score += points
    rows.sort(key=lambda r: (-round(r.score, 9), -r.size, r.place.name_fr))
    for position, row in enumerate(rows, start=1):
        row.rank = position


@dataclass(frozen=True)
class RankingChoices:
    edition: Edition
    year: int
    year_from: int | None = None
    national: Edition | None = None
    weights: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    min_size: int = DEFAULT_MIN_SIZE


def ranking(*, origin: Place, choices: RankingChoices) -> Ranking:
    """Destinations of ``origin`` ranked by the weighted criteria (3–5 queries)."""
    c = choices
    places, values = _stocks(c.edition, origin, c.year, c.year_from)
    national_year, national = _national(c.national, origin)
    sized = [d for d in places if (d, c.year, Sex.BOTH) in values]
    ids = [d for d in sized if values[(d, c.year, Sex.BOTH)] >= c.min_size]
    raw = _raw_values(ids, values, national, (c.year, c.year_from))
    available = {k for k, v in raw.items() if any(x is not None for x in v)}
    used = shares(c.weights, available)
    rows = [
        RankedDestination(
            places[d],
            values[(d, c.year, Sex.BOTH)],
            values.get((d, c.year, Sex.FEMALE)),
        )
        for d in ids
    ]
    _score(rows, raw, used)
    return Ranking(
        origin=origin,
        edition=c.edition,
        year=c.year,
        year_from=c.year_from,
        national=c.national,
        national_year=national_year,
        weights=c.weights,
        used_weights=used,
        min_size=c.min_size,
        rows=rows,
        excluded=len(sized) - len(ids),
    )


def national_editions(origin: Place) -> QuerySet[Edition]:
    """National sources' editions holding values for ``origin``, latest first."""
    with_data = StockValue.objects.filter(edition=OuterRef("pk"), origin=origin)
    return (
        Edition.objects.filter(Exists(with_data), source__is_national=True)
        .select_related("source")
        .order_by("-published_year", "source__code", "code")
    )


def ranking_resolve(
    *, origin: Place, choices: dict, weights: dict[str, int], min_size: int
) -> Ranking | None:
    """The ranking for the choices given (``edition``, ``year``, ``year_from``,
    ``national``, each optional), falling back to the latest UN DESA edition holding
    the origin, its last year, its first year and the latest national edition.
    ``None`` when no edition holds the origin."""
    edition = choices.get("edition") or _preferred(origin_editions(origin))
    if edition is None:
        return None
    years = edition_years(edition, origin)
    if not years:
        return None
    chosen = choices.get("year")
    year: int = chosen if chosen in years else years[-1]
    year_from = choices.get("year_from")
    if year_from is None or year_from >= year:
        year_from = years[0] if years[0] < year else None
    national = (
        choices.get("national")
        or national_editions(origin).exclude(pk=edition.pk).first()
    )
    if national == edition:
        national = None
    picked = RankingChoices(edition, year, year_from, national, weights, min_size)
    return ranking(origin=origin, choices=picked)


def _preferred(editions: QuerySet[Edition]) -> Edition | None:
    listed = list(editions)
    undesa = [e for e in listed if not e.source.is_national]
    chosen = undesa or listed
    return chosen[0] if chosen else None
