//! One worksheet as a sparse grid of cells, read from calamine once. Only
//! this module and `workbook` touch calamine's types.

use calamine::{Data, Range};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::legacy::{self, Encoding};
use crate::text::{MAX_TEXT_CHARS, cut, nfc};

/// Excel's own limit is 31; a crafted file's longer name is cut.
const MAX_SHEET_NAME_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
    /// For a cell filled in from a merged region: the region's first cell,
    /// where the value really is (and what messages name).
    pub origin: Option<(u32, u32)>,
    /// A number shown as a percentage by the cell's format (`0,37` as `37%`).
    pub percent: bool,
    /// The cell's formula as the file stores it, cut to `MAX_FORMULA_CHARS`.
    pub formula: Option<String>,
}

/// Formulas longer than this are kept cut (and then not evaluated).
pub const MAX_FORMULA_CHARS: usize = 1024;

/// Why a cell is not part of the form a person sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    Row,
    Column,
    /// A number format that shows nothing (`;;;`).
    Format,
}

/// One cell as a reader found it.
pub struct RawCell {
    pub pos: (u32, u32),
    pub value: Data,
    /// The formula's text, for a formula cell.
    pub formula: Option<String>,
    /// The cell's font, where the format gives it.
    pub font: Option<String>,
}

/// A merged region: its first and last cells, (row, column).
pub type Region = ((u32, u32), (u32, u32));

/// Cells by (row, column), zero-based, in reading order.
#[derive(Debug, Default)]
pub struct Grid {
    pub sheet: String,
    cells: BTreeMap<(u32, u32), Cell>,
    /// Cells whose text was converted from a legacy encoding.
    pub converted: Vec<((u32, u32), Encoding)>,
    /// The sheet's merged regions, where the format reports them.
    pub merges: Vec<Region>,
    /// Hidden rows and columns, as inclusive ranges.
    pub hidden_rows: Vec<(u32, u32)>,
    pub hidden_cols: Vec<(u32, u32)>,
    /// Number cells whose format shows nothing.
    pub blank_cells: HashSet<(u32, u32)>,
    /// Number cells shown with a per cent sign after them (`0"%"`).
    pub percent_sign_cells: HashSet<(u32, u32)>,
    /// The sheet itself is hidden.
    pub hidden: bool,
    /// The sheet's Excel tables, for structured references.
    pub tables: Vec<super::appearance::ListObject>,
    /// Date cells as a person reads them (`31/03/2020`): a date typed as a
    /// column's heading is that heading's words.
    date_texts: BTreeMap<(u32, u32), String>,
}

impl Grid {
    /// The grid of `cells`; text in a legacy encoding is converted (and noted).
    pub fn from_cells(
        sheet: &str,
        cells: impl IntoIterator<Item = RawCell>,
        recalc_on_load: bool,
    ) -> Grid {
        let mut grid = Grid {
            sheet: nfc(&cut(sheet, MAX_SHEET_NAME_CHARS)),
            ..Grid::default()
        };
        let cells: Vec<RawCell> = cells.into_iter().collect();
        // Each text that could be legacy is judged once, as it is kept (cut
        // to MAX_TEXT_CHARS: judging a cell of 100 million characters whole
        // took seconds); the sheet's verdict comes from those judgements.
        let detected: Vec<Option<Option<Encoding>>> = cells
            .iter()
            .map(|c| match &c.value {
                Data::String(t) => {
                    let kept = cut(t, MAX_TEXT_CHARS);
                    legacy::could_be_legacy(&kept).then(|| legacy::detect(&kept, c.font.as_deref()))
                }
                _ => None,
            })
            .collect();
        let candidates: Vec<Option<Encoding>> = detected.iter().flatten().copied().collect();
        let sheet_encoding = sheet_encoding(&candidates);
        for (raw, detected) in cells.into_iter().zip(detected) {
            let mut value = cell_value(&raw.value);
            if let (CellValue::Text(text), Some(detected)) = (&value, detected) {
                let encoding = detected.or(sheet_encoding.filter(|_| raw.font.is_none()));
                if let Some(encoding) = encoding {
                    let decoded = legacy::decode(text, encoding);
                    if decoded != *text {
                        value = CellValue::Text(decoded);
                        grid.converted.push((raw.pos, encoding));
                    }
                }
            }
            // A formula saved with no result at all was never computed; one
            // saved with an empty text was computed to blank by a spreadsheet
            // program (its inputs are blank), unless the file asks to be
            // recalculated, as scripts' files do.
            let no_result = matches!(raw.value, Data::Empty);
            let formula_without_result = raw.formula.is_some()
                && (no_result || (recalc_on_load && (is_blank(&value) || is_zero(&value))));
            if let CellValue::Date(d) = &value {
                grid.date_texts
                    .insert(raw.pos, d.format("%d/%m/%Y").to_string());
            }
            if !is_blank(&value) || formula_without_result {
                grid.cells.insert(
                    raw.pos,
                    Cell {
                        value,
                        formula_without_result,
                        origin: None,
                        percent: false,
                        formula: raw.formula.map(|f| cut(&f, MAX_FORMULA_CHARS)),
                    },
                );
            }
        }
        grid
    }

