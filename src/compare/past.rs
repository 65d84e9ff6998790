//! Further back than the previous quarter: the same quarter a year before,
//! and how many quarters in a row a unit has been under the target. Both
//! follow the unit's lineage through mergers (`History::along_lineage`),
//! the way the previous quarter does.

use super::Previous;
use crate::config::Config;
use crate::history::History;
use crate::quarter::Quarter;
use crate::roster::Roster;

/// A unit's figures in the same quarter a year before, and the change since.
#[derive(Debug, Clone, PartialEq)]
pub struct YearAgo {
    pub quarter: Quarter,
    pub figures: Previous,
    /// The units (code, name) summed: more than one after a merger.
    pub sources: Vec<(String, String)>,
    /// This quarter's ratio minus that one, in percentage points.
    pub change_points: Option<f64>,
}

/// The quarter four quarters before `quarter`.
pub fn year_before(quarter: Quarter) -> Quarter {
    (0..4).fold(quarter, |q, _| q.previous())
}

/// The unit's figures a year before `quarter`, where the history has them
/// (for every unit its lineage sums: a partial sum would read as a fall);
/// None across a split, or with nothing on record.
pub fn year_ago(
    history: &History,
    roster: &Roster,
    code: &str,
    quarter: Quarter,
    now: Option<f64>,
) -> Option<YearAgo> {
    let then = year_before(quarter);
    let (figures, _) = history.along_lineage(roster, code, then)?;
    let sources = match roster.lineage(code, then) {
        crate::roster::Lineage::Sum(units) => units
            .iter()
            .map(|u| (u.code.clone(), u.name.clone()))
            .collect(),
        crate::roster::Lineage::StructureChanged(_) => return None,
    };
    // As the two ratios read printed (`change_between`).
    let change_points = now
        .zip(figures.ratio())
        .map(|(now, before)| super::change_between(before, now).points);
    Some(YearAgo {
        quarter: then,
        figures,
        sources,
        change_points,
    })
}

/// How many quarters in a row, ending with `quarter` and counting it, the
/// unit's ratio has been under its year's target. None when this quarter
/// cannot be judged (no ratio, or no target for the year). Going back, a
/// quarter with no figure on record, no target for its year, or a split in
/// the unit's lineage ends the run: it is not known to be under, so it is
/// not counted. At most one more than the quarters the history holds.
pub fn quarters_under_target(
    history: &History,
    roster: &Roster,
    config: &Config,
    code: &str,
    quarter: Quarter,
    now: Option<f64>,
) -> Option<u32> {
    let target = config.target_for(quarter.year)?;
    if now? >= target {
        return Some(0);
    }
    let earliest = history.quarters().first().copied();
    let mut count = 1;
    let mut q = quarter.previous();
    while earliest.is_some_and(|e| q >= e) {
        let under = config.target_for(q.year).zip(
            history
                .along_lineage(roster, code, q)
                .and_then(|(f, _)| f.ratio()),
        );
        match under {
            Some((target, ratio)) if ratio < target => count += 1,
            _ => break,
        }
        q = q.previous();
    }
    Some(count)
}

/// The unit's last confirmed figure before `quarter` (`History::confirmed`
/// for every unit its lineage sums), and its quarter: what a figure is
/// compared with when the previous quarter's was never confirmed. None when
/// the history holds none, or a split breaks the series first.
pub fn last_confirmed(
    history: &History,
    roster: &Roster,
    code: &str,
    quarter: Quarter,
    accepted: &crate::history::Acceptances,
) -> Option<(Quarter, Previous)> {
    let earliest = history.quarters().first().copied()?;
    let mut q = quarter.previous();
    while q >= earliest {
        let crate::roster::Lineage::Sum(units) = roster.lineage(code, q) else {
            return None;
        };
        if let Some((figures, _)) = history.along_lineage(roster, code, q)
            && units
                .iter()
                .all(|u| history.confirmed(&u.code, q, accepted))
        {
            return Some((q, figures));
        }
        q = q.previous();
    }
    None
}
