"""Time guanxin as whole processes on synthetic workspaces of N schools.

    python bench/run.py                      # N = 50, 500, 5000, 20000; 3 repeats
    python bench/run.py --ns 50,500 --repeats 5 --commands check

For each command and N: the median wall time of a first run (a fresh, empty
GUANXIN_CACHE_DIR each time) and of a repeat run (cache warmed once), the peak RSS of the
process (from wait4), and the growth exponent k of time ≈ c·N^k fitted over the Ns.
Commands the installed guanxin does not have yet (exit 2, "No such command") are n/a.
Also, each against the import floor: ``guanxin --help``, and ``guanxin status`` on the
bundled data (repeat run, repeat run in a terminal, first run). When Taskwarrior's ``task``
is on PATH: ``task overdue`` on the same number of items (1,250 schools × the plan) as a
ratio. It ends with a table of every target of issue 7, met or not.

How fast is this machine next to the issue's? Two yardsticks, both measured in the same
run: the import floor (the issue: 0.105 s) and Taskwarrior's ``task overdue`` on exactly
10,000 and 50,000 tasks (the issue: 0.28 s and 1.5 s), a C++ program that does not care
how fast Python starts. Their ratios give each figure an estimate at the issue machine's
speed, printed beside the figure measured here, never instead of it. Results are printed
as Markdown and saved to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

FLOOR = [sys.executable, "-c", "import typer, rich, pydantic, yaml, dateutil"]
# The reference machine measured the floor at 0.105 s. This machine's speed drifts
# (by a third within minutes, seen here), so each figure is measured next to runs of the
# floor, and also given scaled to the reference floor: an estimate of the reference
# machine's figure, for comparing runs made on different days, never instead of the figure.
REFERENCE_FLOOR = 0.105
AS_OF = "2022-07-01"  # mid-year: plenty overdue, plenty still open
COMMANDS: dict[str, list[str]] = {
    "status": ["status", "--as-of", AS_OF],
    "overdue": ["overdue", "--as-of", AS_OF],
    "check": ["check"],
    "audit": ["audit", "--school", "s00001", "--as-of", AS_OF],
}
TASKWARRIOR_SCHOOLS = 1250
# The machine: `task overdue` took about this long on this many tasks.
REFERENCE_TASKWARRIOR = {10_000: 0.28, 50_000: 1.5}
# Which of them stands for the machine's speed: at 10,000 tasks start-up is a large part.
CALIBRATE_AT = 50_000


def guanxin_exe() -> list[str]:
    """The installed console script next to this Python (what users run), else -m."""
    script = Path(sys.executable).parent / "guanxin"
    return [str(script)] if script.exists() else [sys.executable, "-m", "guanxin_cli"]


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall seconds, exit code, peak RSS in bytes (this child only) and stderr."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return wall, proc.returncode, usage.ru_maxrss * 1024, text


# With --without-fast: a folder, first on PYTHONPATH, whose yaml_rs cannot be imported, so
# guanxin reads files as the default install does (PyYAML alone).
HIDE_FAST: list[str] = []


def base_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    env.update(GUANXIN_CACHE_DIR=str(cache), NO_COLOR="1", GUANXIN_LANG="en")
    if HIDE_FAST:
        env["PYTHONPATH"] = os.pathsep.join([*HIDE_FAST, *filter(None, [env.get("PYTHONPATH")])])
    return env


def hide_fast() -> None:
    """Time the default install: yaml_rs hidden from every guanxin run."""
    folder = OUT / "without-fast"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "yaml_rs.py").write_text("raise ImportError('hidden by bench --without-fast')\n")
    HIDE_FAST[:] = [str(folder)]


def precompile() -> None:
    """Byte-compile guanxin as ``pip install`` would: an editable install only writes .pyc
    files on first import, and not at all under PYTHONDONTWRITEBYTECODE, which would time
    the compiler instead of guanxin."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("guanxin_cli")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def workspace(n: int) -> Path:
    root = OUT / f"ws-{n}"
    stamp = root / ".generated"
    if not stamp.exists():
        print(f"  generating {n} schools…", file=sys.stderr, flush=True)
        generate(n, root)
        stamp.write_text(str(n), encoding="utf-8")
        # Files younger than the cache's racy window are not cached; let them settle.
        time.sleep(2.1)
    return root


