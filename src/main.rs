//! `zhibu`: the command line. Exit status: 0 no error-level problems,
//! 1 error-level problems found (outputs still written), 2 usage or config error.

/// mimalloc on Linux: `zhibu check` of a 1,256-file campaign ~9 % faster
/// than with glibc's allocator (`cargo bench --bench scale`). Elsewhere the
/// system's allocator (the Windows exe is built and tested without it).
#[cfg(target_os = "linux")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
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
    /// 自定义模板文件夹：其中的 .typ 文件按文件名替换内置模板（默认：配置文件旁的 templates/）
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// 额外的字体文件夹（可多次指定），例如存放方正小标宋、仿宋_GB2312 的文件夹
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
    /// 不使用系统字体，只用 --font-path 指定的字体（换一台机器也排出同样的 PDF）
    #[arg(long)]
    ignore_system_fonts: bool,
    /// 公示开始日期，如 2025-11-10（默认：配置中的 publicity.from，否则今天）
    #[arg(long, value_name = "YYYY-MM-DD")]
    publicity_from: Option<NaiveDate>,
    /// 在本进程内读取文件，不使用隔离的读取进程（默认隔离读取：某个文件让读取程序崩溃时只跳过该文件）
    #[arg(long)]
    no_isolate: bool,
    /// 不使用读取缓存（输出文件夹中的 .zhibu-cache），全部文件重新读取
    #[arg(long)]
    no_cache: bool,
}

#[derive(clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    run: RunArgs,
    /// 监听地址；默认只允许本机访问
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: std::net::SocketAddr,
    /// 允许监听本机以外的地址（链接以明文传输，请在前面加 HTTPS 反向代理）
    #[arg(long)]
    public: bool,
    /// 对外地址，如 https://zhibu.example.edu.cn（用于生成链接、核对请求来源；经反向代理访问时填写）
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// 只打印全部链接（每行“名称<TAB>链接”，组织部在前）并写出 上传链接.txt，不启动
    #[arg(long)]
    links: bool,
    /// 作废全部旧链接，换成新链接
    #[arg(long)]
    rotate: bool,
    /// 启动后在默认浏览器中打开组织部的页面
    #[arg(long)]
    open: bool,
    /// 上传后等待多少毫秒再重新生成全部输出（合并连续上传）
    #[arg(long, default_value_t = 3000, hide = true)]
    debounce_ms: u64,
}

#[derive(Subcommand)]
enum Command {
    /// 读取、检查收件箱里的全部文件，生成全部输出
    Run(RunArgs),
    /// 只读取和检查，打印问题，只写 report.json
    Check(RunArgs),
    /// 启动收集网页：各党委通过专用链接上传材料并立即看到问题，组织部查看进度、下载全部文件
    Serve(ServeArgs),
    /// 新建一个活动：写出配置文件和下发给支部的空白表格
    Init {
        /// 预设：duibiao（对标争先）、brand（一支部一特色）、pairing（结对共建）、secretary（两在两同）
        #[arg(long, default_value = "duibiao")]
        preset: String,
        /// 目标文件夹
        dir: PathBuf,
    },
    /// 监视收件箱：有文件新增、修改或删除时（静止约 1 秒后）自动重新运行；按 Ctrl-C 结束
    Watch(RunArgs),
    /// Internal: a worker process that reads files for `run`/`check`.
    #[command(name = "__worker", hide = true)]
    Worker {
        #[arg(long, default_value_t = 0)]
        memory_mb: u64,
    },
}

fn main() -> ExitCode {
    quiet_reader_panics();
    let desktop = desktop_start();
    let cli = match desktop {
        Some(d) => match desktop_args(d) {
            Ok(args) => Cli::parse_from(args),
            Err(code) => {
                zhibu::desktop::wait_for_key();
                return code;
            }
        },
        None => Cli::parse(),
    };
    let result = match cli.command {
        Command::Run(a) => run(&a, false, Ending::Process),
        Command::Check(a) => run(&a, true, Ending::Process),
        Command::Serve(a) => serve(a),
        Command::Init { preset, dir } => init(&preset, &dir),
        Command::Watch(a) => watch(&a),
        Command::Worker { memory_mb } => {
            return match zhibu::isolate::worker_main(memory_mb) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(3),
            };
        }
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::from(2)
        }
    };
    if let Some(d) = desktop {
        desktop_finish(d);
    }
    code
}

/// Started from the desktop: a double-click on `zhibu.exe` in Explorer (no
/// arguments), or plain `zhibu.exe serve` (a shortcut). Windows only: on
/// other systems no arguments still prints the usage.
#[derive(Clone, Copy, PartialEq)]
enum Desktop {
    Run,
    Serve,
}

