//! One sheet seen as a document, built once from its grid: what each text
//! cell labels (its own words, or its words before a colon), the tables
//! (header rows, one to three deep, each column's header path, and the data
//! row to read), the heading block and the title. The reading rules in
//! `locate` work on this, never on raw cells.

use std::collections::BTreeMap;

use super::grid::{CellValue, Grid};
use super::heading::{is_bare_council, is_place_date, issuing_body, quarter_in_title};
use super::labels::{Field, Label, classify, classify_key};
use crate::quarter::Quarter;
use crate::text::{label_key, parse_number};

/// Header rows above a table's last header row that can belong to it.
const MAX_HEADER_DEPTH: u32 = 2;
/// A group header is a few words (`Dịch vụ công trực tuyến`, `Kết quả
/// cung cấp`); a title is a sentence.
const MAX_GROUP_WORDS: usize = 8;
/// Data rows a table may have before the rest is not read.
const MAX_DATA_ROWS: usize = 500;
/// The heading block and the title stand in the first rows.
const TOP_ROWS: u32 = 15;

/// What one text cell says, as a label.
#[derive(Debug, Clone)]
pub struct CellLabel {
    /// What the whole text labels.
    pub whole: Label,
    /// `Kỳ báo cáo: Quý I/2020`: the field named before the colon or dash,
    /// and the text after it.
    pub in_cell: Option<(Field, String)>,
}

/// A table: a header row over data rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// The last header row, and the first one of its band.
    pub header_row: u32,
    pub top_row: u32,
    /// Each field's column and the header cell that names it, with its path.
    pub columns: Vec<Column>,
    /// The row the figures are read from, or why there is none.
    pub data: Result<u32, NoDataRow>,
    /// The table's last row: no other table starts above it.
    pub last_row: u32,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub field: Field,
    pub col: u32,
    pub header: (u32, u32),
    /// `Dịch vụ công trực tuyến › Mức độ 4`.
    pub path: String,
}

/// Several data rows and none of them a total row.
#[derive(Debug, Clone)]
pub struct NoDataRow {
    pub rows: Vec<u32>,
}

pub struct SheetModel<'g> {
    pub grid: &'g Grid,
    pub labels: BTreeMap<(u32, u32), CellLabel>,
    pub tables: Vec<Table>,
    /// The issuing body's line of the heading block, without `UBND`.
    pub heading: Option<((u32, u32), String)>,
    /// The quarter a title names, and the title's cell and text.
    pub title: Option<((u32, u32), Quarter, String)>,
    /// The place-and-date lines' cells and texts (`Bắc Ninh, ngày 05 tháng 4
    /// năm 2020`): two that differ are a conflict, as two labelled dates are.
    pub date_lines: Vec<((u32, u32), String)>,
}

