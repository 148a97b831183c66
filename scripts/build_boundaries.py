"""Build the shipped boundaries ucj/regions/data/boundaries_*.geojson from the checked
reference files (MIT, Cahya DSN; provenance in ../shared/reference/README.md).

Run by hand when the reference boundaries change; the output is committed, the input is
not needed at run time:

    python scripts/build_boundaries.py ../shared/reference

Each geometry goes through the same simplification `ucj geo load` applies
(Douglas-Peucker at 0.01°, about 1 km; 3 decimals, about 100 m; islets smaller than a
few tolerances dropped), so the two files together stay under 1.5 MB while every region
keeps its shape at dashboard scale. Properties kept: `code`, `name` (and `parent_code`
for kab/kota).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ucj" / "regions" / "data"
FILES = {
    "provinces.geojson": "boundaries_provinces.geojson",
    "kabupaten_kota.geojson": "boundaries_kabkota.geojson",
}


def main(reference: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    from ucj.regions.geo import DEFAULT_DECIMALS, DEFAULT_TOLERANCE, simplify_geometry

    for source, target in FILES.items():
        data = json.loads((reference / source).read_text(encoding="utf-8"))
        features = []
        for feature in sorted(data["features"], key=lambda f: f["properties"]["code"]):
            props = feature["properties"]
            keep = {k: props[k] for k in ("code", "name", "parent_code") if props.get(k)}
            geometry = simplify_geometry(feature["geometry"], DEFAULT_TOLERANCE, DEFAULT_DECIMALS)
            features.append({"type": "Feature", "properties": keep, "geometry": geometry})
        text = json.dumps(
            {"type": "FeatureCollection", "features": features}, separators=(",", ":")
        )
        (OUT / target).write_text(text + "\n", encoding="utf-8")
        print(f"{target}: {len(features)} features, {len(text):,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"))
