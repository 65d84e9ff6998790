//! Finds each field of the report by its label, anywhere on the sheet, and
//! reads the value to its right into the typed `Submission`.

use chrono::NaiveDate;

use super::grid::{Cell, CellValue, Grid};
use super::labels::{Field, field_of, label_keys};
use crate::finding::{Finding, Rule};
use crate::quarter::Quarter;
use crate::submission::{Counts, Located, Period, Submission};
use crate::text::parse_number;

/// What stands right of a label.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    Number(f64, bool, String),
    Text(String, String),
    Date(NaiveDate, String),
    NotNumber(String, String),
    /// No number right of a number's label, only these texts (column, text,
    /// cell): a unit of measure, or a value typed as words. Settled by
    /// `settle_texts` once the sheet's value column is known.
    Texts(Vec<(u32, String, String)>),
    FormulaWithoutResult(String),
    Nothing,
}

impl Found {
    fn cell(&self) -> Option<&str> {
        match self {
            Found::Number(_, _, c)
            | Found::Text(_, c)
            | Found::Date(_, c)
            | Found::NotNumber(_, c)
            | Found::FormulaWithoutResult(c) => Some(c),
            Found::Texts(_) | Found::Nothing => None,
        }
    }

    fn same_value(&self, other: &Found) -> bool {
        match (self, other) {
            (Found::Number(a, ap, _), Found::Number(b, bp, _)) => a == b && ap == bp,
            (Found::Text(a, _), Found::Text(b, _)) => a == b,
            (Found::Date(a, _), Found::Date(b, _)) => a == b,
            (Found::NotNumber(a, _), Found::NotNumber(b, _)) => a == b,
            (Found::FormulaWithoutResult(_), Found::FormulaWithoutResult(_)) => true,
            _ => false,
        }
    }

    fn shown(&self) -> String {
        match self {
            Found::Number(v, true, _) => format!("{v}%"),
            Found::Number(v, false, _) => format!("{v}"),
            Found::Text(t, _) | Found::NotNumber(t, _) => format!("“{t}”"),
            Found::Date(d, _) => d.format("%d/%m/%Y").to_string(),
            Found::FormulaWithoutResult(_) => "công thức chưa có kết quả".to_string(),
            Found::Texts(_) | Found::Nothing => String::new(),
        }
    }
}

fn cell_text(value: &CellValue) -> Option<String> {
    match value {
        CellValue::Number(n) if n.fract() == 0.0 => Some(format!("{n:.0}")),
        CellValue::Number(n) => Some(n.to_string()),
        CellValue::Text(t) => Some(t.trim().to_string()),
        CellValue::Date(d) => Some(d.format("%d/%m/%Y").to_string()),
        CellValue::Bool(b) => Some(b.to_string()),
        CellValue::Error(e) => Some(e.clone()),
        CellValue::Empty => None,
    }
}

fn value_right_of(grid: &Grid, pos: (u32, u32), field: Field, keys: &[(Field, String)]) -> Found {
    let mut texts = Vec::new();
    for (&at, cell) in grid.right_of(pos.0, pos.1) {
        let reference = grid.reference(at);
        if let CellValue::Text(t) = &cell.value
            && field_of(t, keys).is_some()
        {
            break;
        }
        if cell.formula_without_result {
            return Found::FormulaWithoutResult(reference);
        }
        let Cell { value, .. } = cell;
        if field == Field::Period {
            // A period may be a date range over two cells: the row's texts, joined.
            return period_cells(grid, pos, keys);
        }
        if !field.is_number() {
            return match value {
                CellValue::Date(d) => Found::Date(*d, reference),
                other => match cell_text(other) {
                    Some(t) => Found::Text(t, reference),
                    None => continue,
                },
            };
        }
        match value {
            CellValue::Number(n) => return Found::Number(*n, false, reference),
            CellValue::Text(t) => match parse_number(t) {
                Some(n) => return Found::Number(n.value, n.percent, reference),
                None => texts.push((at.1, t.trim().to_string(), reference)),
            },
            other => {
                if let Some(t) = cell_text(other) {
                    texts.push((at.1, t, reference));
                }
            }
        }
    }
    if texts.is_empty() {
        Found::Nothing
    } else {
        Found::Texts(texts)
    }
}

