"""The code's shape: no module imports, even lazily, a module that imports it back, and no
module reaches into another package's private (underscore) modules or attributes."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from .conftest import REPO

PACKAGE = "guanxin_cli"
SOURCE = REPO / "src" / PACKAGE
# Underscored, yet documented as public by its package.
PUBLIC = {("os", "_exit")}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> Iterator[tuple[str, ast.AST]]:
    """Every module ``name`` imports, wherever the import is (names imported from a
    package count as its modules, where they are)."""
    base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                head = base[: len(base) - node.level + 1]
                module = ".".join([*head, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield module, node
            for alias in node.names:
                yield f"{module}.{alias.name}", node


def cycles(graph: dict[str, set[str]]) -> list[str]:
    """Each way a module comes back to itself through the modules it imports."""
    found = []
    for start in graph:
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            here, trail = stack.pop()
            for nxt in sorted(graph[here]):
                if nxt == start:
                    found.append(" → ".join([*trail, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    return found


def test_no_import_cycles() -> None:
    """Modules import one another one way only, so each can be read (and moved) without
    the ones above it."""
    found = modules()
    graph = {m: {i for i, _ in imports(m, p) if i in found and i != m} for m, p in found.items()}
    assert cycles(graph) == []


def _private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def private_uses(name: str, path: Path) -> list[str]:
    """Where module ``name`` (at ``path``) imports another package's private module or
    name, or uses a private attribute of a module it imported."""
    found = []
    external: set[str] = set()  # names bound to another package's modules
    for module, node in imports(name, path):
        if module.startswith(PACKAGE) or module == "__future__.annotations":
            continue
        if isinstance(node, ast.Import):
            external.update(a.asname or a.name.split(".")[0] for a in node.names)
        if _private(module):
            found.append(f"{path.name}:{getattr(node, 'lineno', 0)} imports {module}")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in external
            and _private(node.attr)
            and (node.value.id, node.attr) not in PUBLIC
        ):
            found.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_private_use_of_other_packages() -> None:
    """Nothing of another package's that its authors may change without notice: no
    ``from typer._coercion``, ``pydantic._internal``, ``atexit._run_exitfuncs``."""
    assert [use for name, path in modules().items() for use in private_uses(name, path)] == []


def test_what_the_checks_look_for_is_found(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(
        "import atexit\nimport os\n"
        "def f():\n    from typer import _coercion\n    from pydantic._internal import x\n"
        "atexit._run_exitfuncs()\nos._exit(0)\nos.path\n",
        encoding="utf-8",
    )
    assert private_uses("guanxin_cli.m", path) == [
        "m.py:4 imports typer._coercion",
        "m.py:5 imports pydantic._internal",
        "m.py:5 imports pydantic._internal.x",
        "m.py:6 uses atexit._run_exitfuncs",
    ]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        "a → b → c → a",
        "b → c → a → b",
        "c → a → b → c",
    ]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_rendering_knows_nothing_of_digests_or_loading() -> None:
    """``render`` lays out result objects; how they were computed or cached is not its
    business."""
    found = modules()
    below = (
        "guanxin_cli.year.digest",  # (and digest_fast)
        "guanxin_cli.digest_plain",
        "guanxin_cli.collect",
        "guanxin_cli.workspace",
        "guanxin_cli.cache",
    )
    uses = {
        (name, module)
        for name, path in found.items()
        if name.startswith("guanxin_cli.render")
        for module, _ in imports(name, path)
        if module.startswith(below)
    }
    assert uses == set()


def test_the_years_computations_read_no_files() -> None:
    """``year/`` computes from models and a date: it imports nothing that finds, reads,
    caches or checks files (``tracking`` is free of the loader), so it can be read, tested
    and moved on its own; ``collect`` is where the files and the computations meet."""
    found = modules()
    year = {name: path for name, path in found.items() if name.startswith("guanxin_cli.year.")}
    assert {"guanxin_cli.year.tracking", "guanxin_cli.year.scope"} <= set(year)
    files = (
        "guanxin_cli.workspace",
        "guanxin_cli.collect",
        "guanxin_cli.cache",
        "guanxin_cli.yamlio",
    )
    files += ("guanxin_cli.workers", "guanxin_cli.validation", "guanxin_cli.atomic")
    uses = {
        (name, module)
        for name, path in year.items()
        for module, _ in imports(name, path)
        if module.startswith(files)
    }
    assert uses == set()


def _blocked_tests(path: Path) -> Iterator[str]:
    """The functions of a module that compare an entry's ``status`` with "blocked"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                status = any(isinstance(s, ast.Attribute) and s.attr == "status" for s in sides)
                blocked = any(isinstance(s, ast.Constant) and s.value == "blocked" for s in sides)
                if status and blocked:
                    yield f"{path.relative_to(SOURCE)}:{func.name}"


def test_the_blocked_rule_is_written_once() -> None:
    """An item is blocked when its entry, as it stood on the as-of date, says so: one
    function says it (``year.items.marked_blocked``), and the items and the digests both
    ask it, so the two cannot come to disagree."""
    year = sorted((SOURCE / "year").glob("*.py"))
    found = [where for path in [*year, SOURCE / "collect.py"] for where in _blocked_tests(path)]
    assert found == ["year/items.py:marked_blocked"]
    users = {
        path.name
        for path in year
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Name) and node.id == "marked_blocked"
    }
    assert users == {"items.py", "digest_fast.py"}


# A module longer than this holds more than one concern (the house rule says "about 500
# lines"; the margin lets a module near the line take a docstring without a split).
MOST_LINES = 520


def generated(path: Path) -> bool:
    """Written by a script, not by hand (its docstring says so: ``(do not edit)``)."""
    return "(do not edit)" in path.read_text(encoding="utf-8")[:400]


def test_no_hand_written_module_is_long() -> None:
    """Each module can be read in one sitting: none written by hand runs past ~500 lines."""
    long = {
        name: lines
        for name, path in modules().items()
        if not generated(path)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}
    assert generated(SOURCE / "core_schemas.py")  # (the one module the rule leaves out)
