//! A unit's lineage: whose figures stand for it in a quarter before it
//! existed, so comparisons and history run across mergers and renames and
//! stop, visibly, at a split.

use super::{Roster, Unit};
use crate::quarter::Quarter;

/// Whose figures make up a unit's figure of an earlier quarter.
#[derive(Debug)]
pub enum Lineage<'a> {
    /// These units' figures, summed: the unit itself, or the units merged
    /// whole into it. Empty: nothing stood for it then.
    Sum(Vec<&'a Unit>),
    /// A part of these units passed to it since: its figures then are not comparable.
    StructureChanged(Vec<&'a Unit>),
}

impl Roster {
    /// Whose figures stand for `code`'s in an earlier `quarter`: its own while
    /// it reported, else those of the units merged whole into it (followed back
    /// through renames and mergers), summed; a part of a unit passing to it
    /// anywhere on the way breaks the series.
    pub fn lineage(&self, code: &str, quarter: Quarter) -> Lineage<'_> {
        let mut whole = Vec::new();
        let mut broken = Vec::new();
        if let Some(unit) = self.by_code(code) {
            // The roster refuses cycles and chains past its depth bound, so
            // the walk ends; the bound is a second guard. Each unit is
            // walked once, however many branches reach it (a roster of
            // "diamond" reorganisations doubled the paths at each level).
            let mut seen = std::collections::HashSet::new();
            let mut walk = Walk {
                quarter,
                whole: &mut whole,
                broken: &mut broken,
                seen: &mut seen,
            };
            self.walk(unit, &mut walk, super::validate::MAX_LINEAGE_DEPTH + 1);
        }
        if broken.is_empty() {
            Lineage::Sum(whole)
        } else {
            Lineage::StructureChanged(broken)
        }
    }

    /// The units whose land `code` is: itself when nothing was merged
    /// whole into it, else the units that were, followed back to the first
    /// that had no such predecessors (Hồ Chí Minh City of 2025: T79, T77,
    /// T74). What the overview page's map draws it as; a part of a unit
    /// passing to it is not land that can be drawn, so it is left out.
    /// Each unit is visited once, however many branches reach it.
    pub fn territory(&self, code: &str) -> Vec<&Unit> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        if let Some(unit) = self.by_code(code) {
            self.gather_territory(unit, &mut out, &mut seen);
        }
        out
    }

    fn gather_territory<'a>(
        &'a self,
        unit: &'a Unit,
        out: &mut Vec<&'a Unit>,
        seen: &mut std::collections::HashSet<&'a str>,
    ) {
        if !seen.insert(unit.code.as_str()) {
            return;
        }
        let whole: Vec<&Unit> = unit
            .predecessors
            .iter()
            .filter_map(|p| self.by_code(p))
            .collect();
        if whole.is_empty() {
            out.push(unit);
            return;
        }
        for p in whole {
            self.gather_territory(p, out, seen);
        }
    }

    fn walk<'a>(&'a self, unit: &'a Unit, walk: &mut Walk<'_, 'a>, depth: usize) {
        if !walk.seen.insert(unit.code.as_str()) {
            return;
        }
        if unit.valid_in(walk.quarter) {
            walk.whole.push(unit);
            return;
        }
        // Only before a unit began do its predecessors stand for it.
        if depth == 0 || unit.valid_from.is_none_or(|from| walk.quarter >= from) {
            return;
        }
        for p in unit
            .partial_predecessors
            .iter()
            .filter_map(|p| self.by_code(p))
        {
            if !walk.broken.iter().any(|u| u.code == p.code) {
                walk.broken.push(p);
            }
        }
        for p in unit.predecessors.iter().filter_map(|p| self.by_code(p)) {
            self.walk(p, walk, depth - 1);
        }
    }
}

/// One lineage being walked: the quarter, what it found, the units seen.
struct Walk<'w, 'a> {
    quarter: Quarter,
    whole: &'w mut Vec<&'a Unit>,
    broken: &'w mut Vec<&'a Unit>,
    seen: &'w mut std::collections::HashSet<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::tests::{q, shipped};

    #[test]
    fn lineage_sums_whole_mergers_and_breaks_at_a_split() {
        let roster = shipped();
        let ids = |l: Lineage| match l {
            Lineage::Sum(units) => ("sum", units.iter().map(|u| u.code.clone()).collect()),
            Lineage::StructureChanged(units) => (
                "changed",
                units.iter().map(|u| u.code.clone()).collect::<Vec<_>>(),
            ),
        };
        // (unit, quarter, (kind, units))
        type Case<'a> = (&'a str, &'a str, (&'a str, &'a [&'a str]));
        let cases: [Case; 7] = [
            ("LAOCAI-2025", "2025-Q2", ("sum", &["T10", "T15"])),
            ("LAOCAI-2025", "2020-Q1", ("sum", &["T10", "T15"])),
            ("T01", "2020-Q1", ("sum", &["T01"])),
            ("HCM-2025", "2024-Q4", ("sum", &["T79", "T77", "T74"])),
            // Huế: a rename, then unchanged by the 2025 mergers.
            ("HUE-2025", "2024-Q4", ("sum", &["T46"])),
            ("BTC-2025", "2025-Q1", ("sum", &["BTC", "BKHDT"])),
            ("BNV-2025", "2025-Q1", ("changed", &["BNV", "BLDTBXH"])),
        ];
        for (code, quarter, (kind, want)) in cases {
            let (got_kind, got) = ids(roster.lineage(code, q(quarter)));
            assert_eq!(
                (got_kind, got),
                (kind, want.iter().map(|s| s.to_string()).collect()),
                "{code} {quarter}"
            );
        }
    }

    #[test]
    fn a_unit_is_drawn_as_the_provinces_it_was_formed_from() {
        let roster = shipped();
        let ids = |code: &str| -> Vec<String> {
            roster
                .territory(code)
                .iter()
                .map(|u| u.code.clone())
                .collect()
        };
        let cases: [(&str, &[&str]); 6] = [
            ("T01", &["T01"]),
            ("HCM-2025", &["T79", "T77", "T74"]),
            // A rename: Huế is Thừa Thiên Huế's land.
            ("HUE-2025", &["T46"]),
            ("LAOCAI-2025", &["T10", "T15"]),
            // Only whole predecessors are land: Bộ Nội vụ of 2025 has none.
            ("BNV-2025", &["BNV-2025"]),
            ("NOT-A-UNIT", &[]),
        ];
        for (code, want) in cases {
            assert_eq!(ids(code), want, "{code}");
        }
    }
}
