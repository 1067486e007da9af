//! Normalisation of what people type into forms (FORMS.md §2): text, labels,
//! money, integers, dates, phones, e-mails, persons and choices from a list.
//!
//! Every parser takes the raw text and returns the typed value, or an `Err`
//! with a short Chinese description of what was expected.

use crate::vocab::{
    APPROXIMATE_WORDS, CHECKED_MARKS, COMMITTEE_PREFIXES, COMMITTEE_SUFFIXES, PARTNER_KINDS,
    PHONE_SEPARATORS, PLACEHOLDER_WORDS, STAT_PARTNER_KIND_DEFAULT, UNCHECKED_MARKS,
};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashMap;

/// Chinese sentence punctuation that lives in the full-width block: kept as
/// typed in running text (a document prints `，` and `：`, not `,` and `:`).
const CJK_PUNCTUATION: &[char] = &['，', '：', '；', '！', '？', '（', '）'];

/// Full-width letters, digits and symbols → half-width, ideographic space →
/// space, trimmed, inner whitespace collapsed to one space. Chinese
/// punctuation (`，：；！？（）`, `、。“”`) is kept.
/// Whether `t` contains any of `words`.
pub fn has_any(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| t.contains(w))
}

pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let chars = s.chars().map(text_char);
    for ch in chars {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(ch);
    }
    out
}

/// What [`text`] makes of one char (before whitespace is collapsed).
fn text_char(c: char) -> char {
    if CJK_PUNCTUATION.contains(&c) {
        c
    } else {
        half_width(c)
    }
}

fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Everything folded to half-width and no whitespace at all: the form used
/// for comparing labels and names and for parsing values.
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(compact_chars(s));
    out
}

/// The chars of [`compact`]`(s)`, one by one, without making the string.
pub fn compact_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(half_width).filter(|c| !c.is_whitespace())
}

/// `compact(s).starts_with(&compact(word))`, without making either.
pub fn starts_with_compact(s: &str, word: &str) -> bool {
    let mut chars = compact_chars(s);
    compact_chars(word).all(|w| chars.next() == Some(w))
}

/// A label as written on a form, reduced to what is compared against the
/// synonym table: no whitespace, no trailing `:`, `：`, `*` or `（必填）`, no
/// leading `*`, and no trailing unit `(元)`.
///
/// Extraction asks for the key of the same cell many times (once per
/// sub-table and per neighbouring cell), so keys of longer texts are kept per
/// thread: a lookup hashes the text once instead of folding it char by char.
pub fn label_key(s: &str) -> String {
    /// Texts shorter than this are keyed faster than they are looked up.
    const MEMO_MIN: usize = 24;
    /// Bytes of text kept per thread before the memo starts afresh (the
    /// repeats are within a document, so a small memo is enough).
    const MEMO_BYTES: usize = 1 << 20;
    type Memo = (
        usize,
        HashMap<Box<str>, Box<str>, foldhash::fast::FixedState>,
    );
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::default();
    }
    if s.len() < MEMO_MIN {
        return make_label_key(s);
    }
    MEMO.with(|cell| {
        let mut memo = cell.borrow_mut();
        if let Some(k) = memo.1.get(s) {
            return k.to_string();
        }
        let k = make_label_key(s);
        if memo.0 + s.len() > MEMO_BYTES {
            memo.1.clear();
            memo.0 = 0;
        }
        memo.0 += s.len() + k.len();
        memo.1.insert(s.into(), k.as_str().into());
        k
    })
}

/// [`label_key`] without the memo.
pub fn make_label_key(s: &str) -> String {
    let mut k = compact(s);
    // Numbering and a leading `*` are cut off the front, the rest off the
    // end, all in place.
    let numbered = k.len() - strip_numbering(&k).len();
    k.drain(..numbered);
    loop {
        let before = k.len();
        for suffix in [":", "：", "*", "(必填)", "(必填项)", "(选填)"] {
            if k.ends_with(suffix) {
                k.truncate(k.len() - suffix.len());
            }
        }
        // A trailing bracketed note or unit: `（元）`, `（部门）`, `(签字)`.
        if k.ends_with([')', '）']) {
            if let Some(open) = k.rfind(['(', '（']).filter(|&i| i > 0) {
                k.truncate(open);
            }
        }
        if k.starts_with('*') {
            k.remove(0);
        }
        if k.len() == before {
            return k;
        }
    }
}

