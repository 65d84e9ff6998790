//! Small decisions over a field's candidates: words settled by the sheet's
//! value column, the order the rules are trusted in, and when two
//! candidates give the same value.

use super::labels::Field;
use super::locate::{Candidate, Value};
use crate::quarter::{Named, Quarter};
use crate::submission::How;

/// Words right of a count's label stand in the sheet's value column (where
/// most values right of labels are) when they are the value typed as words;
/// elsewhere they are a unit of measure, and the value is missing.
pub fn settle_words(readings: &mut [Candidate]) {
    let mut columns: Vec<u32> = readings
        .iter()
        .filter(|r| r.how == How::RightOfLabel)
        .filter_map(|r| match &r.value {
            Some((Value::Words(_), _, _)) | None => None,
            Some((_, at, _)) => Some(at.1),
        })
        .collect();
    columns.sort_unstable();
    let mut best: Option<(usize, u32)> = None;
    for c in &columns {
        let n = columns.iter().filter(|x| *x == c).count();
        if best.is_none_or(|(bn, bc)| n > bn || (n == bn && *c > bc)) {
            best = Some((n, *c));
        }
    }
    let value_col = best.map(|(_, c)| c);
    for reading in readings {
        if let Some((Value::Words(words), _, _)) = &reading.value {
            // `không có`, `không áp dụng` is an answer wherever it stands.
            let answer = words
                .iter()
                .find(|(_, text, _)| crate::text::says_not_applicable(text));
            let pick = match value_col {
                _ if answer.is_some() => answer,
                Some(vc) => words.iter().find(|(c, _, _)| *c == vc),
                None => words.last(),
            };
            reading.value =
                pick.map(|(_, text, at)| (Value::Text(text.clone()), *at, text.clone()));
        }
    }
}

/// The order the rules are trusted in, for the cell a finding names.
pub fn rank(how: How) -> u8 {
    match how {
        How::InLabelCell => 0,
        How::RightOfLabel => 1,
        How::UnderHeader => 2,
        How::HeadingBlock | How::Title | How::FileName | How::DateLine => 3,
        How::SheetName => 4,
    }
}

/// The value a reading gives, for comparing two readings.
pub fn same_value(field: Field, a: &Value, b: &Value) -> bool {
    // Periods disagree only when both name a quarter; one that names none is
    // said as unrecognised.
    if field == Field::Period
        && let (Value::Text(a), Value::Text(b)) = (a, b)
    {
        return match (period_of(a), period_of(b)) {
            (Some(qa), Some(qb)) => qa == qb,
            _ => true,
        };
    }
    // Dates agree when they name the same day, however written
    // (`05/04/2020`, `Bắc Ninh, ngày 5 tháng 4 năm 2020`).
    if field == Field::ReportDate {
        let day = |v: &Value| match v {
            Value::Date(d) => Some(*d),
            Value::Text(t) => super::dates::parse_date_text(t),
            _ => None,
        };
        if let (Some(a), Some(b)) = (day(a), day(b)) {
            return a == b;
        }
    }
    // A unit named in the heading block and in the title, however spelt.
    if field == Field::Unit
        && let (Value::Text(a), Value::Text(b)) = (a, b)
    {
        return crate::roster::name_key(a) == crate::roster::name_key(b);
    }
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.trim() == b.trim(),
        // A count and the same count typed as a percentage are not one value.
        (Value::Number { value: x, .. }, Value::Number { value: y, .. }) => x == y,
        _ => a == b,
    }
}

/// The quarter a period cell gives. Quarter words win over dates: a cut-off
/// date written beside the quarter in the same cell (`Quý I/2020 (số liệu
/// tính đến ngày 05/04/2020)`) is a note, not the period; a date range that
/// is a whole other quarter contradicts the words, and nothing is read.
pub fn period_of(text: &str) -> Option<Quarter> {
    if let Some(q) = Quarter::parse_loose(text) {
        return Some(q);
    }
    match Quarter::named_in(text) {
        Named::Nothing => Quarter::from_dates(text),
        // `Quý I (từ ngày 01/01/2020 đến ngày 31/3/2020)`: the range is that
        // very quarter, and gives its year.
        Named::Unclear => Quarter::range_in(text)
            .filter(|q| Quarter::number_without_year(text) == Some(q.number())),
        Named::One(q) => match Quarter::range_in(text) {
            Some(other) if other != q => None,
            _ => Some(q),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_in_the_period_cell_is_not_the_period() {
        let q1 = Quarter::new(2020, 1);
        let cases = [
            ("Quý I/2020 (Số liệu tính đến ngày 05/04/2020)", q1),
            ("3 tháng đầu năm 2020", q1),
            ("Báo cáo 3 tháng đầu năm 2020 (đến 31/3/2020)", q1),
            ("Quý I năm 2020 - tính đến ngày 31/3/2020", q1),
            ("Quý 1/2020, số liệu đến 15/4/2020", q1),
            ("Báo cáo Q1/2020 (cập nhật 02/04/2020)", q1),
            ("Quý I/2020 (từ 01/01/2020 đến 31/03/2020)", q1),
            // A whole other quarter's dates contradict the words.
            ("Quý I/2020 (từ 01/04/2020 đến 30/06/2020)", None),
            ("Quý I/2020, Quý II/2020", None),
            // Dates alone still give a period.
            ("Từ ngày 01/01/2020 đến ngày 31/03/2020", q1),
            ("15/02/2020", q1),
            // A quarter without its year, beside a date, is not guessed.
            ("Quý I (số liệu đến 05/04/2020)", None),
            ("Quý IV (số liệu đến 05/01/2020)", None),
            // The range is the quarter named without its year: its year.
            ("Quý I (từ ngày 01/01/2020 đến ngày 31/3/2020)", q1),
            ("Quý II (từ ngày 01/01/2020 đến ngày 31/3/2020)", None),
            // The document's one year.
            ("BÁO CÁO CUNG CẤP DVCTT NĂM 2020 - BÁO CÁO QUÝ I", q1),
            // Six or nine months are no quarter; the first three and another
            // quarter's words disagree.
            ("6 tháng đầu năm 2020", None),
            ("3 tháng đầu năm 2020 (Quý II/2020)", None),
        ];
        for (text, want) in cases {
            assert_eq!(period_of(text), want, "{text}");
        }
    }
}
