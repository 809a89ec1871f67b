#!/bin/sh
# Installs the programs the tests open our files with: headless Chromium (HTML, SVG, print to PDF),
# LibreOffice Writer and Calc (docx and xlsx to PDF), Noto CJK fonts (Chinese in both), Carlito
# (Calibri's metrics, which the workbook's columns are sized for; LibreOffice's packages
# recommend it, and apt-get below installs no recommends), and faketime
# (tests/test_overdue.py runs the CLI with a pinned system clock). Only what is missing is installed,
# and only where apt-get exists and we are root (CI runs as root on Debian); elsewhere it says what
# to install and leaves it to the tests to fail loudly.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$missing chromium"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer libreoffice-calc"
if command -v soffice >/dev/null 2>&1; then
    # soffice comes with either part; each one converts only its own kind of file.
    dpkg -s libreoffice-writer >/dev/null 2>&1 || missing="$missing libreoffice-writer"
    dpkg -s libreoffice-calc >/dev/null 2>&1 || missing="$missing libreoffice-calc"
fi
fc-list :lang=zh 2>/dev/null | grep -qi 'noto.*cjk' || missing="$missing fonts-noto-cjk"
fc-match Calibri 2>/dev/null | grep -qi -e carlito -e calibri || missing="$missing fonts-crosextra-carlito"
command -v faketime >/dev/null 2>&1 || missing="$missing faketime"

[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test-parts: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086  # one word per package
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "test-parts: the tests need these Debian packages (or your system's equivalents):$missing" >&2
fi
