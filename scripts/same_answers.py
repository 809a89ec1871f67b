"""Do two versions of guanxin give the same answers, byte for byte? For a change that must
not change behaviour (moving code, a faster path):

    .venv/bin/python scripts/same_answers.py --before main            # against the work tree
    .venv/bin/python scripts/same_answers.py --before main --after HEAD --schools 450

Each version's ``src/`` is taken from git (``git archive``; the work tree's own for
``--after`` left out) and run with this Python, on the bundled data and on a generated
workspace (``bench/generate.py``, ``--schools``), each report as a first run (an empty
cache), a repeat run, with no cache, and in one process (``GUANXIN_JOBS=1``). Exit code,
stdout and stderr must be the same (paths into the bundled sample aside: they name where
each version is). Prints each difference and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AS_OF = ["--as-of", "2022-07-01"]
REPORTS = {
    "status --json": ["status", "--json", *AS_OF],
    "status": ["status", *AS_OF],
    "status --json (year end)": ["status", "--json"],
    "overdue": ["overdue", *AS_OF],
    "overdue --by liaison --within 7d": ["overdue", *AS_OF, "--by", "liaison", "--within", "7d"],
    "overdue --json": ["overdue", "--json", "--as-of", "2022-10-01"],
    "check --json": ["check", "--json"],
    "check": ["check"],
    "school list --json": ["school", "list", "--json", *AS_OF],
}
# (name, environment, runs: the first into an empty cache, then repeats)
WAYS: tuple[tuple[str, dict[str, str], int], ...] = (
    ("cache", {}, 2),
    ("no cache", {"GUANXIN_NO_CACHE": "1"}, 1),
    ("one process", {"GUANXIN_JOBS": "1", "GUANXIN_NO_CACHE": "1"}, 1),
)
BUNDLED = re.compile(rb'[^"\s]*/src/guanxin_cli/bundled/')

Answer = tuple[int, bytes, bytes]


def source(rev: str | None, into: Path) -> Path:
    """The ``src`` folder of ``rev`` (None: the work tree's)."""
    if rev is None:
        return REPO / "src"
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "src"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def generated(schools: int, root: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(schools, root)
    return root


def answers(src: Path, workspaces: dict[str, Path], caches: Path) -> Iterator[tuple[str, Answer]]:
    """Every report in every way on every workspace, run with the code in ``src``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    base.update(PYTHONPATH=str(src), NO_COLOR="1", COLUMNS="100")
    for place, root in workspaces.items():
        for way, env, runs in WAYS:
            cache = caches / hashlib.sha256(f"{place}|{way}".encode()).hexdigest()[:12]
            for name, args in REPORTS.items():
                for run in range(runs):
                    proc = subprocess.run(
                        [sys.executable, "-m", "guanxin_cli", *args],
                        cwd=root,
                        env={**base, "GUANXIN_CACHE_DIR": str(cache), **env},
                        capture_output=True,
                        timeout=600,
                    )
                    said = (
                        BUNDLED.sub(b"BUNDLED/", proc.stdout),
                        BUNDLED.sub(b"BUNDLED/", proc.stderr),
                    )
                    label = f"{place}: {name} ({way}, {'first' if run == 0 else 'repeat'} run)"
                    yield label, (proc.returncode, *said)


def differences(before: dict[str, Answer], after: dict[str, Answer]) -> list[str]:
    """What differs between two sets of answers, one line each."""
    found = []
    for label in sorted(before.keys() | after.keys()):
        old, new = before.get(label), after.get(label)
        if old is None or new is None:
            found.append(f"{label}: only {'after' if old is None else 'before'}")
            continue
        for part, a, b in zip(("exit code", "stdout", "stderr"), old, new, strict=True):
            if a != b:
                found.append(f"{label}: {part} differs")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git revision (default: main)")
    parser.add_argument("--after", default=None, help="git revision (default: the work tree)")
    parser.add_argument("--schools", type=int, default=450, help="schools generated (450)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="guanxin-same-") as tmp:
        here = Path(tmp)
        nowhere = here / "nowhere"  # (no workspace: the bundled sample is used)
        nowhere.mkdir()
        places = {"bundled": nowhere}
        if args.schools:
            places[f"{args.schools} schools"] = generated(args.schools, here / "ws")
        got = {}
        for side, rev in (("before", args.before), ("after", args.after)):
            src = source(rev, here / side)
            got[side] = dict(answers(src, places, here / f"cache-{side}"))
        found = differences(got["before"], got["after"])
    for line in found:
        print(line)
    print(f"{len(got['after'])} answers compared, {len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
