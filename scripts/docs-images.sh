#!/bin/sh
# Renders the README's pictures in headless Chromium from the bundled 2022 plan and samples:
#   docs/timeline-2022.png   guanxin timeline --as-of 2022-06-30 --html (light)
#   docs/dashboard-2022.png  the top of guanxin export --format html --as-of 2022-06-30
# Run from anywhere after installing guanxin in .venv:  sh scripts/docs-images.sh
set -eu
cd "$(dirname "$0")/.."
guanxin=${GUANXIN:-.venv/bin/guanxin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$guanxin" timeline --as-of 2022-06-30 --html "$tmp/timeline.html" >/dev/null
"$guanxin" export --format html --as-of 2022-06-30 --output "$tmp/dashboard.html"

shot() { # file width height page
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --force-device-scale-factor=1 --user-data-dir="$tmp/profile-$1" \
        --screenshot="docs/$1" --window-size="$2,$3" "file://$4" 2>/dev/null
}
# the page is the picture plus 16 px around it
height=$(grep -o '<svg[^>]*' "$tmp/timeline.html" | grep -o ' height="[0-9.]*"' | head -n 1 | tr -dc '0-9.')
shot timeline-2022.png 1272 $((${height%.*} + 33)) "$tmp/timeline.html"
shot dashboard-2022.png 1280 1500 "$tmp/dashboard.html"
ls -l docs/timeline-2022.png docs/dashboard-2022.png
