//! Stage 2: recognise which form a document is, by its labels, and turn its
//! labels and headers into typed fields. Values that cannot be normalised
//! become problems here (`bad_*`, `unknown_track`); rules live in `check`.

pub mod case;
pub mod kv;
pub mod members;
pub mod rows;
pub mod todo;
pub mod wire;

use crate::config::{Config, REJECTED_LEVEL};
use crate::ingest::{Cell, Document, Sheet, Table, Value, WordDoc, Workbook};
use crate::labels;
use crate::model::FormKind;
use crate::model::*;
use crate::normalise::partner_kind;
use crate::normalise::{self, Choice};
use crate::problem::{Code, Problem};
use crate::vocab::{ACTIVITY_KINDS, FOUR_ONES, PARTNER_BLOCK_HEADS, PARTNER_KINDS};
use kv::{Fields, SEE_ROWS, SubRow, SubTable};

const APP_SUBS: kv::SubTables = &[
    SubTable {
        field: "budget",
        columns: labels::BUDGET_COLUMNS,
        block_heads: &[],
    },
    SubTable {
        field: "plan",
        columns: labels::PLAN_COLUMNS,
        block_heads: &[],
    },
];
const PAIR_SUBS: kv::SubTables = &[
    SubTable {
        field: "partners",
        columns: labels::PARTNER_COLUMNS,
        block_heads: PARTNER_BLOCK_HEADS,
    },
    SubTable {
        field: "plan",
        columns: labels::PAIRING_PLAN_COLUMNS,
        block_heads: &[],
    },
];

/// Fields that tell an application from a pairing table.
const APP_SIGNATURE: &[&str] = &[
    "title",
    "track",
    "requested",
    "goals",
    "outcomes",
    "budget",
    "plan",
    "leader",
];
const PAIR_SIGNATURE: &[&str] = &["secretary", "topic", "partners", "plan"];
/// Fields that tell a 结题报告 from an application.
const CLOSING_SIGNATURE: &[&str] = &["progress", "spent", "results"];

#[derive(Debug, Default)]
pub struct Extracted {
    pub forms: Vec<Form>,
    pub problems: Vec<Problem>,
}

/// What recognition made of one document.
#[derive(Debug)]
pub enum Parsed {
    /// Nothing is written in it.
    Blank,
    Extracted(Extracted),
}

/// A document's forms, or [`Parsed::Blank`] when nothing is written in it.
pub fn recognise(doc: &Document, file: &str, cfg: &Config) -> Parsed {
    if doc.is_blank() {
        Parsed::Blank
    } else {
        Parsed::Extracted(extract(doc, file, cfg))
    }
}

pub fn extract(doc: &Document, file: &str, cfg: &Config) -> Extracted {
    match doc {
        Document::Word(w) => word(w, file, cfg),
        Document::Workbook(wb) => workbook(wb, file, cfg),
    }
}

fn signature(f: &Fields, sig: &[&str]) -> usize {
    sig.iter()
        .filter(|k| f.values.contains_key(*k) || f.subtables.contains_key(*k))
        .count()
}

fn word(doc: &WordDoc, file: &str, cfg: &Config) -> Extracted {
    let app = kv::read(doc, labels::APPLICATION, APP_SUBS);
    let app_score = signature(&app, APP_SIGNATURE);
    let mut out = Extracted::default();
    // More application fields than a 结题报告 (+1) or a pairing table could
    // ever name: an application whatever the other readings would score, so
    // they are not made (each is a whole pass over the tables).
    if app_score > CLOSING_SIGNATURE.len() + 1 && app_score > PAIR_SIGNATURE.len() {
        let form = application(&app, file, cfg, &mut out.problems);
        out.forms.push(Form::Application(Box::new(form)));
        return out;
    }
    let pair = kv::read(doc, labels::PAIRING, PAIR_SUBS);
    let pair_score = signature(&pair, PAIR_SIGNATURE);
    let closing = kv::read(doc, labels::CLOSING_REPORT, &[]);
    let closing_score = signature(&closing, CLOSING_SIGNATURE);
    if closing_score >= 2 && closing_score + 1 >= app_score {
        out.forms.push(Form::ClosingReport(Box::new(closing_report(
            &closing,
            file,
            cfg,
            &mut out.problems,
        ))));
    } else if case::section_count(doc) >= 2 && app_score < 4 {
        let c = case::read(doc);
        out.forms.push(Form::Case(Box::new(c)));
    } else if app_score >= 2 && app_score >= pair_score {
        out.forms.push(Form::Application(Box::new(application(
            &app,
            file,
            cfg,
            &mut out.problems,
        ))));
    } else if pair_score >= 2 {
        out.forms.push(Form::Pairing(Box::new(pairing(
            &pair,
            file,
            cfg,
            &mut out.problems,
        ))));
    } else if let Some(summary) = case::activity_summary(doc) {
        out.forms.push(Form::ActivitySummary(Box::new(summary)));
    }
    out
}

