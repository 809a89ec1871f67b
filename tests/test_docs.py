"""Docs never drift: every command has help with an example and is in the README."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from guanxin_cli.cli import app

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, str]]:
    out = []
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        out.append((name, (info.callback.__doc__ or "") if info.callback else ""))
    for group in app.registered_groups:
        sub = group.typer_instance
        assert sub is not None
        for info in sub.registered_commands:
            name = f"{group.name} {info.name}"
            out.append((name, (info.callback.__doc__ or "") if info.callback else ""))
    return out


@pytest.mark.parametrize(("name", "doc"), _commands())
def test_command_has_help_example_and_readme_entry(name: str, doc: str, run) -> None:  # type: ignore[no-untyped-def]
    assert "例 Example:" in doc and f"guanxin {name}" in doc
    assert f"guanxin {name}" in README
    result = run([*name.split(), "--help"])
    assert result.code == 0 and "Example" in result.out


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert ci in blocks
    # the programs the tests open files with are installed first (tests never skip for them)
    assert ci.startswith("sh scripts/test-parts.sh && ")
    assert any("pip install -q ." in b and "guanxin status" in b for b in blocks)


def test_readme_school_example_is_valid(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    example = next(
        b
        for b in re.findall(r"```yaml\n(.*?)```", README, flags=re.S)
        if "id: chaoyang-primary" in b
    )
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "data" / "schools").mkdir(parents=True)
    (root / "data" / "schools" / "chaoyang-primary.yaml").write_text(example, encoding="utf-8")
    result = run(["check"], cwd=root)
    assert result.code == 0, result.err


def _edit_examples() -> list[str]:
    """Every ``guanxin done|set|record-audit`` example in the README and in the help texts."""
    text = README.replace("\\\n", " ")
    docs = "\n".join(doc.replace("\n    ", " ") for _, doc in _commands())
    found = re.findall(r"guanxin (?:done|set|record-audit) [^`\n]+", text + "\n" + docs)
    return sorted({shlex.join(shlex.split(line, comments=True)) for line in found})


@pytest.mark.parametrize("example", _edit_examples())
def test_edit_examples_work_on_the_sample_data(example: str, run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run([*shlex.split(example)[1:], "--dry-run"], cwd=workspace)
    assert result.code == 0, result.err


ARCHITECTURE = REPO / "docs" / "architecture.md"


def _named_in_code(dotted: str) -> bool:
    """Whether ``a.b.c`` (under guanxin_cli) is a module, or a name in one, that exists."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module("guanxin_cli." + ".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(found, attr):
                return False
            found = getattr(found, attr)
        return True
    return False


def test_the_architecture_names_what_is_there() -> None:
    """docs/architecture.md, linked from the README, names modules, functions and tests as
    they are: moving or renaming one without the document fails here."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert "(docs/architecture.md)" in README
    source = REPO / "src" / "guanxin_cli"
    tops = {p.stem for p in source.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()}
    dotted = {
        name
        for name in re.findall(r"`([a-z_]+(?:\.[A-Za-z_]+)+)", text)
        if name.split(".")[0] in tops and not name.endswith(".py")
    }
    assert len(dotted) > 30
    assert sorted(name for name in dotted if not _named_in_code(name)) == []
    files = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)", text))
    missing = [
        f
        for f in files
        if not (source / f).is_file()
        and not list(source.glob(f"*/{f}"))
        and not (REPO / f).is_file()
    ]
    assert missing == []
    tests = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "tests").glob("test_*.py")}
    for file in re.findall(r"tests/(test_\w+\.py)", text):
        assert file in tests, file
    for name in set(re.findall(r"(test_\w+)`", text)) - {n.removesuffix(".py") for n in tests}:
        assert any(f"def {name}(" in body for body in tests.values()), name
