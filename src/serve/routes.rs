//! The URLs. A committee's link is `/c/<token>/`, the department's `/d/<token>/`;
//! pages use relative URLs so the server also works under a proxy's path prefix.

// A refusal is a whole response, returned early; its size does not matter here.
#![allow(clippy::result_large_err)]

use super::pages::{self, DeptLinks};
use super::tokens::Role;
use super::view::{self, Filter};
use super::{App, security, upload};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

type AppState = State<Arc<App>>;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js))
        .route("/c/{token}", get(add_slash))
        .route("/c/{token}/", get(committee_page))
        .route("/c/{token}/fragment", get(committee_fragment))
        .route("/c/{token}/events", get(committee_events))
        .route("/c/{token}/upload", post(committee_upload))
        .route("/d/{token}", get(add_slash))
        .route("/d/{token}/", get(department_page))
        .route("/d/{token}/fragment", get(department_fragment))
        .route("/d/{token}/events", get(department_events))
        .route("/d/{token}/status.json", get(status_json))
        .route("/d/{token}/download", get(download))
        .route("/d/{token}/upload", post(department_upload))
        .route("/d/{token}/run", post(run))
        .route("/d/{token}/committees", post(add_committee))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(app)
}

fn committee(app: &App, token: &str) -> Result<String, Response> {
    match app.role(token) {
        Some(Role::Committee(name)) => Ok(name),
        _ => Err(security::forbidden()),
    }
}

fn department(app: &App, token: &str) -> Result<(), Response> {
    match app.role(token) {
        Some(Role::Department) => Ok(()),
        _ => Err(security::forbidden()),
    }
}

async fn index() -> Html<String> {
    Html(pages::notice("材料收集", "请使用组织部发给本单位的专用链接打开上传页面。").into_string())
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("assets/app.css"))
}

async fn js() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("assets/app.js"),
    )
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn add_slash(State(app): AppState, Path(token): Path<String>) -> Response {
    if app.role(&token).is_none() {
        return security::forbidden();
    }
    Redirect::permanent(&format!("{token}/")).into_response()
}

// ---------------------------------------------------------------- committee

async fn committee_page(State(app): AppState, Path(token): Path<String>) -> Response {
    let name = match committee(&app, &token) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let live = pages::committee_live(app.snapshot().as_deref(), &name, &app.committees());
    let page = pages::committee_page(
        &app.cfg.name,
        &name,
        &app.csrf(&token),
        &app.runner.status(),
        live,
    );
    Html(page.into_string()).into_response()
}

async fn committee_fragment(State(app): AppState, Path(token): Path<String>) -> Response {
    match committee(&app, &token) {
        Ok(name) => Html(
            pages::committee_live(app.snapshot().as_deref(), &name, &app.committees())
                .into_string(),
        )
        .into_response(),
        Err(r) => r,
    }
}

async fn committee_events(State(app): AppState, Path(token): Path<String>) -> Response {
    match committee(&app, &token) {
        Ok(_) => events(app).into_response(),
        Err(r) => r,
    }
}

async fn committee_upload(
    State(app): AppState,
    Path(token): Path<String>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let name = match committee(&app, &token) {
        Ok(n) => n,
        Err(r) => return r,
    };
    if let Err(r) = security::check_post(&app, &headers, &token, None) {
        return r;
    }
    let folder = crate::render::safe_file_name(&name);
    upload::receive(app, name, folder, headers, body, client).await
}

// ---------------------------------------------------------------- department

fn department_view(app: &App, filter: &Filter) -> maud::Markup {
    let snap = app.snapshot();
    let committees = app.committees();
    let last = app
        .last_upload
        .lock()
        .map(|m| m.clone())
        .unwrap_or_default();
    let rows = match &snap {
        Some(s) => view::rows(s, &committees, &last),
        None => Vec::new(),
    };
    pages::department_live(snap.as_deref(), &rows, &committees, filter)
}

