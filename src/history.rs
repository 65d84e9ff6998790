//! Earlier quarters: each unit's past ratios, read from the job's own
//! summaries under `reports/`, to tell an unusual change from a usual one;
//! and the reviewer's file of unusual changes accepted as real.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use crate::baseline::Baseline;
use crate::compare::Previous;
use crate::config::HistoryConfig;
use crate::quarter::Quarter;
use crate::roster::{Lineage, Roster};

/// Each unit's accepted figures, by quarter.
#[derive(Debug, Default)]
pub struct History {
    figures: BTreeMap<String, BTreeMap<Quarter, Previous>>,
}

impl History {
    pub fn insert(&mut self, code: &str, quarter: Quarter, figures: Previous) {
        self.figures
            .entry(code.to_string())
            .or_default()
            .insert(quarter, figures);
    }

    /// Every quarter some unit has figures for.
    pub fn quarters(&self) -> BTreeSet<Quarter> {
        self.figures
            .values()
            .flat_map(|q| q.keys().copied())
            .collect()
    }

    pub fn get(&self, code: &str, quarter: Quarter) -> Option<Previous> {
        self.figures.get(code)?.get(&quarter).copied()
    }

    /// Every unit code with figures, and its figures by quarter.
    pub fn units(&self) -> impl Iterator<Item = (&String, &BTreeMap<Quarter, Previous>)> {
        self.figures.iter()
    }

    /// The unit's figures in an earlier quarter followed through its lineage
    /// (`Roster::lineage`): its own, or the sum of the units merged whole into
    /// it (then `true`: marked as a sum). None when one of them has no figure,
    /// or a split broke the series.
    pub fn along_lineage(
        &self,
        roster: &Roster,
        code: &str,
        quarter: Quarter,
    ) -> Option<(Previous, bool)> {
        let Lineage::Sum(units) = roster.lineage(code, quarter) else {
            return None;
        };
        let figures: Vec<Previous> = units
            .iter()
            .map(|u| self.get(&u.code, quarter))
            .collect::<Option<_>>()?;
        let summed = units.iter().any(|u| u.code != code);
        (!figures.is_empty()).then(|| {
            let total = figures.iter().map(|f| f.total).sum();
            let level4 = figures.iter().map(|f| f.level4).sum();
            (Previous { total, level4 }, summed)
        })
    }

    /// `changes` followed through the unit's lineage: a merged province's
    /// changes before the merger are its predecessors' sums'; none across a split.
    pub fn changes_along(&self, roster: &Roster, code: &str) -> Vec<f64> {
        self.quarters()
            .into_iter()
            .filter_map(|q| {
                let before = self.along_lineage(roster, code, q.previous())?.0.ratio()?;
                let now = self.along_lineage(roster, code, q)?.0.ratio()?;
                Some((now - before) * 100.0)
            })
            .collect()
    }

    /// The unit's quarter-on-quarter ratio changes, in percentage points,
    /// wherever two consecutive quarters are known.
    pub fn changes(&self, code: &str) -> Vec<f64> {
        let Some(by_quarter) = self.figures.get(code) else {
            return Vec::new();
        };
        by_quarter
            .iter()
            .filter_map(|(q, now)| {
                let before = by_quarter.get(&q.previous())?.ratio()?;
                Some((now.ratio()? - before) * 100.0)
            })
            .collect()
    }
}

