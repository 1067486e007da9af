//! One upload: the body streamed to a hidden temporary file beside its
//! destination, capped while it arrives, stored under a safe name that
//! replaces nothing, logged, read and checked at once, then a full run queued.

use super::App;
use super::check::read_and_check;
use super::names;
use crate::model::FormKind;
use crate::problem::Problem;
use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

const AUDIT_FILE: &str = ".zhibu-serve/audit.jsonl";
const PART_PREFIX: &str = ".zhibu-upload-";

/// A problem as the page shows it.
#[derive(Serialize)]
pub struct ShownProblem {
    pub severity: &'static str,
    pub severity_zh: &'static str,
    pub code: &'static str,
    pub code_zh: &'static str,
    pub location: String,
    pub message: String,
}

impl ShownProblem {
    pub fn of(p: &Problem) -> ShownProblem {
        ShownProblem {
            severity: p.severity.as_str(),
            severity_zh: p.severity.zh(),
            code: p.code.as_str(),
            code_zh: p.code.zh(),
            location: p.location.clone(),
            message: p.message.clone(),
        }
    }
}

#[derive(Serialize)]
struct Stored {
    /// Path inside the inbox.
    stored: String,
    name: String,
    size: u64,
    kind: &'static str,
    kind_zh: &'static str,
    problems: Vec<ShownProblem>,
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let mut res = (
        status,
        axum::Json(serde_json::json!({ "error": message.into() })),
    )
        .into_response();
    // The rest of a refused body is not read: the connection cannot be reused.
    res.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    res
}

/// Receive one file for `who` (a committee, or 组织部) into `inbox/<folder>/<date>/`.
pub async fn receive(
    app: Arc<App>,
    who: String,
    folder: String,
    headers: HeaderMap,
    body: Body,
    client: SocketAddr,
) -> Response {
    let raw = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        });
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return error(StatusCode::BAD_REQUEST, "缺少文件名");
    };
    let name = names::sanitise(&raw);
    if crate::ingest::is_ignored(&name) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "这是 Office/WPS 的临时文件、隐藏文件或配置文件，不需要上传",
        );
    }
    let max = app.cfg.limits.max_file_bytes();
    let too_big = format!(
        "文件超过 {} MB，未保存；请压缩图片或删去附件后重新上传",
        app.cfg.limits.max_file_mb
    );
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return error(StatusCode::PAYLOAD_TOO_LARGE, too_big);
    }
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let top = app.inbox.join(&folder);
    let dir = top.join(&date);
    if let Err(e) = tokio::fs::create_dir_all(&dir).await {
        return error(StatusCode::INTERNAL_SERVER_ERROR, format!("无法保存：{e}"));
    }
    let token = super::tokens::random_token().unwrap_or_else(|_| "x".into());
    let tmp = dir.join(format!("{PART_PREFIX}{token}.part"));
    let received = match stream_to(&tmp, body, max).await {
        Ok(r) => r,
        Err(e) => {
            let _ = tokio::fs::remove_file(&tmp).await;
            remove_empty(&dir, &top).await;
            return match e {
                StreamError::TooLarge => error(StatusCode::PAYLOAD_TOO_LARGE, too_big),
                StreamError::Io(m) => error(StatusCode::BAD_REQUEST, m),
            };
        }
    };
    if received.0 == 0 {
        let _ = tokio::fs::remove_file(&tmp).await;
        remove_empty(&dir, &top).await;
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "文件是空的（0 字节），未保存；请重新选择文件",
        );
    }
    let (size, sha256) = received;
    let (t2, d2, n2) = (tmp.clone(), dir.clone(), name.clone());
    let stored =
        match tokio::task::spawn_blocking(move || names::store_without_overwrite(&t2, &d2, &n2))
            .await
        {
            Ok(Ok(p)) => p,
            _ => {
                let _ = tokio::fs::remove_file(&tmp).await;
                return error(StatusCode::INTERNAL_SERVER_ERROR, "无法保存文件，请重试");
            }
        };
    let rel = crate::pipeline::relative(&app.inbox, &stored);
    let now = chrono::Local::now();
    audit(&app, &who, &rel, size, &sha256, client, &headers, &now);
    if let Ok(mut m) = app.last_upload.lock() {
        m.insert(who.clone(), now.format("%Y-%m-%d %H:%M").to_string());
    }
    let check = {
        let a = app.clone();
        let p = stored.clone();
        tokio::task::spawn_blocking(move || read_and_check(&a.inbox, &p, &a.cfg, a.pool.as_ref()))
            .await
    };
    app.runner.request(false);
    let (kind, problems) = match check {
        Ok(c) => (c.kind, c.problems.iter().map(ShownProblem::of).collect()),
        Err(_) => (
            None,
            vec![ShownProblem::of(&Problem::new(
                crate::problem::Code::CorruptFile,
                &rel,
                "整个文件",
                "读取时遇到无法解析的内容；请重新保存后提交",
            ))],
        ),
    };
    let shown = Stored {
        name: stored
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        stored: rel,
        size,
        kind_zh: FormKind::zh_of(kind),
        kind: FormKind::name_of(kind),
        problems,
    };
    (StatusCode::OK, axum::Json(shown)).into_response()
}