async fn department_page(
    State(app): AppState,
    Path(token): Path<String>,
    Query(filter): Query<Filter>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = department(&app, &token) {
        return r;
    }
    let base = match (
        &app.origin,
        headers.get(header::HOST).and_then(|h| h.to_str().ok()),
    ) {
        (Some(o), _) => o.clone(),
        (None, Some(h)) => format!("http://{h}"),
        (None, None) => app.base_url.read().map(|b| b.clone()).unwrap_or_default(),
    };
    let lines = app
        .tokens
        .read()
        .map(|t| t.link_lines(&base).into_iter().skip(1).collect())
        .unwrap_or_default();
    let links = DeptLinks { lines };
    let page = pages::department_page(
        &app.cfg.name,
        &app.csrf(&token),
        &app.runner.status(),
        department_view(&app, &filter),
        &links,
    );
    Html(page.into_string()).into_response()
}

async fn department_fragment(
    State(app): AppState,
    Path(token): Path<String>,
    Query(filter): Query<Filter>,
) -> Response {
    match department(&app, &token) {
        Ok(()) => Html(department_view(&app, &filter).into_string()).into_response(),
        Err(r) => r,
    }
}

async fn department_events(State(app): AppState, Path(token): Path<String>) -> Response {
    match department(&app, &token) {
        Ok(()) => events(app).into_response(),
        Err(r) => r,
    }
}

async fn status_json(State(app): AppState, Path(token): Path<String>) -> Response {
    match department(&app, &token) {
        Ok(()) => axum::Json(app.runner.status()).into_response(),
        Err(r) => r,
    }
}

#[derive(serde::Deserialize)]
struct DownloadQuery {
    path: String,
}

async fn download(
    State(app): AppState,
    Path(token): Path<String>,
    Query(q): Query<DownloadQuery>,
) -> Response {
    if let Err(r) = department(&app, &token) {
        return r;
    }
    let listed = app
        .snapshot()
        .is_some_and(|s| s.report.outputs.iter().any(|o| o.path == q.path));
    if !listed {
        return (StatusCode::NOT_FOUND, "没有这个文件").into_response();
    }
    let bytes = match tokio::fs::read(app.outbox.join(&q.path)).await {
        Ok(b) => b,
        Err(_) => return (StatusCode::NOT_FOUND, "文件已不存在，请重新生成").into_response(),
    };
    let file_name = q.path.rsplit('/').next().unwrap_or("file");
    let disposition = format!(
        "attachment; filename=\"download\"; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(file_name, percent_encoding::NON_ALPHANUMERIC)
    );
    let kind = match q.path.rsplit('.').next().unwrap_or("") {
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

async fn department_upload(
    State(app): AppState,
    Path(token): Path<String>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Err(r) = department(&app, &token) {
        return r;
    }
    if let Err(r) = security::check_post(&app, &headers, &token, None) {
        return r;
    }
    upload::receive(app, "组织部".into(), "组织部".into(), headers, body, client).await
}

#[derive(serde::Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

async fn run(
    State(app): AppState,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(r) = department(&app, &token) {
        return r;
    }
    if let Err(r) = security::check_post(&app, &headers, &token, Some(&form.csrf)) {
        return r;
    }
    app.runner.request(true);
    Redirect::to("./").into_response()
}

async fn add_committee(
    State(app): AppState,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(r) = department(&app, &token) {
        return r;
    }
    if let Err(r) = security::check_post(&app, &headers, &token, Some(&form.csrf)) {
        return r;
    }
    let name = form.name.trim();
    if !super::tokens::valid_committee_name(name) {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(pages::notice("名称无效", "党委名称不能为空，不超过 40 个字。").into_string()),
        )
            .into_response();
    }
    if let Err(e) = app.add_committees([name]) {
        return (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")).into_response();
    }
    let _ = app.runner.events.send(());
    Redirect::to("./").into_response()
}

// ---------------------------------------------------------------- live updates

/// Server-sent events: the run status now, then at every change.
fn events(app: Arc<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = app.runner.events.subscribe();
    let stream = futures_util::stream::unfold((app, rx, true), |(app, mut rx, first)| async move {
        // A lagged receiver still only needs the current status.
        if !first && let Err(tokio::sync::broadcast::error::RecvError::Closed) = rx.recv().await {
            return None;
        }
        let data = serde_json::to_string(&app.runner.status()).unwrap_or_default();
        let event = Event::default().event("run").data(data);
        Some((Ok(event), (app, rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
