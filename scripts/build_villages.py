"""Build ucj/regions/data/villages.csv.gz (and villages_legacy.csv.gz) from idn-area-data.

Run by hand when a new decree comes out, as scripts/build_region_master.py (same inputs):

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz && mv package idn4
    npm pack idn-area-data@2.2.1 && tar xzf idn-area-data-2.2.1.tgz && mv package idn2
    python scripts/build_villages.py idn4 idn2

villages.csv.gz holds code, name and parent (kecamatan) code of every current desa/kelurahan
(Kepmendagri 300.2.2-2138/2025). villages_legacy.csv.gz holds the 2022 codes of the desa of
Papua Barat Daya (92.xx, Kepmendagri 100.1.1-6117/2022) whose kecamatan moved to 96.xx,
matched by name inside the successor kecamatan; the event and basis are the kecamatan's
(read from legacy.csv at load time).
Every kecamatan code of the villages is checked against regions.csv; a mismatch stops.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ucj" / "regions" / "data"


def dotted(code: str) -> str:
    code = code.replace(".", "")
    parts = [code[:2], code[2:4], code[4:6], code[6:]]
    return ".".join(p for p in parts if p)


def titled(name: str) -> str:
    return " ".join(w.capitalize() for w in name.strip().split())


def key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / "data" / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_gz(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    # mtime=0: the same input gives the same bytes, so a rebuild shows no spurious diff.
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))


def main(new_dir: Path, old_dir: Path) -> None:
    with (OUT / "regions.csv").open(encoding="utf-8") as fh:
        ours = {r["code"] for r in csv.DictReader(fh) if r["level"] == "district"}
    villages = read(new_dir, "villages.csv")
    unknown = sorted({v["district_code"] for v in villages} - ours)
    if unknown:
        raise SystemExit(f"kecamatan codes not in regions.csv: {unknown[:20]}")
    rows = sorted((v["code"], v["name"].strip(), v["district_code"]) for v in villages)
    write_gz(OUT / "villages.csv.gz", ["code", "name", "parent_code"], rows)

    with (OUT / "legacy.csv").open(encoding="utf-8") as fh:
        moved = {
            r["old_code"]: r["new_code"]
            for r in csv.DictReader(fh)
            if r["level"] == "district" and r["old_code"].startswith("92.")
        }
    new_by_key = {(v["district_code"], key(v["name"])): v["code"] for v in villages}
    legacy = []
    for v in read(old_dir, "villages.csv"):
        old_kec = dotted(v["district_code"])
        if old_kec not in moved:
            continue
        target = new_by_key.get((moved[old_kec], key(v["name"])))
        if target:
            legacy.append((dotted(v["code"]), titled(v["name"]), old_kec, target))
    write_gz(
        OUT / "villages_legacy.csv.gz",
        ["old_code", "old_name", "old_parent_code", "new_code"],
        sorted(legacy),
    )
    print(f"{len(rows)} villages, {len(legacy)} legacy village codes written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