/// Every value right of a period's label, joined: `Từ ngày 01/01/2020`,
/// `đến ngày 31/03/2020` in two cells read as one text.
fn period_cells(grid: &Grid, pos: (u32, u32), keys: &[(Field, String)]) -> Found {
    let mut parts = Vec::new();
    let mut first = None;
    for (&at, cell) in grid.right_of(pos.0, pos.1) {
        if let CellValue::Text(t) = &cell.value
            && field_of(t, keys).is_some()
        {
            break;
        }
        if cell.formula_without_result {
            return Found::FormulaWithoutResult(grid.reference(at));
        }
        let text = match &cell.value {
            CellValue::Date(d) => Some(d.format("%d/%m/%Y").to_string()),
            other => cell_text(other),
        };
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            first.get_or_insert_with(|| grid.reference(at));
            parts.push(text);
        }
    }
    match first {
        Some(cell) => Found::Text(parts.join(" "), cell),
        None => Found::Nothing,
    }
}

/// The column most values of the report stand in (the rightmost on a tie).
fn value_column(occurrences: &[(Field, (u32, u32), Found)]) -> Option<u32> {
    let mut columns: Vec<u32> = occurrences
        .iter()
        .filter_map(|(_, _, found)| match found {
            Found::Number(_, _, cell) | Found::Text(_, cell) | Found::Date(_, cell) => {
                Some(column_of(cell))
            }
            _ => None,
        })
        .collect();
    columns.sort_unstable();
    let mut best: Option<(usize, u32)> = None;
    for c in &columns {
        let n = columns.iter().filter(|x| *x == c).count();
        if best.is_none_or(|(bn, bc)| n > bn || (n == bn && *c > bc)) {
            best = Some((n, *c));
        }
    }
    best.map(|(_, c)| c)
}

fn column_of(reference: &str) -> u32 {
    let name = reference.rsplit('!').next().unwrap_or("");
    name.chars()
        .take_while(char::is_ascii_alphabetic)
        .fold(0, |acc, c| {
            acc * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
        })
        .saturating_sub(1)
}

/// Texts in the value column are values typed as words; texts elsewhere
/// (a unit of measure) leave the value missing. With no value column known,
/// the last text is taken as the value.
fn settle_texts(found: Found, value_col: Option<u32>) -> Found {
    let Found::Texts(texts) = found else {
        return found;
    };
    let pick = match value_col {
        Some(vc) => texts.into_iter().find(|(c, _, _)| *c == vc),
        None => texts.into_iter().last(),
    };
    match pick {
        Some((_, text, cell)) => Found::NotNumber(text, cell),
        None => Found::Nothing,
    }
}

/// Reads every field of `grid` into a submission, with the findings of reading.
pub fn read_fields(grid: &Grid, file: &str, findings: &mut Vec<Finding>) -> Submission {
    let keys = label_keys();
    let mut occurrences: Vec<(Field, (u32, u32), Found)> = Vec::new();
    for (&pos, cell) in grid.cells() {
        if let CellValue::Text(t) = &cell.value
            && let Some(field) = field_of(t, &keys)
        {
            occurrences.push((field, pos, value_right_of(grid, pos, field, &keys)));
        }
    }
    let value_col = value_column(&occurrences);
    for occurrence in &mut occurrences {
        let found = std::mem::replace(&mut occurrence.2, Found::Nothing);
        occurrence.2 = settle_texts(found, value_col);
    }
    let mut reader = FieldReader {
        grid,
        file,
        occurrences,
        findings,
        reported: Vec::new(),
    };
    let counts = Counts {
        total: reader.count(Field::Total, true),
        level3: reader.count(Field::Level3, false),
        level4: reader.count(Field::Level4, true),
        dossier_services: reader.count(Field::DossierServices, false),
        dossiers: reader.count(Field::Dossiers, false),
        online_dossiers: reader.count(Field::OnlineDossiers, false),
    };
    let submission = Submission {
        file: file.to_string(),
        modified: None,
        unit_name: reader.text(Field::Unit),
        unit_code: reader.text(Field::UnitCode),
        period: reader.period(),
        report_date: reader.date(Field::ReportDate),
        counts,
        ratio: reader.ratio(),
        list: None,
    };
    if submission.unit_name.is_none()
        && submission.unit_code.is_none()
        && !reader.reported(Field::Unit)
        && !reader.reported(Field::UnitCode)
    {
        reader.findings.push(Finding::new(
            file,
            Rule::UnitMissing,
            format!(
                "Không tìm thấy tên đơn vị báo cáo: cần dòng “{}” (hoặc “{}”) có ghi tên đơn vị bên phải.",
                Field::Unit.label(),
                Field::UnitCode.label()
            ),
        ));
    }
    submission
}

