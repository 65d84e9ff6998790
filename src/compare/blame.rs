//! Which figure a finding is really about. A check inside one file sees
//! only that the counts disagree (level 3 + level 4 above the total) and
//! names the last cell it read; set against what the unit wrote last
//! quarter, the figure out of line is plain: a total that lost a digit
//! (1.572 → 155) beside service counts that last quarter's total would
//! hold. The finding then names the total's cell and carries last
//! quarter's figure beside it.

use crate::finding::Rule;
use crate::intake::FileOutcome;
use crate::submission::Previous;
use crate::text::vn_count;

/// How far a count may move in a quarter and still be "like last
/// quarter's": halved or doubled is out of line.
const IN_LINE: f64 = 2.0;

/// Shows last quarter's figure beside each finding on the total's or the
/// level-4 count's cell, and points `file`'s count-consistency errors at
/// its total's cell, with last
/// quarter's total, when the total is what moved out of line: it is less
/// than half or more than twice last quarter's, and the services it is too
/// small for (level 4, and level 3 when given) would fit last quarter's.
pub(super) fn blame_against_previous(file: &mut FileOutcome, previous: Option<Previous>) {
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
    let services = level4.value.saturating_add(level3);
    let (cell, now) = (total.cell_ref(), total.value);
    // Whatever else: a finding on either count's cell shows that count's
    // figure of last quarter beside it.
    let level4_cell = level4.cell_ref();
    for finding in &mut file.findings {
        finding.previous = match finding.cell.as_deref() {
            Some(c) if c == cell => Some(vn_count(previous.total)),
            Some(c) if c == level4_cell => Some(vn_count(previous.level4)),
            _ => None,
        };
    }
    if !out_of_line(total.value, previous.total) || services > previous.total {
        return;
    }
    for finding in &mut file.findings {
        if !matches!(finding.rule, Rule::Level4LeTotal | Rule::Level34LeTotal) {
            continue;
        }
        finding.message.push_str(&format!(
            " Tổng số TTHC ({cell}) ghi {}, quý trước {}: số dịch vụ công ghi trong báo cáo không vượt tổng số quý trước, nên nhiều khả năng ô tổng số ghi sai.",
            vn_count(now),
            vn_count(previous.total)
        ));
        finding.cell = Some(cell.clone());
        finding.typed = Some(vn_count(now));
        finding.previous = Some(vn_count(previous.total));
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
