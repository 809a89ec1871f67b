"""The installed package carries the same plan and samples as the repo, and uses them."""

from __future__ import annotations

from pathlib import Path

from guanxin_cli.workspace.folders import BUNDLED_ROOT, find_workspace

from .conftest import REPO, run_process


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for part in ("plans", "data", "schemas")
        if (root / part).exists()
        for p in sorted((root / part).rglob("*"))
        if p.is_file()
    }


def test_bundled_copy_matches_the_repo() -> None:
    assert _files(BUNDLED_ROOT) == _files(REPO), "run: python scripts/sync_bundled.py"


def test_outside_a_workspace_the_bundled_data_is_used(tmp_path: Path) -> None:
    ws = find_workspace(cwd=tmp_path)
    assert ws.bundled and ws.root == BUNDLED_ROOT
    result = run_process(["plan", "--section", "一"], cwd=tmp_path)
    assert result.code == 0
    assert result.err.count("\n") == 1 and "自带的2022年工作要点" in result.err
    assert "s1-study-district" in result.out


def test_nearest_parent_with_plans_is_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2023.yaml").write_text("id: x\n", encoding="utf-8")
    deep = tmp_path / "data" / "schools"
    deep.mkdir(parents=True)
    assert find_workspace(cwd=deep).root == tmp_path


def test_guanxin_root_env_wins(tmp_path: Path) -> None:
    result = run_process(["check"], cwd=tmp_path, env={"GUANXIN_ROOT": str(REPO)})
    assert result.code == 0, result.err
    assert "自带" not in result.err
