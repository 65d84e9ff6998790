//! Each field of a sheet, from the candidates `locate` found, decided by
//! `decide`'s ordered rules, into the typed `Submission`; every rule that
//! leaves a field without a value says why, in a finding naming the cell.

use chrono::NaiveDate;

use super::context::ReadContext;
use super::dates::{implausible, parse_date_text};
use super::decide::{Decision, decide, part, period_mark};
use super::grid::{CellValue, Grid, Hidden};
use super::labels::Field;
use super::locate::{Candidate, SheetReadings, Value, locate};
use super::model::SheetModel;
use super::ratio::ratio_reading;
use super::settle::{period_of, rank, settle_words};
use crate::finding::{Finding, Rule};
use crate::quarter::Quarter;
use crate::submission::{
    Counts, Given, How, Located, MAX_EXPLANATION_CHARS, Period, Submission, cell_ref,
};
use crate::text::{says_not_applicable, vn_count};
use crate::wording::Levels;

/// The largest figure taken: 10^15, under the 2^53 where a spreadsheet's
/// numbers stop being exact whole numbers.
const MAX_FIGURE: f64 = 1e15;

/// Reads every field of `grid` into a submission, with the findings of reading.
pub fn read_fields(
    grid: &Grid,
    file: &str,
    context: &ReadContext,
    findings: &mut Vec<Finding>,
) -> Submission {
    let model = SheetModel::build(grid);
    let SheetReadings {
        mut candidates,
        near_misses,
        no_total,
        mismatches,
    } = locate(&model);
    settle_words(&mut candidates);
    let mut reader = FieldReader {
        grid,
        file,
        candidates,
        findings: Vec::new(),
        reported: Vec::new(),
        quarter: context.quarter,
        year_named: model.year_named,
        levels: &context.levels,
    };
    // The period first: the figures are read for the quarter it names.
    let period = reader.period();
    if let Some(Located {
        value: Period::Quarter(q),
        ..
    }) = &period
    {
        reader.quarter = *q;
    }
    let period_findings = std::mem::take(&mut reader.findings);
    for table in &no_total {
        // A table of sectors under lines that give the unit's figures is
        // their breakdown: it says nothing of the whole the lines give.
        let given_by_lines = |field: Field| {
            reader.candidates.iter().any(|c| {
                c.field == field
                    && matches!(c.how, How::InLabelCell | How::RightOfLabel)
                    && matches!(c.value, Some((Value::Number { .. }, _, _)))
            })
        };
        let unsaid: Vec<Field> = table
            .fields
            .iter()
            .copied()
            .filter(|f| !given_by_lines(*f))
            .collect();
        if !unsaid
            .iter()
            .any(|f| matches!(f, Field::Total | Field::Level4))
        {
            continue;
        }
        let rows: Vec<String> = table.rows.iter().map(|r| (r + 1).to_string()).collect();
        reader.findings.push(
            Finding::new(
                file,
                Rule::TableTotalMissing,
                format!(
                    "Bảng có tiêu đề ở dòng {} có {} dòng số liệu (dòng {}) nhưng không có dòng “Tổng cộng”: không rõ số liệu của đơn vị là dòng nào. Đề nghị thêm dòng “Tổng cộng”.",
                    table.header_row + 1,
                    rows.len(),
                    rows.join(", ")
                ),
            )
            .at(Some(cell_ref(&grid.sheet, table.header_row, 0))),
        );
        reader.reported.extend(unsaid);
    }
    for mismatch in &mismatches {
        if reader.reported(mismatch.field) {
            continue;
        }
        let rows: Vec<String> = mismatch.rows.iter().map(|r| (r + 1).to_string()).collect();
        let cell = reader.at(mismatch.total_cell);
        let typed: Vec<String> = mismatch
            .text_cells
            .iter()
            .map(|(at, text)| format!("ô {} ghi “{text}”", reader.at(*at)))
            .collect();
        let why = if typed.is_empty() {
            String::new()
        } else {
            format!(
                " Công thức của dòng tổng không cộng số gõ dạng chữ ({}): đề nghị gõ lại các ô này dưới dạng số.",
                typed.join(", ")
            )
        };
        reader.push(
            mismatch.field,
            (
                Rule::TableTotalMismatch,
                format!(
                    "Dòng tổng ghi “{}” là {} (ô {cell}), nhưng cộng các dòng {} được {}: dòng tổng không khớp với các dòng trong bảng.{why} Đề nghị kiểm tra lại số liệu các dòng và dòng tổng.",
                    reader.name(mismatch.field),
                    shown_figure(mismatch.total),
                    rows.join(", "),
                    shown_figure(mismatch.sum),
                ),
                Some(cell),
            ),
        );
    }
    let total = reader.required(Field::Total);
    let level4 = reader.required(Field::Level4);
    let ratio = reader.ratio(total.as_ref(), level4.as_ref());
    let counts = Counts {
        total,
        level3: reader.count(Field::Level3, false),
        level4,
        dossier_services: reader.count(Field::DossierServices, false),
        dossiers: reader.count(Field::Dossiers, false),
        online_dossiers: reader.count(Field::OnlineDossiers, false),
    };
    let unit_code = reader.text(Field::UnitCode);
    let unit_name = reader.unit(unit_code.is_some());
    let issuer = unit_name
        .as_ref()
        .filter(|n| !matches!(n.how, How::HeadingBlock | How::Title))
        .and_then(|_| reader.issuer());
    reader.findings.extend(period_findings);
    let report_date = reader.report_date(context, period.as_ref());
    let explanation = reader.explanation();
    let submission = Submission {
        file: file.to_string(),
        modified: None,
        unit_name,
        unit_code,
        period,
        report_date,
        counts,
        ratio,
        list: None,
        explanation,
        issuer,
    };
    reader.unrecognised(&near_misses);
    if submission.unit_name.is_none()
        && submission.unit_code.is_none()
        && !reader.reported(Field::Unit)
        && !reader.reported(Field::UnitCode)
    {
        reader.findings.push(Finding::new(
            file,
            Rule::UnitMissing,
            format!(
                "Không tìm thấy tên đơn vị báo cáo: cần dòng “{}” (hoặc “{}”) có ghi tên đơn vị, hoặc tên cơ quan ban hành ở góc trên bên trái (“UBND TỈNH …”, “BỘ …”).",
                Field::Unit.label(),
                Field::UnitCode.label()
            ),
        ));
    }
    findings.append(&mut reader.findings);
    submission
}

