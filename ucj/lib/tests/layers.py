"""The import graph of `ucj/` read from the source (AST), for the layer test.

Every `import` and `from … import` counts, at module level and inside functions (a
function-level import is still a dependency, only a later one). Tests and migrations
are left out: tests may reach anything, and migrations name other apps' migrations,
not their code. The project's own root modules (`ucj/settings.py`, `urls.py`, `cli.py`,
…) sit above every app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SKIPPED_DIRS = {"tests", "migrations", "__pycache__"}


@dataclass(frozen=True)
class Edge:
    source: str  # importing module, e.g. "ucj.intake.writer"
    target: str  # imported module, e.g. "ucj.audit.models"
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.source} imports {self.target}"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        if SKIPPED_DIRS & set(path.relative_to(root).parts[:-1]):
            continue
        out[module_name(path, root)] = path
    return out


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that `name` starts with (`ucj.intake.kinds.Column` →
    `ucj.intake.kinds`); None for anything outside the tree."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def edges(root: Path) -> list[Edge]:
    known = modules(root)
    package = root.name
    out: list[Edge] = []
    for source, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against the importing module
                    anchor = source.split(".")
                    drop = node.level - (1 if is_package else 0)
                    anchor = anchor[: len(anchor) - drop] if drop else anchor
                    base = ".".join([*anchor, base] if base else anchor)
                # `from pkg import mod` imports the module pkg.mod when there is one
                names = [f"{base}.{a.name}" for a in node.names] or [base]
            for name in names:
                if not (name == package or name.startswith(package + ".")):
                    continue
                target = _resolve(name, known)
                if target and target != source:
                    out.append(Edge(source, target, str(path), node.lineno))
    return out


def unresolved(root: Path) -> list[str]:
    """Absolute imports of modules under `root` that do not exist (a file moved and an
    import left behind): `import ucj.x.y` and `from ucj.x.y import z` name a module."""
    known = modules(root)
    package = root.name
    out = []
    for path in known.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.startswith(package + ".") and name not in known:
                    out.append(f"{path}:{node.lineno}: {name}")
    return out


def layer_violations(all_edges: Iterable[Edge], layers: Sequence[Sequence[str]]) -> list[Edge]:
    """Edges that go up a layer or sideways between two apps of one layer. Root
    modules may import anything; an app missing from `layers` is a violation itself."""
    rank = {app: i for i, group in enumerate(layers) for app in group}
    bad = []
    for e in all_edges:
        src = _app(e.source)
        dst = _app(e.target)
        if not src or src == dst:
            continue
        if dst == "" or src not in rank or dst not in rank or rank[dst] >= rank[src]:
            bad.append(e)
    return bad


def _app(module: str) -> str:
    """`ucj.intake.writer` → `intake`; a root module (`ucj.settings`) → ``."""
    parts = module.split(".")
    if len(parts) >= 3:
        return parts[1]
    if len(parts) == 2 and parts[1] not in ROOT_MODULES:
        return parts[1]  # the app package's own __init__
    return ""


ROOT_MODULES = {"settings", "urls", "cli", "wsgi", "manage", "asgi"}


def cycles(all_edges: Iterable[Edge], key: str = "module") -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan): each is a set
    of modules (key="module") or apps (key="app") that import each other round a circle."""
    graph: dict[str, set[str]] = {}
    for e in all_edges:
        a, b = (e.source, e.target) if key == "module" else (_app(e.source), _app(e.target))
        if not a or not b or a == b:
            continue
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    return [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]


def _strongly_connected(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        # iterative Tarjan: (node, iterator over its successors)
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component
