#!/usr/bin/env bash
# Shows that a change is a pure refactor: runs two zhibu binaries on the sample
# inboxes and compares every output byte for byte.
#
#   scripts/same-outputs.sh OLD_ZHIBU NEW_ZHIBU
#
# Both runs use the same publicity date and no cache, so any difference is a
# difference in behaviour. Exits non-zero and lists the files that differ.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
status=0
for inbox in inbox inbox-*/; do
    inbox=${inbox%/}
    [ -d "$inbox" ] || continue
    for side in old new; do
        bin=$old; [ $side = new ] && bin=$new
        "$bin" run --inbox "$inbox" --outbox "$work/$side/$inbox" \
            --publicity-from 2025-11-10 --no-cache >/dev/null 2>&1 || true
    done
    (cd "$work/old/$inbox" && find . -type f ! -path './.zhibu-cache/*' | sort) > "$work/list-old"
    (cd "$work/new/$inbox" && find . -type f ! -path './.zhibu-cache/*' | sort) > "$work/list-new"
    if ! diff -q "$work/list-old" "$work/list-new" >/dev/null; then
        echo "$inbox: 输出文件列表不同"; diff "$work/list-old" "$work/list-new" || true; status=1
    fi
    n=0
    while read -r f; do
        n=$((n+1))
        cmp -s "$work/old/$inbox/$f" "$work/new/$inbox/$f" || { echo "$inbox: $f 不同"; status=1; }
    done < "$work/list-old"
    echo "$inbox: 比较了 $n 个输出文件"
done
[ $status = 0 ] && echo "全部输出逐字节相同"
exit $status
