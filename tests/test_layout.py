"""The package layout shows the pipeline, and its modules import each other in one direction only."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parents[1] / "src"
STAGES = ["sources", "extract", "graph", "resolve", "query", "exporters", "backends", "web", "cli"]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "policykg").rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _imports(modules: dict[str, Path]) -> nx.DiGraph:
    """Every import of one policykg module by another, at module level or inside a function (the package root,
    which every module imports implicitly for ``__version__``, left out)."""
    graph = nx.DiGraph()
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            graph.add_edges_from((name, t) for t in targets if t in modules and t not in {name, "policykg"})
    return graph


def test_no_import_cycle_even_inside_functions() -> None:
    graph = _imports(_modules())
    assert graph.number_of_edges() > 100  # the parse found the imports
    cycles = list(nx.simple_cycles(graph))
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles)


def test_the_pipeline_stages_are_folders_with_a_docstring() -> None:
    modules = _modules()
    for stage in STAGES:
        init = SRC / "policykg" / stage / "__init__.py"
        assert init.is_file(), f"policykg/{stage}/ is not a package"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"policykg/{stage}/ says nothing"
    flat = sorted(n for n in modules if n.count(".") == 1)
    # at the top: the public API, settings, errors and YAML loading shared by every stage — nothing of a stage
    assert set(flat) == {"policykg.__main__", "policykg.api", "policykg.config", "policykg.errors",
                         "policykg.yamlio", *(f"policykg.{s}" for s in STAGES)}


def test_no_module_assigns_a_top_level_name_twice() -> None:
    """A second `ZH_IS_A = re.compile(…)` further down silently replaces the first for every use of it (a bug that
    reached main once): each module-level name is bound by one assignment."""
    twice = []
    for path in sorted(SRC.rglob("*.py")):
        seen: dict[str, int] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) and node.value is not None else []
            for t in targets:
                if isinstance(t, ast.Name):
                    if t.id in seen:
                        twice.append(f"{path.relative_to(SRC)}:{node.lineno}: {t.id} (first at line {seen[t.id]})")
                    seen.setdefault(t.id, node.lineno)
    assert not twice, twice
