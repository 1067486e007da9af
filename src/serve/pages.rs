//! The two pages, rendered on the server (maud escapes every string).

use super::runner::{Snapshot, Status};
use super::view::{self, Filter, Row};
use crate::model::FormKind;
use crate::problem::Problem;
use maud::{DOCTYPE, Markup, html};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

fn layout(title: &str, campaign: &str, heading: &str, csrf: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) }
                link rel="stylesheet" href="../../assets/app.css";
                script src="../../assets/app.js" defer {}
            }
            body data-csrf=(csrf) {
                header.top {
                    div.campaign { (campaign) }
                    h1 { (heading) }
                }
                main { (body) }
                footer { "zhibu · 本页面只在本校服务器上运行，材料不离开学校" }
            }
        }
    }
}

pub fn status_line(s: &Status) -> Markup {
    let (class, text) = match s.state {
        "running" => ("busy", "正在核对全部材料并重新生成文件……".to_string()),
        "queued" => ("busy", "已收到新材料，稍后自动核对全部材料……".to_string()),
        _ => match (&s.error, &s.finished_at) {
            (Some(e), _) => ("failed", format!("上次生成未成功：{e}")),
            (None, Some(t)) => ("idle", format!("全部材料最近核对于 {t}")),
            (None, None) => ("idle", "尚未核对".to_string()),
        },
    };
    html! { div #runstatus .runstatus .(class) data-generation=(s.generation) { (text) } }
}

fn drop_zone(hint: &str) -> Markup {
    html! {
        div.dropzone #dropzone {
            div.big { "把文件拖到这里" }
            div { "或者 " label.pick for="files" { "点击选择文件" } "（可一次选多个）" }
            input #files type="file" multiple
                accept=".doc,.docx,.xls,.xlsx,.et,.wps,.ods,.xlsm";
            div.hint { (hint) }
        }
        ul #uploads .uploads {}
    }
}

fn problem_item(p: &Problem, show_committee: bool) -> Markup {
    let class = p.severity.as_str();
    html! {
        li.problem.(class) {
            span.tag.(class) { (p.severity.zh()) }
            strong { (p.code.zh()) }
            @if show_committee { @if let Some(c) = &p.committee { span.who { (c) } } }
            @if let Some(b) = &p.branch { span.who { (b) } }
            div.where { (p.file) " · " (p.location) }
            div.msg { (p.message) }
        }
    }
}

// ---------------------------------------------------------------- committee

pub fn committee_page(
    campaign: &str,
    name: &str,
    csrf: &str,
    status: &Status,
    live: Markup,
) -> Markup {
    layout(
        &format!("{name} · 材料上传"),
        campaign,
        &format!("{name} · 材料上传"),
        csrf,
        html! {
            section.card {
                h2 { "上传材料" }
                p.hint {
                    "请上传本单位各支部的申请表、汇总表等材料（Word 或 Excel，WPS 保存的也可以）。"
                    "每个文件上传后立即检查，问题显示在文件下方；几秒钟后系统会核对全部材料"
                    "（例如申请是否列入汇总表），结果更新在下方“本单位材料”中。"
                    "改好后重新上传即可，新版本会自动替代旧版本。"
                }
                (drop_zone("支持 .doc .docx .xls .xlsx .et .wps"))
            }
            (status_line(status))
            div #live { (live) }
        },
    )
}

