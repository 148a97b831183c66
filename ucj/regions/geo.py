"""Boundaries for the choropleths: loading GeoJSON into `regions.Boundary` and building
the small FeatureCollection a map page sends to the browser.

Stored geometry is a MultiPolygon wound for d3-geo/Plotly (exterior rings clockwise).

Geometry is simplified (Douglas-Peucker) and rounded on load so that a map page stays
small: at 3 decimals (~100 m) the kab/kota layer is a fraction of the source file, and
on a dashboard map a region is a few pixels wide anyway.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

import ucj.regions
from ucj.lib.bilingual import pair
from ucj.regions import names
from ucj.regions.models import KABKOTA, Boundary, Level, Region
from ucj.regions.signals import data_changed

Point = list[float]
Ring = list[Point]

DEFAULT_TOLERANCE = 0.01  # degrees, ~1 km
DEFAULT_DECIMALS = 3

# Boundaries that ship with the package (MIT, Cahya DSN; see LICENSE-boundaries.md next
# to them), already simplified by scripts/build_boundaries.py with the defaults above.
SHIPPED_DIR = Path(ucj.regions.__file__).resolve().parent / "data"
SHIPPED = {
    Level.PROVINCE.value: SHIPPED_DIR / "boundaries_provinces.geojson",
    "regency": SHIPPED_DIR / "boundaries_kabkota.geojson",
}


class GeoFileError(Exception):
    """The file cannot be read as a GeoJSON FeatureCollection."""


def _perp_sq(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2
    t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    x, y = a[0] + t * dx, a[1] + t * dy
    return (p[0] - x) ** 2 + (p[1] - y) ** 2


def simplify_line(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (rings have thousands of points)."""
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol_sq = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            dist = _perp_sq(points[i], points[first], points[last])
            if dist > best:
                best, index = dist, i
        if index != -1 and best > tol_sq:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(ring: Ring, tolerance: float, decimals: int) -> Ring | None:
    simple = simplify_line(ring, tolerance)
    out: Ring = []
    for x, y, *_rest in simple:
        point = [round(x, decimals), round(y, decimals)]
        if not out or out[-1] != point:
            out.append(point)
    if len(out) < 4:  # a closed ring needs 3 distinct corners + the closing point
        return None
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _signed_area(ring: Ring) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring)) / 2


def _wound(ring: Ring, clockwise: bool) -> Ring:
    """Plotly's geo maps (d3-geo) want exterior rings clockwise and holes
    counter-clockwise, the opposite of RFC 7946: with the RFC order a region is drawn
    as the whole globe minus itself."""
    is_clockwise = _signed_area(ring) < 0
    return ring if is_clockwise == clockwise else ring[::-1]


def _polygon(rings: list[Ring], tolerance: float, decimals: int) -> list[Ring] | None:
    outer = _ring(rings[0], tolerance, decimals) if rings else None
    if outer is None:
        # Small islands vanish at the tolerance: keep them with rounding only.
        outer = _ring(rings[0], 0, decimals) if rings else None
        if outer is None:
            return None
    holes = [h for h in (_ring(r, tolerance, decimals) for r in rings[1:]) if h]
    return [_wound(outer, clockwise=True), *[_wound(h, clockwise=False) for h in holes]]


def simplify_geometry(geometry: dict[str, Any], tolerance: float, decimals: int) -> dict[str, Any]:
    kind = geometry.get("type")
    if kind == "Polygon":
        polys = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polys = geometry["coordinates"]
    else:
        raise GeoFileError(pair(_("geometri %(kind)s tidak didukung"), kind=kind).joined())
    # Islets smaller than a few tolerances are invisible on a dashboard map but are most
    # of the polygons in Indonesia's boundaries; the largest polygon always stays.
    polys = sorted(polys, key=_extent, reverse=True)
    min_extent = tolerance * 4
    kept = [polys[0]] + [p for p in polys[1:] if _extent(p) >= min_extent] if polys else []
    out = [p for p in (_polygon(rings, tolerance, decimals) for rings in kept) if p]
    return {"type": "MultiPolygon", "coordinates": out}


def _extent(rings: list[Ring]) -> float:
    if not rings or not rings[0]:
        return 0.0
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    return max(max(xs) - min(xs), max(ys) - min(ys))


@dataclass
class LoadResult:
    file: str
    level: str
    features: int = 0
    loaded: int = 0
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    bytes_in: int = 0
    bytes_stored: int = 0

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _levels(level: str) -> tuple[str, ...]:
    return (Level.PROVINCE,) if level == Level.PROVINCE else tuple(KABKOTA)


