//! The previous quarter's figures: the job's own `summary.json`, or a
//! published table in the appendix layout (how the 929 appendix seeds history).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::compare::Previous;
use crate::quarter::Quarter;
use crate::read::{CellValue, open_grid};
use crate::roster::Roster;
use crate::text::parse_number;

#[derive(Debug, Default)]
pub struct Baseline {
    /// Where the figures came from, for the report.
    pub source: String,
    pub units: BTreeMap<String, Previous>,
}

/// The published table an operator drops into a quarter's folder when the
/// job has no summary of its own for that quarter.
pub const PUBLISHED_TABLE: &str = "baseline.xlsx";

/// The baseline for `quarter`: `explicit` if given, else
/// `reports/<previous>/summary.json`, else `reports/<previous>/baseline.xlsx`.
/// None when there is none; an error when one exists but cannot be read.
pub fn load(
    explicit: Option<&Path>,
    reports: &Path,
    quarter: Quarter,
    roster: &Roster,
) -> Result<Option<Baseline>, String> {
    let previous = reports.join(quarter.previous().to_string());
    let candidates: Vec<PathBuf> = match explicit {
        Some(p) => vec![p.to_path_buf()],
        None => vec![
            previous.join("summary.json"),
            previous.join(PUBLISHED_TABLE),
        ],
    };
    let Some(path) = candidates
        .into_iter()
        .find(|p| explicit.is_some() || p.is_file())
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("không đọc được số liệu quý trước {}: {e}", path.display()))?;
    let units = if path.extension().is_some_and(|e| e == "json") {
        from_summary(&bytes)
    } else {
        read_table(&bytes, roster, quarter.previous())
    }
    .map_err(|e| format!("số liệu quý trước {}: {e}", path.display()))?;
    Ok(Some(Baseline {
        source: path.display().to_string(),
        units,
    }))
}

fn from_summary(bytes: &[u8]) -> Result<BTreeMap<String, Previous>, String> {
    let json: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| format!("không phải summary.json của dvctt: {e}"))?;
    let units = json
        .get("units")
        .and_then(|u| u.as_array())
        .ok_or("không có danh sách \"units\"")?;
    let mut out = BTreeMap::new();
    for unit in units {
        let (Some(code), Some(total), Some(level4)) = (
            unit.get("code").and_then(|v| v.as_str()),
            unit.get("total").and_then(|v| v.as_u64()),
            unit.get("level4").and_then(|v| v.as_u64()),
        ) else {
            continue;
        };
        if unit.get("status").and_then(|v| v.as_str()) == Some("accepted") {
            out.insert(code.to_string(), Previous { total, level4 });
        }
    }
    Ok(out)
}

/// Rows of the appendix layout: a unit's name, then its total and its level-4
/// count as the next two numbers to the right. Other rows are passed over.
pub fn read_table(
    bytes: &[u8],
    roster: &Roster,
    quarter: Quarter,
) -> Result<BTreeMap<String, Previous>, String> {
    let grid = open_grid(bytes, "Phụ lục")?;
    let mut out = BTreeMap::new();
    for row in grid.rows() {
        let mut cells = row.iter().map(|c| &c.value);
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
            "không dòng nào ghi một đơn vị trong danh mục kèm hai số liệu của đơn vị".to_string(),
        );
    }
    Ok(out)
}
