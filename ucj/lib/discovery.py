"""How apps plug in: each app that has something to add puts it in a module of a known
name (`intake.py` its import kinds, `jobs.py` its jobs, `audit.py` an audit source,
`defaults.py`, `demo.py`), and whoever needs them imports them all with `app_modules`.
No app has to be named anywhere, and no app imports the one that reads its module."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> Iterator[ModuleType]:
    """Each installed `ucj.<app>.<name>` module, imported, in INSTALLED_APPS order. An
    app without one is skipped; an import error inside one is raised, not hidden."""
    for config in apps.get_app_configs():
        if not config.name.startswith("ucj."):
            continue
        module = f"{config.name}.{name}"
        try:
            yield importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
