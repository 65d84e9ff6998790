//! Small decisions over a field's readings: words settled by the sheet's
//! value column, the order the rules are trusted in, and when two readings
//! give the same value.

use super::labels::Field;
use super::locate::{Reading, Value};
use crate::quarter::Quarter;
use crate::submission::How;

/// Words right of a count's label stand in the sheet's value column (where
/// most values right of labels are) when they are the value typed as words;
/// elsewhere they are a unit of measure, and the value is missing.
pub fn settle_words(readings: &mut [Reading]) {
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
            let pick = match value_col {
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
        How::HeadingBlock | How::Title | How::FileName => 3,
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
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.trim() == b.trim(),
        _ => a == b,
    }
}

pub fn period_of(text: &str) -> Option<Quarter> {
    Quarter::parse_loose(text).or_else(|| Quarter::from_dates(text))
}
