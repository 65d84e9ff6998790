//! `Kiểm tra dữ liệu`, `Tệp đã nhận` and `Nguồn số liệu`: every finding,
//! every file of the folder with what became of it, and where each unit's
//! values were read.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

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
    // The rule id last: people read the message. Codes and rule ids each
    // on one line, never broken mid-word (`value.formula_without_res|ult`);
    // the message gives up what they take, so the page stays one wide.
    use super::fit::width_for;
    let unit = width_for(report.findings().filter_map(|f| f.unit.as_deref()), 9.0);
    let rule = width_for(report.findings().map(|f| f.rule.id()), 12.0);
    let message = (52.0 + 9.0 + 22.0 - unit - rule).max(30.0);
    let widths = [5.0, 26.0, unit, 13.0, 9.0, message, rule];
    let sheet = titled_sheet(book, styles, "Kiểm tra dữ liệu", &title, &widths)?;
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
    list_table(
        sheet,
        styles,
        &widths,
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
        true,
    )
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
                Verdict::Replaced => "Đã thay bằng bản sửa",
            };
            vec![
                Out::Index(i + 1),
                Out::Text(f.file.clone()),
                Out::Text(f.unit.clone().unwrap_or_default()),
                Out::Text(verdict.to_string()),
            ]
        })
        .collect();
    list_table(
        sheet,
        styles,
        &WIDTHS,
        &["TT", "Tệp", "Mã đơn vị", "Kết quả"],
        rows,
        false,
    )
}

/// The summary.json names of a unit's values, as the trace sheet shows them
/// (`{level3}`, `{level4}`: the quarter's names of the levels).
const SOURCE_NAMES: &[(&str, &str)] = &[
    ("unit_name", "Tên đơn vị"),
    ("unit_code", "Mã đơn vị"),
    ("period", "Kỳ báo cáo"),
    ("report_date", "Ngày báo cáo"),
    ("total", "Tổng số thủ tục hành chính"),
    ("level3", "Số DVCTT {level3}"),
    ("level4", "Số DVCTT {level4}"),
    ("dossier_services", "Số DVCTT có phát sinh hồ sơ"),
    ("dossiers", "Tổng số hồ sơ tiếp nhận"),
    ("online_dossiers", "Số hồ sơ tiếp nhận trực tuyến"),
    ("ratio", "Tỷ lệ DVCTT {level4} (đơn vị ghi)"),
];

/// A name of `SOURCE_NAMES` with the levels in the quarter's words.
fn source_name(label: &str, report: &QuarterReport) -> String {
    label
        .replace("{level3}", &report.wording.level3)
        .replace("{level4}", &report.wording.level4)
}

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
    // Landscape, as `Kiểm tra dữ liệu`, the full printable width (137): a
    // usual file name and label each fit one line, so most rows stay one
    // line high and a page holds more of them.
    const WIDTHS: [f64; 7] = [5.0, 11.0, 46.0, 34.0, 10.0, 7.0, 24.0];
    let sheet = titled_sheet(book, styles, "Nguồn số liệu", &title, &WIDTHS)?;
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
                Out::Text(source_name(label, report)),
                Out::Text(source.sheet.clone().unwrap_or_default()),
                Out::Text(source.cell.clone().unwrap_or_default()),
                Out::Text(source.how.vietnamese().to_string()),
            ]);
        }
    }
    list_table(
        sheet,
        styles,
        &WIDTHS,
        &[
            "TT",
            "Mã đơn vị",
            "Tệp",
            "Chỉ tiêu",
            "Trang tính",
            "Ô",
            "Cách đọc",
        ],
        rows,
        true,
    )
}

/// The table of a list sheet under its title: the header row repeated on
/// every printed page and frozen on screen, pages cut by the rows' heights.
fn list_table(
    sheet: &mut Worksheet,
    styles: &Styles,
    widths: &[f64],
    headers: &[&str],
    rows: Vec<Vec<Out>>,
    landscape: bool,
) -> Result<(), XlsxError> {
    let end = table(sheet, styles, 2, widths, headers, rows)?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    let pages = Pages::Flow {
        repeat: Some(2),
        last: end - 1,
    };
    layout(sheet, widths, landscape, pages)
}
