//! The reading rules: every place a sheet gives a field's value, each
//! reading saying how it was found. In order: the label's own cell
//! (`in_label_cell`), right of the label (`right_of_label`), under a column
//! header (`under_header`); the heading block (`heading_block`) and the
//! title (`title`) only for the unit and the period.

use chrono::NaiveDate;

use super::grid::{Cell, CellValue};
use super::labels::{Field, Label, levels_named};
use super::model::{NoDataRow, SheetModel};
use crate::quarter::{Named, Quarter};
use crate::submission::How;
use crate::text::{fold, parse_number};

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
    /// Right of a count's label, no number but these words (column, text,
    /// cell): a unit of measure, or a value typed as words; settled by the
    /// sheet's value column.
    Words(Vec<(u32, String, (u32, u32))>),
}

/// A value found for a field, and where.
#[derive(Debug, Clone)]
pub struct Reading {
    pub field: Field,
    pub how: How,
    /// The label's (or header's, or title's) cell.
    pub label: (u32, u32),
    /// The value, its cell and its text as typed; None: a label with no value.
    pub value: Option<(Value, (u32, u32), String)>,
}

/// All a sheet says, before any field is decided.
pub struct SheetReadings {
    pub readings: Vec<Reading>,
    /// Cells that speak of a field's quantity but label another (cell, text).
    /// With the field it is nearest to, any level it names.
    pub near_misses: Vec<(Vec<Field>, (u32, u32), String)>,
    /// Tables with several data rows and no total row: the header row, the
    /// data rows, the fields the table gives.
    pub no_total: Vec<(u32, NoDataRow, Vec<Field>)>,
}

