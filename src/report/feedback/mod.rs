//! The hand-over to the units: a feedback workbook for each unit written
//! back to (`phan-hoi/<code>-<quarter>.xlsx`) and the sending list
//! (`phan-hoi/danh-sach.csv`) a mail merge reads. The job sends nothing.

mod advice;
mod book;
mod values;

use rayon::prelude::*;

use crate::compare::{QuarterReport, Status, UnitReport};
use crate::quarter::Quarter;
use crate::report::csv;

/// The folder, inside a quarter's report, that holds the feedback files.
pub use crate::reports_dir::FEEDBACK as FOLDER;

/// `phan-hoi/T95-2020-Q1.xlsx`: the roster's code, which is ASCII (the
/// roster refuses any other), so mail systems keep the name.
pub fn file_name(unit: &UnitReport, quarter: Quarter) -> String {
    format!("{FOLDER}/{}-{quarter}.xlsx", unit.code)
}

/// `phan-hoi/danh-sach.csv`.
pub fn list_name() -> String {
    format!("{FOLDER}/danh-sach.csv")
}

/// Every feedback workbook, then the sending list, by name.
pub fn render(report: &QuarterReport) -> Result<Vec<(String, Vec<u8>)>, String> {
    // Each unit's workbook is its own: written side by side, in roster order.
    let mut out = report
        .feedback_units()
        .par_iter()
        .map(|unit| {
            Ok((
                file_name(unit, report.quarter),
                book::workbook(report, unit)?,
            ))
        })
        .collect::<Result<Vec<_>, String>>()?;
    out.push((list_name(), sending_list(report).into_bytes()));
    Ok(out)
}

/// One line per unit written back to, in roster order. Units with nothing
/// to report are not listed: the list is whom to send to. The body a mail
/// is addressed to comes last, so that a merge reading the columns by
/// place before it was added still reads them.
fn sending_list(report: &QuarterReport) -> String {
    let mut out = String::from(csv::BOM);
    out.push_str(&csv::record(&[
        "Mã đơn vị",
        "Tên đơn vị",
        "Kết quả",
        "Số lỗi",
        "Số cảnh báo",
        "Tệp phản hồi",
        "Hạn gửi lại",
        "Thư điện tử",
        "Kính gửi",
    ]));
    for unit in report.feedback_units() {
        let (errors, warnings) = report.finding_counts(&unit.code);
        let verdict = match unit.status {
            Status::Accepted => "Hợp lệ",
            Status::Rejected => "Không hợp lệ",
            Status::Missing => "Chưa nộp",
        };
        let email = unit.email.as_deref().unwrap_or_default();
        let file = file_name(unit, report.quarter);
        out.push_str(&csv::record(&[
            unit.code.as_str(),
            unit.name.as_str(),
            verdict,
            &errors.to_string(),
            &warnings.to_string(),
            file.trim_start_matches(&format!("{FOLDER}/")),
            &report.resubmission.by.format("%d/%m/%Y").to_string(),
            email,
            unit.addressee.as_str(),
        ]));
    }
    out
}
