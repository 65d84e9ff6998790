//! One sheet seen as a document, built once from its grid: what each text
//! cell labels (its own words, or its words before a colon), the header
//! bands (`bands`: tables whose columns name the fields, and the headings
//! of lines whose columns say which period or part), the heading block, the
//! title (its quarter, and the unit a `BÁO CÁO CỦA …` title names), a
//! period written as `Quý: I` and `Năm: 2020`, and the place-and-date
//! lines. The reading rules in `locate` work on this, never on raw cells.

use std::collections::BTreeMap;

use super::bands::{Band, BandKind, find_bands};
use super::grid::{CellValue, Grid};
use super::heading::{
    is_bare_council, is_place_date, issuing_body, quarter_in_title, unit_in_title,
};
use super::labels::{Field, Label, classify};
use crate::quarter::Quarter;
use crate::text::fold;

/// The heading block and the title stand in the first rows.
const TOP_ROWS: u32 = 15;

/// What one text cell says, as a label.
#[derive(Debug, Clone)]
pub struct CellLabel {
    /// What the whole text labels.
    pub whole: Label,
    /// `Kỳ báo cáo: Quý I/2020`: the field named before the colon or dash,
    /// the label's words and the text after it.
    pub in_cell: Option<(Field, String, String)>,
}

pub struct SheetModel<'g> {
    pub grid: &'g Grid,
    pub labels: BTreeMap<(u32, u32), CellLabel>,
    pub bands: Vec<Band>,
    /// The issuing body's line of the heading block, without `UBND`.
    pub heading: Option<((u32, u32), String)>,
    /// The quarter a title names, and the title's cell and text.
    pub title: Option<((u32, u32), Quarter, String)>,
    /// The unit a title names (`BÁO CÁO CỦA BỘ TƯ PHÁP VỀ …`).
    pub title_unit: Option<((u32, u32), String)>,
    /// `Quý: I` and `Năm: 2020` in two cells: the quarter, the quarter's
    /// cell and the two texts.
    pub quarter_year: Option<((u32, u32), Quarter, String)>,
    /// The one year the document's title or heading names (`… NĂM 2020`),
    /// for a period cell that names its quarter alone (`Quý I`).
    pub year_named: Option<i32>,
    /// The quarter the sheet's name names (`QI-2020`).
    pub sheet_quarter: Option<Quarter>,
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
        let bands = find_bands(grid);
        for band in &bands {
            tracing::debug!(
                kind = ?band.kind,
                rows = ?(band.top_row, band.header_row, band.last_row),
                columns = ?band.columns.iter().map(|c| (c.col, c.role, c.path.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>())).collect::<Vec<_>>(),
                "band"
            );
        }
        let first_content = labels
            .iter()
            .filter(|(_, l)| matches!(l.whole, Label::Field(_)) || l.in_cell.is_some())
            .map(|(pos, _)| pos.0)
            .chain(bands.iter().map(|b| b.top_row))
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
        // The title's unit may stand below the first label (a title under
        // the unit's and period's lines): looked for in the first rows.
        let title_unit = grid
            .cells()
            .take_while(|(pos, _)| pos.0 < TOP_ROWS.max(first_content))
            .find_map(|(pos, cell)| match &cell.value {
                CellValue::Text(t) if cell.origin.is_none() => unit_in_title(t).map(|u| (*pos, u)),
                _ => None,
            });
        let date_lines = top
            .iter()
            .filter(|(_, text)| is_place_date(text))
            .take(4)
            .map(|(pos, text)| (*pos, text.trim().to_string()))
            .collect();
        let quarter_year = quarter_and_year(grid);
        let years: std::collections::BTreeSet<i32> = top
            .iter()
            .filter(|(_, text)| !is_place_date(text))
            .filter_map(|(_, text)| match super::marks::said(text).period {
                Some(super::marks::Period::Year(y)) => Some(y),
                Some(super::marks::Period::Quarter(q)) => Some(q.year()),
                _ => None,
            })
            .collect();
        let year_named = (years.len() == 1).then(|| *years.first().expect("one"));
        let sheet_quarter = super::settle::period_of(&grid.sheet);
        SheetModel {
            grid,
            labels,
            bands,
            heading,
            title,
            title_unit,
            quarter_year,
            year_named,
            sheet_quarter,
            date_lines,
        }
    }

    /// Whether `pos` is in a band's header rows: its words are read there,
    /// not as a label with a value to its right.
    pub fn in_header(&self, pos: (u32, u32)) -> bool {
        self.bands.iter().any(|b| b.in_header(pos.0))
    }

    /// The band of lines whose columns qualify the values of `row`.
    pub fn lines_band(&self, row: u32) -> Option<&Band> {
        self.bands
            .iter()
            .find(|b| b.kind == BandKind::Lines && row > b.header_row && row <= b.last_row)
    }
}

