//! Per-form rules: what one form must say, whatever the other files say
//! (FORMS.md §1.2 application, §1.1 pairing, §1.4 case).

use super::{missing_location, p};
use crate::config::Config;
use crate::labels::{APPLICATION, canonical};
use crate::model::*;
use crate::normalise::yuan;
use crate::problem::{Code, Problem};
use crate::vocab::FOUR_ONES;

/// The per-form rules of an application (FORMS.md §1.2).
pub fn application(app: &Application, file: &str, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    let loc = |f: &str| missing_location(app.locs.get(f), canonical(APPLICATION, f));
    let required: [(&str, bool); 10] = [
        ("branch", app.branch.is_empty()),
        ("committee", app.committee.is_empty()),
        (
            "track",
            app.track_raw.is_empty() && !cfg.tracks.is_empty() && !cfg.tracks_open,
        ),
        ("title", app.title.is_empty()),
        ("leader", app.leader.is_empty()),
        ("phone", app.phone.is_empty()),
        (
            "requested",
            app.requested_raw.trim().is_empty() && cfg.money_required(),
        ),
        ("goals", app.goals.is_empty()),
        ("plan", app.plan.is_empty()),
        ("outcomes", app.outcomes.is_empty()),
    ];
    for (field, empty) in required {
        if empty {
            let label = canonical(APPLICATION, field);
            out.push(p(
                Code::MissingField,
                file,
                &loc(field),
                format!("必填项“{label}”未填写"),
            ));
        }
    }
    if cfg.roadmap_required && app.roadmap.is_empty() {
        out.push(p(
            Code::MissingField,
            file,
            &loc("roadmap"),
            "必填项“路线图”未填写（书记项目须排出“时间表”和“路线图”）".into(),
        ));
    }
    if cfg.advisor_required
        && app.branch_kind == Some(BranchKind::Student)
        && app.advisor.is_empty()
    {
        out.push(p(
            Code::MissingAdvisor,
            file,
            &loc("advisor"),
            "学生党支部申报项目须填写指导老师".into(),
        ));
    }
    if let Some(fen) = app.requested_fen {
        if let Some(cap) = cfg.highest_cap_fen().filter(|cap| fen > *cap) {
            out.push(p(
                Code::OverCap,
                file,
                &loc("requested"),
                format!(
                    "申请经费 {} 元，超过本次活动的最高额度 {} 元",
                    yuan(fen),
                    yuan(cap)
                ),
            ));
        }
        if let Some(message) = budget_disagreement(app, fen) {
            out.push(p(Code::BudgetMismatch, file, &loc("budget"), message));
        }
    }
    if let (Some(d), Some(deadline)) = (app.filled_on, cfg.deadlines.application) {
        if d > deadline {
            out.push(p(
                Code::Late,
                file,
                &loc("filled_on"),
                format!("填表日期 {d} 晚于截止日期 {deadline}"),
            ));
        }
    }
    if !app.leader_role.is_empty() && !app.leader_role.contains("书记") {
        out.push(p(
            Code::LeaderRole,
            file,
            &loc("leader_role"),
            format!(
                "项目负责人职务为“{}”，应由支部书记或副书记担任",
                app.leader_role
            ),
        ));
    }
    if let Some(m) = app.members {
        if m < cfg.min_members {
            out.push(p(
                Code::MembersTooFew,
                file,
                &loc("members"),
                format!("党员人数 {m} 人，少于 {} 人", cfg.min_members),
            ));
        }
    }
    let title_len = app.title.chars().count();
    if title_len > cfg.title_max_chars {
        out.push(p(
            Code::TitleTooLong,
            file,
            &loc("title"),
            format!("项目名称 {title_len} 个字，超过 {} 字", cfg.title_max_chars),
        ));
    }
    out.into_iter()
        .map(|x| x.about(&app.branch, &app.committee))
        .collect()
}

