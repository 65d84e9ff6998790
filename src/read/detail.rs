//! The `Danh mục` sheet: the unit's procedures, one a row, found by the
//! headings of its columns (like the report, by label).

use super::grid::{CellValue, Grid};
use crate::finding::{Finding, Rule};
use crate::submission::ListCounts;
use crate::text::{fold, label_key, vn_count};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Name,
    Level,
}

const HEADINGS: &[(Column, &str)] = &[
    (Column::Code, "Mã thủ tục"),
    (Column::Code, "Mã TTHC"),
    (Column::Code, "Mã số thủ tục"),
    (Column::Name, "Tên thủ tục"),
    (Column::Name, "Tên TTHC"),
    (Column::Name, "Tên thủ tục hành chính"),
    (Column::Level, "Mức độ"),
    (Column::Level, "Mức độ DVCTT"),
    (Column::Level, "Mức độ dịch vụ công trực tuyến"),
];

fn column_of(text: &str) -> Option<Column> {
    let key = label_key(text);
    HEADINGS
        .iter()
        .find(|(_, h)| label_key(h) == key)
        .map(|(c, _)| *c)
}

/// `4`, `Mức độ 3`, `mức 4`, `một phần` (3), `toàn trình` (4), `2`.
pub fn parse_level(value: &CellValue) -> Option<u8> {
    let text = match value {
        CellValue::Number(n) if n.fract() == 0.0 => {
            #[allow(clippy::cast_possible_truncation)] // a whole number from 1 to 4
            return (1.0..=4.0).contains(n).then_some(*n as u8);
        }
        CellValue::Text(t) => fold(t),
        _ => return None,
    };
    if text.contains("toan trinh") {
        return Some(4);
    }
    if text.contains("mot phan") {
        return Some(3);
    }
    let digits: Vec<u8> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|d| d.parse().ok())
        .collect();
    match digits.as_slice() {
        [level @ 1..=4] => Some(*level),
        _ => None,
    }
}

/// The list on `grid`, checked as it is read: a finding for each row whose
/// level cannot be read and for each code listed twice. Only the counts go
/// on (a list of 60,000 procedures is never copied to the run). None when
/// the sheet has no heading row or no procedure under it.
pub fn read_list(grid: &Grid, file: &str, findings: &mut Vec<Finding>) -> Option<ListCounts> {
    let mut found = Vec::new();
    let counts = check_list(grid, file, &mut found);
    findings.extend(bounded(found, file));
    counts
}

/// The most findings of one rule a list gets row by row; the rest are
/// counted in one more finding, so that a crafted list of 60,000 bad rows
/// cannot fill the checks sheet past a worksheet's rows.
const MAX_ROW_FINDINGS: usize = 25;

fn bounded(found: Vec<Finding>, file: &str) -> Vec<Finding> {
    let mut kept = Vec::new();
    for rule in [Rule::DetailBadLevel, Rule::DetailDuplicateCode] {
        let of_rule: Vec<Finding> = found.iter().filter(|f| f.rule == rule).cloned().collect();
        let more = of_rule.len().saturating_sub(MAX_ROW_FINDINGS);
        kept.extend(of_rule.into_iter().take(MAX_ROW_FINDINGS));
        if more > 0 {
            let what = match rule {
                Rule::DetailBadLevel => "có mức độ không đọc được",
                _ => "có mã trùng với một dòng trước",
            };
            kept.push(Finding::new(
                file,
                rule,
                format!(
                    "Danh mục: còn {} dòng khác {what} (chỉ nêu {MAX_ROW_FINDINGS} dòng đầu).",
                    vn_count(more as u64)
                ),
            ));
        }
    }
    kept
}

fn check_list(grid: &Grid, file: &str, findings: &mut Vec<Finding>) -> Option<ListCounts> {
    let mut header: Option<(u32, Vec<(u32, Column)>)> = None;
    for (&(row, col), cell) in grid.cells() {
        if let CellValue::Text(t) = &cell.value
            && let Some(column) = column_of(t)
        {
            match &mut header {
                Some((r, columns)) if *r == row => columns.push((col, column)),
                Some(_) => {}
                None => header = Some((row, vec![(col, column)])),
            }
        }
    }
    let (header_row, columns) = header?;
    let col = |wanted: Column| columns.iter().find(|(_, c)| *c == wanted).map(|(i, _)| *i);
    let (code_col, level_col) = (col(Column::Code)?, col(Column::Level)?);
    let name_col = col(Column::Name);
    let mut rows: Vec<u32> = grid
        .cells()
        .map(|(&(r, _), _)| r)
        .filter(|r| *r > header_row)
        .collect();
    rows.dedup();
    let value = |row: u32, column: u32| grid.get((row, column)).map(|c| c.value.clone());
    let text_of = |v: Option<CellValue>| match v {
        Some(CellValue::Text(t)) => t.trim().to_string(),
        Some(CellValue::Number(n)) => format!("{n}"),
        _ => String::new(),
    };
    let mut counts = ListCounts::default();
    // Each code and the cell it was first seen in.
    let mut seen: HashMap<String, String> = HashMap::new();
    for row in rows {
        let code = text_of(value(row, code_col));
        let has_name = name_col.is_some_and(|c| !text_of(value(row, c)).is_empty());
        if code.is_empty() && !has_name {
            continue;
        }
        let level_value = value(row, level_col);
        let level = level_value.as_ref().and_then(parse_level);
        let code_cell = grid.reference((row, code_col));
        if level.is_none() {
            let shown = level_value.map(|v| text_of(Some(v))).unwrap_or_default();
            findings.push(
                Finding::new(
                    file,
                    Rule::DetailBadLevel,
                    format!(
                        "Danh mục: mức độ “{shown}” của thủ tục “{code}” không đọc được; ghi 2, 3, 4, “một phần” hoặc “toàn trình”."
                    ),
                )
                .at(Some(grid.reference((row, level_col)))),
            );
        }
        if !code.is_empty() {
            if let Some(first) = seen.get(&code) {
                findings.push(
                    Finding::new(
                        file,
                        Rule::DetailDuplicateCode,
                        format!(
                            "Danh mục: mã thủ tục “{code}” có hai lần, ở ô {first} và ô {code_cell}."
                        ),
                    )
                    .at(Some(code_cell.clone())),
                );
            } else {
                seen.insert(code, code_cell);
            }
        }
        counts.procedures += 1;
        match level {
            Some(0..=2) => counts.level2 += 1,
            Some(3) => counts.level3 += 1,
            Some(4) => counts.level4 += 1,
            _ => {}
        }
    }
    (counts.procedures > 0).then_some(counts)
}
