//! Which figure a finding is really about. A check inside one file sees
//! only that the counts disagree (level 3 + level 4 above the total) and
//! names the last cell it read; set against what the unit wrote last
//! quarter, the figure out of line is plain: a total that lost a digit
//! (1.572 → 155) beside service counts that last quarter's total would
//! hold, or a level-4 count that gained one (121 → 1.410) beside a total
//! as last quarter's. The finding then names that figure's cell and
//! carries last quarter's figure beside it.

use crate::finding::Rule;
use crate::intake::FileOutcome;
use crate::submission::Previous;
use crate::text::vn_count;

/// How far a count may move in a quarter and still be "like last
/// quarter's": halved or doubled is out of line.
const IN_LINE: f64 = 2.0;

/// A count the consistency rules bound, now and last quarter.
struct Count {
    /// How a message names it ("Tổng số TTHC", "Số DVCTT toàn trình").
    name: String,
    cell: String,
    now: u64,
    before: u64,
}

impl Count {
    fn out_of_line(&self) -> bool {
        out_of_line(self.now, self.before)
    }
}

/// Shows last quarter's figure beside each finding on the total's or the
/// level-4 count's cell, and points `file`'s count-consistency errors
/// (level 4, or level 3 + level 4, above the total) at the count whose
/// change from last quarter explains them: the one count that moved out of
/// line (less than half or more than twice last quarter's) and whose figure
/// of last quarter would make the counts agree; when both would, neither.
/// The finding then names that count's cell, with last quarter's figure
/// beside it. `level4`: the period's name of the level.
pub(super) fn blame_against_previous(
    file: &mut FileOutcome,
    previous: Option<Previous>,
    level4_name: &str,
) {
    let Some(previous) = previous else { return };
    let Some(counts) = file.submission.as_ref().map(|s| &s.counts) else {
        return;
    };
    let (Some(total), Some(level4)) = (&counts.total, &counts.level4) else {
        return;
    };
    let level3 = match counts.level3.as_ref().map(|l| l.value) {
        Some(crate::submission::Given::Number(n)) => n,
        _ => 0,
    };
    let total = Count {
        name: "Tổng số TTHC".to_string(),
        cell: total.cell_ref(),
        now: total.value,
        before: previous.total,
    };
    let level4 = Count {
        name: format!("Số DVCTT {level4_name}"),
        cell: level4.cell_ref(),
        now: level4.value,
        before: previous.level4,
    };
    // Whatever else: a finding on either count's cell shows that count's
    // figure of last quarter beside it.
    for finding in &mut file.findings {
        finding.previous = [&total, &level4]
            .into_iter()
            .find(|c| finding.cell.as_deref() == Some(c.cell.as_str()))
            .map(|c| vn_count(c.before));
    }
    for finding in &mut file.findings {
        // The services the rule adds up, against the total, with either
        // count at last quarter's figure.
        let agree = |total: u64, level4: u64| match finding.rule {
            Rule::Level4LeTotal => level4 <= total,
            _ => level4.saturating_add(level3) <= total,
        };
        if !matches!(finding.rule, Rule::Level4LeTotal | Rule::Level34LeTotal) {
            continue;
        }
        let explains = [
            (&total, agree(total.before, level4.now)),
            (&level4, agree(total.now, level4.before)),
        ];
        let mut blamed = explains
            .iter()
            .filter(|(count, fits)| *fits && count.out_of_line())
            .map(|(count, _)| *count);
        let (Some(count), None) = (blamed.next(), blamed.next()) else {
            continue;
        };
        if finding.cell.as_deref() != Some(count.cell.as_str()) {
            finding.message.push_str(&format!(
                " {} ({}) ghi {}, quý trước {}: với số quý trước, các số liệu khớp nhau, nên nhiều khả năng ô này ghi sai.",
                count.name,
                count.cell,
                vn_count(count.now),
                vn_count(count.before)
            ));
            finding.cell = Some(count.cell.clone());
            // What was typed was another cell's: this one's figure instead.
            finding.typed = Some(vn_count(count.now));
        }
        finding.previous = Some(vn_count(count.before));
    }
}

/// `now` is more than `IN_LINE` times away from `before`, either way.
fn out_of_line(now: u64, before: u64) -> bool {
    let (now, before) = (now as f64, before as f64);
    match before {
        0.0 => now > 0.0,
        _ => now * IN_LINE < before || now > before * IN_LINE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_halved_or_doubled_is_out_of_line() {
        let cases = [
            (155, 1572, true),
            (1572, 1572, false),
            (800, 1572, false),
            (785, 1572, true),
            (3200, 1572, true),
            (0, 0, false),
            (3, 0, true),
        ];
        for (now, before, want) in cases {
            assert_eq!(out_of_line(now, before), want, "{now} against {before}");
        }
    }
}