/// Heading numbering at the start of a label or heading: `一、`, `（一）`,
/// `(1)`, `1.`, `1、`, `1．`, `第一部分`, `第一章`.
pub fn strip_numbering(line: &str) -> &str {
    let s = line.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if let Some(rest) = s.strip_prefix('第') {
        let after = rest.trim_start_matches(numeral);
        for unit in ["部分", "章", "节", "项"] {
            if let Some(r) = after
                .strip_prefix(unit)
                .filter(|_| after.len() < rest.len())
            {
                return r.trim_start_matches([' ', '、', '.', ':', '：']);
            }
        }
    }
    let opened = s.trim_start_matches(['(', '（']);
    let after = opened.trim_start_matches(numeral);
    if after.len() == opened.len() {
        return s;
    }
    let bracketed = opened.len() != s.len();
    let closed = after.trim_start_matches([')', '）']);
    let punct = closed.trim_start_matches(['、', '.', '．', ' ']);
    // A number is numbering only when something marks it as such.
    if (bracketed && closed.len() != after.len()) || punct.len() != closed.len() {
        // `1.5万元` is a value, not a heading: a digit after the dot.
        if punct.starts_with(|c: char| c.is_ascii_digit()) {
            return s;
        }
        punct
    } else {
        s
    }
}

/// The key under which two branch names are the same branch: compact text,
/// `党支部` unified with `支部`, a leading `中共` dropped. Only for matching;
/// what is printed is always the name as written.
pub fn branch_key(s: &str) -> String {
    let k = compact(s).replace("党支部", "支部");
    k.strip_prefix("中共").map(str::to_string).unwrap_or(k)
}

/// The key under which spellings of one committee meet (FORMS.md §2):
/// `中共机械工程学院委员会`, `机械工程学院党委`, `机械工程学院党总支` and
/// `机械工程学院` all give `机械工程学院`. Only for matching.
pub fn committee_key(s: &str) -> String {
    let mut k = compact(s);
    for p in COMMITTEE_PREFIXES {
        if let Some(rest) = k.strip_prefix(p) {
            k = rest.to_string();
            break;
        }
    }
    for suffix in COMMITTEE_SUFFIXES {
        if let Some(rest) = k.strip_suffix(suffix).filter(|r| !r.is_empty()) {
            k = rest.to_string();
            break;
        }
    }
    k
}

const OPTION_SEPARATORS: &[char] = &[' ', '、', ',', '，', '/', ';', '；', ':', '：'];

/// True when a value is only what a blank form prints where the value goes
/// (`    年  月  日`, `（签字）`, `元`): nothing was filled in.
pub fn is_placeholder(s: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| PLACEHOLDER_WORDS.iter().map(|w| compact(w)).collect());
    // A char in no placeholder word can never be removed below: most texts
    // end here, at their first chars, instead of a search per word.
    if !compact_chars(s).all(|c| words.iter().any(|w| w.contains(c))) {
        return false;
    }
    let mut k = compact(s);
    for w in words {
        if k.contains(w.as_str()) {
            k = k.replace(w.as_str(), "");
        }
    }
    k.is_empty()
}

/// Text without bracketed notes (`3000元（大写：叁仟元整）` → `3000元`);
/// with `keep_numbers`, a bracket holding a digit stays (`(0571)8888…`).
fn without_brackets(s: &str, keep_numbers: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut group = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => {
                depth += 1;
                group.push(c);
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                group.push(c);
                if depth == 0 {
                    if keep_numbers && group.chars().any(|c| c.is_ascii_digit()) {
                        out.push_str(&group);
                    }
                    group.clear();
                }
            }
            _ if depth == 0 => out.push(c),
            _ => group.push(c),
        }
    }
    out
}

