"""The Spark engine's side of bench/reconcile (issue 17 item 3): the same reconciliation
with `--engine spark` in local mode, its time reported beside Polars, not judged.

Run in its own child process by run.py. The session is started before the clock starts
(like the codebook: a server keeps one); seconds are wall time; CPU and peak RSS add the
JVM's own (read from /proc, since the JVM is a child the Python process never waits for).
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import time
from pathlib import Path
from typing import Any

MASTER = "local[2]"


def _jvm(pid: int) -> tuple[float, int]:
    """(CPU seconds, peak RSS in MB) of the JVM so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) // 1024
    return cpu, peak


def run(name: str, roster: Path, membership: Path) -> dict[str, Any]:
    from ucj.registry import engines
    from ucj.registry.codebook import codebook

    problem = engines.spark_missing()
    if problem is not None:
        return {"unavailable": problem.message_en}
    from ucj.registry.engines.spark_engine import session

    codebook()
    begun = time.perf_counter()
    spark = session(MASTER)
    started = round(time.perf_counter() - begun, 1)
    pid = spark.sparkContext._gateway.proc.pid
    engine = engines.get("spark", MASTER)
    jvm_cpu0, _ = _jvm(pid)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu0, start = usage.ru_utime + usage.ru_stime, time.perf_counter()
    as_of = dt.date(2026, 1, 15)
    if name == "reconcile_spark":
        from ucj.registry.services import reconcile_files

        outcome = reconcile_files(roster, membership, as_of, engine=engine)
    else:
        from ucj.registry.national import reconcile_national

        outcome = reconcile_national(roster, as_of, engine=engine)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    jvm_cpu, jvm_peak = _jvm(pid)
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return {
        "summary": outcome.summary,
        "in_no_roster": outcome.members_in_no_roster,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime - cpu0 + jvm_cpu - jvm_cpu0, 2),
        "peak_rss_mb": own_peak + jvm_peak,
        "session_start_seconds": started,
    }


def report(ours: dict[str, Any], spark: dict[str, Any]) -> None:
    """Spark's line beside the Polars engine's (reported, not judged)."""
    if "unavailable" in spark:
        print(f"spark: not run ({spark['unavailable']})")
        return
    same = spark["summary"] == ours["summary"] and spark["in_no_roster"] == ours["in_no_roster"]
    print(
        f"spark ({MASTER}): {spark['seconds']:.2f} s (CPU {spark['cpu_seconds']:.2f} s with "
        f"the JVM), peak RSS {spark['peak_rss_mb']} MB with the JVM; session start "
        f"{spark['session_start_seconds']:.1f} s (not counted); "
        f"{spark['seconds'] / max(ours['seconds'], 0.01):.2f}× Polars; same results: {same}"
    )
