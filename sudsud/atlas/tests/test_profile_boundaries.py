import gzip
import json
import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from sudsud.atlas import boundaries

# Two unit squares side by side, sharing arc 1 (the border at longitude 10): a
# quantised topology, positions delta-encoded, scale 1° per unit.
TINY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [
        [[10, 0], [-10, 0], [0, 10], [10, 0]],  # west square, around from (10, 0)
        [[10, 10], [0, -10]],  # shared border, north to south
        [[10, 10], [10, 0], [0, -10], [-10, 0]],  # east square, from (10, 10)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "504", "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "732", "arcs": [[2, -2]]},
                {"type": "Polygon", "id": "010", "arcs": [[0, 1]]},
                {
                    "type": "Polygon",
                    "properties": {"name": "Siachen"},
                    "arcs": [[2, -2]],
                },
            ],
        }
    },
}


def test_decode_arcs_undoes_delta_encoding_and_quantisation():
    topology = dict(TINY, transform={"scale": [0.5, 2], "translate": [-1, 1]})
    arcs = boundaries.decode_arcs(topology)
    assert arcs[0] == [(4.0, 1.0), (-1.0, 1.0), (-1.0, 21.0), (4.0, 21.0)]
    assert arcs[1] == [(4.0, 21.0), (4.0, 1.0)]


def test_ring_points_reverses_negative_arcs_and_joins_them():
    arcs = boundaries.decode_arcs(TINY)
    ring = boundaries.ring_points([2, -2], arcs)
    assert ring[0] == ring[-1] == (10.0, 10.0)
    assert len(ring) == 5


def test_merged_rings_drop_the_shared_border():
    arcs = boundaries.decode_arcs(TINY)
    rings = boundaries.merged_rings([[[0, 1]], [[2, -2]]], arcs)
    assert len(rings) == 1
    assert len(rings[0]) == 7  # the outline, closed, with no point of the border
    assert abs(boundaries.signed_area(rings[0])) == pytest.approx(200)


def test_equal_earth_is_centred_and_symmetric():
    x, y = boundaries.equal_earth(0, 0)
    assert x == pytest.approx(boundaries.WIDTH / 2)
    west, east = boundaries.equal_earth(-180, 0)[0], boundaries.equal_earth(180, 0)[0]
    assert (west, east) == (pytest.approx(0), pytest.approx(boundaries.WIDTH))
    assert boundaries.equal_earth(0, 45)[1] < y < boundaries.equal_earth(0, -45)[1]


def test_simplify_drops_close_points_and_keeps_ends():
    points = [(0.0, 0.0), (0.1, 0.0), (0.5, 0.0), (0.6, 0.0)]
    assert boundaries.simplify(points, 0.3) == [(0.0, 0.0), (0.5, 0.0), (0.6, 0.0)]


def test_path_data_has_one_decimal_and_relative_steps():
    path = boundaries.path_data([[(1.04, 2.0), (3.0, 2.0), (3.0, 4.56), (1.04, 2.0)]])
    assert path == "M1 2l2 0 0 2.6-2-2.6z"


def test_boundaries_build_keeps_codes_merges_and_leaves_antarctica_out():
    built = boundaries.boundaries_build(TINY)
    assert set(built["countries"]) == {"504", "732"}
    assert "504-732" in built["merged"]
    assert built["unassigned"].startswith("M")
    west = built["countries"]["504"]
    assert west["area"] > 0
    assert west["path"].startswith("M")
    assert len(built["merged"]["504-732"]["path"].split("M")) == 2


def _write(tmp_path, data):
    target = tmp_path / "world.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def test_boundaries_load_draws_western_sahara_apart_by_default(tmp_path, settings):
    settings.SUDSUD_DISPUTED_BOUNDARIES = "un"
    world = boundaries.boundaries_load(
        _write(tmp_path, boundaries.boundaries_build(TINY))
    )
    assert sorted(shape.codes for shape in world.shapes) == [(504,), (732,)]


def test_boundaries_load_merges_when_the_setting_says_so(tmp_path, settings):
    settings.SUDSUD_DISPUTED_BOUNDARIES = "merge-504-732"
    world = boundaries.boundaries_load(
        _write(tmp_path, boundaries.boundaries_build(TINY))
    )
    assert [shape.codes for shape in world.shapes] == [(504, 732)]


def test_boundaries_load_refuses_an_unknown_setting(tmp_path, settings):
    settings.SUDSUD_DISPUTED_BOUNDARIES = "whatever"
    with pytest.raises(ImproperlyConfigured):
        boundaries.boundaries_load(tmp_path / "absent.json")


def test_boundaries_load_is_none_when_not_built(tmp_path):
    assert boundaries.boundaries_load(tmp_path / "absent.json") is None


@pytest.fixture
def real_boundaries():
    path = boundaries.boundaries_path()
    if not path.is_file():
        pytest.skip(f"{path} is absent: run `make assets` to build it")
    return path


def test_real_boundaries_hold_the_programme_countries(real_boundaries):
    data = json.loads(real_boundaries.read_text(encoding="utf-8"))
    for code in ("504", "732", "686", "466", "384", "250", "706", "688"):
        assert code in data["countries"], code
    assert "10" not in data["countries"]  # Antarctica
    assert len(data["countries"]) > 200
    assert len(gzip.compress(real_boundaries.read_bytes())) < 120_000


def test_real_boundaries_paths_have_at_most_one_decimal(real_boundaries):
    data = json.loads(real_boundaries.read_text(encoding="utf-8"))
    france = data["countries"]["250"]["path"]
    numbers = re.findall(r"-?\d*\.?\d+", france)
    assert len(numbers) > 100
    assert all(len(n.partition(".")[2]) <= 1 for n in numbers)


def test_path_data_keeps_numbers_apart():
    from sudsud.atlas.boundaries import path_data

    # Steps of 3 px then 0.4 px: "3 .4" would read as one number if glued.
    path = path_data([[(0.0, 0.0), (3.0, 0.0), (3.0, 0.4), (0.0, 0.0)]])
    assert path == "M0 0l3 0 0 .4-3-.4z"
