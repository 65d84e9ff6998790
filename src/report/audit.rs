//! `Kiểm tra dữ liệu` and `Tệp đã nhận`: every finding, and every file of
//! the folder with what became of it.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::QuarterReport;
use super::sheets::{Out, Pages, Styles, layout, table, titled_sheet};
use crate::intake::Verdict;

pub fn findings_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "KẾT QUẢ KIỂM TRA DỮ LIỆU {}",
        report.quarter.vietnamese().to_uppercase()
    );
    // The rule id last: the sheet goes to units, who read the message.
    const WIDTHS: [f64; 7] = [5.0, 26.0, 9.0, 13.0, 9.0, 52.0, 22.0];
    let sheet = titled_sheet(book, styles, "Kiểm tra dữ liệu", &title, &WIDTHS)?;
    let rows = report
        .findings()
        .enumerate()
        .map(|(i, f)| {
            vec![
                Out::Index(i + 1),
                Out::Text(f.file.clone()),
                Out::Text(f.unit.clone().unwrap_or_default()),
                Out::Text(f.cell.clone().unwrap_or_default()),
                Out::Text(f.severity.vietnamese().to_string()),
                Out::Text(f.message.clone()),
                Out::Text(f.rule.id().to_string()),
            ]
        })
        .collect();
    let end = table(
        sheet,
        styles,
        2,
        &WIDTHS,
        &[
            "TT",
            "Tệp",
            "Mã đơn vị",
            "Ô",
            // "Loại", not "Mức độ": that reads as a service level (mức độ 3/4).
            "Loại",
            "Nội dung",
            "Mã quy tắc",
        ],
        rows,
    )?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    let pages = Pages::Flow {
        repeat: Some(2),
        last: end - 1,
    };
    layout(sheet, &WIDTHS, true, pages)
}

pub fn files_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "CÁC TỆP TRONG THƯ MỤC BÁO CÁO {}",
        report.quarter.vietnamese().to_uppercase()
    );
    const WIDTHS: [f64; 4] = [6.0, 44.0, 11.0, 22.0];
    let sheet = titled_sheet(book, styles, "Tệp đã nhận", &title, &WIDTHS)?;
    let rows = report
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let verdict = match f.verdict {
                Verdict::Accepted => "Được chấp nhận",
                Verdict::Rejected => "Bị từ chối",
                Verdict::NotSubmission => "Không phải báo cáo",
            };
            vec![
                Out::Index(i + 1),
                Out::Text(f.file.clone()),
                Out::Text(f.unit.clone().unwrap_or_default()),
                Out::Text(verdict.to_string()),
            ]
        })
        .collect();
    let end = table(
        sheet,
        styles,
        2,
        &WIDTHS,
        &["TT", "Tệp", "Mã đơn vị", "Kết quả"],
        rows,
    )?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    let pages = Pages::Flow {
        repeat: Some(2),
        last: end - 1,
    };
    layout(sheet, &WIDTHS, false, pages)
}
