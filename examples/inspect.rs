//! Print what zhibu reads from each file given: the document model (tables
//! as rows of cells) and the extracted forms as JSON. For studying a layout
//! that is misread: `cargo run --release --example inspect -- FILE... [--config zhibu.toml]`.

use std::path::Path;
use zhibu::config::{self, Config};
use zhibu::{extract, ingest};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (files, cfg) = match args.iter().position(|a| a == "--config") {
        Some(i) => {
            let src = std::fs::read_to_string(&args[i + 1]).expect("config");
            let cfg = config::parse(&src, &args[i + 1]).expect("valid config");
            (args[..i].to_vec(), cfg)
        }
        None => (args, Config::preset("duibiao").expect("preset")),
    };
    for f in files {
        let bytes = std::fs::read(&f).expect("read");
        let format = ingest::sniff(&bytes);
        println!("== {f} ({})", format.zh());
        match ingest::read(format, &bytes, &cfg.limits) {
            Ok(doc) => {
                if std::env::var_os("ZHIBU_INSPECT_DOC").is_some() {
                    println!("{doc:#?}");
                }
                let ex = extract::extract(&doc, Path::new(&f).to_string_lossy().as_ref(), &cfg);
                for form in &ex.forms {
                    println!("{}", serde_json::to_string_pretty(form).unwrap_or_default());
                }
                for p in &ex.problems {
                    println!("问题 {:?} {} {}", p.code, p.location, p.message);
                }
            }
            Err(e) => println!("读取失败：{e}"),
        }
    }
}
