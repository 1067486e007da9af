//! The Chinese official calendar: statutory days off and make-up working days
//! (调休) from the State Council General Office's yearly notices, in the
//! layout of the public holiday-cn data set (`data/holidays/YYYY.json`).
//! Used to count the publicity period of 立项公示 in working days.

use crate::config::HolidayEntry;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The years compiled in.
const BUILTIN: &[&str] = &[
    include_str!("../data/holidays/2024.json"),
    include_str!("../data/holidays/2025.json"),
    include_str!("../data/holidays/2026.json"),
];

/// A period is searched at most this far: a calendar that lists a year of
/// days off cannot make the count loop.
const MAX_SPAN_DAYS: u64 = 366;

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error(
        "没有 {year} 年的节假日安排数据，无法按工作日计算公示期：请在 zhibu.toml 中用 [[holidays]] 补充 {year} 年的放假和调休日期，或把 {year}.json（holiday-cn 格式）放进配置文件旁的 holidays/ 文件夹"
    )]
    NoData { year: i32 },
    #[error("节假日数据文件 {file} 格式不对：{message}")]
    BadFile { file: String, message: String },
    #[error("从 {start} 起一年内数不满 {n} 个工作日，请检查节假日数据")]
    TooLong { start: NaiveDate, n: u32 },
}

/// One file of the holiday-cn data set.
#[derive(Deserialize)]
struct YearFile {
    year: i32,
    days: Vec<ListedDay>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListedDay {
    name: String,
    date: NaiveDate,
    is_off_day: bool,
}

/// A day the notices list: a day off, or a make-up working day.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub name: String,
    pub off_day: bool,
}

/// The working-day calendar: listed days plus the years it knows.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, Day>,
    years: BTreeSet<i32>,
}

/// A publicity period: `from` is its first working day, `to` its last.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub working_days: u32,
}

impl Calendar {
    /// The compiled-in years.
    pub fn builtin() -> Calendar {
        let mut c = Calendar::default();
        for (i, src) in BUILTIN.iter().enumerate() {
            c.add_json(src, &format!("内置数据 {i}"))
                .expect("the compiled-in holiday data parses");
        }
        c
    }

    /// The built-in years, then every `*.json` of `dir` (when it exists),
    /// then the `[[holidays]]` of the config; later entries override.
    pub fn load(dir: Option<&Path>, entries: &[HolidayEntry]) -> Result<Calendar, CalendarError> {
        let mut c = Calendar::builtin();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| bad(dir, e.to_string()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            for path in files {
                let src = std::fs::read_to_string(&path).map_err(|e| bad(&path, e.to_string()))?;
                c.add_json(&src, &path.display().to_string())?;
            }
        }
        c.add_entries(entries);
        Ok(c)
    }

    /// Merge one holiday-cn year file.
    pub fn add_json(&mut self, src: &str, origin: &str) -> Result<(), CalendarError> {
        let file: YearFile = serde_json::from_str(src).map_err(|e| CalendarError::BadFile {
            file: origin.to_string(),
            message: e.to_string(),
        })?;
        self.years.insert(file.year);
        for d in file.days {
            self.years.insert(d.date.year());
            self.days.insert(
                d.date,
                Day {
                    name: d.name,
                    off_day: d.is_off_day,
                },
            );
        }
        Ok(())
    }

    /// Merge entries from the config; each marks its year as known.
    pub fn add_entries(&mut self, entries: &[HolidayEntry]) {
        for e in entries {
            self.years.insert(e.date.year());
            self.days.insert(
                e.date,
                Day {
                    name: e.name.clone(),
                    off_day: e.off_day,
                },
            );
        }
    }

    /// A listed make-up day works; a listed day off does not; otherwise
    /// Monday to Friday. A year without data is an error, never a guess.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        if !self.years.contains(&d.year()) {
            return Err(CalendarError::NoData { year: d.year() });
        }
        Ok(match self.days.get(&d) {
            Some(day) => !day.off_day,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        })
    }

    /// `n` working days (at least one) from `start`; a `start` that is not a
    /// working day moves to the next one, which is day 1.
    pub fn working_period(&self, start: NaiveDate, n: u32) -> Result<Period, CalendarError> {
        let n = n.max(1);
        let mut from = None;
        let mut counted = 0;
        for offset in 0..MAX_SPAN_DAYS {
            let day = start + Days::new(offset);
            if self.is_working_day(day)? {
                from.get_or_insert(day);
                counted += 1;
                if counted == n {
                    return Ok(Period {
                        from: from.unwrap_or(day),
                        to: day,
                        working_days: n,
                    });
                }
            }
        }
        Err(CalendarError::TooLong { start, n })
    }
}

