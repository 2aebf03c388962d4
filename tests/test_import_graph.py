"""The shape of the package: no import cycles, surfaces that do not import each other, and a
light `import coach`.

Every `import` / `from … import` of a `coach` module counts, at module level and inside
functions alike (a function-level import is a dependency that is merely paid later; a cycle
through one still means two modules cannot be understood apart). Only imports under
`if TYPE_CHECKING:` are left out: they never run, they exist for type checkers.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "coach"

# The clients of the library core: none imports another's module, and the library imports none.
# The command line fronts the batch runner and the bench (`review --jobs`, `bench`), so it may call
# them; nothing calls the command line or the panel.
SURFACES = ("coach.cli", "coach.panel", "coach.batch", "coach.bench")
FRONTS = {("coach.cli", "coach.batch"), ("coach.cli", "coach.bench")}
# `python -m coach` runs coach/__main__.py, the command line's entry point.
SURFACE_OF = {"coach.__main__": "coach.cli"}
# The bench measures the live page's own capture worker (eco mode, and its memory over a shift),
# which it imports as is; a viewing page's picture is made by the page's own JPEG function, and the
# memory replay imports the live page so its process holds what a live page's process holds.
ALLOWED_BETWEEN_SURFACES = {
    ("coach.bench.eco", "coach.panel.live_worker"),
    ("coach.bench.eco", "coach.panel.view"),
    ("coach.bench.eco", "coach.panel.refresh"),
    ("coach.bench.live_memory", "coach.panel.live_worker"),
    ("coach.bench.live_memory", "coach.panel.live"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported_names(tree: ast.AST, module: str, is_package: bool, modules: dict[str, Path]):
    """(imported module name) for every import that can run, relative ones resolved.

    `from pkg import sub` counts the module `pkg.sub` when there is one (the package's own
    `__init__` runs as the parent of any submodule anyway), else the names' module `pkg`."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            skip.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in modules else base


def import_graph() -> dict[str, set[str]]:
    modules = _modules()

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = {owner(name) for name in _imported_names(tree, module, path.name == "__init__.py", modules)
                   if name == "coach" or name.startswith("coach.")}
        targets.discard(None)
        targets.discard(module)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _surface(module: str) -> str | None:
    if module in SURFACE_OF:
        return SURFACE_OF[module]
    return next((s for s in SURFACES if module == s or module.startswith(s + ".")), None)


def test_the_graph_is_read_from_the_sources():
    graph = import_graph()
    assert len(graph) > 100
    assert "coach.core" in graph["coach.review"]  # a module-level import
    assert "coach.engine" in graph["coach.core"]  # a function-level import counts too


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_coach():
    assert cycles(import_graph()) == []


def test_surfaces_do_not_import_each_other_and_the_library_imports_none():
    wrong = []
    for module, targets in import_graph().items():
        mine = _surface(module)
        for target in targets:
            theirs = _surface(target)
            if theirs is None or theirs == mine or (mine, theirs) in FRONTS \
                    or (module, target) in ALLOWED_BETWEEN_SURFACES:
                continue
            wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_import_coach_loads_no_cli_panel_or_models():
    probe = ("import sys; import coach; coach.AnalyzerOptions; "
             "print(' '.join(sorted(m for m in ('argparse', 'streamlit', 'mediapipe', 'cv2', 'tqdm') "
             "if m in sys.modules)))")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                           timeout=120, check=True)
    assert shown.stdout.strip() == ""


def test_the_flat_api_names_resolve():
    import coach

    for name in coach.__all__:
        assert getattr(coach, name) is not None
