//! The reading rules: every cell that could hold a field's value, each a
//! candidate saying how it was found, and what its label, its column's
//! header path and its row's label say of it (the period, the part), and
//! whether a person sees it. In order of trust: the label's own cell
//! (`in_label_cell`), right of the label (`right_of_label`), under a column
//! header (`under_header`); the heading block (`heading_block`) and the
//! title (`title`) only for the unit and the period. Nothing is decided
//! here: `decide` takes one candidate, or says why none.

use chrono::NaiveDate;

use super::bands::{Band, BandKind, RowKind, is_row_number};
use super::formula::evaluate;
use super::grid::{Cell, CellValue, Hidden};
use super::labels::{Field, Label, is_per_cent_unit, levels_named};
use super::marks::{Said, Scope, said};
use super::model::SheetModel;
use crate::quarter::{Named, Quarter};
use crate::submission::How;
use crate::text::{fold, parse_number_with_measure, says_not_applicable};

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number {
        value: f64,
        percent: bool,
    },
    /// Words; for a count, words where a number should be.
    Text(String),
    Date(NaiveDate),
    /// A formula whose result was never computed.
    Formula,
    /// A formula whose saved result is not what it computes to.
    StaleFormula {
        saved: f64,
        computed: f64,
    },
    /// Right of a count's label, no number but these words (column, text,
    /// cell): a unit of measure, or a value typed as words; settled by the
    /// sheet's value column.
    Words(Vec<(u32, String, (u32, u32))>),
}

/// What one text (a label, a header level, a row's label) says of a
/// candidate's period or part, and where it says it.
#[derive(Debug, Clone)]
pub struct Mark {
    pub text: String,
    pub said: Said,
}

/// A cell that could hold a field's value, and where.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub field: Field,
    pub how: How,
    /// The label's (or header's, or title's) cell.
    pub label: (u32, u32),
    /// The value, its cell and its text as typed; None: a blank cell where
    /// the value belongs (a label with nothing right of it, a `Kỳ này`
    /// column left empty).
    pub value: Option<(Value, (u32, u32), String)>,
    /// The cell the value is in, or belongs in when blank.
    pub cell: (u32, u32),
    pub marks: Vec<Mark>,
    /// Why a person does not see the value's cell.
    pub hidden: Option<Hidden>,
    /// The value's cell is a merged region begun on another field's row
    /// (that field's label cell): it is that field's value, not this one's.
    pub merged_from: Option<(u32, u32)>,
    /// The words of the value's column (`Kỳ này (Quý I/2020)`, `Số lượng
    /// TTHC › Tổng số`) and row (`Công Thương`), for messages.
    pub column: Option<String>,
    pub row: Option<String>,
}

/// A table with several data rows and no total row.
#[derive(Debug, Clone)]
pub struct NoTotal {
    pub header_row: u32,
    pub rows: Vec<u32>,
    pub fields: Vec<Field>,
}

/// A table's total row that is not the sum of its other rows.
#[derive(Debug, Clone)]
pub struct TotalMismatch {
    pub field: Field,
    pub total_cell: (u32, u32),
    pub total: f64,
    pub sum: f64,
    pub rows: Vec<u32>,
    /// The rows' figures typed as text, which a total's formula does not
    /// add (`=SUM(…)` passes text over): the cell and its text.
    pub text_cells: Vec<((u32, u32), String)>,
}

/// All a sheet says, before any field is decided.
pub struct SheetReadings {
    pub candidates: Vec<Candidate>,
    /// Cells that speak of a field's quantity but label another (cell, text).
    /// With the field it is nearest to, any level it names.
    pub near_misses: Vec<(Vec<Field>, (u32, u32), String)>,
    pub no_total: Vec<NoTotal>,
    pub mismatches: Vec<TotalMismatch>,
}

