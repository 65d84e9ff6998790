//! The reporting period: a calendar quarter, written `2020-Q1` on the command
//! line and in folder names, `Quý I/2020` in Vietnamese text.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    pub fn new(year: i32, number: u8) -> Option<Quarter> {
        ((1..=4).contains(&number) && (1900..=9999).contains(&year))
            .then_some(Quarter { year, number })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// The quarter's number, 1 to 4.
    pub fn number(self) -> u8 {
        self.number
    }

    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number - 1,
            }
        }
    }

    /// The quarter `k` quarters later.
    // The number is 0..=3 + 1; the year fits: quarters are within 2000-9998
    // (`cli::FIRST_QUARTER`, `LAST_QUARTER`) and `k` a few hundred at most
    // (a projection, a deadline a year on).
    #[allow(clippy::cast_possible_truncation)]
    pub fn plus(self, k: u32) -> Quarter {
        let index = self.year as i64 * 4 + i64::from(self.number - 1) + i64::from(k);
        Quarter {
            year: (index / 4) as i32,
            number: (index % 4) as u8 + 1,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.number) * 3 - 2, 1)
            .expect("quarter start is a valid date")
    }

    pub fn last_day(self) -> NaiveDate {
        let next_start = if self.number == 4 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, u32::from(self.number) * 3 + 1, 1)
        };
        next_start
            .expect("valid date")
            .pred_opt()
            .expect("valid date")
    }

    pub fn containing(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            number: u8::try_from(date.month0() / 3 + 1).expect("a quarter is 1 to 4"),
        }
    }

    /// The quarter that ended most recently before `today`: what a cron job
    /// started in the first days of April reports on (the first quarter).
    pub fn last_ended(today: NaiveDate) -> Quarter {
        Quarter::containing(today).previous()
    }

    /// `Quý I/2020`, as official documents write it.
    pub fn vietnamese(self) -> String {
        format!("Quý {}/{}", self.roman(), self.year)
    }

    /// The quarter's number in Roman numerals: `I` to `IV`.
    pub fn roman(self) -> &'static str {
        ROMAN[usize::from(self.number - 1)]
    }

    /// The reporting window Decree 09/2019/NĐ-CP (Article 12) gives the
    /// quarter's periodic reports: from the 15th of the month before it to
    /// the 14th of its last month (Q1: 15/12 → 14/3).
    pub fn decree_09_window(self) -> (NaiveDate, NaiveDate) {
        let first = self.first_day();
        let start = first
            .checked_sub_months(chrono::Months::new(1))
            .and_then(|d| d.with_day(15))
            .unwrap_or(first);
        let end = self.last_day().with_day(14).unwrap_or(self.last_day());
        (start, end)
    }

    /// A period written as dates: a range that is exactly a quarter, by the
    /// calendar (`Từ ngày 01/01/2020 đến ngày 31/03/2020`) or by Decree 09's
    /// reporting window (`Từ ngày 15/12/2019 đến ngày 14/3/2020`), both in
    /// use; or one date (an Excel date in the period cell), taken as the
    /// quarter it falls in.
    pub fn from_dates(text: &str) -> Option<Quarter> {
        let dates = dates_in(text);
        match dates.as_slice() {
            [one] => Some(Quarter::containing(*one)),
            [from, to] => {
                let q = Quarter::containing(*to);
                let range = (*from, *to);
                (range == (q.first_day(), q.last_day()) || range == q.decree_09_window())
                    .then_some(q)
            }
            _ => None,
        }
    }

    /// A date range in `text` that is exactly a quarter (two dates, the
    /// quarter's first and last day).
    pub fn range_in(text: &str) -> Option<Quarter> {
        match dates_in(text).as_slice() {
            [_, _] => Quarter::from_dates(text),
            _ => None,
        }
    }

    /// The quarter `text` names in words (`Quý I/2020`, `quý 1 năm 2020`,
    /// `Q1/2020`, `2020-Q1`) wherever it stands among other words: a period
    /// cell with a note in it (`Quý I/2020 (số liệu tính đến ngày
    /// 05/04/2020)`). `Unclear` when it names two different quarters, or a
    /// quarter without its year.
    pub fn named_in(text: &str) -> Named {
        let folded = fold(text);
        let tokens: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .collect();
        let is_year = |t: &str| t.len() == 4 && t.chars().all(|c| c.is_ascii_digit());
        let mut found: Option<Quarter> = None;
        let mut yearless = false;
        for (i, token) in tokens.iter().enumerate() {
            // `3 tháng đầu năm 2020`: the first quarter, as reports often
            // call it (`6 tháng`, `9 tháng` are no quarter).
            if let ["3", "thang", "dau", "nam", year, ..] = &tokens[i..]
                && is_year(year)
            {
                let q = year.parse().ok().and_then(|y| Quarter::new(y, 1));
                match (found, q) {
                    (Some(other), Some(q)) if other != q => return Named::Unclear,
                    (_, Some(q)) => found = Some(q),
                    _ => {}
                }
                continue;
            }
            let (number, after) = match token.strip_prefix('q') {
                Some("") | Some("uy") => match tokens.get(i + 1).and_then(|t| quarter_number(t)) {
                    Some(n) => (n, i + 2),
                    None => continue,
                },
                Some(rest) => match quarter_number(rest) {
                    Some(n) => (n, i + 1),
                    None => continue,
                },
                None => continue,
            };
            let later = tokens[after..]
                .iter()
                .take(2)
                .filter(|t| **t != "nam")
                .find(|t| is_year(t));
            let before = i.checked_sub(1).map(|b| tokens[b]).filter(|t| is_year(t));
            // `… NĂM 2020 - BÁO CÁO QUÝ I`: the one year the text names,
            // not a date's (`Quý IV (đến 05/01/2020)` is no Quý IV/2020).
            let in_date = |k: usize| {
                k >= 2
                    && tokens[k - 1].chars().all(|c| c.is_ascii_digit())
                    && tokens[k - 2].chars().all(|c| c.is_ascii_digit())
            };
            let years: std::collections::BTreeSet<&str> = tokens
                .iter()
                .enumerate()
                .filter(|(k, t)| is_year(t) && !in_date(*k))
                .map(|(_, t)| *t)
                .collect();
            let only = (years.len() == 1).then(|| *years.first().expect("one"));
            let Some(year) = later
                .copied()
                .or(before)
                .or(only)
                .and_then(|y| y.parse().ok())
            else {
                yearless = true;
                continue;
            };
            let Some(q) = Quarter::new(year, number) else {
                continue;
            };
            match found {
                Some(other) if other != q => return Named::Unclear,
                _ => found = Some(q),
            }
        }
        match (found, yearless) {
            (Some(q), false) => Named::One(q),
            (None, false) => Named::Nothing,
            _ => Named::Unclear,
        }
    }

    /// The one quarter number a text names without a year (`Quý I`, `Quý
    /// IV`), when it names no year at all.
    pub fn number_without_year(text: &str) -> Option<u8> {
        let folded = fold(text);
        let tokens: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .collect();
        let numbers: Vec<u8> = tokens
            .windows(2)
            .filter(|w| w[0] == "quy")
            .filter_map(|w| quarter_number(w[1]))
            .collect();
        match numbers.as_slice() {
            [n] => Some(*n),
            _ => None,
        }
    }

    /// Reads the ways units write a period: `Quý I/2020`, `Quý 1 năm 2020`,
    /// `QUÝ IV năm 2019`, `Quý I - 2020`, `Q1/2020`, `2020-Q1`.
    pub fn parse_loose(text: &str) -> Option<Quarter> {
        let folded = fold(text);
        let tokens: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .collect();
        let mut year = None;
        let mut number = None;
        let mut after_quarter_word = false;
        for token in tokens {
            if token.len() == 4 && token.chars().all(|c| c.is_ascii_digit()) {
                if year.replace(token.parse().ok()?).is_some() {
                    return None;
                }
                after_quarter_word = false;
                continue;
            }
            if token == "quy" || token == "q" {
                after_quarter_word = true;
                continue;
            }
            let glued = token
                .strip_prefix('q')
                .filter(|rest| quarter_number(rest).is_some());
            let candidate = match (glued, after_quarter_word) {
                (Some(rest), _) => quarter_number(rest),
                (None, true) => quarter_number(token),
                (None, false) => None,
            };
            match candidate {
                Some(n) if number.is_none() => number = Some(n),
                Some(_) => return None,
                None if token == "nam" => {}
                None => return None,
            }
            after_quarter_word = false;
        }
        Quarter::new(year?, number?)
    }
}