fn workbook(wb: &Workbook, file: &str, cfg: &Config) -> Extracted {
    let mut out = Extracted::default();
    let mut plan_sheets = Vec::new();
    for sheet in &wb.sheets {
        // “两在两同”: a members' “四个一” log, a 双月实事清单.
        if let Some(rows) = members::read(sheet, file, cfg, &mut out.problems) {
            out.forms.push(Form::MemberLog(rows));
            continue;
        }
        if let Some(rows) = todo::read(sheet, file, cfg, &mut out.problems) {
            out.forms.push(Form::TodoList(rows));
            continue;
        }
        if let Some(plan) = plan_sheet(sheet) {
            plan_sheets.extend(plan);
            continue;
        }
        let is_summary = rows::find_header(sheet, labels::SUMMARY_COLUMNS, 3)
            .is_some_and(|h| h.has("branch") && h.has("title"));
        if let Some(pairings) = (!is_summary)
            .then(|| pairing_rows(sheet, file, cfg, &mut out.problems))
            .flatten()
        {
            out.forms
                .extend(pairings.into_iter().map(|p| Form::Pairing(Box::new(p))));
            continue;
        }
        if let Some(form) = sheet_form(sheet, file, cfg, &mut out.problems) {
            out.forms.push(form);
        }
    }
    // A “四个一” plan on a sheet of its own belongs to the workbook's one pairing table.
    let mut pairings = out.forms.iter_mut().filter_map(|f| match f {
        Form::Pairing(p) => Some(p),
        _ => None,
    });
    if let (Some(p), None) = (pairings.next(), pairings.next()) {
        if p.plan.is_empty() {
            p.plan = plan_sheets;
        }
    }
    out
}

/// A sheet that holds only a “四个一” plan (`时间 | 活动类型 | 活动内容`).
fn plan_sheet(sheet: &Sheet) -> Option<Vec<PairingPlan>> {
    let h = rows::find_header(sheet, labels::PAIRING_PLAN_COLUMNS, 2)
        .filter(|h| h.has("kind") || h.has("content"))?;
    let header_cells = sheet.rows[h.row].iter().filter(|v| !v.is_empty()).count();
    let is_activity_log = rows::find_header(sheet, labels::ACTIVITY_COLUMNS, 3)
        .is_some_and(|a| a.has("partner") || a.has("branch"));
    // A plan sheet starts with its header (under at most a title row).
    let rows_above = sheet.rows[..h.row]
        .iter()
        .filter(|r| r.iter().any(|v| !v.is_empty()))
        .count();
    if header_cells > h.columns.len() + 1 || is_activity_log || rows_above > 1 {
        return None;
    }
    Some(
        rows::data_rows(sheet, &h, &["kind", "content"])
            .into_iter()
            .map(|r| plan_item(r.text("time"), &r.text("kind"), r.text("content")))
            .collect(),
    )
}

fn plan_item(time: String, kind_raw: &str, content: String) -> PairingPlan {
    let kind = four_ones_kind(kind_raw).or_else(|| four_ones_kind(&content));
    PairingPlan {
        time,
        kind: kind.map_or_else(|| kind_raw.to_string(), str::to_string),
        content,
    }
}