pub fn locate(model: &SheetModel) -> SheetReadings {
    let grid = model.grid;
    let mut candidates = Vec::new();
    let mut near_misses = Vec::new();
    for (&pos, label) in &model.labels {
        if let Some((field, words, text)) = &label.in_cell {
            let marks = if field.is_number() {
                marks_of(words)
            } else {
                Vec::new()
            };
            candidates.push(Candidate {
                field: *field,
                how: How::InLabelCell,
                label: pos,
                value: Some((in_cell_value(*field, text), pos, text.clone())),
                cell: pos,
                marks,
                hidden: grid.hidden_at(pos),
                merged_from: None,
                column: None,
                row: None,
            });
            continue;
        }
        match label.whole {
            // A column's heading is no label with its value to its right.
            Label::Field(field) if !model.in_header(pos) => {
                candidates.extend(right_of(model, pos, field));
            }
            Label::NearMiss(field) => {
                let text = match &grid.get(pos).map(|c| &c.value) {
                    Some(CellValue::Text(t)) => t.trim().to_string(),
                    _ => String::new(),
                };
                let mut fields = vec![field];
                fields.extend(levels_named(&text).into_iter().filter(|f| *f != field));
                near_misses.push((fields, pos, text));
            }
            _ => {}
        }
    }
    let mut no_total = Vec::new();
    let mut mismatches = Vec::new();
    for band in model.bands.iter().filter(|b| b.kind == BandKind::Table) {
        under_headers(model, band, &mut candidates, &mut no_total, &mut mismatches);
    }
    let fallbacks = [
        model.heading.as_ref().map(|(pos, body)| {
            (
                Field::Unit,
                How::HeadingBlock,
                *pos,
                body.clone(),
                body.clone(),
            )
        }),
        model
            .title_unit
            .as_ref()
            .map(|(pos, unit)| (Field::Unit, How::Title, *pos, unit.clone(), unit.clone())),
        model.title.as_ref().map(|(pos, quarter, text)| {
            (
                Field::Period,
                How::Title,
                *pos,
                quarter.vietnamese(),
                text.clone(),
            )
        }),
        model.quarter_year.as_ref().map(|(pos, quarter, text)| {
            (
                Field::Period,
                How::InLabelCell,
                *pos,
                quarter.vietnamese(),
                text.clone(),
            )
        }),
        model.sheet_quarter.map(|quarter| {
            (
                Field::Period,
                How::SheetName,
                (0, 0),
                quarter.vietnamese(),
                grid.sheet.clone(),
            )
        }),
    ];
    let date_lines = model.date_lines.iter().map(|(pos, text)| {
        Some((
            Field::ReportDate,
            How::DateLine,
            *pos,
            text.clone(),
            text.clone(),
        ))
    });
    for (field, how, pos, value, typed) in fallbacks.into_iter().chain(date_lines).flatten() {
        candidates.push(Candidate {
            field,
            how,
            label: pos,
            value: Some((Value::Text(value), pos, typed)),
            cell: pos,
            marks: Vec::new(),
            hidden: grid.hidden_at(pos),
            merged_from: None,
            column: None,
            row: None,
        });
    }
    SheetReadings {
        candidates,
        near_misses,
        no_total,
        mismatches,
    }
}

/// The marks of a field's own label, as a list (empty when it says
/// nothing). `Trong đó` opening the label places it under the line above
/// (`Trong đó: số hồ sơ tiếp nhận trực tuyến`), which the label's field
/// already says: it makes no part of this field.
fn marks_of(text: &str) -> Vec<Mark> {
    let said = said(super::bands::without_within(text));
    if said.is_empty() {
        Vec::new()
    } else {
        vec![Mark {
            text: text.trim().to_string(),
            said,
        }]
    }
}

