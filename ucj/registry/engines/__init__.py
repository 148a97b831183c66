"""Engines that reconcile and count membership lists: `polars` (default) and `spark`.

    engine = engines.get("spark", master="spark://host:7077")   # EngineUnavailable if not
    outcome, rows = engine.reconcile(roster, Members(frame), "nik_hash")

The interface and what each engine does: base.py; docs/ARCHITECTURE.md, "Engines".
"""

from __future__ import annotations

import importlib.util
import os
import shutil

from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import Bilingual, pair
from ucj.registry.engines.base import Engine, EngineUnavailable, Members
from ucj.registry.engines.polars_engine import PolarsEngine

NAMES = ("polars", "spark")
DEFAULT = "polars"

__all__ = ["DEFAULT", "NAMES", "Engine", "EngineUnavailable", "Members", "get"]


def spark_missing() -> Bilingual | None:
    """Why Spark cannot start here (no PySpark, no Java), or None."""
    if importlib.util.find_spec("pyspark") is None:
        return pair(
            _(
                "Mesin Spark tidak tersedia: PySpark belum terpasang (pip install "
                "'ucj-monev[spark]', dan Java 17 atau lebih baru)"
            )
        )
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and os.path.isdir(java_home)):
        return pair(
            _(
                "Mesin Spark tidak tersedia: Java tidak ditemukan (pasang Java 17 atau "
                "lebih baru, mis. apt-get install openjdk-17-jre-headless)"
            )
        )
    return None


def get(name: str = DEFAULT, master: str | None = None) -> Engine:
    """The engine called `name`; raise EngineUnavailable when it cannot run here."""
    if name == "polars":
        return PolarsEngine()
    if name == "spark":
        problem = spark_missing()
        if problem is not None:
            raise EngineUnavailable(problem)
        from ucj.registry.engines.spark_engine import DEFAULT_MASTER, SparkEngine

        return SparkEngine(master or DEFAULT_MASTER)
    raise EngineUnavailable(pair(_("Mesin tidak dikenal: %(name)s"), name=name))
