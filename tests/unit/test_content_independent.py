"""make test runs the suite on each organisation's content, but a test marked
``content_independent`` only on the first: these tests prove that such a test cannot see
which content it runs on.

The content reaches a test only through tests.conftest.CONTENT (the variable that
chooses it is read nowhere else). So a test is content-independent when nothing it names
leads to CONTENT: no name imported from a module where it does, no fixture made from it
(built_site, data_dir, ...), no helper of its own module that does. The check reads the
sources (ast), and is conservative: a name made from CONTENT anywhere in a module taints
whatever mentions it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.content_independent

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
MARKER = "content_independent"
#: The variable that chooses the content (tests/conftest.py), spelt so that this module
#: does not hold it in one piece itself.
VARIABLE = "_".join(("POLICY", "CONTENT"))


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {module_name(path): ast.parse(path.read_text("utf-8"), str(path))
            for path in sorted(TESTS.rglob("*.py")) if "fixtures" not in path.parts}


def definitions(tree: ast.Module) -> dict[str, ast.AST]:
    """Each top-level name of a module and the statement that makes it."""
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[node.name] = node
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        found[name.id] = node
    return found


def mentioned(node: ast.AST) -> set[str]:
    """Every name a statement reads, the parameters of the functions in it (a parameter of
    a test or a fixture asks for the fixture of that name) and its strings (which
    request.getfixturevalue() would ask for)."""
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    names |= {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    for function in ast.walk(node):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = function.args
            names |= {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    return names


def imports(name: str, tree: ast.Module) -> dict[str, tuple[str, str | None]]:
    """Local name -> (module, name in it, or None for the module itself), for tests.*."""
    package = name.rsplit(".", 1)[0] if name.count(".") else name
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                source = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                  + ([source] if source else []))
            for alias in node.names:
                found[alias.asname or alias.name] = (source, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    found[alias.asname] = (alias.name, None)
                else:
                    found[alias.name.split(".")[0]] = (alias.name, None)
    return {local: target for local, target in found.items() if target[0].split(".")[0] == "tests"}


def conftests_of(name: str, names: set[str]) -> list[str]:
    """The conftest modules whose fixtures a test module sees: its folder's and above."""
    parts = name.split(".")
    return [c for c in (".".join(parts[:i] + ["conftest"]) for i in range(1, len(parts))) if c in names]


def tainted(trees: dict[str, ast.Module]) -> dict[str, set[str]]:
    """Module -> its top-level names that are made from the content, to a fixed point."""
    defined = {name: definitions(tree) for name, tree in trees.items()}
    imported = {name: imports(name, tree) for name, tree in trees.items()}
    found = {name: set() for name in trees}
    found["tests.conftest"].add("CONTENT")
    changed = True
    while changed:
        changed = False
        for name in trees:
            bad = set(found[name])
            for local, (module, member) in imported[name].items():
                if member is not None and f"{module}.{member}" in trees:  # from tests import content
                    module, member = f"{module}.{member}", None
                if module not in trees:  # nothing to read: taken as made from the content
                    bad.add(local)
                elif found[module] if member is None else member in found[module]:
                    bad.add(local)
            fixtures = {f for conftest in conftests_of(name, set(trees)) for f in found[conftest]}
            for local, node in defined[name].items():
                if local not in found[name] and mentioned(node) & (bad | fixtures):
                    found[name].add(local)
                    changed = True
    return found


def marked(tree: ast.Module) -> tuple[bool, list[str]]:
    """Whether the module is marked as a whole (pytestmark), and its functions marked one
    by one."""
    def is_marker(node: ast.AST) -> bool:
        return any(isinstance(n, ast.Attribute) and n.attr == MARKER for n in ast.walk(node))

    whole = any(isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets)
                and is_marker(node.value) for node in tree.body)
    functions = [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and any(is_marker(d) for d in node.decorator_list)]
    return whole, functions


def problems(name: str, tree: ast.Module, found: dict[str, set[str]]) -> list[str]:
    whole, functions = marked(tree)
    names = sorted(found[name]) if whole else sorted(set(functions) & found[name])
    if (whole or functions) and VARIABLE in ast.unparse(tree):
        names.append(VARIABLE)
    return names


def test_no_test_marked_content_independent_can_see_the_content():
    # This module names what it looks for, as names and strings; it reads only sources.
    trees = {name: tree for name, tree in modules().items() if name != __name__}
    found = tainted(trees)
    wrong = {name: problems(name, tree, found) for name, tree in trees.items()}
    assert {name: names for name, names in wrong.items() if names} == {}
    assert sum(marked(tree)[0] for tree in trees.values()) >= 5  # the marker is in use


def test_the_check_finds_the_content_however_it_is_reached():
    sources = {
        "tests.conftest": "CONTENT = 1\ndef copy_project(t):\n    return CONTENT\n"
                          "import pytest\n@pytest.fixture\ndef built_site():\n    return copy_project(0)\n",
        "tests.helper": "from tests.conftest import copy_project\ndef build():\n    return copy_project(1)\n",
        "tests.unit.test_direct": "from tests.conftest import CONTENT\ndef test_a():\n    assert CONTENT\n",
        "tests.unit.test_helper": "from tests.helper import build\ndef test_a():\n    build()\n",
        "tests.unit.test_module": "from tests import helper\ndef test_a():\n    helper.build()\n",
        "tests.unit.test_fixture": "def test_a(built_site):\n    pass\n",
        "tests.unit.test_indirect": "import pytest\n@pytest.fixture\ndef site(built_site):\n    return 1\n"
                                    "def test_a(site):\n    pass\n",
        "tests.unit.test_value": "from tests.conftest import CONTENT\nPAGES = list(CONTENT)\n"
                                 "def test_a():\n    assert PAGES\n",
        "tests.unit.test_asked": "def test_a(request):\n    request.getfixturevalue('built_site')\n",
        "tests.unit.test_clean": "from tests.conftest import made_once\ndef test_a(tmp_path):\n    pass\n",
    }
    found = tainted({name: ast.parse(text) for name, text in sources.items()})
    assert {name: "test_a" in names for name, names in found.items() if name.startswith("tests.unit")} == {
        "tests.unit.test_direct": True, "tests.unit.test_helper": True, "tests.unit.test_module": True,
        "tests.unit.test_fixture": True, "tests.unit.test_indirect": True, "tests.unit.test_value": True,
        "tests.unit.test_asked": True, "tests.unit.test_clean": False,
    }


def test_the_product_never_reads_which_content_the_tests_run_on():
    readers = [path.relative_to(ROOT).as_posix()
               for folder in ("macros", "publishing") for path in sorted((ROOT / folder).rglob("*.py"))
               if VARIABLE in path.read_text("utf-8")]
    assert readers == []