/// Every data row of a table, under every column that names a field: the
/// column's header path and the row's label each say which period or part
/// the value is. One visible row is the unit's whole; among several, a
/// total row is, and the others (sectors, agencies, levels of government)
/// are parts.
fn under_headers(
    model: &SheetModel,
    band: &Band,
    candidates: &mut Vec<Candidate>,
    no_total: &mut Vec<NoTotal>,
    mismatches: &mut Vec<TotalMismatch>,
) {
    let grid = model.grid;
    let visible: Vec<&super::bands::DataRow> = band.rows.iter().filter(|r| !r.hidden).collect();
    let totals = visible.iter().filter(|r| r.kind == RowKind::Total).count();
    let plain = visible.iter().filter(|r| r.kind == RowKind::Plain).count();
    let levels = visible.iter().filter(|r| r.kind == RowKind::Level).count();
    let periods = visible.iter().any(|r| r.kind == RowKind::Period);
    // `I. Tỉnh Bình Dương` over `Cấp tỉnh | Cấp huyện | Cấp xã`: the
    // unit's own row is its whole.
    // (Its label names the unit's body: `Các sở, ngành` beside `Cấp
    // huyện` is a share, and the table has no whole.)
    let unit_row_is_whole = totals == 0
        && plain == 1
        && levels >= 1
        && visible
            .iter()
            .filter(|r| r.kind == RowKind::Plain)
            .filter_map(|r| r.label.as_ref())
            .any(|(_, t)| names_a_body(t));
    // Sectors hidden beside one shown, or a column headed `Lĩnh vực`: the
    // rows are shares of the unit's procedures even when one is in view.
    // (A hidden row named as a shown one is an old copy of it: last
    // quarter's figures kept out of sight, no share.)
    let shown: Vec<&str> = visible
        .iter()
        .filter_map(|r| r.label.as_ref().map(|(_, t)| t.as_str()))
        .collect();
    let plain_all = band
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Plain | RowKind::Level))
        .filter(|r| {
            !r.hidden
                || r.label
                    .as_ref()
                    .is_some_and(|(_, t)| !shown.contains(&t.as_str()))
        })
        .count();
    let parts_of_unit = plain + levels >= 2 || plain_all >= 2;
    let plain_is_part = !unit_row_is_whole && (totals > 0 || parts_of_unit);
    let fields: Vec<Field> = band
        .columns
        .iter()
        .filter_map(|c| match c.role {
            super::bands::Role::Field(f) if f.is_number() => Some(f),
            _ => None,
        })
        .collect();
    if totals == 0 && parts_of_unit && !periods && !unit_row_is_whole {
        no_total.push(NoTotal {
            header_row: band.header_row,
            rows: visible
                .iter()
                .filter(|r| matches!(r.kind, RowKind::Plain | RowKind::Level))
                .map(|r| r.row)
                .collect(),
            fields: fields.clone(),
        });
    }
    for column in &band.columns {
        let super::bands::Role::Field(field) = column.role else {
            continue;
        };
        let column_marks: Vec<Mark> = column
            .marks()
            .into_iter()
            .map(|(_, text, said)| Mark { text, said })
            .collect();
        for data in &band.rows {
            let mut marks = column_marks.clone();
            if let Some((_, text)) = &data.label {
                let row_said = said(text);
                match data.kind {
                    RowKind::Subtotal => marks.push(Mark {
                        text: text.clone(),
                        said: Said {
                            period: None,
                            scope: Some(Scope::Part(text.clone())),
                        },
                    }),
                    RowKind::Period | RowKind::Part | RowKind::Level | RowKind::Total
                        if !row_said.is_empty() =>
                    {
                        marks.push(Mark {
                            text: text.clone(),
                            said: row_said,
                        });
                    }
                    RowKind::Plain if plain_is_part && !data.hidden => marks.push(Mark {
                        text: text.clone(),
                        said: Said {
                            period: None,
                            scope: Some(Scope::Part(text.clone())),
                        },
                    }),
                    _ => {}
                }
            } else if (data.kind == RowKind::Plain && plain_is_part && !data.hidden)
                || data.kind == RowKind::Subtotal
            {
                marks.push(Mark {
                    text: String::new(),
                    said: Said {
                        period: None,
                        scope: Some(Scope::Part(format!("dòng {}", data.row + 1))),
                    },
                });
            }
            let is_whole = !marks.iter().any(|m| {
                matches!(
                    m.said.scope,
                    Some(Scope::Part(_) | Scope::Added(_) | Scope::New(_))
                )
            });
            // The unit's name comes from the table's one row that names a
            // unit (beside its total row); the explanation from the row
            // that is the unit's whole; never from a sector's.
            let unit_row = plain == 1 && data.kind == RowKind::Plain && !data.hidden;
            if (field == Field::Unit && !unit_row)
                || (field == Field::Explanation
                    && (!is_whole || data.kind == RowKind::Total || data.hidden))
            {
                continue;
            }
            let at = (data.row, column.col);
            let value = grid.get(at).and_then(|cell| {
                let (value, typed) = cell_value(model, at, cell)?;
                let value = match value {
                    Value::Words(_) => Value::Text(typed.clone()),
                    other => other,
                };
                Some((value, grid.origin(at), typed))
            });
            if field == Field::Unit
                && value
                    .as_ref()
                    .is_some_and(|(_, _, typed)| is_row_number(typed))
            {
                continue;
            }
            // Periods and parts qualify figures; a name or an explanation
            // is the row's own.
            if !field.is_number() {
                marks.clear();
            }
            candidates.push(Candidate {
                field,
                how: How::UnderHeader,
                label: column.header,
                value,
                cell: grid.origin(at),
                marks,
                hidden: grid.hidden_at(at),
                merged_from: None,
                column: Some(column.path_text()),
                row: data.label.as_ref().map(|(_, t)| t.clone()),
            });
        }
        if matches!(field, Field::Total | Field::Level3 | Field::Level4)
            && let Some(mismatch) = total_mismatch(model, band, column.col, field)
        {
            mismatches.push(mismatch);
        }
    }
}

