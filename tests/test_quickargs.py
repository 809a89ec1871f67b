"""The usual command lines are read without Typer (``quickargs``), into exactly the values
Typer would call the command with; whatever it does not read is left to Typer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from guanxin_cli import cli, options, quickargs
from guanxin_cli.messages import resolve_lang

from .conftest import REPO
from .test_fuzz_loader import FUZZ

READ = {name: f for name, f in cli.COMMANDS.items() if f is not None and quickargs._options(f)}


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


def test_the_report_commands_are_read_without_typer() -> None:
    """The commands with only plain options: every dated report."""
    assert {"status", "overdue", "audit", "timeline", "export", "plan"} <= set(READ)


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
        ["audit"],  # --school is required
    ],
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    func = cli.COMMANDS[args[0]]
    assert func is not None
    assert quickargs.parse(func, args[1:]) is None


def test_a_path_typer_refuses_is_left_to_it(tmp_path: Path) -> None:
    """``--root`` must not be a file, ``--output`` not a folder: Typer says so."""
    a_file = tmp_path / "f.txt"
    a_file.write_text("x", encoding="utf-8")
    status, overdue = cli.COMMANDS["status"], cli.COMMANDS["overdue"]
    assert status is not None and overdue is not None
    assert quickargs.parse(status, ["--root", str(a_file)]) is None
    assert typer_reads(status, ["--root", str(a_file)]) is None
    assert quickargs.parse(overdue, ["--output", str(tmp_path)]) is None
    assert typer_reads(overdue, ["--output", str(tmp_path)]) is None
    assert quickargs.parse(status, ["--root", str(tmp_path)]) is not None


def test_a_command_with_an_argument_is_left_to_typer() -> None:
    check = cli.COMMANDS["check"]
    assert check is not None
    assert quickargs._options(check) is None
    assert quickargs.parse(check, []) is None


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


def values(option: quickargs._Option, places: list[str]) -> st.SearchStrategy[str]:
    """Values of the option's kind, Typer's to take or refuse, and some of anything."""
    kind: Any = option.kind
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
    """A few of a command's options (and those it requires), each given once, spelled one
    way or another, with a value of its kind; now and then a word that is no option of it."""
    known = quickargs._options(func) or {}
    by_option: dict[str, list[str]] = {}
    for decl, option in known.items():
        by_option.setdefault(option.name, []).append(decl)
    required = [o.name for o in known.values() if o.default is ...]
    chosen = draw(st.lists(st.sampled_from(sorted(by_option)), unique=True, max_size=5))
    chosen += [name for name in dict.fromkeys(required) if name not in chosen]
    words: list[str] = []
    for name in chosen:
        decl = draw(st.sampled_from(by_option[name]))
        option = known[decl]
        if option.kind is bool:
            words += draw(st.sampled_from([[decl], [decl], [f"{decl}=1"]]))
            continue
        value = draw(values(option, places))
        joined = decl.startswith("--") and draw(st.booleans())
        words += [f"{decl}={value}"] if joined else [decl, value]
    if draw(st.integers(0, 9)) == 0:
        junk = draw(st.sampled_from(["--nope", "-h", "--", "extra", "-qo"]))
        words.insert(draw(st.integers(0, len(words))), junk)
    if words and draw(st.integers(0, 9)) == 0:
        words.pop()  # an option's value left out
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
