"""Bringing a database to a usable state: migrations, region master, defaults."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from ucj.lib.discovery import app_modules


def initialise(verbosity: int = 0) -> dict[str, Any]:
    """Migrate, load the region master and each app's defaults. Safe to repeat."""
    call_command("migrate", interactive=False, verbosity=verbosity)
    from ucj.regions.loader import load_master

    result = load_master()
    for module in app_modules("defaults"):
        module.ensure_defaults()
    return result


def load_demo(stdout: Any) -> list[str]:
    """Each app's demo loader (`demo.py` with `load(stdout)`), in INSTALLED_APPS order."""
    done = []
    for module in app_modules("demo"):
        module.load(stdout)
        done.append(module.__name__.split(".")[1])
    return done