/// A pairing table laid out in rows, one per partner, with the branch's own
/// columns (often merged down over its partner rows) on the left:
/// `机关党支部名称 | 支部书记 | 联系电话 | 共建主题 | 结对支部名称 | 类型 | … | 联系电话`.
/// A repeated header (联系电话) belongs to the branch before the first partner
/// column and to the partner after it. One pairing table per branch named.
fn pairing_rows(
    sheet: &Sheet,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Pairing>> {
    let (header_row, columns) = sheet
        .rows
        .iter()
        .enumerate()
        .take(20)
        .filter_map(|(r, cells)| {
            let above = r.checked_sub(1).map(|a| &sheet.rows[a]);
            let cols = pairing_columns(cells, above);
            let own = cols.iter().filter(|c| !c.partner).count();
            let partner = cols.iter().filter(|c| c.partner).count();
            let named = cols.iter().any(|c| !c.partner && c.field == "branch")
                && cols.iter().any(|c| c.partner && c.field == "name");
            (named && own >= 2 && partner >= 2).then_some((r, cols))
        })
        .next()?;
    let mut out: Vec<Fields> = Vec::new();
    let mut plan = Vec::new();
    for (r, cells) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        // The rows of the table end at a section below it (`“四个一”计划` and its own header).
        let first_text = cells.iter().find(|v| !v.is_empty()).map(Value::as_text);
        if first_text.is_some_and(|t| labels::field_of(labels::PAIRING, &t).is_some()) {
            let rest = Sheet {
                name: sheet.name.clone(),
                rows: sheet.rows[r..].to_vec(),
            };
            plan = plan_sheet(&rest).unwrap_or_default();
            break;
        }
        let get = |c: usize| {
            cells
                .get(c)
                .filter(|v| !v.is_empty())
                .map(|v| normalise::text(&v.as_text()))
        };
        let first = cells.iter().find(|v| !v.is_empty()).map(|v| v.as_text());
        if first.is_some_and(|t| {
            crate::vocab::NOTE_ROW_WORDS
                .iter()
                .any(|w| normalise::starts_with_compact(&t, w))
        }) {
            break;
        }
        let location = format!("工作表“{}” 第{}行", sheet.name, r + 1);
        let branch = columns
            .iter()
            .find(|c| !c.partner && c.field == "branch")
            .and_then(|c| get(c.col));
        if branch.is_some() || out.is_empty() {
            out.push(Fields::default());
        }
        let Some(fields) = out.last_mut() else {
            continue;
        };
        let mut partner = SubRow {
            location: location.clone(),
            ..SubRow::default()
        };
        for c in &columns {
            let Some(v) = get(c.col) else { continue };
            if c.partner {
                partner.cells.entry(c.field).or_insert(v);
            } else {
                let at = format!(
                    "工作表“{}” {}",
                    sheet.name,
                    crate::ingest::document::a1(r, c.col)
                );
                fields.set(c.field, &v, at);
            }
        }
        if partner.cells.contains_key("name") {
            fields
                .subtables
                .entry("partners")
                .or_default()
                .push(partner);
            fields.set("partners", SEE_ROWS, location);
        }
    }
    let mut pairings: Vec<Pairing> = out
        .iter()
        .filter(|f| !f.get("branch").is_empty())
        .map(|f| pairing(f, file, cfg, problems))
        .collect();
    if let [only] = pairings.as_mut_slice() {
        if only.plan.is_empty() {
            only.plan = plan;
        }
    }
    (!pairings.is_empty()).then_some(pairings)
}

struct PairingColumn {
    col: usize,
    field: &'static str,
    partner: bool,
}

/// The columns of a row-layout pairing header, left to right: a column is
/// the partner's once a partner-only header (or a group heading above it
/// that names 结对/共建) has been passed.
fn pairing_columns(cells: &[Value], above: Option<&Vec<Value>>) -> Vec<PairingColumn> {
    // A group heading row (`本支部信息 | 结对支部信息`), not a title over the whole table.
    let grouped = above.filter(|row| row.iter().filter(|v| !v.is_empty()).count() >= 2);
    let group_from = grouped.and_then(|row| {
        row.iter().position(|v| {
            let t = normalise::compact(&v.as_text());
            (t.contains("结对") || t.contains("共建")) && !t.contains("主题")
        })
    });
    let mut in_partner = false;
    let mut out: Vec<PairingColumn> = Vec::new();
    let width = cells.len().max(above.map_or(0, |a| a.len()));
    for col in 0..width {
        // A header merged down over both header rows stands in the row above.
        let v = match cells.get(col) {
            Some(v) if !v.is_empty() => v,
            _ => match above.and_then(|a| a.get(col)) {
                Some(v) => v,
                None => continue,
            },
        };
        let Value::Text(t) = v else { continue };
        let own =
            labels::column_of(labels::PAIRING, t).filter(|f| *f != "partners" && *f != "plan");
        let theirs = labels::column_of(labels::PARTNER_COLUMNS, t);
        in_partner |= group_from.is_some_and(|g| col >= g) || (theirs.is_some() && own.is_none());
        let (field, partner) = match (own, theirs) {
            (_, Some(f)) if in_partner => (f, true),
            (Some(f), _) => (f, false),
            (None, Some(f)) => (f, true),
            (None, None) => continue,
        };
        if !out.iter().any(|c| c.field == field && c.partner == partner) {
            out.push(PairingColumn {
                col,
                field,
                partner,
            });
        }
    }
    out
}

