"""The README documents the timeline and export commands with examples that really run."""

from __future__ import annotations

from pathlib import Path

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_section_and_an_example_per_command() -> None:
    assert "## 时间线与导出 / Timeline and exports" in README
    for fmt in ("xlsx", "ics", "json", "markdown", "docx", "html"):
        assert f"guanxin export --format {fmt}" in README
    assert "guanxin timeline --as-of" in README and "--svg" in README
    assert (REPO / "docs" / "timeline-2022.png").is_file()
    assert (REPO / "docs" / "dashboard-2022.png").is_file()
    assert "--theme dark" in README


def test_commands_have_help_with_an_example(run, workspace: Path) -> None:
    for command in ("timeline", "export"):
        result = run([command, "--help"], cwd=workspace)
        assert result.code == 0
        assert f"guanxin {command}" in result.out and "Example" in result.out
