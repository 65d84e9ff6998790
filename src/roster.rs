//! The units expected to report, loaded from `templates/roster.toml`: data, not
//! code, because ministries and provinces merge and split.

use serde::Deserialize;
use std::collections::HashMap;

use crate::quarter::Quarter;
use crate::text::fold;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
pub enum Group {
    /// Ministries, ministry-level agencies and Vietnam Social Security.
    I,
    /// Provinces and centrally-run cities.
    II,
}

impl Group {
    pub const ALL: [Group; 2] = [Group::I, Group::II];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::I => "I",
            Group::II => "II",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub group: Group,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The first quarter the unit reports in; unset: always has.
    #[serde(default)]
    pub valid_from: Option<Quarter>,
    /// The last quarter the unit reports in (merged away after it); unset: still reports.
    #[serde(default)]
    pub valid_to: Option<Quarter>,
    /// Codes of the units merged into this one. Their figures are summed
    /// (with this unit's own, if it existed) to compare with the quarter before.
    #[serde(default)]
    pub predecessors: Vec<String>,
}

impl Unit {
    pub fn valid_in(&self, quarter: Quarter) -> bool {
        self.valid_from.is_none_or(|from| from <= quarter)
            && self.valid_to.is_none_or(|to| quarter <= to)
    }

