#!/usr/bin/env bash
# Cross-build zhibu.exe for Windows on Debian 12 (issue #18).
#
#   bash scripts/build-windows.sh            # -> $ZHIBU_WIN_TARGET_DIR/<target>/release/zhibu.exe
#
# Uses Debian's own Rust (rustc-web / cargo-web 1.96 + rust-web-src) with
# -Zbuild-std, because the machine's rustup toolchain has no Windows std and
# none can be downloaded. The target is x86_64-win7-windows-gnu: its std takes
# random numbers from advapi32 (RtlGenRandom) instead of bcryptprimitives.dll's
# ProcessPrng, so the exe runs on Windows 7 PCs and on Debian's Wine 8 alike.
#
# Nothing here changes the Linux build: the Windows settings are passed with
# --config on the command line, no repo-wide .cargo/config.toml is written.
#
# Environment:
#   ZHIBU_WIN_TARGET       target triple (default x86_64-win7-windows-gnu)
#   ZHIBU_WIN_TARGET_DIR   cargo target dir (default <repo>/target-windows)
#   ZHIBU_WIN_PROFILE      release (default) or dev
#   ZHIBU_NO_APT=1         skip the apt-get step
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh

if [ "${ZHIBU_NO_APT:-}" != 1 ]; then
    need=()
    for p in rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64; do
        dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
    done
    if [ ${#need[@]} -gt 0 ]; then
        SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
        export DEBIAN_FRONTEND=noninteractive
        $SUDO apt-get update
        $SUDO apt-get install -y "${need[@]}"
    fi
fi

profile="${ZHIBU_WIN_PROFILE:-release}"
args=(build --bin zhibu)
[ "$profile" = release ] && args+=(--release)
win_cargo "${args[@]}" "$@"

exe="$ZHIBU_WIN_TARGET_DIR/$ZHIBU_WIN_TARGET/$([ "$profile" = release ] && echo release || echo debug)/zhibu.exe"
ls -l "$exe"
echo "built $exe"
