"""The map downloads of the origin profile page: ``/atlas/origins/<ISO3>/map.svg``
and ``map.png`` (``map_files`` and ``views/maps.py``)."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from lxml import etree
from PIL import Image

from sudsud.accounts.models import Role
from sudsud.atlas import boundaries, map_files, map_raster
from sudsud.atlas.brief.text import script_for
from sudsud.atlas.maps import NO_DATA, ORIGIN, PALETTE, disclaimer
from sudsud.atlas.models import StockValue
from sudsud.places.tests.factories import PlaceFactory

from .profile_data import make_world

pytestmark = [pytest.mark.django_db]

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def viewer(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


def _url(kind="svg", iso3="SEN", **query):
    url = reverse(f"atlas:origin_map_{kind}", kwargs={"iso3": iso3})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _svg(response):
    return etree.fromstring(response.content)


def _shaded(root):
    """Countries with a figure (focusable), by fill colour."""
    return [
        element.get("fill")
        for element in root.iter()
        if element.get("tabindex") == "0" and element.get("fill") in PALETTE
    ]


def _titles(root):
    return [title.text or "" for title in root.iter(f"{SVG}title")]


def test_map_svg_is_a_standalone_document_in_french(viewer, world, small_map):
    response = viewer.get(_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="diaspora-sen-2024.svg"'
    )
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = _svg(response)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert int(root.get("height")) > 420  # the map and, around it, the texts
    title = root.find(f"{SVG}title").text
    assert "Sénégal" in title
    assert "2024" in title
    assert "Rev.2024" in title
    assert "Source" in root.find(f"{SVG}desc").text
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    with translation.override("fr"):
        assert disclaimer() in " ".join(texts.split())
    for expected in ("Les deux sexes", "aucune donnée", "pays d’origine", "Rev.2024"):
        assert expected in texts
    assert "Natural Earth" in texts


def test_map_svg_fetches_nothing_from_elsewhere(viewer, world, small_map):
    root = _svg(viewer.get(_url()))
    tags = {etree.QName(element).localname for element in root.iter()}
    assert not tags & {"image", "style", "use", "foreignObject", "script", "a"}
    attributes = {name for element in root.iter() for name in element.attrib}
    assert not any(name.endswith("href") or name == "style" for name in attributes)
    assert b"url(" not in etree.tostring(root)


def test_map_svg_shades_each_destination_with_a_figure(viewer, world, small_map):
    root = _svg(viewer.get(_url()))
    fills = {t.getparent().get("fill") for t in root.iter(f"{SVG}title")}
    # France 100, Italy 50, Côte d'Ivoire 30, Gabon 20, Qatar 10 (drawn as a point).
    assert sorted(_shaded(root)) == sorted(PALETTE)
    assert ORIGIN in fills
    chile = next(
        t for t in root.iter(f"{SVG}title") if (t.text or "").startswith("Chili")
    )
    assert chile.getparent().get("fill") == NO_DATA
    france = next(t for t in root.iter(f"{SVG}title") if t.text.startswith("France"))
    assert france.getparent().get("fill") == PALETTE[-1]


def test_map_svg_follows_the_disputed_boundaries_setting(
    viewer, world, small_map, settings
):
    PlaceFactory(code=504, iso3="MAR", name_fr="Maroc", name_en="Morocco")
    PlaceFactory(code=732, iso3="ESH", name_fr="Sahara occidental", name_en="W. S.")
    titles = _titles(_svg(viewer.get(_url())))
    assert any(t.startswith("Maroc") and "/" not in t for t in titles)
    assert any(t.startswith("Sahara occidental") for t in titles)
    settings.SUDSUD_DISPUTED_BOUNDARIES = "merge-504-732"
    titles = _titles(_svg(viewer.get(_url())))
    assert any(t.startswith("Maroc / Sahara occidental") for t in titles)
    assert not any(t.startswith("Sahara occidental") for t in titles)


def test_map_svg_takes_the_profile_choices(viewer, world, small_map):
    response = viewer.get(_url(edition=world.rev2020.pk, to=2020))
    assert "diaspora-sen-2020.svg" in response["Content-Disposition"]
    root = _svg(response)
    assert "Rev.2020" in root.find(f"{SVG}title").text
    assert len(_shaded(root)) == 1  # Rev.2020 holds France alone


def test_map_png_has_the_size_and_the_class_colours(viewer, world, small_map):
    response = viewer.get(_url("png"))
    assert response["Content-Type"] == "image/png"
    assert 'filename="diaspora-sen-2024.png"' in response["Content-Disposition"]
    picture = Image.open(io.BytesIO(response.content))
    assert picture.format == "PNG"
    assert picture.width == map_raster.WIDTH == 1600
    with translation.override("fr"):
        profile_map = _profile_map(world)
        layout = map_raster.png_layout(*profile_map, script=script_for("fr"))
    assert picture.height == layout.height
    scale = picture.width / 960

    def pixel(x, y):
        return "#{:02x}{:02x}{:02x}".format(
            *picture.getpixel((round(x * scale), layout.map_top + round(y * scale)))
        )

    assert pixel(460, 120) == PALETTE[-1]  # France's centre: the highest class
    assert pixel(570, 110) == PALETTE[-2]  # Italy
    assert pixel(320, 260) == ORIGIN  # Senegal
    assert pixel(215, 315) == NO_DATA  # Chile
    assert pixel(100, 380) == "#ffffff"  # the sea


def _profile_map(world):
    from sudsud.atlas.selectors import profile as selectors

    profile = selectors.origin_profile_resolve(origin=world.places.sen)
    shapes = boundaries.boundaries_load()
    return map_files.profile_choropleth(profile, shapes), map_files.map_notes(profile)


def test_map_png_of_the_real_boundaries_colours_france_by_its_class(viewer, world):
    if not boundaries.boundaries_path().is_file():
        pytest.skip("assets/vendor/world-50m.json is absent: run `make assets`")
    picture = Image.open(io.BytesIO(viewer.get(_url("png")).content))
    with translation.override("fr"):
        layout = map_raster.png_layout(*_profile_map(world), script=script_for("fr"))
    shapes = boundaries.boundaries_load()
    france = next(shape for shape in shapes.shapes if shape.codes == (250,))
    x, top, width, _height = shapes.viewbox
    scale = map_raster.WIDTH / width
    at = (
        round((france.x - x) * scale),
        layout.map_top + round((france.y - top) * scale),
    )
    assert "#{:02x}{:02x}{:02x}".format(*picture.getpixel(at)) == PALETTE[-1]


def test_map_png_falls_back_to_french_when_arabic_cannot_be_drawn(monkeypatch):
    with translation.override("ar"):
        assert map_files._language("svg") == "ar"
        monkeypatch.setattr(map_files, "languages", lambda: ("fr", "en"))
        assert map_files._language("png") == "fr"
        monkeypatch.setattr(map_files, "languages", lambda: ("fr", "en", "ar"))
        assert map_files._language("png") == "ar"


def _ink_columns(picture, top, height):
    """The x of every column holding a dark pixel in a band of the picture."""
    band = picture.crop((0, top, picture.width, top + height)).convert("L")
    return [
        x
        for x in range(band.width)
        if any(band.getpixel((x, y)) < 128 for y in range(band.height))
    ]


def test_map_png_in_arabic_is_drawn_right_aligned(viewer, world, small_map):
    if "ar" not in map_files.languages():
        pytest.skip("no Arabic font (DejaVu Sans) or shaping library installed")
    french = Image.open(io.BytesIO(viewer.get(_url("png")).content))
    viewer.cookies["django_language"] = "ar"
    response = viewer.get(_url("png"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    arabic = Image.open(io.BytesIO(response.content))
    assert arabic.width == 1600

    def subtitle_ink(picture, language):
        """Columns with ink on the subtitle's line ("both sexes": one short line)."""
        with translation.override(language):
            layout = map_raster.png_layout(
                *_profile_map(world), script=script_for(language)
            )
        top = map_raster.MARGIN + sum(step for *_, step in layout.header[:-1])
        return _ink_columns(picture, top, map_raster.SUBTITLE_SIZE + 6)

    french_ink, arabic_ink = subtitle_ink(french, "fr"), subtitle_ink(arabic, "ar")
    assert french_ink[0] < 2 * map_raster.MARGIN
    assert french_ink[-1] < 800
    assert arabic_ink[0] > 800
    assert arabic_ink[-1] > 1600 - 2 * map_raster.MARGIN

    def first_swatch(picture, language):
        """x of the first legend swatch's fill colour on the legend's first row."""
        with translation.override(language):
            layout = map_raster.png_layout(
                *_profile_map(world), script=script_for(language)
            )
        _x, colour, _text = layout.legend[0][0]
        row = layout.legend_top + map_raster.SWATCH_HEIGHT // 2
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return [x for x in range(picture.width) if picture.getpixel((x, row)) == rgb]

    assert first_swatch(french, "fr")[0] < 2 * map_raster.MARGIN  # from the left
    assert first_swatch(arabic, "ar")[-1] > 1600 - 2 * map_raster.MARGIN  # the right