/// `1.961`, `13,02`: a figure as a message shows it.
fn shown_figure(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let sign = if n < 0.0 { "-" } else { "" };
        format!("{sign}{}", vn_count(n.abs() as u64))
    } else {
        format!("{n:.2}").replace('.', ",")
    }
}

/// A field as decided: its value and where, or where its label stands empty.
struct Decided {
    value: Option<(Value, (u32, u32), String, How)>,
    label: Option<(u32, u32)>,
}

struct FieldReader<'a> {
    grid: &'a Grid,
    file: &'a str,
    candidates: Vec<Candidate>,
    findings: Vec<Finding>,
    /// Fields a finding was already made for.
    reported: Vec<Field>,
    /// The quarter the report is for: the figures of this quarter are read.
    quarter: Quarter,
    /// The one year the title or heading names.
    year_named: Option<i32>,
    /// The run quarter's names of the levels, for the labels findings quote.
    levels: &'a Levels,
}

impl FieldReader<'_> {
    /// The label a finding quotes, in the run quarter's words.
    fn name(&self, field: Field) -> String {
        field.label_in(self.levels)
    }

    fn reported(&self, field: Field) -> bool {
        self.reported.contains(&field)
    }

    fn at(&self, pos: (u32, u32)) -> String {
        cell_ref(&self.grid.sheet, pos.0, pos.1)
    }

    fn located<T>(&self, value: T, pos: (u32, u32), typed: String, how: How) -> Located<T> {
        let mut located = Located::new(value, &self.grid.sheet, pos, how);
        located.typed = Some(typed).filter(|t| !t.is_empty());
        located
    }

    /// How a candidate was found, for people: the rule, and the words of
    /// its column and row (or of its label) that say which value it is.
    fn found_how(&self, c: &Candidate) -> String {
        let mut said = vec![c.how.vietnamese().to_string()];
        if let Some(column) = &c.column {
            said.push(format!("cột “{column}”"));
        }
        if let Some(row) = &c.row {
            said.push(format!("dòng “{row}”"));
        }
        if c.column.is_none() && c.row.is_none() {
            let words: Vec<&str> = c
                .marks
                .iter()
                .map(|m| m.text.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            if !words.is_empty() {
                said.push(format!("“{}”", words.join(" › ")));
            }
        }
        said.join(", ")
    }

    /// The one value of a field, by `decide`'s rules. The heading block and
    /// the title count only where no label gives the field; a title that
    /// names another quarter than the period cell is still a disagreement.
    /// None when reported.
    fn decide(&mut self, field: Field, fallback_ok: bool) -> Option<Decided> {
        if self.reported(field) {
            return None;
        }
        let mut all: Vec<&Candidate> = self
            .candidates
            .iter()
            .filter(|c| c.field == field)
            .collect();
        all.sort_by_key(|c| (rank(c.how), c.label, c.cell));
        let primary: Vec<&Candidate> = all.iter().copied().filter(|c| rank(c.how) < 3).collect();
        let label = primary.first().map(|c| c.label);
        let pool: Vec<&Candidate> = if field == Field::Period {
            // The sheet's name only where nothing on the sheet names the
            // period (a tab keeps last quarter's name when reused).
            let named = all
                .iter()
                .any(|c| c.how != How::SheetName && c.value.is_some());
            all.iter()
                .copied()
                .filter(|c| c.how != How::HeadingBlock && !(named && c.how == How::SheetName))
                .collect()
        } else if fallback_ok && !primary.iter().any(|c| c.value.is_some()) {
            let fallbacks = all
                .iter()
                .copied()
                .filter(|c| c.value.is_some() || rank(c.how) < 3);
            // The heading block and a `BÁO CÁO CỦA …` title name one body,
            // however each spells it (`BỘ TT&TT`): the first is taken, the
            // roster resolves it.
            if field == Field::Unit {
                fallbacks.filter(|c| c.value.is_some()).take(1).collect()
            } else {
                fallbacks.collect()
            }
        } else {
            primary
        };
        for c in &pool {
            tracing::debug!(
                field = ?field,
                how = c.how.as_str(),
                cell = %self.at(c.cell),
                value = ?c.value.as_ref().map(|(_, _, typed)| typed),
                marks = ?c.marks.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
                hidden = ?c.hidden,
                "candidate"
            );
        }
        let problem = match decide(field, &pool, self.quarter) {
            Decision::Found(c) => {
                let (value, at, typed) = c.value.clone().expect("found with a value");
                return Some(Decided {
                    value: Some((value, at, typed, c.how)),
                    label: Some(c.label),
                });
            }
            Decision::Missing => return Some(Decided { value: None, label }),
            Decision::Blank(c, other) => match self.blank(field, c, other) {
                Some(problem) => problem,
                None => {
                    return Some(Decided {
                        value: None,
                        label: Some(c.label),
                    });
                }
            },
            Decision::Conflict(first, other) => self.conflict(field, first, other),
            Decision::OtherPeriod(c) => self.other_period(field, c),
            Decision::OnlyPart(c) => self.only_part(field, c),
            Decision::Merged(c) => self.merged(field, c),
            Decision::OnlyHidden(c) => self.only_hidden(field, c),
            Decision::Percent(c) => self.percentage(field, c),
        };
        self.push(field, problem);
        None
    }

    /// This quarter's place left blank, said with the column that says so
    /// and the other period's figure that was not taken; None for a plain
    /// blank (the caller says `Chưa điền` as for a missing value).
    fn blank(
        &self,
        field: Field,
        c: &Candidate,
        other: Option<&Candidate>,
    ) -> Option<(Rule, String, Option<String>)> {
        let mark = period_mark(c, self.quarter).map(|m| m.text.clone());
        if mark.is_none() && other.is_none() {
            return None;
        }
        let cell = self.at(c.cell);
        let column = mark.map_or(String::new(), |m| format!(" ở cột “{m}”"));
        let unused = other.map_or(String::new(), |o| {
            let (_, at, typed) = o.value.as_ref().expect("valued");
            let words = period_mark(o, self.quarter)
                .map_or(String::new(), |m| format!(" là số liệu “{}”", m.text));
            format!(
                "; ô {} ghi “{typed}”{words}, không được lấy thay",
                self.at(*at)
            )
        });
        Some((
            Rule::ValueMissing,
            format!(
                "Chưa điền “{}”{column} (ô {cell}){unused}. Đề nghị ghi số liệu {}.",
                self.name(field),
                self.quarter.vietnamese()
            ),
            Some(cell),
        ))
    }

    fn conflict(
        &self,
        field: Field,
        first: &Candidate,
        other: &Candidate,
    ) -> (Rule, String, Option<String>) {
        let (_, at, typed) = first.value.clone().expect("valued");
        let (_, other_at, other_typed) = other.value.clone().expect("valued");
        let shown = |t: &str| {
            if t.is_empty() {
                "công thức chưa có kết quả".to_string()
            } else {
                format!("“{t}”")
            }
        };
        let message = format!(
            "“{}” đọc được hai giá trị khác nhau: {} ở ô {} ({}) và {} ở ô {} ({}). Đề nghị sửa để báo cáo chỉ ghi một giá trị.",
            self.name(field),
            shown(&typed),
            self.at(at),
            self.found_how(first),
            shown(&other_typed),
            self.at(other_at),
            self.found_how(other),
        );
        (Rule::ValueConflict, message, Some(self.at(other_at)))
    }

    fn other_period(&self, field: Field, c: &Candidate) -> (Rule, String, Option<String>) {
        let (_, at, typed) = c.value.clone().expect("valued");
        let mark = period_mark(c, self.quarter).map_or(String::new(), |m| m.text.clone());
        let cell = self.at(at);
        (
            Rule::ValueOtherPeriod,
            format!(
                "“{}”: báo cáo chỉ có số liệu “{mark}” (ô {cell} ghi “{typed}”), không có số liệu {}. Đề nghị ghi số liệu {}.",
                self.name(field),
                self.quarter.vietnamese(),
                self.quarter.vietnamese()
            ),
            Some(cell),
        )
    }

    fn only_part(&self, field: Field, c: &Candidate) -> (Rule, String, Option<String>) {
        let words = part(c).unwrap_or_default().to_string();
        let cell = self.at(c.cell);
        let found = match &c.value {
            Some((_, _, typed)) => format!(" ghi “{typed}”"),
            None => " để trống".to_string(),
        };
        (
            Rule::ValuePart,
            format!(
                "“{}”: chỉ có số liệu một phần (“{words}”, ô {cell}{found}), không có số liệu toàn bộ của đơn vị. Đề nghị ghi tổng số (lũy kế đến hết kỳ báo cáo).",
                self.name(field)
            ),
            Some(cell),
        )
    }

    fn merged(&self, field: Field, c: &Candidate) -> (Rule, String, Option<String>) {
        let origin = c.value.as_ref().map_or(c.cell, |(_, at, _)| *at);
        let other = c
            .merged_from
            .and_then(|pos| match self.grid.get(pos).map(|cell| &cell.value) {
                Some(CellValue::Text(t)) => Some(t.trim().to_string()),
                _ => None,
            })
            .unwrap_or_default();
        let cell = self.at(origin);
        (
            Rule::ValueMerged,
            format!(
                "Ô {cell} được gộp qua dòng “{other}” và dòng “{}”: số liệu này là của dòng “{other}”, không rõ “{}” là bao nhiêu. Đề nghị bỏ gộp ô và ghi riêng số liệu của từng dòng.",
                self.name(field),
                self.name(field)
            ),
            Some(cell),
        )
    }

    fn only_hidden(&self, field: Field, c: &Candidate) -> (Rule, String, Option<String>) {
        let (_, at, typed) = c.value.clone().expect("valued");
        let what = match c.hidden {
            Some(Hidden::Column) => "thuộc cột bị ẩn",
            Some(Hidden::Format) => "có định dạng số không hiển thị (;;;)",
            _ => "thuộc hàng bị ẩn",
        };
        let cell = self.at(at);
        (
            Rule::ValueHidden,
            format!(
                "“{}” chỉ có ở ô {cell} (ghi “{typed}”), {what}: người đọc báo cáo không nhìn thấy ô này. Đề nghị bỏ ẩn, kiểm tra lại và ghi số liệu vào ô hiển thị.",
                self.name(field)
            ),
            Some(cell),
        )
    }

    fn percentage(&self, field: Field, c: &Candidate) -> (Rule, String, Option<String>) {
        let (_, at, typed) = c.value.clone().expect("valued");
        let cell = self.at(at);
        (
            Rule::ValuePercentage,
            format!(
                "“{}” là một số lượng, nhưng ô {cell} ghi tỷ lệ phần trăm “{typed}”. Đề nghị ghi số lượng (số nguyên), không ghi tỷ lệ.",
                self.name(field)
            ),
            Some(cell),
        )
    }

    /// A figure every report must give: a number, or a finding.
    fn required(&mut self, field: Field) -> Option<Located<u64>> {
        let given = self.count(field, true)?;
        let number = given.value.number()?;
        Some(given.map(|_| number))
    }

    /// A figure as written: a number, or (when not `required`) words
    /// saying it does not apply. Anything else is a finding.
    fn count(&mut self, field: Field, required: bool) -> Option<Located<Given>> {
        let decided = self.decide(field, false)?;
        let label = self.name(field);
        let Some((value, at, typed, how)) = decided.value else {
            if required {
                let problem = self.missing(field, decided.label);
                self.push(field, problem);
            }
            return None;
        };
        let cell = self.at(at);
        let problem = match value {
            Value::Number { value: v, .. } if v < 0.0 => (
                Rule::ValueNegative,
                format!("“{label}” là số âm (ô {cell} ghi “{typed}”); số liệu phải từ 0 trở lên."),
            ),
            // Past 10^15 a number is no count and no longer exact (a
            // spreadsheet keeps 15 digits): said as such, not as a fraction.
            Value::Number { value: v, .. } if v > MAX_FIGURE => (
                Rule::ValueNotNumber,
                format!(
                    "“{label}” ghi số quá lớn (ô {cell} ghi “{typed}”): số liệu phải là số nguyên không quá 1.000.000.000.000.000."
                ),
            ),
            // A number cell holding 1,764: typed as 1.764 on a computer set
            // to English, where the dot is the decimal point.
            Value::Number { value: v, .. }
                if v.fract() != 0.0
                    && (v * 1000.0).fract().abs() < 1e-9
                    && (v * 100.0).fract().abs() > 1e-9
                    && matches!(
                        self.grid.get(at).map(|c| &c.value),
                        Some(CellValue::Number(_))
                    ) =>
            {
                (
                    Rule::ValueFraction,
                    format!(
                        "“{label}” phải là số nguyên, nhưng ô {cell} chứa số thập phân {typed}. Nếu đơn vị định ghi {} (dấu chấm ngăn cách hàng nghìn), máy tính đặt kiểu số tiếng Anh đã đọc dấu chấm là dấu thập phân: đề nghị gõ lại số không có dấu chấm.",
                        vn_count((v * 1000.0).round() as u64)
                    ),
                )
            }
            Value::Number { value: v, .. } if v.fract() != 0.0 => (
                Rule::ValueFraction,
                format!("“{label}” phải là số nguyên, nhưng ô {cell} ghi “{typed}”."),
            ),
            Value::Number { value: v, .. } => {
                return Some(self.located(Given::Number(v as u64), at, typed, how));
            }
            Value::StaleFormula { saved, computed } => (
                Rule::ValueFormulaStale,
                stale_message(&label, &cell, saved, computed),
            ),
            Value::Text(t) if says_not_applicable(&t) && !required => {
                return Some(self.located(Given::NotApplicable, at, typed, how));
            }
            Value::Text(t) if says_not_applicable(&t) => (
                Rule::ValueNotApplicable,
                format!(
                    "“{label}” là số liệu bắt buộc, phải ghi bằng số (ghi 0 nếu không có), nhưng ô {cell} ghi “{typed}”."
                ),
            ),
            other => self.not_a_value(field, other, &cell, &typed),
        };
        self.push_typed(field, problem, cell, typed);
        None
    }

    fn ratio(
        &mut self,
        total: Option<&Located<u64>>,
        level4: Option<&Located<u64>>,
    ) -> Option<Located<f64>> {
        let decided = self.decide(Field::Ratio, false)?;
        let (value, at, typed, how) = decided.value?;
        let cell = self.at(at);
        let problem = match value {
            Value::Number { value: v, .. } if v < 0.0 => (
                Rule::ValueNegative,
                format!(
                    "“{}” là số âm (ô {cell} ghi “{typed}”).",
                    self.name(Field::Ratio)
                ),
            ),
            Value::Number { value: v, percent } => {
                let counts = total.zip(level4).map(|(t, l)| (t.value, l.value));
                let fraction = ratio_reading(v, percent, &typed, counts);
                let mut located = self.located(fraction, at, typed, how);
                // A number cell shows as its format says (`38,45%`), not as
                // its value: only text is quoted as typed.
                if matches!(
                    self.grid.get(at).map(|c| &c.value),
                    Some(CellValue::Number(_))
                ) {
                    located.typed = None;
                }
                return Some(located);
            }
            Value::StaleFormula { saved, computed } => (
                Rule::ValueFormulaStale,
                stale_message(&self.name(Field::Ratio), &cell, saved, computed),
            ),
            other => self.not_a_value(Field::Ratio, other, &cell, &typed),
        };
        self.push_typed(Field::Ratio, problem, cell, typed);
        None
    }

    fn text(&mut self, field: Field) -> Option<Located<String>> {
        let decided = self.decide(field, false)?;
        let (value, at, typed, how) = decided.value?;
        match value {
            Value::Text(t) => Some(self.located(t.trim().to_string(), at, typed, how)),
            Value::Date(d) => Some(self.located(d.format("%d/%m/%Y").to_string(), at, typed, how)),
            other => {
                let cell = self.at(at);
                let problem = self.not_a_value(field, other, &cell, &typed);
                self.push_typed(field, problem, cell, typed);
                None
            }
        }
    }

    /// The unit's `Giải trình`, whatever was typed there, as one line of
    /// text: whitespace and line breaks are one space, control characters
    /// are dropped, and it is cut to `MAX_EXPLANATION_CHARS`. A formula
    /// with no computed result, or an empty explanation, is none.
    fn explanation(&mut self) -> Option<Located<String>> {
        let decided = self.decide(Field::Explanation, false)?;
        let (value, at, typed, how) = decided.value?;
        let text = match value {
            Value::Formula => return None,
            Value::Text(t) => t,
            _ => typed.clone(),
        };
        let line: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let line = crate::text::cut(&line, MAX_EXPLANATION_CHARS);
        (!line.is_empty()).then(|| self.located(line, at, typed, how))
    }

    /// The unit's name: its label, else the heading block (only when no unit
    /// code is written either).
    fn unit(&mut self, has_code: bool) -> Option<Located<String>> {
        let decided = self.decide(Field::Unit, !has_code)?;
        let (value, at, typed, how) = decided.value?;
        match value {
            Value::Text(t) => Some(self.located(t.trim().to_string(), at, typed, how)),
            other => {
                let cell = self.at(at);
                let problem = self.not_a_value(Field::Unit, other, &cell, &typed);
                self.push_typed(Field::Unit, problem, cell, typed);
                None
            }
        }
    }

    /// The issuing body the heading block (or the title) names, the first
    /// of them, however the others spell it.
    fn issuer(&self) -> Option<Located<String>> {
        let c = self
            .candidates
            .iter()
            .filter(|c| c.field == Field::Unit && matches!(c.how, How::HeadingBlock | How::Title))
            .min_by_key(|c| (rank(c.how), c.label))?;
        match c.value.clone()? {
            (Value::Text(t), at, typed) => {
                Some(self.located(t.trim().to_string(), at, typed, c.how))
            }
            _ => None,
        }
    }

    fn period(&mut self) -> Option<Located<Period>> {
        let decided = self.decide(Field::Period, true)?;
        let Some((value, at, typed, how)) = decided.value else {
            let where_ = decided
                .label
                .map_or(String::new(), |c| format!(" (ô {})", self.at(c)));
            let cell = decided.label.map(|c| self.at(c));
            self.push(
                Field::Period,
                (
                    Rule::PeriodMissing,
                    format!(
                        "Không có kỳ báo cáo trong trang tính “{}”{where_}: ghi “Kỳ báo cáo” và kỳ, ví dụ “Quý I/2020”.",
                        self.grid.sheet
                    ),
                    cell,
                ),
            );
            return None;
        };
        let text = match value {
            Value::Text(t) => t,
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
            other => {
                let cell = self.at(at);
                let (rule, message) = self.not_a_value(Field::Period, other, &cell, &typed);
                self.push(Field::Period, (rule, message, Some(cell)));
                return None;
            }
        };
        // `Kỳ báo cáo: Quý I` under a title `… NĂM 2020`: the document's
        // one year.
        let with_year = || {
            let n = Quarter::number_without_year(&text)?;
            Quarter::new(self.year_named?, n)
        };
        let period = match period_of(&text).or_else(with_year) {
            Some(q) => Period::Quarter(q),
            None => {
                self.push(
                    Field::Period,
                    (
                        Rule::PeriodUnrecognised,
                        format!("Không hiểu kỳ báo cáo “{typed}”: hãy ghi theo dạng “Quý I/2020”."),
                        Some(self.at(at)),
                    ),
                );
                Period::Unrecognised(text)
            }
        };
        Some(self.located(period, at, typed, how))
    }

    /// The report date; one after the run's date or long before the quarter
    /// began is said and not used (timeliness then goes by the file's date).
    fn report_date(
        &mut self,
        context: &ReadContext,
        period: Option<&Located<Period>>,
    ) -> Option<Located<NaiveDate>> {
        let field = Field::ReportDate;
        // The place-and-date line only where no label gives the date.
        let decided = self.decide(field, true)?;
        let (value, at, typed, how) = decided.value?;
        let date = match &value {
            Value::Date(d) => Some(*d),
            Value::Text(t) => parse_date_text(t),
            _ => None,
        };
        let cell = self.at(at);
        let Some(date) = date else {
            let message = format!(
                "“{}” ghi “{typed}”, không phải một ngày (dd/mm/yyyy); ngày này được bỏ qua.",
                self.name(field)
            );
            self.push(field, (Rule::ValueNotDate, message, Some(cell)));
            return None;
        };
        let quarter = match period.map(|p| &p.value) {
            Some(Period::Quarter(q)) => *q,
            _ => context.quarter,
        };
        let why = implausible(date, quarter, context);
        if let Some(why) = why {
            let message = format!(
                "“{}” ghi “{typed}”, {why}: ngày này không hợp lý nên không được dùng để xét nộp đúng hạn. Đề nghị kiểm tra lại ngày báo cáo.",
                self.name(field)
            );
            self.push(field, (Rule::ValueImplausibleDate, message, Some(cell)));
            return None;
        }
        Some(self.located(date, at, typed, how))
    }

    /// `label.unrecognised` for a field found nowhere while a cell speaks
    /// of its quantity but labels another: the cell quoted, once per field
    /// (a cell naming two, the required one).
    fn unrecognised(&mut self, near_misses: &[(Vec<Field>, (u32, u32), String)]) {
        let mut said: Vec<Field> = Vec::new();
        for (fields, at, text) in near_misses {
            let found = |f: &Field| {
                self.reported(*f)
                    || self
                        .candidates
                        .iter()
                        .any(|r| r.field == *f && r.value.is_some())
            };
            let Some(field) = fields
                .iter()
                .filter(|f| !found(f) && !said.contains(f))
                .min_by_key(|f| !matches!(f, Field::Total | Field::Level4))
                .copied()
            else {
                continue;
            };
            said.push(field);
            let cell = self.at(*at);
            self.findings.push(
                Finding::new(
                    self.file,
                    Rule::LabelUnrecognised,
                    format!(
                        "Không có dòng “{}”: ô {cell} ghi “{text}”, là một chỉ tiêu khác nên không được lấy làm “{}”. Đề nghị ghi đúng tên chỉ tiêu.",
                        self.name(field),
                        self.name(field)
                    ),
                )
                .at(Some(cell)),
            );
        }
    }

    fn missing(&self, field: Field, label: Option<(u32, u32)>) -> (Rule, String, Option<String>) {
        let name = self.name(field);
        match label {
            Some(at) => (
                Rule::ValueMissing,
                format!("Chưa điền “{name}” (dòng ở ô {}).", self.at(at)),
                Some(self.at(at)),
            ),
            None => (
                Rule::ValueMissing,
                format!(
                    "Không tìm thấy dòng “{name}” trong trang tính “{}”.",
                    self.grid.sheet
                ),
                None,
            ),
        }
    }

    /// The finding for a value that is words or a formula without result.
    fn not_a_value(&self, field: Field, value: Value, cell: &str, typed: &str) -> (Rule, String) {
        let label = self.name(field);
        match value {
            Value::Formula => (
                Rule::ValueFormulaWithoutResult,
                format!(
                    "Ô {cell} (“{label}”) là công thức chưa được tính: tệp được tạo bằng phần mềm và chưa từng mở bằng Excel. Đề nghị mở tệp bằng Excel (hoặc LibreOffice, rồi bấm Ctrl+Shift+F9 để tính lại), lưu lại rồi gửi lại."
                ),
            ),
            _ => (
                Rule::ValueNotNumber,
                format!(
                    "“{label}” phải là một số (ghi 0 nếu không phát sinh), nhưng ô {cell} ghi “{typed}”."
                ),
            ),
        }
    }

    /// A finding about a value that was there: the cell and the text typed in it.
    fn push_typed(
        &mut self,
        field: Field,
        (rule, message): (Rule, String),
        cell: String,
        typed: String,
    ) {
        self.reported.push(field);
        let finding = Finding::new(self.file, rule, message).at(Some(cell));
        self.findings.push(finding.typed(typed));
    }

    fn push(&mut self, field: Field, (rule, message, cell): (Rule, String, Option<String>)) {
        if self.reported(field) {
            return;
        }
        self.reported.push(field);
        self.findings
            .push(Finding::new(self.file, rule, message).at(cell));
    }
}

/// A formula's saved result that is not what it computes to.
fn stale_message(label: &str, cell: &str, saved: f64, computed: f64) -> String {
    format!(
        "Ô {cell} (“{label}”) là công thức tính ra {} nhưng tệp lưu kết quả {}: kết quả chưa được tính lại trước khi lưu. Đề nghị mở tệp, tính lại (Excel: Ctrl+Alt+F9; LibreOffice: Ctrl+Shift+F9), lưu rồi gửi lại.",
        shown_figure(computed),
        shown_figure(saved)
    )
}