/// What quarter words in a text name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Nothing,
    One(Quarter),
    Unclear,
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// Vietnam time, UTC+7: the zone of every date the job writes or judges
/// (a report's day, an e-mail's, a file's modification time), whatever
/// zone the machine runs in.
pub fn vietnam() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The day it is in Vietnam.
pub fn vietnam_today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&vietnam()).date_naive()
}

/// The day in Vietnam of a moment (a file's modification time).
pub fn vietnam_day(at: std::time::SystemTime) -> NaiveDate {
    vietnam_time(at).date_naive()
}

/// A moment in Vietnam time.
pub fn vietnam_time(at: std::time::SystemTime) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::<chrono::Utc>::from(at).with_timezone(&vietnam())
}

/// The `dd/mm/yyyy` (or `-`, `.`) dates in a text, in order.
pub fn dates_in(text: &str) -> Vec<NaiveDate> {
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let mut dates = Vec::new();
    let mut i = 0;
    while i + 2 < numbers.len() {
        let (d, m, y) = (numbers[i], numbers[i + 1], numbers[i + 2]);
        let date = (y.len() == 4)
            .then(|| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
            .flatten();
        match date {
            Some(date) => {
                dates.push(date);
                i += 3;
            }
            None => i += 1,
        }
    }
    dates
}

fn quarter_number(token: &str) -> Option<u8> {
    match token {
        "1" | "i" => Some(1),
        "2" | "ii" => Some(2),
        "3" | "iii" => Some(3),
        "4" | "iv" => Some(4),
        _ => None,
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = String;

    fn from_str(s: &str) -> Result<Quarter, String> {
        let bad = || format!("'{s}' is not a quarter: write it as YYYY-QN, for example 2020-Q1");
        let (year, number) = s.trim().split_once(['-', '_']).ok_or_else(bad)?;
        let number = number
            .strip_prefix(['Q', 'q'])
            .and_then(|n| n.parse().ok())
            .ok_or_else(bad)?;
        let year = year.parse().map_err(|_| bad())?;
        Quarter::new(year, number).ok_or_else(bad)
    }
}

impl<'de> serde::Deserialize<'de> for Quarter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Quarter, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_units_write() {
        let q1 = Quarter::new(2020, 1);
        let q4 = Quarter::new(2019, 4);
        let cases = [
            ("Quý I/2020", q1),
            ("Quý 1 năm 2020", q1),
            ("QUÝ 1/2020", q1),
            ("Quý I - 2020", q1),
            ("Q1/2020", q1),
            ("2020-Q1", q1),
            ("Quý IV năm 2019", q4),
            ("Qu\u{fd} IV n\u{103}m 2019", q4),
            ("Năm 2020", None),
            ("Quý V/2020", None),
            ("Quý I/2020 và Quý II/2020", None),
            ("tháng 3", None),
        ];
        for (input, want) in cases {
            assert_eq!(Quarter::parse_loose(input), want, "parse_loose({input:?})");
        }
        let dates = [
            ("Từ ngày 01/01/2020 đến ngày 31/03/2020", q1),
            ("01/10/2019 31/12/2019", q4),
            ("31/03/2020", q1),
            ("01/01/2020 - 30/06/2020", None),
            ("Từ ngày 15/12/2019 đến ngày 14/3/2020", q1),
            ("15/12/2019 - 14/03/2020", q1),
            (
                "Từ ngày 15/3/2020 đến ngày 14/6/2020",
                Quarter::new(2020, 2),
            ),
            ("Từ ngày 16/12/2019 đến ngày 14/3/2020", None),
            ("Từ ngày 15/12/2019 đến ngày 31/3/2020", None),
            ("Quý I", None),
        ];
        for (input, want) in dates {
            assert_eq!(Quarter::from_dates(input), want, "from_dates({input:?})");
        }
    }

    #[test]
    fn arithmetic() {
        let q = Quarter::new(2020, 1).unwrap();
        assert_eq!(q.previous(), Quarter::new(2019, 4).unwrap());
        assert_eq!(q.last_day(), NaiveDate::from_ymd_opt(2020, 3, 31).unwrap());
        assert_eq!(q.vietnamese(), "Quý I/2020");
        assert_eq!(q.plus(3), Quarter::new(2020, 4).unwrap());
        assert_eq!(q.plus(5), Quarter::new(2021, 2).unwrap());
        let april = NaiveDate::from_ymd_opt(2020, 4, 5).unwrap();
        assert_eq!(Quarter::last_ended(april), q);
        assert_eq!("2020-Q1".parse::<Quarter>(), Ok(q));
        assert!("2020-Q5".parse::<Quarter>().is_err());
    }
}