pub fn committee_live(snap: Option<&Snapshot>, name: &str, committees: &[String]) -> Markup {
    let Some(snap) = snap else {
        return html! { section.card { p { "尚未生成，请稍候。" } } };
    };
    let files = view::files_of(snap, name, committees);
    let problems = view::problems_of(snap, name, committees);
    let errors = problems
        .iter()
        .filter(|p| p.severity == crate::problem::Severity::Error)
        .count();
    let warnings = problems
        .iter()
        .filter(|p| p.severity == crate::problem::Severity::Warning)
        .count();
    html! {
        section.card {
            h2 { "本单位材料 " span.count { (files.len()) " 个文件" } }
            @if files.is_empty() {
                p.empty { "尚未收到本单位的材料。" }
            } @else {
                table.files {
                    thead { tr { th { "文件" } th { "类型" } th { "状态" } } }
                    tbody {
                        @for f in &files {
                            tr {
                                td.path { (f.path) }
                                td { (FormKind::zh_of(f.kind)) }
                                td { span.status.(f.status.as_str()) { (f.status.zh()) } }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 {
                "需要处理的问题 "
                span.tag.error { "须修改 " (errors) }
                " "
                span.tag.warning { "请核实 " (warnings) }
            }
            @if problems.is_empty() {
                p.ok { "全部材料核对完毕，未发现问题。" }
            } @else {
                ul.problems { @for p in &problems { (problem_item(p, false)) } }
            }
        }
    }
}

// ---------------------------------------------------------------- department

pub struct DeptLinks {
    pub lines: Vec<(String, String)>,
}

pub fn department_page(
    campaign: &str,
    csrf: &str,
    status: &Status,
    live: Markup,
    links: &DeptLinks,
) -> Markup {
    layout(
        "组织部 · 材料收集情况",
        campaign,
        "组织部 · 材料收集情况",
        csrf,
        html! {
            div.actions {
                (status_line(status))
                form method="post" action="run" {
                    input type="hidden" name="csrf" value=(csrf);
                    button.primary type="submit" { "重新生成" }
                }
            }
            div #live { (live) }
            section.card {
                h2 { "组织部上传（如填好的评审表）" }
                p.hint { "文件保存到收件箱的“组织部”文件夹，随后自动重新生成全部文件。" }
                (drop_zone("评审表放回后，汇总表和立项公示会带上评审等级和核定经费"))
            }
            section.card {
                h2 { "各党委的上传链接" }
                p.hint {
                    "每个链接只发给对应的党委：凭链接即可上传，并只能看到本单位的材料和问题。"
                    "需要作废全部链接时，停止服务后运行 zhibu serve --rotate。"
                }
                table.links {
                    tbody {
                        @for (name, url) in &links.lines {
                            tr { td { (name) } td.url { code { (url) } } }
                        }
                    }
                }
                form.add method="post" action="committees" {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="text" name="name" maxlength="40" required
                        placeholder="党委名称，如：机械工程学院党委";
                    button type="submit" { "添加党委" }
                }
            }
        },
    )
}

pub fn department_live(
    snap: Option<&Snapshot>,
    rows: &[Row],
    committees: &[String],
    filter: &Filter,
) -> Markup {
    let Some(snap) = snap else {
        return html! { section.card { p { "尚未生成，请稍候。" } } };
    };
    let r = &snap.report;
    let count = |s| r.problems.iter().filter(|p| p.severity == s).count();
    let shown: Vec<&Problem> = r.problems.iter().filter(|p| filter.keeps(p)).collect();
    html! {
        section.card.totals {
            div.stat { div.num { (r.files.len()) } div.label { "收到文件" } }
            div.stat { div.num { (r.totals.applications) } div.label { "有效申请（项）" } }
            div.stat { div.num { (crate::normalise::yuan(r.totals.requested_fen)) } div.label { "申请经费合计（元）" } }
            div.stat.error { div.num { (count(crate::problem::Severity::Error)) } div.label { "须修改" } }
            div.stat.warning { div.num { (count(crate::problem::Severity::Warning)) } div.label { "请核实" } }
        }
        section.card {
            h2 { "各党委报送情况" }
            table.committees #committees {
                thead { tr {
                    th { "党委" } th { "文件" } th { "申请表" } th { "汇总表" } th { "共建信息表" }
                    th { "须修改" } th { "请核实" } th { "未报送的支部" } th { "最近上传" }
                } }
                tbody {
                    @for row in rows {
                        tr data-committee=(row.name) {
                            td.name { (row.name) }
                            td.n.files { (row.files) }
                            td.n.apps { (row.applications) }
                            td.n { @if row.summaries == 0 && row.applications > 0 { span.missing { "未交" } } @else { (row.summaries) } }
                            td.n { (row.pairings) }
                            td.n.errors { @if row.errors > 0 { span.tag.error { (row.errors) } } @else { "0" } }
                            td.n.warnings { @if row.warnings > 0 { span.tag.warning { (row.warnings) } } @else { "0" } }
                            td { @if row.not_submitted.is_empty() { "—" } @else { span.missing { (row.not_submitted.join("、")) } } }
                            td { (row.last_upload.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { "问题清单 " span.count { "显示 " (shown.len()) " 条，共 " (r.problems.len()) " 条" } }
            form.filters method="get" action="./" {
                select name="committee" {
                    option value="" { "全部党委" }
                    @for c in committees {
                        option value=(c) selected[filter.committee == *c] { (c) }
                    }
                    option value="-" selected[filter.committee == "-"] { "未归属党委" }
                }
                select name="severity" {
                    option value="" { "全部级别" }
                    @for (v, t) in [("error", "须修改"), ("warning", "请核实"), ("info", "提示")] {
                        option value=(v) selected[filter.severity == v] { (t) }
                    }
                }
                input type="search" name="q" value=(filter.q) placeholder="搜索文件名、支部或问题内容";
                button type="submit" { "筛选" }
            }
            @if shown.is_empty() {
                p.ok { "没有符合条件的问题。" }
            } @else {
                ul.problems #problems { @for p in &shown { (problem_item(p, true)) } }
            }
        }
        section.card {
            h2 { "下载生成的文件 " span.count { "生成于 " (snap.finished) } }
            ul.downloads {
                @for o in &r.outputs {
                    li { a href={ "download?path=" (utf8_percent_encode(&o.path, NON_ALPHANUMERIC)) } download { (o.path) } }
                }
            }
        }
    }
}

/// A small page for the root and for refusals.
pub fn notice(title: &str, text: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head { meta charset="utf-8"; title { (title) } link rel="stylesheet" href="/assets/app.css"; }
            body { main { section.card { h2 { (title) } p { (text) } } } }
        }
    }
}