/// What a cell of printed options says (FORMS.md §2 “a choice among printed
/// options”): `☑学生 □教工` → `["学生"]`. `None` when the text is not
/// a row of options (no box printed), so ordinary values pass unchanged.
pub fn printed_options(s: &str) -> Option<Vec<String>> {
    /// The chars a mark starts with: a text holding none has no mark.
    static FIRST: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<char> = CHECKED_MARKS
            .iter()
            .chain(UNCHECKED_MARKS)
            .filter_map(|m| m.chars().next())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    if !s.chars().any(|c| FIRST.contains(&text_char(c))) {
        return None;
    }
    let t = text(s);
    let holds = |marks: &[&str]| marks.iter().any(|m| t.contains(m));
    if !holds(UNCHECKED_MARKS) && !holds(CHECKED_MARKS) {
        return None;
    }
    // The text as marks (Ok(checked)) and the words between them (Err(word)).
    let mut tokens: Vec<Result<bool, String>> = Vec::new();
    let mut rest = t.as_str();
    'outer: while let Some(c) = rest.chars().next() {
        for (marks, checked) in [(CHECKED_MARKS, true), (UNCHECKED_MARKS, false)] {
            if let Some(m) = marks.iter().find(|m| rest.starts_with(**m)) {
                tokens.push(Ok(checked));
                rest = &rest[m.len()..];
                continue 'outer;
            }
        }
        match tokens.last_mut() {
            Some(Err(word)) => word.push(c),
            _ => tokens.push(Err(c.to_string())),
        }
        rest = &rest[c.len_utf8()..];
    }
    // Marks stand before their options (`☑学生 □教工`) or, when the text
    // starts with a word, after them (`学生√ 教工□`).
    let marks_first = matches!(tokens.first(), Some(Ok(_)));
    let marked: Vec<String> = (0..tokens.len())
        .filter(|&i| tokens[i] == Ok(true))
        .filter_map(|i| {
            let j = if marks_first {
                i + 1
            } else {
                i.checked_sub(1)?
            };
            match tokens.get(j) {
                Some(Err(w)) => Some(w.trim_matches(OPTION_SEPARATORS).trim().to_string()),
                _ => None,
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    Some(marked)
}

/// Money in integer fen from `3000`, `3,000`, `3000元`, `3000.00`, `0.3万`,
/// `３０００`, `￥3000`, `叁仟元`, `三千元整`.
pub fn money(s: &str) -> Result<i64, String> {
    money_exact(s).or_else(|e| {
        // A note in brackets after the amount: `3000元（大写：叁仟元整）`.
        let bare = without_brackets(s, false);
        if bare.trim().is_empty() || bare == s {
            Err(e)
        } else {
            money_exact(&bare).map_err(|_| e)
        }
    })
}

fn money_exact(s: &str) -> Result<i64, String> {
    let mut t = compact(s);
    for noise in [
        "人民币",
        "RMB",
        "rmb",
        "￥",
        "¥",
        ",",
        "，",
        "元整",
        "圆整",
        "元",
        "圆",
        "整",
    ] {
        t = t.replace(noise, "");
    }
    if t.is_empty() {
        return Err("金额为空".into());
    }
    let (t, factor) = match t.strip_suffix('万') {
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit()) => (rest.to_string(), 10_000),
        _ => (t, 1),
    };
    if let Some(fen) = decimal_fen(&t) {
        return fen
            .checked_mul(factor)
            .ok_or_else(|| "金额过大".to_string());
    }
    chinese_number(&t)
        .and_then(|yuan| yuan.checked_mul(100))
        .ok_or_else(|| format!("“{s}”不是可识别的金额，应为如 3000、3,000元、0.3万 或 叁仟元"))
}

/// Money from a spreadsheet number cell (yuan as f64) → fen, rounded to the fen.
pub fn money_from_number(yuan: f64) -> Result<i64, String> {
    if !yuan.is_finite() || yuan.abs() > 1e12 {
        return Err(format!("金额 {yuan} 超出范围"));
    }
    Ok((yuan * 100.0).round() as i64)
}

/// `123`, `123.4`, `123.45` → fen, without going through floating point.
fn decimal_fen(t: &str) -> Option<i64> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 13 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut fen: i64 = int.parse::<i64>().ok()? * 100;
    let mut digits = frac.bytes().map(|b| i64::from(b - b'0'));
    fen += digits.next().unwrap_or(0) * 10 + digits.next().unwrap_or(0);
    // Round half up on the third decimal; further digits do not matter.
    if digits.next().unwrap_or(0) >= 5 {
        fen += 1;
    }
    Some(fen)
}

/// Chinese numerals, financial (`叁仟伍佰`) or ordinary (`三千五百`, `一万二`).
fn chinese_number(t: &str) -> Option<i64> {
    let digit = |c: char| -> Option<i64> {
        Some(match c {
            '零' | '〇' => 0,
            '壹' | '一' => 1,
            '贰' | '貳' | '二' | '两' => 2,
            '叁' | '三' => 3,
            '肆' | '四' => 4,
            '伍' | '五' => 5,
            '陆' | '六' => 6,
            '柒' | '七' => 7,
            '捌' | '八' => 8,
            '玖' | '九' => 9,
            _ => return None,
        })
    };
    let unit = |c: char| -> Option<i64> {
        Some(match c {
            '拾' | '十' => 10,
            '佰' | '百' => 100,
            '仟' | '千' => 1000,
            _ => return None,
        })
    };
    if t.is_empty() {
        return None;
    }
    let (mut total, mut section, mut number) = (0i64, 0i64, None::<i64>);
    let mut last_unit = 1;
    for c in t.chars() {
        if let Some(d) = digit(c) {
            number = Some(d);
        } else if let Some(u) = unit(c) {
            section += number.unwrap_or(1) * u;
            number = None;
            last_unit = u;
        } else if c == '万' || c == '萬' {
            total += (section + number.unwrap_or(0)) * 10_000;
            section = 0;
            number = None;
            last_unit = 10_000;
        } else {
            return None;
        }
    }
    // `一万二` means 12000: a trailing digit after a unit scales by the next unit down.
    let tail = match number {
        Some(d) if last_unit >= 10 && !t.ends_with(['零', '〇']) => {
            let prev = t.chars().rev().nth(1);
            if prev.is_some_and(|p| unit(p).is_some() || p == '万') {
                d * (last_unit / 10).max(1)
            } else {
                d
            }
        }
        Some(d) => d,
        None => 0,
    };
    Some(total + section + tail)
}

