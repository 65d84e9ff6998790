//! A unit's figures against the previous quarter's, and why it lags. Pure:
//! figures and thresholds in, flags and reasons out. Every decision uses the
//! ratio computed from the counts, unrounded.

use serde::Serialize;

use crate::config::Config;
use crate::submission::{Figures, Previous, Status};

/// What the comparison with the previous quarter points out. Ids are stable API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Fewer level-4 services than last quarter.
    Level4Fell,
    /// The number of procedures changed by more than the threshold.
    TotalChanged,
    /// The ratio rose by more than the threshold.
    RatioJump,
    /// No figure for the previous quarter.
    NoPrevious,
    /// The ratio's change is far outside the unit's own history.
    UnusualChange,
    /// A part of another unit passed to this one (or a part of it left) since
    /// the previous quarter: its figures then are not comparable, so no other flag.
    StructureChanged,
    /// The previous quarter's figure was never confirmed (held back, not
    /// accepted or explained since) and no earlier one was: nothing
    /// confirmed to compare with, so this figure waits too.
    PreviousUnconfirmed,
}

impl Flag {
    /// `level4`: the period's name of the level ("mức độ 4", "toàn trình").
    pub fn vietnamese(self, level4: &str) -> String {
        match self {
            Flag::Level4Fell => return format!("Số DVCTT {level4} giảm"),
            Flag::TotalChanged => "Tổng số TTHC thay đổi nhiều",
            Flag::RatioJump => "Tỷ lệ tăng bất thường",
            Flag::NoPrevious => "Không có số liệu quý trước",
            Flag::UnusualChange => "Thay đổi bất thường so với các quý trước",
            Flag::StructureChanged => "Cơ cấu đơn vị thay đổi, không so sánh với quý trước",
            Flag::PreviousUnconfirmed => {
                "Số liệu quý trước chưa được xác nhận, chưa có số liệu đã xác nhận để so sánh"
            }
        }
        .to_string()
    }
}

/// The change in percentage points, and the flags.
pub fn compare(
    current: &Figures,
    previous: Option<&Previous>,
    config: &Config,
) -> (Option<f64>, Vec<Flag>) {
    let Some(previous) = previous else {
        return (None, vec![Flag::NoPrevious]);
    };
    let mut flags = Vec::new();
    if current.level4 < previous.level4 {
        flags.push(Flag::Level4Fell);
    }
    if previous.total > 0 {
        let change = (current.total as f64 - previous.total as f64).abs() / previous.total as f64;
        if change * 100.0 > config.compare.total_change_percent {
            flags.push(Flag::TotalChanged);
        }
    }
    let change_points = match (current.ratio(), previous.ratio()) {
        (Some(now), Some(before)) => Some((now - before) * 100.0),
        _ => None,
    };
    if change_points.is_some_and(|p| p > config.compare.ratio_rise_points) {
        flags.push(Flag::RatioJump);
    }
    (change_points, flags)
}

/// Why a unit is on the lagging list, worst first. Ids are stable API.
/// Lateness is not among them: a late report is listed on its own
/// (`Đơn vị nộp muộn`), never a reason to call a unit lagging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Missing,
    Rejected,
    VeryLow,
    /// Under the target this quarter and the quarters before it, at least
    /// `[lagging] quarters_under_target` in a row (`compare::past`).
    UnderTargetInARow,
    Level4Fell,
    BelowTarget,
    /// An unusual change that waits for a person and is left out of the
    /// national figures (`compare.unconfirmed = "left_out"`): the unit's
    /// standing is not settled, so it is listed, never dropped silently
    /// from a list it was on.
    AwaitingConfirmation,
}

impl Reason {
    pub fn vietnamese(self, target: Option<f64>, very_low: f64, level4: &str) -> String {
        let pct = |f: f64| crate::text::vn_percent(f).replace(",00", "");
        match self {
            Reason::Missing => "Chưa nộp báo cáo".to_string(),
            Reason::Rejected => "Báo cáo không hợp lệ".to_string(),
            Reason::VeryLow => format!("Tỷ lệ rất thấp (dưới {})", pct(very_low)),
            Reason::UnderTargetInARow => "Chưa đạt chỉ tiêu nhiều quý liên tiếp".to_string(),
            Reason::Level4Fell => format!("Số DVCTT {level4} giảm so với quý trước"),
            Reason::BelowTarget => match target {
                Some(target) => format!("Chưa đạt chỉ tiêu {}", pct(target)),
                None => "Chưa đạt chỉ tiêu".to_string(),
            },
            Reason::AwaitingConfirmation => {
                "Số liệu thay đổi bất thường so với quý trước, đang chờ xác nhận, chưa tính vào số liệu chung".to_string()
            }
        }
    }
}

/// Where a unit's ratio stands against the year's lines: what the charts colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    VeryLow,
    BelowTarget,
    AtTarget,
    /// No ratio, or no target for the year and over the very-low line.
    Unjudged,
}

pub fn band(ratio: Option<f64>, target: Option<f64>, very_low: f64) -> Band {
    match (ratio, target) {
        (Some(r), _) if r < very_low => Band::VeryLow,
        (Some(r), Some(t)) if r < t => Band::BelowTarget,
        (Some(_), Some(_)) => Band::AtTarget,
        _ => Band::Unjudged,
    }
}

