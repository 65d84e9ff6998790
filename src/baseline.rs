//! The previous quarter's figures: the job's own `summary.json`, or a
//! published table in the appendix layout (how the 929 appendix seeds history):
//! one loader for every earlier quarter, the baseline's and history's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::compare::Previous;
use crate::quarter::Quarter;
use crate::read::{CellValue, Pool};
use crate::roster::Roster;
use crate::text::{cut, parse_number};

#[derive(Debug, Default)]
pub struct Baseline {
    /// Where the figures came from, for the report.
    pub source: String,
    pub units: BTreeMap<String, Previous>,
    /// The file read and the SHA-256 of its bytes, for the run manifest.
    pub file: PathBuf,
    pub sha256: String,
}

/// The published table an operator drops into a quarter's folder when the
/// job has no summary of its own for that quarter.
pub const PUBLISHED_TABLE: &str = "baseline.xlsx";

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
    for name in ["summary.json", PUBLISHED_TABLE] {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        match read_figures(&path, quarter, roster, pool) {
            Ok((units, sha256)) => {
                past.figures = Some(Baseline {
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

/// The baseline for `quarter`: `explicit` if given (an error when it cannot
/// serve: the operator asked for it), else the previous quarter's figures
/// under `reports/`, with a warning for anything there that cannot serve.
pub fn load(
    explicit: Option<&Path>,
    reports: &Path,
    quarter: Quarter,
    roster: &Roster,
    pool: &Pool,
) -> Result<(Option<Baseline>, Vec<String>), String> {
    if let Some(path) = explicit {
        let (units, sha256) = read_figures(path, quarter.previous(), roster, pool)
            .map_err(|e| format!("số liệu kỳ trước {}: {e}", path.display()))?;
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
) -> Result<(BTreeMap<String, Previous>, String), String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("không phải tệp thông thường (ống dẫn, thiết bị): không mở".to_string());
    }
    if path.extension().is_some_and(|e| e == "json") {
        let summary = crate::summary_file::read(path)?.ok_or("không còn ở đó")?;
        let sha256 = summary.sha256.clone();
        Ok((from_summary(summary)?, sha256))
    } else {
        // The pool reads the table in another process: the bytes hashed are
        // read here, just before.
        let digest = crate::digest::file(path, MAX_TABLE_BYTES)
            .map_err(|e| e.to_string())?
            .and_then(|d| d.sha256)
            .ok_or("không còn ở đó, hoặc quá lớn")?;
        let rows = pool.read_table(path, "Phụ lục")?;
        Ok((read_table(&rows, roster, quarter)?, digest))
    }
}

/// The accepted units of one of the job's own `summary.json`.
fn from_summary(
    summary: crate::summary_file::Summary,
) -> Result<BTreeMap<String, Previous>, String> {
    let units = summary.units.ok_or("không có danh sách \"units\"")?;
    let mut out = BTreeMap::new();
    for unit in units {
        let (Some(code), Some(total), Some(level4)) = (unit.code, unit.total, unit.level4) else {
            continue;
        };
        if unit.status.as_deref() == Some("accepted") {
            out.insert(cut(&code, MAX_CODE_CHARS), Previous { total, level4 });
        }
    }
    if out.is_empty() {
        return Err("không có đơn vị nào được chấp nhận (báo cáo rỗng hoặc dở dang)".to_string());
    }
    Ok(out)
}

/// A unit code is a few characters; a longer one is cut before it is kept.
const MAX_CODE_CHARS: usize = 32;

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
        {
            out.insert(
                unit.code.clone(),
                Previous {
                    total: total as u64,
                    level4: level4 as u64,
                },
            );
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
