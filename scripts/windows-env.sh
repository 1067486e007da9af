# Sourced by scripts/*-windows.sh: the settings of the Windows cross-build.
# Debian's cargo and rustc are called by full path (the rustup proxies come
# first on PATH and have no Windows std).
ZHIBU_WIN_TARGET="${ZHIBU_WIN_TARGET:-x86_64-win7-windows-gnu}"
ZHIBU_WIN_TARGET_DIR="${ZHIBU_WIN_TARGET_DIR:-$PWD/target-windows}"
export ZHIBU_WIN_TARGET ZHIBU_WIN_TARGET_DIR

# Debian's toolchain, not rustup's.
DEB_CARGO=/usr/bin/cargo
DEB_RUSTC=/usr/bin/rustc

# cargo with everything the cross-build needs; extra arguments pass through.
win_cargo() {
    local sub="$1"; shift
    # -Zbuild-std is a nightly flag: Debian's stable compiler accepts it with
    # RUSTC_BOOTSTRAP=1 (set for this command only).
    env -u RUSTUP_TOOLCHAIN -u CARGO_BUILD_TARGET \
        RUSTC="$DEB_RUSTC" RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
        CARGO_TARGET_DIR="$ZHIBU_WIN_TARGET_DIR" \
        nice -n "${ZHIBU_NICE:-15}" "$DEB_CARGO" "$sub" \
        --target "$ZHIBU_WIN_TARGET" \
        -Zbuild-std=std,panic_abort \
        --config "target.$ZHIBU_WIN_TARGET.linker=\"x86_64-w64-mingw32-gcc\"" \
        --config "target.$ZHIBU_WIN_TARGET.runner=\"${ZHIBU_WIN_RUNNER:-wine}\"" \
        "$@"
}
