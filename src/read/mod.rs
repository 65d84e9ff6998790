//! Reading one file of the submissions folder: what it is, and if it is a
//! workbook, its `Báo cáo` sheet read into a `Submission`.
//!
//! Nothing here may stop the run: every failure, a panic inside a parser
//! included, becomes a finding on this file.

mod fields;
mod grid;
mod sniff;

pub use fields::{Field, LABELS};
pub use grid::{CellValue, Grid, cell_name};
pub use sniff::{Format, Sniffed, sniff};

use calamine::{Data, Range, Reader, Sheets, open_workbook_from_rs};
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::finding::{Finding, Rule};
use crate::submission::Submission;
use crate::text::fold;

/// Extensions a unit's workbook may carry. A file with one of these that is
/// not a readable workbook is a rejected submission, not a stray file.
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// The sheet the report is on, compared by `fold`.
const REPORT_SHEET: &str = "bao cao";

/// What became of one file.
#[derive(Debug)]
pub struct Reading {
    /// The file is not a submission at all (a Word file, a lock file...).
    pub not_submission: bool,
    /// What could be read; None when the file could not be opened.
    pub submission: Option<Submission>,
    pub findings: Vec<Finding>,
}

impl Reading {
    fn failed(file: &str, rule: Rule, message: String) -> Reading {
        Reading {
            not_submission: rule == Rule::FileNotSubmission,
            submission: None,
            findings: vec![Finding::new(file, rule, message)],
        }
    }
}

/// Reads the file at `path`, known to users as `name`; files over
/// `max_bytes` are not opened.
pub fn read_path(path: &Path, name: &str, max_bytes: u64) -> Reading {
    if name.starts_with("~$") {
        return Reading::failed(
            name,
            Rule::FileNotSubmission,
            "Tệp khóa tạm của Excel (tên bắt đầu bằng “~$”), không phải báo cáo.".to_string(),
        );
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > max_bytes {
        let why = format!(
            "tệp dung lượng {} byte, vượt giới hạn {} byte (limits.max_file_bytes) nên không được mở.",
            crate::text::vn_count(size),
            crate::text::vn_count(max_bytes)
        );
        return if has_workbook_extension(name) {
            Reading::failed(name, Rule::FileTooLarge, why)
        } else {
            Reading::failed(
                name,
                Rule::FileNotSubmission,
                format!("Không phải báo cáo: {why}"),
            )
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Reading::failed(
                name,
                Rule::FileUnreadable,
                format!("Không đọc được tệp: {e}."),
            );
        }
    };
    let mut reading = read_bytes(&bytes, name);
    if let Some(submission) = &mut reading.submission {
        submission.modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    }
    reading
}

/// Reads a file's content; `name` decides only whether a non-workbook is a
/// broken submission (a workbook extension) or a stray file.
pub fn read_bytes(bytes: &[u8], name: &str) -> Reading {
    let looks_like_workbook = has_workbook_extension(name);
    let unreadable = |why: String| {
        if looks_like_workbook {
            Reading::failed(name, Rule::FileUnreadable, why)
        } else {
            Reading::failed(
                name,
                Rule::FileNotSubmission,
                format!("Không phải báo cáo: {why}"),
            )
        }
    };
    let (format, recalc_on_load) = match sniff(bytes) {
        Sniffed::Workbook {
            format,
            recalc_on_load,
        } => (format, recalc_on_load),
        Sniffed::Empty => return unreadable("tệp rỗng (0 byte).".to_string()),
        Sniffed::Encrypted => {
            return unreadable(
                "tệp có mật khẩu, không đọc được. Đề nghị gỡ mật khẩu rồi gửi lại.".to_string(),
            );
        }
        Sniffed::Damaged => {
            return unreadable(
                "tệp bị cắt cụt hoặc hỏng, không mở được. Đề nghị lưu lại và gửi lại.".to_string(),
            );
        }
        Sniffed::Other(what) => {
            return unreadable(format!("đây là {what}, không phải bảng tính Excel."));
        }
    };
    let opened = catch_unwind(AssertUnwindSafe(|| {
        read_sheet(bytes, format, recalc_on_load, REPORT_SHEET)
    }));
    match opened {
        Ok(Ok(grid)) => {
            let mut findings = Vec::new();
            let submission = fields::read_fields(&grid, name, &mut findings);
            Reading {
                not_submission: false,
                submission: Some(submission),
                findings,
            }
        }
        Ok(Err(why)) => unreadable(why),
        Err(_) => {
            tracing::warn!(file = name, "the spreadsheet parser panicked");
            unreadable("tệp bị hỏng: trình đọc bảng tính không đọc được nội dung.".to_string())
        }
    }
}

fn has_workbook_extension(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Opens any workbook's sheet named like `sheet` (by `fold`), else its first
/// sheet, as a grid: for tables other than a unit's report (a baseline).
pub fn open_grid(bytes: &[u8], sheet: &str) -> Result<Grid, String> {
    let Sniffed::Workbook {
        format,
        recalc_on_load,
    } = sniff(bytes)
    else {
        return Err("not a spreadsheet".to_string());
    };
    catch_unwind(AssertUnwindSafe(|| {
        read_sheet(bytes, format, recalc_on_load, &fold(sheet))
    }))
    .map_err(|_| "the spreadsheet parser failed on it".to_string())?
}

fn read_sheet(
    bytes: &[u8],
    format: Format,
    recalc_on_load: bool,
    wanted: &str,
) -> Result<Grid, String> {
    let cursor = Cursor::new(bytes);
    let damaged = |e: &dyn std::fmt::Display| {
        let text = e.to_string();
        if text.to_lowercase().contains("password") {
            "tệp có mật khẩu, không đọc được. Đề nghị gỡ mật khẩu rồi gửi lại.".to_string()
        } else {
            format!("tệp bị hỏng hoặc sai định dạng, không mở được ({text}).")
        }
    };
    let mut book: Sheets<Cursor<&[u8]>> = match format {
        Format::Xlsx => Sheets::Xlsx(open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?),
        Format::Xlsb => Sheets::Xlsb(open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?),
        Format::Xls => Sheets::Xls(open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?),
        Format::Ods => Sheets::Ods(open_workbook_from_rs(cursor).map_err(|e| damaged(&e))?),
    };
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| fold(n) == wanted)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| "bảng tính không có sheet nào.".to_string())?;
    let values: Range<Data> = book.worksheet_range(&sheet).map_err(|e| damaged(&e))?;
    let formulas = book.worksheet_formula(&sheet).unwrap_or_default();
    Ok(Grid::new(&sheet, &values, &formulas, recalc_on_load))
}