/// A non-negative integer such as a member count: `15`, `15人`, `１５`, `十五`.
pub fn integer(s: &str) -> Result<i64, String> {
    integer_exact(s).or_else(|e| {
        // `18人（正式党员15人）`: the count before a bracketed note; `约30人`, `40余人`.
        let mut bare = without_brackets(s, false);
        for w in APPROXIMATE_WORDS {
            bare = bare.replace(w, "");
        }
        if bare != s && !bare.trim().is_empty() {
            integer_exact(&bare).map_err(|_| e)
        } else {
            Err(e)
        }
    })
}

fn integer_exact(s: &str) -> Result<i64, String> {
    let t = compact(s);
    let t = t.trim_end_matches(['人', '名', '个']);
    if let Ok(n) = t.parse::<i64>() {
        if n >= 0 {
            return Ok(n);
        }
    }
    if let Some(f) = t.strip_suffix(".0").and_then(|i| i.parse::<i64>().ok()) {
        return Ok(f);
    }
    chinese_number(t).ok_or_else(|| format!("“{s}”不是整数"))
}

/// Days from the Excel epoch (1899-12-30, the 1900 system) to a date.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(serial.floor() as i64))
}

/// A date from any of the spellings in FORMS.md §2. `year` fills in a
/// missing year (`9月27日`).
pub fn date(s: &str, year: i32) -> Result<NaiveDate, String> {
    // A weekday or note in brackets (`2025年10月18日（周六）`) is not part of the date.
    let t = arabic_date(&compact(&without_brackets(s, false)));
    let err = || format!("“{s}”不是可识别的日期，应为如 2025-09-27 或 2025年9月27日");
    if t.is_empty() {
        return Err("日期为空".into());
    }
    // Excel serial number typed or stored as text.
    if let Ok(serial) = t.parse::<f64>() {
        if (20_000.0..80_000.0).contains(&serial) {
            return excel_serial_date(serial).ok_or_else(err);
        }
        if t.len() == 8 {
            return NaiveDate::parse_from_str(&t, "%Y%m%d").map_err(|_| err());
        }
    }
    // Drop a time part: `2025-09-27 00:00:00`, `2025-09-27T08:00`.
    let t = t.split(['T']).next().unwrap_or(&t);
    let t = match t.find(|c: char| c == ':') {
        Some(_) if t.len() > 10 => &t[..t.char_indices().nth(10).map_or(t.len(), |(i, _)| i)],
        _ => t,
    };
    let nums = numbers(t);
    let has_year = t.contains('年') || nums.first().is_some_and(|n| *n > 31);
    let (y, m, d) = match (nums.as_slice(), has_year) {
        ([y, m, d], true) => (*y as i32, *m, *d),
        ([m, d], false) => (year, *m, *d),
        _ => return Err(err()),
    };
    let y = if y < 100 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(err)
}

/// The Chinese-numeral spelling of official documents (`二〇二五年九月二十七日`,
/// also with `零`/`O`/`○` for zero) rewritten with Arabic digits; other text
/// is returned unchanged.
fn arabic_date(t: &str) -> String {
    let t = &t.replace('廿', "二十").replace('卅', "三十");
    const ZEROS: &[char] = &['〇', '零', 'O', 'o', '○', '０'];
    let is_numeral = |c: char| ZEROS.contains(&c) || "一二三四五六七八九十两".contains(c);
    if !t.chars().any(|c| "年月日".contains(c)) || !t.chars().any(is_numeral) {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String, unit: Option<char>| {
        if !run.is_empty() {
            let digits: Option<String> = if unit == Some('年') {
                // A year is spelt digit by digit: 二〇二五.
                run.chars()
                    .map(|c| {
                        if ZEROS.contains(&c) {
                            Some('0')
                        } else {
                            chinese_number(&c.to_string())
                                .and_then(|d| char::from_digit(d as u32, 10))
                        }
                    })
                    .collect()
            } else {
                chinese_number(&run.replace(ZEROS, "零")).map(|n| n.to_string())
            };
            out.push_str(&digits.unwrap_or_else(|| run.clone()));
            run.clear();
        }
    };
    for c in t.chars() {
        if is_numeral(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out, Some(c));
            out.push(c);
        }
    }
    flush(&mut run, &mut out, None);
    out
}

