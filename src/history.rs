//! Earlier quarters: each unit's past ratios, read from the job's own
//! summaries under `reports/`, to tell an unusual change from a usual one;
//! and the reviewer's file of unusual changes accepted as real.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::baseline::{Baseline, Held, load_quarter};
use crate::pool::Pool;
use crate::quarter::Quarter;
use crate::roster::{Lineage, Roster};
use crate::submission::Previous;

/// Each unit's accepted figures, by quarter.
#[derive(Debug, Default)]
pub struct History {
    figures: BTreeMap<String, BTreeMap<Quarter, Previous>>,
    /// Per quarter, the units whose figures were held back then.
    held: BTreeMap<Quarter, Held>,
    /// The file each earlier quarter's figures were read from (the
    /// baseline's not repeated), and its SHA-256: for the run manifest.
    pub files: Vec<(PathBuf, String)>,
}

impl History {
    pub fn insert(&mut self, code: &str, quarter: Quarter, figures: Previous) {
        self.figures
            .entry(code.to_string())
            .or_default()
            .insert(quarter, figures);
    }

    /// The units whose figures were held back in `quarter` (its summary's
    /// `awaiting_confirmation` and `pooled`).
    pub fn set_held(&mut self, quarter: Quarter, held: Held) {
        self.held.insert(quarter, held);
    }

    /// Whether the unit's figure counted in `quarter`'s published pooled
    /// figures (every one did before summaries recorded it).
    pub fn pooled_then(&self, code: &str, quarter: Quarter) -> bool {
        self.held
            .get(&quarter)
            .is_none_or(|h| !h.left_out.contains(code))
    }

    /// Whether the unit's figure in `quarter` is confirmed: it was not
    /// awaiting confirmation then, or a reviewer has accepted it since.
    pub fn confirmed(&self, code: &str, quarter: Quarter, accepted: &Acceptances) -> bool {
        self.held
            .get(&quarter)
            .is_none_or(|h| !h.unconfirmed.contains(code))
            || accepted.contains(quarter, code)
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
}

/// Every quarter before `quarter` under `reports/`, by the one loader of
/// past quarters (`baseline::load_quarter`); the previous quarter is the
/// `baseline` already read for the comparison, not read again. A quarter
/// that cannot serve is passed over with a warning: history only feeds
/// warnings and the trend sheet.
pub fn load(
    reports: &Path,
    quarter: Quarter,
    roster: &Roster,
    baseline: Option<&Baseline>,
    pool: &Pool,
) -> History {
    let mut history = History::default();
    for (code, figures) in baseline.map(|b| &b.units).into_iter().flatten() {
        history.insert(code, quarter.previous(), *figures);
    }
    if let Some(b) = baseline {
        history.set_held(quarter.previous(), b.held.clone());
    }
    let Ok(entries) = std::fs::read_dir(reports) else {
        return history;
    };
    let mut quarters: Vec<Quarter> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<Quarter>().ok())
        .filter(|q| *q < quarter.previous())
        .collect();
    quarters.sort();
    quarters.dedup();
    for q in quarters {
        let past = load_quarter(reports, q, roster, pool);
        for problem in past.problems {
            tracing::warn!(%problem, "passing over what cannot be read");
        }
        if let Some(figures) = past.figures {
            history.files.push((figures.file, figures.sha256));
            history.set_held(q, figures.held);
            for (code, figures) in figures.units {
                history.insert(&code, q, figures);
            }
        }
    }
    history
}

pub use crate::reports_dir::ACCEPTANCES as ACCEPTANCE_FILE;

/// The reviewer's file of acceptances cannot be read: exit 2, for the
/// reviewer to correct (their work would otherwise be lost without a word).
#[derive(Debug, thiserror::Error)]
#[error("{}: {problem}", .path.display())]
pub struct AcceptancesError {
    pub path: PathBuf,
    pub problem: String,
}

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
            "dòng {line}, byte {column}: 0x{:02X} không phải văn bản UTF-8; hãy lưu tệp dạng UTF-8",
            bytes[e.valid_up_to()]
        )
    })
}

/// Lines `2020-Q3 T01 lý do`: the change of unit T01 in 2020-Q3 is real,
/// and why. The reason is the rest of the line (optional; `#` starts a
/// comment, as it always has), shown beside the unit's flags.
#[derive(Debug, Default)]
pub struct Acceptances {
    accepted: BTreeMap<(Quarter, String), Option<String>>,
    /// Every line that accepts something, as written: to tell the reviewer
    /// which of them accept nothing (`unmatched`).
    lines: Vec<AcceptanceLine>,
    /// SHA-256 of the file, when there is one: for the run manifest.
    pub sha256: Option<String>,
}

#[derive(Debug)]
struct AcceptanceLine {
    /// From 1, a lone CR ending a line as LF and CRLF do.
    number: usize,
    quarter: Quarter,
    /// As written (the roster finds it whatever its case).
    code: String,
    /// The line without its comment, for quoting.
    text: String,
}

/// A reviewer's reason is a sentence or two; a longer one is cut.
const MAX_REASON_CHARS: usize = 500;

impl Acceptances {
    /// The file under `reports/`; none is no acceptances. A file that is
    /// there but cannot be read is an error: the reviewer's work would be
    /// lost without a word.
    pub fn load(reports: &Path) -> Result<Acceptances, AcceptancesError> {
        let path = reports.join(ACCEPTANCE_FILE);
        let fail = |e: &dyn std::fmt::Display| AcceptancesError {
            path: path.clone(),
            problem: e.to_string(),
        };
        let bytes = match crate::regular_file::read(&path, MAX_ACCEPTANCE_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(Acceptances::default()),
            Err(e) => return Err(fail(&e)),
        };
        let text = utf8_text(&bytes).map_err(|e| fail(&e))?;
        let mut accepted = Acceptances::parse(text).map_err(|e| fail(&e))?;
        accepted.sha256 = Some(crate::digest::sha256_hex(&bytes));
        Ok(accepted)
    }

