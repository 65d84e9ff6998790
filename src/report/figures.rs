//! `Số liệu chi tiết`: every figure of each accepted report, the optional
//! ones included, each shown as the unit gave it: an empty cell for a blank,
//! the number (0 included), or `Không áp dụng` as text.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::QuarterReport;
use super::sheets::{Font, Out, Pages, Styles, layout, prose, table, titled_sheet};
use crate::submission::Optional;

/// What a sheet shows for a figure the unit wrote as not applicable.
pub const NOT_APPLICABLE: &str = "Không áp dụng";

/// An optional figure as a cell: empty, a number, or the words.
pub fn optional_cell(value: Optional) -> Out {
    match value {
        Optional::Blank => Out::Empty,
        Optional::NotApplicable => Out::Text(NOT_APPLICABLE.to_string()),
        Optional::Value(n) => Out::Count(n),
    }
}

pub fn figures_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "SỐ LIỆU CHI TIẾT CÁC ĐƠN VỊ {}",
        report.quarter.vietnamese().to_uppercase()
    );
    const WIDTHS: [f64; 9] = [5.0, 12.0, 36.0, 11.0, 13.0, 13.0, 13.0, 12.0, 12.0];
    let sheet = titled_sheet(book, styles, "Số liệu chi tiết", &title, &WIDTHS)?;
    let rows: Vec<Vec<Out>> = report
        .units
        .iter()
        .filter_map(|u| Some((u, u.figures?)))
        .enumerate()
        .map(|(i, (u, f))| {
            vec![
                Out::Index(i + 1),
                Out::Text(u.code.clone()),
                Out::Text(u.name.clone()),
                Out::Count(f.total),
                optional_cell(f.level3),
                Out::Count(f.level4),
                optional_cell(f.dossier_services),
                optional_cell(f.dossiers),
                optional_cell(f.online_dossiers),
            ]
        })
        .collect();
    let level3 = format!("DVCTT {}", report.wording.level3);
    let level4 = report.wording.dvctt4();
    let headers = [
        "TT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Tổng số TTHC",
        level3.as_str(),
        level4.as_str(),
        "DVCTT có phát sinh hồ sơ",
        "Tổng số hồ sơ tiếp nhận",
        "Hồ sơ tiếp nhận trực tuyến",
    ];
    let end = table(sheet, styles, 2, &WIDTHS, &headers, rows)?;
    let note = "Ghi chú: ô để trống là đơn vị không ghi số liệu; 0 là đơn vị ghi 0; “Không áp dụng” là đơn vị ghi chỉ tiêu không áp dụng với đơn vị (“không có”, “N/A”, “-”…). Chỉ các ô có số được dùng để cộng và tính tỷ lệ.";
    prose(
        sheet,
        end + 1,
        (0, 8),
        &WIDTHS,
        note,
        &styles.wrap,
        Font::BODY,
    )?;
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_freeze_panes(3, 3)?;
    let pages = Pages::Flow {
        repeat: Some(2),
        last: end + 1,
    };
    layout(sheet, &WIDTHS, true, pages)
}