/// The runs of ASCII digits in a string, as numbers.
fn numbers(t: &str) -> Vec<u32> {
    t.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty() && p.len() <= 4)
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// A month or a span of months from a plan row: `10月`, `2025年10月`,
/// `10-11月`, `2025.10`, or a full date. Returns (first day, last day).
pub fn month_span(s: &str, year: i32) -> Result<(NaiveDate, NaiveDate), String> {
    let t = compact(s);
    let month_only = t.ends_with('月') || numbers(&t).len() < 3 && !t.contains('日');
    if !month_only {
        return date(s, year).map(|d| (d, d));
    }
    let err = || format!("“{s}”不是可识别的时间，应为如 10月、2025年10月 或 10-11月");
    let nums = numbers(&t);
    let (y, months): (i32, Vec<u32>) = match nums.as_slice() {
        [y, rest @ ..] if *y > 31 => (*y as i32, rest.to_vec()),
        all => (year, all.to_vec()),
    };
    let (first, last) = match months.as_slice() {
        [m] => (*m, *m),
        [a, b] if a <= b => (*a, *b),
        _ => return Err(err()),
    };
    let start = NaiveDate::from_ymd_opt(y, first, 1).ok_or_else(err)?;
    let end_first = NaiveDate::from_ymd_opt(y, last, 1).ok_or_else(err)?;
    let end = end_first
        .with_day(days_in_month(end_first))
        .ok_or_else(err)?;
    Ok((start, end))
}

fn days_in_month(d: NaiveDate) -> u32 {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|n| n.pred_opt())
        .map_or(28, |p| p.day())
}

/// A phone number: an 11-digit mobile `1[3-9]xxxxxxxxx` or a landline with an
/// optional area code, 7–8 digits and an optional extension. Returns the
/// digits-only form for comparison; print the original.
pub fn phone(s: &str) -> Result<String, String> {
    // Notes in brackets (`（手机）`, `(办)`) are not part of the number.
    let bare = without_brackets(s, true);
    let bare = if bare.chars().any(|c| c.is_ascii_digit()) {
        bare
    } else {
        s.to_string()
    };
    let t = text(&bare);
    // Several numbers in one cell (`0510-85912345 / 13912345678`): each must be one.
    let parts: Vec<&str> = t
        .split(PHONE_SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| one_phone(p).is_ok()) {
        return one_phone(parts[0]);
    }
    one_phone(&t).map_err(|_| format!("“{s}”不是有效的电话号码，应为 11 位手机号或带区号的座机号"))
}

