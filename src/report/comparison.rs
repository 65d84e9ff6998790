//! `So sánh quý trước`: each unit against the previous quarter.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::QuarterReport;
use super::sheets::{Out, Styles, change_arrows, layout, ratio_colours, table, titled_sheet};

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
    let sheet = titled_sheet(book, styles, "So sánh quý trước", &title, 11)?;
    let count = |v: Option<u64>| v.map_or(Out::Empty, Out::Count);
    let pct = |v: Option<f64>| v.map_or(Out::Empty, Out::Percent);
    let rows = report
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let prev = u.previous;
            let notes = u.comparison_notes(&report.wording);
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
                Out::Text(notes.join("; ")),
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
        format!("Tỉ lệ {prev}"),
        format!("Tổng số TTHC {now}"),
        format!("{} {now}", report.wording.dvctt4()),
        format!("Tỉ lệ {now}"),
        "Thay đổi tỉ lệ (điểm %)".to_string(),
        "Ghi chú".to_string(),
    ];
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let end = table(sheet, styles, 2, &headers, rows)?;
    for col in [6, 9] {
        ratio_colours(sheet, (3, end - 1), col, report.target, report.very_low)?;
    }
    change_arrows(sheet, (3, end - 1), 10)?;
    sheet.set_row_height(2, 48)?;
    sheet.set_freeze_panes(3, 3)?;
    sheet.set_repeat_rows(2, 2)?;
    let widths = [
        6.0, 10.0, 34.0, 13.0, 13.0, 13.0, 11.0, 13.0, 13.0, 11.0, 12.0, 40.0,
    ];
    layout(sheet, &widths, true)
}