    /// A grid from whole ranges (the readers other than xlsx's).
    pub fn from_ranges(
        sheet: &str,
        values: &Range<Data>,
        formulas: &Range<String>,
        recalc_on_load: bool,
    ) -> Grid {
        let formula_cells: HashMap<(u32, u32), &String> = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.trim().is_empty())
            .map(|(r, c, f)| (offset(formulas.start(), r, c), f))
            .collect();
        let mut raw: Vec<RawCell> = values
            .used_cells()
            .map(|(r, c, data)| {
                let pos = offset(values.start(), r, c);
                RawCell {
                    pos,
                    value: data.clone(),
                    formula: formula_cells.get(&pos).map(|f| cut(f, MAX_FORMULA_CHARS)),
                    font: None,
                }
            })
            .collect();
        let seen: HashSet<(u32, u32)> = raw.iter().map(|c| c.pos).collect();
        let mut formula_only: Vec<((u32, u32), &String)> = formula_cells
            .iter()
            .filter(|(pos, _)| !seen.contains(pos))
            .map(|(pos, f)| (*pos, *f))
            .collect();
        formula_only.sort_unstable();
        raw.extend(formula_only.into_iter().map(|(pos, f)| RawCell {
            pos,
            value: Data::Empty,
            formula: Some(cut(f, MAX_FORMULA_CHARS)),
            font: None,
        }));
        Grid::from_cells(sheet, raw, recalc_on_load)
    }

    /// A value merged over several rows counts on each of them: the region's
    /// first cell is copied down its first column (at most `limit` copies in all).
    pub fn spread_merges(&mut self, regions: &[Region], limit: usize) {
        self.merges = regions.iter().take(limit).copied().collect();
        let mut copies = 0;
        for &((r1, c1), (r2, _)) in regions {
            let Some(first) = self.cells.get(&(r1, c1)).cloned() else {
                continue;
            };
            for r in r1.saturating_add(1)..=r2 {
                if copies >= limit {
                    return;
                }
                if let std::collections::btree_map::Entry::Vacant(slot) = self.cells.entry((r, c1))
                {
                    copies += 1;
                    slot.insert(Cell {
                        origin: Some((r1, c1)),
                        ..first.clone()
                    });
                }
            }
        }
    }

    pub fn get(&self, pos: (u32, u32)) -> Option<&Cell> {
        self.cells.get(&pos)
    }

    /// Marks the number cells at `cells` as shown as percentages.
    pub fn mark_percent(&mut self, cells: &HashSet<(u32, u32)>) {
        for pos in cells {
            if let Some(cell) = self.cells.get_mut(pos)
                && matches!(cell.value, CellValue::Number(_))
            {
                cell.percent = true;
            }
        }
    }

    /// Why the cell at `pos` is not seen: its row or column hidden. (A
    /// hidden sheet is said once, for the sheet.)
    /// A merged cell shows while any of its columns (and rows) does.
    pub fn hidden_at(&self, pos: (u32, u32)) -> Option<Hidden> {
        let within =
            |ranges: &[(u32, u32)], n: u32| ranges.iter().any(|(a, b)| (*a..=*b).contains(&n));
        let ((r1, c1), (r2, c2)) = self.region_of(pos).unwrap_or((pos, pos));
        if self.blank_cells.contains(&(r1, c1))
            && self
                .get((r1, c1))
                .is_some_and(|c| matches!(c.value, CellValue::Number(_)))
        {
            return Some(Hidden::Format);
        }
        if (c1..=c2).all(|c| within(&self.hidden_cols, c)) {
            Some(Hidden::Column)
        } else if (r1..=r2).all(|r| within(&self.hidden_rows, r)) {
            Some(Hidden::Row)
        } else {
            None
        }
    }

    pub fn row_hidden(&self, row: u32) -> bool {
        self.hidden_rows
            .iter()
            .any(|(a, b)| (*a..=*b).contains(&row))
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

    /// `Báo cáo!D11`: for a cell filled in from a merged region, its first cell.
    pub fn reference(&self, pos: (u32, u32)) -> String {
        let (row, col) = self.origin(pos);
        format!("{}!{}", self.sheet, cell_name(row, col))
    }

    /// A cell's words (merged copies included), a date as `31/03/2020`;
    /// blank text is none.
    pub fn text(&self, pos: (u32, u32)) -> Option<&str> {
        let text = match &self.get(pos)?.value {
            CellValue::Text(t) => t.as_str(),
            CellValue::Date(_) => self.date_texts.get(&self.origin(pos))?.as_str(),
            _ => return None,
        };
        Some(text.trim()).filter(|t| !t.is_empty())
    }

    /// Where a cell's value really is: a merged region's first cell.
    pub fn origin(&self, pos: (u32, u32)) -> (u32, u32) {
        self.cells.get(&pos).and_then(|c| c.origin).unwrap_or(pos)
    }

    /// The cells of one row, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (&(u32, u32), &Cell)> {
        self.cells.range((row, 0)..=(row, u32::MAX))
    }

    /// The merged region that holds `pos`, when the format reports merges.
    pub fn region_of(&self, pos: (u32, u32)) -> Option<Region> {
        self.merges
            .iter()
            .copied()
            .find(|&((r1, c1), (r2, c2))| (r1..=r2).contains(&pos.0) && (c1..=c2).contains(&pos.1))
    }
}