def _legend_rects(root):
    return [
        float(rect.get("x"))
        for rect in root.iter(f"{SVG}rect")
        if rect.get("width") == "14"
    ]


def test_map_svg_in_arabic_is_laid_out_right_to_left(viewer, world, small_map):
    french = _svg(viewer.get(_url()))
    viewer.cookies["django_language"] = "ar"
    arabic = _svg(viewer.get(_url(), HTTP_ACCEPT_LANGUAGE="ar"))
    width = float(arabic.get("width"))

    for text in french.iter(f"{SVG}text"):
        assert text.get("text-anchor") is None
        assert float(text.get("x")) < width / 2
    texts = list(arabic.iter(f"{SVG}text"))
    assert texts
    assert all(text.get("text-anchor") == "end" for text in texts)
    # Title, subtitle and notes read right to left (an RTL embedding) from the right.
    lines = [text for text in texts if (text.text or "").startswith("\u202b")]
    assert all(text.text.endswith("\u202c") for text in lines)
    assert "السنغال" in " ".join(text.text for text in lines)  # the title
    assert all(float(text.get("x")) > width / 2 for text in lines)

    # The legend reads from the right: its swatches step leftwards from the edge.
    left_to_right, right_to_left = _legend_rects(french), _legend_rects(arabic)
    assert len(right_to_left) == len(left_to_right) >= 3
    assert left_to_right == sorted(left_to_right)
    assert right_to_left == sorted(right_to_left, reverse=True)
    assert right_to_left[0] + 14 > width - 20


