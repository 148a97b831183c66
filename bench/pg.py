"""A PostgreSQL database of a benchmark's own, next to the one UCJ_DATABASE_URL names:
created fresh (a leftover of a killed run is dropped first) and dropped at the end.
Both go through the maintenance database `postgres`: the named one need not exist."""

from __future__ import annotations


def _maintenance(url: str) -> str:
    return f"{url.rsplit('/', 1)[0]}/postgres"


def own_database(url: str, bench: str) -> str:
    """`<name>_bench_<bench>` beside the database in `url`; returns its URL."""
    import psycopg

    base, name = url.rsplit("/", 1)
    own = f"{name.split('?')[0]}_bench_{bench}"
    with psycopg.connect(_maintenance(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own}"')
        conn.execute(f'CREATE DATABASE "{own}"')
    return f"{base}/{own}"


def drop_database(bench_url: str) -> None:
    import psycopg

    own = bench_url.rsplit("/", 1)[1]
    with psycopg.connect(_maintenance(bench_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')