impl<'g> SheetModel<'g> {
    pub fn build(grid: &'g Grid) -> SheetModel<'g> {
        let mut labels = BTreeMap::new();
        for (&pos, cell) in grid.cells() {
            if cell.origin.is_some() {
                continue;
            }
            if let CellValue::Text(text) = &cell.value {
                labels.insert(
                    pos,
                    CellLabel {
                        whole: classify(text),
                        in_cell: label_in_cell(text),
                    },
                );
            }
        }
        let tables = find_tables(grid);
        let first_content = labels
            .iter()
            .filter(|(_, l)| matches!(l.whole, Label::Field(_)) || l.in_cell.is_some())
            .map(|(pos, _)| pos.0)
            .chain(tables.iter().map(|t| t.top_row))
            .min()
            .unwrap_or(TOP_ROWS)
            .min(TOP_ROWS);
        let top: Vec<((u32, u32), &str)> = grid
            .cells()
            .take_while(|(pos, _)| pos.0 < first_content)
            .filter_map(|(pos, cell)| match &cell.value {
                CellValue::Text(t) if cell.origin.is_none() => Some((*pos, t.as_str())),
                _ => None,
            })
            .collect();
        // A bare `ỦY BAN NHÂN DÂN` cell is read with the cell under it,
        // where the province is written.
        let below = |pos: (u32, u32)| {
            top.iter()
                .find(|(p, _)| *p == (pos.0 + 1, pos.1))
                .map(|(_, t)| *t)
        };
        let heading = top.iter().find_map(|(pos, text)| {
            let text = match below(*pos) {
                Some(next) if is_bare_council(text) => format!("{text}\n{next}"),
                _ => text.to_string(),
            };
            issuing_body(&text).map(|body| (*pos, body))
        });
        let title = top.iter().find_map(|(pos, text)| {
            quarter_in_title(text).map(|q| (*pos, q, text.trim().to_string()))
        });
        let date_lines = top
            .iter()
            .filter(|(_, text)| is_place_date(text))
            .take(4)
            .map(|(pos, text)| (*pos, text.trim().to_string()))
            .collect();
        SheetModel {
            grid,
            labels,
            tables,
            heading,
            title,
            date_lines,
        }
    }

    /// The cells that are a table's header: their own words are read there,
    /// not as a label with a value to its right.
    pub fn in_header(&self, pos: (u32, u32)) -> bool {
        self.tables.iter().any(|t| {
            (t.top_row..=t.header_row).contains(&pos.0) || t.columns.iter().any(|c| c.header == pos)
        })
    }
}

/// `Kỳ báo cáo: Quý I/2020`, `Đơn vị - Tỉnh Hà Nam`: a field's label, then a
/// value, in one cell.
fn label_in_cell(text: &str) -> Option<(Field, String)> {
    let (label, value) = [":", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.split_once(sep))
        .min_by_key(|(label, _)| label.len())?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match classify(label) {
        Label::Field(field) => Some((field, value.to_string())),
        _ => None,
    }
}

/// The text of a cell, for headers.
fn text_at(grid: &Grid, pos: (u32, u32)) -> Option<&str> {
    match &grid.get(pos)?.value {
        CellValue::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }
}

/// Every table of the sheet: a row whose header paths name two count fields
/// or more, with a data row under it.
fn find_tables(grid: &Grid) -> Vec<Table> {
    let rows: Vec<u32> = {
        let mut rows: Vec<u32> = grid.cells().map(|(pos, _)| pos.0).collect();
        rows.dedup();
        rows
    };
    let mut tables: Vec<Table> = Vec::new();
    for &row in &rows {
        if tables.iter().any(|t| t.last_row >= row) {
            continue;
        }
        if let Some(table) = table_at(grid, row) {
            tables.push(table);
        }
    }
    tables
}

fn table_at(grid: &Grid, row: u32) -> Option<Table> {
    let (leaf, then_number) = word_run(grid, row);
    // Words then a number are a labelled line (`Tổng số TTHC | thủ tục | 1961`).
    if then_number {
        return None;
    }
    let leaf: Vec<u32> = leaf.iter().map(|(c, _)| *c).collect();
    let first_col = *leaf.first()?;
    if leaf.len() < 2 {
        return None;
    }
    let mut top = row;
    while row - top < MAX_HEADER_DEPTH && top > 0 && is_group_row(grid, top - 1, first_col) {
        top -= 1;
    }
    let mut cols: Vec<u32> = (top..=row)
        .flat_map(|r| grid.row(r).map(|(pos, _)| pos.1).collect::<Vec<_>>())
        .collect();
    cols.sort_unstable();
    cols.dedup();
    let mut columns = Vec::new();
    for col in cols {
        let mut parts: Vec<&str> = Vec::new();
        let mut header = None;
        for r in top..=row {
            let own = text_at(grid, (r, col));
            let part = own.or_else(|| {
                (r < row)
                    .then(|| {
                        group_over(
                            grid,
                            (r, col),
                            (top..=row).any(|x| x > r && text_at(grid, (x, col)).is_some()),
                        )
                    })
                    .flatten()
            });
            if let Some(part) = part
                && parts.last() != Some(&part)
            {
                parts.push(part);
            }
            if own.is_some() {
                header = Some(grid.origin((r, col)));
            }
        }
        // `Tổng số TTHC: 1.961` is a label with its value, not a header.
        if text_at(grid, (row, col)).is_some_and(|t| label_in_cell(t).is_some()) {
            continue;
        }
        let key: Vec<String> = parts.iter().map(|p| label_key(p)).collect();
        // The unit's explanation may be a column of the table too.
        if let (Label::Field(field), Some(header)) = (classify_key(&key.join(" ")), header)
            && (field.is_number() || field == Field::Explanation)
            && !columns.iter().any(|c: &Column| c.field == field)
        {
            columns.push(Column {
                field,
                col,
                header,
                path: parts.join(" › "),
            });
        }
    }
    if columns.iter().filter(|c| c.field.is_number()).count() < 2 {
        return None;
    }
    let data = data_rows(grid, row, &columns);
    if data.is_empty() {
        return None;
    }
    let last_row = *data.last()?;
    let data = if data.len() == 1 {
        Ok(data[0])
    } else {
        total_row(grid, &data, &columns).ok_or(NoDataRow { rows: data })
    };
    Some(Table {
        header_row: row,
        top_row: top,
        columns,
        data,
        last_row,
    })
}

/// The run of adjacent words from a row's first word (a note or a number
/// beyond a gap is not part of it), and whether a number follows it at once.
fn word_run(grid: &Grid, row: u32) -> (Vec<(u32, &str)>, bool) {
    let mut run: Vec<(u32, &str)> = Vec::new();
    for (pos, cell) in grid.row(row) {
        let adjacent = run.last().is_none_or(|(last, _)| pos.1 == last + 1);
        match &cell.value {
            CellValue::Text(t) if adjacent => run.push((pos.1, t.as_str())),
            _ if run.is_empty() => {}
            CellValue::Number(_) if adjacent => return (run, true),
            _ => break,
        }
    }
    (run, false)
}

/// A row above a header row that is part of its header: a run of short
/// words (a group header is a few words; a title or a note is a sentence),
/// not a labelled line, and not a title alone at the table's left edge.
fn is_group_row(grid: &Grid, row: u32, first_col: u32) -> bool {
    let (_, then_number) = word_run(grid, row);
    let texts: Vec<(u32, &str)> = grid
        .row(row)
        .filter_map(|(pos, c)| match &c.value {
            CellValue::Text(t) => Some((pos.1, t.as_str())),
            _ => None,
        })
        .collect();
    let Some(first) = texts.first() else {
        return false;
    };
    !then_number
        && texts
            .iter()
            .all(|(_, t)| t.split_whitespace().count() <= MAX_GROUP_WORDS)
        && (texts.len() >= 2 || first.0 > first_col)
}

/// The group header over an empty cell of a header row: the merged region
/// holding it, or (where the format reports no merges) the nearest text to
/// its left, when the column has a sub-header under it.
fn group_over(grid: &Grid, pos: (u32, u32), has_sub_header: bool) -> Option<&str> {
    if let Some((first, _)) = grid.region_of(pos) {
        return text_at(grid, first);
    }
    if !grid.merges.is_empty() || !has_sub_header {
        return None;
    }
    grid.row(pos.0)
        .filter(|(p, _)| p.1 < pos.1)
        .filter_map(|(p, _)| text_at(grid, *p))
        .last()
}

/// The data rows under a header row: the column-numbering row (`(1) (2) (3)`)
/// passed over, then every row with a value under a field's column, up to
/// the first row with none.
fn data_rows(grid: &Grid, header_row: u32, columns: &[Column]) -> Vec<u32> {
    let mut rows = Vec::new();
    let mut row = header_row + 1;
    if is_numbering_row(grid, row) {
        row += 1;
    }
    while rows.len() < MAX_DATA_ROWS {
        // A row of words under the header (a header's last row, a note) is
        // not data: data has a number, or a formula, in a field's column.
        let filled = columns.iter().filter(|c| c.field.is_number()).any(|c| {
            grid.get((row, c.col)).is_some_and(|cell| {
                cell.formula_without_result
                    || match &cell.value {
                        CellValue::Number(_) => true,
                        CellValue::Text(t) => parse_number(t).is_some(),
                        _ => false,
                    }
            })
        });
        if !filled {
            break;
        }
        rows.push(row);
        row += 1;
    }
    rows
}

/// `(1) | (2) | (3)` or `1 | 2 | 3 | 4`: the columns' numbers, under the header.
fn is_numbering_row(grid: &Grid, row: u32) -> bool {
    let cells: Vec<Option<f64>> = grid
        .row(row)
        .map(|(_, c)| match &c.value {
            CellValue::Number(n) => Some(*n),
            CellValue::Text(t) => t
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .parse::<f64>()
                .ok(),
            _ => None,
        })
        .collect();
    cells.len() >= 3
        && cells
            .windows(2)
            .all(|w| matches!(w, [Some(a), Some(b)] if *b == a + 1.0))
}

/// The one `Tổng cộng` / `Tổng số` / `Toàn tỉnh` row among several data rows.
fn total_row(grid: &Grid, rows: &[u32], columns: &[Column]) -> Option<u32> {
    let words_of = |row: u32| -> Vec<String> {
        grid.row(row)
            .filter(|(pos, _)| !columns.iter().any(|c| c.col == pos.1))
            .filter_map(|(_, c)| match &c.value {
                CellValue::Text(t) => Some(label_key(t)),
                _ => None,
            })
            .collect()
    };
    let is_total = |key: &str, strict: bool| {
        let prefixes: &[&str] = if strict {
            &["tong cong", "cong"]
        } else {
            &[
                "tong cong",
                "tong so",
                "tong",
                "cong",
                "toan tinh",
                "toan thanh pho",
                "toan bo",
                "toan nganh",
            ]
        };
        prefixes
            .iter()
            .any(|p| key == *p || key.starts_with(&format!("{p} ")))
    };
    for strict in [true, false] {
        let totals: Vec<u32> = rows
            .iter()
            .copied()
            .filter(|&r| words_of(r).iter().any(|k| is_total(k, strict)))
            .collect();
        match totals.as_slice() {
            [one] => return Some(*one),
            [] => continue,
            _ => return None,
        }
    }
    None
}
