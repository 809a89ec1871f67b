"""The usual command lines are read without Typer (``quickargs``), into exactly the values
Typer would call the command with; whatever it does not read is left to Typer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from guanxin_cli import cli, options, quickargs
from guanxin_cli.messages import resolve_lang

from .conftest import REPO
from .test_fuzz_loader import FUZZ

READ = {name: f for name, f in cli.COMMANDS.items() if f is not None and quickargs._declared(f)}


def typer_reads(func: Callable[..., Any], args: list[str]) -> dict[str, Any] | None:
    """What Typer calls ``func`` with for ``args`` (None: it calls nothing, having printed
    help or an error)."""
    seen: list[dict[str, Any]] = []

    @functools.wraps(func)
    def record(**kwargs: Any) -> int:
        seen.append(kwargs)
        return 0

    app = typer.Typer(
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command("x")(record)
    app.callback()(lambda: None)
    try:
        app(args=["x", *args], prog_name="guanxin", standalone_mode=False)
    except Exception:  # (a usage error, which Typer would print)
        return None
    return seen[0] if seen else None


def outcome(read: Callable[[], dict[str, Any] | None]) -> tuple[Any, str]:
    """The values read, each with its type, and the output language the options set."""
    options._state["lang"] = resolve_lang(None)
    values = read()
    shown = None if values is None else {k: (type(v), v) for k, v in values.items()}
    return shown, options.current_lang()


def test_the_reports_check_and_the_edits_are_read_without_typer() -> None:
    """The commands with only plain parameters: every report, ``check`` (pre-commit runs
    it on every commit) and the everyday edits."""
    reports = {"status", "overdue", "audit", "timeline", "export", "plan", "log"}
    assert {*reports, "check", "done", "set"} <= set(READ)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", "2022-06-30"],
        ["status", "--json", "--stale-days=30", "--lang", "en", "--root", str(REPO)],
        ["overdue", "--within", "7d", "--by", "liaison", "--format", "csv", "-o", "x.csv", "-q"],
        ["audit", "--school", "朝阳", "--format", "markdown"],
        ["timeline", "--from", "2022-03", "--to", "8月", "--svg", "t.svg"],
        ["export", "--format", "xlsx", "--output", "2022.xlsx", "--as-of", "2022-12-31"],
        ["plan", "--section", "三"],
        ["check"],
        ["check", "data/schools/chaoyang-primary.yaml", "plans", "--json"],
        ["done", "朝阳", "s2-red-festivals@七一", "--date", "2022-06-30", "-e", "a", "-e", "b"],
        ["set", "河滨", "s2-culture-forum@秋季学期", "--status", "blocked", "--reason", "疫情"],
        ["schema", "school"],
    ],
)
def test_usual_command_lines_take_the_quick_way_with_typers_values(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    func = cli.COMMANDS[args[0]]
    assert func is not None
    quick = outcome(lambda: quickargs.parse(func, args[1:]))
    assert quick[0] is not None, "left to Typer"
    assert quick == outcome(lambda: typer_reads(func, args[1:]))


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--help"],
        ["status", "-h"],
        ["status", "--as-of"],  # no value
        ["status", "--as-of", "1", "--as-of", "2"],  # twice
        ["status", "--stale-days", "0"],  # below its minimum: Typer's message
        ["status", "--stale-days", "1e3"],
        ["status", "--stale-days", "1_0"],  # (Typer takes it, as 10: it reads it, not this)
        ["status", "--json=yes"],
        ["status", "--lang", "fr"],  # the callback refuses it
        ["status", "extra"],
        ["status", "--", "--json"],
        ["status", "--nope"],
        ["overdue", "--by", "School"],  # not one of the choices as written
        ["overdue", "-qo", "x.csv"],
        ["check", "-"],
        ["done", "朝阳"],  # no task
        ["schema", "plan", "school"],  # one too many
        ["schema", "--", "plan"],
        ["init", "jintan-2023"],  # (a path argument with a default: Typer's)
    ],
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    func = cli.COMMANDS[args[0]]
    assert func is not None
    assert quickargs.parse(func, args[1:]) is None


def paths(
    root: Annotated[Path | None, typer.Option("--root", file_okay=False)] = None,
    out: Annotated[Path | None, typer.Option("--out", dir_okay=False)] = None,
) -> int:
    """(A command whose paths Typer checks: guanxin's own leave that to the commands.)"""
    return 0


def test_a_path_typer_refuses_is_left_to_it(tmp_path: Path) -> None:
    """A folder where a file is wanted, or a file where a folder is: Typer says so."""
    a_file = tmp_path / "f.txt"
    a_file.write_text("x", encoding="utf-8")
    for args in (["--root", str(a_file)], ["--out", str(tmp_path)]):
        assert quickargs.parse(paths, args) is None
        assert typer_reads(paths, args) is None
    for args in (["--root", str(tmp_path)], ["--out", str(a_file)], ["--out", "new.txt"]):
        assert outcome(lambda a=args: quickargs.parse(paths, a)) == outcome(
            lambda a=args: typer_reads(paths, a)
        )
        assert quickargs.parse(paths, args) is not None


_TEXTS = [
    "",
    "-",
    "-x",
    "x",
    "a=b",
    "2022-06-30",
    "2022年3月31日",
    "7d",
    "三",
    "zh",
    "en",
    "EN",
    "cn",
]
_NUMBERS = ["0", "1", "007", "60", "1_0", " 5", "+5", "1e3", "-1", "１", "99999999999999999999"]


def values(param: quickargs._Param, places: list[str]) -> st.SearchStrategy[str]:
    """Values of the parameter's kind, Typer's to take or refuse, and some of anything."""
    kind: Any = param.kind
    if kind is int:
        pool = _NUMBERS
    elif kind is Path:
        pool = [*places, "nowhere/x.csv", "", "-"]
    elif kind is str:
        pool = _TEXTS
    else:  # an Enum
        pool = [v for m in kind for v in (m.value, m.value.upper(), m.value.title())] + ["no"]
    return st.one_of(st.sampled_from(pool), st.text(max_size=3))


@st.composite
def command_lines(draw: st.DrawFn, func: Callable[..., Any], places: list[str]) -> list[str]:
    """A few of a command's options (and those it requires), each given once (a list
    option maybe more), spelled one way or another, with a value of its kind; values for
    its arguments; all in any order, and now and then a word too many or too few."""
    declared = quickargs._declared(func)
    assert declared is not None
    by_param: dict[str, list[str]] = {}
    for decl, param in declared.options.items():
        by_param.setdefault(param.name, []).append(decl)
    required = [p.name for p in declared.options.values() if p.default is ...]
    chosen = draw(st.lists(st.sampled_from(sorted(by_param)), unique=True, max_size=5))
    chosen += [name for name in dict.fromkeys(required) if name not in chosen]
    groups: list[list[str]] = []
    for name in chosen:
        for _ in range(draw(st.integers(1, 3))):
            decl = draw(st.sampled_from(by_param[name]))
            param = declared.options[decl]
            if param.kind is bool:
                groups.append(draw(st.sampled_from([[decl], [decl], [f"{decl}=1"]])))
                break
            value = draw(values(param, places))
            joined = decl.startswith("--") and draw(st.booleans())
            groups.append([f"{decl}={value}"] if joined else [decl, value])
            if not param.many:
                break
    for param in declared.arguments:
        for _ in range(draw(st.integers(0, 3)) if param.many else 1):
            groups.append([draw(values(param, places))])
    words = [word for group in draw(st.permutations(groups)) for word in group]
    if draw(st.integers(0, 9)) == 0:
        junk = draw(st.sampled_from(["--nope", "-h", "--", "extra", "-qo"]))
        words.insert(draw(st.integers(0, len(words))), junk)
    if words and draw(st.integers(0, 9)) == 0:
        words.pop()  # an option's value, or an argument, left out
    return words


@pytest.mark.parametrize("command", sorted(READ))
@settings(FUZZ)
@given(data=st.data())
def test_whatever_is_read_quickly_is_what_typer_reads(
    command: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """On generated command lines: where the quick way reads one, Typer reads the same
    values (of the same types) and sets the same output language."""
    func = READ[command]
    places = tmp_path_factory.getbasetemp()
    a_file = places / "a-file.txt"
    a_file.touch()
    args = data.draw(command_lines(func, [str(places), str(a_file)]))
    quick = outcome(lambda: quickargs.parse(func, args))
    if quick[0] is not None:
        assert quick == outcome(lambda: typer_reads(func, args)), args


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "2022-07-01", "--by", "liaison"],
        ["status", "--as-of", "2022-06-30", "--lang", "en"],
        ["status", "--as-of", "2022-13-45"],  # a usage error, raised by the command
        ["audit", "--school", "nowhere", "--as-of", "2022-06-30"],
    ],
)
def test_the_quick_way_runs_the_command_as_typer_would(  # type: ignore[no-untyped-def]
    run, workspace: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The same output, messages and exit code either way."""
    args = [*args, "--root", str(workspace)]
    quick = run(args)
    monkeypatch.setattr(quickargs, "parse", lambda func, args: None)
    assert run(args) == quick
