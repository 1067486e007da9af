//! Write the benchmark campaign (benches/support/corpus.rs) to a folder, for timing
//! `zhibu check` or `benches/peer.py` by hand.
//! Run: cargo run --release --example corpus -- DIR [N]

// Only some of the shared fixture builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/common/mod.rs"]
mod common;
#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: corpus DIR [N]"));
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let s = corpus::generate(&dir, n);
    println!(
        "{} files, {:.1} MB, {} applications, {} cases in {}",
        s.files,
        s.bytes as f64 / 1e6,
        s.applications,
        s.cases,
        dir.display()
    );
}