/// A table's one visible total row against the sum of its other visible
/// rows, in one column: sectors and levels of government add up to the
/// whole. Rows under a group row (`I.` over `1.`, `2.`) add up to the
/// group: only the top level is summed. `Trong đó` rows are not summed.
fn total_mismatch(
    model: &SheetModel,
    band: &Band,
    col: u32,
    field: Field,
) -> Option<TotalMismatch> {
    let mismatch = mismatch_over(model, band, col, field, false)?;
    // A sector hidden from print still counts in the total typed over it.
    let hidden_rows = band.rows.iter().any(|r| r.hidden);
    if hidden_rows && mismatch_over(model, band, col, field, true).is_none() {
        return None;
    }
    Some(mismatch)
}

fn mismatch_over(
    model: &SheetModel,
    band: &Band,
    col: u32,
    field: Field,
    with_hidden: bool,
) -> Option<TotalMismatch> {
    let grid = model.grid;
    let visible: Vec<&super::bands::DataRow> = band.rows.iter().filter(|r| !r.hidden).collect();
    let totals: Vec<&&super::bands::DataRow> = visible
        .iter()
        .filter(|r| r.kind == RowKind::Total)
        .collect();
    let plain: Vec<&&super::bands::DataRow> = visible
        .iter()
        .filter(|r| r.kind == RowKind::Plain)
        .collect();
    let levels = visible.iter().filter(|r| r.kind == RowKind::Level).count();
    // The total row, or the unit's own row over its levels of government.
    let (total, summed_kinds): (&&super::bands::DataRow, &[RowKind]) =
        match (&totals[..], &plain[..]) {
            ([total], _) => (total, &[RowKind::Plain, RowKind::Level]),
            ([], [unit]) if levels >= 1 => (unit, &[RowKind::Level]),
            _ => return None,
        };
    // Sectors, agencies and levels of government add up to the whole; a
    // `Trong đó` line is within the row above it. Places do not: each
    // district has the same district procedures (~250), the province its
    // own 1,200–2,000, so district rows are never summed.
    let parts: Vec<&super::bands::DataRow> = band
        .rows
        .iter()
        .filter(|r| !r.hidden || with_hidden)
        .filter(|r| summed_kinds.contains(&r.kind))
        .collect();
    let is_place = |r: &&super::bands::DataRow| {
        r.label
            .as_ref()
            .is_some_and(|(_, t)| super::marks::is_place(t))
    };
    // Groups closed by their own `Cộng`: the total is their sum, whatever
    // their rows are (districts too).
    let subtotals: Vec<u32> = band
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Subtotal && (!r.hidden || with_hidden))
        .map(|r| r.row)
        .collect();
    if subtotals.len() >= 2 {
        return sum_mismatch(grid, total.row, col, field, subtotals);
    }
    if parts.len() < 2 || parts.iter().any(is_place) {
        return None;
    }
    // A row's number: in the table's `STT` column, or its first cell when
    // that stands left of the row's label.
    let numbering_col = band
        .columns
        .iter()
        .find(|c| c.role == super::bands::Role::Numbering)
        .map(|c| c.col);
    let numbering = |row: u32| -> Option<String> {
        let (pos, cell) = grid.row(row).next()?;
        let col = numbering_col.unwrap_or(pos.1);
        let label_col = band
            .rows
            .iter()
            .find(|r| r.row == row)
            .and_then(|r| r.label.as_ref())
            .map(|(p, _)| p.1);
        if numbering_col.is_none() && label_col.is_none_or(|l| l <= pos.1) {
            return None;
        }
        let cell = if pos.1 == col {
            cell
        } else {
            grid.get((row, col))?
        };
        match &cell.value {
            CellValue::Text(t) if is_row_number(t) && !t.trim().is_empty() => {
                Some(t.trim().to_string())
            }
            CellValue::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Some(format!("{n}")),
            _ => None,
        }
    };
    let roman = |t: &str| {
        t.trim_end_matches(['.', ')'])
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X'))
    };
    let numbers: Vec<Option<String>> = parts.iter().map(|r| numbering(r.row)).collect();
    let any_roman = numbers.iter().flatten().any(|n| roman(n));
    let any_nested = numbers
        .iter()
        .flatten()
        .any(|n| n.trim_end_matches('.').contains('.'));
    let summed: Vec<u32> = parts
        .iter()
        .zip(&numbers)
        .filter(|(_, n)| match n.as_deref() {
            _ if !any_roman && !any_nested => true,
            Some(n) if any_roman => roman(n),
            Some(n) => {
                !n.trim_end_matches('.').contains('.') && !matches!(n, "-" | "+" | "*" | "–")
            }
            None => false,
        })
        .map(|(r, _)| r.row)
        .collect();
    sum_mismatch(grid, total.row, col, field, summed)
}

