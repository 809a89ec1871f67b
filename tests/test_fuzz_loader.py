"""Property tests: whatever bytes a school or plan file holds, loading either succeeds or
reports located problems (file and line) — never a traceback, never a hang.

Deterministic for CI (derandomized, no example database, bounded example counts); set
GUANXIN_FUZZ_EXAMPLES=5000 for a deeper local run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guanxin_cli import yamlio
from guanxin_cli.errors import DataError, Problem
from guanxin_cli.render import problem_line
from guanxin_cli.workspace.folders import Workspace
from guanxin_cli.workspace.loader import check_files, load_workspace

from .conftest import REPO

EXAMPLES = int(os.environ.get("GUANXIN_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=2000,  # ms per example; a real hang is caught by the alarm below
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
HANG_SECONDS = 10
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

PLAN_BYTES = (REPO / "plans" / "2022.yaml").read_bytes()
SCHOOL_TEXT = """\
# 模糊测试用学校
schema_version: 1
id: fuzz-school
name: 模糊测试小学
type: primary
contact: {name: 张老师, role: 主任, phone: 0519-82881234}
liaison: 王建国  # 包校
volunteers: {wulao: 5, lecturers: 1}
facilities:
  tutoring_station: {name: 社区辅导站, systems: [校站结合制]}
youzhihua:
  cohort: 2021
  steps:
    - {step: apply, date: 2021-04-10, result: passed, score: 92.5}
progress:
  s2-team-cases: {status: done, date: 2022-06-20, evidence: [参评案例文本]}
  s2-red-festivals@清明前后: {status: in_progress, started: 2022-03-01}
  s2-family-station: {status: blocked, reason: 场地改造}
audits:
  - id: a1
    date: 2022-03-20
    kind: inspection
    by: 督查组
    findings:
      - {id: f1, text: 台账不全, fix_by: 2022-06-30, fixed: 2022-05-01}
activities:
  - {name: 清明祭扫, date: 2022-04-03, category: 红色教育, wulao: 2, students: 80}
"""
SCHOOL_BYTES = SCHOOL_TEXT.encode()


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    def _alarm(signum: int, frame: Any) -> None:
        raise TimeoutError(f"loader still running after {seconds}s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def assert_located(problems: list[Problem], lines: int | None = None) -> None:
    """Each problem names its file and a 1-based line (inside the file) and renders."""
    assert problems
    for p in problems:
        assert p.where.path is not None, p
        assert p.where.line is not None and p.where.line >= 1, p
        if lines is not None:
            assert p.where.line <= lines + 1, p
        for lang in ("zh", "en"):
            assert problem_line(p, lang)  # every message has the parameters it needs


def _lines(data: bytes | str) -> int:
    """Lines as YAML counts them (a lone CR, NEL and the Unicode separators break lines too)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return len(LINE_BREAK.findall(text)) + 1


# ----------------------------------------------------------------- yamlio on its own

yaml_alphabet = st.sampled_from(list("abc:-[]{},&*!|>'\"#?%@` \t\n\r\x00\ufeff é王0123.~<=_"))


@FUZZ
@given(st.one_of(st.text(), st.text(alphabet=yaml_alphabet, max_size=200)))
def test_any_text_parses_or_gives_a_located_error(text: str) -> None:
    path = Path("fuzz.yaml")
    with no_hang():
        try:
            doc = yamlio.loads(text, path)
        except DataError as exc:
            assert_located(exc.problems, _lines(text))
            return
    for key_path in list(doc.positions)[:20]:  # lazily computed positions work too
        assert doc.locate(key_path).line is not None


@FUZZ
@given(st.binary(max_size=400) | st.sampled_from([PLAN_BYTES[:300], SCHOOL_BYTES]))
def test_any_bytes_decode_or_give_a_located_error(raw: bytes) -> None:
    path = Path("fuzz.yaml")
    try:
        text = yamlio.decode(raw, path)
        yamlio.loads(text, path)
    except DataError as exc:
        assert_located(exc.problems, _lines(raw))


