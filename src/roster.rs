//! The units expected to report, loaded from `templates/roster.toml`: data, not
//! code, because ministries and provinces merge and split.

use serde::Deserialize;
use std::collections::HashMap;

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
    by_name: HashMap<String, usize>,
}

impl Roster {
    /// Parses and validates a roster; the error names the problem in one line.
    pub fn parse(text: &str) -> Result<Roster, String> {
        let file: RosterFile = toml::from_str(text).map_err(|e| e.to_string())?;
        Roster::new(file.unit)
    }

    pub fn new(units: Vec<Unit>) -> Result<Roster, String> {
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (i, unit) in units.iter().enumerate() {
            if unit.code.trim().is_empty() || unit.name.trim().is_empty() {
                return Err(format!("unit #{} has an empty code or name", i + 1));
            }
            if by_code.insert(code_key(&unit.code), i).is_some() {
                return Err(format!("code '{}' is used by two units", unit.code));
            }
            for name in std::iter::once(&unit.name).chain(&unit.aliases) {
                let key = name_key(name);
                if let Some(&other) = by_name.get(&key)
                    && other != i
                {
                    return Err(format!(
                        "the name '{}' of {} cannot be told apart from {}",
                        name, unit.code, units[other].code
                    ));
                }
                by_name.insert(key, i);
            }
        }
        if units.is_empty() {
            return Err("the roster lists no unit".to_string());
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

    pub fn by_name(&self, name: &str) -> Option<&Unit> {
        self.by_name.get(&name_key(name)).map(|&i| &self.units[i])
    }

    /// The roster names nearest to an unknown name, best first.
    pub fn closest(&self, name: &str, count: usize) -> Vec<&Unit> {
        let key = name_key(name);
        let mut scored: Vec<(f64, usize)> = self
            .by_name
            .iter()
            .map(|(k, &i)| (strsim::normalized_levenshtein(&key, k), i))
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

    /// Position in the roster, for sorting outputs in the appendix's order.
    pub fn position(&self, code: &str) -> usize {
        self.by_code
            .get(&code_key(code))
            .copied()
            .unwrap_or(usize::MAX)
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
                roster.by_name(name).map(|u| u.code.as_str()),
                Some(code),
                "{name}"
            );
        }
        assert!(roster.by_name("Tỉnh Hà Tây").is_none());
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
    fn rejects_ambiguous_rosters() {
        let text = "[[unit]]\ncode='A'\nname='An Giang'\ngroup='II'\n[[unit]]\ncode='B'\nname='Tỉnh An Giang'\ngroup='II'\n";
        assert!(
            Roster::parse(text)
                .unwrap_err()
                .contains("cannot be told apart")
        );
    }
}
