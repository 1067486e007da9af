//! The layout zoo's “两在两同” members: members' “四个一” logs and 双月实事清单
//! in the layouts branches really send, each beside the values a correct
//! reader must extract from it (`tests/zoo/member_log/`, `tests/zoo/todo_list/`).
//!
//! Usage: `cargo run --release --example zoo_liangzai` — (re)writes those two
//! folders deterministically; `tests/integration/zoo.rs` checks them with the
//! rest of the zoo (same expected-JSON format as `examples/zoo.rs`).

// Only some of the shared builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/members_support.rs"]
mod support;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use support::*;

fn write(
    root: &Path,
    kind: &str,
    name: &str,
    bytes: &[u8],
    form: Value,
    problems: &[&str],
    note: &str,
) {
    let dir = root.join(kind);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.xlsx")), bytes).unwrap();
    let mut problems = problems.to_vec();
    problems.sort();
    let v = json!({"kind": kind, "form": form, "problems": problems, "note": note});
    let text = serde_json::to_string_pretty(&v).unwrap() + "\n";
    std::fs::write(dir.join(format!("{name}.expected.json")), text).unwrap();
}

/// An expected row-per-activity record: (name, branch, kind index, hours, date, row).
fn act(name: &str, branch: &str, kind: usize, hours: f64, date: &str, row: usize) -> Value {
    let mut kinds = [0; 4];
    kinds[kind] = 1;
    json!({"name": name, "branch": branch, "kinds": kinds, "hours": hours,
           "date": date, "per_member": false, "row": row})
}

/// An expected row-per-member record.
fn member(name: &str, branch: &str, kinds: [u32; 4], hours: Option<f64>, row: usize) -> Value {
    json!({"name": name, "branch": branch, "kinds": kinds, "hours": hours,
           "per_member": true, "row": row})
}

fn n(x: f64) -> C {
    C::N(x)
}

// ───────────────────────────── members' logs ─────────────────────────────

