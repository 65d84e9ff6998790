//! The plain typed record a unit's workbook is read into. Everything after
//! reading (checks, comparison, reports) works on this, never on cells.

use chrono::NaiveDate;
use std::time::SystemTime;

use crate::quarter::Quarter;

/// How a value was found on its sheet: which reading rule took it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// The first value to the right of the field's label, on its row.
    RightOfLabel,
    /// In a table's data row (its `Tổng cộng` row), under the field's column header.
    UnderHeader,
    /// In the label's own cell, after a colon or dash: `Kỳ báo cáo: Quý I/2020`.
    InLabelCell,
    /// The issuing body at the top left of the document (`UBND TỈNH AN GIANG`).
    HeadingBlock,
    /// The document's title (`BÁO CÁO … QUÝ I NĂM 2020`).
    Title,
    /// The file's name, when the content names no unit.
    FileName,
    /// The place-and-date line of the heading (`Bắc Ninh, ngày 05 tháng 4
    /// năm 2020`): the report date, when no label gives one.
    DateLine,
    /// The sheet's name (`QI-2020`): the period, when nothing else on the
    /// sheet gives one.
    SheetName,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::RightOfLabel => "right_of_label",
            How::UnderHeader => "under_header",
            How::InLabelCell => "in_label_cell",
            How::HeadingBlock => "heading_block",
            How::Title => "title",
            How::FileName => "file_name",
            How::DateLine => "date_line",
            How::SheetName => "sheet_name",
        }
    }

    /// How the value was found, for people.
    pub fn vietnamese(self) -> &'static str {
        match self {
            How::RightOfLabel => "bên phải tên chỉ tiêu",
            How::UnderHeader => "dưới tiêu đề cột",
            How::InLabelCell => "cùng ô với tên chỉ tiêu",
            How::HeadingBlock => "tên cơ quan ban hành",
            How::Title => "tiêu đề báo cáo",
            How::FileName => "tên tệp",
            How::DateLine => "dòng địa danh, ngày tháng",
            How::SheetName => "tên trang tính",
        }
    }
}

/// A value and where it came from: the sheet, the cell (zero-based row and
/// column, kept typed) and the rule that found it. Formatted only for people.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub sheet: String,
    pub row: u32,
    pub col: u32,
    pub how: How,
    /// The cell's text as the unit typed it (`1,818`), for messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<String>,
}

impl<T> Located<T> {
    pub fn new(value: T, sheet: &str, (row, col): (u32, u32), how: How) -> Located<T> {
        Located {
            value,
            sheet: sheet.to_string(),
            row,
            col,
            how,
            typed: None,
        }
    }

    /// `Báo cáo!D11`.
    pub fn cell_ref(&self) -> String {
        cell_ref(&self.sheet, self.row, self.col)
    }

    /// The same place and rule, another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            value: f(self.value),
            sheet: self.sheet,
            row: self.row,
            col: self.col,
            how: self.how,
            typed: self.typed,
        }
    }
}

/// `Báo cáo!D11` for (10, 3) on `Báo cáo`.
pub fn cell_ref(sheet: &str, row: u32, col: u32) -> String {
    let col = u16::try_from(col).unwrap_or(u16::MAX);
    format!(
        "{sheet}!{}",
        rust_xlsxwriter::utility::row_col_to_cell(row, col)
    )
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Period {
    Quarter(Quarter),
    /// What was written, when it names no quarter.
    Unrecognised(String),
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Submission {
    /// The file's name inside the submissions folder.
    pub file: String,
    pub modified: Option<SystemTime>,
    pub unit_name: Option<Located<String>>,
    pub unit_code: Option<Located<String>>,
    pub period: Option<Located<Period>>,
    pub report_date: Option<Located<NaiveDate>>,
    pub counts: Counts,
    /// The unit's own level-4 ratio, as a fraction (0.3845 for 38,45%).
    pub ratio: Option<Located<f64>>,
    /// The `Danh mục` sheet's counts, when it lists any procedure (the list
    /// itself is checked where it is read, and not kept).
    pub list: Option<ListCounts>,
    /// The unit's `Giải trình`: free text, one line, cut to `MAX_EXPLANATION_CHARS`.
    #[serde(default)]
    pub explanation: Option<Located<String>>,
    /// The issuing body the document names (its heading block, or `BÁO CÁO
    /// CỦA …`), when a unit's line names it too: the unit when that line
    /// names only the office that wrote the report (`Sở Thông tin và
    /// Truyền thông`, `Cục Công nghệ thông tin`).
    #[serde(default)]
    pub issuer: Option<Located<String>>,
}

/// An explanation is a paragraph; a longer text is cut (and marked `…`).
pub const MAX_EXPLANATION_CHARS: usize = 1000;

/// Where a value of an accepted report came from, for summary.json and
/// the trace sheet. `sheet` and `cell` are None for a unit known only from
/// the file's name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    pub sheet: Option<String>,
    /// `D11`.
    pub cell: Option<String>,
    pub how: How,
}

impl<T> From<&Located<T>> for Source {
    fn from(l: &Located<T>) -> Source {
        let col = u16::try_from(l.col).unwrap_or(u16::MAX);
        Source {
            sheet: Some(l.sheet.clone()),
            cell: Some(rust_xlsxwriter::utility::row_col_to_cell(l.row, col)),
            how: l.how,
        }
    }
}

impl Submission {
    /// Where each value read came from, by the name summary.json gives it.
    pub fn sources(&self) -> std::collections::BTreeMap<&'static str, Source> {
        let c = &self.counts;
        let required = [("total", &c.total), ("level4", &c.level4)];
        let optional = [
            ("level3", &c.level3),
            ("dossier_services", &c.dossier_services),
            ("dossiers", &c.dossiers),
            ("online_dossiers", &c.online_dossiers),
        ];
        let mut out: std::collections::BTreeMap<&'static str, Source> = required
            .into_iter()
            .filter_map(|(name, l)| Some((name, Source::from(l.as_ref()?))))
            .collect();
        out.extend(
            optional
                .into_iter()
                .filter_map(|(name, l)| Some((name, Source::from(l.as_ref()?)))),
        );
        let others = [
            ("ratio", self.ratio.as_ref().map(Source::from)),
            ("unit_name", self.unit_name.as_ref().map(Source::from)),
            ("unit_code", self.unit_code.as_ref().map(Source::from)),
            ("period", self.period.as_ref().map(Source::from)),
            ("report_date", self.report_date.as_ref().map(Source::from)),
            ("explanation", self.explanation.as_ref().map(Source::from)),
        ];
        out.extend(others.into_iter().filter_map(|(n, s)| Some((n, s?))));
        out
    }
}

