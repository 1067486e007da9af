//! `zhibu serve`: the department's collection page. Each committee uploads
//! through its own link and sees its problems at once; the department's link
//! shows every committee's progress and the last run's outputs. The inbox
//! stays the system of record: the server only adds files to it, and runs
//! exactly what `zhibu run` runs (`pipeline::analyse` + `render_all`).

mod check;
mod names;
mod pages;
mod routes;
mod runner;
mod security;
mod tokens;
mod upload;
mod view;

pub use names::sanitise as sanitise_upload_name;
pub use tokens::{Role, Tokens};

use crate::config::{self, Config};
use crate::pipeline::DocOptions;
use runner::{Runner, Snapshot};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The command line of `zhibu serve`.
#[derive(Debug, Clone)]
pub struct Options {
    pub inbox: PathBuf,
    pub outbox: PathBuf,
    pub config: Option<PathBuf>,
    pub docs: DocOptions,
    /// Read files in isolated worker processes (`zhibu run`'s default).
    pub isolate: bool,
    pub bind: SocketAddr,
    /// Allow a bind address other than loopback.
    pub public: bool,
    /// The address users reach (behind a reverse proxy), for links and the Origin check.
    pub url: Option<String>,
    /// Print the links, write 上传链接.txt, and stop.
    pub links_only: bool,
    pub rotate: bool,
    /// Open the department's page in the default browser once serving.
    pub open_page: bool,
    /// Quiet time after an upload before the full run.
    pub debounce: Duration,
}

/// Everything the handlers share.
pub struct App {
    pub inbox: PathBuf,
    pub outbox: PathBuf,
    pub cfg: Config,
    pub config_dir: PathBuf,
    pub docs: DocOptions,
    /// The reading workers, when isolated reading is on.
    pub pool: Option<crate::isolate::Pool>,
    pub tokens: RwLock<Tokens>,
    /// Per-process secret the CSRF tokens derive from.
    pub secret: [u8; 32],
    /// `scheme://host[:port]` of `--url`, if given.
    pub origin: Option<String>,
    /// Base of the printed links.
    pub base_url: RwLock<String>,
    pub runner: Runner,
    pub snapshot: RwLock<Option<Arc<Snapshot>>>,
    /// Committee (or 组织部) → time of the last upload.
    pub last_upload: Mutex<BTreeMap<String, String>>,
    pub audit_lock: Mutex<()>,
}

impl App {
    pub fn role(&self, token: &str) -> Option<Role> {
        self.tokens.read().ok()?.role(token)
    }