fn bad(path: &Path, message: String) -> CalendarError {
    CalendarError::BadFile {
        file: path.display().to_string(),
        message,
    }
}

/// `2025年10月9日`, as official documents write dates.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn period(start: &str, n: u32) -> (String, String) {
        let p = Calendar::builtin().working_period(d(start), n).unwrap();
        (p.from.to_string(), p.to.to_string())
    }

    #[test]
    fn national_day_2025_with_its_make_up_days() {
        // Fri 26 Sep, Sun 28 Sep (make-up), Mon 29, Tue 30; 1–8 Oct off; Thu 9 Oct.
        assert_eq!(
            period("2025-09-26", 5),
            ("2025-09-26".into(), "2025-10-09".into())
        );
        let c = Calendar::builtin();
        assert!(c.is_working_day(d("2025-09-28")).unwrap());
        assert!(
            c.is_working_day(d("2025-10-11")).unwrap(),
            "Saturday make-up day"
        );
        assert!(!c.is_working_day(d("2025-10-08")).unwrap());
        assert!(
            !c.is_working_day(d("2025-10-12")).unwrap(),
            "an ordinary Sunday"
        );
    }

    #[test]
    fn spring_festival_2026() {
        // Thu 12, Fri 13, Sat 14 Feb (make-up); 15–23 Feb off; Tue 24, Wed 25.
        assert_eq!(
            period("2026-02-12", 5),
            ("2026-02-12".into(), "2026-02-25".into())
        );
        // Sat 28 Feb 2026 is a make-up day: Thu 26, Fri 27, Sat 28, Mon 2 Mar.
        assert_eq!(
            period("2026-02-26", 4),
            ("2026-02-26".into(), "2026-03-02".into())
        );
    }

    #[test]
    fn a_period_starting_on_a_holiday_starts_on_the_next_working_day() {
        assert_eq!(
            period("2025-10-03", 1),
            ("2025-10-09".into(), "2025-10-09".into())
        );
        assert_eq!(
            period("2025-10-03", 3),
            ("2025-10-09".into(), "2025-10-11".into())
        );
        // New Year 2026: 1–3 Jan off, Sun 4 Jan works.
        assert_eq!(
            period("2026-01-01", 2),
            ("2026-01-04".into(), "2026-01-05".into())
        );
    }

    #[test]
    fn a_year_without_data_is_an_error_naming_it() {
        let e = Calendar::builtin()
            .working_period(d("2026-12-28"), 5)
            .unwrap_err();
        assert!(matches!(e, CalendarError::NoData { year: 2027 }));
        assert!(e.to_string().contains("2027 年"), "{e}");
        assert!(e.to_string().contains("[[holidays]]"), "{e}");
    }

    #[test]
    fn config_entries_add_a_year_and_drop_in_files_override() {
        let mut c = Calendar::builtin();
        c.add_entries(&[HolidayEntry {
            date: d("2027-01-01"),
            name: "元旦".into(),
            off_day: true,
        }]);
        // Mon 28 … Thu 31 Dec 2026, Fri 1 Jan 2027 off, Mon 4 Jan.
        let p = c.working_period(d("2026-12-28"), 5).unwrap();
        assert_eq!(p.to, d("2027-01-04"));

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("2027.json"),
            r#"{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": false}]}"#,
        )
        .unwrap();
        let c = Calendar::load(Some(dir.path()), &[]).unwrap();
        assert!(c.is_working_day(d("2027-01-01")).unwrap());
        std::fs::write(dir.path().join("bad.json"), "{").unwrap();
        let e = Calendar::load(Some(dir.path()), &[]).unwrap_err();
        assert!(e.to_string().contains("bad.json"), "{e}");
    }

    #[test]
    fn builtin_years_and_dates() {
        let c = Calendar::builtin();
        for y in [2024, 2025, 2026] {
            assert!(c.years.contains(&y));
        }
        assert!(!c.is_working_day(d("2024-02-17")).unwrap());
        assert!(
            c.is_working_day(d("2024-02-18")).unwrap(),
            "Sunday make-up day 2024"
        );
        assert_eq!(chinese_date(d("2025-10-09")), "2025年10月9日");
    }
}