/// `target` and `very_low` are fractions (0.3, 0.05). A unit lags when it
/// sent no valid report or its ratio is under the target; with no target for
/// the year, only a ratio under the very-low line makes it lag. A fall in
/// level-4 services is added as a reason only for a unit that lags, and so
/// is `in_a_row`: the unit has been under the target at least the configured
/// number of quarters running (`compare::past::quarters_under_target`).
pub fn lagging_reasons(
    status: Status,
    ratio: Option<f64>,
    flags: &[Flag],
    target: Option<f64>,
    very_low: f64,
    in_a_row: bool,
) -> Vec<Reason> {
    let mut reasons = match status {
        Status::Missing => vec![Reason::Missing],
        Status::Rejected => vec![Reason::Rejected],
        Status::Accepted => Vec::new(),
    };
    let lags = |r: f64| target.map_or(r < very_low, |t| r < t);
    if let Some(ratio) = ratio.filter(|r| lags(*r)) {
        if target.is_some() {
            reasons.push(Reason::BelowTarget);
        }
        if ratio < very_low {
            reasons.push(Reason::VeryLow);
        }
        if flags.contains(&Flag::Level4Fell) {
            reasons.push(Reason::Level4Fell);
        }
        if in_a_row && target.is_some() {
            reasons.push(Reason::UnderTargetInARow);
        }
    }
    reasons.sort();
    reasons
}

/// The reasons the lists print: "under the target" is said once, by
/// "under the target quarters in a row" (which gives the count), never twice.
pub fn listed(reasons: &[Reason]) -> Vec<Reason> {
    let in_a_row = reasons.contains(&Reason::UnderTargetInARow);
    reasons
        .iter()
        .copied()
        .filter(|r| !(in_a_row && *r == Reason::BelowTarget))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(total: u64, level4: u64) -> Figures {
        Figures {
            total,
            level4,
            level3: crate::submission::Optional::Blank,
            dossier_services: crate::submission::Optional::Blank,
            dossiers: crate::submission::Optional::Blank,
            online_dossiers: crate::submission::Optional::Blank,
        }
    }

    #[test]
    fn flags_follow_the_thresholds() {
        let config = Config::default();
        let prev = Previous {
            total: 1000,
            level4: 100,
        };
        let cases: [(Figures, Option<Previous>, &[Flag]); 6] = [
            (figures(1000, 100), Some(prev), &[]),
            (figures(1000, 99), Some(prev), &[Flag::Level4Fell]),
            (figures(1101, 110), Some(prev), &[Flag::TotalChanged]),
            (figures(1100, 110), Some(prev), &[]),
            (figures(1000, 360), Some(prev), &[Flag::RatioJump]),
            (figures(1000, 100), None, &[Flag::NoPrevious]),
        ];
        for (now, before, want) in cases {
            let (_, got) = compare(&now, before.as_ref(), &config);
            assert_eq!(got, want, "{now:?} vs {before:?}");
        }
    }

    #[test]
    fn a_rounded_thirty_percent_is_still_below_target() {
        // Lào Cai in the 929 appendix: 620 of 2,076 is 29.865%, printed "30%".
        let ratio = figures(2076, 620).ratio();
        let reasons = lagging_reasons(Status::Accepted, ratio, &[], Some(0.30), 0.05, false);
        assert_eq!(reasons, vec![Reason::BelowTarget]);
    }

    #[test]
    fn reasons_come_worst_first() {
        let reasons = lagging_reasons(
            Status::Accepted,
            Some(0.01),
            &[Flag::Level4Fell],
            Some(0.3),
            0.05,
            true,
        );
        assert_eq!(
            reasons,
            vec![
                Reason::VeryLow,
                Reason::UnderTargetInARow,
                Reason::Level4Fell,
                Reason::BelowTarget
            ]
        );
        assert_eq!(
            lagging_reasons(Status::Missing, None, &[], Some(0.3), 0.05, false),
            vec![Reason::Missing]
        );
    }

    #[test]
    fn a_unit_at_the_target_does_not_lag_even_when_level4_fell() {
        let reasons = lagging_reasons(
            Status::Accepted,
            Some(0.31),
            &[Flag::Level4Fell],
            Some(0.3),
            0.05,
            false,
        );
        assert!(reasons.is_empty(), "{reasons:?}");
    }

    #[test]
    fn bands_follow_the_lines_unrounded() {
        let lao_cai = figures(2076, 620).ratio();
        assert_eq!(band(lao_cai, Some(0.3), 0.05), Band::BelowTarget);
        assert_eq!(band(Some(0.3), Some(0.3), 0.05), Band::AtTarget);
        assert_eq!(band(Some(0.049), Some(0.3), 0.05), Band::VeryLow);
        assert_eq!(band(Some(0.049), None, 0.05), Band::VeryLow);
        assert_eq!(band(Some(0.2), None, 0.05), Band::Unjudged);
        assert_eq!(band(None, Some(0.3), 0.05), Band::Unjudged);
    }

    #[test]
    fn with_no_target_only_a_very_low_ratio_lags() {
        let fell = [Flag::Level4Fell];
        assert!(lagging_reasons(Status::Accepted, Some(0.06), &fell, None, 0.05, true).is_empty());
        assert_eq!(
            lagging_reasons(Status::Accepted, Some(0.04), &fell, None, 0.05, false),
            vec![Reason::VeryLow, Reason::Level4Fell]
        );
    }
}