/// The figures of a report. Every one may be absent (None: its cell is
/// blank or its line missing): reading records what is there, and the
/// checks decide what absence means. The two required figures are numbers
/// or nothing; an optional one may also be declared not applicable.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub total: Option<Located<u64>>,
    pub level3: Option<Located<Given>>,
    pub level4: Option<Located<u64>>,
    pub dossier_services: Option<Located<Given>>,
    pub dossiers: Option<Located<Given>>,
    pub online_dossiers: Option<Located<Given>>,
}

/// What a unit wrote for an optional figure: a number (0 included), or
/// words saying the figure does not apply to it (`không có`, `N/A`, `-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Given {
    Number(u64),
    NotApplicable,
}

impl Given {
    pub fn number(self) -> Option<u64> {
        match self {
            Given::Number(n) => Some(n),
            Given::NotApplicable => None,
        }
    }
}

/// An optional figure of an accepted submission: three different answers,
/// kept apart in every output (empty, a number, `Không áp dụng`). Only a
/// `Value` is ever summed or divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Optional {
    /// Nothing written: the cell is blank or the line is not there.
    Blank,
    /// The unit wrote that the figure does not apply to it.
    NotApplicable,
    Value(u64),
}

impl Optional {
    /// The number, when there is one: what sums and ratios may use.
    pub fn value(self) -> Option<u64> {
        match self {
            Optional::Value(n) => Some(n),
            Optional::Blank | Optional::NotApplicable => None,
        }
    }
}

/// The number of an optional figure, where it was read; None when blank or not applicable.
pub fn number_of(given: &Option<Located<Given>>) -> Option<Located<u64>> {
    let given = given.as_ref()?;
    let n = given.value.number()?;
    Some(given.clone().map(|_| n))
}

/// The figures of an accepted submission, as the reports print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Figures {
    pub total: u64,
    pub level4: u64,
    pub level3: Optional,
    pub dossier_services: Optional,
    pub dossiers: Optional,
    pub online_dossiers: Optional,
}

impl Figures {
    /// The two counts alone, every other figure blank.
    #[cfg(test)]
    pub(crate) fn counts_only(total: u64, level4: u64) -> Figures {
        Figures {
            total,
            level4,
            level3: Optional::Blank,
            dossier_services: Optional::Blank,
            dossiers: Optional::Blank,
            online_dossiers: Optional::Blank,
        }
    }

    /// Level-4 services ÷ total procedures, unrounded; None when there are no procedures.
    pub fn ratio(&self) -> Option<f64> {
        (self.total > 0).then(|| self.level4 as f64 / self.total as f64)
    }

    /// The optional figures by the name summary.json gives them, in its order.
    pub fn optional(&self) -> [(&'static str, Optional); 4] {
        [
            ("level3", self.level3),
            ("dossier_services", self.dossier_services),
            ("dossiers", self.dossiers),
            ("online_dossiers", self.online_dossiers),
        ]
    }
}

impl Counts {
    /// The figures, when both required counts are there.
    pub fn figures(&self) -> Option<Figures> {
        let value = |f: &Option<Located<u64>>| f.as_ref().map(|l| l.value);
        let optional = |f: &Option<Located<Given>>| match f.as_ref().map(|l| l.value) {
            None => Optional::Blank,
            Some(Given::NotApplicable) => Optional::NotApplicable,
            Some(Given::Number(n)) => Optional::Value(n),
        };
        Some(Figures {
            total: value(&self.total)?,
            level4: value(&self.level4)?,
            level3: optional(&self.level3),
            dossier_services: optional(&self.dossier_services),
            dossiers: optional(&self.dossiers),
            online_dossiers: optional(&self.online_dossiers),
        })
    }
}

/// How many procedures a list holds, per level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ListCounts {
    pub procedures: u64,
    /// Level 2 or below: not an online service.
    pub level2: u64,
    pub level3: u64,
    pub level4: u64,
}

/// A unit's figures in an earlier quarter (the previous one, a year
/// before): its two counts, as a summary or a published table gave them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Previous {
    pub total: u64,
    pub level4: u64,
}

impl Previous {
    pub fn ratio(&self) -> Option<f64> {
        (self.total > 0).then(|| self.level4 as f64 / self.total as f64)
    }
}

/// The status of a unit in a quarter: what its report came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    Rejected,
    Missing,
}

impl Status {
    pub fn vietnamese(self) -> &'static str {
        match self {
            Status::Accepted => "Hợp lệ",
            Status::Rejected => "Không hợp lệ",
            Status::Missing => "Chưa nộp",
        }
    }
}