fn one_phone(s: &str) -> Result<String, String> {
    let t = compact(s);
    let t = t
        .strip_prefix("+86")
        .or_else(|| t.strip_prefix("86-"))
        .unwrap_or(&t);
    let err = || format!("“{s}”不是有效的电话号码，应为 11 位手机号或带区号的座机号");
    let (main, ext) = match t.split_once(['转', '#']) {
        Some((m, e)) => (m, Some(e)),
        None => (t, None),
    };
    if ext.is_some_and(|e| e.is_empty() || !e.bytes().all(|b| b.is_ascii_digit())) {
        return Err(err());
    }
    let parts: Vec<&str> = main
        .split(['-', '(', ')', '（', '）'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.iter().any(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(err());
    }
    let digits: String = parts.concat();
    let is_mobile = digits.len() == 11
        && digits.starts_with('1')
        && matches!(digits.as_bytes()[1], b'3'..=b'9');
    let is_landline = match parts.as_slice() {
        [local] => {
            (7..=8).contains(&local.len())
                || (local.starts_with('0') && (10..=12).contains(&local.len()))
        }
        [area, local] => {
            area.starts_with('0') && (3..=4).contains(&area.len()) && (7..=8).contains(&local.len())
        }
        [area, local, ext] => {
            area.starts_with('0')
                && (3..=4).contains(&area.len())
                && (7..=8).contains(&local.len())
                && ext.len() <= 6
        }
        _ => false,
    };
    if is_mobile || (is_landline && !(digits.starts_with('1') && digits.len() >= 10)) {
        Ok(digits)
    } else {
        Err(err())
    }
}

/// Ordinary e-mail syntax: one `@`, a non-empty local part, a dotted domain.
pub fn email(s: &str) -> Result<String, String> {
    let t = text(s);
    let err = || format!("“{s}”不是有效的电子邮箱地址");
    let (local, domain) = t.split_once('@').ok_or_else(err)?;
    let ok_local = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let ok_domain = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if ok_local && ok_domain {
        Ok(t.to_lowercase())
    } else {
        Err(err())
    }
}

/// A person: a name, optionally followed by a role in brackets or after a
/// space (`张三（支部书记）`, `李四 副书记`). Returns (name, role).
pub fn person(s: &str) -> (String, Option<String>) {
    let t = text(s);
    if let Some(open) = t.find(['(', '（']) {
        let name = t[..open].trim().to_string();
        let role = t[open..]
            .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'))
            .trim()
            .to_string();
        return (name, (!role.is_empty()).then_some(role));
    }
    match t.split_once([' ', '/', '、']) {
        Some((name, role)) if !role.trim().is_empty() => {
            (name.to_string(), Some(role.trim().to_string()))
        }
        _ => (t, None),
    }
}

/// One entry of a configured list of choices (tracks, kinds, levels).
pub struct Choice<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
}

/// Match a value against configured choices: exact name, then alias, then
/// the part before/after `·`, then unique prefix. On failure, the nearest
/// candidate (by edit distance) is returned in the `Err`.
pub fn choose(value: &str, choices: &[Choice]) -> Result<usize, Option<String>> {
    let v = compact(value)
        .trim_matches(['“', '”', '"', '《', '》', '「', '」'])
        .replace(['•', '・', '·', '.', '、', '-', '—', '–', '/', '|'], "·")
        .replace("··", "·");
    if v.is_empty() {
        return Err(None);
    }
    let key = |s: &str| compact(s).replace(['•', '・', '.'], "·");
    let find = |pred: &dyn Fn(&Choice) -> bool| -> Option<usize> {
        let hits: Vec<usize> = choices
            .iter()
            .enumerate()
            .filter(|(_, c)| pred(c))
            .map(|(i, _)| i)
            .collect();
        (hits.len() == 1).then(|| hits[0])
    };
    let halves =
        |name: &str| -> Vec<String> { key(name).split('·').map(str::to_string).collect() };
    find(&|c| key(c.name) == v)
        .or_else(|| find(&|c| c.aliases.iter().any(|a| key(a) == v)))
        .or_else(|| find(&|c| halves(c.name).contains(&v)))
        .or_else(|| find(&|c| key(c.name).starts_with(&v)))
        .or_else(|| {
            find(&|c| {
                key(c.name)
                    .replace('·', "")
                    .starts_with(&v.replace('·', ""))
            })
        })
        .or_else(|| find(&|c| c.aliases.iter().any(|a| key(a).starts_with(&v))))
        .ok_or_else(|| nearest(&v, choices.iter().map(|c| c.name)))
}

/// The candidate nearest to `value` by normalised Levenshtein similarity.
pub fn nearest<'a>(value: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| {
            (
                strsim::normalized_levenshtein(value, &key_for_distance(c)),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

fn key_for_distance(s: &str) -> String {
    compact(s)
}

/// Count of characters that are not whitespace (the case length rule).
pub fn visible_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Yuan with thousands separators, for documents: 300000 fen → `3,000`;
/// fen that are not whole yuan keep two decimals.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    let whole = (fen / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match fen % 100 {
        0 => format!("{sign}{grouped}"),
        cents => format!("{sign}{grouped}.{cents:02}"),
    }
}

/// The row of [`PARTNER_KINDS`] whose word a partner kind as written holds.
fn partner_kind_row(
    text: &str,
) -> Option<&'static (&'static str, &'static [&'static str], &'static str)> {
    let k = compact(text);
    PARTNER_KINDS
        .iter()
        .find(|(_, words, _)| words.iter().any(|w| k.contains(w)))
}

/// A partner kind as written, normalised to one of the kinds of
/// [`PARTNER_KINDS`] where it is clearly one, else kept as written.
pub fn partner_kind(raw: &str) -> String {
    partner_kind_row(raw).map_or_else(|| raw.trim().to_string(), |(kind, _, _)| kind.to_string())
}