/// The budget's items, its own 合计 row and 申请经费 must agree; the message
/// gives every number the form states.
fn budget_disagreement(app: &Application, requested: i64) -> Option<String> {
    let items: Option<i64> = if app.budget.is_empty() {
        None
    } else {
        app.budget.iter().map(|b| b.amount_fen).sum()
    };
    let total = app.budget_total_fen;
    let stated: Vec<i64> = [items, total, Some(requested)]
        .into_iter()
        .flatten()
        .collect();
    if stated.len() < 2 || stated.iter().all(|x| *x == requested) {
        return None;
    }
    let req = yuan(requested);
    Some(match (items, total) {
        (Some(i), Some(t)) if i != t => format!(
            "经费预算明细各项之和 {} 元，表中“合计” {} 元，申请经费 {req} 元，三者应当一致",
            yuan(i),
            yuan(t)
        ),
        (Some(sum), _) | (None, Some(sum)) => {
            format!(
                "经费预算明细合计 {} 元，与申请经费 {req} 元不一致",
                yuan(sum)
            )
        }
        (None, None) => return None,
    })
}

/// The rules of a pairing table (FORMS.md §1.1).
pub fn pairing(pair: &Pairing, file: &str, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    let loc = |f: &str| missing_location(pair.locs.get(f), f);
    if let (Some(d), Some(deadline)) = (pair.filled_on, cfg.deadlines.pairing) {
        if d > deadline {
            out.push(p(
                Code::Late,
                file,
                &loc("filled_on"),
                format!("填报日期 {d} 晚于截止日期 {deadline}"),
            ));
        }
    }
    for (field, label, empty) in [
        ("branch", "机关党支部名称", pair.branch.is_empty()),
        ("secretary", "支部书记", pair.secretary.is_empty()),
        ("phone", "联系电话", pair.phone.is_empty()),
        ("topic", "共建主题", pair.topic.is_empty()),
    ] {
        if empty {
            out.push(p(
                Code::MissingField,
                file,
                &missing_location(pair.locs.get(field), label),
                format!("必填项“{label}”未填写"),
            ));
        }
    }
    let college = pair
        .partners
        .iter()
        .filter(|x| x.kind.contains("教师党支部"))
        .count();
    let external = pair
        .partners
        .iter()
        .filter(|x| x.kind == "校外党支部")
        .count();
    if !(1..=2).contains(&college) || external != 1 {
        out.push(p(
            Code::PartnerRule,
            file,
            &loc("partners"),
            format!("结对支部应为 1–2 个学院教师党支部加 1 个校外党支部，实际学院教师党支部 {college} 个、校外党支部 {external} 个"),
        ));
    }
    let missing: Vec<&str> = FOUR_ONES
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !pair.plan.iter().any(|x| x.kind == *k))
        .collect();
    if !missing.is_empty() {
        out.push(p(
            Code::FourOnesIncomplete,
            file,
            &loc("plan"),
            format!("“四个一”计划缺少：{}", missing.join("、")),
        ));
    }
    out.into_iter()
        .map(|x| x.about(&pair.branch, &pair.committee))
        .collect()
}

