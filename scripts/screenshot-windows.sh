#!/usr/bin/env bash
# A screenshot of zhibu.exe's console window under Wine, as a clerk would see
# it after a double-click: Wine in a Chinese locale (code page 936, like a
# stock Chinese Windows), the unzipped package, no arguments, a new console
# window (`start`), the picture taken while zhibu waits for a key.
#
#   bash scripts/screenshot-windows.sh [OUT.png]     (default dist/zhibu-wine-console.png)
#
# Needs xvfb, imagemagick, locales (zh_CN.UTF-8 is generated if missing), and
# the package from scripts/package-windows.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
out="$(realpath -m "${1:-dist/zhibu-wine-console.png}")"
need=()
for p in xvfb imagemagick locales wine wine64 fonts-noto-cjk fonts-wqy-zenhei unzip; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then apt-get install -y "${need[@]}"; fi
locale -a | grep -qi '^zh_CN.utf8$' || localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
zip=$(ls "$repo"/dist/zhibu-*-windows.zip | head -1)

export WINEPREFIX="${WINEPREFIX:-$HOME/.cache/zhibu-wine}" WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=" LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
export ZHIBU_NO_OPEN=1 # no Explorer window in front of the console
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp &
xvfb=$!
work=$(mktemp -d /tmp/zhibu-shot.XXXXXX)
cleanup() { wineserver -k 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export DISPLAY="$display"
sleep 2
# Wine's default console font has no Chinese glyphs (a real Chinese Windows
# uses 新宋体): the console draws with WenQuanYi Zen Hei Mono, whose cells
# Wine sizes right (Noto Sans Mono CJK gets cells three characters wide).
wine reg add 'HKCU\Console' /v FaceName /t REG_SZ /d "WenQuanYi Zen Hei Mono" /f >/dev/null 2>&1
wine reg add 'HKCU\Console' /v FontSize /t REG_DWORD /d 0x100008 /f >/dev/null 2>&1
wine reg add 'HKCU\Console' /v ScreenBufferSize /t REG_DWORD /d 0x12c0064 /f >/dev/null 2>&1
wine reg add 'HKCU\Console' /v WindowSize /t REG_DWORD /d 0x2e0064 /f >/dev/null 2>&1
wineserver -w
mkdir "$work/桌面" && cd "$work/桌面" && unzip -q "$zip" && cd zhibu-*
mkdir 字体 && ln -s /usr/share/fonts/opentype/noto/NotoS*CJK-Regular.ttc 字体/
wine start zhibu.exe &
# Wait for the summary (the outbox appears at the end), then for the prompt.
for _ in $(seq 1 120); do
    [ -f outbox/report.json ] && break
    sleep 1
done
sleep 6
mkdir -p "$(dirname "$out")"
import -window root "$out"
echo "screenshot: $out"
