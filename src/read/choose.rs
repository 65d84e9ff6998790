//! Which sheet of a workbook is the report: every sheet that could be one is
//! read, visible sheets before hidden ones; the one whose period is the
//! quarter being run is taken. Two that both qualify and disagree on a
//! figure are a finding naming both sheets, never a silent pick.

use super::context::ReadContext;
use super::fields::read_fields;
use super::grid::Grid;
use crate::finding::{Finding, Rule};
use crate::submission::{Given, Located, Period, Submission};
use crate::text::fold;

/// The sheet looked at first among equals, compared by `fold`.
pub(crate) const REPORT_SHEET: &str = "bao cao";

/// One sheet read as a report.
pub struct SheetRead {
    pub grid: Grid,
    pub submission: Submission,
    pub findings: Vec<Finding>,
}

impl SheetRead {
    pub fn read(grid: Grid, file: &str, context: &ReadContext) -> SheetRead {
        let mut findings = Vec::new();
        let submission = read_fields(&grid, file, context, &mut findings);
        SheetRead {
            grid,
            submission,
            findings,
        }
    }

    fn holds_report(&self) -> bool {
        let c = &self.submission.counts;
        c.total.is_some() || c.level4.is_some()
    }

    /// The sheet's name says it is a part of the unit's report (`Cấp
    /// huyện`, `Mới trong quý`).
    fn is_part(&self) -> bool {
        matches!(
            super::marks::said(&self.grid.sheet).scope,
            Some(
                super::marks::Scope::Part(_)
                    | super::marks::Scope::Added(_)
                    | super::marks::Scope::New(_)
            )
        )
    }

    fn is_for(&self, context: &ReadContext) -> bool {
        matches!(
            self.submission.period.as_ref().map(|p| &p.value),
            Some(Period::Quarter(q)) if *q == context.quarter
        )
    }
}

/// Picks the report among `sheets` (visible first, in workbook order). A
/// hidden sheet is looked at only when no visible one holds a report: the
/// form a unit reuses keeps last quarter's report on a hidden sheet.
pub fn choose(mut sheets: Vec<SheetRead>, file: &str, context: &ReadContext) -> Option<SheetRead> {
    // Among equals, the sheet named `Báo cáo` first.
    sheets.sort_by_key(|s| fold(&s.grid.sheet) != REPORT_SHEET);
    let any_visible = sheets.iter().any(|s| !s.grid.hidden && s.holds_report());
    let seen = |s: &SheetRead| !(any_visible && s.grid.hidden);
    let mut qualifying: Vec<usize> = (0..sheets.len())
        .filter(|&i| seen(&sheets[i]) && sheets[i].holds_report() && sheets[i].is_for(context))
        .collect();
    // A sheet of one level's figures (`Cấp huyện`) beside the whole's.
    if qualifying.iter().any(|&i| !sheets[i].is_part()) {
        qualifying.retain(|&i| !sheets[i].is_part());
    }
    let chosen = qualifying
        .first()
        .copied()
        .or_else(|| (0..sheets.len()).find(|&i| seen(&sheets[i]) && sheets[i].holds_report()))
        .unwrap_or(0);
    let conflict = qualifying
        .iter()
        .skip(1)
        .find_map(|&i| differing_figure(&sheets[chosen].submission, &sheets[i].submission));
    if sheets.is_empty() {
        return None;
    }
    let mut read = sheets.swap_remove(chosen);
    if read.grid.hidden && read.holds_report() {
        read.findings.push(Finding::new(
            file,
            Rule::ValueHidden,
            format!(
                "Số liệu báo cáo chỉ có ở trang tính ẩn “{}”: người đọc báo cáo không nhìn thấy trang tính này. Đề nghị bỏ ẩn trang tính (hoặc chép báo cáo sang trang tính hiển thị), kiểm tra lại rồi gửi lại.",
                read.grid.sheet
            ),
        ));
    }
    if let Some((label, a, b)) = conflict {
        read.findings.push(
            Finding::new(
                file,
                Rule::SheetConflict,
                format!(
                    "Hai trang tính đều là báo cáo {} nhưng số liệu khác nhau: “{label}” là {} ở ô {} và {} ở ô {}. Đề nghị chỉ giữ lại một trang tính báo cáo.",
                    context.quarter.vietnamese(),
                    a.0,
                    a.1,
                    b.0,
                    b.1
                ),
            )
            .at(Some(b.1.clone())),
        );
    }
    Some(read)
}

type Shown = (String, String);

/// The first figure two readings of a report give differently: its label,
/// and (value, cell) from each.
fn differing_figure(a: &Submission, b: &Submission) -> Option<(&'static str, Shown, Shown)> {
    let pairs = [
        (
            "Tổng số thủ tục hành chính",
            required(&a.counts.total),
            required(&b.counts.total),
        ),
        (
            "Số DVCTT mức độ 4",
            required(&a.counts.level4),
            required(&b.counts.level4),
        ),
        (
            "Số DVCTT mức độ 3",
            optional(&a.counts.level3),
            optional(&b.counts.level3),
        ),
        (
            "Số DVCTT có phát sinh hồ sơ",
            optional(&a.counts.dossier_services),
            optional(&b.counts.dossier_services),
        ),
        (
            "Tổng số hồ sơ tiếp nhận",
            optional(&a.counts.dossiers),
            optional(&b.counts.dossiers),
        ),
        (
            "Số hồ sơ tiếp nhận trực tuyến",
            optional(&a.counts.online_dossiers),
            optional(&b.counts.online_dossiers),
        ),
    ];
    let shown = |l: Option<Shown>| l.unwrap_or(("(để trống)".to_string(), String::new()));
    pairs
        .into_iter()
        .find(|(_, x, y)| x.as_ref().map(|l| &l.0) != y.as_ref().map(|l| &l.0))
        .map(|(label, x, y)| (label, shown(x), shown(y)))
}

/// A required figure as a message shows it, with its cell.
fn required(l: &Option<Located<u64>>) -> Option<Shown> {
    l.as_ref()
        .map(|l| (crate::text::vn_count(l.value), l.cell_ref()))
}

/// An optional figure as a message shows it (`không áp dụng` apart from a number), with its cell.
fn optional(l: &Option<Located<Given>>) -> Option<Shown> {
    l.as_ref().map(|l| {
        let value = match l.value {
            Given::Number(n) => crate::text::vn_count(n),
            Given::NotApplicable => "không áp dụng".to_string(),
        };
        (value, l.cell_ref())
    })
}
