//! The previous quarter's figures: the job's own `summary.json`, or a
//! published table in the appendix layout (how the 929 appendix seeds history):
//! one loader for every earlier quarter, the baseline's and history's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::pool::Pool;
use crate::quarter::Quarter;
use crate::read::CellValue;
use crate::reports_dir::{PUBLISHED_TABLE, SUMMARY};
use crate::roster::Roster;
use crate::submission::Previous;
use crate::text::{cut, parse_number};

#[derive(Debug, Default)]
pub struct Baseline {
    /// Where the figures came from, for the report.
    pub source: String,
    pub units: BTreeMap<String, Previous>,
    /// Of `units`, those whose figure was held back that quarter: awaiting
    /// confirmation, and left out of its pooled figures or not.
    pub held: Held,
    /// The file read and the SHA-256 of its bytes, for the run manifest.
    pub file: PathBuf,
    pub sha256: String,
}

/// The units of a past quarter whose figures were awaiting confirmation
/// then (`awaiting_confirmation` in its summary.json), and of those the
/// ones its pooled figures left out. A published table holds none.
#[derive(Debug, Default, Clone)]
pub struct Held {
    pub unconfirmed: std::collections::BTreeSet<String>,
    pub left_out: std::collections::BTreeSet<String>,
}

/// The largest published table hashed (the pool reads it within
/// `limits.max_file_bytes`).
const MAX_TABLE_BYTES: u64 = 64 * 1024 * 1024;

/// What the reports folder holds for one quarter.
#[derive(Debug, Default)]
pub struct PastQuarter {
    /// Figures, and where they came from; None when nothing there serves.
    pub figures: Option<Baseline>,
    /// What is there but cannot serve, and why: for the operator.
    pub problems: Vec<String>,
}

/// The one loader of an earlier quarter's figures, for the baseline and
/// for history: `reports/<quarter>/summary.json` when it names accepted
/// units, else `reports/<quarter>/baseline.xlsx` read through the pool.
/// Anything there that cannot serve is said, never taken for figures.
pub fn load_quarter(reports: &Path, quarter: Quarter, roster: &Roster, pool: &Pool) -> PastQuarter {
    let dir = reports.join(quarter.to_string());
    let mut past = PastQuarter::default();
    for name in [SUMMARY, PUBLISHED_TABLE] {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        match read_figures(&path, quarter, roster, pool) {
            Ok((units, held, sha256)) => {
                past.figures = Some(Baseline {
                    held,
                    // Relative to the reports folder, as the manifest says
                    // it: the same whether the run was given `reports`,
                    // `./reports` or an absolute path.
                    source: format!("{quarter}/{name}"),
                    units,
                    sha256,
                    file: path,
                });
                break;
            }
            Err(why) => past.problems.push(format!("{}: {why}", path.display())),
        }
    }
    past
}

/// The baseline file the operator named (`--baseline`) cannot serve: exit 1,
/// nothing written.
#[derive(Debug, thiserror::Error)]
#[error("số liệu kỳ trước {}: {problem}", .path.display())]
pub struct BaselineError {
    pub path: PathBuf,
    pub problem: String,
}

/// The baseline for `quarter`: `explicit` if given (an error when it cannot
/// serve: the operator asked for it), else the previous quarter's figures
/// under `reports/`, with a warning for anything there that cannot serve.
pub fn load(
    explicit: Option<&Path>,
    reports: &Path,
    quarter: Quarter,
    roster: &Roster,
    pool: &Pool,
) -> Result<(Option<Baseline>, Vec<String>), BaselineError> {
    if let Some(path) = explicit {
        let (units, held, sha256) =
            read_figures(path, quarter.previous(), roster, pool).map_err(|problem| {
                BaselineError {
                    path: path.to_path_buf(),
                    problem,
                }
            })?;
        let baseline = Baseline {
            // As given when relative; an absolute path by its file name
            // alone, so no machine's folders reach the outputs.
            source: match path.is_absolute() {
                true => path.file_name().unwrap_or(path.as_os_str()),
                false => path.as_os_str(),
            }
            .to_string_lossy()
            .into_owned(),
            units,
            held,
            file: path.to_path_buf(),
            sha256,
        };
        return Ok((Some(baseline), Vec::new()));
    }
    let past = load_quarter(reports, quarter.previous(), roster, pool);
    for problem in &past.problems {
        tracing::warn!(%problem, "not used as the baseline");
    }
    Ok((past.figures, past.problems))
}

