"""Benchmark: the desa/kelurahan master and what it must not slow.

Timed on a fresh database: `ucj init` (region master without villages), loading the two
demo kab/kota's villages, loading all 83,762 (+1,002 retired), the same again (nothing to
do), and then, with every village loaded, what a page does with regions: the switcher's
type-ahead list (`/wilayah.json`, built uncached), a type-ahead search (`switcher.find`),
the resolver's index rebuild, the national region list of the API (`list_regions`) and a
kab/kota officer's scope (`allowed_regions`, which now holds its desa).
Prints one JSON object (seconds, counts).

    .venv/bin/python bench/villages/run.py            # all villages
    .venv/bin/python bench/villages/run.py --small    # CI: two kab/kota only

Runs on SQLite in a temporary UCJ_DATA_DIR; with UCJ_DATABASE_URL set, on PostgreSQL in
a database of its own (<name>_bench_villages, created and dropped here).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pg import drop_database, own_database  # noqa: E402


def timed(fn: Any, repeat: int = 1) -> tuple[float, Any]:
    runs, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t0)
    return round(statistics.median(runs), 4), out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="two kab/kota only (CI)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ucj-bench-villages-"))
    os.environ["UCJ_DATA_DIR"] = str(work)
    url = os.environ.get("UCJ_DATABASE_URL", "")
    if url:
        os.environ["UCJ_DATABASE_URL"] = own_database(url, "villages")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    from django.db import connection

    from ucj.accounts.roles import Role
    from ucj.accounts.scoping import allowed_regions
    from ucj.accounts.testing import make_user
    from ucj.regions import resolver, services
    from ucj.regions.loader import load_master
    from ucj.regions.villages import ensure_villages, loaded_counts
    from ucj.web import switcher
    from ucj.web.setup import initialise

    try:
        init_s, _ = timed(initialise)
        master_again_s, _ = timed(load_master)
        demo_s, demo_n = timed(lambda: ensure_villages(["18.02", "15.03"]))
        result: dict[str, Any] = {
            "database": connection.vendor,
            "init_s": init_s,
            "load_master_again_s": master_again_s,
            "demo_villages_s": demo_s,
            "demo_villages": demo_n,
        }
        if not args.small:
            all_s, all_n = timed(lambda: ensure_villages(None))
            again_s, _ = timed(lambda: ensure_villages(None))
            result |= {"all_villages_s": all_s, "all_villages_created": all_n}
            result["all_villages_again_s"] = again_s
        result["villages"] = loaded_counts()
        result["master_with_villages_again_s"] = timed(load_master)[0]
        officer = make_user("bench_saro", Role.KABKOTA, "15.03")
        result |= {
            "typeahead_list_s": timed(switcher.region_list, 5)[0],
            "typeahead_list_rows": len(switcher.region_list()),
            "typeahead_find_s": timed(lambda: switcher.find("Sarolangun"), 5)[0],
            "typeahead_find_name_miss_s": timed(lambda: switcher.find("Kasiro"), 5)[0],
            "resolver_index_s": timed(lambda: resolver.index(refresh=True), 3)[0],
            "list_regions_s": timed(lambda: len(list(services.list_regions())), 5)[0],
            "list_regions_rows": len(list(services.list_regions())),
            "kabkota_scope_s": timed(lambda: allowed_regions(officer).count(), 5)[0],
            "kabkota_scope_rows": allowed_regions(officer).count(),
        }
        print(json.dumps(result))
    finally:
        connection.close()
        if url:
            drop_database(os.environ["UCJ_DATABASE_URL"])
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
