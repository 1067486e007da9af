//! `zhibu`: the command line. Exit status: 0 no error-level problems,
//! 1 error-level problems found (outputs still written), 2 usage or config error.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zhibu::config::{self, Config};
use zhibu::pipeline;
use zhibu::problem::Severity;

#[derive(Parser)]
#[command(
    name = "zhibu",
    version,
    about = "把党支部报来的表格整理成组织部要出的文件（汇总表、评审表、问题清单等）"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct RunArgs {
    /// 收件箱：各支部报来的文件（可含子文件夹）
    #[arg(long, default_value = "inbox")]
    inbox: PathBuf,
    /// 输出文件夹
    #[arg(long, default_value = "outbox")]
    outbox: PathBuf,
    /// 活动配置文件（默认：当前目录或收件箱里的 zhibu.toml，否则用“对标争先”预设）
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// 读取、检查收件箱里的全部文件，生成全部输出
    Run(RunArgs),
    /// 只读取和检查，打印问题，只写 report.json
    Check(RunArgs),
    /// 新建一个活动：写出配置文件和下发给支部的空白表格
    Init {
        /// 预设：duibiao（对标争先）、brand（一支部一特色）、pairing（结对共建）、secretary（两在两同）
        #[arg(long, default_value = "duibiao")]
        preset: String,
        /// 目标文件夹
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    quiet_reader_panics();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(a) => run(&a, false),
        Command::Check(a) => run(&a, true),
        Command::Init { preset, dir } => init(&preset, &dir),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::from(2)
        }
    }
}

/// A panic inside a file reader is contained and reported as `corrupt_file`;
/// the default hook would still print a backtrace message that means nothing
/// to a clerk.
fn quiet_reader_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !zhibu::ingest::IN_READER.with(|f| f.get()) {
            default(info);
        }
    }));
}

fn run(args: &RunArgs, check_only: bool) -> anyhow::Result<ExitCode> {
    if !args.inbox.is_dir() {
        anyhow::bail!(
            "找不到收件箱文件夹“{}”；请用 --inbox 指定存放各支部文件的文件夹",
            args.inbox.display()
        );
    }
    let (cfg, source) = config::load(args.config.as_deref(), &args.inbox)?;
    let source = match source {
        config::Source::File(p) => p.display().to_string(),
        config::Source::Preset(n) => format!("内置预设 {n}"),
    };
    eprintln!("活动：{}（配置：{source}）", cfg.name);
    let started = std::time::Instant::now();
    let total = zhibu::ingest::discover(&args.inbox).len() as u64;
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new(total);
        b.set_style(
            ProgressStyle::with_template("读取文件 {bar:40} {pos}/{len}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let outcome = pipeline::analyse(&args.inbox, &cfg, || bar.inc(1));
    bar.finish_and_clear();
    let report = pipeline::render_all(&outcome, &cfg, &args.outbox, check_only)?;
    print_summary(
        &cfg,
        &outcome,
        &report,
        check_only,
        &args.outbox,
        started.elapsed(),
    );
    Ok(if outcome.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(
    cfg: &Config,
    outcome: &pipeline::Outcome,
    report: &zhibu::render::report::Report,
    check_only: bool,
    outbox: &Path,
    took: std::time::Duration,
) {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.files {
        *kinds.entry(kind_zh(&f.kind)).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "读取文件 {} 个（{}），用时 {:.1} 秒",
        report.files.len(),
        kinds.join("、"),
        took.as_secs_f64()
    );
    println!(
        "有效项目申请 {} 项，申请经费合计 {} 元",
        report.totals.applications,
        zhibu::normalise::yuan(report.totals.requested_fen)
    );
    let mut codes: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for p in &outcome.problems {
        *codes.entry((p.severity, p.code.zh())).or_default() += 1;
    }
    if codes.is_empty() {
        println!("未发现问题。");
    } else {
        let errors = outcome
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        println!(
            "发现问题 {} 条（须修改 {errors} 条）：",
            outcome.problems.len()
        );
        for ((sev, name), n) in codes {
            let mark = match sev {
                Severity::Error => "须修改",
                Severity::Warning => "请核实",
                Severity::Info => "提示",
            };
            println!("  [{mark}] {name} {n} 条");
        }
    }
    if check_only {
        println!(
            "（仅检查）报告已写入 {}",
            outbox.join("report.json").display()
        );
    } else {
        println!("已生成（{}）：", outbox.display());
        for o in &report.outputs {
            println!("  {}", o.path);
        }
        println!("  report.json");
    }
    let _ = cfg;
}

fn kind_zh(kind: &str) -> &'static str {
    match kind {
        "application" => "项目申请表",
        "pairing" => "共建信息表",
        "summary" => "申报汇总表",
        "case" => "工作案例",
        "activity_log" => "活动记录表",
        "review" => "评审结果表",
        _ => "未识别",
    }
}

fn init(preset: &str, dir: &Path) -> anyhow::Result<ExitCode> {
    let (_, _, src) = config::PRESETS
        .iter()
        .find(|(n, _, _)| *n == preset)
        .ok_or_else(|| config::ConfigError::UnknownPreset(preset.to_string()))?;
    let cfg = config::parse(src, preset)?;
    std::fs::create_dir_all(dir)?;
    let target = dir.join(config::CONFIG_FILE);
    if target.exists() {
        anyhow::bail!("“{}”已存在，未覆盖", target.display());
    }
    std::fs::write(&target, src)?;
    println!(
        "已写出活动配置：{}（请修改活动名称、年度、截止日期和公示联系人）",
        target.display()
    );
    for (name, bytes) in zhibu::render::blank::blank_forms(&cfg) {
        let path = dir.join(&name);
        if path.exists() {
            println!("  已存在，跳过：{}", path.display());
            continue;
        }
        std::fs::write(&path, bytes)?;
        println!("  空白表格：{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