/// The rules of a case write-up (FORMS.md §1.4).
pub fn case(c: &Case, file: &str, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    for (key, labels) in crate::labels::CASE_SECTIONS {
        if !c.sections.iter().any(|s| s.key == *key) {
            out.push(p(
                Code::CaseMissingSection,
                file,
                "正文",
                format!("缺少“{}”部分", labels[0]),
            ));
        }
    }
    if c.chars > cfg.case_max_chars {
        out.push(p(
            Code::CaseTooLong,
            file,
            "正文",
            format!(
                "案例正文 {} 字，超过 {} 字的限制",
                c.chars, cfg.case_max_chars
            ),
        ));
    }
    if c.title.is_empty() {
        out.push(p(
            Code::MissingField,
            file,
            "正文开头",
            "案例缺少标题".into(),
        ));
    }
    out.into_iter()
        .map(|x| x.about(&c.branch, &c.committee))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        let mut cfg = Config::preset("duibiao").unwrap();
        cfg.min_members = 3;
        cfg.title_max_chars = 40;
        cfg.deadlines.application = None;
        cfg
    }

    /// An application that breaks no rule of `cfg()`.
    fn clean(cfg: &Config) -> Application {
        Application {
            branch: "机械本科第一党支部".into(),
            committee: "机械工程学院党委".into(),
            branch_kind: Some(BranchKind::Student),
            members: Some(12),
            track_raw: cfg
                .tracks
                .first()
                .map(|t| t.name.clone())
                .unwrap_or_default(),
            title: "红色引擎".into(),
            leader: "张三".into(),
            leader_role: "支部书记".into(),
            phone: "13800000000".into(),
            advisor: "李老师".into(),
            requested_fen: Some(100_000),
            requested_raw: "1000".into(),
            budget: vec![BudgetItem {
                item: "资料费".into(),
                amount_fen: Some(100_000),
                note: String::new(),
            }],
            goals: "目标".into(),
            outcomes: "成果".into(),
            plan: vec![PlanItem {
                time: "10月".into(),
                from: None,
                to: None,
                content: "学习".into(),
                person: "张三".into(),
            }],
            ..Application::default()
        }
    }

    fn codes(app: &Application, cfg: &Config) -> Vec<Code> {
        application(app, "a.docx", cfg)
            .iter()
            .map(|p| p.code)
            .collect()
    }

    #[test]
    fn a_clean_application_has_no_problem() {
        let cfg = cfg();
        assert_eq!(codes(&clean(&cfg), &cfg), []);
    }

    #[test]
    fn thresholds_come_from_the_config_and_hold_at_the_boundary() {
        let cfg = cfg();
        let cases: &[(&str, Box<dyn Fn(&mut Application)>, &[Code])] = &[
            ("3 members", Box::new(|a| a.members = Some(3)), &[]),
            (
                "2 members",
                Box::new(|a| a.members = Some(2)),
                &[Code::MembersTooFew],
            ),
            ("40 chars", Box::new(|a| a.title = "题".repeat(40)), &[]),
            (
                "41 chars",
                Box::new(|a| a.title = "题".repeat(41)),
                &[Code::TitleTooLong],
            ),
            ("副书记", Box::new(|a| a.leader_role = "副书记".into()), &[]),
            (
                "组织委员",
                Box::new(|a| a.leader_role = "组织委员".into()),
                &[Code::LeaderRole],
            ),
            (
                "no advisor",
                Box::new(|a| a.advisor.clear()),
                &[Code::MissingAdvisor],
            ),
            (
                "teachers need no advisor",
                Box::new(|a| {
                    a.advisor.clear();
                    a.branch_kind = Some(BranchKind::Staff);
                }),
                &[],
            ),
            (
                "no goals",
                Box::new(|a| a.goals.clear()),
                &[Code::MissingField],
            ),
        ];
        for (what, change, want) in cases {
            let mut app = clean(&cfg);
            change(&mut app);
            assert_eq!(&codes(&app, &cfg), want, "{what}");
        }
        let mut looser = cfg.clone();
        looser.min_members = 2;
        let mut app = clean(&looser);
        app.members = Some(2);
        assert_eq!(codes(&app, &looser), [], "min_members = 2");
    }

    #[test]
    fn budget_mismatch_names_every_number_the_form_states() {
        let cfg = cfg();
        let mut app = clean(&cfg);
        app.budget_total_fen = Some(120_000);
        let p = application(&app, "a.docx", &cfg);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].code, Code::BudgetMismatch);
        assert_eq!(
            p[0].message,
            "经费预算明细各项之和 1,000 元，表中“合计” 1,200 元，申请经费 1,000 元，三者应当一致"
        );
        // The 合计 row agreeing with the items and the request: no problem.
        app.budget_total_fen = Some(100_000);
        assert_eq!(codes(&app, &cfg), []);
    }
}
