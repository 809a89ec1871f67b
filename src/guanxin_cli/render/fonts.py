"""Fonts the pictures and pages ask for: the system's own CJK faces, never a web font, so a
bureau PC with no network shows Chinese as it would in any document."""

from __future__ import annotations

# Tried in order; whichever the machine has: Noto/Source Han (Linux), PingFang/Hiragino
# (macOS), Microsoft YaHei (Windows), WenQuanYi (older Linux).
CJK_SANS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
)
CSS_SANS = ", ".join(f"'{name}'" for name in CJK_SANS) + ", sans-serif"
