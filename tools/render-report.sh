#!/usr/bin/env bash
# Screenshot of the published report page in headless Chromium, to check that it renders (tables, charts,
# legible Chinese) with nothing fetched from the network.
#
#   tools/render-report.sh out/report-2024.html [report-2024.png] [WIDTHxHEIGHT]
#
# Needs Chromium and a CJK font; on Debian/Ubuntu: apt-get install -y chromium fonts-noto-cjk
# Exits non-zero when Chromium is missing, fails, logs a console error, or writes no image.
set -euo pipefail
html="${1:?usage: tools/render-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}"
png="${2:-${html%.html}.png}"
size="${3:-1400x2400}"
[ -f "$html" ] || { echo "render-report: $html: no such file" >&2; exit 2; }
chromium=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then chromium="$(command -v "$c")"; break; fi
done
[ -n "$chromium" ] || { echo "render-report: chromium not found (apt-get install -y chromium fonts-noto-cjk)" >&2; exit 3; }
fonts="$(fc-list 2>/dev/null || true)"
grep -qi 'cjk\|wenquanyi\|source han\|noto sans sc' <<<"$fonts" \
  || echo "render-report: warning: no CJK font found (apt-get install -y fonts-noto-cjk): Chinese may not be legible" >&2

profile="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$profile" "$log"' EXIT
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 \
  --screenshot="$png" --window-size="${size/x/,}" "$url" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
if grep -Eiq 'CONSOLE.*(error|failed)|Uncaught' "$log"; then
  grep -Ei 'CONSOLE|Uncaught' "$log" >&2
  echo "render-report: the page logged errors" >&2
  exit 1
fi
[ -s "$png" ] || { echo "render-report: no screenshot written" >&2; exit 1; }
echo "$png"
