"""The one exit point: exit codes, Ctrl-C, bugs and closed pipes never show a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guanxin_cli import core_schemas
from guanxin_cli.validation import made_with

from .conftest import REPO, run_process


def test_ctrl_c_exits_130(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import guanxin_cli.collect

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(guanxin_cli.collect, "collect", interrupted)
    result = run(["status", "--root", str(REPO)])
    assert result.code == 130
    assert "已中断" in result.err and "Traceback" not in result.err


_CTRL_C_AT = {
    # while guanxin is still importing, before the CLI's own handler is in place
    "start": "import guanxin_cli.cli as c\n"
    "def boom(*a, **k): raise KeyboardInterrupt\n"
    "c.main = boom\n",
    # as the run ends: the report is written, the last flush is interrupted
    "end": "import io, sys\n"
    "class Out(io.TextIOWrapper):\n"
    "    def flush(self): raise KeyboardInterrupt\n"
    "sys.stdout = Out(sys.stdout.detach(), encoding='utf-8')\n",
}


@pytest.mark.parametrize("moment", sorted(_CTRL_C_AT))
def test_ctrl_c_at_the_very_start_or_end_exits_130_without_traceback(
    tmp_path: Path, moment: str
) -> None:
    script = _CTRL_C_AT[moment] + (
        "sys.argv = ['guanxin', '--help']\nfrom guanxin_cli.__main__ import main\nmain()\n"
    )
    script = "import sys\n" + script
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 130, proc.stderr
    assert "已中断" in proc.stderr and "Traceback" not in proc.stderr


def test_a_bug_is_reported_without_traceback(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import guanxin_cli.collect

    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(guanxin_cli.collect, "collect", broken)
    result = run(["status", "--root", str(REPO)])
    assert result.code == 70
    assert "内部错误：ZeroDivisionError: boom" in result.err and "Traceback" not in result.err


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "guanxin_cli", "plan", "--root", str(REPO)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `guanxin plan | head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--json"],  # small: all of it still in the output buffer at the end
        ["status", "--json", "--as-of", "2022-07-01"],  # more than the buffer
    ],
)
def test_a_process_ends_with_all_its_output_and_its_exit_handlers(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, args: list[str]
) -> None:
    """The process skips tearing down its modules at the end: what it printed must still
    all arrive, in a pipe or a file, and exit handlers still run, with the exit code kept."""
    args = [*args, "--root", str(REPO)]
    expected = run(args)
    assert expected.code == 0 and expected.out.startswith("{")
    assert run_process(args, REPO).out == expected.out
    with (tmp_path / "out.json").open("wb") as sink:
        proc = subprocess.run(
            [sys.executable, "-m", "guanxin_cli", *args],
            stdout=sink,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
            check=False,
        )
    assert proc.returncode == 0
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected.out
    handler = (
        "import atexit, sys\n"
        "from guanxin_cli.__main__ import main\n"
        "atexit.register(lambda: sys.stderr.write('handler ran'))\n"
        "sys.argv = ['guanxin', 'status', '--as-of', '2022-13-45']\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", handler], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.endswith("handler ran")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["check", "--json"], ["status"], ["overdue", "--as-of", "2022-07-01"], ["plan"]]
)
def test_output_to_a_full_disk_is_reported_as_such_not_as_a_bug(args: list[str]) -> None:
    """`guanxin overdue > report.txt` on a full disk: say the output could not be written
    (exit 73, as for any output file), not "internal error, please report"."""
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "guanxin_cli", *args, "--root", str(REPO)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
            check=False,
        )
    assert proc.returncode == 73
    # (a report of the 2022 plan, whose year is over, first says it reports as of its end)
    said = [line for line in proc.stderr.strip().splitlines() if "年计划已结束" not in line]
    assert said == ["无法写入 标准输出：磁盘已满"]


def test_output_that_fails_only_at_the_final_flush_is_reported() -> None:
    code = (
        "import errno, io, sys\n"
        "class Full(io.StringIO):\n"
        "    def flush(self):\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "sys.stdout = Full()\n"
        "print('the report')\n"
        "from guanxin_cli.__main__ import end\n"
        "end(0)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "GUANXIN_LANG": "en"},
        check=False,
    )
    assert proc.returncode == 73
    assert proc.stderr == "cannot write standard output: no space left on the disk\n"


def test_a_profiler_still_reports_at_the_end() -> None:
    """Ending without teardown is only for ordinary runs: `python -m cProfile` prints its
    table once the program returns."""
    proc = subprocess.run(
        [sys.executable, "-m", "cProfile", "-m", "guanxin_cli", "check", "--root", str(REPO)],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "function calls" in proc.stdout


def test_a_reader_gone_before_the_output_is_flushed_is_not_an_error() -> None:
    """A small report is still in the output buffer when the command ends; the reader
    closing first (`guanxin check --json | true`) is as harmless as `| head` mid-report."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "guanxin_cli", "check", "--json", "--root", str(REPO)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the process has written anything
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""


def test_bad_as_of_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["status", "--as-of", "2022-13-45", "--root", str(REPO)])
    assert result.code == 2
    assert "没有“2022-13-45”这一天：一年只有 12 个月" in result.err