/// `Kỳ báo cáo: Quý I/2020`, `Đơn vị - Tỉnh Hà Nam`: a field's label, then a
/// value, in one cell: (field, label's words, value).
pub fn label_in_cell(text: &str) -> Option<(Field, String, String)> {
    let Some((label, value)) = [":", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.split_once(sep))
        .min_by_key(|(label, _)| label.len())
    else {
        return sentence_figure(text);
    };
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match classify(label) {
        // A figure's value names no quarter: `SỐ LIỆU DVCTT MỨC ĐỘ 4 -
        // QUÝ I/2020` is a title.
        Label::Field(field)
            if field.is_number()
                && crate::text::parse_number_with_measure(value).is_none()
                && super::marks::said(value).period.is_some_and(|p| {
                    !matches!(p, super::marks::Period::Plan | super::marks::Period::Change)
                }) =>
        {
            None
        }
        Label::Field(field) => Some((field, label.trim().to_string(), value.to_string())),
        _ => None,
    }
}

/// A report's sentence pasted into a cell: `- Tổng số TTHC đang thực hiện là
/// 1.845 thủ tục;` is the total, when all after `là` is the figure and its
/// unit of measure.
fn sentence_figure(text: &str) -> Option<(Field, String, String)> {
    let (label, value) = text.split_once(" là ")?;
    let value = value.trim().trim_end_matches([';', '.', ',']).trim();
    crate::text::parse_number_with_measure(value)?;
    match classify(label) {
        Label::Field(field) if field.is_number() => {
            Some((field, label.trim().to_string(), value.to_string()))
        }
        _ => None,
    }
}

/// The quarter's number in `Quý: I`, `Quý - 1`, or the cell right of a
/// cell `Quý`; likewise the year after `Năm`. Both on one row give the
/// period.
fn quarter_and_year(grid: &Grid) -> Option<((u32, u32), Quarter, String)> {
    let mut quarter: Option<((u32, u32), u8, String)> = None;
    let mut year: Option<((u32, u32), i32, String)> = None;
    for (&pos, cell) in grid.cells() {
        let CellValue::Text(text) = &cell.value else {
            continue;
        };
        let folded = fold(text.trim());
        let (word, rest) = match folded.split_once([':', '-']) {
            Some((w, r)) => (w.trim().to_string(), r.trim().to_string()),
            None => (folded.clone(), String::new()),
        };
        let rest = if rest.is_empty() {
            match grid.right_of(pos.0, pos.1).next() {
                Some((_, right)) => match &right.value {
                    CellValue::Text(t) => fold(t.trim()),
                    CellValue::Number(n) => format!("{n}"),
                    _ => continue,
                },
                None => continue,
            }
        } else {
            rest
        };
        match word.as_str() {
            "quy" => {
                let number = match rest.as_str() {
                    "1" | "i" => 1,
                    "2" | "ii" => 2,
                    "3" | "iii" => 3,
                    "4" | "iv" => 4,
                    _ => continue,
                };
                quarter.get_or_insert((pos, number, text.trim().to_string()));
            }
            "nam" => {
                let Ok(y) = rest.parse::<i32>() else {
                    continue;
                };
                if (1990..=2100).contains(&y) {
                    year.get_or_insert((pos, y, text.trim().to_string()));
                }
            }
            _ => {}
        }
    }
    let ((pos, number, q_text), (ypos, y, y_text)) = (quarter?, year?);
    if pos.0 != ypos.0 && pos.0 + 1 != ypos.0 {
        return None;
    }
    Some((pos, Quarter::new(y, number)?, format!("{q_text}; {y_text}")))
}