# ----------------------------------------------------------------- whole workspace

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["2022-02-30", "2022-06-20", "done", "primary", "s2-team-cases", "王"]),
)
plain = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)
school_keys = st.sampled_from(
    ["schema_version", "id", "name", "type", "contact", "liaison", "volunteers", "facilities",
     "youzhihua", "progress", "audits", "activities", "note", "liason"]
)  # fmt: skip
school_like = st.dictionaries(school_keys, plain, max_size=8)
progress_like = st.fixed_dictionaries(
    {"id": st.just("fuzz-school"), "name": st.just("模糊"), "type": st.just("primary")},
    optional={
        "progress": st.dictionaries(
            st.sampled_from(["s2-team-cases", "s2-red-festivals", "s2-red-festivals@七一", "x@y"]),
            st.dictionaries(
                st.sampled_from(["status", "date", "started", "reason", "wulao", "evidence"]),
                plain,
                max_size=4,
            ),
            max_size=3,
        )
    },
)


def _workspace(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    if not root.exists():
        (root / "plans").mkdir(parents=True)
        (root / "data" / "schools").mkdir(parents=True)
    (root / "plans" / "2022.yaml").write_bytes(PLAN_BYTES)
    return Workspace(root)


@FUZZ
@given(st.one_of(plain, school_like, progress_like))
def test_random_documents_load_or_give_located_problems(tmp_path: Path, data: Any) -> None:
    ws = _workspace(tmp_path)
    path = ws.schools_dir / "fuzz-school.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with no_hang():
        problems = check_files([path], ws)
    if problems:
        assert_located(problems, _lines(path.read_bytes()))


mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate", "swap-line"]),
    st.floats(min_value=0, max_value=1, exclude_max=True),
    st.integers(min_value=0, max_value=255),
)


def mutate(raw: bytes, ops: list[tuple[str, float, int]]) -> bytes:
    buf = bytearray(raw)
    for op, where, value in ops:
        i = int(where * len(buf)) if buf else 0
        if op == "flip" and buf:
            buf[i] ^= value or 1
        elif op == "insert":
            buf[i:i] = bytes([value])
        elif op == "delete" and buf:
            del buf[i : i + 1 + value % 8]
        elif op == "truncate":
            del buf[i:]
        elif op == "swap-line":
            lines = bytes(buf).split(b"\n")
            j = int(where * len(lines))
            k = value % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
            buf = bytearray(b"\n".join(lines))
    return bytes(buf)


@FUZZ
@given(
    st.sampled_from(["plan", "school", "both"]),
    st.lists(mutation, min_size=1, max_size=4),
)
def test_corrupted_files_load_or_give_located_problems(
    tmp_path: Path, which: str, ops: list[tuple[str, float, int]]
) -> None:
    ws = _workspace(tmp_path)
    plan = ws.plans_dir / "2022.yaml"
    school = ws.schools_dir / "fuzz-school.yaml"
    plan_bytes = mutate(PLAN_BYTES, ops) if which in ("plan", "both") else PLAN_BYTES
    school_bytes = mutate(SCHOOL_BYTES, ops) if which in ("school", "both") else SCHOOL_BYTES
    plan.write_bytes(plan_bytes)
    school.write_bytes(school_bytes)
    with no_hang():
        problems = check_files([plan, school], ws)
        try:
            load_workspace(ws)
        except DataError as exc:
            assert_located(exc.problems, max(_lines(plan_bytes), _lines(school_bytes)))
    if problems:
        assert_located(problems, max(_lines(plan_bytes), _lines(school_bytes)))


@settings(FUZZ, max_examples=max(10, EXAMPLES // 6))
@given(st.lists(mutation, min_size=1, max_size=3))
def test_check_command_never_crashes(tmp_path: Path, ops: list[tuple[str, float, int]]) -> None:
    from guanxin_cli.cli import main

    ws = _workspace(tmp_path)
    (ws.schools_dir / "fuzz-school.yaml").write_bytes(mutate(SCHOOL_BYTES, ops))
    out, err = io.StringIO(), io.StringIO()
    with no_hang(), contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(["check", "--root", str(ws.root)])
    assert code in (0, 1), err.getvalue()
    if code:
        assert "fuzz-school.yaml:" in out.getvalue()


def test_the_unmutated_files_are_clean(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    (ws.schools_dir / "fuzz-school.yaml").write_bytes(SCHOOL_BYTES)
    assert check_files([ws.plans_dir / "2022.yaml", ws.schools_dir / "fuzz-school.yaml"], ws) == []
    shutil.rmtree(ws.root)