/// The accepted units' figures in a summary (`.json`) or a published
/// table, and the SHA-256 of the file's bytes.
fn read_figures(
    path: &Path,
    quarter: Quarter,
    roster: &Roster,
    pool: &Pool,
) -> Result<(BTreeMap<String, Previous>, Held, String), String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("không phải tệp thông thường (ống dẫn, thiết bị): không mở".to_string());
    }
    if path.extension().is_some_and(|e| e == "json") {
        let summary = crate::reports_dir::summary::read(path)?.ok_or("không còn ở đó")?;
        let sha256 = summary.sha256.clone();
        let (units, held) = from_summary(summary)?;
        Ok((units, held, sha256))
    } else {
        // The pool reads the table in another process: the bytes hashed are
        // read here, just before.
        let digest = crate::digest::file(path, MAX_TABLE_BYTES)
            .map_err(|e| e.to_string())?
            .and_then(|d| d.sha256)
            .ok_or("không còn ở đó, hoặc quá lớn")?;
        let rows = pool.read_table(path, "Phụ lục")?;
        Ok((read_table(&rows, roster, quarter)?, Held::default(), digest))
    }
}

/// The accepted units of one of the job's own `summary.json`, and which
/// of them were held back then.
fn from_summary(
    summary: crate::reports_dir::summary::Summary,
) -> Result<(BTreeMap<String, Previous>, Held), String> {
    let units = summary.units.ok_or("không có danh sách \"units\"")?;
    let mut out = BTreeMap::new();
    let mut held = Held::default();
    for unit in units {
        let (Some(code), Some(total), Some(level4)) = (unit.code, unit.total, unit.level4) else {
            continue;
        };
        if unit.status == Some(crate::submission::Status::Accepted)
            && total.max(level4) <= MAX_FIGURE
        {
            let code = cut(&code, MAX_CODE_CHARS);
            if unit.awaiting_confirmation == Some(true) {
                held.unconfirmed.insert(code.clone());
            }
            if unit.pooled == Some(false) {
                held.left_out.insert(code.clone());
            }
            out.insert(code, Previous { total, level4 });
        }
    }
    if out.is_empty() {
        return Err("không có đơn vị nào được chấp nhận (báo cáo rỗng hoặc dở dang)".to_string());
    }
    Ok((out, held))
}

/// A unit code is a few characters; a longer one is cut before it is kept.
const MAX_CODE_CHARS: usize = 32;

/// The largest count taken from an earlier quarter: a unit has a few
/// thousand procedures. A larger one (a summary edited by hand, a table
/// with a stray number) is no figure, so the sums over a nation's units,
/// and over the units merged into one, can never overflow.
const MAX_FIGURE: u64 = 1_000_000_000;

