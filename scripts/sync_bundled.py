"""Copy plans/ and data/ into the package so an installed guanxin works with no workspace.

Run after editing the sample data:  python scripts/sync_bundled.py
tests/test_bundled.py fails while the two copies differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "src" / "guanxin_cli" / "bundled"
PARTS = ("plans", "data", "schemas")


def main() -> None:
    for part in PARTS:
        target = BUNDLED / part
        if target.exists():
            shutil.rmtree(target)
        if (REPO / part).exists():
            shutil.copytree(REPO / part, target)
    print(f"synced {', '.join(PARTS)} → {BUNDLED.relative_to(REPO)}")


if __name__ == "__main__":
    main()
