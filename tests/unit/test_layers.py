"""The core's layers (issue 19): every import runs downwards, none in a circle, and no
module but a generator's adapter imports that generator."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

MACROS = Path(__file__).resolve().parents[2] / "macros"
#: Lower layers first; a module may import its own layer and those before it.
LAYERS = ("policy", "views", "site")
ADAPTERS = {"mkdocs_adapter": "mkdocs", "zensical_adapter": "zensical"}
GENERATORS = {"mkdocs", "mkdocs_macros", "material", "mike", "zensical"}


def _module(path: Path) -> str:
    parts = path.relative_to(MACROS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at its top or inside a function, by full name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found |= {f"{stem}.{alias.name}" for alias in node.names}
    return found


MODULES = {_module(path): path for path in sorted(MACROS.rglob("*.py"))}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_the_core_has_the_three_layers_and_one_adapter_per_generator():
    assert {_layer(m) for m in MODULES} >= {*LAYERS, *ADAPTERS}
    assert (MACROS / "zensical_adapter.py").is_file() and (MACROS / "mkdocs_adapter" / "hooks.py").is_file()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_but_its_adapter_imports_a_generator(module):
    generators = {name.split(".")[0] for name in _imports(MODULES[module])} & GENERATORS
    allowed = {ADAPTERS[_layer(module)]} if _layer(module) in ADAPTERS else set()
    if allowed == {"mkdocs"}:
        allowed |= {"mkdocs_macros", "material"}
    assert generators <= allowed, f"{module} imports {sorted(generators - allowed)}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in LAYERS))
def test_imports_run_downwards(module):
    own = LAYERS.index(_layer(module))
    for name in _imports(MODULES[module]):
        if not name.startswith("macros"):
            continue
        layer = _layer(name)
        assert layer in LAYERS, f"{module} imports {name}, above the core's layers"
        assert LAYERS.index(layer) <= own, f"{module} ({_layer(module)}) imports {name} ({layer}), a higher layer"


def test_no_import_circle():
    graph = {
        module: {name for name in _imports(path) if name in MODULES and name != module}
        for module, path in MODULES.items()
    }
    # A package's __init__ is imported with each of its modules; it imports none of them here.
    for package in ("macros", "macros.policy", "macros.views", "macros.site"):
        assert not graph.get(package, set()) - {"macros"} or package == "macros", package
    visiting, done = [], set()

    def visit(module: str) -> None:
        if module in done:
            return
        assert module not in visiting, "import circle: " + " -> ".join(visiting[visiting.index(module):] + [module])
        visiting.append(module)
        for name in sorted(graph[module]):
            visit(name)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