fn member_logs(root: &Path) {
    const K: &str = "member_log";

    // 1. One row per activity, the branch in a 填报单位 line only, hours as
    //    words (`2小时`, `90分钟`, `半天`), dates as text, a 合计 row.
    let mut sh = SheetSpec::new("Sheet1");
    sh.texts(&["化学学院本科生第一党支部党员“四个一”活动登记表（2025年度）"]);
    sh.merges.push((0, 0, 0, 5));
    sh.texts(&[
        "填报单位：化学学院本科生第一党支部",
        "",
        "",
        "",
        "填报人：王芳",
    ]);
    sh.texts(&[
        "序号",
        "姓名",
        "活动类别",
        "活动时间",
        "时长",
        "活动内容及成效",
    ]);
    let rows: &[(&str, &str, &str, &str, &str)] = &[
        (
            "李明",
            "党课授课",
            "2025年3月12日",
            "2小时",
            "为入党积极分子讲授党史",
        ),
        (
            "李明",
            "志愿服务",
            "2025.4.20",
            "90分钟",
            "社区垃圾分类宣传",
        ),
        ("李明", "义务劳动", "2025/5/8", "半天", "校园植树"),
        (
            "李明",
            "新生宿舍结对帮扶",
            "2025年9月15日",
            "3",
            "走访结对新生宿舍",
        ),
        ("周婷", "志愿服务", "2025年10月1日", "4小时", "国庆校园引导"),
    ];
    for (i, (name, kind, date, hours, what)) in rows.iter().enumerate() {
        sh.row(vec![
            n((i + 1) as f64),
            s(name),
            s(kind),
            s(date),
            s(hours),
            s(what),
        ]);
    }
    sh.texts(&["合计", "", "", "", "11.5小时", ""]);
    let b = "化学学院本科生第一党支部";
    write(
        root,
        K,
        "01-activity-rows-unit-line-hours-in-words",
        &workbook(&[sh]),
        json!([
            act("李明", b, 0, 2.0, "2025-03-12", 4),
            act("李明", b, 1, 1.5, "2025-04-20", 5),
            act("李明", b, 2, 4.0, "2025-05-08", 6),
            act("李明", b, 3, 3.0, "2025-09-15", 7),
            act("周婷", b, 1, 4.0, "2025-10-01", 8),
        ]),
        &[],
        "逐条登记；支部只写在“填报单位：”行；时长写成 2小时、90分钟、半天；文字日期三种写法；合计行跳过",
    );

    // 2. One row per activity for a whole committee: branch heading rows
    //    (`材料系教工党支部（2人）`), names merged down over their rows,
    //    Excel dates, a two-row header (时长 over 小时), 小计 rows.
    let mut sh = SheetSpec::new("四个一");
    sh.texts(&["材料学院党员“四个一”登记汇总表"]);
    sh.merges.push((0, 0, 0, 5));
    sh.texts(&[
        "序号",
        "党员姓名",
        "活动类型",
        "日期",
        "活动时长",
        "具体内容",
    ]);
    sh.texts(&["", "", "", "", "（小时）", ""]);
    for c in [0u16, 1, 2, 3, 5] {
        sh.merges.push((1, c, 2, c));
    }
    let mut r = sh.texts(&["材料系教工党支部（2人）"]);
    sh.merges.push((r, 0, r, 5));
    sh.row(vec![
        n(1.0),
        s("陈刚"),
        s("党(团)课授课"),
        C::D(2025, 3, 5),
        n(2.0),
        s("专题党课"),
    ]);
    sh.row(vec![
        n(2.0),
        s(""),
        s("志愿服务"),
        C::D(2025, 6, 1),
        n(6.0),
        s("义务支教"),
    ]);
    sh.merges.push((4, 1, 5, 1));
    sh.row(vec![
        n(3.0),
        s("赵敏"),
        s("义务劳动"),
        C::D(2025, 4, 2),
        n(3.5),
        s("实验室清洁"),
    ]);
    r = sh.texts(&["小计", "", "", "", "11.5", ""]);
    let _ = r;
    r = sh.texts(&["高分子系学生党支部（1人）"]);
    sh.merges.push((r, 0, r, 5));
    sh.row(vec![
        n(4.0),
        s("吴昊"),
        s("宿舍结对帮扶"),
        C::D(2025, 9, 20),
        n(2.0),
        s("新生入学适应"),
    ]);
    sh.texts(&["小计", "", "", "", "2", ""]);
    let (b1, b2) = ("材料系教工党支部", "高分子系学生党支部");
    write(
        root,
        K,
        "02-committee-branch-headings-merged-names",
        &workbook(&[sh]),
        json!([
            act("陈刚", b1, 0, 2.0, "2025-03-05", 5),
            act("陈刚", b1, 1, 6.0, "2025-06-01", 6),
            act("赵敏", b1, 2, 3.5, "2025-04-02", 7),
            act("吴昊", b2, 3, 2.0, "2025-09-20", 10),
        ]),
        &[],
        "一个党委的汇总：支部写在分组标题行（带人数）；两行表头；姓名纵向合并；Excel 日期；小计行跳过",
    );

    // 3. One row per member, a column per kind holding counts written every
    //    way (`1`, `2次`, `√`, dates, blank), a 合计时长 column, a 注 line.
    let mut sh = SheetSpec::new("党员“四个一”完成情况");
    sh.texts(&["经济学院研究生党支部党员“四个一”完成情况统计表"]);
    sh.texts(&[
        "支部：经济学院研究生党支部",
        "",
        "",
        "",
        "",
        "",
        "统计时间：2025年12月",
    ]);
    sh.texts(&[
        "序号",
        "姓名",
        "党（团）课授课",
        "志愿服务",
        "义务劳动",
        "与新生宿舍结对帮扶",
        "总时长（小时）",
    ]);
    sh.row(vec![
        n(1.0),
        s("孙悦"),
        s("1"),
        s("2次"),
        s("√"),
        s("3月5日、4月9日"),
        n(22.0),
    ]);
    sh.row(vec![
        n(2.0),
        s("钱多"),
        s("1次"),
        s("✓"),
        s(""),
        s("1"),
        s("16"),
    ]);
    sh.row(vec![
        n(3.0),
        s("郑和"),
        s("0"),
        s("3"),
        s("1"),
        s("1"),
        s("20小时"),
    ]);
    sh.texts(&["注：各类填写次数，时长为全年合计。"]);
    let b = "经济学院研究生党支部";
    write(
        root,
        K,
        "03-member-rows-counts-every-way",
        &workbook(&[sh]),
        json!([
            member("孙悦", b, [1, 2, 1, 2], Some(22.0), 4),
            member("钱多", b, [1, 1, 0, 1], Some(16.0), 5),
            member("郑和", b, [0, 3, 1, 1], Some(20.0), 6),
        ]),
        &[],
        "一人一行：各类写 1、2次、√、✓、日期列表或空；总时长写数字、文字或带“小时”；注释行跳过；支部在“支部：”行",
    );

    // 4. One row per member with the branch as a column, repeated only on the
    //    first row of each branch (the rest blank, as people fill it), and
    //    an hours column per kind instead of a total.
    let mut sh = SheetSpec::new("登记表");
    sh.texts(&[
        "所在党支部",
        "姓名",
        "党课授课时长",
        "志愿服务时长",
        "义务劳动时长",
        "新生宿舍结对帮扶时长",
    ]);
    sh.row(vec![
        s("外语学院教工党支部"),
        s("林一"),
        n(2.0),
        n(8.0),
        n(4.0),
        n(6.0),
    ]);
    sh.row(vec![s(""), s("林二"), n(2.0), n(0.0), n(4.0), n(3.0)]);
    sh.row(vec![
        s("外语学院学生党支部"),
        s("林三"),
        n(1.5),
        n(10.0),
        n(4.0),
        n(5.0),
    ]);
    let (b1, b2) = ("外语学院教工党支部", "外语学院学生党支部");
    write(
        root,
        K,
        "04-member-rows-hours-per-kind",
        &workbook(&[sh]),
        json!([
            member("林一", b1, [1, 1, 1, 1], Some(20.0), 2),
            member("林二", b1, [1, 0, 1, 1], Some(9.0), 3),
            member("林三", b2, [1, 1, 1, 1], Some(20.5), 4),
        ]),
        &[],
        "一人一行，每类一列时长、没有合计列（相加）；支部只写在每个支部的第一行",
    );

    // 5. The branch only in the sheet name (and an empty Sheet2); the kind
    //    written in the content (no 类型 column); names with a role suffix.
    let mut a = SheetSpec::new("数学系党支部");
    a.texts(&["姓名", "日期", "活动内容", "时长（h）"]);
    a.row(vec![
        s("黄河（书记）"),
        C::D(2025, 5, 4),
        s("志愿服务：运动会裁判"),
        n(5.0),
    ]);
    a.row(vec![
        s("黄河"),
        C::D(2025, 7, 1),
        s("党课授课：学习二十届四中全会精神"),
        n(2.0),
    ]);
    // An empty second sheet, as a new workbook has.
    let b = SheetSpec::new("Sheet2");
    write(
        root,
        K,
        "05-sheet-per-branch-kind-in-content",
        &workbook(&[a, b]),
        json!([
            act("黄河", "数学系党支部", 1, 5.0, "2025-05-04", 2),
            act("黄河", "数学系党支部", 0, 2.0, "2025-07-01", 3),
        ]),
        &[],
        "支部只在工作表名里，另有一张空工作表；没有“类型”列，类型写在内容开头；姓名带“（书记）”",
    );
}