/// The statistics category (FORMS.md §4) a partner kind is counted under.
pub fn partner_category(kind: &str) -> &'static str {
    partner_kind_row(kind).map_or(STAT_PARTNER_KIND_DEFAULT, |(_, _, category)| category)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn starts_with_compact_is_compact_then_starts_with() {
        for (s, w) in [
            ("合 计：", "合计"),
            ("  合计（元）", "合 计"),
            ("ＡＢ小计", "AB"),
            ("小", "小计"),
            ("", "合计"),
            ("合计", ""),
            ("注：本表", "注:"),
        ] {
            assert_eq!(
                starts_with_compact(s, w),
                compact(s).starts_with(&compact(w)),
                "{s:?} {w:?}"
            );
        }
        assert!(starts_with_compact("合 计：", "合计"));
        assert!(!starts_with_compact("小", "小计"));
    }

    #[test]
    fn money_spellings_of_forms_md() {
        for s in [
            "3000",
            "3,000",
            "3000元",
            "3000.00",
            "0.3万",
            "３０００",
            "叁仟元",
            "￥3,000.00",
            "三千元整",
            "3，000 元",
        ] {
            assert_eq!(money(s), Ok(300_000), "{s}");
        }
        assert_eq!(money("2800.5"), Ok(280_050));
        assert_eq!(money("1.25万"), Ok(1_250_000));
        assert_eq!(money("叁仟伍佰元整"), Ok(350_000));
        assert_eq!(money("壹万贰仟元"), Ok(1_200_000));
        assert_eq!(money("一万二"), Ok(1_200_000));
        assert_eq!(money("伍佰零捌元"), Ok(50_800));
        assert!(money("约三千").is_err());
        assert!(money("待定").is_err());
        assert!(money("").is_err());
        assert_eq!(money_from_number(2999.995), Ok(300_000));
    }

    #[test]
    fn date_spellings_of_forms_md() {
        for s in [
            "2025-09-27",
            "2025/9/27",
            "2025.9.27",
            "2025年9月27日",
            "9月27日",
            "２０２５年９月２７日",
            "45927",
            "2025-09-27 00:00:00",
            "20250927",
        ] {
            assert_eq!(date(s, 2025), Ok(d(2025, 9, 27)), "{s}");
        }
        assert_eq!(date("9月27日", 2024), Ok(d(2024, 9, 27)));
        assert!(date("2025年13月1日", 2025).is_err());
        assert!(date("下周一", 2025).is_err());
        assert_eq!(excel_serial_date(45927.0), Some(d(2025, 9, 27)));
    }

    #[test]
    fn month_spans() {
        assert_eq!(
            month_span("10月", 2025),
            Ok((d(2025, 10, 1), d(2025, 10, 31)))
        );
        assert_eq!(
            month_span("2025年10月", 2024),
            Ok((d(2025, 10, 1), d(2025, 10, 31)))
        );
        assert_eq!(
            month_span("10-11月", 2025),
            Ok((d(2025, 10, 1), d(2025, 11, 30)))
        );
        assert_eq!(month_span("2月", 2024), Ok((d(2024, 2, 1), d(2024, 2, 29))));
        assert_eq!(
            month_span("2025.9.27", 2025),
            Ok((d(2025, 9, 27), d(2025, 9, 27)))
        );
        assert!(month_span("全年", 2025).is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(phone("13812345678"), Ok("13812345678".into()));
        assert_eq!(phone("138 1234 5678"), Ok("13812345678".into()));
        assert_eq!(phone("+86 138-1234-5678"), Ok("13812345678".into()));
        assert_eq!(phone("0571-88881234"), Ok("057188881234".into()));
        assert_eq!(phone("(0571)88881234"), Ok("057188881234".into()));
        assert_eq!(phone("88881234"), Ok("88881234".into()));
        assert_eq!(phone("0571-88881234转806"), Ok("057188881234".into()));
        assert!(phone("1381234567").is_err(), "10-digit mobile");
        assert!(phone("12812345678").is_err(), "no 12x mobiles");
        assert!(phone("138123456789").is_err());
        assert!(phone("电话待定").is_err());
    }

    #[test]
    fn emails_persons_labels_names() {
        assert_eq!(
            email("Zhang.San@Example.edu.cn"),
            Ok("zhang.san@example.edu.cn".into())
        );
        assert!(email("zhangsan@").is_err());
        assert!(email("zhang san@qq.com").is_err());
        assert_eq!(
            person("张三（支部书记）"),
            ("张三".into(), Some("支部书记".into()))
        );
        assert_eq!(
            person("李四 副书记"),
            ("李四".into(), Some("副书记".into()))
        );
        assert_eq!(person(" 王五 "), ("王五".into(), None));
        assert_eq!(label_key("项目名称（必填）："), "项目名称");
        assert_eq!(label_key("* 联系电话"), "联系电话");
        assert_eq!(label_key("申请经费（元）"), "申请经费");
        assert_eq!(label_key("Ｅ－ｍａｉｌ："), "E-mail");
        assert_eq!(
            branch_key("机械 本科第一党支部"),
            branch_key("机械本科第一支部")
        );
        assert_eq!(text("  ＡＢＣ\u{3000}１２３  x "), "ABC 123 x");
        assert_eq!(
            text("共有党员18名，分布在（四个）年级：好！"),
            "共有党员18名，分布在（四个）年级：好！"
        );
        assert_eq!(compact("党员１８名，（四个）"), "党员18名,(四个)");
        assert_eq!(yuan(850_000_00), "850,000");
        assert_eq!(yuan(123_456), "1,234.56");
        assert_eq!(integer("１５人"), Ok(15));
        assert_eq!(integer("十五"), Ok(15));
    }

    #[test]
    fn choices_by_name_alias_half_prefix() {
        let aliases = vec!["理论学习".to_string()];
        let none: Vec<String> = vec![];
        let choices = [
            Choice {
                name: "学思践悟·固本强基",
                aliases: &aliases,
            },
            Choice {
                name: "红色领航·铸魂育人",
                aliases: &none,
            },
            Choice {
                name: "学业互助·成长成才",
                aliases: &none,
            },
        ];
        assert_eq!(choose("学思践悟·固本强基", &choices), Ok(0));
        assert_eq!(choose("学思践悟•固本强基", &choices), Ok(0));
        assert_eq!(choose("理论学习", &choices), Ok(0));
        assert_eq!(choose("铸魂育人", &choices), Ok(1));
        assert_eq!(choose("红色", &choices), Ok(1));
        assert!(choose("学", &choices).is_err(), "ambiguous prefix");
        assert_eq!(choose("学业互助成长", &choices), Ok(2));
        assert_eq!(
            choose("学业帮扶·成长成才", &choices),
            Err(Some("学业互助·成长成才".into()))
        );
    }

    #[test]
    fn what_real_forms_write() {
        // Chinese-numeral dates of official documents.
        for s in [
            "二〇二五年九月二十七日",
            "二零二五年九月二十七日",
            "二O二五年九月廿七日",
        ] {
            assert_eq!(date(s, 2025), Ok(d(2025, 9, 27)), "{s}");
        }
        assert_eq!(date("二〇二五年十月十日", 2025), Ok(d(2025, 10, 10)));
        assert_eq!(date("二○二五年十二月三十一日", 2025), Ok(d(2025, 12, 31)));
        // Money and counts with notes in brackets.
        assert_eq!(money("3000元（大写：叁仟元整）"), Ok(300_000));
        assert_eq!(money("人民币叁仟元整"), Ok(300_000));
        assert_eq!(money("￥3,000.00"), Ok(300_000));
        assert_eq!(integer("18人（正式党员15人）"), Ok(18));
        // Several phone numbers, and notes beside a number.
        assert!(phone("0510-85912345 / 13912345678").is_ok());
        assert!(phone("13912345678（手机）").is_ok());
        assert!(phone("0510-85912345、1391234567").is_err());
        // What a blank form prints is not a value.
        for s in ["    年   月   日", "元", "（签字）", "/", "无", ""] {
            assert!(is_placeholder(s), "{s}");
        }
        assert!(!is_placeholder("2025年9月"));
        // Options marked among printed ones.
        assert_eq!(
            printed_options("☑学生 □教工 □机关"),
            Some(vec!["学生".to_string()])
        );
        assert_eq!(
            printed_options("□学生  ☑教工"),
            Some(vec!["教工".to_string()])
        );
        assert_eq!(
            printed_options("学生√ 教工□"),
            Some(vec!["学生".to_string()])
        );
        assert_eq!(
            printed_options("（√）学生（ ）教工"),
            Some(vec!["学生".to_string()])
        );
        assert_eq!(printed_options("□学生 □教工"), Some(vec![]));
        assert_eq!(
            printed_options("■学生 ■教工"),
            Some(vec!["学生".to_string(), "教工".to_string()])
        );
        assert_eq!(printed_options("机械本科第一党支部"), None);
        // One committee, four spellings.
        for s in [
            "中共机械工程学院委员会",
            "机械工程学院党委",
            "机械工程学院党总支",
            "机械工程学院",
        ] {
            assert_eq!(committee_key(s), "机械工程学院", "{s}");
        }
        // Numbering and notes around labels.
        for s in [
            "一、背景与现状",
            "（一）背景与现状",
            "1.背景与现状",
            "1、背景与现状*",
            "背景与现状：",
        ] {
            assert_eq!(label_key(s), "背景与现状", "{s}");
        }
        assert_eq!(label_key("所在学院（部门）"), "所在学院");
        assert_eq!(label_key("1.5万元"), "1.5万元");
    }
}