def measure(cmd: str, n: int, repeats: int) -> dict[str, Any]:
    root = workspace(n)
    argv = guanxin_exe() + COMMANDS[cmd]
    with tempfile.TemporaryDirectory() as tmp:
        probe_cache = Path(tmp) / "probe"
        wall, code, rss, err = timed(argv, root, base_env(probe_cache))
        if code == 2 and "No such command" in err:
            return {"available": False}
        if code not in (0, 1):
            return {"available": False, "error": f"exit {code}: {err.strip()[-300:]}"}
        cold, peaks, floor = [], [], []
        for i in range(repeats):
            wall, code, rss, _ = timed(argv, root, base_env(Path(tmp) / f"cold-{i}"))
            cold.append(wall)
            peaks.append(rss)
            floor.append(timed(FLOOR, HERE, base_env(Path(tmp)))[0])
        warm_cache = Path(tmp) / "warm"
        timed(argv, root, base_env(warm_cache))
        warm = []
        for _ in range(repeats):
            wall, code, rss, _ = timed(argv, root, base_env(warm_cache))
            warm.append(wall)
            peaks.append(rss)
            floor.append(timed(FLOOR, HERE, base_env(Path(tmp)))[0])
    return {
        "available": True,
        "exit": code,
        "cold": statistics.median(cold),
        "warm": statistics.median(warm),
        "floor": statistics.median(floor),
        "peak_rss_mb": max(peaks) / 2**20,
    }


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log t against log N."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else None


def startup(repeats: int) -> dict[str, float]:
    """``--help``, and ``status`` on the bundled data (run in a folder that is no
    workspace), each next to the import floor measured between their runs. ``status`` as
    users meet it: a repeat run into a pipe and in a terminal (a pseudo-terminal: Rich's
    tables and colours), and a first run (an empty cache each time) into a pipe."""
    runs = max(repeats, 9)
    samples: dict[str, list[float]] = {
        k: [] for k in ("floor", "help", "status", "status_tty", "status_first")
    }
    with tempfile.TemporaryDirectory() as tmp:
        nowhere = Path(tmp) / "no-workspace"
        nowhere.mkdir()
        env = base_env(Path(tmp) / "cache")
        for name in ("GUANXIN_LANG", "NO_COLOR"):  # Chinese and colour, as users see it
            env.pop(name)
        status = [*guanxin_exe(), "status"]
        _, code, _, err = timed(status, nowhere, env)  # (and the cache is warm)
        if code != 0:
            raise SystemExit(f"`guanxin status` on the bundled data: exit {code}: {err}")
        for i in range(runs):
            samples["floor"].append(timed(FLOOR, nowhere, env)[0])
            samples["help"].append(timed([*guanxin_exe(), "--help"], nowhere, env)[0])
            samples["status"].append(timed(status, nowhere, env)[0])
            samples["status_tty"].append(in_terminal(status, nowhere, env))
            first = dict(env, GUANXIN_CACHE_DIR=str(Path(tmp) / f"first-{i}"))
            samples["status_first"].append(timed(status, nowhere, first)[0])
    got = {k: statistics.median(v) for k, v in samples.items()}
    for k in ("help", "status", "status_tty", "status_first"):
        got[f"{k}_ratio"] = got[k] / got["floor"]
    got["ratio"] = got["help_ratio"]  # (the name earlier results.json files use)
    return got