fn sheet_form(
    sheet: &Sheet,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Option<Form> {
    let review = rows::find_header(sheet, labels::REVIEW_COLUMNS, 3)
        .filter(|h| h.has("level") || h.has("approved"));
    if let Some(h) = review {
        return Some(Form::Review(review_rows(sheet, &h, file, cfg, problems)));
    }
    let articles = rows::find_header(sheet, labels::ARTICLE_COLUMNS, 3)
        .filter(|h| h.has("title") && (h.has("platform") || h.has("level")));
    if let Some(h) = articles {
        return Some(Form::Articles(article_rows(sheet, &h, file, cfg, problems)));
    }
    let summary = rows::find_header(sheet, labels::SUMMARY_COLUMNS, 3)
        .filter(|h| h.has("branch") && h.has("title"));
    let activity = rows::find_header(sheet, labels::ACTIVITY_COLUMNS, 3)
        .filter(|h| h.has("date") && (h.has("partner") || h.has("kind")));
    let roster = rows::find_header(sheet, labels::ROSTER_COLUMNS, 3)
        .filter(|h| h.has("branch") && h.has("committee") && (h.has("kind") || h.has("marks")));
    if let (None, None, Some(h)) = (&summary, &activity, roster) {
        return Some(Form::Roster(roster_rows(sheet, &h)));
    }
    match (summary, activity) {
        (Some(s), Some(a)) if a.columns.len() > s.columns.len() => Some(Form::ActivityLog(
            activity_rows(sheet, &a, file, cfg, problems),
        )),
        (Some(s), _) => Some(Form::Summary(summary_rows(sheet, &s, file, cfg, problems))),
        (None, Some(a)) => Some(Form::ActivityLog(activity_rows(
            sheet, &a, file, cfg, problems,
        ))),
        (None, None) => {
            // A key–value form laid out in a sheet.
            let doc = WordDoc {
                blocks: vec![crate::ingest::Block::Table(sheet_as_table(sheet))],
            };
            let mut ex = word(&doc, file, cfg);
            problems.append(&mut ex.problems);
            ex.forms.pop()
        }
    }
}

fn sheet_as_table(sheet: &Sheet) -> Table {
    Table {
        rows: sheet
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(c, v)| Cell {
                        text: v.as_text(),
                        col: c,
                        span: 1,
                        ..Cell::default()
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Collects problems of one form while its fields are normalised.
struct Norm<'a> {
    file: &'a str,
    cfg: &'a Config,
    problems: Vec<Problem>,
}

impl Norm<'_> {
    fn problem(&mut self, code: Code, location: &str, message: String) {
        self.problems
            .push(Problem::new(code, self.file, location, message));
    }

    fn money(&mut self, raw: &str, what: &str, location: &str) -> Option<i64> {
        if normalise::is_placeholder(raw) {
            return None;
        }
        normalise::money(raw)
            .map_err(|e| self.problem(Code::BadAmount, location, format!("{what}：{e}")))
            .ok()
    }

    fn money_value(&mut self, v: &Value, what: &str, location: &str) -> Option<i64> {
        match v {
            Value::Number(n) => normalise::money_from_number(*n)
                .map_err(|e| self.problem(Code::BadAmount, location, format!("{what}：{e}")))
                .ok(),
            other => self.money(&other.as_text(), what, location),
        }
    }

    fn integer(&mut self, raw: &str, what: &str, location: &str) -> Option<i64> {
        if normalise::is_placeholder(raw) {
            return None;
        }
        normalise::integer(raw)
            .map_err(|e| self.problem(Code::BadAmount, location, format!("{what}：{e}")))
            .ok()
    }

    fn date(&mut self, raw: &str, what: &str, location: &str) -> Option<chrono::NaiveDate> {
        if normalise::is_placeholder(raw) {
            return None;
        }
        normalise::date(raw, self.cfg.year)
            .map_err(|e| self.problem(Code::BadDate, location, format!("{what}：{e}")))
            .ok()
    }

    fn date_value(&mut self, v: &Value, what: &str, location: &str) -> Option<chrono::NaiveDate> {
        match v {
            Value::Date(d) => Some(*d),
            Value::Number(n) => {
                normalise::excel_serial_date(*n).or_else(|| self.date(&v.as_text(), what, location))
            }
            other => self.date(&other.as_text(), what, location),
        }
    }

    fn phone(&mut self, raw: &str, location: &str) {
        if !normalise::is_placeholder(raw) {
            if let Err(e) = normalise::phone(raw) {
                self.problem(Code::BadPhone, location, format!("联系电话：{e}"));
            }
        }
    }

    fn track(&mut self, raw: &str, location: &str) -> Option<String> {
        if raw.trim().is_empty() || self.cfg.tracks.is_empty() {
            return None;
        }
        match normalise::choose(raw, &self.cfg.track_choices()) {
            Ok(i) => Some(self.cfg.tracks[i].name.clone()),
            // Themes listed with “等”: another theme stands as written.
            Err(_) if self.cfg.tracks_open => Some(normalise::text(raw)),
            Err(nearest) => {
                let all: Vec<&str> = self.cfg.tracks.iter().map(|t| t.name.as_str()).collect();
                let hint = nearest.map_or(String::new(), |n| format!("，最接近的是“{n}”"));
                self.problem(
                    Code::UnknownTrack,
                    location,
                    format!(
                        "申报板块“{}”不是本次活动的板块{hint}；可选板块：{}",
                        raw.trim(),
                        all.join("、")
                    ),
                );
                None
            }
        }
    }
}

fn text(f: &Fields, field: &str) -> String {
    normalise::text(f.get(field))
}

/// Long-text fields: never read as printed options.
const LONG_TEXT: &[&str] = &[
    "background",
    "goals",
    "outcomes",
    "features",
    "opinion",
    "topic",
    "plan",
    "budget",
    "partners",
];

/// Values printed as options (`☑学生 □教工`) replaced by the option marked;
/// two marked where one is allowed is a problem and leaves the field empty.
fn resolve_options(f: &Fields, n: &mut Norm) -> Fields {
    let mut out = f.clone();
    for (field, found) in out.values.iter_mut() {
        if normalise::is_placeholder(&found.value) {
            found.value.clear();
            continue;
        }
        if LONG_TEXT.contains(field) || found.value.chars().count() > 80 {
            continue;
        }
        let Some(marked) = normalise::printed_options(&found.value) else {
            continue;
        };
        if marked.len() > 1 {
            n.problem(
                Code::AmbiguousChoice,
                &found.location,
                format!("勾选了多项（{}），只能选一项", marked.join("、")),
            );
            found.value.clear();
        } else {
            found.value = marked.into_iter().next().unwrap_or_default();
        }
    }
    out
}

fn application(f: &Fields, file: &str, cfg: &Config, problems: &mut Vec<Problem>) -> Application {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    let f = &resolve_options(f, &mut n);
    let (mut leader, role_in_name) = normalise::person(f.get("leader"));
    let mut leader_loc = None;
    if leader.is_empty() && cfg.leader_is_secretary {
        leader = normalise::person(f.get("secretary")).0;
        leader_loc = (!leader.is_empty()).then(|| f.loc("secretary"));
    }
    let mut app = Application {
        branch: text(f, "branch"),
        committee: text(f, "committee"),
        track_raw: text(f, "track"),
        requested_raw: text(f, "requested"),
        title: text(f, "title"),
        leader,
        leader_role: non_empty(&text(f, "leader_role"))
            .or(role_in_name)
            .unwrap_or_default(),
        phone: text(f, "phone"),
        email: text(f, "email"),
        advisor: normalise::person(f.get("advisor")).0,
        background: f.get("background").trim().to_string(),
        goals: f.get("goals").trim().to_string(),
        outcomes: f.get("outcomes").trim().to_string(),
        roadmap: f.get("roadmap").trim().to_string(),
        features: f.get("features").trim().to_string(),
        opinion: f.get("opinion").trim().to_string(),
        ..Application::default()
    };
    app.branch_kind =
        BranchKind::from_text(f.get("branch_kind")).or_else(|| BranchKind::from_text(&app.branch));
    app.members = n.integer(f.get("members"), "党员人数", &f.loc("members"));
    app.track = n.track(f.get("track"), &f.loc("track"));
    app.requested_fen = n.money(f.get("requested"), "申请经费", &f.loc("requested"));
    n.phone(f.get("phone"), &f.loc("phone"));
    if !app.email.is_empty() {
        if let Err(e) = normalise::email(&app.email) {
            n.problem(Code::BadEmail, &f.loc("email"), format!("电子邮箱：{e}"));
        }
    }
    app.filled_on = n.date(f.get("filled_on"), "填表日期", &f.loc("filled_on"));
    for row in f.subtables.get("budget").into_iter().flatten() {
        let item = row_text(row, "item");
        if item.is_empty() && row_text(row, "amount").is_empty() {
            continue;
        }
        let amount = n.money(
            &row_text(row, "amount"),
            &format!("预算明细“{item}”的金额"),
            &row.location,
        );
        app.budget.push(BudgetItem {
            item,
            amount_fen: amount,
            note: row_text(row, "note"),
        });
    }
    if let Some(total) = f.totals.get("budget") {
        app.budget_total_fen = n.money(
            &row_text(total, "amount"),
            "经费预算明细的合计",
            &total.location,
        );
    }
    // No 申请经费 of its own: the budget's total is what the branch asks for.
    if app.requested_raw.is_empty() && !app.budget.is_empty() {
        let items: Option<i64> = app.budget.iter().map(|b| b.amount_fen).sum();
        app.requested_fen = app.budget_total_fen.or(items);
        if app.requested_fen.is_some() {
            app.requested_raw = "（经费预算明细合计）".into();
        }
    }
    for row in f.subtables.get("plan").into_iter().flatten() {
        let time = row_text(row, "time");
        if time.is_empty() && row_text(row, "content").is_empty() {
            continue;
        }
        let span = normalise::month_span(&time, cfg.year).ok();
        app.plan.push(PlanItem {
            from: span.map(|s| s.0),
            to: span.map(|s| s.1),
            time,
            content: row_text(row, "content"),
            person: row_text(row, "person"),
        });
    }
    // One box for the 时间表 and the 路线图 gives both.
    let both = f.get("schedule_roadmap").trim();
    if !both.is_empty() {
        if app.roadmap.is_empty() {
            app.roadmap = both.to_string();
        }
        if app.plan.is_empty() && f.get("plan").trim().is_empty() {
            app.plan.push(PlanItem {
                time: String::new(),
                from: None,
                to: None,
                content: both.to_string(),
                person: String::new(),
            });
        }
    }
    // A plan written as free text instead of a table still counts as a plan.
    if app.plan.is_empty() && !f.get("plan").trim().is_empty() && f.get("plan") != SEE_ROWS {
        app.plan.push(PlanItem {
            time: String::new(),
            from: None,
            to: None,
            content: f.get("plan").trim().into(),
            person: String::new(),
        });
    }
    app.locs = f
        .values
        .iter()
        .map(|(k, v)| (*k, v.location.clone()))
        .collect();
    if let Some(loc) = leader_loc {
        app.locs.insert("leader", loc);
    }
    finish(n, &app.branch, &app.committee, problems);
    app
}

fn pairing(f: &Fields, file: &str, cfg: &Config, problems: &mut Vec<Problem>) -> Pairing {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    let f = &resolve_options(f, &mut n);
    let mut p = Pairing {
        branch: text(f, "branch"),
        committee: non_empty(&text(f, "committee")).unwrap_or_else(|| "机关党委".into()),
        secretary: normalise::person(f.get("secretary")).0,
        contact: text(f, "contact"),
        phone: text(f, "phone"),
        topic: f.get("topic").trim().to_string(),
        ..Pairing::default()
    };
    n.phone(f.get("phone"), &f.loc("phone"));
    p.filled_on = n.date(f.get("filled_on"), "填报日期", &f.loc("filled_on"));
    for row in f.subtables.get("partners").into_iter().flatten() {
        let phone = row_text(row, "phone");
        n.phone(&phone, &row.location);
        let written = row_text(row, "kind");
        // No kind written: the name or unit often says it (`惠山社区党委第三支部`).
        let kind = if written.is_empty() {
            let guess = partner_kind(&format!(
                "{}{}",
                row_text(row, "unit"),
                row_text(row, "name")
            ));
            if PARTNER_KINDS.iter().any(|(k, _, _)| *k == guess) {
                guess
            } else {
                String::new()
            }
        } else {
            partner_kind(&written)
        };
        p.partners.push(Partner {
            name: row_text(row, "name"),
            kind,
            unit: row_text(row, "unit"),
            person: row_text(row, "person"),
            phone,
            location: row.location.clone(),
        });
    }
    for row in f.subtables.get("plan").into_iter().flatten() {
        p.plan.push(plan_item(
            row_text(row, "time"),
            &row_text(row, "kind"),
            row_text(row, "content"),
        ));
    }
    p.locs = f
        .values
        .iter()
        .map(|(k, v)| (*k, v.location.clone()))
        .collect();
    finish(n, &p.branch, &p.committee, problems);
    p
}

fn closing_report(
    f: &Fields,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> ClosingReport {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    let f = &resolve_options(f, &mut n);
    let r = ClosingReport {
        title: text(f, "title"),
        branch: text(f, "branch"),
        committee: text(f, "committee"),
        progress: f.get("progress").trim().to_string(),
        spent_fen: n.money(f.get("spent"), "已使用经费", &f.loc("spent")),
        results: f.get("results").trim().to_string(),
        filled_on: n.date(f.get("filled_on"), "填表日期", &f.loc("filled_on")),
        locs: f
            .values
            .iter()
            .map(|(k, v)| (*k, v.location.clone()))
            .collect(),
    };
    finish(n, &r.branch, &r.committee, problems);
    r
}

pub fn four_ones_kind(s: &str) -> Option<&'static str> {
    let k = normalise::compact(s);
    // Exact kind names first, so `党课学习` is 党课 only if nothing closer matches.
    FOUR_ONES
        .iter()
        .find(|(name, _)| k.contains(name))
        .or_else(|| {
            FOUR_ONES
                .iter()
                .find(|(_, words)| words.iter().any(|w| k.contains(w)))
        })
        .map(|(name, _)| *name)
}

fn row_text(row: &SubRow, field: &str) -> String {
    row.cells
        .get(field)
        .filter(|s| !normalise::is_placeholder(s))
        .map(|s| match normalise::printed_options(s) {
            Some(marked) => marked.join("、"),
            None => normalise::text(s),
        })
        .unwrap_or_default()
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

fn finish(n: Norm, branch: &str, committee: &str, problems: &mut Vec<Problem>) {
    problems.extend(n.problems.into_iter().map(|p| p.about(branch, committee)));
}

fn summary_rows(
    sheet: &Sheet,
    h: &rows::Header,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Vec<SummaryRow> {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    let fallback_committee = committee_from_preamble(&rows::preamble(sheet, h));
    // A committee column merged down over its rows is written only in the first.
    let mut above = fallback_committee.clone();
    let choices = cfg.track_choices();
    let out = rows::data_rows(sheet, h, &["branch", "title"])
        .into_iter()
        .map(|r| {
            let committee = non_empty(&r.text("committee")).unwrap_or_else(|| above.clone());
            above = committee.clone();
            let track_raw = r.text("track");
            let track = normalise::choose(&track_raw, &choices)
                .map_or(track_raw, |i| cfg.tracks[i].name.clone());
            let requested_fen =
                n.money_value(r.value("requested"), "申请经费", &r.cell("requested"));
            SummaryRow {
                committee,
                branch: r.text("branch"),
                title: r.text("title"),
                track,
                leader: normalise::person(&r.text("leader")).0,
                requested_fen,
                sheet: sheet.name.clone(),
                row: r.row + 1,
            }
        })
        .collect();
    problems.append(&mut n.problems);
    out
}

/// `填报单位：机械工程学院党委 联系人：…` or a title `机械工程学院…汇总表` → the committee.
fn committee_from_preamble(pre: &str) -> String {
    let mut f = Fields::default();
    kv::read_inline_pairs(
        pre,
        &[(
            "unit",
            &["填报单位", "报送单位", "单位", "学院", "填报党委"],
        )],
        &mut f,
        "",
    );
    if let Some(unit) = non_empty(f.get("unit")) {
        return unit;
    }
    let title = normalise::compact(pre);
    ["学院党委", "党委", "学院"]
        .iter()
        .find_map(|w| title.find(w).map(|i| title[..i + w.len()].to_string()))
        .unwrap_or_default()
}

fn activity_rows(
    sheet: &Sheet,
    h: &rows::Header,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Vec<Activity> {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    // A branch (or committee) merged down over its rows is written only in the first.
    let mut above = (String::new(), String::new());
    let out = rows::data_rows(sheet, h, &["date", "partner", "topic"])
        .into_iter()
        .map(|r| {
            let branch = non_empty(&r.text("branch")).unwrap_or_else(|| above.0.clone());
            let committee = non_empty(&r.text("committee")).unwrap_or_else(|| above.1.clone());
            above = (branch.clone(), committee.clone());
            let date = n.date_value(r.value("date"), "活动日期", &r.cell("date"));
            let participants =
                n.integer(&r.text("participants"), "参加人数", &r.cell("participants"));
            let kind_raw = r.text("kind");
            let kind = ACTIVITY_KINDS
                .iter()
                .find(|k| normalise::compact(&kind_raw).contains(*k))
                .map_or_else(
                    || four_ones_kind(&kind_raw).map_or(kind_raw.clone(), str::to_string),
                    |k| k.to_string(),
                );
            Activity {
                date,
                branch,
                committee,
                partner: r.text("partner"),
                partner_kind: partner_kind(&r.text("partner_kind")),
                kind,
                topic: r.text("topic"),
                participants,
                place: r.text("place"),
                effect: r.text("effect"),
                sheet: sheet.name.clone(),
                row: r.row + 1,
            }
        })
        .collect();
    problems.append(&mut n.problems);
    out
}

fn roster_rows(sheet: &Sheet, h: &rows::Header) -> Vec<RosterRow> {
    // A committee merged down over its branches is written only in the first row.
    let mut above = String::new();
    rows::data_rows(sheet, h, &["branch"])
        .into_iter()
        .map(|r| {
            let committee = non_empty(&r.text("committee")).unwrap_or_else(|| above.clone());
            above = committee.clone();
            let branch = r.text("branch");
            RosterRow {
                kind: BranchKind::from_text(&r.text("kind"))
                    .or_else(|| BranchKind::from_text(&branch)),
                committee,
                branch,
                secretary: normalise::person(&r.text("secretary")).0,
                marks: r.text("marks"),
                sheet: sheet.name.clone(),
                row: r.row + 1,
            }
        })
        .collect()
}

fn article_rows(
    sheet: &Sheet,
    h: &rows::Header,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Vec<Article> {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    let mut above = String::new();
    let out = rows::data_rows(sheet, h, &["title"])
        .into_iter()
        .map(|r| {
            let branch = non_empty(&r.text("branch")).unwrap_or_else(|| above.clone());
            above = branch.clone();
            Article {
                branch,
                title: r.text("title"),
                platform: r.text("platform"),
                level: r.text("level"),
                date: n.date_value(r.value("date"), "发布日期", &r.cell("date")),
                link: r.text("link"),
                sheet: sheet.name.clone(),
                row: r.row + 1,
            }
        })
        .collect();
    problems.append(&mut n.problems);
    out
}

fn review_rows(
    sheet: &Sheet,
    h: &rows::Header,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Vec<ReviewRow> {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    let mut levels: Vec<String> = cfg.levels.iter().map(|l| l.name.clone()).collect();
    levels.push(REJECTED_LEVEL.to_string());
    let no_aliases: Vec<String> = Vec::new();
    let choices: Vec<Choice> = levels
        .iter()
        .map(|l| Choice {
            name: l,
            aliases: &no_aliases,
        })
        .collect();
    let out = rows::data_rows(sheet, h, &["branch", "title"])
        .into_iter()
        .map(|r| {
            let raw = r.text("level");
            let level = if raw.is_empty() {
                None
            } else {
                match normalise::choose(&raw, &choices) {
                    Ok(i) => Some(levels[i].clone()),
                    Err(_) => {
                        n.problem(
                            Code::Unmatched,
                            &r.cell("level"),
                            format!("评审等级“{raw}”不是 {} 之一", levels.join("、")),
                        );
                        None
                    }
                }
            };
            ReviewRow {
                committee: r.text("committee"),
                branch: r.text("branch"),
                title: r.text("title"),
                level,
                approved_fen: n.money_value(r.value("approved"), "核定经费", &r.cell("approved")),
                comment: r.text("comment"),
                sheet: sheet.name.clone(),
                row: r.row + 1,
            }
        })
        .collect();
    problems.append(&mut n.problems);
    out
}

/// The kind of the first form of a file, for the report.
pub fn kind_of(forms: &[Form]) -> Option<FormKind> {
    forms.first().map(Form::kind)
}
