"""Build ucj/regions/data/*.csv from the npm package idn-area-data (ODbL).

Run by hand when a new decree comes out; the output is committed, the input is not:

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz && mv package idn4
    npm pack idn-area-data@2.2.1 && tar xzf idn-area-data-2.2.1.tgz && mv package idn2
    python scripts/build_region_master.py idn4 idn2

idn-area-data 4.0.1 carries the codes of Kepmendagri 300.2.2-2138/2025; 2.2.1 carries
those of Kepmendagri 100.1.1-6117/2022, in which Papua Barat Daya still used 92.xx.
The 2021 codes of the regencies that left Papua in 2022 (Permendagri 58/2021) are
written below, because no registry package carries them any more.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ucj" / "regions" / "data"

# Spelling fixes to bring 4.0.1 to the decree's text (typographic only).
KECAMATAN_SPELLING = {
    "12.23.06": "Na IX-X",
    "32.05.38": "Limbangan",
    "35.29.22": "Ra'as",
    "95.04.12": "Konda/Kondaga",
}

# Permendagri 58/2021 codes of the regencies moved out of Papua (91) in 2022.
PAPUA_2021 = {
    "91.01": "Merauke",
    "91.02": "Jayawijaya",
    "91.04": "Nabire",
    "91.07": "Puncak Jaya",
    "91.08": "Paniai",
    "91.09": "Mimika",
    "91.12": "Pegunungan Bintang",
    "91.13": "Yahukimo",
    "91.14": "Tolikara",
    "91.16": "Boven Digoel",
    "91.17": "Mappi",
    "91.18": "Asmat",
    "91.21": "Mamberamo Tengah",
    "91.22": "Yalimo",
    "91.23": "Lanny Jaya",
    "91.24": "Nduga",
    "91.25": "Puncak",
    "91.26": "Dogiyai",
    "91.27": "Intan Jaya",
    "91.28": "Deiyai",
}
EVENTS = {
    "93": ("Pembentukan Provinsi Papua Selatan", "UU 14/2022", "2022-07-25"),
    "94": ("Pembentukan Provinsi Papua Tengah", "UU 15/2022", "2022-07-25"),
    "95": ("Pembentukan Provinsi Papua Pegunungan", "UU 16/2022", "2022-07-25"),
    "96": (
        "Pembentukan Provinsi Papua Barat Daya; kode baru",
        "UU 29/2022; Kepmendagri 300.2.2-2138/2025",
        "2025-04-25",
    ),
}


def dotted(code: str) -> str:
    code = code.replace(".", "")
    parts = [code[:2], code[2:4], code[4:6], code[6:]]
    return ".".join(p for p in parts if p)


def titled(name: str) -> str:
    name = re.sub(r"^KAB\.?\s+", "KABUPATEN ", name.strip().upper())
    return " ".join(w.capitalize() for w in name.split())


def key(name: str) -> str:
    """Compact, prefix kept: Kabupaten Sorong and Kota Sorong stay apart."""
    name = re.sub(r"^kab\.?\s+", "kabupaten ", name.strip().lower())
    return re.sub(r"[^a-z0-9]", "", name)


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / "data" / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def level_of(name: str) -> str:
    return "city" if name.startswith("Kota ") else "regency"


def main(new_dir: Path, old_dir: Path) -> None:
    rows: list[tuple[str, str, str, str]] = []
    for p in read(new_dir, "provinces.csv"):
        rows.append((p["code"], p["name"], "province", ""))
    regencies = read(new_dir, "regencies.csv")
    for r in regencies:
        rows.append((r["code"], r["name"], level_of(r["name"]), r["province_code"]))
    for d in read(new_dir, "districts.csv"):
        name = KECAMATAN_SPELLING.get(d["code"], d["name"])
        rows.append((d["code"], name, "district", d["regency_code"]))

    by_key = {(r["province_code"], key(r["name"])): r for r in regencies}
    legacy: list[tuple[str, str, str, str, str, str, str]] = []
    for old, short in PAPUA_2021.items():
        new = next(
            r
            for (prov, k), r in by_key.items()
            if k == key("Kabupaten " + short) and prov in EVENTS
        )
        event, basis, date = EVENTS[new["province_code"]]
        legacy.append((old, "Kabupaten " + short, "regency", new["code"], event, basis, date))

    old_regencies = {dotted(r["code"]): titled(r["name"]) for r in read(old_dir, "regencies.csv")}
    old_districts = read(old_dir, "districts.csv")
    new_districts = {
        (d["regency_code"], key(d["name"])): d["code"] for d in read(new_dir, "districts.csv")
    }
    event, basis, date = EVENTS["96"]
    for old_code, old_name in old_regencies.items():
        if not old_code.startswith("92."):
            continue
        new = by_key.get(("96", key(old_name)))
        if new is None:
            continue
        legacy.append((old_code, old_name, level_of(old_name), new["code"], event, basis, date))
        for d in old_districts:
            if dotted(d["regency_code"]) != old_code:
                continue
            target = new_districts.get((new["code"], key(d["name"])))
            if target:
                legacy.append(
                    (dotted(d["code"]), titled(d["name"]), "district", target, event, basis, date)
                )

    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "regions.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerows(rows)
    with (OUT / "legacy.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["old_code", "old_name", "level", "new_code", "event", "legal_basis", "effective_date"]
        )
        w.writerows(sorted(legacy))
    print(f"{len(rows)} regions, {len(legacy)} legacy codes written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
