"""Time guanxin as whole processes on synthetic workspaces of N schools.

    python bench/run.py                      # N = 50, 500, 5000, 20000; 3 repeats
    python bench/run.py --ns 50,500 --repeats 5 --commands check

For each command and N: the median wall time of a first run (a fresh, empty
GUANXIN_CACHE_DIR each time) and of a repeat run (cache warmed once), the peak RSS of the
process (from wait4), and the growth exponent k of time ≈ c·N^k fitted over the Ns.
Commands the installed guanxin does not have yet (exit 2, "No such command") are n/a.
Also: ``guanxin --help`` against the import floor, and, when Taskwarrior's ``task`` is on
PATH, ``task overdue`` on the same number of items (1,250 schools × the plan) as a ratio.
Results are printed as Markdown and saved to bench/out/results.json.
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
from typing import Any

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


def base_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    env.update(GUANXIN_CACHE_DIR=str(cache), NO_COLOR="1", GUANXIN_LANG="en")
    return env


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
    env = base_env(Path(tempfile.gettempdir()) / "guanxin-bench-help")
    floor = statistics.median(timed(FLOOR, HERE, env)[0] for _ in range(repeats))
    help_ = statistics.median(
        timed([*guanxin_exe(), "--help"], HERE, env)[0] for _ in range(repeats)
    )
    return {"floor": floor, "help": help_, "ratio": help_ / floor}


# ------------------------------------------------------------------ Taskwarrior


def taskwarrior(repeats: int) -> dict[str, Any] | None:
    task = shutil.which("task")
    if task is None:
        return None
    root = workspace(TASKWARRIOR_SCHOOLS)
    data = OUT / f"taskwarrior-{TASKWARRIOR_SCHOOLS}"
    rc = data / "taskrc"
    env = dict(os.environ, TASKRC=str(rc), TASKDATA=str(data))
    if not (data / ".generated").exists():
        print("  building the Taskwarrior database…", file=sys.stderr, flush=True)
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        rc.write_text(
            f"data.location={data}\nconfirmation=no\nverbose=nothing\ngc=off\nhooks=off\n",
            encoding="utf-8",
        )
        tasks = list(_tasks(root))
        feed = data / "import.json"
        feed.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        subprocess.run([task, "import", str(feed)], env=env, check=True, capture_output=True)
        (data / ".generated").write_text(str(len(tasks)), encoding="utf-8")
    count = int((data / ".generated").read_text(encoding="utf-8"))
    argv = [task, "rc.gc=off", "overdue"]
    walls = [timed(argv, HERE, env)[0] for _ in range(repeats)]
    theirs = statistics.median(walls)
    ours = measure("overdue", TASKWARRIOR_SCHOOLS, repeats)
    result: dict[str, Any] = {"tasks": count, "task_overdue": theirs, "guanxin": ours}
    if ours.get("available"):
        result["ratio_cold"] = ours["cold"] / theirs
        result["ratio_warm"] = ours["warm"] / theirs
    return result


def _tasks(root: Path) -> Any:
    """One pending task per school × plan item, due when the plan says (as guanxin sees it)."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from guanxin_cli.loading import Workspace, load_workspace, scope_applies

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
    lines += [
        f"startup: import floor {s['floor']:.3f} s, `guanxin --help` {s['help']:.3f} s "
        f"(×{s['ratio']:.2f})",
        "",
        "Each row's floor was measured between its runs. The last two columns scale the "
        f"figures to the issue's reference floor ({REFERENCE_FLOOR} s): an estimate only.",
        "",
        "| command | N | first run (s) | repeat run (s) | peak RSS (MB) | floor (s) "
        "| first, scaled | repeat, scaled |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cmd, by_n in results["commands"].items():
        for n, r in by_n.items():
            if not r.get("available"):
                lines.append(f"| {cmd} | {n} | n/a | n/a | n/a | n/a | n/a | n/a |")
            else:
                scale = REFERENCE_FLOOR / r["floor"]
                lines.append(
                    f"| {cmd} | {n} | {r['cold']:.2f} | {r['warm']:.2f} | {r['peak_rss_mb']:.0f} "
                    f"| {r['floor']:.3f} | {r['cold'] * scale:.2f} | {r['warm'] * scale:.2f} |"
                )
    lines.append("")
    for cmd, fit in results["growth"].items():
        if fit["cold"] is not None:
            lines.append(
                f"growth {cmd}: first run ∝ N^{fit['cold']:.2f}, repeat run ∝ N^{fit['warm']:.2f}"
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
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ns", default="50,500,5000,20000", help="comma-separated school counts")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--no-taskwarrior", action="store_true")
    args = parser.parse_args()
    ns = [int(x) for x in args.ns.split(",") if x]
    OUT.mkdir(parents=True, exist_ok=True)
    precompile()
    results: dict[str, Any] = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
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
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