fn desktop_start() -> Option<Desktop> {
    if !cfg!(windows) {
        return None;
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match args.as_slice() {
        [] => Some(Desktop::Run),
        [a] if a == "serve" => Some(Desktop::Serve),
        _ => None,
    }
}

/// The command line for a desktop start: the folders beside the executable
/// (it becomes the working directory), `字体` there as a font folder, and for
/// `serve` the department page opened in the browser. A missing inbox is
/// created with a 说明.txt; `run` then stops (`Err`) with directions.
fn desktop_args(d: Desktop) -> Result<Vec<String>, ExitCode> {
    use zhibu::desktop;
    if let Some(dir) = desktop::exe_dir()
        && let Err(e) = std::env::set_current_dir(&dir)
    {
        eprintln!(
            "警告：无法进入 zhibu.exe 所在的文件夹 {}：{e}",
            dir.display()
        );
    }
    let here = std::env::current_dir().unwrap_or_default();
    println!(
        "zhibu {}：文件夹 {}",
        env!("CARGO_PKG_VERSION"),
        here.display()
    );
    let inbox = here.join("inbox");
    if !inbox.is_dir() {
        let made = std::fs::create_dir_all(&inbox)
            .and_then(|_| desktop::write_text_file(&inbox.join("说明.txt"), desktop::INBOX_README));
        if let Err(e) = made {
            eprintln!("错误：无法新建收件箱文件夹 {}：{e}", inbox.display());
            return Err(ExitCode::from(2));
        }
        println!("已新建收件箱文件夹：{}", inbox.display());
        if d == Desktop::Run {
            println!("请把各支部报来的文件放进这个文件夹，然后再双击 zhibu.exe。");
            desktop::open(&inbox.to_string_lossy());
            return Err(ExitCode::SUCCESS);
        }
    }
    let mut args = vec!["zhibu".to_string()];
    args.push(if d == Desktop::Run { "run" } else { "serve" }.to_string());
    if here.join(desktop::FONT_DIR).is_dir() {
        args.extend(["--font-path".to_string(), desktop::FONT_DIR.to_string()]);
    }
    if d == Desktop::Serve && desktop::interactive() {
        args.push("--open".to_string());
    }
    Ok(args)
}

/// After a desktop start: show where the outputs are, open that folder, and
/// keep the window open until a key is pressed.
fn desktop_finish(d: Desktop) {
    let outbox = std::env::current_dir().unwrap_or_default().join("outbox");
    if d == Desktop::Run && outbox.is_dir() {
        println!("\n输出文件在：{}", outbox.display());
        zhibu::desktop::open(&outbox.to_string_lossy());
    }
    zhibu::desktop::wait_for_key();
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

fn run(args: &RunArgs, check_only: bool, ending: Ending) -> anyhow::Result<ExitCode> {
    if !args.inbox.is_dir() {
        anyhow::bail!(
            "找不到收件箱文件夹“{}”；请用 --inbox 指定存放各支部文件的文件夹",
            args.inbox.display()
        );
    }
    let (cfg, source) = config::load(args.config.as_deref(), &args.inbox)?;
    // Templates and holiday data live beside the config file.
    let config_dir = match &source {
        config::Source::File(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
        config::Source::Preset(_) => PathBuf::from("."),
    };
    let shown = match &source {
        config::Source::File(p) => p.display().to_string(),
        config::Source::Preset(n) => format!("内置预设 {n}"),
    };
    eprintln!("活动：{}（配置：{shown}）", cfg.name);
    let started = std::time::Instant::now();
    let files = zhibu::ingest::discover(&args.inbox);
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new(files.len() as u64);
        b.set_style(
            ProgressStyle::with_template("读取文件 {bar:40} {pos}/{len}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let outbox_existed = args.outbox.exists();
    let cache = (!args.no_cache)
        .then(|| zhibu::cache::Cache::open(&args.outbox, &cfg.limits).for_config(&cfg));
    // Nothing changed since the last run of this kind: its outputs stand.
    let kind = if check_only { "check" } else { "run" };
    let run_key = cache.as_ref().map(|c| {
        let extra = format!(
            "{kind}|{:?}|{:?}|{:?}|{}|{}|{}",
            args.publicity_from,
            args.templates,
            args.font_paths,
            args.ignore_system_fonts,
            chrono::Local::now().date_naive(),
            config_dir.display()
        );
        let mut dirs = args.font_paths.clone();
        dirs.push(
            args.templates
                .clone()
                .unwrap_or_else(|| config_dir.join("templates")),
        );
        dirs.push(config_dir.join("holidays"));
        c.run_key(&args.inbox, &files, &cfg, &extra, &dirs)
    });
    if let (Some(c), Some(key)) = (&cache, &run_key) {
        if let Some(u) = c.unchanged(kind, key, &args.outbox) {
            println!(
                "收件箱、配置和模板都没有变化，{} 中的输出仍是最新的（读取文件 {} 个，发现问题 {} 条，须修改 {} 条；用时 {:.1} 秒）。要全部重新生成，请加 --no-cache。",
                args.outbox.display(),
                u.files,
                u.problems,
                u.errors,
                started.elapsed().as_secs_f64()
            );
            return Ok(ExitCode::from(u.exit));
        }
    }
    let pool = (!args.no_isolate)
        .then(|| zhibu::isolate::Pool::for_run(&cfg))
        .flatten();
    // Font discovery runs beside the reading of the inbox.
    let (outcome, docs) = std::thread::scope(|s| {
        let font_memo = cache.as_ref().map(|c| c.font_memo_path());
        let docs =
            (!check_only).then(|| s.spawn(|| documents_setup(args, &cfg, &config_dir, font_memo)));
        let outcome = pipeline::analyse_files(
            &args.inbox,
            &files,
            &cfg,
            pool.as_ref(),
            cache.as_ref(),
            || bar.inc(1),
        );
        (
            outcome,
            docs.map(|h| h.join().expect("document setup does not panic")),
        )
    });
    bar.finish_and_clear();
    // Waiting for each worker to exit would only delay the outputs of a
    // process that ends soon; `watch` waits, so that none is left behind.
    match (ending, pool) {
        (Ending::Process, Some(pool)) => pool.release(),
        (_, pool) => drop(pool),
    }
    if let Some(cache) = &cache {
        cache.finish();
    }
    let docs = match docs.transpose() {
        Ok(docs) => docs,
        Err(e) => {
            // No output at all: not even the cache of an outbox this run created.
            if !outbox_existed {
                let _ = std::fs::remove_dir_all(&args.outbox);
            }
            return Err(e);
        }
    };
    let _lock = (!check_only)
        .then(|| pipeline::lock_outbox(&args.outbox))
        .transpose()?;
    let report = pipeline::render_all_cached(
        &outcome,
        &cfg,
        &args.outbox,
        check_only,
        docs.as_ref(),
        cache.as_ref(),
    )?;
    print_summary(&report, check_only, &args.outbox, started.elapsed());
    let exit = u8::from(
        report
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error),
    );
    if let (Some(c), Some(key)) = (&cache, &run_key) {
        c.remember(kind, key, &args.outbox, &report, exit);
    }
    if ending == Ending::Process {
        // Every output is written; what was read (hundreds of MB at 5,000
        // forms) goes back to the system with the process, not piece by piece.
        std::mem::forget(outcome);
    }
    Ok(ExitCode::from(exit))
}

/// What follows a run: the end of the process, or (`watch`) more runs.
#[derive(Clone, Copy, PartialEq)]
enum Ending {
    Process,
    Continue,
}

/// `zhibu watch`: a run now, then one after every change of the inbox.
fn watch(args: &RunArgs) -> anyhow::Result<ExitCode> {
    if !args.inbox.is_dir() {
        anyhow::bail!(
            "找不到收件箱文件夹“{}”；请用 --inbox 指定存放各支部文件的文件夹",
            args.inbox.display()
        );
    }
    zhibu::watch::catch_ctrl_c();
    eprintln!(
        "正在监视“{}”，有变化时自动重新运行；按 Ctrl-C 结束",
        args.inbox.display()
    );
    let once = |changed: &[String]| {
        if !changed.is_empty() {
            let shown: Vec<&str> = changed.iter().take(10).map(String::as_str).collect();
            let more = changed.len().saturating_sub(shown.len());
            println!(
                "\n收件箱有变化：{}{}",
                shown.join("、"),
                if more > 0 {
                    format!(" 等 {} 个", changed.len())
                } else {
                    String::new()
                }
            );
        }
        if let Err(e) = run(args, false, Ending::Continue) {
            eprintln!("错误：{e:#}");
        }
        println!("（继续监视收件箱，按 Ctrl-C 结束）");
    };
    zhibu::watch::watch(&args.inbox, &args.outbox, once, || false)?;
    eprintln!("已停止监视。");
    Ok(ExitCode::SUCCESS)
}

/// Fonts, templates and the holiday calendar: everything the documents need
/// that can fail before any output is written.
fn documents_setup(
    args: &RunArgs,
    cfg: &Config,
    config_dir: &Path,
    font_memo: Option<PathBuf>,
) -> anyhow::Result<pipeline::Documents> {
    let took = std::time::Instant::now();
    let opts = pipeline::DocOptions {
        font_memo,
        ..args.doc_options()
    };
    let docs = pipeline::documents(cfg, config_dir, &opts)?;
    let fonts = docs.typst.fonts();
    eprintln!(
        "字体：标题 {}，正文 {}，标题栏 {}（查找字体用时 {:.2} 秒）",
        fonts.title[0],
        fonts.body[0],
        fonts.heading[0],
        took.elapsed().as_secs_f64()
    );
    Ok(docs)
}

impl RunArgs {
    fn doc_options(&self) -> pipeline::DocOptions {
        pipeline::DocOptions {
            font_paths: self.font_paths.clone(),
            ignore_system_fonts: self.ignore_system_fonts,
            templates: self.templates.clone(),
            publicity_from: self.publicity_from,
            font_memo: None,
        }
    }
}

fn serve(a: ServeArgs) -> anyhow::Result<ExitCode> {
    let opts = zhibu::serve::Options {
        inbox: a.run.inbox.clone(),
        outbox: a.run.outbox.clone(),
        config: a.run.config.clone(),
        docs: a.run.doc_options(),
        isolate: !a.run.no_isolate,
        bind: a.bind,
        public: a.public,
        url: a.url,
        links_only: a.links,
        rotate: a.rotate,
        open_page: a.open,
        debounce: std::time::Duration::from_millis(a.debounce_ms),
    };
    zhibu::serve::main(opts)?;
    Ok(ExitCode::SUCCESS)
}

fn print_summary(
    report: &zhibu::render::report::Report,
    check_only: bool,
    outbox: &Path,
    took: std::time::Duration,
) {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.files {
        *kinds
            .entry(zhibu::model::FormKind::zh_of(f.kind))
            .or_default() += 1;
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
    if let Some(r) = &report.roster {
        println!(
            "报送情况：名册 {} 个支部，应报 {}，已报 {}，未报 {}",
            r.branches,
            r.required,
            r.submitted,
            r.required - r.submitted
        );
        for c in r.by_committee.iter().filter(|c| !c.missing.is_empty()) {
            println!(
                "  {}：应报 {}，已报 {}，未报：{}",
                c.committee,
                c.required,
                c.submitted,
                c.missing.join("、")
            );
        }
    }
    if let Some(rows) = &report.closing {
        let complete = rows.iter().filter(|r| r.missing.is_empty()).count();
        println!(
            "结项验收：立项项目 {} 项，材料齐全 {} 项，缺项 {} 项",
            rows.len(),
            complete,
            rows.len() - complete
        );
    }
    let mut codes: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for p in &report.problems {
        *codes.entry((p.severity, p.code.zh())).or_default() += 1;
    }
    if codes.is_empty() {
        println!("未发现问题。");
    } else {
        let errors = report
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        println!(
            "发现问题 {} 条（须修改 {errors} 条）：",
            report.problems.len()
        );
        for ((sev, name), n) in codes {
            let mark = sev.zh();
            println!("  [{mark}] {name} {n} 条");
        }
    }
    // Template diagnostics concern the department, not a branch: show them here.
    for p in report
        .problems
        .iter()
        .filter(|p| p.code == zhibu::problem::Code::Template)
    {
        println!("  {}：{}", p.file, p.message);
    }
    if check_only {
        println!(
            "（仅检查）报告已写入 {}",
            outbox.join("report.json").display()
        );
        return;
    }
    println!("已生成（{}）：", outbox.display());
    for o in &report.outputs {
        println!("  {}", o.path);
    }
    println!("  report.json");
    if !report.outputs.iter().any(|o| o.path == "立项公示.pdf") {
        println!(
            "尚无评审结果，未生成立项公示：把填好“评审等级”“核定经费”的 评审表.xlsx 放回收件箱后再运行一次。"
        );
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
    for (name, bytes) in zhibu::render::blank::blank_forms(&cfg)? {
        let path = dir.join(&name);
        if path.exists() {
            println!("  已存在，跳过：{}", path.display());
            continue;
        }
        std::fs::write(&path, bytes)?;
        println!("  空白表格：{}", path.display());
    }
    // The document templates, for editing: a file here replaces the built-in one.
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates)?;
    for (name, src) in zhibu::render::typst::default_templates() {
        let path = templates.join(name);
        if path.exists() {
            println!("  已存在，跳过：{}", path.display());
            continue;
        }
        std::fs::write(&path, src)?;
    }
    println!(
        "  文件模板：{}（可按需修改，运行时自动使用；删除某个文件即恢复内置模板）",
        templates.display()
    );
    Ok(ExitCode::SUCCESS)
}