@pytest.mark.parametrize(
    "as_of", ["2022-03-31", "2022/3/31", "20220331", "2022年3月31日", "Mar 31 2022"]
)
def test_as_of_formats(run, as_of: str) -> None:  # type: ignore[no-untyped-def]
    import json

    result = run(["status", "--json", "--as-of", as_of, "--root", str(REPO)])
    assert json.loads(result.out)["data"]["as_of"] == "2022-03-31"


def test_english_by_environment(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUANXIN_LANG", "en")
    result = run(["status", "--as-of", "2022-06-30", "--root", str(REPO)])
    assert "as of 2022-06-30 (Thu)" in result.out


def test_reports_refuse_a_workspace_without_schools(tmp_path: Path) -> None:
    import shutil

    from .conftest import run_process

    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    for args in (["overdue", "--as-of", "2022-12-31"], ["status"]):
        result = run_process(args, cwd=root)
        assert result.code == 1, args
        assert "没有学校进度文件" in result.err and result.out == ""
    check = run_process(["check"], cwd=root)
    assert check.code == 0 and "还没有学校进度文件" in check.err


def test_missing_office_file_is_said(tmp_path: Path) -> None:
    import json
    import shutil

    from .conftest import run_process

    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "office.yaml").unlink()
    result = run_process(["status", "--as-of", "2022-06-30", "--json"], cwd=root)
    assert result.code == 0
    assert "没有 data/office.yaml，区关工委本身的" in result.err
    data = json.loads(result.out)["data"]
    assert "district-office" not in {s["id"] for s in data["schools"]}
    assert "没有 data/office.yaml" in run_process(["check"], cwd=root).err


def test_nothing_applicable_is_a_dash_not_100_percent(run) -> None:  # type: ignore[no-untyped-def]
    import json

    # a kindergarten marks the essay contest not applicable: nothing in that task applies to it
    result = run(
        ["status", "--json", "--school", "新城", "--as-of", "2022-12-31", "--root", str(REPO)]
    )
    data = json.loads(result.out)["data"]
    rates = [p["rate"] for s in data["sections"] for p in s["points"]]
    empty = [r for r in rates if r["total"] == 0]
    assert all(r["ratio"] is None for r in empty)
    text = run(["status", "--as-of", "2022-12-31", "--root", str(REPO), "--school", "新城"])
    assert "0/0  100%" not in text.out


def test_junk_columns_value_is_ignored(tmp_path: Path) -> None:
    from .conftest import run_process

    result = run_process(
        ["status", "--as-of", "2022-06-30", "--root", str(REPO)],
        cwd=tmp_path,
        env={"COLUMNS": "abc"},
    )
    assert result.code == 0 and "Traceback" not in result.err and "内部错误" not in result.err


def test_reader_closing_the_pipe_early_exits_0_and_keeps_saved_files(tmp_path: Path) -> None:
    svg = tmp_path / "t.svg"
    for args in (["status", "--as-of", "2022-06-30"], ["timeline", "--svg", str(svg)]):
        proc = subprocess.run(
            f"{sys.executable} -m guanxin_cli {' '.join(args)} --root {REPO} | true; echo rc=${{PIPESTATUS[0]}}",
            shell=True,
            executable="/bin/bash",
            capture_output=True,
            text=True,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "COLUMNS": "80"},
            check=False,
        )
        assert "rc=0" in proc.stdout, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert svg.read_text(encoding="utf-8").startswith("<svg")


def test_check_with_a_missing_path_is_a_usage_error(workspace: Path) -> None:
    result = run_process(["check", "nonexist.yaml", "data/schools/nope.yaml"], cwd=workspace)
    assert result.code == 2
    assert "nonexist.yaml: 文件不存在" in result.err and "nope.yaml: 文件不存在" in result.err
    broken = workspace / "data" / "schools" / "hebin-primary.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    result = run_process(["check", "data/schools/hebin-primary.yaml"], cwd=workspace)
    assert result.code == 1  # a problem in an existing file is still a finding


def test_values_typer_must_convert_or_refuse_still_go_to_it(run) -> None:  # type: ignore[no-untyped-def]
    """The usual command lines are read without Typer (quickargs); the rest still by it."""
    school = REPO / "data" / "schools" / "hebin-primary.yaml"
    result = run(["check", "--root", str(REPO), str(school), str(REPO / "plans")])
    assert result.code == 0, result.out
    # (a plan among them: every school file is checked against it too)
    assert f"{len(list(school.parent.glob('*.yaml'))) + 2} 个文件" in result.out
    assert run(["check", "--root", str(REPO)]).code == 0  # (none given: the whole workspace)
    by_liaison = ["overdue", "--root", str(REPO), "--by", "liaison", "--as-of", "2022-06-30"]
    result = run(by_liaison)
    assert result.code == 1 and "\n陈志华  逾期 2 · 将到期 0\n" in result.out, result.out
    assert run(["status", "--root", str(REPO), "--stale-days", "0"]).code == 2
    assert run(["status", "--root", str(REPO), "--stale-days", "30"]).code == 0
    assert run(["overdue", "--root", str(REPO), "--by", "nobody"]).code == 2