def in_terminal(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall seconds of ``argv`` writing to a pseudo-terminal until it exits."""
    import pty

    leader, child = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=child, stderr=child
    )
    os.close(child)
    try:
        while os.read(leader, 1 << 16):  # keep reading, or a full terminal would block it
            pass
    except OSError:  # EIO: the child has gone and closed its end
        pass
    proc.wait()
    wall = time.perf_counter() - start
    os.close(leader)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} in a terminal: exit {proc.returncode}")
    return wall


# ------------------------------------------------------------------ Taskwarrior


def taskwarrior(repeats: int) -> dict[str, Any] | None:
    task = shutil.which("task")
    if task is None:
        return None
    data = _task_db(task, f"taskwarrior-{TASKWARRIOR_SCHOOLS}", None)
    count = int((data / ".generated").read_text(encoding="utf-8"))
    theirs = _task_overdue(task, data, repeats)
    ours = measure("overdue", TASKWARRIOR_SCHOOLS, repeats)
    result: dict[str, Any] = {"tasks": count, "task_overdue": theirs, "guanxin": ours}
    if ours.get("available"):
        result["ratio_cold"] = ours["cold"] / theirs
        result["ratio_warm"] = ours["warm"] / theirs
    return result


def calibrate(repeats: int) -> dict[str, Any] | None:
    """``task overdue`` on the issue's own task counts, here: how much slower (> 1) or
    faster this machine is than the issue's at the same job."""
    task = shutil.which("task")
    if task is None:
        return None
    times = {}
    for count in REFERENCE_TASKWARRIOR:
        data = _task_db(task, f"taskwarrior-calibrate-{count}", count)
        times[count] = _task_overdue(task, data, max(repeats, 3))
    factors = {n: t / REFERENCE_TASKWARRIOR[n] for n, t in times.items()}
    return {"times": times, "factors": factors, "factor": factors[CALIBRATE_AT]}


def _task_overdue(task: str, data: Path, repeats: int) -> float:
    env = dict(os.environ, TASKRC=str(data / "taskrc"), TASKDATA=str(data))
    return statistics.median(
        timed([task, "rc.gc=off", "overdue"], HERE, env)[0] for _ in range(repeats)
    )


def _task_db(task: str, name: str, count: int | None) -> Path:
    """A Taskwarrior database of the 1,250-school workspace's tasks (the first ``count``
    of them, or all), built once."""
    data = OUT / name
    if (data / ".generated").exists():
        return data
    print(f"  building the Taskwarrior database {name}…", file=sys.stderr, flush=True)
    tasks = list(_tasks(workspace(TASKWARRIOR_SCHOOLS)))
    if count is not None:
        if len(tasks) < count:
            raise SystemExit(f"only {len(tasks)} tasks to calibrate with, {count} needed")
        tasks = tasks[:count]
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    rc = data / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=no\nverbose=nothing\ngc=off\nhooks=off\n",
        encoding="utf-8",
    )
    feed = data / "import.json"
    feed.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, TASKRC=str(rc), TASKDATA=str(data))
    subprocess.run([task, "import", str(feed)], env=env, check=True, capture_output=True)
    (data / ".generated").write_text(str(len(tasks)), encoding="utf-8")
    return data