// ───────────────────────────── 实事清单 ─────────────────────────────

/// An expected 实事清单 item.
fn item(
    unit: &str,
    what: &str,
    due: Option<&str>,
    status: Option<&str>,
    done_on: Option<&str>,
    row: usize,
) -> Value {
    json!({"unit": unit, "item": what, "due": due, "status": status, "done_on": done_on, "row": row})
}

fn todo_lists(root: &Path) {
    const K: &str = "todo_list";

    // 1. Period heading rows (`一、1-2月`), 时限 in words (`6月底`, `4月中旬`,
    //    `长期`), statuses in other words (已完成, 进行中, 未开始).
    let mut sh = SheetSpec::new("Sheet1");
    sh.texts(&["土木学院党委2025年“我为群众办实事”双月实事清单"]);
    sh.merges.push((0, 0, 0, 6));
    sh.texts(&[
        "序号",
        "单位",
        "实事项目",
        "责任人",
        "办结时限",
        "完成情况",
        "办结日期",
    ]);
    let mut r = sh.texts(&["一、1-2月"]);
    sh.merges.push((r, 0, r, 6));
    sh.row(vec![
        n(1.0),
        s("土木系党支部"),
        s("更换实验楼饮水机"),
        s("王强"),
        s("2月底"),
        s("已完成"),
        C::D(2025, 2, 20),
    ]);
    r = sh.texts(&["二、3-4月"]);
    sh.merges.push((r, 0, r, 6));
    sh.row(vec![
        n(2.0),
        s("土木系党支部"),
        s("毕业设计答疑周"),
        s("李娜"),
        s("4月中旬"),
        s("进行中"),
        s(""),
    ]);
    sh.row(vec![
        n(3.0),
        s("建筑系党支部"),
        s("图纸打印费用减免"),
        s("张伟"),
        s("长期"),
        s("未开始"),
        s(""),
    ]);
    let (c, a) = ("土木系党支部", "建筑系党支部");
    write(
        root,
        K,
        "01-period-headings-words-for-deadlines",
        &workbook(&[sh]),
        json!([
            item(
                c,
                "更换实验楼饮水机",
                Some("2025-02-28"),
                Some("已办结"),
                Some("2025-02-20"),
                4
            ),
            item(
                c,
                "毕业设计答疑周",
                Some("2025-04-20"),
                Some("推进中"),
                None,
                6
            ),
            item(a, "图纸打印费用减免", None, Some("未启动"), None, 7),
        ]),
        &[],
        "双月分组标题行；时限写 2月底、4月中旬、长期；状态写 已完成、进行中、未开始",
    );

    // 2. No 时限 column: `计划完成时间` is the deadline, `实际完成时间` the
    //    date done; the unit merged down; a 双月 column; no status written
    //    but a date done.
    let mut sh = SheetSpec::new("实事清单");
    sh.texts(&[
        "序号",
        "双月",
        "责任部门",
        "实事内容",
        "牵头人",
        "计划完成时间",
        "实际完成时间",
    ]);
    sh.row(vec![
        n(1.0),
        s("5-6月"),
        s("后勤党支部"),
        s("食堂增设清真窗口"),
        s("马林"),
        C::D(2025, 6, 30),
        C::D(2025, 6, 18),
    ]);
    sh.row(vec![
        n(2.0),
        s("5-6月"),
        s(""),
        s("宿舍楼加装晾衣架"),
        s("马林"),
        C::D(2025, 6, 30),
        s(""),
    ]);
    sh.merges.push((1, 2, 2, 2));
    sh.texts(&["合计", "", "", "2项"]);
    let u = "后勤党支部";
    write(
        root,
        K,
        "02-planned-and-actual-dates-merged-unit",
        &workbook(&[sh]),
        json!([
            item(
                u,
                "食堂增设清真窗口",
                Some("2025-06-30"),
                Some("已办结"),
                Some("2025-06-18"),
                2
            ),
            item(u, "宿舍楼加装晾衣架", Some("2025-06-30"), None, None, 3),
        ]),
        &[],
        "没有“时限”列：计划完成时间即时限，实际完成时间即办结日期；单位纵向合并；没写状态而有办结日期的算办结；合计行跳过",
    );

    // 3. A title, a 填报单位 line naming the unit, no unit column at all,
    //    dates as text with `前`.
    let mut sh = SheetSpec::new("Sheet1");
    sh.texts(&["机关第三党支部双月实事清单（7-8月）"]);
    sh.texts(&["填报单位：机关第三党支部", "", "", "填报时间：2025年7月1日"]);
    sh.texts(&["序号", "实事事项", "责任人", "完成时限", "目前进展"]);
    sh.row(vec![
        n(1.0),
        s("办事大厅延时服务"),
        s("刘洋"),
        s("8月31日前"),
        s("已办结"),
    ]);
    sh.row(vec![
        n(2.0),
        s("老旧电脑更新"),
        s("刘洋"),
        s("2025.8.15"),
        s("推进中"),
    ]);
    let u = "机关第三党支部";
    write(
        root,
        K,
        "03-unit-in-a-line-no-unit-column",
        &workbook(&[sh]),
        json!([
            item(
                u,
                "办事大厅延时服务",
                Some("2025-08-31"),
                Some("已办结"),
                None,
                4
            ),
            item(
                u,
                "老旧电脑更新",
                Some("2025-08-15"),
                Some("推进中"),
                None,
                5
            ),
        ]),
        &[],
        "单位只写在“填报单位：”行；没有办结日期列；时限写“8月31日前”和 2025.8.15",
    );
}

fn main() {
    let root: PathBuf = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/zoo"));
    member_logs(&root);
    todo_lists(&root);
    println!("“两在两同” layouts written to {}", root.display());
}