struct FieldReader<'a> {
    grid: &'a Grid,
    file: &'a str,
    occurrences: Vec<(Field, (u32, u32), Found)>,
    findings: &'a mut Vec<Finding>,
    /// Fields a finding was already made for.
    reported: Vec<Field>,
}

impl FieldReader<'_> {
    fn reported(&self, field: Field) -> bool {
        self.reported.contains(&field)
    }

    /// The one value of a field; a finding when its occurrences disagree.
    /// None when the field is absent, empty, or already reported.
    fn found(&mut self, field: Field) -> Option<(Found, Option<String>)> {
        let all: Vec<&(Field, (u32, u32), Found)> = self
            .occurrences
            .iter()
            .filter(|(f, _, _)| *f == field)
            .collect();
        let label_cell = all.first().map(|(_, pos, _)| self.grid.reference(*pos));
        let with_value: Vec<&Found> = all
            .iter()
            .map(|(_, _, found)| found)
            .filter(|f| **f != Found::Nothing)
            .collect();
        let Some(first) = with_value.first() else {
            return Some((Found::Nothing, label_cell));
        };
        if let Some(other) = with_value.iter().skip(1).find(|f| !first.same_value(f)) {
            let (a, b) = (first.cell().unwrap_or(""), other.cell().unwrap_or(""));
            self.reported.push(field);
            self.findings.push(
                Finding::new(
                    self.file,
                    Rule::ValueConflict,
                    format!(
                        "“{}” được ghi hai lần với hai giá trị khác nhau: {} ở ô {} và {} ở ô {}. Chỉ giữ lại một dòng.",
                        field.label(),
                        first.shown(),
                        a,
                        other.shown(),
                        b
                    ),
                )
                .at(Some(b.to_string())),
            );
            return None;
        }
        Some(((*first).clone(), label_cell))
    }

    fn count(&mut self, field: Field, required: bool) -> Option<Located<u64>> {
        let (found, label_cell) = self.found(field)?;
        let label = field.label();
        let problem = match found {
            Found::Number(v, _, cell) if v < 0.0 => (
                Rule::ValueNegative,
                format!("“{label}” là số âm ({v}); số liệu phải từ 0 trở lên."),
                Some(cell),
            ),
            Found::Number(v, _, cell) if v.fract() != 0.0 || v > 1e15 => (
                Rule::ValueFraction,
                format!("“{label}” phải là số nguyên, nhưng ô ghi {v}."),
                Some(cell),
            ),
            Found::Number(v, _, cell) => {
                return Some(Located {
                    value: v as u64,
                    cell,
                });
            }
            Found::Nothing if !required => return None,
            other => self.problem(field, other, label_cell)?,
        };
        self.push(field, problem);
        None
    }

    fn ratio(&mut self) -> Option<Located<f64>> {
        let (found, label_cell) = self.found(Field::Ratio)?;
        match found {
            Found::Number(v, _, cell) if v < 0.0 => {
                let message = format!("“{}” là số âm ({v}).", Field::Ratio.label());
                self.push(Field::Ratio, (Rule::ValueNegative, message, Some(cell)));
                None
            }
            // 0.3845 in a percent-formatted cell, or 38.45 / “38,45%” typed.
            Found::Number(v, percent, cell) => {
                let value = if percent || v > 1.0 { v / 100.0 } else { v };
                Some(Located { value, cell })
            }
            Found::Nothing => None,
            other => {
                let problem = self.problem(Field::Ratio, other, label_cell)?;
                self.push(Field::Ratio, problem);
                None
            }
        }
    }

    fn text(&mut self, field: Field) -> Option<Located<String>> {
        let (found, label_cell) = self.found(field)?;
        match found {
            Found::Text(value, cell) => Some(Located { value, cell }),
            Found::Date(d, cell) => Some(Located {
                value: d.format("%d/%m/%Y").to_string(),
                cell,
            }),
            Found::Nothing => None,
            other => {
                let problem = self.problem(field, other, label_cell)?;
                self.push(field, problem);
                None
            }
        }
    }

    fn period(&mut self) -> Option<Located<Period>> {
        let (found, label_cell) = self.found(Field::Period)?;
        let (text, cell) = match found {
            Found::Text(t, cell) => (t, cell),
            Found::Date(d, cell) => (d.format("%d/%m/%Y").to_string(), cell),
            Found::Nothing => {
                let where_ = label_cell
                    .as_deref()
                    .map_or(String::new(), |c| format!(" (ô {c})"));
                self.push(Field::Period, (
                    Rule::PeriodMissing,
                    format!("Không có kỳ báo cáo{where_}: ghi “Kỳ báo cáo” và kỳ, ví dụ “Quý I/2020”."),
                    label_cell,
                ));
                return None;
            }
            other => {
                let problem = self.problem(Field::Period, other, label_cell)?;
                self.push(Field::Period, problem);
                return None;
            }
        };
        let value = match Quarter::parse_loose(&text).or_else(|| Quarter::from_dates(&text)) {
            Some(q) => Period::Quarter(q),
            None => {
                self.push(
                    Field::Period,
                    (
                        Rule::PeriodUnrecognised,
                        format!("Không hiểu kỳ báo cáo “{text}”: hãy ghi theo dạng “Quý I/2020”."),
                        Some(cell.clone()),
                    ),
                );
                Period::Unrecognised(text)
            }
        };
        Some(Located { value, cell })
    }

    fn date(&mut self, field: Field) -> Option<Located<NaiveDate>> {
        let (found, _) = self.found(field)?;
        let (parsed, shown, cell) = match found {
            Found::Date(d, cell) => return Some(Located { value: d, cell }),
            Found::Text(t, cell) => (parse_date_text(&t), t, cell),
            Found::Nothing => return None,
            other => (None, other.shown(), other.cell().unwrap_or("").to_string()),
        };
        if let Some(value) = parsed {
            return Some(Located { value, cell });
        }
        let message = format!(
            "“{}” ghi “{shown}”, không phải một ngày (dd/mm/yyyy); ngày này được bỏ qua.",
            field.label()
        );
        self.push(field, (Rule::ValueNotDate, message, Some(cell)));
        None
    }

    /// The finding for a value that is missing, not a number, or a formula
    /// without result. None when there is nothing to say.
    fn problem(
        &self,
        field: Field,
        found: Found,
        label_cell: Option<String>,
    ) -> Option<(Rule, String, Option<String>)> {
        let label = field.label();
        Some(match found {
            Found::FormulaWithoutResult(cell) => (
                Rule::ValueFormulaWithoutResult,
                format!(
                    "Ô {cell} (“{label}”) là công thức chưa được tính: tệp được tạo bằng phần mềm và chưa từng mở bằng Excel. Đề nghị mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại."
                ),
                Some(cell),
            ),
            Found::NotNumber(text, cell) => (
                Rule::ValueNotNumber,
                format!("“{label}” phải là một số, nhưng ô {cell} ghi “{text}”."),
                Some(cell),
            ),
            Found::Nothing => match label_cell {
                Some(cell) => (
                    Rule::ValueMissing,
                    format!("Chưa điền “{label}” (dòng ở ô {cell})."),
                    Some(cell),
                ),
                None => (
                    Rule::ValueMissing,
                    format!(
                        "Không tìm thấy dòng “{label}” trong sheet “{}”.",
                        self.grid.sheet
                    ),
                    None,
                ),
            },
            Found::Number(..) | Found::Text(..) | Found::Date(..) | Found::Texts(_) => return None,
        })
    }

    fn push(&mut self, field: Field, (rule, message, cell): (Rule, String, Option<String>)) {
        self.reported.push(field);
        self.findings
            .push(Finding::new(self.file, rule, message).at(cell));
    }
}

/// `05/04/2020`, `5-4-2020`, `ngày 05 tháng 04 năm 2020`.
fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match numbers.as_slice() {
        [d, m, y] if *y >= 1900 => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_as_written() {
        let d = NaiveDate::from_ymd_opt(2020, 4, 5);
        assert_eq!(parse_date_text("05/04/2020"), d);
        assert_eq!(parse_date_text("ngày 05 tháng 04 năm 2020"), d);
        assert_eq!(parse_date_text("tháng 4"), None);
    }
}
