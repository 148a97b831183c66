"""A lint in test form: pages, API and exports read scoped models only via for_user.

Scoped models are found, not listed: every model whose manager is a ScopedQuerySet.
A module under check may not write `<ScopedModel>.objects.<anything but for_user>`,
use `_default_manager`/`_base_manager`, or hand the bare model class to
get_object_or_404 / get_list_or_404.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

from ucj.accounts.scoping import ScopedQuerySet

ROOT = Path(__file__).resolve().parents[2]  # ucj/
PATTERNS = (
    "*/views.py",
    "*/views_*.py",
    "*/views/*.py",
    "*/api.py",
    "*/api_*.py",
    "api/*.py",
    "*/export*.py",
    "*/exports/*.py",
)
MANAGERS = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
# Queryset methods: `region.participations.filter(...)` reads a scoped model through a
# related manager, past for_user.
READS = {
    "all",
    "filter",
    "exclude",
    "get",
    "values",
    "values_list",
    "count",
    "first",
    "last",
    "aggregate",
    "annotate",
    "order_by",
    "select_related",
    "prefetch_related",
    "iterator",
    "exists",
    "in_bulk",
}


def scoped_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), ScopedQuerySet)
    }


def related_names() -> set[str]:
    """Reverse accessors (related_name) of the foreign keys of scoped models."""
    names = set()
    for model in apps.get_models():
        if not isinstance(model._default_manager.all(), ScopedQuerySet):
            continue
        for f in model._meta.get_fields():
            if f.is_relation and f.concrete and f.remote_field.related_name:
                names.add(f.remote_field.related_name)
    return {n for n in names if not n.endswith("+")}


def checked_files() -> list[Path]:
    found = {path for pattern in PATTERNS for path in ROOT.glob(pattern)}
    return sorted(p for p in found if "/tests/" not in str(p) and "/migrations/" not in str(p))


def violations(
    source: str, scoped: set[str], name: str = "<src>", related: frozenset[str] = frozenset()
) -> list[str]:
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in MANAGERS
            and isinstance(node.value, ast.Name)
            and node.value.id in scoped
        ):
            parent = parents.get(node)
            through = isinstance(parent, ast.Attribute) and parent.attr == "for_user"
            if node.attr != "objects" or not through:
                out.append(f"{name}:{node.lineno}: {node.value.id}.{node.attr} without for_user")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in SHORTCUTS
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in scoped
        ):
            out.append(f"{name}:{node.lineno}: {node.func.id}({node.args[0].id}) bypasses for_user")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in READS
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in related
        ):
            out.append(f"{name}:{node.lineno}: .{node.value.attr}.{node.attr} skips for_user")
    return out


def test_scoped_models_are_discovered():
    names = scoped_model_names()
    assert {"Participation", "Target", "MonthApproval"} <= names
    assert "Region" not in names and "ImportBatch" not in names


def test_the_check_catches_a_bypass():
    scoped = {"Participation"}
    bad = (
        "Participation.objects.filter(region=r)\n"
        "Participation.objects.all().for_user(u)\n"
        "Participation._default_manager.for_user(u)\n"
        "get_object_or_404(Participation, pk=1)\n"
    )
    assert len(violations(bad, scoped)) == 4
    good = "Participation.objects.for_user(u, 'view').filter(region=r)\nOther.objects.all()\n"
    assert violations(good, scoped) == []
    related = frozenset({"participations"})
    assert len(violations("region.participations.filter(period=p)\n", scoped, "", related)) == 1
    assert violations("data.participations\n", scoped, "", related) == []


def test_views_api_and_exports_use_the_choke_point():
    scoped = scoped_model_names()
    related = frozenset(related_names())
    assert {"participations", "targets"} <= related
    files = checked_files()
    assert any(p.name == "api.py" for p in files) and any(p.name == "views.py" for p in files)
    found = []
    for path in files:
        where = str(path.relative_to(ROOT.parent))
        found += violations(path.read_text(), scoped, where, related)
    assert found == [], "\n".join(found)
