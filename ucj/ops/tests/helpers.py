"""Run the real `ucj` in a subprocess against a database of its own (SQLite in a temp
folder, or a fresh PostgreSQL database beside UCJ_DATABASE_URL's), with production-like
settings; generate participant and potential files for every kab/kota."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SECRETS = {"UCJ_SECRET_KEY": secrets.token_urlsafe(48), "UCJ_NIK_KEY": secrets.token_urlsafe(48)}


def engines() -> list[str]:
    return ["sqlite", "postgresql"]


def env_for(data_dir: Path, db_url: str | None = None, **extra: str) -> dict[str, str]:
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("UCJ_", "DJANGO_")) and k != "PYTHONDEVMODE"
    }
    env = {**inherited, **SECRETS, "UCJ_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    if db_url:
        env["UCJ_DATABASE_URL"] = db_url
    env.update(extra)
    return env


def ucj(
    env: dict[str, str], *args: str, check: bool = True, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """This release's CLI; `cwd` another release's folder to run that release's code
    (`python -m` reads the package from the working folder first)."""
    run = subprocess.run(
        [sys.executable, "-m", "ucj.cli", *args],
        cwd=cwd or ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and run.returncode != 0:
        raise AssertionError(f"ucj {' '.join(args)}: {run.returncode}\n{run.stdout}\n{run.stderr}")
    return run


def ucj_popen(env: dict[str, str], *args: str, **kw: Any) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ucj.cli", *args], cwd=ROOT, env=env, **kw)


def fresh_pg(name: str) -> str | None:
    """A new empty PostgreSQL database `<base>_<name>`; None when no PostgreSQL is set."""
    url = os.environ.get("UCJ_DATABASE_URL")
    if not url:
        return None
    import psycopg

    base, db = url.rsplit("/", 1)
    own = f"{db.split('?')[0]}_{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{own}"')
    return f"{base}/{own}"


def drop_pg(url: str) -> None:
    import psycopg

    base, own = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')


def kabkota_codes(env: dict[str, str]) -> list[str]:
    rows = json.loads(ucj(env, "regions", "list", "--level", "regency", "--json").stdout)
    rows += json.loads(ucj(env, "regions", "list", "--level", "city", "--json").stdout)
    return sorted(r["code"] for r in rows)


def write_potential(path: Path, codes: list[str], year: int = 2025) -> Path:
    lines = ["wilayah;tahun;potensi"]
    lines += [f"{c};{year};{100_000 + (i * 7919) % 400_000}" for i, c in enumerate(codes)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_participants(path: Path, codes: list[str], months: list[str], seed: int = 1) -> Path:
    """Every kab/kota × month × 4 segments × (persons + 5 programs)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("wilayah;periode;segmen;program;peserta_aktif;data_per;sumber\n")
        for m, period in enumerate(months):
            for c, code in enumerate(codes):
                for s, seg in enumerate(("PU", "BPU", "JAKON", "PMI")):
                    base = 1_000 + (c * 7919 + s * 104_729 + seed) % 30_000 + m * 37
                    for p, prog in enumerate(("", "JKK", "JKM", "JHT", "JP", "JKP")):
                        fh.write(f"{code};{period};{seg};{prog};{base - p * 10};28/12/2025;BPJS\n")
    return path


COVERAGE_SCRIPT = """
import json
try:
    from ucj.indicators.data_months import distinct_periods
except ImportError:  # a release before the months moved out of the frame module
    from ucj.indicators.frame import distinct_periods
from ucj.indicators.coverage import objects_for
out = {}
for period in distinct_periods():
    objs = objects_for(period)
    out[period.strftime('%Y-%m')] = {
        code: [o['coverage_pct'], o['active_participants']] for code, o in sorted(objs.items())
    }
print(json.dumps(out))
"""


def coverage_everywhere(env: dict[str, str], cwd: Path | None = None) -> dict[str, dict[str, Any]]:
    """{period: {code: [coverage %, active participants]}} for every region and month,
    computed by this release, or by the release in `cwd`."""
    run = ucj(env, "manage", "shell", "--no-imports", "-c", COVERAGE_SCRIPT, cwd=cwd)
    return json.loads(run.stdout.strip().splitlines()[-1])