/// The total row's figure in `col` against the sum of `summed` rows'.
fn sum_mismatch(
    grid: &super::grid::Grid,
    total_row: u32,
    col: u32,
    field: Field,
    summed: Vec<u32>,
) -> Option<TotalMismatch> {
    let figure = |row: u32| -> Option<f64> {
        let cell = grid.get((row, col));
        let Some(cell) = cell else {
            return Some(0.0);
        };
        if cell.formula.is_some()
            && let Some(n) = evaluate(grid, (row, col))
        {
            return Some(n);
        }
        match &cell.value {
            CellValue::Number(n) => Some(*n),
            CellValue::Text(t) if says_not_applicable(t) => Some(0.0),
            CellValue::Text(t) => parse_number_with_measure(t.trim())
                .filter(|n| !n.percent)
                .map(|n| n.value),
            CellValue::Empty => Some(0.0),
            _ => None,
        }
    };
    let total_value = figure(total_row)?;
    let mut sum = 0.0;
    for row in &summed {
        sum += figure(*row)?;
    }
    let formula = grid
        .get((total_row, col))
        .is_some_and(|c| c.formula.is_some());
    let text_cells = summed
        .iter()
        .filter(|_| formula)
        .filter_map(|row| match grid.get((*row, col)).map(|c| &c.value) {
            Some(CellValue::Text(t)) => Some(((*row, col), t.trim().to_string())),
            _ => None,
        })
        .take(5)
        .collect();
    ((total_value - sum).abs() > 0.5).then(|| TotalMismatch {
        field,
        total_cell: grid.origin((total_row, col)),
        total: total_value,
        sum,
        rows: summed,
        text_cells,
    })
}

/// A cell's value and its text as typed; None for a blank cell.
fn cell_value(model: &SheetModel, at: (u32, u32), cell: &Cell) -> Option<(Value, String)> {
    if cell.formula_without_result {
        return Some((Value::Formula, String::new()));
    }
    Some(match &cell.value {
        CellValue::Number(n) => {
            let typed = shown_number(*n, cell.percent);
            if cell.formula.is_some()
                && cell.origin.is_none()
                && let Some(computed) = evaluate(model.grid, at)
                && (computed - n).abs() > 1e-6 * computed.abs().max(1.0)
            {
                return Some((
                    Value::StaleFormula {
                        saved: *n,
                        computed,
                    },
                    typed,
                ));
            }
            // `0"%"`: the number with a per cent sign, unscaled.
            let sign = model
                .grid
                .percent_sign_cells
                .contains(&model.grid.origin(at));
            let typed = if sign { format!("{typed}%") } else { typed };
            let value = if cell.percent { n * 100.0 } else { *n };
            // `753.9999999` from a computation (or typed so) shows as 754
            // under any format with fewer than six decimals: float noise.
            let value = if (value - value.round()).abs() < 1e-6 && value.abs() < 1e12 {
                value.round()
            } else {
                value
            };
            (
                Value::Number {
                    value,
                    percent: cell.percent || sign,
                },
                typed,
            )
        }
        CellValue::Text(t) => {
            let t = t.trim();
            match parse_number_with_measure(t) {
                Some(n) => (
                    Value::Number {
                        value: n.value,
                        percent: n.percent,
                    },
                    t.to_string(),
                ),
                None if t.is_empty() => return None,
                None => (Value::Words(Vec::new()), t.to_string()),
            }
        }
        CellValue::Date(d) => (Value::Date(*d), d.format("%d/%m/%Y").to_string()),
        CellValue::Bool(b) => (Value::Text(b.to_string()), b.to_string()),
        CellValue::Error(e) => (Value::Words(Vec::new()), e.clone()),
        CellValue::Empty => return None,
    })
}

/// A number as a Vietnamese spreadsheet shows it: `1,818`; a percentage
/// cell as its format shows it, `37%`.
fn shown_number(n: f64, percent: bool) -> String {
    if percent {
        let shown = format!("{:.2}", n * 100.0);
        let shown = shown.trim_end_matches('0').trim_end_matches('.');
        return format!("{}%", shown.replace('.', ","));
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string().replace('.', ",")
    }
}

