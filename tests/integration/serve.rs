//! `zhibu serve` end to end: the binary on `127.0.0.1:0`, driven over HTTP.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BUDGET_APP: &str = "机械学院/机械学院-机械2023级研究生党支部-对标争先申请表.docx";
const MECH: &str = "机械工程学院党委";
const CS: &str = "计算机科学与技术学院党委";

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inbox")
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative, `/`-separated.
fn tree(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| zhibu::pipeline::relative(dir, e.path()))
        .collect()
}

struct Server {
    child: Child,
    origin: String,
    tmp: tempfile::TempDir,
    http: reqwest::Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The sample inbox without the budget-mismatch application, `extra_config` appended to its zhibu.toml.
    fn start(extra_config: &str) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let inbox = tmp.path().join("inbox");
        copy_dir(&sample(), &inbox);
        std::fs::copy(inbox.join(BUDGET_APP), tmp.path().join("budget.docx")).unwrap();
        std::fs::remove_file(inbox.join(BUDGET_APP)).unwrap();
        if !extra_config.is_empty() {
            let cfg = inbox.join("zhibu.toml");
            let mut s = std::fs::read_to_string(&cfg).unwrap();
            s.push_str(extra_config);
            std::fs::write(&cfg, s).unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .args(["serve", "--bind", "127.0.0.1:0", "--debounce-ms", "300"])
            .arg("--inbox")
            .arg(&inbox)
            .arg("--outbox")
            .arg(tmp.path().join("outbox"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("server prints its address").unwrap();
        let origin = first
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .map(|a| format!("http://{a}"))
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        // Keep draining stdout so the server never writes to a closed pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            origin,
            tmp,
            // No connection reuse: a refused upload ends its connection.
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .unwrap(),
        }
    }

    fn inbox(&self) -> PathBuf {
        self.tmp.path().join("inbox")
    }

    fn outbox(&self) -> PathBuf {
        self.tmp.path().join("outbox")
    }

    fn tokens(&self) -> Value {
        serde_json::from_slice(
            &std::fs::read(self.outbox().join(".zhibu-serve/tokens.json")).unwrap(),
        )
        .unwrap()
    }

    fn dept(&self) -> String {
        format!(
            "{}/d/{}/",
            self.origin,
            self.tokens()["department"].as_str().unwrap()
        )
    }

    fn committee(&self, name: &str) -> String {
        let t = self.tokens();
        let token = t["committees"][name]
            .as_str()
            .unwrap_or_else(|| panic!("no link for {name}: {t}"));
        format!("{}/c/{token}/", self.origin)
    }

    async fn csrf(&self, page: &str) -> String {
        let html = self
            .http
            .get(page)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        html.split("data-csrf=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("page carries its CSRF token")
            .to_string()
    }

    async fn upload(&self, page: &str, name: &str, bytes: Vec<u8>) -> (u16, Value) {
        let csrf = self.csrf(page).await;
        let res = self
            .http
            .post(format!("{page}upload"))
            .header("Origin", &self.origin)
            .header("X-CSRF-Token", csrf)
            .header("X-File-Name", encode(name))
            .body(bytes)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    async fn status(&self) -> Value {
        self.http
            .get(format!("{}status.json", self.dept()))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Wait until no run is queued or running and at least `runs` have finished.
    async fn settle(&self, runs: u64) -> Value {
        let start = Instant::now();
        loop {
            let s = self.status().await;
            if s["state"] == "idle" && s["runs_finished"].as_u64().unwrap() >= runs {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "runs never settled: {s}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn report(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.outbox().join("report.json")).unwrap()).unwrap()
    }
}

fn encode(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn budget_bytes(s: &Server) -> Vec<u8> {
    std::fs::read(s.tmp.path().join("budget.docx")).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn upload_is_stored_checked_and_then_run() {
    let s = Server::start("");
    let before = s.report();
    let missing = |r: &Value| {
        r["problems"].as_array().unwrap().iter().any(|p| {
            p["code"] == "summary_without_application" && p["branch"] == "机械2023级研究生党支部"
        })
    };
    assert!(
        missing(&before),
        "the summary sheet lists the branch, no application yet"
    );
    let page = s.committee(MECH);
    let (status, r) = s
        .upload(&page, "机械2023级研究生党支部申请表.docx", budget_bytes(&s))
        .await;
    assert_eq!(status, 200, "{r}");
    let stored = r["stored"].as_str().unwrap();
    assert!(stored.starts_with(&format!("{MECH}/")), "{stored}");
    assert_eq!(
        std::fs::read(s.inbox().join(stored)).unwrap(),
        budget_bytes(&s)
    );
    assert_eq!(r["kind"], "application");
    let codes: Vec<&str> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"budget_mismatch"), "{r}");
    assert!(r["problems"][0]["message"].as_str().unwrap().contains("元"));
    // The full run follows: the application counts, and its cross-file problem appears.
    s.settle(2).await;
    let after = s.report();
    assert_eq!(
        after["totals"]["applications"].as_u64().unwrap(),
        before["totals"]["applications"].as_u64().unwrap() + 1
    );
    let fragment = s
        .http
        .get(format!("{page}fragment"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(fragment.contains(stored), "committee sees its upload");
    assert!(fragment.contains("预算不平"));
    assert!(
        !missing(&after),
        "the cross-file problem is gone after the run"
    );
    // A committee sees only its own files and problems.
    assert!(!fragment.contains("计算机学院/"), "{fragment}");
    assert!(!fragment.contains("外语研究生党支部"));
    let audit = std::fs::read_to_string(s.outbox().join(".zhibu-serve/audit.jsonl")).unwrap();
    let line: Value = serde_json::from_str(audit.lines().last().unwrap()).unwrap();
    assert_eq!(line["committee"], MECH);
    assert_eq!(line["stored"], stored);
    assert_eq!(line["sha256"], zhibu::render::sha256_hex(&budget_bytes(&s)));
    assert!(line["client"].as_str().unwrap().starts_with("127.0.0.1:"));
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_or_missing_token_is_refused_and_stores_nothing() {
    let s = Server::start("");
    let before = tree(&s.inbox());
    let mech = s.committee(MECH);
    let mech_csrf = s.csrf(&mech).await;
    let cs = s.committee(CS);
    let post = |url: String, csrf: String| {
        s.http
            .post(url)
            .header("Origin", &s.origin)
            .header("X-CSRF-Token", csrf)
            .header("X-File-Name", "a.docx")
            .body(budget_bytes(&s))
            .send()
    };
    let forged = format!("{}/c/{}/", s.origin, "0".repeat(32));
    for (url, csrf) in [
        (format!("{}/c//upload", s.origin), mech_csrf.clone()),
        (format!("{forged}upload"), mech_csrf.clone()),
        // Another committee's page with this committee's CSRF token.
        (format!("{cs}upload"), mech_csrf.clone()),
        // A committee's token on the department's URLs.
        (mech.replace("/c/", "/d/") + "upload", mech_csrf.clone()),
    ] {
        let code = post(url.clone(), csrf).await.unwrap().status().as_u16();
        assert!(code == 403 || code == 404, "{url}: {code}");
    }
    for url in [
        forged.clone(),
        mech.replace("/c/", "/d/"),
        format!("{}status.json", mech.replace("/c/", "/d/")),
        format!(
            "{}download?path=%E7%94%B3%E6%8A%A5%E6%B1%87%E6%80%BB%E8%A1%A8.xlsx",
            mech.replace("/c/", "/d/")
        ),
        s.dept().replace("/d/", "/c/"),
    ] {
        let code = s.http.get(&url).send().await.unwrap().status().as_u16();
        assert_eq!(code, 403, "{url}");
    }
    assert_eq!(tree(&s.inbox()), before, "nothing stored");
    // Downloads: only what the last run listed.
    let dept = s.dept();
    for (path, want) in [
        ("申报汇总表.xlsx", 200),
        (".zhibu-serve/tokens.json", 404),
        ("../inbox/zhibu.toml", 404),
        ("上传链接.txt", 404),
    ] {
        let code = s
            .http
            .get(format!("{dept}download"))
            .query(&[("path", path)])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(code, want, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_names_stay_inside_the_committee_folder() {
    let s = Server::start("");
    let page = s.committee(CS);
    let long = format!("{}.docx", "很长的文件名".repeat(60));
    let names = [
        "../../../../etc/passwd.docx",
        "..\\..\\windows\\win.ini.docx",
        "a/../../b.docx",
        "/abs/path.docx",
        "申请表\u{202E}xcod.docx",
        "\u{2067}隐藏\u{2069}.docx",
        "控制\u{1}\u{7}字符.docx",
        "..",
        long.as_str(),
        "same.docx",
        "same.docx",
    ];
    let mut stored = BTreeSet::new();
    for n in names {
        let (status, r) = s.upload(&page, n, budget_bytes(&s)).await;
        assert_eq!(status, 200, "{n:?}: {r}");
        let path = r["stored"].as_str().unwrap().to_string();
        let rel = path
            .strip_prefix(&format!("{CS}/"))
            .unwrap_or_else(|| panic!("{path}"));
        let parts: Vec<&str> = rel.split('/').collect();
        assert_eq!(parts.len(), 2, "{path}: committee/date/name");
        let file = parts[1];
        assert!(!file.contains(".."), "{file}");
        assert!(!file.starts_with('.'), "{file}");
        assert!(
            !file.chars().any(|c| c.is_control()
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{file:?}"
        );
        assert!(file.chars().count() <= 80, "{file}");
        assert!(s.inbox().join(&path).is_file());
        assert!(stored.insert(path), "two uploads, two files");
    }
    assert!(stored.iter().any(|p| p.ends_with("/same (2).docx")));
    // Nothing landed outside the inbox's committee folder.
    let top: BTreeSet<String> = std::fs::read_dir(s.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        top,
        ["budget.docx", "inbox", "outbox"].map(String::from).into()
    );
}

/// A chunked upload (no Content-Length) over a raw socket.
/// A socket that has sent the head of an upload of `big.docx` with the
/// given length header, by hand.
fn upload_head(origin: &str, path: &str, csrf: &str, length: &str) -> std::net::TcpStream {
    let addr = origin.trim_start_matches("http://");
    let mut sock = std::net::TcpStream::connect(addr).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nX-CSRF-Token: {csrf}\r\nX-File-Name: big.docx\r\n{length}\r\nConnection: close\r\n\r\n"
    );
    sock.write_all(head.as_bytes()).unwrap();
    sock
}

fn chunked_upload(origin: &str, path: &str, csrf: &str, total: usize) -> String {
    let mut sock = upload_head(origin, path, csrf, "Transfer-Encoding: chunked");
    let chunk = vec![b'x'; 64 * 1024];
    let mut sent = 0;
    while sent < total {
        let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
        if sock.write_all(&frame).is_err() {
            break; // the server stopped reading: refused
        }
        sent += chunk.len();
    }
    let _ = sock.write_all(b"0\r\n\r\n");
    let mut answer = String::new();
    let _ = sock.read_to_string(&mut answer);
    answer
}

/// An upload that declares `len` bytes and sends none of them; the answer.
fn declared_upload(origin: &str, path: &str, csrf: &str, len: usize) -> String {
    let mut sock = upload_head(origin, path, csrf, &format!("Content-Length: {len}"));
    let mut answer = Vec::new();
    let _ = sock.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn oversize_upload_is_refused_and_leaves_nothing() {
    let s = Server::start("\n[limits]\nmax_file_mb = 1\n");
    let before = tree(&s.inbox());
    let page = s.committee(MECH);
    // Declared too large: refused on the Content-Length alone, before any
    // body is read (sent by hand: a client still writing the body may see
    // the refused connection close under it).
    let csrf = s.csrf(&page).await;
    let path = format!("{}upload", page.trim_start_matches(&s.origin));
    let answer = declared_upload(&s.origin, &path, &csrf, 1024 * 1024 + 1);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("1 MB"), "{answer}");
    // Not declared: cut off while streaming.
    let answer = chunked_upload(&s.origin, &path, &csrf, 3 * 1024 * 1024);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 413"),
        "{answer}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(tree(&s.inbox()), before, "nothing left behind");
    assert!(!s.inbox().join(MECH).exists(), "no empty folders either");
    // Just under the cap is fine.
    let (status, _) = s.upload(&page, "ok.docx", budget_bytes(&s)).await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn posts_need_the_csrf_token_and_same_origin() {
    let s = Server::start("");
    let before = tree(&s.inbox());
    let page = s.committee(MECH);
    let csrf = s.csrf(&page).await;
    let cases = [
        (None, Some(s.origin.clone())),
        (Some("0".repeat(32)), Some(s.origin.clone())),
        (Some(csrf.clone()), None),
        (Some(csrf.clone()), Some("http://evil.example".to_string())),
    ];
    for (token, origin) in cases {
        let mut req = s
            .http
            .post(format!("{page}upload"))
            .header("X-File-Name", "a.docx")
            .body(budget_bytes(&s));
        if let Some(t) = &token {
            req = req.header("X-CSRF-Token", t);
        }
        if let Some(o) = &origin {
            req = req.header("Origin", o);
        }
        let code = req.send().await.unwrap().status().as_u16();
        assert_eq!(code, 403, "{token:?} {origin:?}");
    }
    // The department's form posts too.
    let dept = s.dept();
    let runs = s.status().await["runs_started"].as_u64().unwrap();
    for form in [vec![], vec![("csrf", "x".repeat(32))]] {
        let code = s
            .http
            .post(format!("{dept}run"))
            .header("Origin", &s.origin)
            .form(&form)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(code, 403);
        let code = s
            .http
            .post(format!("{dept}committees"))
            .header("Origin", &s.origin)
            .form(&[("name", "伪造党委")])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(code, 403);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(s.status().await["runs_started"].as_u64().unwrap(), runs);
    assert!(s.tokens()["committees"].get("伪造党委").is_none());
    assert_eq!(tree(&s.inbox()), before);
    // With the token, the department adds a committee and it gets a link.
    let dcsrf = s.csrf(&dept).await;
    let res = s
        .http
        .post(format!("{dept}committees"))
        .header("Origin", &s.origin)
        .form(&[("csrf", dcsrf.as_str()), ("name", "新成立学院党委")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    assert!(s.tokens()["committees"]["新成立学院党委"].is_string());
    let links = std::fs::read_to_string(s.outbox().join("上传链接.txt")).unwrap();
    assert!(links.contains("新成立学院党委\thttp://"));
    // The department uploads the filled review sheet into 组织部/.
    let review = std::fs::read(s.inbox().join("组织部/评审表（已评审）.xlsx")).unwrap();
    let (status, r) = s.upload(&dept, "评审表（已评审）.xlsx", review).await;
    assert_eq!(status, 200, "{r}");
    assert!(r["stored"].as_str().unwrap().starts_with("组织部/"), "{r}");
    assert_eq!(r["kind"], "review");
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_uploads_during_a_run_lose_nothing_and_runs_never_overlap() {
    let s = Server::start("");
    let dept = s.dept();
    let dcsrf = s.csrf(&dept).await;
    let mech = s.committee(MECH);
    let cs = s.committee(CS);
    // Start a run, then upload while it runs.
    let res = s
        .http
        .post(format!("{dept}run"))
        .header("Origin", &s.origin)
        .form(&[("csrf", dcsrf.as_str())])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    // Upload while that run is in progress.
    let start = Instant::now();
    while s.status().await["state"] != "running" {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the run never started"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let bytes = budget_bytes(&s);
    let cs_app = std::fs::read(
        s.inbox()
            .join("计算机学院/计算机学院-人工智能本科党支部-对标争先申请表.docx"),
    )
    .unwrap();
    let (a, b, c) = tokio::join!(
        s.upload(&mech, "并发一.docx", bytes.clone()),
        s.upload(&mech, "并发一.docx", bytes.clone()),
        s.upload(&cs, "并发二.docx", cs_app),
    );
    for (status, r) in [&a, &b, &c] {
        assert_eq!(*status, 200, "{r}");
    }
    let stored: BTreeSet<String> = [&a, &b, &c]
        .iter()
        .map(|(_, r)| r["stored"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stored.len(), 3, "three files, none overwritten: {stored:?}");
    let st = s.settle(3).await;
    assert_eq!(st["max_concurrent"], 1, "{st}");
    assert_eq!(st["runs_started"], st["runs_finished"]);
    // The last run saw every upload.
    let report = s.report();
    let files: BTreeSet<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    for p in &stored {
        assert!(files.contains(p), "{p} missing from the last run");
        assert!(s.inbox().join(p).is_file());
    }

    // The outputs equal those of `zhibu run` on the same inbox.
    let other = s.tmp.path().join("run-outbox");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--inbox"])
        .arg(s.inbox())
        .arg("--outbox")
        .arg(&other)
        .output()
        .unwrap();
    assert!(out.status.code().unwrap() <= 1);
    let theirs: Value =
        serde_json::from_slice(&std::fs::read(other.join("report.json")).unwrap()).unwrap();
    same_run(&report, &theirs, &s.outbox(), &other);
}

/// Two runs' reports agree; the outputs are the same files with the same
/// content (the xlsx compared cell by cell: they carry their creation time).
fn same_run(a: &Value, b: &Value, outbox_a: &Path, outbox_b: &Path) {
    for key in a.as_object().unwrap().keys().filter(|k| *k != "outputs") {
        assert_eq!(a[key], b[key], "report.json key {key}");
    }
    let outputs = |r: &Value| -> Vec<(String, String)> {
        r["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["path"].as_str().unwrap().to_string(),
                    o["sha256"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (oa, ob) = (outputs(a), outputs(b));
    assert_eq!(
        oa.iter().map(|o| &o.0).collect::<Vec<_>>(),
        ob.iter().map(|o| &o.0).collect::<Vec<_>>()
    );
    for ((path, sha_a), (_, sha_b)) in oa.iter().zip(&ob) {
        if path.ends_with(".xlsx") {
            assert_eq!(
                cells(&outbox_a.join(path)),
                cells(&outbox_b.join(path)),
                "{path}"
            );
        } else {
            assert_eq!(sha_a, sha_b, "{path}");
        }
    }
}

fn cells(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_survives_every_bad_file() {
    let s = Server::start("");
    let page = s.committee(MECH);
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "garbage.doc".into(),
            b"\xD0\xCF\x11\xE0 not really".to_vec(),
        ),
        ("fake.docx".into(), b"PK\x03\x04 broken zip".to_vec()),
        ("scan.docx".into(), b"%PDF-1.7 a scan".to_vec()),
        (
            "page.xls".into(),
            b"<html><table><tr><td>1</td></tr></table></html>".to_vec(),
        ),
        ("notes.txt".into(), "说明文字".as_bytes().to_vec()),
        ("noext".into(), vec![0u8; 100]),
    ];
    let zoo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for dir in ["zoo", "fixtures"] {
        for e in walkdir::WalkDir::new(zoo.join(dir)).into_iter().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_file()
                && !name.ends_with(".json")
                && !name.ends_with(".toml")
                && !name.ends_with(".sh")
            {
                files.push((name, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    assert!(files.len() > 20);
    for (name, bytes) in files {
        let (status, r) = s.upload(&page, &name, bytes).await;
        assert_eq!(status, 200, "{name}: {r}");
        assert!(r["problems"].is_array(), "{name}");
    }
    let st = s.settle(2).await;
    assert_eq!(st["error"], Value::Null, "{st}");
    let page = s.http.get(s.dept()).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.unwrap().contains("各党委报送情况"));
}

#[test]
fn links_are_printed_department_first_and_rotate() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    copy_dir(&sample(), &inbox);
    let links = |rotate: bool| -> Vec<(String, String)> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhibu"));
        cmd.args(["serve", "--links", "--url", "https://zhibu.example.edu.cn"])
            .arg("--inbox")
            .arg(&inbox)
            .arg("--outbox")
            .arg(tmp.path().join("outbox"));
        if rotate {
            cmd.arg("--rotate");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let (n, u) = l.split_once('\t').unwrap();
                (n.to_string(), u.to_string())
            })
            .collect()
    };
    let first = links(false);
    assert_eq!(first[0].0, "组织部");
    assert!(first[0].1.starts_with("https://zhibu.example.edu.cn/d/"));
    let names: Vec<&str> = first.iter().map(|l| l.0.as_str()).collect();
    assert!(names.contains(&MECH) && names.contains(&CS), "{names:?}");
    for (_, url) in &first {
        let token = url.trim_end_matches('/').rsplit('/').next().unwrap();
        assert!(
            token.len() >= 32 && token.chars().all(|c| c.is_ascii_hexdigit()),
            "{url}"
        );
    }
    assert_eq!(links(false), first, "stable without --rotate");
    let rotated = links(true);
    assert_eq!(rotated.len(), first.len());
    for (a, b) in first.iter().zip(&rotated) {
        assert_eq!(a.0, b.0);
        assert_ne!(a.1, b.1);
    }
    let file = std::fs::read_to_string(tmp.path().join("outbox/上传链接.txt")).unwrap();
    assert!(file.contains(&rotated[0].1));
    // Any other address needs --public.
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["serve", "--bind", "0.0.0.0:0", "--inbox"])
        .arg(&inbox)
        .arg("--outbox")
        .arg(tmp.path().join("outbox"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--public"));
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_carry_the_security_headers_and_escape_names() {
    let s = Server::start("");
    let dept = s.dept();
    let dcsrf = s.csrf(&dept).await;
    let evil = "<script>alert(1)</script>党委";
    let res = s
        .http
        .post(format!("{dept}committees"))
        .header("Origin", &s.origin)
        .form(&[("csrf", dcsrf.as_str()), ("name", evil)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    for url in [
        dept.clone(),
        s.committee(evil),
        format!("{}/assets/app.js", s.origin),
    ] {
        let res = s.http.get(&url).send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        let body = res.text().await.unwrap();
        assert!(!body.contains("<script>alert"), "{url}");
    }
}
