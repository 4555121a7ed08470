#!/usr/bin/env bash
# A manual check of the rendered SOPs (not run by CI): renders each shipped workflow to HTML and
# to an SVG flowchart, and takes PNG screenshots of both with headless Chromium.
#
#   scripts/screenshot-sop.sh [OUT_DIR]        (default: /tmp/sop-screenshots)
#
# Needs `chromium` (Debian: apt-get install chromium). Look at the PNGs: the header table, the flow
# table with its symbols in the Pelaksana columns, and the flowchart.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/sop-screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [ -z "$browser" ]; then
    echo "screenshot-sop: no chromium found; install it (Debian: apt-get install chromium)" >&2
    exit 2
fi

swift build --product sop >/dev/null
sop="$(swift build --show-bin-path)/sop"

# Chromium refuses to run sandboxed as root.
flags=(--headless --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check)
if [ "$(id -u)" = "0" ]; then flags+=(--no-sandbox); fi

# The pixel size of an SVG, from its width and height attributes.
svg_size() {
    sed -n 's/.*<svg [^>]*width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/p' "$1" | head -n 1
}

shoot() {  # FILE WIDTH HEIGHT PNG
    "$browser" "${flags[@]}" --window-size="$2,$3" --screenshot="$4" "file://$1" >/dev/null 2>&1
    echo "$4"
}

for file in workflows/*.yaml; do
    grep -q '^kind: Workflow' "$file" || continue
    id="$(sed -n 's/^id: *//p' "$file" | head -n 1)"
    "$sop" render "$file" --format html --output "$out/$id.html"
    shoot "$out/$id.html" 1100 2400 "$out/$id.html.png"
    "$sop" diagram "$file" --format svg --output "$out/$id.svg"
    read -r width height < <(svg_size "$out/$id.svg")
    shoot "$out/$id.svg" "${width%.*}" "${height%.*}" "$out/$id.svg.png"
done

# Also any workflow files given in SOP_SCREENSHOT_EXTRA (space-separated paths), e.g. test fixtures.
for file in ${SOP_SCREENSHOT_EXTRA:-}; do
    name="$(basename "$file" .yaml)"
    "$sop" render "$file" --format html --output "$out/$name.html"
    shoot "$out/$name.html" 1100 3600 "$out/$name.html.png"
    "$sop" diagram "$file" --format svg --output "$out/$name.svg"
    read -r width height < <(svg_size "$out/$name.svg")
    shoot "$out/$name.svg" "${width%.*}" "${height%.*}" "$out/$name.svg.png"
done