def _tasks(root: Path) -> Any:
    """One pending task per school × plan item, due when the plan says (as guanxin sees it)."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from guanxin_cli.workspace.folders import Workspace
    from guanxin_cli.workspace.loader import load_workspace
    from guanxin_cli.year.scope import scope_applies

    loaded = load_workspace(Workspace(root))
    for school in loaded.schools:
        for task in loaded.plan.tasks():
            if not scope_applies(task.scope, school, loaded.groups):
                continue
            for occ in loaded.occurrences[task.id]:
                yield {
                    "description": f"{school.name} {task.title} {occ.key}",
                    "project": school.id,
                    "status": "pending",
                    "due": occ.due.strftime("%Y%m%dT000000Z"),
                    "entry": "20220101T000000Z",
                }


# ------------------------------------------------------------------ report


def report(results: dict[str, Any]) -> str:
    lines = [f"guanxin bench — {results['when']} — {results['machine']}", ""]
    s = results["startup"]
    cal = results.get("calibration")
    tw_factor = cal["factor"] if cal else None
    lines += [
        f"startup: import floor {s['floor']:.3f} s; `guanxin --help` {s['help']:.3f} s "
        f"(×{s['ratio']:.2f}); `guanxin status` on the bundled data: repeat run "
        f"{s['status']:.3f} s (×{s['status_ratio']:.2f}), in a terminal "
        f"{s['status_tty']:.3f} s (×{s['status_tty_ratio']:.2f}), first run "
        f"{s['status_first']:.3f} s (×{s['status_first_ratio']:.2f})",
    ]
    if cal:
        parts = ", ".join(
            f"{n:,} tasks {cal['times'][n]:.2f} s (issue: {REFERENCE_TASKWARRIOR[n]} s, "
            f"×{cal['factors'][n]:.2f})"
            for n in REFERENCE_TASKWARRIOR
        )
        lines.append(f"this machine against the issue's: `task overdue` on {parts}")
    lines += [
        "",
        "Each row's floor was measured between its runs. The columns after it estimate each "
        f"figure at the issue machine's speed: ×{REFERENCE_FLOOR} s / the row's floor, and "
        f"÷ the Taskwarrior factor at {CALIBRATE_AT:,} tasks. Estimates only: the targets "
        "are judged on the figures measured here.",
        "",
        "| command | N | first run (s) | repeat run (s) | peak RSS (MB) | floor (s) "
        "| first, by floor | repeat, by floor | first, by Taskwarrior "
        "| repeat, by Taskwarrior |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cmd, by_n in results["commands"].items():
        for n, r in by_n.items():
            if not r.get("available"):
                lines.append(f"| {cmd} | {n} |" + " n/a |" * 8)
                continue
            scale = REFERENCE_FLOOR / r["floor"]
            row = (
                f"| {cmd} | {n} | {r['cold']:.2f} | {r['warm']:.2f} | {r['peak_rss_mb']:.0f} "
                f"| {r['floor']:.3f} | {r['cold'] * scale:.2f} | {r['warm'] * scale:.2f} |"
            )
            if tw_factor:
                row += f" {r['cold'] / tw_factor:.2f} | {r['warm'] / tw_factor:.2f} |"
            else:
                row += " n/a | n/a |"
            lines.append(row)
    lines.append("")
    for cmd, fit in results["growth"].items():
        if fit["cold"] is not None:
            lines.append(
                f"growth {cmd}: first run ∝ N^{fit['cold']:.2f}, repeat run ∝ N^{fit['warm']:.2f}"
                + _last_step(results["commands"][cmd])
            )
    tw = results.get("taskwarrior", "off")
    if tw == "off":
        lines.append("taskwarrior: skipped (--no-taskwarrior)")
    elif tw is None:
        lines.append("taskwarrior: `task` not installed; skipped")
    elif "ratio_cold" in tw:
        lines.append(
            f"taskwarrior: `task overdue` on {tw['tasks']} tasks {tw['task_overdue']:.2f} s; "
            f"`guanxin overdue` ({TASKWARRIOR_SCHOOLS} schools) first run "
            f"{tw['guanxin']['cold']:.2f} s (×{tw['ratio_cold']:.2f}), repeat "
            f"{tw['guanxin']['warm']:.2f} s (×{tw['ratio_warm']:.2f})"
        )
    else:
        lines.append(
            f"taskwarrior: `task overdue` on {tw['tasks']} tasks {tw['task_overdue']:.2f} s; "
            "`guanxin overdue` n/a"
        )
    verdicts = targets(results)
    if verdicts:
        lines += [
            "",
            "| target | measured here | met here | at the issue's speed | met there |",
            "| --- | ---: | --- | ---: | --- |",
        ]
        for t in verdicts:
            row = f"| {t.name} | {t.figure:.2f} | {_yes(t.figure, t)} |"
            if not t.seconds:
                row += " (not a time: as here) | |"
            elif tw_factor is None:
                row += " n/a (no Taskwarrior) | |"
            else:
                there = t.figure / tw_factor
                row += f" {there:.2f} | {_yes(there, t)} |"
            lines.append(row)
    return "\n".join(lines)


def _last_step(by_n: dict[int, Any]) -> str:
    """The two largest Ns: how much longer N times more schools take (start-up, the same at
    every N, keeps the fitted exponent below 1; linear work shows here)."""
    ok = sorted(n for n, r in by_n.items() if r.get("available"))
    if len(ok) < 2:
        return ""
    a, b = by_n[ok[-2]], by_n[ok[-1]]
    return (
        f"; {ok[-2]:,} → {ok[-1]:,} schools (×{ok[-1] / ok[-2]:g}): "
        f"first run ×{b['cold'] / a['cold']:.2f}, repeat run ×{b['warm'] / a['warm']:.2f}"
    )


def _yes(figure: float, target: Target) -> str:
    met = figure < target.limit or (not target.under and figure == target.limit)
    return "yes" if met else "NO"


class Target(NamedTuple):
    name: str
    figure: float
    limit: float
    under: bool  # the figure must be under the limit ("< 2.5 s"), not at most it ("≤ 1.5×")
    seconds: bool  # a time, which a machine's speed scales (not a ratio of two runs, or a size)


def targets(results: dict[str, Any]) -> list[Target]:
    """The issue's targets this run measured."""
    s = results["startup"]
    out = [Target("`--help` / import floor ≤ 1.5", s["ratio"], 1.5, under=False, seconds=False)]
    for key, how in (
        ("status_ratio", "repeat run"),
        ("status_tty_ratio", "repeat run in a terminal"),
        ("status_first_ratio", "first run"),
    ):
        name = f"`status` on the bundled data, {how} / floor ≤ 2.5"
        out.append(Target(name, s[key], 2.5, under=False, seconds=False))
    tw = results.get("taskwarrior")
    if isinstance(tw, dict) and "ratio_cold" in tw:
        name = "1,250 `overdue` first run / `task overdue` ≤ 1"
        out.append(Target(name, tw["ratio_cold"], 1, under=False, seconds=False))
        name = "1,250 `overdue` repeat run / `task overdue` ≤ ⅓"
        out.append(Target(name, tw["ratio_warm"], 1 / 3, under=False, seconds=False))
    for cmd, by_n in results["commands"].items():
        for n, r in by_n.items():
            if not r.get("available"):
                continue
            if n == 1250 and cmd == "overdue":
                name = "1,250 `overdue` first run / floor ≤ 10"
                out.append(Target(name, r["cold"] / r["floor"], 10, under=False, seconds=False))
                name = "1,250 `overdue` repeat run / floor ≤ 3"
                out.append(Target(name, r["warm"] / r["floor"], 3, under=False, seconds=False))
            if n == 5000 and cmd in ("status", "overdue"):
                name = f"5,000 `{cmd}` first run < 2.5 s"
                out.append(Target(name, r["cold"], 2.5, under=True, seconds=True))
                name = f"5,000 `{cmd}` repeat run < 0.6 s"
                out.append(Target(name, r["warm"], 0.6, under=True, seconds=True))
            if n == 20000:
                name = f"20,000 `{cmd}` repeat run < 2 s"
                out.append(Target(name, r["warm"], 2.0, under=True, seconds=True))
                name = f"20,000 `{cmd}` peak RSS < 1,024 MB"
                out.append(Target(name, r["peak_rss_mb"], 1024, under=True, seconds=False))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ns", default="50,500,5000,20000", help="comma-separated school counts")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument(
        "--no-taskwarrior",
        action="store_true",
        help="skip Taskwarrior: no ratio against `task overdue`, no machine factor",
    )
    parser.add_argument(
        "--without-fast",
        action="store_true",
        help="time the default install: guanxin without yaml_rs (the fast extra)",
    )
    args = parser.parse_args()
    ns = [int(x) for x in args.ns.split(",") if x]
    OUT.mkdir(parents=True, exist_ok=True)
    if args.without_fast:
        hide_fast()
    precompile()
    results: dict[str, Any] = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        "install": "default (no yaml_rs)" if args.without_fast else "as installed",
        "startup": startup(max(5, args.repeats)),
        "commands": {},
        "growth": {},
    }
    for cmd in args.commands.split(","):
        by_n: dict[int, Any] = {}
        for n in ns:
            print(f"{cmd} N={n}", file=sys.stderr, flush=True)
            by_n[n] = measure(cmd, n, args.repeats)
        results["commands"][cmd] = by_n
        ok = [(n, r) for n, r in by_n.items() if r.get("available")]
        results["growth"][cmd] = {
            "cold": exponent([(n, r["cold"]) for n, r in ok]),
            "warm": exponent([(n, r["warm"]) for n, r in ok]),
        }
    if not args.no_taskwarrior:
        results["taskwarrior"] = taskwarrior(args.repeats)
        results["calibration"] = calibrate(args.repeats)
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
