//! Stage 2: recognise which form a document is, by its labels, and turn its
//! labels and headers into typed fields. Values that cannot be normalised
//! become problems here (`bad_*`, `unknown_track`); rules live in `check`.

pub mod case;
pub mod kv;
pub mod rows;

use crate::config::{Config, REJECTED_LEVEL};
use crate::ingest::{Cell, Document, Sheet, Table, Value, WordDoc, Workbook};
use crate::labels::{self, FormKind};
use crate::model::*;
use crate::normalise::{self, Choice};
use crate::problem::{Code, Problem};
use crate::vocab::{ACTIVITY_KINDS, FOUR_ONES, PARTNER_BLOCK_HEADS, PARTNER_KIND_WORDS};
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

#[derive(Debug, Default)]
pub struct Extracted {
    pub forms: Vec<Form>,
    pub problems: Vec<Problem>,
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
    let pair = kv::read(doc, labels::PAIRING, PAIR_SUBS);
    let (app_score, pair_score) = (
        signature(&app, APP_SIGNATURE),
        signature(&pair, PAIR_SIGNATURE),
    );
    let mut out = Extracted::default();
    if case::section_count(doc) >= 2 && app_score < 4 {
        let (c, _) = case::read(doc);
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
    }
    out
}

fn workbook(wb: &Workbook, file: &str, cfg: &Config) -> Extracted {
    let mut out = Extracted::default();
    for sheet in &wb.sheets {
        if let Some(form) = sheet_form(sheet, file, cfg, &mut out.problems) {
            out.forms.push(form);
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
    let summary = rows::find_header(sheet, labels::SUMMARY_COLUMNS, 3)
        .filter(|h| h.has("branch") && h.has("title"));
    let activity = rows::find_header(sheet, labels::ACTIVITY_COLUMNS, 3)
        .filter(|h| h.has("date") && (h.has("partner") || h.has("kind")));
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
        if raw.trim().is_empty() {
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
        if raw.trim().is_empty() {
            return None;
        }
        normalise::integer(raw)
            .map_err(|e| self.problem(Code::BadAmount, location, format!("{what}：{e}")))
            .ok()
    }

    fn date(&mut self, raw: &str, what: &str, location: &str) -> Option<chrono::NaiveDate> {
        if raw.trim().is_empty() {
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
        if !raw.trim().is_empty() {
            if let Err(e) = normalise::phone(raw) {
                self.problem(Code::BadPhone, location, format!("联系电话：{e}"));
            }
        }
    }

    fn track(&mut self, raw: &str, location: &str) -> Option<String> {
        if raw.trim().is_empty() {
            return None;
        }
        match normalise::choose(raw, &self.cfg.track_choices()) {
            Ok(i) => Some(self.cfg.tracks[i].name.clone()),
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

fn application(f: &Fields, file: &str, cfg: &Config, problems: &mut Vec<Problem>) -> Application {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
    let (leader, role_in_name) = normalise::person(f.get("leader"));
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
    for row in f.subtables.get("plan").into_iter().flatten() {
        let time = row_text(row, "time");
        let span = normalise::month_span(&time, cfg.year).ok();
        app.plan.push(PlanItem {
            from: span.map(|s| s.0),
            to: span.map(|s| s.1),
            time,
            content: row_text(row, "content"),
            person: row_text(row, "person"),
        });
    }
    // A plan written as free text instead of a table still counts as a plan.
    if app.plan.is_empty() && !f.get("plan").trim().is_empty() && f.get("plan") != SEE_ROWS
    {
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
    finish(n, &app.branch, &app.committee, problems);
    app
}

fn pairing(f: &Fields, file: &str, cfg: &Config, problems: &mut Vec<Problem>) -> Pairing {
    let mut n = Norm {
        file,
        cfg,
        problems: Vec::new(),
    };
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
        p.partners.push(Partner {
            name: row_text(row, "name"),
            kind: partner_kind(&row_text(row, "kind")),
            unit: row_text(row, "unit"),
            person: row_text(row, "person"),
            phone,
            location: row.location.clone(),
        });
    }
    for row in f.subtables.get("plan").into_iter().flatten() {
        let content = row_text(row, "content");
        let kind = four_ones_kind(&row_text(row, "kind")).or_else(|| four_ones_kind(&content));
        p.plan.push(PairingPlan {
            time: row_text(row, "time"),
            kind: kind.map_or_else(|| row_text(row, "kind"), str::to_string),
            content,
        });
    }
    p.locs = f
        .values
        .iter()
        .map(|(k, v)| (*k, v.location.clone()))
        .collect();
    finish(n, &p.branch, &p.committee, problems);
    p
}

/// Normalise a partner kind as written to one of the kinds of
/// [`PARTNER_KIND_WORDS`] where it is clearly one, else keep it as written.
pub fn partner_kind(raw: &str) -> String {
    let k = normalise::compact(raw);
    PARTNER_KIND_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| k.contains(w)))
        .map_or_else(|| raw.trim().to_string(), |(kind, _)| kind.to_string())
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
        .map(|s| normalise::text(s))
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
    let out = rows::data_rows(sheet, h, &["branch", "title"])
        .into_iter()
        .map(|r| {
            let committee =
                non_empty(&r.text("committee")).unwrap_or_else(|| fallback_committee.clone());
            let requested_fen =
                n.money_value(r.value("requested"), "申请经费", &r.cell("requested"));
            SummaryRow {
                committee,
                branch: r.text("branch"),
                title: r.text("title"),
                track: r.text("track"),
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
    let out = rows::data_rows(sheet, h, &["date", "partner", "topic"])
        .into_iter()
        .map(|r| {
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
                branch: r.text("branch"),
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
