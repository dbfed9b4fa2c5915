"""UN M49 geographic regions and which countries belong to each.

The country table gives each country its smallest region by English name
("Western Africa"); we map that name to its M49 code with CLDR's English region
names, then add every enclosing region, so "Africa" lists all African countries.
"""

from .countries import territory_names
from .tsv import column_values

# M49 region → the region that contains it (UN Statistics Division, "Standard
# country or area codes for statistical use", series M, No. 49).
M49_PARENT = {
    "015": "002",  # Northern Africa ⊂ Africa
    "202": "002",  # Sub-Saharan Africa ⊂ Africa
    "014": "202",  # Eastern Africa
    "017": "202",  # Middle Africa
    "018": "202",  # Southern Africa
    "011": "202",  # Western Africa
    "419": "019",  # Latin America and the Caribbean ⊂ Americas
    "029": "419",  # Caribbean
    "013": "419",  # Central America
    "005": "419",  # South America
    "021": "019",  # Northern America ⊂ Americas
    "143": "142",  # Central Asia ⊂ Asia
    "030": "142",  # Eastern Asia
    "035": "142",  # South-eastern Asia
    "034": "142",  # Southern Asia
    "145": "142",  # Western Asia
    "151": "150",  # Eastern Europe ⊂ Europe
    "154": "150",  # Northern Europe
    "039": "150",  # Southern Europe
    "155": "150",  # Western Europe
    "053": "009",  # Australia and New Zealand ⊂ Oceania
    "054": "009",  # Melanesia
    "057": "009",  # Micronesia
    "061": "009",  # Polynesia
}
M49_REGIONS = frozenset(M49_PARENT) | frozenset(M49_PARENT.values())

# The table uses the M49 English names; CLDR words these three differently
# ("Australasia", "Micronesian Region", "Southeast Asia").
M49_NAME_ALIASES = {
    "Australia and New Zealand": "053",
    "Micronesia": "057",
    "South-eastern Asia": "035",
}


def region_code(english_name: str) -> str | None:
    """The M49 code of a region named in English, or ``None`` if not an M49 region
    (the table's "Antarctica", for example)."""
    if english_name in M49_NAME_ALIASES:
        return M49_NAME_ALIASES[english_name]
    for code, name in territory_names("en").items():
        if name == english_name and code in M49_REGIONS:
            return code
    return None


def region_ancestry(code: str) -> list[str]:
    """``code`` and every region containing it, smallest first."""
    chain = [code]
    while chain[-1] in M49_PARENT:
        chain.append(M49_PARENT[chain[-1]])
    return chain


def region_members() -> dict[str, set[str]]:
    """``{M49 region code: {ISO3 of member countries}}`` for every region."""
    members: dict[str, set[str]] = {code: set() for code in M49_REGIONS}
    for iso3, region_name in column_values("UNregion").items():
        code = region_code(region_name)
        if code is None:
            continue
        for region in region_ancestry(code):
            members[region].add(iso3)
    return members