/// Every quarter before `quarter` under `reports/`: its `summary.json`, else
/// a published `baseline.xlsx`; the previous quarter is the `baseline`
/// already read for the comparison, not read again. A quarter that cannot
/// be read is passed over with a warning: history only feeds warnings and
/// the trend sheet.
pub fn load(
    reports: &Path,
    quarter: Quarter,
    roster: &Roster,
    baseline: Option<&Baseline>,
) -> History {
    let mut history = History::default();
    for (code, figures) in baseline.map(|b| &b.units).into_iter().flatten() {
        history.insert(code, quarter.previous(), *figures);
    }
    let Ok(entries) = std::fs::read_dir(reports) else {
        return history;
    };
    for entry in entries.flatten() {
        let Ok(q) = entry.file_name().to_string_lossy().parse::<Quarter>() else {
            continue;
        };
        let path = entry.path().join("summary.json");
        if q >= quarter.previous() {
            continue;
        }
        if !path.is_file() {
            let table = entry.path().join(crate::baseline::PUBLISHED_TABLE);
            let read = std::fs::read(&table)
                .map_err(|e| e.to_string())
                .and_then(|bytes| crate::baseline::read_table(&bytes, roster, q));
            match read {
                Ok(units) => units
                    .into_iter()
                    .for_each(|(code, f)| history.insert(&code, q, f)),
                Err(e) if table.exists() => {
                    tracing::warn!(file = %table.display(), error = %e, "passing over a table that cannot be read");
                }
                Err(_) => {}
            }
            continue;
        }
        let parsed: Option<serde_json::Value> = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let Some(units) = parsed.as_ref().and_then(|v| v["units"].as_array()) else {
            tracing::warn!(file = %path.display(), "passing over a summary that cannot be read");
            continue;
        };
        for unit in units {
            if let (Some(code), Some(total), Some(level4), Some("accepted")) = (
                unit["code"].as_str(),
                unit["total"].as_u64(),
                unit["level4"].as_u64(),
                unit["status"].as_str(),
            ) {
                history.insert(code, q, Previous { total, level4 });
            }
        }
    }
    history
}

/// How far a change stands from the unit's usual changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unusual {
    pub mean: f64,
    pub sd: f64,
    /// The reviewer accepted it (a line in the acceptance file).
    pub accepted: bool,
}

/// The spread below which history says nothing: a unit whose ratio never
/// moved would otherwise flag its first change of 0.01 point.
const MIN_SD_POINTS: f64 = 0.5;

/// `change` (points) against past changes: unusual when more than
/// `unusual_sigma` standard deviations from their mean, once there are
/// `unusual_min_changes` of them.
pub fn unusual(change: f64, past: &[f64], config: &HistoryConfig) -> Option<(f64, f64)> {
    if past.len() < config.unusual_min_changes as usize {
        return None;
    }
    let n = past.len() as f64;
    let mean = past.iter().sum::<f64>() / n;
    let variance = past.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let sd = variance.sqrt().max(MIN_SD_POINTS);
    ((change - mean).abs() > config.unusual_sigma * sd).then_some((mean, sd))
}

/// The file, under `reports/`, where a reviewer accepts unusual changes.
pub const ACCEPTANCE_FILE: &str = "unusual-accepted.txt";

/// An acceptance file larger than this is not one a reviewer typed.
const MAX_ACCEPTANCE_BYTES: u64 = 1 << 20;

/// The text of a file that must be UTF-8 (a leading BOM, as Notepad writes,
/// is dropped); otherwise the line and column of the first bad byte.
fn utf8_text(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        format!(
            "line {line}, byte {column}: 0x{:02X} is not UTF-8 text; save the file as UTF-8",
            bytes[e.valid_up_to()]
        )
    })
}

/// Lines `2020-Q3 T01 a note`: the change of unit T01 in 2020-Q3 is real.
#[derive(Debug, Default)]
pub struct Acceptances {
    accepted: BTreeSet<(Quarter, String)>,
}

