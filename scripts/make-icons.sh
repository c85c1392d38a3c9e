#!/usr/bin/env bash
# Renders public/icons/icon.svg into the PNG app icons with headless Chromium. The artwork keeps
# within the middle 80 %, so the 512 px icon doubles as the maskable one. Run after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp public/icons/icon.svg "$tmp/icon.svg"
for size in 192 512; do
  printf '<html><body style="margin:0"><img src="icon.svg" width="%s" height="%s" style="display:block"></body></html>' "$size" "$size" >"$tmp/page.html"
  "${CHROME_PATH:-/usr/bin/chromium}" --headless=new --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --window-size="$size,$size" \
    --screenshot="$tmp/icon-$size.png" "file://$tmp/page.html" 2>/dev/null
  cp "$tmp/icon-$size.png" "public/icons/icon-$size.png"
done
cp public/icons/icon-512.png public/icons/icon-maskable-512.png
cp public/icons/icon.svg app/icon.svg
cp public/icons/icon-192.png app/apple-icon.png
echo "icons written to public/icons and app/"