/// The value after a label's colon: a number for a count (`1.961 thủ tục`
/// is 1961), else the words.
fn in_cell_value(field: Field, text: &str) -> Value {
    if !field.is_number() {
        return Value::Text(text.to_string());
    }
    // The same rule as a value cell's: a number and its unit of measure,
    // never a number and other words (`1900 dự kiến`).
    match parse_number_with_measure(text) {
        Some(n) => Value::Number {
            value: n.value,
            percent: n.percent,
        },
        None => Value::Text(text.to_string()),
    }
}

/// Whether a cell stops the search right of `field`'s label: another label.
/// An explanation's words often speak of a count (`Số DVCTT mức độ 4 giảm
/// do …`): for it, only a cell that is a field's label stops the search.
fn is_label(model: &SheetModel, pos: (u32, u32), field: Field) -> bool {
    model.labels.get(&pos).is_some_and(|l| match l.whole {
        _ if l.in_cell.is_some() => true,
        Label::NearMiss(_) => field != Field::Explanation,
        Label::Field(_) => true,
        Label::None => false,
    })
}

/// A note beside a value (`(Số liệu tính đến ngày 05/04/2020)`), never the
/// value; a cell that names a quarter in words is the period, with its note
/// (`Quý I/2020 - tính đến ngày 31/3/2020`).
fn is_note(text: &str) -> bool {
    let folded = fold(text);
    let noted = folded.starts_with('(')
        || ["tinh den", "cap nhat", "ghi chu", "luu y"]
            .iter()
            .any(|w| folded.contains(w));
    noted && Quarter::named_in(text) == Named::Nothing
}

/// The candidates right of a label on its row. A figure's label gives one
/// for every figure right of it, each qualified by its column's header (a
/// band of lines above: `Kỳ trước | Kỳ này`) and by words between the label
/// and the figure (`Tổng số TTHC | Kỳ trước | 1.800`), and one for each
/// column of that band left blank; other words (a unit of measure, or a
/// value typed as words) are settled later by the sheet's value column. A
/// text field's label gives the first value right of it.
///
/// A label over rows of periods (`Tổng số TTHC`, merged down or alone,
/// over `Kỳ trước | 1.800` and `Kỳ này | 1.961`) gives the candidates of
/// each of those rows too, each marked by its period.
fn right_of(model: &SheetModel, pos: (u32, u32), field: Field) -> Vec<Candidate> {
    let mut out = row_candidates(model, pos, pos, field);
    if !field.is_number() {
        return out;
    }
    let grid = model.grid;
    // Sub-rows continue a label row that begins with a period's words
    // (`Tổng số TTHC | Kỳ trước | 1800`), their own in the same column
    // (`| Kỳ này | 1961`); a date or words elsewhere below are not.
    let Some(period_col) = grid
        .right_of(pos.0, pos.1)
        .next()
        .map(|(at, _)| *at)
        .filter(|at| is_period_words(model, *at))
        .map(|at| at.1)
    else {
        return out;
    };
    let mut row = pos.0 + 1;
    loop {
        // The label's own column: blank, or the label merged down.
        let label_cell = grid.get((row, pos.1));
        if label_cell.is_some_and(|c| c.origin != Some(pos)) {
            break;
        }
        let first = grid.right_of(row, pos.1).next();
        let Some((&at, _)) = first else {
            break;
        };
        if at.1 != period_col || !is_period_words(model, at) {
            break;
        }
        out.extend(row_candidates(model, pos, (row, pos.1), field));
        row += 1;
    }
    out
}