impl Acceptances {
    /// The file under `reports/`; none is no acceptances. A file that is
    /// there but cannot be read is an error: the reviewer's work would be
    /// lost without a word.
    pub fn load(reports: &Path) -> Result<Acceptances, String> {
        let path = reports.join(ACCEPTANCE_FILE);
        let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        let bytes = match std::fs::File::open(&path) {
            Ok(file) => {
                let mut bytes = Vec::new();
                file.take(MAX_ACCEPTANCE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| fail(&e))?;
                bytes
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Acceptances::default());
            }
            Err(e) => return Err(fail(&e)),
        };
        if bytes.len() as u64 > MAX_ACCEPTANCE_BYTES {
            return Err(fail(&format!(
                "larger than {MAX_ACCEPTANCE_BYTES} bytes: not a list of acceptances"
            )));
        }
        let text = utf8_text(&bytes).map_err(|e| fail(&e))?;
        Acceptances::parse(text).map_err(|e| fail(&e))
    }

    pub fn parse(text: &str) -> Result<Acceptances, String> {
        let mut accepted = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut words = line.split_whitespace();
            let (Some(quarter), Some(code)) = (words.next(), words.next()) else {
                return Err(format!(
                    "line {}: write '<quarter> <unit code> [note]'",
                    i + 1
                ));
            };
            let quarter: Quarter = quarter
                .parse()
                .map_err(|e| format!("line {}: {e}", i + 1))?;
            accepted.insert((quarter, code.to_uppercase()));
        }
        Ok(Acceptances { accepted })
    }

    pub fn contains(&self, quarter: Quarter, code: &str) -> bool {
        self.accepted.contains(&(quarter, code.to_uppercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_far_outside_the_unit_s_history_is_unusual() {
        let config = HistoryConfig::default();
        let past = [2.0, 3.0, 1.0, 2.5];
        assert!(unusual(2.2, &past, &config).is_none());
        assert!(unusual(9.0, &past, &config).is_some());
        assert!(unusual(-6.0, &past, &config).is_some());
        assert!(
            unusual(40.0, &past[..3], &config).is_none(),
            "too little history"
        );
        assert!(
            unusual(0.3, &[0.0; 4], &config).is_none(),
            "the spread has a floor"
        );
    }

    #[test]
    fn changes_follow_the_lineage_and_stop_at_a_split() {
        let roster =
            Roster::parse(include_str!("../templates/roster.toml")).expect("shipped roster");
        let q = |s: &str| s.parse::<Quarter>().unwrap();
        let f = |total, level4| Previous { total, level4 };
        let mut history = History::default();
        // Lào Cai and Yên Bái up to 2025-Q2, the merged Lào Cai after.
        history.insert("T10", q("2025-Q1"), f(1000, 300));
        history.insert("T15", q("2025-Q1"), f(1000, 100));
        history.insert("T10", q("2025-Q2"), f(1000, 340));
        history.insert("T15", q("2025-Q2"), f(1000, 140));
        history.insert("LAOCAI-2025", q("2025-Q3"), f(2000, 520));
        // 20% → 24% → 26% of the two together.
        let changes = history.changes_along(&roster, "LAOCAI-2025");
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!((changes[0] - 4.0).abs() < 1e-9 && (changes[1] - 2.0).abs() < 1e-9);
        assert_eq!(
            history.along_lineage(&roster, "LAOCAI-2025", q("2025-Q2")),
            Some((f(2000, 480), true))
        );
        // Bộ Nội vụ took part of Bộ Lao động - Thương binh và Xã hội: no past before 2025-Q2.
        history.insert("BNV", q("2025-Q1"), f(100, 50));
        history.insert("BLDTBXH", q("2025-Q1"), f(100, 50));
        history.insert("BNV-2025", q("2025-Q2"), f(170, 40));
        history.insert("BNV-2025", q("2025-Q3"), f(170, 44));
        assert_eq!(history.changes_along(&roster, "BNV-2025").len(), 1);
        assert_eq!(
            history.along_lineage(&roster, "BNV-2025", q("2025-Q1")),
            None
        );
    }

    #[test]
    fn acceptances_are_quarter_and_unit() {
        let a = Acceptances::parse("# reviewed\n2020-Q3 t01 new portal went live\n").unwrap();
        assert!(a.contains(Quarter::new(2020, 3).unwrap(), "T01"));
        assert!(!a.contains(Quarter::new(2020, 4).unwrap(), "T01"));
        assert!(Acceptances::parse("T01\n").unwrap_err().contains("line 1"));
    }

    #[test]
    fn text_that_is_not_utf8_names_its_line_and_byte() {
        let cases: [(&[u8], Result<&str, &str>); 5] = [
            (b"2020-Q3 T01\n", Ok("2020-Q3 T01\n")),
            (b"\xEF\xBB\xBF2020-Q3 T01", Ok("2020-Q3 T01")),
            (b"\xFF", Err("line 1, byte 1: 0xFF")),
            (
                b"a\nb\n2020-Q3 T01 ghi ch\xFA",
                Err("line 3, byte 19: 0xFA"),
            ),
            (b"\xC3\xA1\nxy\xC3", Err("line 2, byte 3: 0xC3")),
        ];
        for (bytes, want) in cases {
            match (utf8_text(bytes), want) {
                (Ok(text), Ok(want)) => assert_eq!(text, want, "{bytes:?}"),
                (Err(e), Err(want)) => assert!(e.starts_with(want), "{bytes:?}: {e}"),
                (got, want) => panic!("{bytes:?}: {got:?}, want {want:?}"),
            }
        }
    }
}
