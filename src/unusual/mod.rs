//! Unusual changes: a unit's ratio change set against its own earlier
//! quarter-on-quarter changes with robust statistics, and what moved, in
//! words. Robust because a unit has few changes and they are skewed (a list
//! revision now and then): a plain mean and standard deviation over four of
//! them fire on ordinary quarters (issue #15).

use serde::Serialize;

use crate::config::HistoryConfig;
use crate::history::{Acceptances, History};
use crate::quarter::Quarter;
use crate::roster::{Lineage, Roster};
use crate::submission::Figures;
use crate::submission::Previous;
use crate::text::vn_count;

/// Makes the MAD of normally spread changes comparable to a standard
/// deviation (Iglewicz and Hoaglin's modified z-score).
const MAD_TO_Z: f64 = 0.6745;

/// A part's share of the ratio's movement from which it is named as a cause.
const CAUSE_SHARE: f64 = 0.25;

/// Where the unit's usual change stands, from its past changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usual {
    /// How many past changes the statistics come from.
    pub changes: usize,
    pub median: f64,
    /// Median absolute deviation from the median, before the floor.
    pub mad: f64,
    /// Plain mean and standard deviation, kept for summary.json readers.
    pub mean: f64,
    pub sd: f64,
}

/// A change flagged `unusual_change`, with its reasons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unusual {
    /// The change, in percentage points.
    pub change: f64,
    pub usual: Usual,
    /// The modified z-score (signed).
    pub score: f64,
    pub cause: Cause,
    /// The reviewer accepted it (a line in the acceptance file).
    pub accepted: bool,
}

/// Which part of the ratio moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The number of procedures (the denominator).
    Total,
    /// The number of level-4 services.
    Level4,
    Both,
}

/// What moved between the two quarters: the counts, and how much of the
/// ratio's change each part accounts for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cause {
    pub part: Part,
    pub before: Previous,
    pub after: Previous,
    /// Points of ratio change from the total alone (level-4 count held).
    pub total_effect: f64,
    /// Points from the level-4 count, over the new total.
    pub level4_effect: f64,
}

/// The statistics of `past` changes, once there are enough of them.
pub fn usual(past: &[f64], config: &HistoryConfig) -> Option<Usual> {
    if past.is_empty() || past.len() < config.unusual_min_changes as usize {
        return None;
    }
    let mid = median(past.to_vec());
    let mad = median(past.iter().map(|c| (c - mid).abs()).collect());
    let n = past.len() as f64;
    let mean = past.iter().sum::<f64>() / n;
    let variance = past.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    Some(Usual {
        changes: past.len(),
        median: mid,
        mad,
        mean,
        sd: variance.sqrt(),
    })
}

/// The modified z-score of `change`, or None when it is not unusual: too
/// little history, too small a change (itself, or away from the usual one),
/// or within the threshold.
pub fn score(change: f64, usual: &Usual, config: &HistoryConfig) -> Option<f64> {
    let away = change - usual.median;
    if change.abs() < config.unusual_min_points || away.abs() < config.unusual_min_points {
        return None;
    }
    let score = MAD_TO_Z * away / usual.mad.max(config.unusual_mad_floor_points);
    (score.abs() > config.unusual_threshold).then_some(score)
}

/// The unit's past quarter-on-quarter ratio changes, in points, wherever two
/// consecutive quarters are known, followed through its lineage (a merged
/// province's changes before the merger are its predecessors' sums'; none
/// across a split). A change a reviewer accepted, for the unit or one of
/// those summed into it, is left out: it was a one-off (a portal launched,
/// a list rebuilt), not how the unit usually moves, and the quarters after
/// it are changes from the new level.
pub fn past_changes(
    history: &History,
    roster: &Roster,
    code: &str,
    accepted: &Acceptances,
) -> Vec<f64> {
    let accepted_in = |q: Quarter| {
        accepted.contains(q, code)
            || matches!(roster.lineage(code, q), Lineage::Sum(units)
                if units.iter().any(|u| accepted.contains(q, &u.code)))
    };
    history
        .quarters()
        .into_iter()
        .filter(|q| !accepted_in(*q))
        .filter_map(|q| {
            let before = history
                .along_lineage(roster, code, q.previous())?
                .0
                .ratio()?;
            let now = history.along_lineage(roster, code, q)?.0.ratio()?;
            Some((now - before) * 100.0)
        })
        .collect()
}

