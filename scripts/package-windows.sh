#!/usr/bin/env bash
# Package the Windows build: dist/zhibu-<version>-windows.zip with
#   zhibu-<version>/zhibu.exe, 使用说明.txt, 网页收集.bat,
#   zhibu.toml (the sample campaign's config), templates/ (editable copies of
#   the built-in templates, used because they sit beside zhibu.toml), and
#   inbox/ (the sample inbox).
#
#   bash scripts/build-windows.sh && bash scripts/package-windows.sh [OUT_DIR]
#
# File names are stored in GBK (code page 936) with the UTF-8 name in an
# Info-ZIP Unicode Path extra field (0x7075): Windows Explorer's own unzip
# (Windows 7 to 11) decodes names in the OEM code page, which is GBK on a
# Chinese Windows, and ignores the UTF-8 flag on older versions; 7-Zip,
# Bandizip, WinRAR and Info-ZIP unzip read the UTF-8 field.
# Text files for the clerk are UTF-8 with a BOM and CRLF (Notepad on Windows 7).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
exe="${ZHIBU_WIN_EXE:-$ZHIBU_WIN_TARGET_DIR/$ZHIBU_WIN_TARGET/release/zhibu.exe}"
out="${1:-dist}"
if [ ! -f "$exe" ]; then
    echo "没有找到 $exe：请先运行 scripts/build-windows.sh" >&2
    exit 1
fi
mkdir -p "$out"
zip="$out/zhibu-$version-windows.zip"
# Without the line tables (the build keeps them for backtraces): 325 MB -> 66 MB.
stripped=$(mktemp --suffix=.exe)
trap 'rm -f "$stripped"' EXIT
x86_64-w64-mingw32-strip -o "$stripped" "$exe"
touch -r "$exe" "$stripped"
python3 - "$zip" "zhibu-$version" "$stripped" <<'PY'
import os, struct, sys, zipfile, zlib

zip_path, top, exe = sys.argv[1:4]

class Info(zipfile.ZipInfo):
    """Non-ASCII names in GBK without the UTF-8 flag (see the script's header)."""
    def _encodeFilenameFlags(self):
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("gbk"), self.flag_bits & ~0x800

def notepad_text(path):
    text = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")

def add(z, name, data, mtime, mode=0o644):
    name = f"{top}/{name}"
    info = Info(name, date_time=mtime)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100000 | mode) << 16
    try:
        name.encode("ascii")
    except UnicodeEncodeError:
        raw = name.encode("gbk")
        utf8 = name.encode("utf-8")
        info.extra = struct.pack("<HHBI", 0x7075, 5 + len(utf8), 1, zlib.crc32(raw)) + utf8
    z.writestr(info, data)

def mtime(path):
    import time
    return time.localtime(os.path.getmtime(path))[:6]

files = [("zhibu.exe", exe, "bin"),
         ("使用说明.txt", "packaging/windows/使用说明.txt", "text"),
         ("网页收集.bat", "packaging/windows/网页收集.bat", "bin"),
         ("zhibu.toml", "inbox/zhibu.toml", "bin")]
for folder in ("templates", "inbox"):
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for n in sorted(names):
            src = os.path.join(root, n)
            if src == os.path.join("inbox", "zhibu.toml"):
                continue  # beside zhibu.exe instead, so templates/ beside it apply
            files.append((src, src, "bin"))

with zipfile.ZipFile(zip_path + ".tmp", "w") as z:
    for name, src, kind in files:
        data = notepad_text(src) if kind == "text" else open(src, "rb").read()
        add(z, name, data, mtime(src), 0o755 if name.endswith(".exe") else 0o644)
os.replace(zip_path + ".tmp", zip_path)
print(f"{zip_path}: {len(files)} files")
PY
ls -l "$zip"
