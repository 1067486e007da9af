#!/usr/bin/env bash
# Converts some members of the layout zoo (tests/zoo/) to Word 97 .doc and
# Excel 97 .xls with LibreOffice, as branches on older office suites send
# them. Run after `cargo run --release --example zoo`; the outputs are
# committed (CI does not run this). Their expected JSON is written by the
# generator. Needs LibreOffice (`soffice`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
zoo="$root/tests/zoo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# source (kind/stem.ext) → target stem, LibreOffice filter
conversions=(
  "application/03-section-heading-rows.docx 12-legacy-section-rows doc:MS Word 97"
  "application/05-repeated-label-rows.docx 13-legacy-repeated-labels doc:MS Word 97"
  "pairing/02-partner-blocks.docx 07-legacy-partner-blocks doc:MS Word 97"
  "case/02-heading-styles-extra-words.docx 07-legacy-heading-styles doc:MS Word 97"
  "summary/02-reordered-columns.xlsx 05-legacy-xls xls:MS Excel 97"
  "activity_log/02-reordered-text-dates.xlsx 04-legacy-xls xls:MS Excel 97"
  "application/14-stacked-label-chars.docx 23-legacy-stacked-labels doc:MS Word 97"
)
for line in "${conversions[@]}"; do
  read -r src stem filter <<<"$line"
  filter="${line#* * }"
  kind=$(dirname "$src")
  ext=${filter%%:*}
  base=$(basename "$src")
  out="$tmp/$kind"
  mkdir -p "$out"
  soffice --headless -env:UserInstallation="file://$tmp/profile" \
    --convert-to "$filter" "$zoo/$src" --outdir "$out" >/dev/null
  cp "$out/${base%.*}.$ext" "$zoo/$kind/$stem.$ext"
  echo "$kind/$stem.$ext  ←  $src"
done