enum StreamError {
    TooLarge,
    Io(String),
}

/// Write the body to `tmp`, counting and hashing; stop past `max` bytes.
async fn stream_to(tmp: &Path, body: Body, max: u64) -> Result<(u64, String), StreamError> {
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .await
        .map_err(|e| StreamError::Io(format!("无法保存：{e}")))?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| StreamError::Io("上传中断，请重新上传".into()))?;
        size += chunk.len() as u64;
        if size > max {
            return Err(StreamError::TooLarge);
        }
        hasher.update(&chunk);
        file.write_all(&chunk)
            .await
            .map_err(|e| StreamError::Io(format!("无法保存：{e}")))?;
    }
    file.sync_all()
        .await
        .map_err(|e| StreamError::Io(format!("无法保存：{e}")))?;
    Ok((size, super::tokens::hex(&hasher.finalize())))
}

/// Remove the date folder and the committee folder if the upload left them empty.
async fn remove_empty(dir: &Path, top: &Path) {
    let _ = tokio::fs::remove_dir(dir).await;
    let _ = tokio::fs::remove_dir(top).await;
}

#[allow(clippy::too_many_arguments)]
fn audit(
    app: &App,
    who: &str,
    rel: &str,
    size: u64,
    sha256: &str,
    client: SocketAddr,
    headers: &HeaderMap,
    now: &chrono::DateTime<chrono::Local>,
) {
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let line = serde_json::json!({
        "time": now.to_rfc3339(),
        "committee": who,
        "stored": rel,
        "size": size,
        "sha256": sha256,
        "client": client.to_string(),
        "forwarded_for": forwarded,
    });
    let _guard = app.audit_lock.lock();
    let path = app.outbox.join(AUDIT_FILE);
    let result = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| {
            use std::io::Write;
            writeln!(f, "{line}")
        });
    if let Err(e) = result {
        eprintln!("无法写入上传记录 {}：{e}", path.display());
    }
}

/// Committee → time of its last upload, from the audit log.
pub fn last_uploads(outbox: &Path) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(outbox.join(AUDIT_FILE)) else {
        return m;
    };
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(who), Some(time)) = (v["committee"].as_str(), v["time"].as_str()) else {
            continue;
        };
        let shown = chrono::DateTime::parse_from_rfc3339(time)
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        m.insert(who.to_string(), shown);
    }
    m
}

/// Temporary files of uploads cut short by a stop of the server.
pub fn remove_stale_parts(inbox: &Path) {
    let stale: Vec<PathBuf> = walkdir::WalkDir::new(inbox)
        .max_depth(4)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file() && e.file_name().to_string_lossy().starts_with(PART_PREFIX)
        })
        .map(|e| e.into_path())
        .collect();
    for p in stale {
        let _ = std::fs::remove_file(p);
    }
}
