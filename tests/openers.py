"""The real programs that open what guanxin writes: headless Chromium and LibreOffice.

scripts/test-parts.sh installs them (CI runs it first, as root); a test never skips for a
missing one, it fails saying what to install.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def _program(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{names[0]} is not installed: run `sh scripts/test-parts.sh` (as root on Debian)")


def chromium(tmp: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once, with a fresh profile under ``tmp``."""
    profile = tmp / f"chromium-profile-{len(list(tmp.glob('chromium-profile-*')))}"
    cmd = [_program("chromium", "chromium-browser"), *CHROMIUM_FLAGS]
    cmd += [f"--user-data-dir={profile}", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def screenshot(page: Path, out: Path, size: tuple[int, int]) -> Path:
    chromium(out.parent, f"--screenshot={out}", f"--window-size={size[0]},{size[1]}", page.as_uri())
    assert out.is_file()
    return out


def print_pdf(page: Path, out: Path) -> Path:
    chromium(out.parent, f"--print-to-pdf={out}", "--no-pdf-header-footer", page.as_uri())
    assert out.is_file() and out.read_bytes().startswith(b"%PDF")
    return out


MEASURE = """
<script>
window.addEventListener('load', () => {
  const boxes = [...document.querySelectorAll('[data-measure]')].map(el => {
    const r = el.getBoundingClientRect();
    return {...el.dataset, kind: el.dataset.measure, key: el.dataset.key || '',
            x: r.x, y: r.y, w: r.width, h: r.height, text: el.textContent || ''};
  });
  const out = document.createElement('pre');
  out.id = 'measured';
  out.textContent = JSON.stringify(boxes);
  document.body.appendChild(out);
});
</script>
"""


def measure(page_html: str, tmp: Path, width: int = 1400) -> list[dict[str, object]]:
    """Every element marked ``data-measure`` as Chromium lays it out: its ``data-*`` values
    (``kind`` for data-measure) and its box x, y, w, h.

    ``page_html`` is a whole page; a script added at its end reports the boxes into the DOM,
    which ``--dump-dom`` prints."""
    page = tmp / "measure.html"
    page.write_text(page_html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = chromium(tmp, f"--window-size={width},1000", "--dump-dom", page.as_uri()).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, flags=re.S)
    assert found, dom[-500:]
    text = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    boxes: list[dict[str, object]] = json.loads(text.replace("&amp;", "&"))
    return boxes


def soffice_pdf(document: Path, outdir: Path, timeout: float = 180) -> Path:
    """LibreOffice converts ``document`` (docx, xlsx) to PDF, with a profile of its own."""
    profile = outdir / "lo-profile"
    cmd = [
        _program("soffice", "libreoffice"),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(document),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    pdf = outdir / (document.stem + ".pdf")
    assert proc.returncode == 0 and pdf.is_file(), proc.stdout + proc.stderr
    return pdf


def cjk_font_installed() -> bool:
    out = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    ).stdout
    return "Noto" in out


def calibri_metrics_installed() -> bool:
    """Calibri itself or Carlito, its metric twin: what the workbook's columns are sized for
    (LibreOffice's packages bring Carlito; without it Calibri falls back to a wider face)."""
    out = subprocess.run(
        ["fc-match", "Calibri", "family"], capture_output=True, text=True, check=False
    ).stdout
    return any(name in out for name in ("Carlito", "Calibri"))