    /// The file's lines; a line that is not `<quý> <mã> [lý do]` is an
    /// error naming it, in Vietnamese (the reviewer reads it), the line
    /// quoted with what does not show escaped (`text::shown`).
    pub fn parse(text: &str) -> Result<Acceptances, String> {
        let mut accepted = BTreeMap::new();
        let mut lines = Vec::new();
        // Old Mac editors end lines with a lone CR: a line end, not text
        // (two acceptances would otherwise read as one, and one be lost).
        let text = text.replace("\r\n", "\n");
        for (i, line) in text.split(['\n', '\r']).enumerate() {
            let number = i + 1;
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (quarter, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let rest = rest.trim_start();
            let (code, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let quoted = crate::text::cut(&crate::text::shown(line), 80);
            if code.is_empty() {
                return Err(format!(
                    "dòng {number}: '{quoted}': viết '<quý> <mã đơn vị> [lý do]', ví dụ '2020-Q1 T02 cổng dịch vụ công mới'"
                ));
            }
            let quarter: Quarter = quarter.parse().map_err(|_| {
                format!(
                    "dòng {number}: '{}' không phải là một quý: viết dạng năm-Q và số quý, ví dụ 2020-Q1",
                    crate::text::cut(&crate::text::shown(quarter), 40)
                )
            })?;
            let reason = crate::text::cut(reason.trim(), MAX_REASON_CHARS);
            let reason = (!reason.is_empty()).then_some(reason);
            // A unit accepted twice keeps the first reason given.
            accepted
                .entry((quarter, code.to_uppercase()))
                .or_insert(reason);
            lines.push(AcceptanceLine {
                number,
                quarter,
                code: code.to_string(),
                text: quoted,
            });
        }
        Ok(Acceptances {
            accepted,
            lines,
            sha256: None,
        })
    }

    /// The lines that accept nothing, each said in one Vietnamese line: of
    /// the run's `quarter`, one whose unit had no flagged change (`flagged`:
    /// a typo'd code, a name, a unit that did not jump); of an earlier
    /// quarter, one whose code is no unit reporting then (an old code, a
    /// new one). A line of a later quarter is for a later run.
    pub fn unmatched(
        &self,
        quarter: Quarter,
        roster: &Roster,
        flagged: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for line in self.lines.iter().filter(|l| l.quarter <= quarter) {
            let unit = roster
                .by_code(&line.code)
                .filter(|u| u.valid_in(line.quarter));
            let why = match unit {
                None => format!(
                    "'{}' không phải mã của đơn vị nào báo cáo trong {} (viết mã đơn vị như T02, BCA)",
                    crate::text::shown(&line.code),
                    line.quarter
                ),
                Some(u) if line.quarter == quarter && !flagged(&u.code) => format!(
                    "{} ({}) không có thay đổi nào được đánh dấu trong {quarter}",
                    u.code, u.name
                ),
                Some(_) => continue,
            };
            out.push(format!(
                "dòng {}: '{}' không chấp nhận thay đổi nào: {why}",
                line.number, line.text
            ));
        }
        out
    }

    pub fn contains(&self, quarter: Quarter, code: &str) -> bool {
        self.accepted.contains_key(&(quarter, code.to_uppercase()))
    }

    /// The reason written on the unit's line for `quarter`, if any.
    pub fn reason(&self, quarter: Quarter, code: &str) -> Option<&str> {
        self.accepted
            .get(&(quarter, code.to_uppercase()))?
            .as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acceptances_are_quarter_and_unit() {
        let a = Acceptances::parse("# reviewed\n2020-Q3 t01 new portal went live\n").unwrap();
        assert!(a.contains(Quarter::new(2020, 3).unwrap(), "T01"));
        assert!(!a.contains(Quarter::new(2020, 4).unwrap(), "T01"));
        assert!(Acceptances::parse("T01\n").unwrap_err().contains("dòng 1"));
        let q3 = Quarter::new(2020, 3).unwrap();
        assert_eq!(a.reason(q3, "t01"), Some("new portal went live"));
        let bare = Acceptances::parse("2020-Q3\tT02   # no reason\n").unwrap();
        assert!(bare.contains(q3, "T02"));
        assert_eq!(bare.reason(q3, "T02"), None);
        let long = Acceptances::parse(&format!("2020-Q3 T03 {}", "x".repeat(2000))).unwrap();
        assert_eq!(
            long.reason(q3, "T03").unwrap().chars().count(),
            MAX_REASON_CHARS
        );
    }

    #[test]
    fn text_that_is_not_utf8_names_its_line_and_byte() {
        let cases: [(&[u8], Result<&str, &str>); 5] = [
            (b"2020-Q3 T01\n", Ok("2020-Q3 T01\n")),
            (b"\xEF\xBB\xBF2020-Q3 T01", Ok("2020-Q3 T01")),
            (b"\xFF", Err("dòng 1, byte 1: 0xFF")),
            (
                b"a\nb\n2020-Q3 T01 ghi ch\xFA",
                Err("dòng 3, byte 19: 0xFA"),
            ),
            (b"\xC3\xA1\nxy\xC3", Err("dòng 2, byte 3: 0xC3")),
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
