//! One worksheet as a sparse grid of cells, read from calamine once. Only this
//! module and `open` touch calamine's types.

use calamine::{Data, Range};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

use crate::text::nfc;

#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Number(f64),
    Text(String),
    Date(NaiveDate),
    Bool(bool),
    /// `#DIV/0!` and friends.
    Error(String),
    Empty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: CellValue,
    /// The cell holds a formula whose saved result cannot be trusted: none
    /// was saved, or 0 was saved in a workbook that asks to be recalculated
    /// when opened (what scripts write).
    pub formula_without_result: bool,
}

/// Cells by (row, column), zero-based, in reading order.
#[derive(Debug, Default)]
pub struct Grid {
    pub sheet: String,
    cells: BTreeMap<(u32, u32), Cell>,
}

impl Grid {
    pub fn new(
        sheet: &str,
        values: &Range<Data>,
        formulas: &Range<String>,
        recalc_on_load: bool,
    ) -> Grid {
        let formula_cells: HashSet<(u32, u32)> = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.trim().is_empty())
            .map(|(r, c, _)| offset(formulas.start(), r, c))
            .collect();
        let mut cells = BTreeMap::new();
        for (r, c, data) in values.used_cells() {
            let pos = offset(values.start(), r, c);
            let value = cell_value(data);
            let is_formula = formula_cells.contains(&pos);
            let formula_without_result =
                is_formula && (is_blank(&value) || (recalc_on_load && is_zero(&value)));
            if !is_blank(&value) || formula_without_result {
                cells.insert(
                    pos,
                    Cell {
                        value,
                        formula_without_result,
                    },
                );
            }
        }
        for pos in formula_cells {
            cells.entry(pos).or_insert(Cell {
                value: CellValue::Empty,
                formula_without_result: true,
            });
        }
        Grid {
            sheet: nfc(sheet),
            cells,
        }
    }

    pub fn cells(&self) -> impl Iterator<Item = (&(u32, u32), &Cell)> {
        self.cells.iter()
    }

    /// The rows that hold anything, each with its cells left to right.
    pub fn rows(&self) -> Vec<Vec<&Cell>> {
        let mut rows: Vec<Vec<&Cell>> = Vec::new();
        let mut current = None;
        for (&(r, _), cell) in &self.cells {
            if current != Some(r) {
                rows.push(Vec::new());
                current = Some(r);
            }
            rows.last_mut().expect("pushed").push(cell);
        }
        rows
    }

    /// The cells right of (row, col) on the same row, left to right.
    pub fn right_of(&self, row: u32, col: u32) -> impl Iterator<Item = (&(u32, u32), &Cell)> {
        self.cells.range((row, col + 1)..=(row, u32::MAX))
    }

    /// `Báo cáo!D11`.
    pub fn reference(&self, (row, col): (u32, u32)) -> String {
        format!("{}!{}", self.sheet, cell_name(row, col))
    }
}

fn offset(start: Option<(u32, u32)>, r: usize, c: usize) -> (u32, u32) {
    let (r0, c0) = start.unwrap_or((0, 0));
    (r0 + r as u32, c0 + c as u32)
}

/// Scripts that write formulas save 0 as every result and ask the program
/// that opens the file to compute them: such a 0 says nothing.
fn is_zero(value: &CellValue) -> bool {
    matches!(value, CellValue::Number(n) if *n == 0.0)
}

fn is_blank(value: &CellValue) -> bool {
    match value {
        CellValue::Empty => true,
        CellValue::Text(t) => t.trim().is_empty(),
        _ => false,
    }
}

fn cell_value(data: &Data) -> CellValue {
    match data {
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) => CellValue::Text(nfc(s)),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => CellValue::Date(d.date()),
            _ => CellValue::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map(CellValue::Date)
            .unwrap_or_else(|_| CellValue::Text(s.clone())),
        Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

/// `D11` for (10, 3).
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ascii"), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells_like_excel() {
        let cases = [
            ((0, 0), "A1"),
            ((10, 3), "D11"),
            ((0, 25), "Z1"),
            ((0, 26), "AA1"),
            ((4, 701), "ZZ5"),
            ((0, 702), "AAA1"),
        ];
        for ((r, c), want) in cases {
            assert_eq!(cell_name(r, c), want);
        }
    }
}
