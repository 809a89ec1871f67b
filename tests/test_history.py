"""History from git: last_changed for status, and guanxin log per school."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from guanxin_cli.history import NoHistory, last_changed, progress_history

from .editkit import git, make_workspace, school_path


def commit_on(root: Path, day: str, message: str, author: str = "汤丽萍") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00",
        "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00",
    }
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(
        [
            "git",
            "-c",
            f"user.name={author}",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-q",
            "-m",
            message,
        ],
        cwd=root,
        check=True,
        env=env,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_workspace(tmp_path / "ws")
    git(root, "init", "-q")
    commit_on(root, "2022-03-01", "开学：各校进度文件")
    return root


def test_last_changed(repo: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=repo).code == 0
    commit_on(repo, "2022-06-29", "朝阳小学：案例已报送")
    new = repo / "data" / "schools" / "new-school.yaml"
    new.write_text("id: new-school\n", encoding="utf-8")  # never committed
    chaoyang = school_path(repo)
    hebin = Path("data/schools/hebin-primary.yaml")  # relative paths are taken from ws_root
    result = last_changed(repo, [chaoyang, hebin, new])
    assert result == {
        chaoyang: dt.date(2022, 6, 29),
        hebin: dt.date(2022, 3, 1),
        new: None,
    }
    assert last_changed(repo, []) == {}


def test_last_changed_from_a_workspace_inside_a_bigger_repo(tmp_path: Path) -> None:
    outer = tmp_path / "repo"
    ws = make_workspace(outer / "guanxin")
    git(outer, "init", "-q")
    commit_on(outer, "2022-05-05", "data")
    assert last_changed(ws, [school_path(ws)]) == {school_path(ws): dt.date(2022, 5, 5)}


def test_last_changed_with_many_files_names_their_folders(tmp_path: Path) -> None:
    """Past a few hundred files git is given their folders (a command line has a limit):
    the dates must be the same, and a file in a neighbouring folder, in another folder or
    never committed is still told apart."""
    root = tmp_path / "ws"
    many = root / "data" / "schools [ab]"
    many.mkdir(parents=True)
    files = [many / f"s{n:04d}.yaml" for n in range(250)]
    for f in files:
        f.write_text(f"id: {f.stem}\n", encoding="utf-8")
    other = root / "data" / "office.yaml"
    other.write_text("id: office\n", encoding="utf-8")
    decoy = root / "data" / "schools a"  # what "[ab]" would match as a pattern
    decoy.mkdir()
    (decoy / "s0001.yaml").write_text("id: decoy\n", encoding="utf-8")
    git(root, "init", "-q")
    commit_on(root, "2022-03-01", "all")
    files[7].write_text("id: s0007\nname: 七\n", encoding="utf-8")
    commit_on(root, "2022-04-02", "one school")
    (decoy / "s0001.yaml").write_text("id: decoy\nname: x\n", encoding="utf-8")
    commit_on(root, "2022-05-03", "the decoy only")
    fresh = many / "s9999.yaml"
    fresh.write_text("id: s9999\n", encoding="utf-8")
    result = last_changed(root, [*files, other, fresh])
    assert result[files[7]] == dt.date(2022, 4, 2)
    assert result[files[1]] == dt.date(2022, 3, 1)  # not the decoy's 2022-05-03
    assert {result[f] for f in files[8:]} == {dt.date(2022, 3, 1)}
    assert result[other] == dt.date(2022, 3, 1)
    assert result[fresh] is None


def test_last_changed_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = make_workspace(tmp_path / "ws")
    paths = [school_path(ws)]
    assert last_changed(ws, paths) == {paths[0]: None}  # not a repository
    git(ws, "init", "-q")
    assert last_changed(ws, paths) == {paths[0]: None}  # a repository with no commits
    commit_on(ws, "2022-05-05", "data")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert last_changed(ws, paths) == {paths[0]: None}  # git not installed


def test_log_lists_progress_over_time(repo: Path, run) -> None:  # type: ignore[no-untyped-def]
    run(
        ["set", "朝阳小学", "s2-team-cases", "--status", "in_progress", "--date", "2022-05-10"],
        cwd=repo,
    )
    commit_on(repo, "2022-05-10", "朝阳小学开始整理案例", author="钱玉芳")
    run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=repo)
    run(["record-audit", "朝阳小学", "--date", "2022-06-30", "--kind", "inspection"], cwd=repo)
    commit_on(repo, "2022-06-30", "案例报送；督查")
    school_path(repo, "hebin-primary").write_text(
        school_path(repo, "hebin-primary").read_text("utf-8") + "note: 无关的改动\n", "utf-8"
    )
    commit_on(repo, "2022-07-01", "河滨小学备注")

    revisions = progress_history(school_path(repo))
    assert [(r.date.isoformat(), r.author, r.subject) for r in revisions] == [
        ("2022-03-01", "汤丽萍", "开学：各校进度文件"),
        ("2022-05-10", "钱玉芳", "朝阳小学开始整理案例"),
        ("2022-06-30", "汤丽萍", "案例报送；督查"),
    ]
    assert revisions[0].created
    changes = [(c.key, c.old, c.new) for c in revisions[2].changes]
    assert changes == [
        ("s2-team-cases", "in_progress", "done"),
        ("audit:inspection-2022-06", None, "added"),
    ]

    result = run(["log", "朝阳小学"], cwd=repo)
    assert result.code == 0, result.err
    assert "s2-team-cases: not_started → in_progress" in result.out
    assert "s2-team-cases: in_progress → done (2022-06-28)" in result.out
    assert "检查 inspection-2022-06" in result.out
    # into a pipe: plain lines, a commit then its changes, no frame, nothing cut
    assert (
        "2022-05-10  钱玉芳  朝阳小学开始整理案例\n  s2-team-cases: not_started → in_progress"
        in (result.out)
    )
    assert not set("│┃━─┏┗") & set(result.out)
    data = json.loads(run(["log", "chaoyang-primary", "--json"], cwd=repo).out)
    assert data["kind"] == "guanxin.log" and len(data["data"]["revisions"]) == 3


def test_log_follows_renames_and_survives_bad_revisions(repo: Path, run) -> None:  # type: ignore[no-untyped-def]
    path = school_path(repo)
    good = path.read_text("utf-8")
    path.write_text(good + "  broken: [\n", "utf-8")
    commit_on(repo, "2022-04-01", "坏的一版")
    path.write_text(
        good.replace("{status: not_started}", "{status: done, date: 2022-04-02}"), "utf-8"
    )
    commit_on(repo, "2022-04-02", "修好")
    git(repo, "mv", "data/schools/chaoyang-primary.yaml", "data/schools/chaoyang.yaml")
    renamed = school_path(repo, "chaoyang")
    renamed.write_text(
        renamed.read_text("utf-8").replace("id: chaoyang-primary", "id: chaoyang"), "utf-8"
    )
    commit_on(repo, "2022-04-03", "改 id")
    result = run(["log", "朝阳小学", "--lang", "en"], cwd=repo)
    assert result.code == 0, result.err
    assert "(this revision does not parse)" in result.out
    assert "s2-team-cases: not_started → done" in result.out
    assert [r.subject for r in progress_history(renamed)] == [
        "开学：各校进度文件",
        "坏的一版",
        "修好",
        "改 id",
    ]


def test_log_outside_git(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    ws = make_workspace(tmp_path / "ws")
    result = run(["log", "朝阳小学"], cwd=ws)
    assert result.code == 2 and "不在 git 仓库中" in result.err
    with pytest.raises(NoHistory):
        progress_history(school_path(ws))


def test_log_of_an_uncommitted_file(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    ws = make_workspace(tmp_path / "ws")
    git(ws, "init", "-q")
    result = run(["log", "朝阳小学"], cwd=ws)
    assert result.code == 0 and "还没有提交记录" in result.err


def test_log_shows_date_and_finding_edits(repo: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-12-13"], cwd=repo).code == 0
    finding = ["--finding", "台账缺页", "--fix-by", "2022-12-20"]
    args = ["record-audit", "朝阳小学", "--date", "2022-12-05", "--kind", "inspection", *finding]
    assert run(args, cwd=repo).code == 0
    commit_on(repo, "2022-12-13", "案例报送；督查")
    args = ["done", "朝阳小学", "s2-team-cases", "--date", "2022-12-01", "-e", "报送回执"]
    assert run(args, cwd=repo).code == 0
    path = school_path(repo)
    text = (
        path.read_text("utf-8")
        .replace("fix_by: 2022-12-20\n", "fix_by: 2022-12-20\n        fixed: 2022-12-15\n")
        .replace("fixed: 2022-12-15\n", "fixed: 2022-12-15\n        rechecked: 2022-12-16\n")
    )
    path.write_text(text, "utf-8")
    commit_on(repo, "2022-12-16", "改正日期；整改完成")

    changes = progress_history(path)[-1].changes
    assert [(c.key, c.field, c.old, c.new) for c in changes] == [
        ("s2-team-cases", "date", "2022-12-13", "2022-12-01"),
        ("s2-team-cases", "evidence", None, "报送回执"),
        ("inspection-2022-12/f1", "fixed", None, "2022-12-15"),
        ("inspection-2022-12/f1", "rechecked", None, "2022-12-16"),
    ]
    monkeypatch.setenv("COLUMNS", "200")  # one line per change, for the asserts
    result = run(["log", "朝阳小学"], cwd=repo)
    assert result.code == 0, result.err
    assert "进度无变化" not in result.out
    assert "s2-team-cases：日期 2022-12-13 → 2022-12-01" in result.out
    assert "s2-team-cases：佐证 报送回执" in result.out
    assert "整改 inspection-2022-12/f1：2022-12-15 已整改" in result.out
    assert "整改 inspection-2022-12/f1：2022-12-16 已复查" in result.out
    english = run(["log", "朝阳小学", "--lang", "en", "--json"], cwd=repo)
    last = json.loads(english.out)["data"]["revisions"][-1]["changes"][0]
    assert last["field"] == "date" and last["old"] == "2022-12-13"