fn offset(start: Option<(u32, u32)>, r: usize, c: usize) -> (u32, u32) {
    let (r0, c0) = start.unwrap_or((0, 0));
    (r0 + r as u32, c0 + c as u32)
}

/// A sheet is typed in one font: when most of its non-ASCII texts that
/// could be legacy are recognisably one legacy encoding, the rest (`Bé Néi
/// vô`, whose letters all exist in Unicode Vietnamese too) are taken to be
/// in it as well.
fn sheet_encoding(candidates: &[Option<Encoding>]) -> Option<Encoding> {
    let count = |e: Encoding| candidates.iter().filter(|d| **d == Some(e)).count();
    [Encoding::Tcvn3, Encoding::Vni]
        .into_iter()
        .find(|e| count(*e) * 2 > candidates.len())
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
        Data::Float(f) => number(*f),
        Data::String(s) => CellValue::Text(nfc(&cut(s, MAX_TEXT_CHARS))),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => CellValue::Date(d.date()),
            _ => number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map(CellValue::Date)
            .unwrap_or_else(|_| CellValue::Text(cut(s, MAX_TEXT_CHARS))),
        Data::DurationIso(s) => CellValue::Text(cut(s, MAX_TEXT_CHARS)),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

/// `NaN` or `INF` saved as a cell's value is no number Excel can hold: it
/// reads as Excel shows it, `#NUM!`, and the field gets its finding.
fn number(f: f64) -> CellValue {
    match f.is_finite() {
        true => CellValue::Number(f),
        false => CellValue::Error("#NUM!".to_string()),
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