/// The candidates of one row right of `start`, for the label at `label`.
fn row_candidates(
    model: &SheetModel,
    label: (u32, u32),
    start: (u32, u32),
    field: Field,
) -> Vec<Candidate> {
    let grid = model.grid;
    let pos = label;
    let band = model.lines_band(start.0);
    let label_marks = if field.is_number() {
        let text = match grid.get(pos).map(|c| &c.value) {
            Some(CellValue::Text(t)) => t.as_str(),
            _ => "",
        };
        marks_of(text)
    } else {
        Vec::new()
    };
    // Words between the label and a figure that say its period or part.
    let mut leading: Vec<Mark> = Vec::new();
    let candidate =
        |value: Option<(Value, (u32, u32), String)>, at: (u32, u32), leading: &[Mark]| {
            let mut marks = label_marks.clone();
            marks.extend(leading.iter().cloned());
            if let Some(column) = band.and_then(|b| b.column(at.1)) {
                marks.extend(
                    column
                        .marks()
                        .into_iter()
                        .map(|(_, text, said)| Mark { text, said }),
                );
            }
            Candidate {
                field,
                how: How::RightOfLabel,
                label: pos,
                value,
                cell: grid.origin(at),
                marks,
                hidden: grid.hidden_at(at),
                merged_from: merged_from(model, pos, at, field),
                column: band.and_then(|b| b.column(at.1)).map(|c| c.path_text()),
                row: None,
            }
        };
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut seen_cols = Vec::new();
    // Without a heading over the values, the first figure is the label's,
    // and so is one in the very next column (two figures side by side are
    // two readings); past a gap or words, a number is a note's.
    let mut last_figure: Option<u32> = None;
    // `%` as the row's unit of measure: its figures are percentages.
    let mut per_cent = false;
    let mut cells = grid.right_of(start.0, start.1).peekable();
    while let Some((&at, cell)) = cells.next() {
        let just_after_figure = last_figure.is_some_and(|c| c + 1 == at.1);
        if field.is_count()
            && let Some(text) = grid.text(at)
            && is_per_cent_unit(text)
        {
            // `38 | %`: the unit written after the figure makes it one.
            if just_after_figure && let Some(last) = out.last_mut() {
                mark_per_cent(last);
                break;
            }
            // `% | 38`, `Tỷ lệ (%) | 38` (under any column): the figures
            // after it are percentages.
            if last_figure.is_none() {
                per_cent = true;
                continue;
            }
        }
        // `1800 | (Quý IV/2019) | 1961 | (Quý I/2020)`: words in brackets
        // right after a figure are that figure's.
        if field.is_number()
            && just_after_figure
            && let Some(text) = grid.text(at)
            && text.trim_start().starts_with('(')
            && is_period_words(model, at)
            && let Some(last) = out.last_mut()
        {
            last.marks.push(Mark {
                text: text.to_string(),
                said: said(text),
            });
            last_figure = Some(at.1);
            continue;
        }
        // A period's words start the next figure's marks (a part's, only
        // before the first figure).
        if field.is_number()
            && let Some(text) = grid.text(at)
            && (is_period_words(model, at)
                || (last_figure.is_none()
                    && !is_label(model, at, field)
                    && !text.starts_with(|c: char| c.is_ascii_digit())
                    && said(text).scope.is_some()))
        {
            leading = vec![Mark {
                text: text.to_string(),
                said: said(text),
            }];
            // `Kỳ trước | 1800 | Kỳ này | 1961`: the figure after the
            // period's words is the row's next, not a note's.
            if last_figure.is_some() {
                last_figure = Some(at.1);
            }
            continue;
        }
        if is_label(model, at, field) {
            break;
        }
        if band.is_none() && last_figure.is_some_and(|c| at.1 != c + 1) {
            break;
        }
        let role = band.and_then(|b| b.column(at.1)).map(|c| c.role);
        // Under a heading, the values are in its columns: a number outside
        // them is a note's (`37` two columns past `Số liệu`).
        if matches!(
            role,
            Some(
                super::bands::Role::Note
                    | super::bands::Role::Numbering
                    | super::bands::Role::Labels
            )
        ) || (band.is_some() && role.is_none() && field.is_number())
        {
            continue;
        }
        seen_cols.push(at.1);
        let Some((value, typed)) = cell_value(model, at, cell) else {
            continue;
        };
        if field.is_count()
            && last_figure.is_none()
            && matches!(value, Value::Words(_) | Value::Text(_))
            && is_per_cent_unit(&typed)
        {
            per_cent = true;
            continue;
        }
        let origin = grid.origin(at);
        if field == Field::Period {
            if matches!(value, Value::Words(_) | Value::Text(_)) && is_note(&typed) {
                continue;
            }
            // `Từ ngày 01/01/2020` | `đến ngày 31/03/2020`: a range in two cells.
            let next = cells
                .peek()
                .and_then(|(p, c)| cell_value(model, **p, c))
                .map(|(_, t)| t)
                .filter(|t| fold(t).starts_with("den"));
            let text = match next {
                Some(to) if fold(&typed).starts_with("tu") => format!("{typed} {to}"),
                _ => typed.clone(),
            };
            let value = match value {
                Value::Formula => Value::Formula,
                Value::Date(d) => Value::Date(d),
                _ => Value::Text(text.clone()),
            };
            return vec![candidate(Some((value, origin, text)), at, &leading)];
        }
        if !field.is_number() {
            let value = match value {
                Value::Words(_) | Value::Number { .. } => Value::Text(typed.clone()),
                other => other,
            };
            return vec![candidate(Some((value, origin, typed)), at, &leading)];
        }
        match value {
            Value::Words(_) | Value::Text(_) | Value::Date(_)
                if role != Some(super::bands::Role::Measure) || says_not_applicable(&typed) =>
            {
                words.push((at.1, typed, origin));
            }
            Value::Words(_) | Value::Text(_) | Value::Date(_) => {}
            // Under `Tỷ lệ (%)`, a number is a percentage whatever its cell.
            Value::Number { value, .. }
                if per_cent || role == Some(super::bands::Role::Percent) =>
            {
                last_figure = Some(at.1);
                let percent = Value::Number {
                    value,
                    percent: true,
                };
                out.push(candidate(Some((percent, origin, typed)), at, &leading));
            }
            other => {
                last_figure = Some(at.1);
                out.push(candidate(Some((other, origin, typed)), at, &leading));
            }
        }
        if band.is_none() && last_figure.is_some_and(|c| c != at.1) {
            break;
        }
    }
    // Columns of the band right of the label left blank: this quarter's
    // place, empty.
    if let Some(band) = band {
        for column in band
            .columns
            .iter()
            .filter(|c| c.col > start.1 && c.role == super::bands::Role::Value)
            .filter(|c| !seen_cols.contains(&c.col))
        {
            if is_label_between(model, start, column.col, field) {
                continue;
            }
            out.push(candidate(None, (start.0, column.col), &leading));
        }
    }
    // Words beside figures are units of measure or notes; alone, they are
    // a unit of measure or the value typed as words, settled later by the
    // sheet's value column.
    if out.is_empty() {
        let value = (!words.is_empty()).then(|| (Value::Words(words), pos, String::new()));
        out.push(candidate(value, start, &leading));
    }
    out
}

