#!/usr/bin/env bash
# How wide the report page lays out in a viewport of WIDTH CSS pixels (default 390, a phone), measured in
# headless Chromium: prints "PAGE_WIDTH VIEWPORT_WIDTH"; the page scrolls sideways when the first is larger.
#
#   tools/page-width.sh out/report-2024.html [WIDTH]
#
# The page itself has no script: the measurement runs in a copy of it, shown in a frame of WIDTH pixels
# (Chromium's headless window is no narrower than 500 pixels), which posts what it measured to the frame's
# page. Needs Chromium (apt-get install -y chromium fonts-noto-cjk). Exits non-zero when it cannot measure.
set -euo pipefail
html="${1:?usage: tools/page-width.sh REPORT.html [WIDTH]}"
width="${2:-390}"
[ -f "$html" ] || { echo "page-width: $html: no such file" >&2; exit 2; }
chromium=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then chromium="$(command -v "$c")"; break; fi
done
[ -n "$chromium" ] || { echo "page-width: chromium not found (apt-get install -y chromium fonts-noto-cjk)" >&2; exit 3; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
probe='<script>parent.postMessage(document.documentElement.scrollWidth+" "+document.documentElement.clientWidth,"*")</script>'
sed "s#</body>#${probe}</body>#" "$html" >"$work/page.html"
grep -q 'parent.postMessage' "$work/page.html" || { echo "page-width: $html has no </body>" >&2; exit 1; }
cat >"$work/frame.html" <<FRAME
<!DOCTYPE html><html><head><title>unmeasured</title></head><body style="margin:0">
<iframe src="page.html" style="width:${width}px;height:2000px;border:0"></iframe>
<script>window.addEventListener("message", e => { document.title = "measured " + e.data; });</script>
</body></html>
FRAME
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=1000,1000 \
  --virtual-time-budget=10000 --dump-dom "file://$work/frame.html" 2>"$work/log" >"$work/dom" \
  || { cat "$work/log" >&2; exit 1; }
measured="$(sed -n 's#.*<title>measured \([0-9]*\) \([0-9]*\)</title>.*#\1 \2#p' "$work/dom")"
[ -n "$measured" ] || { echo "page-width: the page was not measured" >&2; cat "$work/log" >&2; exit 1; }
echo "$measured"