_REPORT_IMPORTS = (
    "import atexit, os, sys\n"
    "from guanxin_cli import cache\n"
    "from guanxin_cli.__main__ import main\n"
    "cache.RACY_SECONDS = float(os.environ.get('RACY_SECONDS', cache.RACY_SECONDS))\n"
    "watch = os.environ['WATCH'].split()\n"
    "atexit.register(lambda: sys.stderr.write(\n"
    "    '\\nloaded: ' + ' '.join(m for m in watch if m in sys.modules)))\n"
    "sys.argv = ['guanxin', *sys.argv[1:]]\n"
    "main()\n"
)


def _loaded(
    args: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    watch: tuple[str, ...] = ("yaml", "rich.console"),
) -> set[str]:
    """Which of the ``watch`` modules (PyYAML and Rich's console) a real run of
    ``guanxin args`` imported."""
    base = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    proc = subprocess.run(
        [sys.executable, "-c", _REPORT_IMPORTS, *args],
        cwd=cwd,
        env={**base, "NO_COLOR": "1", "WATCH": " ".join(watch), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    last = proc.stderr.rstrip("\n").rsplit("\n", 1)[-1]
    assert last.startswith("loaded:"), proc.stderr
    return set(last.removeprefix("loaded:").split())


def test_the_cron_report_imports_neither_pyyaml_nor_richs_console(workspace: Path) -> None:
    """`guanxin overdue` into a pipe (cron) reads ordinary files with yaml_rs and writes
    plain text: importing PyYAML and Rich's console would be a tenth of a repeat run at
    5,000 schools. A terminal, or a file only PyYAML reads, still gets them. (Without the
    fast extra, PyYAML reads every file, where there is a file to read.)"""
    from guanxin_cli.yamlio import HAVE_YAML_RS

    pyyaml = set() if HAVE_YAML_RS else {"yaml"}
    overdue = ["overdue", "--as-of", "2022-07-01"]
    assert _loaded(overdue, workspace) == pyyaml  # first run: every file parsed
    assert _loaded(overdue, workspace) == pyyaml  # repeat run (files this new are read again)
    assert _loaded(overdue, workspace, {"FORCE_COLOR": "1"}) == {"rich.console", *pyyaml}
    school = next((workspace / "data" / "schools").glob("*.yaml"))
    text = school.read_text(encoding="utf-8")
    school.write_text(text.replace("\nname:", "\nname: &n", 1), encoding="utf-8")  # an anchor
    assert _loaded(overdue, workspace) == {"yaml"}


def test_a_run_the_cache_serves_never_imports_pydantic(workspace: Path) -> None:
    """Pydantic only validates: the plan, digests and school a repeat run reads back from
    the cache are plain data classes, so `status`, `overdue` and `audit` skip importing it
    (a quarter of a repeat run on a district's data). A file changed since then is
    validated again, by pydantic-core alone: the validators are compiled from the written
    core schemas, so Pydantic's schema generator (0.1 s) is not imported either; nor by
    Typer, reading the command line (see quickargs)."""
    pydantic = ("pydantic", "pydantic_core", "pydantic._internal._generate_schema")
    core = {"pydantic_core"}
    if made_with() != core_schemas.MADE_WITH:
        core = set(pydantic)  # (the written schemas are not for this Pydantic)
    now = {"RACY_SECONDS": "0"}  # (files copied a moment ago may be cached)
    status = ["status", "--as-of", "2022-07-01"]
    overdue = ["overdue", "--as-of", "2022-07-01"]
    assert _loaded(status, workspace, now, pydantic) == core  # first run
    assert _loaded(status, workspace, now, pydantic) == set()
    assert _loaded(overdue, workspace, now, pydantic) == set()  # (the same digests)
    audit = ["audit", "--school", "chaoyang-primary", "--as-of", "2022-07-01"]
    assert _loaded(audit, workspace, now, pydantic) == core  # reads its school
    assert _loaded(audit, workspace, now, pydantic) == set()
    school = workspace / "data" / "schools" / "chaoyang-primary.yaml"
    school.write_text(school.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
    assert _loaded(overdue, workspace, now, pydantic) == core
    assert _loaded(overdue, workspace, now, pydantic) == set()
    assert _loaded(audit, workspace, now, pydantic) == core


def test_stdout_is_terminal_answers_as_rich_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut that skips importing Rich for a pipe must never disagree with Rich."""
    from guanxin_cli.render import out_console, stdout_is_terminal

    cases = [{}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_COMPATIBLE": "1"}]
    cases += [{"TTY_COMPATIBLE": "0"}, {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}]
    answers = []
    for env in cases:
        for var in ("FORCE_COLOR", "TTY_COMPATIBLE"):
            monkeypatch.delenv(var, raising=False)
        for var, value in env.items():
            monkeypatch.setenv(var, value)
        answers.append(stdout_is_terminal())
        assert answers[-1] == out_console().is_terminal, env
    assert answers == [False, True, False, True, False, False]
