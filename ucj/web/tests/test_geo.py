from __future__ import annotations

import json

import pytest
from django.core.management import call_command

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
