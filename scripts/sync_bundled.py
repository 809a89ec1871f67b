"""Copy plans/ and data/ into the package so an installed guanxin works with no workspace,
and write the records' core schemas (``src/guanxin_cli/core_schemas.py``, see validation.py).

Run after editing the sample data, the records or their rules:  python scripts/sync_bundled.py
tests/test_bundled.py fails while the two copies differ, tests/test_validation.py while the
core schemas are out of date.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "src" / "guanxin_cli" / "bundled"
PARTS = ("plans", "data", "schemas")
CORE_SCHEMAS = REPO / "src" / "guanxin_cli" / "core_schemas.py"


def main() -> None:
    for part in PARTS:
        target = BUNDLED / part
        if target.exists():
            shutil.rmtree(target)
        if (REPO / part).exists():
            shutil.copytree(REPO / part, target)
    print(f"synced {', '.join(PARTS)} → {BUNDLED.relative_to(REPO)}")
    from guanxin_cli.rules import core_schemas_text

    CORE_SCHEMAS.write_text(core_schemas_text(), encoding="utf-8")
    print(f"wrote {CORE_SCHEMAS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