/// Rows of the appendix layout: a unit's name, then its total and its level-4
/// count as the next two numbers to the right. Other rows are passed over.
fn read_table(
    rows: &[Vec<CellValue>],
    roster: &Roster,
    quarter: Quarter,
) -> Result<BTreeMap<String, Previous>, String> {
    let mut out = BTreeMap::new();
    for row in rows {
        let mut cells = row.iter();
        let Some(unit) = cells.by_ref().find_map(|v| match v {
            CellValue::Text(t) => roster.by_name(t, Some(quarter)),
            _ => None,
        }) else {
            continue;
        };
        let numbers: Vec<f64> = cells
            .filter_map(|v| match v {
                CellValue::Number(n) => Some(*n),
                CellValue::Text(t) => parse_number(t).filter(|n| !n.percent).map(|n| n.value),
                _ => None,
            })
            .take(2)
            .collect();
        if let [total, level4] = numbers[..]
            && total >= 0.0
            && level4 >= 0.0
            && total.fract() == 0.0
            && level4.fract() == 0.0
            && total.max(level4) <= MAX_FIGURE as f64
        {
            // Whole, not negative and at most `MAX_FIGURE`, checked above.
            #[allow(clippy::cast_possible_truncation)]
            let (total, level4) = (total as u64, level4 as u64);
            out.insert(unit.code.clone(), Previous { total, level4 });
        }
    }
    if out.is_empty() {
        return Err(
            "không dòng nào có tên một đơn vị trong danh sách kèm hai số liệu của đơn vị"
                .to_string(),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports_dir::summary::{Summary, SummaryUnit};
    use crate::submission::Status;

    fn roster() -> Roster {
        Roster::parse(include_str!("../templates/roster.toml")).expect("shipped roster")
    }

    fn unit(code: &str, status: Status, total: u64, level4: u64) -> SummaryUnit {
        SummaryUnit {
            code: Some(code.to_string()),
            status: Some(status),
            total: Some(total),
            level4: Some(level4),
            ..SummaryUnit::default()
        }
    }

    #[test]
    fn a_summary_gives_its_accepted_units_within_bounds() {
        let summary = Summary {
            units: Some(vec![
                unit("T89", Status::Accepted, 1915, 654),
                unit("T01", Status::Rejected, 100, 10),
                unit("T02", Status::Accepted, u64::MAX, 1),
                unit("T04", Status::Accepted, 10, MAX_FIGURE + 1),
                unit("T06", Status::Accepted, MAX_FIGURE, MAX_FIGURE),
            ]),
            ..Summary::default()
        };
        let (got, _) = from_summary(summary).unwrap();
        let want = [("T06", MAX_FIGURE, MAX_FIGURE), ("T89", 1915, 654)];
        let got: Vec<(&str, u64, u64)> = got
            .iter()
            .map(|(c, p)| (c.as_str(), p.total, p.level4))
            .collect();
        assert_eq!(got, want);
        let empty = Summary {
            units: Some(vec![unit("T02", Status::Accepted, u64::MAX, 1)]),
            ..Summary::default()
        };
        assert!(from_summary(empty).is_err(), "a huge figure is no figure");
    }

    #[test]
    fn a_table_row_gives_a_unit_s_two_counts_within_bounds() {
        let text = |s: &str| CellValue::Text(s.to_string());
        let n = CellValue::Number;
        let q1: Quarter = "2020-Q1".parse().unwrap();
        // (row, the counts taken for An Giang, or None)
        type Case = (Vec<CellValue>, Option<(u64, u64)>);
        let cases: [Case; 6] = [
            (
                vec![n(1.0), text("An Giang"), n(1915.0), n(654.0)],
                Some((1915, 654)),
            ),
            (
                vec![text("An Giang"), text("1.915"), text("654")],
                Some((1915, 654)),
            ),
            (
                vec![text("An Giang"), n(1915.0), text("34,15%"), n(654.0)],
                Some((1915, 654)),
            ),
            (vec![text("An Giang"), n(1e30), n(654.0)], None),
            (vec![text("An Giang"), n(1915.5), n(654.0)], None),
            (vec![text("An Giang"), n(-1.0), n(654.0)], None),
        ];
        for (row, want) in cases {
            let rows = [row.clone(), vec![text("Bắc Giang"), n(100.0), n(1.0)]];
            let got = read_table(&rows, &roster(), q1).unwrap();
            let an_giang = roster().by_name("An Giang", Some(q1)).unwrap().code.clone();
            assert_eq!(
                got.get(&an_giang).map(|p| (p.total, p.level4)),
                want,
                "{row:?}"
            );
        }
    }
}