pub fn locate(model: &SheetModel) -> SheetReadings {
    let mut readings = Vec::new();
    let mut near_misses = Vec::new();
    for (&pos, label) in &model.labels {
        if let Some((field, text)) = &label.in_cell {
            readings.push(Reading {
                field: *field,
                how: How::InLabelCell,
                label: pos,
                value: Some((in_cell_value(*field, text), pos, text.clone())),
            });
            continue;
        }
        match label.whole {
            Label::Field(field) if !(read_in_table(field) && model.in_header(pos)) => {
                readings.push(Reading {
                    field,
                    how: How::RightOfLabel,
                    label: pos,
                    value: right_of(model, pos, field),
                });
            }
            Label::NearMiss(field) => {
                let text = match &model.grid.get(pos).map(|c| &c.value) {
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
    for table in &model.tables {
        let row = match &table.data {
            Ok(row) => *row,
            Err(problem) => {
                no_total.push((
                    table.header_row,
                    problem.clone(),
                    table.columns.iter().map(|c| c.field).collect(),
                ));
                continue;
            }
        };
        for column in &table.columns {
            tracing::debug!(field = ?column.field, path = %column.path, "column header");
            let at = (row, column.col);
            let value = model.grid.get(at).and_then(|cell| {
                let (value, typed) = cell_value(cell)?;
                let value = match value {
                    Value::Words(_) => Value::Text(typed.clone()),
                    other => other,
                };
                Some((value, model.grid.origin(at), typed))
            });
            readings.push(Reading {
                field: column.field,
                how: How::UnderHeader,
                label: column.header,
                value,
            });
        }
    }
    if let Some((pos, body)) = &model.heading {
        readings.push(Reading {
            field: Field::Unit,
            how: How::HeadingBlock,
            label: *pos,
            value: Some((Value::Text(body.clone()), *pos, body.clone())),
        });
    }
    if let Some((pos, quarter, text)) = &model.title {
        readings.push(Reading {
            field: Field::Period,
            how: How::Title,
            label: *pos,
            value: Some((Value::Text(quarter.vietnamese()), *pos, text.clone())),
        });
    }
    for (pos, text) in &model.date_lines {
        readings.push(Reading {
            field: Field::ReportDate,
            how: How::DateLine,
            label: *pos,
            value: Some((Value::Text(text.clone()), *pos, text.clone())),
        });
    }
    SheetReadings {
        readings,
        near_misses,
        no_total,
    }
}

/// A cell's value and its text as typed; None for a blank cell.
fn cell_value(cell: &Cell) -> Option<(Value, String)> {
    if cell.formula_without_result {
        return Some((Value::Formula, String::new()));
    }
    Some(match &cell.value {
        CellValue::Number(n) => (
            Value::Number {
                value: *n,
                percent: false,
            },
            shown_number(*n),
        ),
        CellValue::Text(t) => {
            let t = t.trim();
            match parse_number(t).or_else(|| number_with_measure(t)) {
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

/// A number as a Vietnamese spreadsheet shows it: `1,818`.
fn shown_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string().replace('.', ",")
    }
}

/// The units of measure a figure's cell may carry after its number
/// (`1.800 thủ tục`, `300 dịch vụ`), folded. Any other word keeps the cell
/// words (`1900 dự kiến` is no figure).
const MEASURES: &[&str] = &[
    "thu tuc",
    "tthc",
    "thu tuc hanh chinh",
    "dich vu",
    "dvc",
    "dvctt",
    "ho so",
];

/// `1.800 thủ tục`, `1 961 TTHC`: the number, when all that follows it is a
/// unit of measure.
fn number_with_measure(text: &str) -> Option<crate::text::TypedNumber> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let numeric = words
        .iter()
        .take_while(|w| w.chars().any(|c| c.is_ascii_digit()) || **w == "%")
        .count();
    if numeric == 0 || numeric == words.len() {
        return None;
    }
    let rest = fold(words[numeric..].join(" ").trim_end_matches('.'));
    MEASURES
        .contains(&rest.as_str())
        .then(|| parse_number(&words[..numeric].join(" ")))?
}

/// The value after a label's colon: a number for a count (`1.961 thủ tục`
/// is 1961), else the words.
fn in_cell_value(field: Field, text: &str) -> Value {
    if !field.is_number() {
        return Value::Text(text.to_string());
    }
    // The same rule as a value cell's: a number and its unit of measure,
    // never a number and other words (`1900 dự kiến`).
    match parse_number(text).or_else(|| number_with_measure(text)) {
        Some(n) => Value::Number {
            value: n.value,
            percent: n.percent,
        },
        None => Value::Text(text.to_string()),
    }
}

/// The fields a table's column header gives: read under it, not right of it.
fn read_in_table(field: Field) -> bool {
    field.is_number() || field == Field::Explanation
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

fn right_of(
    model: &SheetModel,
    pos: (u32, u32),
    field: Field,
) -> Option<(Value, (u32, u32), String)> {
    let grid = model.grid;
    let mut words = Vec::new();
    let mut cells = grid.right_of(pos.0, pos.1).peekable();
    while let Some((&at, cell)) = cells.next() {
        if is_label(model, at, field) {
            break;
        }
        let Some((value, typed)) = cell_value(cell) else {
            continue;
        };
        let origin = grid.origin(at);
        if field == Field::Period {
            if matches!(value, Value::Words(_) | Value::Text(_)) && is_note(&typed) {
                continue;
            }
            // `Từ ngày 01/01/2020` | `đến ngày 31/03/2020`: a range in two cells.
            let next = cells
                .peek()
                .and_then(|(_, c)| cell_value(c))
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
            return Some((value, origin, text));
        }
        if !field.is_number() {
            let value = match value {
                Value::Words(_) => Value::Text(typed.clone()),
                Value::Number { .. } => Value::Text(typed.clone()),
                other => other,
            };
            return Some((value, origin, typed));
        }
        match value {
            Value::Words(_) | Value::Text(_) | Value::Date(_) => words.push((at.1, typed, origin)),
            other => return Some((other, origin, typed)),
        }
    }
    (!words.is_empty()).then(|| (Value::Words(words), pos, String::new()))
}