    pub fn csrf(&self, token: &str) -> String {
        tokens::csrf(&self.secret, token)
    }

    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.snapshot.read().ok()?.clone()
    }

    pub fn committees(&self) -> Vec<String> {
        self.tokens
            .read()
            .map(|t| t.committees.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Give new committees a link; saves the tokens and 上传链接.txt when one was added.
    pub fn add_committees<'a>(
        &self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> anyhow::Result<()> {
        let mut t = self
            .tokens
            .write()
            .map_err(|_| anyhow::anyhow!("链接表不可用"))?;
        if t.add_committees(names)? {
            t.save(&self.outbox)?;
            let base = self.base_url.read().map(|b| b.clone()).unwrap_or_default();
            write_links_file(&self.outbox, &self.cfg, &t, &base)?;
        }
        Ok(())
    }
}

/// `zhibu serve`: set up, then either print the links or serve until Ctrl+C.
pub fn main(opts: Options) -> anyhow::Result<()> {
    if !opts.inbox.is_dir() {
        anyhow::bail!(
            "找不到收件箱文件夹“{}”；请用 --inbox 指定存放各支部文件的文件夹",
            opts.inbox.display()
        );
    }
    if !opts.bind.ip().is_loopback() && !opts.public && !opts.links_only {
        anyhow::bail!(
            "监听地址 {} 不是本机地址：其他电脑也能访问。确需如此请加 --public（并在前面加 HTTPS 反向代理）",
            opts.bind
        );
    }
    let origin = match &opts.url {
        Some(u) => Some(security::origin_of(u).ok_or_else(|| {
            anyhow::anyhow!("--url 应形如 https://zhibu.example.edu.cn，而不是“{u}”")
        })?),
        None => None,
    };
    let (cfg, source) = config::load(opts.config.as_deref(), &opts.inbox)?;
    std::fs::create_dir_all(opts.outbox.join(tokens::STATE_DIR))?;
    let mut toks = Tokens::load(&opts.outbox)?;
    if opts.rotate {
        toks.rotate()?;
        eprintln!("已作废全部旧链接，生成了新链接。");
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| anyhow::anyhow!("无法取得随机数：{e}"))?;
    let default_base = opts
        .url
        .clone()
        .unwrap_or_else(|| format!("http://{}", opts.bind));
    let pool = opts
        .isolate
        .then(|| crate::isolate::Pool::for_run(&cfg))
        .flatten();
    let app = Arc::new(App {
        inbox: opts.inbox.clone(),
        outbox: opts.outbox.clone(),
        config_dir: crate::pipeline::config_dir(&source),
        cfg,
        docs: opts.docs.clone(),
        pool,
        tokens: RwLock::new(toks),
        secret,
        origin,
        base_url: RwLock::new(default_base),
        runner: Runner::new(opts.debounce),
        snapshot: RwLock::new(None),
        last_upload: Mutex::new(upload::last_uploads(&opts.outbox)),
        audit_lock: Mutex::new(()),
    });
    if opts.links_only {
        // The committees the inbox names get their links too; nothing is rendered.
        let outcome = crate::pipeline::analyse_with(&app.inbox, &app.cfg, app.pool.as_ref(), || {});
        let found = runner::committees_of(&outcome);
        app.add_committees(found.iter().map(String::as_str))?;
        let t = app
            .tokens
            .read()
            .map_err(|_| anyhow::anyhow!("链接表不可用"))?;
        t.save(&app.outbox)?;
        let base = app.base_url.read().map(|b| b.clone()).unwrap_or_default();
        let path = write_links_file(&app.outbox, &app.cfg, &t, &base)?;
        for (name, url) in t.link_lines(&base) {
            println!("{name}\t{url}");
        }
        eprintln!("已写出 {}", path.display());
        return Ok(());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(serve(app, opts));
    // Open event streams would otherwise keep the runtime alive.
    rt.shutdown_timeout(Duration::from_secs(2));
    result
}

async fn serve(app: Arc<App>, opts: Options) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(opts.bind)
        .await
        .map_err(|e| anyhow::anyhow!("无法监听 {}：{e}", opts.bind))?;
    let local = listener.local_addr()?;
    if opts.url.is_none()
        && let Ok(mut b) = app.base_url.write()
    {
        *b = format!("http://{local}");
    }
    if !local.ip().is_loopback() {
        eprintln!(
            "注意：正在监听 {local}，其他电脑可以访问。链接中的口令以明文传输，除非前面有 HTTPS 反向代理；请只在校园网内使用，并用 --url 填写对外地址。"
        );
    }
    eprintln!("正在读取收件箱并生成全部输出……");
    upload::remove_stale_parts(&app.inbox);
    runner::run_now(&app).await;
    if let Some(e) = app.runner.status().error {
        eprintln!("首次生成未成功：{e}");
    }
    let base = app.base_url.read().map(|b| b.clone()).unwrap_or_default();
    {
        let t = app
            .tokens
            .read()
            .map_err(|_| anyhow::anyhow!("链接表不可用"))?;
        t.save(&app.outbox)?;
        let path = write_links_file(&app.outbox, &app.cfg, &t, &base)?;
        println!("zhibu serve 正在运行：{base}/ （按 Ctrl+C 停止）");
        for (name, url) in t.link_lines(&base) {
            println!("{name}\t{url}");
        }
        println!("全部链接已写入 {}；组织部的链接请勿外传。", path.display());
        if opts.open_page
            && let Some((_, url)) = t.link_lines(&base).first()
        {
            crate::desktop::open(url);
        }
    }
    tokio::spawn(runner::worker(app.clone()));
    let router = routes::router(app.clone());
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    );
    tokio::select! {
        r = server => r?,
        _ = tokio::signal::ctrl_c() => {
            eprintln!("正在停止（等待当前的生成完成）……");
            let _done = app.runner.lock.lock().await;
        }
    }
    Ok(())
}

/// The printable list of links, `outbox/上传链接.txt`.
fn write_links_file(
    outbox: &std::path::Path,
    cfg: &Config,
    t: &Tokens,
    base: &str,
) -> anyhow::Result<PathBuf> {
    let mut text = format!(
        "{}\n材料上传链接（每个链接只发给对应单位；组织部的链接请勿外传）\n\n",
        cfg.name
    );
    for (name, url) in t.link_lines(base) {
        text.push_str(&format!("{name}\t{url}\n"));
    }
    let name = "上传链接.txt";
    crate::render::write_atomic(outbox, name, text.as_bytes())?;
    Ok(outbox.join(name))
}
