"""The baselines of bench/reconcile's stored mode (issue 17): what the same roster file
against the same list store costs without our engine. Each does less than ours (no NIK
validation, no duplicate rule, no statuses per person, no summary): they only hash the
roster's NIKs with the same key and join them with the stored lists' hashes.

  join_stored    a bare Polars join (roster CSV, keyed hash, join with the Parquet)
  duckdb_stored  DuckDB doing the same in SQL (HMAC written with sha256, RFC 2104)
  pandas_stored  an analyst's pandas script (per-row `hmac`, pyarrow read, merge)
"""

from __future__ import annotations

from pathlib import Path

import polars as pl


def run(name: str, roster: Path, store: Path, key: str) -> int:
    """Rows joined by the baseline `name`."""
    if name == "join_stored":
        import polars_hash  # noqa: F401

        hashed = pl.scan_csv(roster, infer_schema=False).select(
            pl.col("nik").chash.hmac_sha256(key=key).alias("nik_hash")
        )
        parquet = pl.scan_parquet(str(store / "membership" / "*" / "*.parquet"))
        return hashed.join(parquet.select("nik_hash", "status"), on="nik_hash").collect().height
    if name == "pandas_stored":
        return _pandas_join(roster, store, key)
    import duckdb

    padded = key.encode().ljust(64, b"\0")
    ipad = bytes(b ^ 0x36 for b in padded).hex()
    opad = bytes(b ^ 0x5C for b in padded).hex()
    hmac = f"sha256(unhex('{opad}') || unhex(sha256(unhex('{ipad}') || nik::BLOB)))"
    sql = (
        f"SELECT count(*) FROM (SELECT {hmac} AS nik_hash FROM read_csv('{roster}', "
        f"all_varchar = true)) r JOIN read_parquet('{store}/membership/*/*.parquet') m "
        "USING (nik_hash)"
    )
    return int(duckdb.connect().execute(sql).fetchall()[0][0])


def _pandas_join(roster: Path, store: Path, key: str) -> int:
    """What an analyst's pandas script does (issue 17's third baseline): read the roster,
    HMAC each NIK with Python's hmac (pandas has no vectorised HMAC), read the stored
    lists' hashes and statuses with pyarrow, merge. Less than ours: no validation, no
    duplicates, no statuses per person, no summary."""
    import hashlib
    import hmac

    import pandas as pd

    frame = pd.read_csv(roster, dtype=str, usecols=["nik"], keep_default_na=False)
    secret = key.encode()
    frame["nik_hash"] = [
        hmac.new(secret, nik.encode(), hashlib.sha256).hexdigest() for nik in frame["nik"]
    ]
    files = sorted(str(p) for p in (store / "membership").glob("*/*.parquet"))
    members = pd.concat(
        [pd.read_parquet(f, columns=["nik_hash", "status"]) for f in files], ignore_index=True
    )
    return len(frame.merge(members, on="nik_hash"))
