import xml.etree.ElementTree as ET

from sudsud.atlas import maps
from sudsud.atlas.boundaries import Shape, WorldShapes

SVG = "{http://www.w3.org/2000/svg}"

WORLD = WorldShapes(
    viewbox=(0, 0, 960, 420),
    shapes=(
        Shape((250,), "M10 10l20 0 0 20-20 0z", 20, 20, 400),
        Shape((686,), "M50 50l20 0 0 20z", 60, 60, 200),
        Shape((380,), "M90 90l10 0 0 10z", 95, 95, 50),
        Shape((492,), "M1 1l.5 0 0 .5z", 1, 1, 0.1),  # Monaco: a point
    ),
    unassigned="M0 0l1 0 0 1z",
    disputed="un",
)
NAMES = {250: "France", 686: "Sénégal", 380: "Italie", 492: "Monaco & <Co>"}


def _svg(values):
    text = maps.choropleth_svg(
        world=WORLD, values=values, names=NAMES, origin_code=686, title="Carte"
    )
    return ET.fromstring(  # noqa: S314 - our own SVG
        text
    )


def test_choropleth_svg_is_well_formed_with_titles_and_focus(english):
    root = _svg({250: 100, 380: None, 492: 3})
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert titles[0] == "Carte"
    assert "France: 100" in titles
    assert any(t.startswith("Italie") and "no data" in t for t in titles)
    focusable = [e for e in root.iter() if e.get("tabindex") == "0"]
    assert [e.get("aria-label") for e in focusable] == [
        "France: 100",
        "Monaco & <Co>: 3",
    ]


def test_choropleth_svg_draws_small_states_as_points():
    root = _svg({492: 3})
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == 1
    assert circles[0].get("cx") == "1"


def test_choropleth_svg_colours_the_origin_and_carries_the_disclaimer(english):
    root = _svg({250: 100})
    fills = {p.get("d"): p.get("fill") for p in root.iter(f"{SVG}path")}
    assert fills["M50 50l20 0 0 20z"] == maps.ORIGIN
    assert fills["M90 90l10 0 0 10z"] == maps.NO_DATA
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "do not imply official endorsement" in texts
    assert root.get("direction") == "ltr"


def test_class_breaks_are_rounded_ascending_and_end_at_the_maximum():
    breaks = maps.class_breaks([12_345, 3, 560, 78_901, 1_234, 0])
    assert breaks == sorted(set(breaks))
    assert breaks[-1] == 79_000
    assert maps.class_of(78_901, breaks) == len(breaks) - 1
    assert maps.class_of(3, breaks) == 0
    assert maps.class_breaks([]) == []


def test_series_svg_is_well_formed_and_labels_each_year():
    root = ET.fromstring(  # noqa: S314 - our own SVG
        maps.series_svg([(1990, 10), (2000, None), (2024, 30)], title="T")
    )
    years = [t.text for t in root.iter(f"{SVG}text")]
    assert "1990" in years
    assert "2024" in years
    assert "2000" not in years
    assert maps.series_svg([(1990, None)], title="T") == ""


def test_series_svg_draws_its_zero_axis_and_top_of_scale():
    root = ET.fromstring(  # noqa: S314 - our own SVG
        maps.series_svg([(1990, 80), (2024, 90)], title="T")
    )
    texts = [t.text for t in root.iter(f"{SVG}text")]
    lines = [(line.get("y1"), line.get("y2")) for line in root.iter(f"{SVG}line")]
    points = root.find(f"{SVG}polyline").get("points").split()
    top = float(points[-1].split(",")[1])  # 90, the highest value
    assert "0" in texts
    assert len(lines) == 2
    assert all(y1 == y2 for y1, y2 in lines)
    assert top in {float(y1) for y1, _y2 in lines}


def test_choropleth_svg_wraps_the_disclaimer_inside_the_map_width(english):
    root = _svg({250: 100})
    lines = [t.text for t in root.iter(f"{SVG}text") if t.text and t.get("y")][
        -len(maps.disclaimer_lines(960)) :
    ]
    assert " ".join(lines) == " ".join(maps.disclaimer().split())
    assert all(len(line) * 0.6 * 11 <= 960 - 16 for line in lines)
    height = float(root.get("viewBox").split()[3])
    last_y = max(float(t.get("y")) for t in root.iter(f"{SVG}text") if t.get("y"))
    assert last_y < height  # the last line is inside the picture
