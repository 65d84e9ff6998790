//! `Kiểm tra dữ liệu` and `Tệp đã nhận`: every finding, and every file of
//! the folder with what became of it.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::QuarterReport;
use super::sheets::{Out, Styles, layout, table, titled_sheet};
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
    let sheet = titled_sheet(book, styles, "Kiểm tra dữ liệu", &title, 6)?;
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
                Out::Text(f.rule.id().to_string()),
                Out::Text(f.message.clone()),
            ]
        })
        .collect();
    table(
        sheet,
        styles,
        2,
        &[
            "TT",
            "Tệp",
            "Mã đơn vị",
            "Ô",
            "Mức độ",
            "Quy tắc",
            "Nội dung",
        ],
        rows,
    )?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    layout(sheet, &[6.0, 30.0, 10.0, 16.0, 10.0, 28.0, 80.0], true)
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
    let sheet = titled_sheet(book, styles, "Tệp đã nhận", &title, 3)?;
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
    table(
        sheet,
        styles,
        2,
        &["TT", "Tệp", "Mã đơn vị", "Kết quả"],
        rows,
    )?;
    layout(sheet, &[6.0, 40.0, 12.0, 22.0], false)
}

/// The summary.json names of a unit's values, as the trace sheet shows them.
const SOURCE_NAMES: &[(&str, &str)] = &[
    ("unit_name", "Tên đơn vị"),
    ("unit_code", "Mã đơn vị"),
    ("period", "Kỳ báo cáo"),
    ("report_date", "Ngày báo cáo"),
    ("total", "Tổng số thủ tục hành chính"),
    ("level3", "Số DVCTT mức độ 3"),
    ("level4", "Số DVCTT mức độ 4"),
    ("dossier_services", "Số DVCTT có phát sinh hồ sơ"),
    ("dossiers", "Tổng số hồ sơ tiếp nhận"),
    ("online_dossiers", "Số hồ sơ tiếp nhận trực tuyến"),
    ("ratio", "Tỷ lệ DVCTT mức độ 4 (đơn vị ghi)"),
];

/// `Nguồn số liệu`: for each unit's file, where every value was read.
pub fn sources_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "NGUỒN SỐ LIỆU ĐÃ ĐỌC {}",
        report.quarter.vietnamese().to_uppercase()
    );
    let sheet = titled_sheet(book, styles, "Nguồn số liệu", &title, 6)?;
    let mut rows = Vec::new();
    for unit in &report.units {
        for (key, label) in SOURCE_NAMES {
            let Some(source) = unit.sources.get(key) else {
                continue;
            };
            rows.push(vec![
                Out::Index(rows.len() + 1),
                Out::Text(unit.code.clone()),
                Out::Text(unit.file.clone().unwrap_or_default()),
                Out::Text((*label).to_string()),
                Out::Text(source.sheet.clone().unwrap_or_default()),
                Out::Text(source.cell.clone().unwrap_or_default()),
                Out::Text(source.how.vietnamese().to_string()),
            ]);
        }
    }
    table(
        sheet,
        styles,
        2,
        &[
            "TT",
            "Mã đơn vị",
            "Tệp",
            "Chỉ tiêu",
            "Sheet",
            "Ô",
            "Cách đọc",
        ],
        rows,
    )?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    layout(sheet, &[6.0, 10.0, 30.0, 30.0, 14.0, 8.0, 24.0], false)
}
