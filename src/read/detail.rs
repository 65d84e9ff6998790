//! The `Danh mục` sheet: the unit's procedures, one a row, found by the
//! headings of its columns (like the report, by label).

use super::grid::{CellValue, Grid};
use crate::finding::{Finding, Rule};
use crate::submission::{How, Located, Procedure, ProcedureList};
use crate::text::{fold, label_key};

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

/// The list on `grid`, with findings for rows it cannot read. None when the
/// sheet has no heading row or no procedure under it.
pub fn read_list(grid: &Grid, file: &str, findings: &mut Vec<Finding>) -> Option<ProcedureList> {
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
    let mut procedures = Vec::new();
    for row in rows {
        let code = text_of(value(row, code_col));
        let name = name_col.map(|c| text_of(value(row, c))).unwrap_or_default();
        if code.is_empty() && name.is_empty() {
            continue;
        }
        let level_value = value(row, level_col);
        let level = level_value.as_ref().and_then(parse_level);
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
        procedures.push(Procedure {
            code: Located::new(
                code,
                &grid.sheet,
                grid.origin((row, code_col)),
                How::UnderHeader,
            ),
            name,
            level,
        });
    }
    (!procedures.is_empty()).then_some(ProcedureList { procedures })
}