/// The unit's change judged against its history: Some when unusual. A
/// change where neither count moved by `unusual_min_count` is not, whatever
/// its points: a small unit's ordinary growth.
pub fn assess(
    now: &Figures,
    before: &Previous,
    past: &[f64],
    accepted: bool,
    config: &HistoryConfig,
) -> Option<Unusual> {
    let after = Previous {
        total: now.total,
        level4: now.level4,
    };
    let change = (after.ratio()? - before.ratio()?) * 100.0;
    let moved = after
        .total
        .abs_diff(before.total)
        .max(after.level4.abs_diff(before.level4));
    if moved < config.unusual_min_count {
        return None;
    }
    let usual = usual(past, config)?;
    let score = score(change, &usual, config)?;
    Some(Unusual {
        change,
        usual,
        score,
        cause: Cause::between(*before, after),
        accepted,
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

impl Cause {
    /// Splits the ratio's change into the part due to the new total (the
    /// old level-4 count over the new total) and the part due to the
    /// level-4 count (its change over the new total); they add up to the
    /// change. A part is named when it accounts for a quarter of the
    /// movement or more.
    pub fn between(before: Previous, after: Previous) -> Cause {
        let (t0, t1) = (before.total as f64, after.total as f64);
        let (l0, l1) = (before.level4 as f64, after.level4 as f64);
        let (total_effect, level4_effect) = if t0 > 0.0 && t1 > 0.0 {
            ((l0 / t1 - l0 / t0) * 100.0, (l1 - l0) / t1 * 100.0)
        } else {
            (0.0, 0.0)
        };
        let moved = total_effect.abs() + level4_effect.abs();
        let named = |effect: f64| moved > 0.0 && effect.abs() / moved >= CAUSE_SHARE;
        let part = match (named(total_effect), named(level4_effect)) {
            (true, false) => Part::Total,
            (false, true) => Part::Level4,
            _ => Part::Both,
        };
        Cause {
            part,
            before,
            after,
            total_effect,
            level4_effect,
        }
    }

    /// `Tổng số TTHC giảm 14%: 2.202 → 1.890`, `Số DVCTT mức độ 4 tăng 41:
    /// 320 → 361`, or both, joined by `; `. `level4` is the period's word
    /// (`mức độ 4`, `toàn trình`).
    pub fn vietnamese(&self, level4: &str) -> String {
        let total = || {
            let (b, a) = (self.before.total, self.after.total);
            match a.cmp(&b) {
                std::cmp::Ordering::Equal => format!("Tổng số TTHC không đổi: {}", vn_count(a)),
                o => format!(
                    "Tổng số TTHC {} {}: {} → {}",
                    if o.is_gt() { "tăng" } else { "giảm" },
                    vn_share(a.abs_diff(b) as f64 / b.max(1) as f64),
                    vn_count(b),
                    vn_count(a)
                ),
            }
        };
        let services = || {
            let (b, a) = (self.before.level4, self.after.level4);
            match a.cmp(&b) {
                std::cmp::Ordering::Equal => {
                    format!("Số DVCTT {level4} không đổi: {}", vn_count(a))
                }
                o => format!(
                    "Số DVCTT {level4} {} {}: {} → {}",
                    if o.is_gt() { "tăng" } else { "giảm" },
                    vn_count(a.abs_diff(b)),
                    vn_count(b),
                    vn_count(a)
                ),
            }
        };
        match self.part {
            Part::Total => total(),
            Part::Level4 => services(),
            Part::Both => format!("{}; {}", total(), services()),
        }
    }
}

impl Unusual {
    /// The flag's message in Vietnamese: the cause, then the change against
    /// the unit's usual one. Rendered by the comparison sheet and stdout.
    /// `printed_change`: the change as the two printed ratios give it
    /// (`UnitReport::change_points`), which every output shows; `change`
    /// stays unrounded for the judgement.
    pub fn message(&self, level4: &str, printed_change: f64) -> String {
        format!(
            "{}; tỷ lệ thay đổi {} điểm %, thường {} điểm % (trung vị của {} quý trước)",
            self.cause.vietnamese(level4),
            vn_points(printed_change),
            vn_points(self.usual.median),
            self.usual.changes
        )
    }
}

/// `14%` from 0.1417, `2,5%` under ten percent: a relative change in words.
fn vn_share(fraction: f64) -> String {
    let pct = fraction * 100.0;
    if pct >= 10.0 {
        format!("{pct:.0}%")
    } else {
        format!("{pct:.1}%").replace('.', ",").replace(",0%", "%")
    }
}

/// `+9,00`: signed points with a decimal comma.
pub fn vn_points(points: f64) -> String {
    let points = if points.abs() < 0.005 { 0.0 } else { points };
    format!("{points:+.2}").replace('.', ",")
}

#[cfg(test)]
mod tests;