    fn overlaps(&self, other: &Unit) -> bool {
        let starts_before_other_ends = match (self.valid_from, other.valid_to) {
            (Some(from), Some(to)) => from <= to,
            _ => true,
        };
        let other_starts_before_self_ends = match (other.valid_from, self.valid_to) {
            (Some(from), Some(to)) => from <= to,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RosterFile {
    unit: Vec<Unit>,
}

#[derive(Debug)]
pub struct Roster {
    units: Vec<Unit>,
    by_code: HashMap<String, usize>,
    /// Several units may share a name at different times (a province that
    /// absorbed another keeps its name): lookups choose by quarter.
    by_name: HashMap<String, Vec<usize>>,
}

impl Roster {
    /// Parses and validates a roster; the error names the problem in one line.
    pub fn parse(text: &str) -> Result<Roster, String> {
        let file: RosterFile = toml::from_str(text).map_err(|e| e.to_string())?;
        Roster::new(file.unit)
    }

    pub fn new(units: Vec<Unit>) -> Result<Roster, String> {
        if units.is_empty() {
            return Err("the roster lists no unit".to_string());
        }
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, unit) in units.iter().enumerate() {
            if unit.code.trim().is_empty() || unit.name.trim().is_empty() {
                return Err(format!("unit #{} has an empty code or name", i + 1));
            }
            if let (Some(from), Some(to)) = (unit.valid_from, unit.valid_to)
                && to < from
            {
                return Err(format!(
                    "{}: valid_to {to} is before valid_from {from}",
                    unit.code
                ));
            }
            if by_code.insert(code_key(&unit.code), i).is_some() {
                return Err(format!("code '{}' is used by two units", unit.code));
            }
            for name in std::iter::once(&unit.name).chain(&unit.aliases) {
                let same = by_name.entry(name_key(name)).or_default();
                if let Some(&other) = same.iter().find(|&&o| o != i && units[o].overlaps(unit)) {
                    return Err(format!(
                        "the name '{}' of {} cannot be told apart from {}: both report in the same quarters",
                        name, unit.code, units[other].code
                    ));
                }
                if !same.contains(&i) {
                    same.push(i);
                }
            }
        }
        for unit in &units {
            for p in &unit.predecessors {
                if !by_code.contains_key(&code_key(p)) {
                    return Err(format!(
                        "{}: predecessor '{p}' is not in the roster",
                        unit.code
                    ));
                }
            }
        }
        Ok(Roster {
            units,
            by_code,
            by_name,
        })
    }

    /// Every unit, in the roster's order (the appendix's order).
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn by_code(&self, code: &str) -> Option<&Unit> {
        self.by_code.get(&code_key(code)).map(|&i| &self.units[i])
    }

    /// The unit a name stands for in `quarter`; with no quarter, or none
    /// valid then, the latest unit of that name (so a unit that no longer
    /// reports is still recognised, and told so).
    pub fn by_name(&self, name: &str, quarter: Option<Quarter>) -> Option<&Unit> {
        let candidates = self.by_name.get(&name_key(name))?;
        let units = candidates.iter().map(|&i| &self.units[i]);
        quarter
            .and_then(|q| units.clone().find(|u| u.valid_in(q)))
            .or_else(|| units.max_by_key(|u| (u.valid_to.is_none(), u.valid_to, u.valid_from)))
    }

    /// The units expected to report in `quarter`, in roster order.
    pub fn units_in(&self, quarter: Quarter) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(move |u| u.valid_in(quarter))
    }

    /// The unit that took `code` over, if one did.
    pub fn successor_of(&self, code: &str) -> Option<&Unit> {
        let key = code_key(code);
        self.units
            .iter()
            .find(|u| u.predecessors.iter().any(|p| code_key(p) == key))
    }

    /// The roster names nearest to an unknown name, best first.
    pub fn closest(&self, name: &str, count: usize) -> Vec<&Unit> {
        let key = name_key(name);
        let mut scored: Vec<(f64, usize)> = self
            .by_name
            .iter()
            .flat_map(|(k, is)| is.iter().map(move |&i| (k, i)))
            .map(|(k, i)| (strsim::normalized_levenshtein(&key, k), i))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<&Unit> = Vec::new();
        for (_, i) in scored {
            if !out.iter().any(|u| u.code == self.units[i].code) {
                out.push(&self.units[i]);
            }
            if out.len() == count {
                break;
            }
        }
        out
    }
}

fn code_key(code: &str) -> String {
    code.trim().to_uppercase()
}

/// How unit names are compared: folded, punctuation as spaces, and without a
/// leading "Tỉnh", "Thành phố", "TP." or "UBND".
pub fn name_key(name: &str) -> String {
    let spaced: String = fold(name)
        .chars()
        .map(|c| match c {
            '-' | '–' | '—' | '.' | ',' | '_' => ' ',
            c => c,
        })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    loop {
        let dropped = match words.as_slice() {
            ["ubnd", ..] | ["tinh", ..] | ["tp", ..] => 1,
            ["uy", "ban", "nhan", "dan", ..] => 4,
            ["thanh", "pho", _, ..] => 2,
            _ => 0,
        };
        if dropped == 0 || words.len() <= dropped {
            break;
        }
        words.drain(..dropped);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Roster {
        Roster::parse(include_str!("../templates/roster.toml")).expect("shipped roster")
    }

    #[test]
    fn shipped_roster_has_the_appendix_units() {
        let roster = shipped();
        let count = |g| roster.units().iter().filter(|u| u.group == g).count();
        assert_eq!((count(Group::I), count(Group::II)), (20, 63));
    }

    #[test]
    fn names_people_write_resolve() {
        let roster = shipped();
        let cases = [
            ("TP. Hồ Chí Minh", "T79"),
            ("Thành phố Hồ Chí Minh", "T79"),
            ("TP.HCM", "T79"),
            ("Thừa Thiên - Huế", "T46"),
            ("Thừa Thiên Huế", "T46"),
            ("Thừa Thiên-Huế", "T46"),
            ("Bà Rịa-Vũng Tàu", "T77"),
            ("Bộ TT&TT", "BTTTT"),
            ("BHXH Việt Nam", "BHXH"),
            ("Tỉnh An Giang", "T89"),
            ("UBND tỉnh Quảng Ninh", "T22"),
            ("Thành phố Cần Thơ", "T92"),
            ("TP. Đà Nẵng", "T48"),
            ("HÀ NỘI", "T01"),
        ];
        for (name, code) in cases {
            assert_eq!(
                roster.by_name(name, None).map(|u| u.code.as_str()),
                Some(code),
                "{name}"
            );
        }
        assert!(roster.by_name("Tỉnh Hà Tây", None).is_none());
    }

    #[test]
    fn closest_names_an_unknown_unit_s_neighbours() {
        let roster = shipped();
        let near: Vec<&str> = roster
            .closest("Quảng Nghãi", 3)
            .iter()
            .map(|u| u.code.as_str())
            .collect();
        assert_eq!(near.first(), Some(&"T51"));
    }

    #[test]
    fn a_name_can_pass_to_a_merged_unit() {
        let text = "[[unit]]\ncode='T08'\nname='Tuyên Quang'\ngroup='II'\nvalid_to='2025-Q2'\n\
                    [[unit]]\ncode='T02'\nname='Hà Giang'\ngroup='II'\nvalid_to='2025-Q2'\n\
                    [[unit]]\ncode='T08M'\nname='Tuyên Quang'\ngroup='II'\nvalid_from='2025-Q3'\npredecessors=['T08','T02']\n";
        let roster = Roster::parse(text).unwrap();
        let q = |s: &str| Some(s.parse::<Quarter>().unwrap());
        let code = |name, when| roster.by_name(name, when).map(|u| u.code.clone());
        assert_eq!(code("Tuyên Quang", q("2025-Q2")), Some("T08".into()));
        assert_eq!(code("Tuyên Quang", q("2025-Q3")), Some("T08M".into()));
        assert_eq!(code("Tuyên Quang", None), Some("T08M".into()));
        assert_eq!(roster.units_in(q("2025-Q3").unwrap()).count(), 1);
        assert_eq!(
            roster.successor_of("T02").map(|u| u.code.as_str()),
            Some("T08M")
        );
    }

    #[test]
    fn rejects_ambiguous_rosters() {
        let text = "[[unit]]\ncode='A'\nname='An Giang'\ngroup='II'\n[[unit]]\ncode='B'\nname='Tỉnh An Giang'\ngroup='II'\n";
        assert!(
            Roster::parse(text)
                .unwrap_err()
                .contains("cannot be told apart")
        );
    }
}
