"""Reading with yaml_rs (YAML 1.2, Rust) and PyYAML (the careful path that locates errors):
both give the same data, ordinary files take the fast path, odd ones the careful path, and
every error is still located.

yaml_rs comes with the ``fast`` extra; without it every file takes the careful path. The
tests marked ``fast`` compare the two paths or look at yaml_rs itself; the others hold
either way (the README's test command runs them both ways)."""

from __future__ import annotations

import contextlib
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guanxin_cli import yamlio
from guanxin_cli.errors import DataError, Problem
from guanxin_cli.workspace.folders import BUNDLED_ROOT

from .conftest import REPO

try:
    import yaml_rs
except ImportError:  # without the fast extra: the tests marked `fast` are not run
    yaml_rs = None

P = Path("test.yaml")
SCHOOL = """\
schema_version: 1
id: test-school
name: 测试小学
type: primary
contact: {name: 张老师, role: 主任, phone: 0519-82019884}
liaison: 王建国  # 包校
volunteers: {wulao: 5, lecturers: 1}
"""
BUNDLED_FILES = sorted(
    p
    for root in (REPO, BUNDLED_ROOT)
    for part in ("plans", "data")
    for p in (root / part).rglob("*.yaml")
)
FUZZ = settings(
    max_examples=int(os.environ.get("GUANXIN_FUZZ_EXAMPLES", "200")),  # as in test_fuzz_loader
    deadline=2000,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def careful(text: str) -> Any:
    return yamlio._pyyaml_loads(text, P).data


def error(text: str) -> Problem:
    """The one problem in ``text``: the same whether yaml_rs is given the text or, as when
    a file is read, its bytes."""
    found = []
    for utf8 in (None, text.encode()):
        with pytest.raises(DataError) as info:
            yamlio.loads(text, P, utf8=utf8)
        found.append(info.value.problems)
    assert found[0] == found[1]
    [p] = found[0]
    return p


def same(a: Any, b: Any) -> bool:
    """Equal data, types included (1 is not 1.0 or True), NaN equal to NaN, key order too."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records which parser ran: 'rs' for yaml_rs, 'pyyaml' for the careful path."""
    calls: list[str] = []
    rs_loads, rs_load, py_loads = yaml_rs.loads, yaml_rs.load, yamlio._pyyaml_loads

    def rs(*args: Any, **kwargs: Any) -> Any:
        calls.append("rs")
        return rs_loads(*args, **kwargs)

    def rs_bytes(*args: Any, **kwargs: Any) -> Any:
        calls.append("rs")
        return rs_load(*args, **kwargs)

    def py(text: str, path: Path) -> yamlio.Document:
        calls.append("pyyaml")
        return py_loads(text, path)

    monkeypatch.setattr(yaml_rs, "loads", rs)
    monkeypatch.setattr(yaml_rs, "load", rs_bytes)
    monkeypatch.setattr(yamlio, "_pyyaml_loads", py)
    return calls


# ----------------------------------------------------------------- YAML 1.2 readings

READINGS = [
    ("liaison: no", "no"),
    ("liaison: yes", "yes"),
    ("x: on", "on"),
    ("x: Off", "Off"),
    ("wulao: 012", 12),
    ("x: 0o17", 15),
    ("x: 0x1F", 31),
    ("x: 1_000", 1000),
    ("x: 1e3", 1000.0),
    ("x: -.5", -0.5),
    ("x: .Inf", math.inf),
    ("x: true", True),
    ("x: FALSE", False),
    ("x: ~", None),
    ("x: 1:20", "1:20"),
    ("x: 2022-06-20", "2022-06-20"),
    ("phone: 0519-82019884", "0519-82019884"),
    ("x: =", "="),
]


@pytest.mark.parametrize(("line", "value"), READINGS)
def test_plain_scalars_read_as_yaml_1_2_on_both_paths(line: str, value: Any) -> None:
    fast = yamlio.loads(line + "\n", P).data
    # An anchor anywhere sends the file down the careful path: it must read the same.
    slow = yamlio.loads(line + "\nother: &anchor 1\n", P).data
    assert same(fast[line.split(":")[0]], value)
    assert same(slow[line.split(":")[0]], value)


def test_a_school_whose_liaison_is_no_checks_clean(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    text = SCHOOL.replace("liaison: 王建国", "liaison: no").replace("wulao: 5", "wulao: 012")
    (workspace / "data" / "schools" / "test-school.yaml").write_text(text, encoding="utf-8")
    # (a school's liaison must be in office.yaml's directory: put the text "no" there too)
    office = workspace / "data" / "office.yaml"
    listed = office.read_text("utf-8").replace("liaisons:\n", 'liaisons:\n  - {name: "no"}\n')
    office.write_text(listed, "utf-8")
    result = run(["check", "data/schools/test-school.yaml"], cwd=workspace)
    assert result.code == 0, result.out
    data = yamlio.load(workspace / "data" / "schools" / "test-school.yaml").data
    assert data["liaison"] == "no" and data["volunteers"]["wulao"] == 12


def test_keys_read_the_same_on_both_paths() -> None:
    text = "1.5: a\ntrue: b\n~: c\n2022: d\n'2022': e\n"
    assert same(yamlio.loads(text, P).data, careful(text))
    assert list(yamlio.loads(text, P).data) == ["1.5", "true", "~", 2022, "2022"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("note: |\n  text", "text"),  # no final line break: yaml_rs would add one
        ("note: |\n", ""),  # empty at the very end: yaml_rs would give "\n"
        ("note: |\n  x\n  ", "x\n"),
        ("note: >-\n  a\n  b\n", "a b"),
        ("note: |\n  text\n", "text\n"),
    ],
)
def test_block_scalars_at_the_end_read_as_the_spec_says(text: str, value: str) -> None:
    assert yamlio.loads(text, P).data == {"note": value} == careful(text)


# ----------------------------------------------------------------- errors stay located


@pytest.mark.fast
def test_duplicate_key_is_located_with_its_first_line(spy: list[str]) -> None:
    p = error(SCHOOL + "liaison: 李四\n")
    assert spy == ["rs", "pyyaml"] * 2  # yaml_rs refused it (text, bytes); PyYAML said where
    assert (p.msg, p.where.line, p.where.col) == ("yaml.duplicate_key", 8, 1)
    assert p.params == {"key": "liaison", "first_line": 6}


def test_several_documents_are_a_located_error() -> None:
    p = error(SCHOOL + "---\nid: second\n")
    assert (p.msg, p.where.line) == ("yaml.several_documents", 8)


def test_an_empty_file_and_only_comments_are_empty() -> None:
    for text in ("", "\n\n", "# 只有注释\n"):
        assert error(text).msg == "yaml.empty"


def test_a_mapping_inside_a_key_is_a_complex_key() -> None:
    # yaml_rs raises TypeError (unhashable dict) here; PyYAML locates the key.
    p = error("? {a: {b: 1}}\n: x\n")
    assert (p.msg, p.where.line, p.where.col) == ("yaml.complex_key", 1, 3)


@pytest.mark.fast
def test_what_only_yaml_rs_refuses_is_located_where_it_stopped() -> None:
    # A flow mapping continued at column 0 is not YAML 1.2; PyYAML took it.
    p = error("id: x\ncontact: {name: 张老师,\nphone: 1}\n")
    assert (p.msg, p.where.line, p.where.col) == ("yaml.syntax", 3, 1)
    assert p.params["detail"] == "invalid indentation in flow construct"


@pytest.mark.parametrize(
    ("text", "msg"),
    [
        ("a: " + "[" * 10_000 + "]" * 10_000 + "\n", "yaml.too_deep"),
        ("a: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "yaml.too_deep"),
        # yaml_rs has no limit on block nesting: 20,000 levels overflow its stack and
        # abort the process, so these must never reach it.
        ("- " * 100_000 + "x\n", "yaml.too_deep"),
        ("? " * 100_000 + "x\n", "yaml.too_deep"),
        ("".join(" " * i + f"k{i}:\n" for i in range(3000)), "yaml.too_deep"),
        ("a: " + "[" * 70 + "]" * 70 + "\n", "yaml.too_deep"),  # yaml_rs parses it; too deep
        ((REPO / "tests" / "corpus" / "alias-bomb.yaml").read_text(), "yaml.too_many_nodes"),
        ("-\n" * 600_000, "yaml.too_many_nodes"),
    ],
    ids=["flow-seq", "flow-map", "block-seq", "explicit-keys", "block-map", "70", "bomb", "nodes"],
)
def test_hostile_input_gives_its_message_in_a_process_that_survives(text: str, msg: str) -> None:
    code = (
        "import sys; from pathlib import Path; from guanxin_cli import yamlio\n"
        "from guanxin_cli.errors import DataError\n"
        "try:\n    yamlio.loads(sys.stdin.read(), Path('x.yaml'))\n"
        "except DataError as exc:\n    p = exc.problems[0]; print(p.msg, p.where.line)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr  # a Rust stack overflow would be -11 / -6
    assert done.stdout.split()[0] == msg


# ----------------------------------------------------------------- which path runs


ORDINARY = [
    SCHOOL,
    "---\n" + SCHOOL,  # one leading document marker
    SCHOOL + "note: 联系人&电话 a*b 100%\n",  # & * % inside text, not node properties
    SCHOOL + "note: |\n  第一行\n  第二行\nother: 1\n",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_files_take_the_fast_path(text: str) -> None:
    assert not yamlio._needs_pyyaml(text)


ODD = [
    SCHOOL + "base: &b {wulao: 5}\n",
    SCHOOL + "other: *b\n",
    SCHOOL + "x: !!str 12\n",
    SCHOOL + "x:\n  <<: {a: 1}\n",
    "%YAML 1.2\n---\n" + SCHOOL,
    SCHOOL + "---\n",
    SCHOOL + "...\n",
    "# 注释\n---\n" + SCHOOL,
    SCHOOL + "note: a\x01b\n",
    SCHOOL + "note: a\x85b\n",
    SCHOOL + "note: a\u2028b\n",
    SCHOOL + "note: a\ufeffb\n",
    SCHOOL + "note: |\n  no final line break",
    SCHOOL + "note: |\n",
    SCHOOL + "x:\n" + " " * 64 + "y: 1\n",
    SCHOOL + "x:\n" + "- " * 32 + "y\n",
    " " * 64 + "a: 1\n",  # deep from the first line
]


@pytest.mark.parametrize("text", [*ODD, "\ud800: x\n"])
def test_odd_files_take_the_careful_path(text: str) -> None:
    assert yamlio._needs_pyyaml(text)


@pytest.mark.fast
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_a_file_takes_the_path_its_text_would(
    bom: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``load`` looks at the file's own bytes (not its text encoded again), after a BOM:
    a file deep from its first line goes to PyYAML, BOM or not."""
    careful: list[Path] = []
    real = yamlio._pyyaml_loads

    def counted(text: str, path: Path) -> Any:
        careful.append(path)
        return real(text, path)

    monkeypatch.setattr(yamlio, "_pyyaml_loads", counted)
    for n, text in enumerate([*ORDINARY, *ODD]):
        path = tmp_path / f"{n}.yaml"
        path.write_bytes(bom + text.encode())
        careful.clear()
        with contextlib.suppress(DataError):
            yamlio.load(path)
        assert bool(careful) == yamlio._needs_pyyaml(text), text


@pytest.mark.fast
def test_bundled_files_load_without_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("PyYAML composed an ordinary file")

    monkeypatch.setattr(yaml, "compose", refuse)
    assert BUNDLED_FILES
    for path in BUNDLED_FILES:
        assert isinstance(yamlio.load(path).data, dict), path


@pytest.mark.fast
@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_both_paths_read_bundled_files_the_same(path: Path) -> None:
    text = yamlio.read_text(path)
    assert same(yamlio.loads(text, path).data, careful(text))
    assert same(yamlio.load(path).data, careful(text))  # (yaml_rs given the file's bytes)


@pytest.mark.fast
def test_without_yaml_rs_files_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [yamlio.load(p).data for p in BUNDLED_FILES]
    monkeypatch.setattr(yamlio, "HAVE_YAML_RS", False)
    assert all(same(a, yamlio.load(p).data) for a, p in zip(fast, BUNDLED_FILES, strict=True))


def test_positions_still_come_from_pyyaml() -> None:
    doc = yamlio.loads(SCHOOL, P)
    assert doc.locate(("volunteers", "wulao")).line == 7
    assert doc.locate_key(("liaison",)).col == 1


# ----------------------------------------------------------------- differential fuzzing

scalar_text = st.text(alphabet="0123456789_.eE+-xXoObBaAfFiInNlLtTrRuUsS~", min_size=1, max_size=8)


@pytest.mark.fast
@FUZZ
@given(scalar_text)
def test_plain_scalars_resolve_like_yaml_rs(value: str) -> None:
    text = f"a: {value}\n"
    try:
        expected = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError:
        return
    assert same(careful(text), expected), value


data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["yes", "no", "012", "1e3", "0519-82019884", "2022-06-20", "王", "a: b"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)


@pytest.mark.fast
@FUZZ
@given(data, st.booleans(), st.sampled_from([None, 20, 80]), st.booleans())
def test_dumped_data_reads_the_same_on_both_paths(
    value: Any, flow: bool, width: Any, as_bytes: bool
) -> None:
    """``as_bytes``: yaml_rs given the file's bytes (how a file is read), not the text."""
    text = yaml.safe_dump({"k": value}, allow_unicode=True, default_flow_style=flow, width=width)
    try:
        fast = yamlio.loads(text, P, utf8=text.encode() if as_bytes else None)
    except DataError as exc:
        with pytest.raises(DataError) as again:
            careful(text)
        assert again.value.problems == exc.problems
        return
    assert same(fast.data, careful(text)), text


# ------------------------------------------- school files: the model checks the keys


@pytest.mark.parametrize(
    ("extra", "line", "said"),
    [
        # keys yaml_rs reads as numbers or booleans are text to PyYAML's reading
        ("progress:\n  1.5: {status: not_started}\n", "9:3", "[progress.1.5] 未知的 task“1.5”"),
        ("true: x\n", "8:1", "未知的键“true”"),
        ("progress:\n  2022: {status: not_started}\n", "9:9", "“progress.2022.[key]”应为文字"),
        ("note: " + "[" * 70 + "x" + "]" * 70 + "\n", "8:71", "嵌套层数过深（上限 64 层）"),
    ],
    ids=["float-key", "bool-key", "int-key", "too-deep"],
)
def test_a_school_file_with_odd_keys_or_nesting_says_what_the_careful_reading_says(  # type: ignore[no-untyped-def]
    run, workspace: Path, monkeypatch: pytest.MonkeyPatch, extra: str, line: str, said: str
) -> None:
    """School files skip the walk over keys and nesting (the model refuses what it would
    find); one the model refuses is read again with every check, and says what it always did."""
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    path = workspace / "data" / "schools" / "test-school.yaml"
    path.write_text(SCHOOL + extra, encoding="utf-8")
    result = run(["check", "--root", str(workspace)])
    assert result.code == 1
    assert f"test-school.yaml:{line}: {said}" in result.out + result.err


def test_the_school_model_is_closed() -> None:
    """What lets school files skip the walk over keys and nesting: every mapping in a school
    file is a model with fixed keys or a mapping with text keys, and no value is free-form."""
    from guanxin_cli.models import School
    from guanxin_cli.rules import json_schema

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node.get("additionalProperties") in (None, False) or isinstance(
                    node["additionalProperties"], dict
                ), where
                if "properties" in node:
                    assert node.get("additionalProperties") is False, where
            if not node or set(node) <= {"title", "description", "default"}:
                raise AssertionError(f"free-form value at {where}")
            for key, value in node.items():
                if key not in ("default", "examples"):
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}[{n}]")

    walk(json_schema(School), "School")


def test_a_file_is_read_to_its_end_however_the_reads_come() -> None:
    """One read as a rule, as big as fstat said; a file that reads short (a pipe stands in
    for one here) or grows meanwhile is read on to its end, but never past the limit."""
    from guanxin_cli import yamlio

    read, write = os.pipe()
    os.write(write, "名: 朝阳\n".encode())
    os.close(write)
    try:
        assert yamlio._read_all(read, 2).decode() == "名: 朝阳\n"  # said 2 bytes: read on
    finally:
        os.close(read)
    read, write = os.pipe()
    os.write(write, b"x" * 5000)
    os.close(write)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(yamlio, "MAX_BYTES", 4096)
            with pytest.raises(OSError, match="grew past"):
                yamlio._read_all(read, 10)
    finally:
        os.close(read)


def test_a_fifo_is_never_opened_to_wait_for_a_writer(tmp_path: Path) -> None:
    """Reading a file and looking at a broken file's start (to recognise it by its id) both
    refuse a named pipe at once: opening one to read waits for a writer that never comes."""
    import signal

    from guanxin_cli import yamlio
    from guanxin_cli.errors import DataError

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)

    def stuck(*_: object) -> None:
        raise AssertionError("blocked on the FIFO")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(5)
    try:
        with pytest.raises(yamlio.NotRegular):
            yamlio.read_head(fifo)
        assert yamlio.peek(fifo) is None
        with pytest.raises(DataError) as refused:
            yamlio.read_text(fifo)
        assert [p.msg for p in refused.value.problems] == ["file.unreadable"]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_each_reason_a_file_cannot_be_read_has_its_message(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "file").write_text("a: 1\n", encoding="utf-8")
    with open(tmp_path / "huge.yaml", "wb") as fh:
        fh.truncate(yamlio.MAX_BYTES + 1)  # sparse
    cases = {
        "missing.yaml": ("file.missing", {}),
        "folder.yaml": ("file.is_dir", {}),
        "file/inside.yaml": (
            "file.unreadable",
            {"reason": "路径中有一项不是文件夹"},
        ),  # (os_reason)
        "huge.yaml": ("yaml.too_large", {"size": yamlio.MAX_BYTES + 1}),
    }
    for name, (msg, params) in cases.items():
        with pytest.raises(DataError) as refused:
            yamlio.load(tmp_path / name)
        (found,) = refused.value.problems
        assert (found.msg, found.where.path) == (msg, tmp_path / name)
        assert params.items() <= found.params.items(), name
