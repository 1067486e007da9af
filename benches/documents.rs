//! Document speed on the committed sample campaign: font discovery (once per
//! process), then reading the inbox and writing every output, PDFs included,
//! repeated. Prints numbers; asserts nothing.
//! Run: cargo bench --bench documents [-- ROUNDS]

use std::path::Path;
use std::time::Instant;
use zhibu::calendar::Calendar;
use zhibu::config;
use zhibu::pipeline::{self, Documents};
use zhibu::render::typst::Typst;

fn main() {
    let rounds: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10);
    let inbox = Path::new(env!("CARGO_MANIFEST_DIR")).join("inbox");
    let (cfg, _) = config::load(None, &inbox).expect("the sample config loads");

    let t = Instant::now();
    let typst = Typst::new(&[], None).expect("a CJK font is installed");
    let fonts = t.elapsed();
    let docs = Documents {
        typst,
        calendar: Calendar::load(None, &cfg.holidays).unwrap(),
        publicity_from: cfg.publicity.from.unwrap(),
        today: chrono::Local::now().date_naive(),
    };

    let out = tempfile::tempdir().unwrap();
    let (mut read, mut render) = (0.0, 0.0);
    let (mut outputs, mut pdfs) = (0, 0);
    for _ in 0..rounds {
        // Each round compiles cold, as one run does.
        typst::comemo::evict(0);
        let t = Instant::now();
        let outcome = pipeline::analyse(&inbox, &cfg, || ());
        read += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let report = pipeline::render_all(&outcome, &cfg, out.path(), false, Some(&docs)).unwrap();
        render += t.elapsed().as_secs_f64();
        outputs = report.outputs.len();
        pdfs = report
            .outputs
            .iter()
            .filter(|o| o.path.ends_with(".pdf"))
            .count();
    }
    let r = f64::from(rounds);
    println!(
        "font discovery (once per run): {:.3} s",
        fonts.as_secs_f64()
    );
    println!(
        "sample inbox, {rounds} rounds: read+check {:.1} ms/run, write {outputs} outputs ({pdfs} PDFs) {:.1} ms/run",
        read / r * 1000.0,
        render / r * 1000.0
    );
}
