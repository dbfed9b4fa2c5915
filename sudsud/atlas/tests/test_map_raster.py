"""The PNG map drawn with Pillow (``map_raster``) and the path reading and
antimeridian cut it relies on (``boundaries``)."""

import itertools
import json

import pytest
from django.utils import translation
from reportlab.pdfbase.ttfonts import TTFontFile

from sudsud.atlas import boundaries, map_raster
from sudsud.atlas.boundaries import (
    Shape,
    WorldShapes,
    path_data,
    path_rings,
    split_at_antimeridian,
)
from sudsud.atlas.brief.text import languages, script_for
from sudsud.atlas.maps import (
    NO_DATA,
    PALETTE,
    MapNotes,
    choropleth_build,
    disclaimer,
)


def test_path_rings_reads_back_what_path_data_wrote():
    rings = [
        [(1.5, 2.3), (10.1, 2.3), (10.1, -5.5), (3.2, 4.4)],
        [(20, 20), (30, 20), (25, 28)],
    ]
    read = path_rings(path_data(rings))
    assert len(read) == 2
    for written, back in zip(rings, read, strict=True):
        flat = [value for point in written for value in point]
        assert [value for point in back for value in point] == pytest.approx(
            flat, abs=0.051
        )


def test_path_rings_takes_absolute_and_relative_commands():
    assert path_rings("M0 0L10 0 10 10zm5 5l1 0 0 1z") == [
        [(0, 0), (10, 0), (10, 10)],
        [(5, 5), (6, 5), (6, 6)],  # "m" after "z": from the first ring's start
    ]
    assert path_rings("M0 0l10 0 0 10 7z") == [[(0, 0), (10, 0), (10, 10)]]
    assert path_rings("M0 0l1 0z") == []  # two points draw nothing


def test_split_at_antimeridian_cuts_a_ring_that_jumps_across_the_map():
    ring = [(900, 10), (950, 10), (5, 12), (10, 20), (8, 30), (940, 30), (900, 30)]
    pieces = split_at_antimeridian(ring)
    assert pieces == [
        [(5, 12), (10, 20), (8, 30)],
        [(940, 30), (900, 30), (900, 10), (950, 10)],
    ]
    inland = [(5, 12), (10, 20), (20, 40)]
    assert split_at_antimeridian(inland) == [inland]


def test_shape_record_draws_no_band_across_the_map():
    record = boundaries.shape_record(
        [[(900, 10), (950, 10), (5, 12), (10, 20), (8, 30), (940, 30), (900, 30)]]
    )
    for ring in path_rings(record["path"]):
        steps = itertools.pairwise(ring)
        assert all(abs(b[0] - a[0]) < boundaries.WIDTH / 2 for a, b in steps)


def test_real_boundaries_draw_no_band_across_the_map():
    path = boundaries.boundaries_path()
    if not path.is_file():
        pytest.skip("assets/vendor/world-50m.json is absent: run `make assets`")
    data = json.loads(path.read_text(encoding="utf-8"))
    for code, record in data["countries"].items():
        for ring in path_rings(record["path"]):
            for a, b in itertools.pairwise(ring):
                assert abs(b[0] - a[0]) < boundaries.WIDTH / 2, code


# Country 1 has a hole where country 2 lies; country 3 has no figure.
WORLD = WorldShapes(
    viewbox=(0, 0, 960, 420),
    shapes=(
        Shape(
            (1,), "M100 100l300 0 0 200-300 0zM200 150l100 0 0 100-100 0z", 0, 0, 5e4
        ),
        Shape((3,), "M600 100l100 0 0 100-100 0z", 650, 150, 1e4),
        Shape((2,), "M210 160l80 0 0 80-80 0z", 250, 200, 6400),
        Shape((4,), "M800 300l1 0 0 1-1 0z", 800.5, 300.5, 1),
    ),
    unassigned="",
    disputed="un",
)


def _map(values):
    return choropleth_build(
        world=WORLD, values=values, names={}, origin_code=9, title="T"
    )


def _colour(image, x, y):
    scale = image.width / 960
    return "#{:02x}{:02x}{:02x}".format(
        *image.getpixel((round(x * scale), round(y * scale)))
    )


def test_map_image_fills_even_odd_and_colours_by_class():
    image = map_raster.map_image(_map({1: 10, 2: 1_000}), width=960)
    assert image.size == (960, 420)
    assert _colour(image, 150, 120) == PALETTE[0]  # country 1, outside its hole
    assert _colour(image, 205, 155) == "#ffffff"  # its hole, outside country 2
    assert _colour(image, 250, 200) == PALETTE[1]  # country 2, in the hole
    assert _colour(image, 650, 150) == NO_DATA


def test_map_image_draws_tiny_states_as_points():
    image = map_raster.map_image(_map({4: 5}), width=960)
    assert _colour(image, 800.5, 300.5) == PALETTE[0]
    assert _colour(image, 800.5, 310) == "#ffffff"


def _notes(language):
    return MapNotes(
        subtitle="Les deux sexes",
        source="Source : édition Rev.2024 — définition : né à l’étranger. " * 6,
        credit="Limites : Natural Earth.",
        disclaimer=disclaimer(),
        language=language,
    )


def test_png_layout_wraps_long_notes_within_the_width():
    with translation.override("fr"):
        notes = _notes("fr")
        layout = map_raster.png_layout(_map({1: 10}), notes, script=script_for("fr"))
    assert layout.map_top > map_raster.MARGIN
    assert layout.legend_top >= layout.map_top + layout.map_height
    assert len(layout.footer) > len(notes.footnotes)  # the source took two lines
    for line, font, _step in layout.header + layout.footer:
        shaped = layout.writer.shaped(line)
        assert font.getlength(shaped) <= map_raster.WIDTH - 2 * map_raster.MARGIN
    assert layout.height > layout.footer_top


def _missing_glyphs(font_name, text):
    cmap = TTFontFile(str(map_raster.FONT_FILES[font_name])).charToGlyph
    return {char for char in text if ord(char) not in cmap}


def test_png_fonts_draw_every_french_character():
    with translation.override("fr"):
        choropleth, notes = _map({1: 1_234_567, 2: 10}), _notes("fr")
        layout = map_raster.png_layout(choropleth, notes, script=script_for("fr"))
    texts = [line for line, *_ in layout.header + layout.footer]
    texts += [text for row in layout.legend for _x, _colour, text in row]
    shaped = "".join(layout.writer.shaped(text) for text in texts)
    assert "é" in shaped
    assert "’" in shaped
    assert not _missing_glyphs(script_for("fr").regular, shaped)
    assert not _missing_glyphs(script_for("fr").bold, shaped)


def test_png_fonts_draw_arabic_when_the_brief_can():
    if "ar" not in languages():
        pytest.skip("Arabic needs DejaVu Sans and the shaping libraries")
    script = script_for("ar")
    with translation.override("ar"):
        shaped = map_raster._Writer(script, 100).shaped(disclaimer())
    assert not _missing_glyphs(script.regular, shaped.replace(" ", ""))
