from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from ucj.regions import geo
from ucj.regions.models import Boundary


@pytest.mark.django_db
def test_geo_load_reference_provinces_and_kabkota(reference, capsys):
    call_command("geo", "load", str(reference / "provinces.geojson"), "--level", "province")
    out = capsys.readouterr().out
    assert "38 batas wilayah" in out
    call_command(
        "geo", "load", str(reference / "kabupaten_kota.geojson"), "--level", "regency", "--json"
    )
    data = json.loads(capsys.readouterr().out)
    assert data["loaded"] == 514 and data["unmatched"] == [] and data["missing"] == []
    # Simplified and rounded so a map page stays small.
    assert data["bytes_stored"] < data["bytes_in"] / 3
    assert Boundary.objects.count() == 552
    geom = Boundary.objects.get(region__code="15.03").geometry
    assert geom["type"] == "MultiPolygon"
    x, y = geom["coordinates"][0][0][0]
    assert 101 < x < 104 and -3 < y < -1 and round(x, 3) == x


@pytest.mark.django_db
def test_geo_load_reports_unmatched_and_writes_nothing(tmp_path, capsys):
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    path = tmp_path / "bad.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"kode": "15"}, "geometry": square},
                    {"type": "Feature", "properties": {"kode": "99"}, "geometry": square},
                ],
            }
        )
    )
    with pytest.raises(SystemExit) as exc:
        call_command("geo", "load", str(path), "--level", "province", "--code-property", "kode")
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "'99'" in err and "nothing loaded" in err
    assert not Boundary.objects.exists()


@pytest.mark.django_db
def test_geo_load_unreadable_file(tmp_path, capsys):
    path = tmp_path / "x.geojson"
    path.write_text("{not json")
    with pytest.raises(SystemExit) as exc:
        call_command("geo", "load", str(path), "--level", "province")
    assert exc.value.code == 2
    assert "not valid JSON" in capsys.readouterr().err


@pytest.mark.django_db
def test_geo_load_json_lists_unmatched(tmp_path, capsys):
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    path = tmp_path / "kab.geojson"
    feature = {"type": "Feature", "properties": {"code": "15.99", "name": "X"}, "geometry": square}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with pytest.raises(SystemExit) as exc:
        call_command("geo", "load", str(path), "--level", "regency", "--json")
    assert exc.value.code == 1
    data = json.loads(capsys.readouterr().out)
    assert data["unmatched"] == [{"feature": 1, "code": "15.99", "name": "X"}]
    assert data["loaded"] == 0 and "nothing loaded" in data["error"]


# The boundaries the package ships: maps work after `ucj init` with no download.


def test_shipped_boundaries_are_small_and_licensed():
    sizes = [path.stat().st_size for path in geo.SHIPPED.values()]
    assert sum(sizes) < 1_500_000, sizes
    notice = (geo.SHIPPED_DIR / "LICENSE-boundaries.md").read_text()
    assert "Copyright (c) 2024 Cahya DSN" in notice and "Permission is hereby granted" in notice


@pytest.mark.django_db
def test_init_loads_shipped_boundaries_once_and_keeps_a_loaded_file(tmp_path):
    call_command("init", "--json")
    assert Boundary.objects.filter(region__level="province").count() == 38
    assert Boundary.objects.exclude(region__level="province").count() == 514
    assert Boundary.objects.filter(source="boundaries_kabkota.geojson").count() == 514
    first = Boundary.objects.get(region__code="15.03").geometry
    x, y = first["coordinates"][0][0][0]
    assert 101 < x < 104 and -3 < y < -1
    # Idempotent: a second init loads nothing.
    assert geo.load_shipped() == {"province": 0, "regency": 0}
    # Boundaries a user loaded with `ucj geo load` survive the next init.
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    own = tmp_path / "own.geojson"
    feature = {"type": "Feature", "properties": {"code": "15"}, "geometry": square}
    own.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    call_command("geo", "load", str(own), "--level", "province")
    call_command("init", "--json")
    assert Boundary.objects.get(region__code="15").source == "own.geojson"


def _box(geometry):
    points = [p for polygon in geometry["coordinates"] for p in polygon[0]]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("source", ["provinces", "kabupaten_kota"])
def test_shipped_boundaries_match_reference(reference, source):
    """Same codes and names as the checked reference, and each region's outline within
    a couple of simplification tolerances of the reference outline."""
    ref = json.loads((reference / f"{source}.geojson").read_text())
    level = "province" if source == "provinces" else "regency"
    shipped = json.loads(geo.SHIPPED[level].read_text())
    ref_by_code = {f["properties"]["code"]: f for f in ref["features"]}
    ours = {f["properties"]["code"]: f for f in shipped["features"]}
    assert set(ours) == set(ref_by_code)
    slack = geo.DEFAULT_TOLERANCE * 3
    for code, feature in ours.items():
        assert feature["properties"]["name"] == ref_by_code[code]["properties"]["name"]
        ref_geometry = geo.simplify_geometry(ref_by_code[code]["geometry"], 0, 5)
        west, south, east, north = _box(feature["geometry"])
        r_west, r_south, r_east, r_north = _box(ref_geometry)
        assert west >= r_west - slack and east <= r_east + slack, code
        assert south >= r_south - slack and north <= r_north + slack, code