/// Words that say only a period (`Kỳ trước`, `Quý I/2020`, `Kỳ báo cáo`)
/// with a figure or nothing right of them: a figure's period, not the
/// report's (`Kỳ báo cáo | Quý I/2020` is the report's).
fn is_period_words(model: &SheetModel, at: (u32, u32)) -> bool {
    let grid = model.grid;
    let Some(text) = grid.text(at) else {
        return false;
    };
    // `1.800 dự kiến` is a figure with words, no period's heading.
    let number_first = text
        .split_whitespace()
        .next()
        .is_some_and(|w| crate::text::parse_number(w).is_some());
    if number_first || said(text).period.is_none() {
        return false;
    }
    let figure_next = match grid.right_of(at.0, at.1).next() {
        None => true,
        Some((_, cell)) => super::bands::holds_figure(cell),
    };
    let label = model.labels.get(&at);
    let names_period = label.is_some_and(|l| {
        l.in_cell.is_none() && matches!(l.whole, Label::Field(Field::Period) | Label::None)
    });
    (label.is_none() || names_period) && figure_next
}

/// Whether another label stands between the label at `pos` and `col`.
fn is_label_between(model: &SheetModel, pos: (u32, u32), col: u32, field: Field) -> bool {
    model
        .grid
        .right_of(pos.0, pos.1)
        .take_while(|(at, _)| at.1 < col)
        .any(|(at, _)| is_label(model, *at, field))
}

/// The label cell of another field's row where the merged region holding
/// `at` begins: a value merged down over two fields' lines is the first's.
fn merged_from(
    model: &SheetModel,
    label: (u32, u32),
    at: (u32, u32),
    field: Field,
) -> Option<(u32, u32)> {
    let origin = model.grid.get(at)?.origin?;
    if origin.0 == label.0 {
        return None;
    }
    model
        .labels
        .range((origin.0, 0)..(origin.0, origin.1))
        .find(|(_, l)| matches!(l.whole, Label::Field(f) if f != field))
        .map(|(pos, _)| *pos)
}

/// `I. Tỉnh Bình Dương`, `UBND tỉnh …`, `Bộ …`: a label naming a unit's
/// own body, not one of its shares.
fn names_a_body(text: &str) -> bool {
    let key = crate::text::label_key(text);
    [
        "tinh ",
        "thanh pho ",
        "ubnd ",
        "uy ban nhan dan ",
        "bo ",
        "toan ",
    ]
    .iter()
    .any(|p| key.starts_with(p))
}

/// A candidate's number read as the percentage its row says it is.
fn mark_per_cent(candidate: &mut Candidate) {
    if let Some((Value::Number { percent, .. }, _, _)) = candidate.value.as_mut() {
        *percent = true;
    }
}
