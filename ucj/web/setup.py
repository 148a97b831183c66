"""Bringing a database to a usable state: migrations, region master, defaults."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management import call_command


def initialise(verbosity: int = 0) -> dict[str, Any]:
    """Migrate, load the region master and each app's defaults. Safe to repeat."""
    call_command("migrate", interactive=False, verbosity=verbosity)
    from ucj.regions.loader import load_master

    result = load_master()
    for app in apps.get_app_configs():
        if not app.name.startswith("ucj."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.defaults")
        except ModuleNotFoundError:
            continue
        module.ensure_defaults()
    return result


def load_demo(stdout: Any) -> list[str]:
    """Each app's demo loader (`demo.py` with `load(stdout)`), in INSTALLED_APPS order."""
    done = []
    for app in apps.get_app_configs():
        if not app.name.startswith("ucj."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.demo")
        except ModuleNotFoundError:
            continue
        module.load(stdout)
        done.append(app.label)
    return done