def load_boundaries(
    path: Path,
    level: str,
    code_property: str = "code",
    tolerance: float = DEFAULT_TOLERANCE,
    decimals: int = DEFAULT_DECIMALS,
) -> LoadResult:
    """Check every feature's code against the region master; when all match, replace
    the boundaries of those regions in one transaction. With any unmatched feature,
    nothing is written (the result lists them)."""
    try:
        raw = path.read_bytes()
        data = json.loads(raw)
    except OSError as exc:
        raise GeoFileError(
            pair(_("%(path)s: tidak dapat dibaca (%(error)s)"), path=path, error=exc).joined()
        ) from exc
    except ValueError as exc:
        raise GeoFileError(
            pair(_("%(path)s: bukan JSON yang sah (%(error)s)"), path=path, error=exc).joined()
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoFileError(pair(_("%(path)s: bukan FeatureCollection"), path=path).joined())
    result = LoadResult(file=str(path), level=level, bytes_in=len(raw))
    regions = {r.code: r for r in Region.objects.current().filter(level__in=_levels(level))}
    rows: list[tuple[Region, dict[str, Any]]] = []
    for index, feature in enumerate(data.get("features") or [], start=1):
        result.features += 1
        props = feature.get("properties") or {}
        raw_code = str(props.get(code_property, "") or "").strip()
        code = names.dotted_code(raw_code) if names.looks_like_code(raw_code) else raw_code
        region = regions.get(code)
        if region is None or not feature.get("geometry"):
            result.unmatched.append(
                {"feature": index, "code": raw_code, "name": str(props.get("name", ""))}
            )
            continue
        rows.append((region, simplify_geometry(feature["geometry"], tolerance, decimals)))
    seen = {region.code for region, _g in rows}
    result.missing = sorted(set(regions) - seen)
    if result.unmatched:
        return result
    with transaction.atomic():
        Boundary.objects.filter(region__in=[r for r, _g in rows]).delete()
        Boundary.objects.bulk_create(
            Boundary(region=region, geometry=geom, source=path.name) for region, geom in rows
        )
        data_changed.send(sender=Boundary)  # a bulk insert sends no per-row signal
    result.loaded = len(rows)
    result.bytes_stored = sum(len(json.dumps(g, separators=(",", ":"))) for _r, g in rows)
    return result


def load_shipped(replace: bool = False) -> dict[str, int]:
    """Load the shipped boundaries of each layer that has none yet (or every layer with
    `replace`): what `ucj init` and `ucj demo` run, so maps work with no download.
    Boundaries loaded with `ucj geo load` are kept. Returns features loaded per layer."""
    done: dict[str, int] = {}
    for level, path in SHIPPED.items():
        exists = Boundary.objects.filter(region__level__in=_levels(level)).exists()
        if exists and not replace:
            done[level] = 0
            continue
        # Already simplified and rounded when built: load as they are.
        result = load_boundaries(path, level, tolerance=0, decimals=DEFAULT_DECIMALS)
        if result.unmatched:  # a region master older than the shipped file
            raise GeoFileError(f"{path.name}: {len(result.unmatched)} unmatched features")
        done[level] = result.loaded
    return done


def bounds(codes: list[str]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of these regions' boundaries, padded a little; None
    when none are loaded. The map is drawn to this box (Plotly's fitbounds keeps the
    world's aspect and draws a province small)."""
    xs: list[float] = []
    ys: list[float] = []
    for geom in Boundary.objects.filter(region__code__in=codes).values_list("geometry", flat=True):
        for polygon in geom.get("coordinates", []):
            for x, y in polygon[0] if polygon else []:
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    pad_x, pad_y = (max(xs) - min(xs)) * 0.02, (max(ys) - min(ys)) * 0.02
    return (min(xs) - pad_x, min(ys) - pad_y, max(xs) + pad_x, max(ys) + pad_y)


def layer_codes(layer: str) -> list[str]:
    """'provinsi' → the 38 provinces; 'kabkota' → all 514; a province code → its kab/kota."""
    if layer == "provinsi":
        regions = Region.objects.provinces()
    elif layer == "kabkota":
        regions = Region.objects.kabkota()
    else:
        regions = Region.objects.kabkota().in_province(layer)
    return list(regions.values_list("code", flat=True))


def feature_collection(codes: list[str]) -> dict[str, Any] | None:
    """Boundaries of these regions as a FeatureCollection keyed by `id` = region code
    (what Plotly's `featureidkey: "id"` matches); None when none are loaded."""
    rows = Boundary.objects.filter(region__code__in=codes).values_list("region__code", "geometry")
    features = [
        {"type": "Feature", "id": code, "properties": {}, "geometry": geom} for code, geom in rows
    ]
    return {"type": "FeatureCollection", "features": features} if features else None
