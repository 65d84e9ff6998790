//! Where each group stands, by name: the units that reach the target, those
//! under the very-low line, those missing and those rejected, and the
//! nation's pooled ratio against the previous quarter's. The draft letter
//! states these; they are decided here, from the bands and statuses `build`
//! set, so that the letter and the sheets can never disagree.

use super::{Band, QuarterReport, Shown, Status, UnitReport};
use crate::quarter::Quarter;
use crate::roster::Group;

/// A group's units by where they stand, each list in Vietnamese
/// alphabetical order, as a letter names them (the counts are the group's
/// `Totals`).
#[derive(Debug)]
pub struct Standing<'a> {
    /// Empty when the year has no target.
    pub at_target: Vec<&'a UnitReport>,
    pub very_low: Vec<&'a UnitReport>,
    pub missing: Vec<&'a UnitReport>,
    pub rejected: Vec<&'a UnitReport>,
}

/// The nation's (or a group's) pooled ratio in the quarter before the
/// report's, and how this quarter's compares with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PreviousPooled {
    pub quarter: Quarter,
    pub ratio: f64,
    /// The change to this quarter's pooled ratio, when this quarter has one
    /// and the same units stand behind both (`same_units`).
    pub change: Option<Change>,
    /// The units accepted now that had figures then, both quarters pooled
    /// over them alone; none when no unit has both.
    pub common: Option<CommonUnits>,
    /// Whether the units behind this quarter's pooled ratio are exactly the
    /// ones behind the previous quarter's: only then do the two national
    /// figures compare (12 units now against 83 then is no change at all).
    pub same_units: bool,
}

/// Two quarters pooled over the same units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommonUnits {
    pub units: usize,
    pub before: f64,
    pub now: f64,
    /// As the two ratios read printed.
    pub direction: Direction,
}

/// A change between two ratios as they are printed (percent, two
/// decimals): 14,18% against 11,50% is 2,68 points, so that a reader who
/// subtracts the two figures finds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Percentage points, signed, to two decimals.
    pub points: f64,
    pub direction: Direction,
}

/// Which way a ratio moved, as the two figures read printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Same,
}

impl Direction {
    /// The word the letter template is given (`templates/cong-van.j2`).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "tang",
            Direction::Down => "giam",
            Direction::Same => "khong_doi",
        }
    }

    fn of(points: f64) -> Direction {
        match points {
            p if p > 0.0 => Direction::Up,
            p if p < 0.0 => Direction::Down,
            _ => Direction::Same,
        }
    }
}

/// A ratio (a fraction) in percent as the outputs print it, to two decimals.
pub fn printed_percent(ratio: f64) -> f64 {
    (ratio * 10_000.0).round() / 100.0
}

/// The change from `before` to `now` between the two as printed.
pub fn change_between(before: f64, now: f64) -> Change {
    let points = ((printed_percent(now) - printed_percent(before)) * 100.0).round() / 100.0;
    Change {
        points,
        direction: Direction::of(points),
    }
}

impl QuarterReport {
    pub fn standing(&self, group: Group) -> Standing<'_> {
        let units: Vec<&UnitReport> = self.units.iter().filter(|u| u.group == group).collect();
        let picked = |keep: &dyn Fn(&UnitReport) -> bool| -> Vec<&UnitReport> {
            let mut out: Vec<&UnitReport> = units.iter().copied().filter(|u| keep(u)).collect();
            out.sort_by(|a, b| crate::collate::compare(&a.name, &b.name));
            out
        };
        // Only an accepted report's figures stand anywhere, and only those
        // the pooled figures count (not one left out awaiting confirmation).
        let shown = |want: Shown| move |u: &UnitReport| u.shown() == want;
        Standing {
            at_target: picked(&shown(Shown::Band(Band::AtTarget))),
            very_low: picked(&shown(Shown::Band(Band::VeryLow))),
            missing: picked(&shown(Shown::Missing)),
            rejected: picked(&shown(Shown::Rejected)),
        }
    }

    /// A group's units with no valid figures this quarter (missing or
    /// rejected), roster order: the appendix notes them under its table.
    pub fn absent(&self, group: Group) -> Vec<&UnitReport> {
        self.units
            .iter()
            .filter(|u| u.group == group && u.status != Status::Accepted)
            .collect()
    }

    /// The previous quarter's national pooled ratio as it was published (and
    /// as `Diễn biến` shows it: every unit pooled then), when reports/ holds
    /// that quarter.
    pub fn previous_pooled(&self) -> Option<PreviousPooled> {
        self.previous_pooled_in(None)
    }

    /// The same for a group's units alone (`None`: the nation's), so that a
    /// group's change is said on like-for-like units as the nation's is.
    pub fn previous_pooled_in(&self, group: Option<Group>) -> Option<PreviousPooled> {
        let quarter = self.quarter.previous();
        let at = self.trend.quarters.iter().position(|q| *q == quarter)?;
        let (_, series) = self.trend.pooled.iter().find(|(g, _)| *g == group)?;
        let ratio = (*series.get(at)?)?;
        let units: Vec<&UnitReport> = self
            .units
            .iter()
            .filter(|u| group.is_none_or(|g| u.group == g))
            .collect();
        // Like for like: the units pooled now whose figures the previous
        // quarter published (pooled then, not held back).
        let had_figures = units.iter().filter(|u| u.previous_pooled).count();
        let mut accepted = 0;
        // (units, Σ total now, Σ level 4 now, Σ total then, Σ level 4 then)
        let mut sums = (0usize, 0u64, 0u64, 0u64, 0u64);
        for unit in units.iter().filter(|u| u.pooled) {
            accepted += 1;
            if let (Some(now), Some(then), true) =
                (&unit.figures, &unit.previous, unit.previous_pooled)
            {
                sums.0 += 1;
                sums.1 += now.total;
                sums.2 += now.level4;
                sums.3 += then.total;
                sums.4 += then.level4;
            }
        }
        let (units, total, level4, total_then, level4_then) = sums;
        let common = (units > 0 && total > 0 && total_then > 0).then(|| {
            let (before, now) = (
                level4_then as f64 / total_then as f64,
                level4 as f64 / total as f64,
            );
            CommonUnits {
                units,
                before,
                now,
                direction: change_between(before, now).direction,
            }
        });
        let same_units = units == accepted && units == had_figures;
        let now = self.totals(group).pooled_ratio;
        Some(PreviousPooled {
            quarter,
            ratio,
            change: now
                .filter(|_| same_units)
                .map(|now| change_between(ratio, now)),
            common,
            same_units,
        })
    }
}
