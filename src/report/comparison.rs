//! `So sánh quý trước`: each unit against the previous quarter, the same
//! quarter a year before, its quarters under the target in a row, and what
//! the unit (and the reviewer) say beside its flags.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::QuarterReport;
use super::sheets::{
    Out, Pages, Styles, change_arrows, layout, ratio_colours, table, titled_sheet,
};

pub fn comparison_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "SO SÁNH {} VỚI {}",
        report.quarter.vietnamese().to_uppercase(),
        report.quarter.previous().vietnamese().to_uppercase()
    );
    // The code column fits the longest code on one line (BLDTBXH, BNNPTNT):
    // a wrapped code reads as two codes and doubles the row.
    const WIDTHS: [f64; 16] = [
        5.0, 10.0, 24.0, 11.0, 10.0, 10.0, 9.0, 10.0, 10.0, 9.0, 10.0, 10.0, 11.0, 10.0, 24.0, 26.0,
    ];
    let sheet = titled_sheet(book, styles, "So sánh quý trước", &title, &WIDTHS)?;
    let count = |v: Option<u64>| v.map_or(Out::Empty, Out::Count);
    let pct = |v: Option<f64>| v.map_or(Out::Empty, Out::Percent);
    let rows = report
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let prev = u.previous;
            let year_ago = u.year_ago.as_ref();
            vec![
                Out::Index(i + 1),
                Out::Text(u.code.clone()),
                Out::Text(u.name.clone()),
                Out::Text(u.status.vietnamese().to_string()),
                count(prev.map(|p| p.total)),
                count(prev.map(|p| p.level4)),
                pct(prev.and_then(|p| p.ratio())),
                count(u.figures.map(|f| f.total)),
                count(u.figures.map(|f| f.level4)),
                pct(u.ratio()),
                u.change_points.map_or(Out::Empty, Out::Points),
                pct(year_ago.and_then(|y| y.figures.ratio())),
                year_ago
                    .and_then(|y| y.change_points)
                    .map_or(Out::Empty, Out::Points),
                count(u.quarters_under_target.filter(|n| *n > 0).map(u64::from)),
                Out::Text(u.comparison_notes(&report.wording, &[]).join("; ")),
                Out::Text(u.explanation_texts().join("; ")),
            ]
        })
        .collect();
    let prev = report.quarter.previous().vietnamese();
    let now = report.quarter.vietnamese();
    let headers = [
        "TT".to_string(),
        "Mã đơn vị".to_string(),
        "Tên đơn vị".to_string(),
        "Trạng thái".to_string(),
        format!("Tổng số TTHC {prev}"),
        format!("{} {prev}", report.wording.dvctt4()),
        format!("Tỷ lệ {prev}"),
        format!("Tổng số TTHC {now}"),
        format!("{} {now}", report.wording.dvctt4()),
        format!("Tỷ lệ {now}"),
        "Thay đổi tỷ lệ (điểm %)".to_string(),
        format!(
            "Tỷ lệ {} (cùng kỳ năm trước)",
            crate::compare::year_before(report.quarter).vietnamese()
        ),
        "Thay đổi so với cùng kỳ năm trước (điểm %)".to_string(),
        "Số quý liên tiếp chưa đạt chỉ tiêu".to_string(),
        "Ghi chú".to_string(),
        "Giải trình".to_string(),
    ];
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let end = table(sheet, styles, 2, &WIDTHS, &headers, rows)?;
    for col in [6, 9] {
        ratio_colours(sheet, (3, end - 1), col, report.target, report.very_low)?;
    }
    for col in [10, 12] {
        change_arrows(sheet, (3, end - 1), col)?;
    }
    // `table` gives each row the lines its longest text needs, so a long
    // note (an unusual change's cause runs to four lines) is shown whole.
    sheet.set_freeze_panes(3, 3)?;
    sheet.set_repeat_rows(2, 2)?;
    let pages = Pages::Flow {
        repeat: Some(2),
        last: end - 1,
    };
    layout(sheet, &WIDTHS, true, pages)
}
