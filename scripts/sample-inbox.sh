#!/usr/bin/env bash
# Regenerates the sample campaign in inbox/. Needs LibreOffice for the legacy
# formats (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui);
# the result is committed, so neither CI nor a user needs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
cargo run --quiet --release --example sample_inbox -- "$tmp/inbox"
# Branches that still use Word 97-2003 and a committee that sends .xls.
to_legacy() { # file filter
  local f=$1 filter=$2 ext=$3
  soffice --headless --convert-to "$ext:$filter" "$f" --outdir "$(dirname "$f")" >/dev/null 2>&1
  rm "$f"
}
to_legacy "$tmp/inbox/计算机学院/计算机学院-计算机本科第二党支部-对标争先申请表.docx" "MS Word 97" doc
to_legacy "$tmp/inbox/外国语学院/外国语学院-日语本科党支部-对标争先申请表.docx" "MS Word 97" doc
to_legacy "$tmp/inbox/材料学院/材料学院-材料2023级研究生党支部-对标争先申请表.docx" "MS Word 97" doc
to_legacy "$tmp/inbox/外国语学院/附件2 申报汇总表（外国语学院）.xlsx" "MS Excel 97" xls
to_legacy "$tmp/inbox/材料学院/附件2 申报汇总表（材料学院）.xlsx" "MS Excel 97" xls
find "$root/inbox" -mindepth 1 ! -name zhibu.toml -delete 2>/dev/null || true
mkdir -p "$root/inbox"
cp -r "$tmp/inbox/." "$root/inbox/"
# The 结项 round (a second sample; its zhibu.toml is kept as committed).
find "$root/inbox-结项" -mindepth 1 ! -name zhibu.toml -delete 2>/dev/null || true
mkdir -p "$root/inbox-结项"
cp -r "$tmp/inbox-结项/." "$root/inbox-结项/"
# The “两在两同” round (a third sample; its zhibu.toml is kept as committed).
cargo run --quiet --release --example sample_liangzai -- "$tmp/inbox-两在两同"
find "$root/inbox-两在两同" -mindepth 1 ! -name zhibu.toml -delete 2>/dev/null || true
mkdir -p "$root/inbox-两在两同"
cp -r "$tmp/inbox-两在两同/." "$root/inbox-两在两同/"
# inbox/zhibu.toml is the sample school's own campaign file (kept as committed).
echo "sample inbox written to $root/inbox"