def test_map_on_the_arabic_page_has_its_legend_on_the_right(viewer, world, small_map):
    viewer.cookies["django_language"] = "ar"
    page = viewer.get(reverse("atlas:origin_profile", kwargs={"iso3": "SEN"}))
    html = page.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    root = etree.fromstring(svg)
    rects = _legend_rects(root)
    assert rects == sorted(rects, reverse=True)
    view_width = float(root.get("viewBox").split()[2])
    assert rects[0] > view_width / 2


def test_map_download_refuses_bad_choices_in_french(viewer, world, small_map):
    response = viewer.get(_url(edition=9999))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert "Sélectionnez un choix valide" in html
    assert reverse("atlas:origin_profile", kwargs={"iso3": "SEN"}) in html
    response = viewer.get(_url("png", to=2023))
    assert response.status_code == 400
    assert "2020, 2024" in response.content.decode()
    assert viewer.get(_url(**{"from": 2024, "to": 2020})).status_code == 400


def test_map_download_is_404_for_unknown_origin_no_data_or_no_boundaries(
    viewer, world, small_map, tmp_path, monkeypatch
):
    assert viewer.get(_url(iso3="XYZ")).status_code == 404
    assert viewer.get(_url("png", iso3="GAB")).status_code == 404
    monkeypatch.setattr(boundaries, "boundaries_path", lambda: tmp_path / "absent")
    assert viewer.get(_url()).status_code == 404


def test_map_download_requires_sign_in(client, world, small_map):
    response = client.get(_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_profile_page_links_to_both_map_files(viewer, world, small_map):
    html = viewer.get(
        reverse("atlas:origin_profile", kwargs={"iso3": "SEN"}),
        {"edition": world.rev2020.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    for kind in ("svg", "png"):
        assert f"{_url(kind)}?edition={world.rev2020.pk}&amp;to=2020" in html
    assert "Download the map (SVG)" in html


def test_map_files_carry_an_etag_and_answer_304_when_unchanged(
    viewer, world, small_map
):
    first = viewer.get(_url())
    etag = first["ETag"]
    assert etag.startswith('"')
    assert first["Cache-Control"] == "private, no-cache"
    assert viewer.get(_url())["ETag"] == etag  # the same file, the same tag

    again = viewer.get(_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    other = viewer.get(_url(sex="female"), HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200  # another map, another tag
    assert other["ETag"] != etag
    assert viewer.get(_url("png"))["ETag"] != etag  # SVG and PNG differ too


def test_map_tag_changes_with_the_figures(viewer, world, small_map):
    etag = viewer.get(_url())["ETag"]
    StockValue.objects.filter(
        edition=world.rev2024, destination__iso3="FRA", year=2024
    ).update(value=999_999)
    assert viewer.get(_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_map_png_is_drawn_once_then_taken_from_the_cache(
    viewer, world, small_map, monkeypatch
):
    cache.clear()
    drawn = []
    real = map_files.choropleth_png

    def counting(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(map_files, "choropleth_png", counting)
    first = viewer.get(_url("png")).content
    assert viewer.get(_url("png")).content == first
    assert len(drawn) == 1
    viewer.get(_url("png", sex="male"))
    assert len(drawn) == 2  # another map is drawn
    cache.clear()
    etag = viewer.get(_url("png"))["ETag"]
    assert len(drawn) == 3
    assert viewer.get(_url("png"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(drawn) == 3  # a file the client holds is not drawn again


def test_etag_matches_reads_lists_weak_tags_and_star():
    assert map_files.etag_matches('"a", W/"b"', '"b"')
    assert map_files.etag_matches("*", '"b"')
    assert not map_files.etag_matches('"a"', '"b"')
    assert not map_files.etag_matches(None, '"b"')
