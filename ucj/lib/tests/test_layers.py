"""The apps' layers (docs/ARCHITECTURE.md, "Layers"): an app imports only apps below it,
never one beside or above it, and no module imports itself round a circle, between
apps or inside one. Read from the source (`layers.py`), module-level and function-level
imports alike, so a lazy import inside a function cannot hide a dependency."""

from __future__ import annotations

from pathlib import Path

import pytest

from ucj.lib.tests import layers

ROOT = Path(__file__).resolve().parents[2]  # ucj/

# Lowest first. An app may import the apps of the groups before its own; apps of one
# group are independent of each other. Where each rule lives: docs/ARCHITECTURE.md.
LAYERS = [
    ("lib",),
    ("regions",),
    ("accounts",),
    ("audit",),
    ("intake",),
    ("indicators",),
    ("registry", "planning"),
    ("selection",),
    ("monev",),
    ("notify", "campaigns"),
    ("ops",),
    ("web", "api"),
]


def _report(edges: list[layers.Edge]) -> str:
    return "\n".join(sorted({str(e) for e in edges}))


def test_every_app_has_a_layer():
    apps = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} - {"locale"}
    placed = {app for group in LAYERS for app in group}
    assert apps == placed


def test_every_import_names_a_module_that_exists():
    assert layers.unresolved(ROOT) == []


def test_apps_import_only_the_layers_below():
    bad = layers.layer_violations(layers.edges(ROOT), LAYERS)
    assert not bad, "imports that go up or sideways:\n" + _report(bad)


def test_no_import_circles_between_apps_or_inside_one():
    edges = layers.edges(ROOT)
    assert layers.cycles(edges, key="app") == []
    assert layers.cycles(edges, key="module") == []


# The check itself must be able to fail: a planted tree with each kind of violation.


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "ucj"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return root


PLANTED_LAYERS = [("lib",), ("low",), ("high", "peer")]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"low/a.py": "from ucj.high import b\n", "high/b.py": ""}, "ucj.low.a imports ucj.high.b"),
        (
            {"low/a.py": "def f():\n    import ucj.high.b\n", "high/b.py": ""},
            "ucj.low.a imports ucj.high.b",
        ),
        ({"lib/a.py": "from ucj.low.b import x\n", "low/b.py": "x = 1\n"}, "ucj.lib.a imports"),
        ({"high/a.py": "from ucj.peer import b\n", "peer/b.py": ""}, "ucj.high.a imports"),
        ({"high/a.py": "from ..low import b\n", "low/b.py": ""}, None),  # relative, downward
        ({"low/a.py": "from ..high import b\n", "high/b.py": ""}, "ucj.low.a imports ucj.high.b"),
        ({"other/a.py": "from ucj.lib import b\n", "lib/b.py": ""}, "ucj.other.a imports"),
    ],
)
def test_a_planted_layer_violation_is_found(tmp_path, files, expected):
    bad = _report(layers.layer_violations(layers.edges(_plant(tmp_path, files)), PLANTED_LAYERS))
    if expected is None:
        assert bad == ""
    else:
        assert expected in bad


def test_a_planted_import_of_a_moved_module_is_found(tmp_path):
    root = _plant(tmp_path, {"low/a.py": "from ucj.low.gone import x\n", "low/b.py": ""})
    assert [line.split(": ")[-1] for line in layers.unresolved(root)] == ["ucj.low.gone"]


def test_a_planted_circle_is_found(tmp_path):
    root = _plant(
        tmp_path,
        {
            "low/a.py": "from ucj.low import b\n",
            "low/b.py": "def f():\n    from ucj.low.c import g\n",
            "low/c.py": "from ucj.low.a import x\n",
        },
    )
    assert layers.cycles(layers.edges(root)) == [["ucj.low.a", "ucj.low.b", "ucj.low.c"]]
    root = _plant(
        tmp_path / "apps",
        {"low/a.py": "from ucj.high import b\n", "high/b.py": "from ucj.low import a\n"},
    )
    assert layers.cycles(layers.edges(root), key="app") == [["high", "low"]]
