//! Reading one file of the submissions folder: what it is, and if it is a
//! workbook, its `Báo cáo` sheet read into a `Submission`.
//!
//! Nothing here may stop the run: every failure, a panic inside a parser
//! included, becomes a finding on this file.

// Truncating casts in appearance, fields, formula and grid: cell indices
// bounded by the sheet limits checked on opening (`limits.max_cells`,
// Excel's 1,048,576 rows and 16,384 columns), and figures checked whole and
// in range (`checks.max_procedures`) before they are cast.
#[allow(clippy::cast_possible_truncation)]
mod appearance;
mod bands;
mod choose;
mod compound;
mod context;
mod dates;
mod decide;
mod detail;
mod extent;
#[allow(clippy::cast_possible_truncation)]
mod fields;
mod format;
#[allow(clippy::cast_possible_truncation)]
mod formula;
#[allow(clippy::cast_possible_truncation)]
mod grid;
mod heading;
mod labels;
mod locate;
mod marks;
mod memo;
mod model;
mod package;
mod ratio;
mod settle;
mod sniff;
mod workbook;

pub use context::ReadContext;
pub use dates::implausible;

pub use format::Format;
pub use grid::{CellValue, Grid, cell_name};
pub use labels::{Field, LABELS};
pub use sniff::{Sniffed, is_workbook_package, sniff};

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::config::LimitsConfig;
use crate::finding::{Finding, Rule};
use crate::submission::Submission;
use crate::text::{fold, vn_count};
use format::Refusal;
use workbook::Book;

/// Extensions a unit's workbook may carry. A file with one of these that is
/// not a readable workbook is a rejected submission, not a stray file.
pub(crate) const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// Sheets looked at for a report, at most.
const MAX_REPORT_SHEETS: usize = 16;
/// The sheet of the procedure list, compared by `fold`.
const LIST_SHEET: &str = "danh muc";

/// What became of one file.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Reading {
    /// The file is not a submission at all (a Word file, a lock file...).
    pub not_submission: bool,
    /// What could be read; None when the file could not be opened.
    pub submission: Option<Submission>,
    pub findings: Vec<Finding>,
}

impl Reading {
    pub(crate) fn failed(file: &str, rule: Rule, message: String) -> Reading {
        Reading {
            not_submission: rule == Rule::FileNotSubmission,
            submission: None,
            findings: vec![Finding::new(file, rule, message)],
        }
    }
}

/// Reads the file at `path`, known to users as `name`, within `limits`, for
/// the run described by `context`: in a worker of the pool, or in-process
/// with `limits.isolate = false`.
pub(crate) fn read_path(
    path: &Path,
    name: &str,
    limits: &LimitsConfig,
    context: &ReadContext,
) -> Reading {
    // `name` is a path inside the submissions folder: the lock file's mark
    // is on its last part.
    if name.rsplit('/').next().unwrap_or(name).starts_with("~$") {
        return Reading::failed(
            name,
            Rule::FileNotSubmission,
            "Tệp khóa tạm của Excel (tên bắt đầu bằng “~$”), không phải báo cáo.".to_string(),
        );
    }
    let bytes = match read_regular_file(path, limits) {
        Ok(bytes) => bytes,
        Err(Unopened::TooLarge(size)) => {
            let why = format!(
                "tệp dung lượng {} byte, vượt giới hạn {} byte (limits.max_file_bytes) nên không được mở.",
                vn_count(size),
                vn_count(limits.max_file_bytes)
            );
            return refuse(name, Refusal::TooLarge(why));
        }
        Err(Unopened::NotRegular) => {
            return Reading::failed(
                name,
                Rule::FileUnreadable,
                "Không phải tệp thông thường (ống dẫn, thiết bị...), không được mở.".to_string(),
            );
        }
        Err(Unopened::Io(e)) => {
            return Reading::failed(
                name,
                Rule::FileUnreadable,
                format!("Không đọc được tệp: {e}."),
            );
        }
    };
    let mut reading = read_bytes(&bytes, name, limits, context);
    if let Some(submission) = &mut reading.submission {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        match modified.map(plausible) {
            Some(Err(seconds)) => reading.findings.push(Finding::new(
                name,
                Rule::FileModifiedOutOfRange,
                format!(
                    "Thời điểm sửa tệp ({seconds} giây tính từ 01/01/1970) không phải một ngày có thật, nên không dùng để xét đúng hạn hay chọn tệp gửi sau."
                ),
            )),
            Some(Ok(time)) => submission.modified = Some(time),
            None => {}
        }
    }
    reading
}

/// Files carried inside the workbook's own zip (`bao-cao-x.xlsx` beside
/// `xl/`): named, at most `SHOWN` of them, so the unit sends them apart.
fn note_unread_entries(bytes: &[u8], name: &str, findings: &mut Vec<Finding>) {
    let entries = sniff::unread_entries(bytes);
    if entries.is_empty() {
        return;
    }
    let shown = quoted_list(
        entries
            .iter()
            .map(|e| crate::text::bounded(crate::text::escape(e.as_bytes()))),
    );
    findings.push(Finding::new(
        name,
        Rule::FileUnreadEntries,
        format!(
            "Bảng tính chứa kèm {} tệp khác không được đọc: {shown}. Nếu đó là báo cáo, đề nghị gửi riêng từng tệp.",
            vn_count(entries.len() as u64),
        ),
    ));
}

/// Names in a message: quoted, at most ten, `…` for the rest.
fn quoted_list(names: impl ExactSizeIterator<Item = String>) -> String {
    const SHOWN: usize = 10;
    let more = if names.len() > SHOWN { ", …" } else { "" };
    let shown: Vec<String> = names.take(SHOWN).map(|n| format!("“{n}”")).collect();
    format!("{}{more}", shown.join(", "))
}

/// The latest modification time taken as a date: a file system allows any
/// (tmpfs, btrfs), the calendar of the reports ends with year 9999 — in
/// Vietnam time, where the day is read (9999-12-31 23:59:59 +07:00).
const LAST_PLAUSIBLE_SECONDS: u64 = 253_402_275_599;

/// `time` when it is a date from 1970 to 9999; else its seconds from 1970.
pub(crate) fn plausible(time: std::time::SystemTime) -> Result<std::time::SystemTime, i128> {
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) if d.as_secs() <= LAST_PLAUSIBLE_SECONDS => Ok(time),
        Ok(d) => Err(i128::from(d.as_secs())),
        Err(e) => Err(-i128::from(e.duration().as_secs())),
    }
}

/// The finding for a file that could not be read. A password or a limit is
/// said as such whatever the file is called; anything else is a broken
/// submission when the name is a workbook's, else a stray file.
fn refuse(name: &str, refusal: Refusal) -> Reading {
    match refusal {
        Refusal::Encrypted => Reading::failed(
            name,
            Rule::FileEncrypted,
            "Tệp có mật khẩu, không đọc được. Đề nghị gỡ mật khẩu rồi gửi lại.".to_string(),
        ),
        Refusal::TooLarge(why) if has_workbook_extension(name) => {
            Reading::failed(name, Rule::FileTooLarge, upper_first(&why))
        }
        Refusal::Damaged(why) if has_workbook_extension(name) => {
            Reading::failed(name, Rule::FileUnreadable, upper_first(&why))
        }
        Refusal::TooLarge(why) | Refusal::Damaged(why) => Reading::failed(
            name,
            Rule::FileNotSubmission,
            format!("Không phải báo cáo: {why}"),
        ),
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Reads a file's content; `name` decides only whether a non-workbook is a
/// broken submission (a workbook extension) or a stray file.
pub fn read_bytes(
    bytes: &[u8],
    name: &str,
    limits: &LimitsConfig,
    context: &ReadContext,
) -> Reading {
    let (format, recalc_on_load) = match sniff(bytes, limits) {
        Sniffed::Workbook {
            format,
            recalc_on_load,
        } => (format, recalc_on_load),
        Sniffed::Empty => return refuse(name, Refusal::Damaged("tệp rỗng (0 byte).".into())),
        Sniffed::Encrypted => return refuse(name, Refusal::Encrypted),
        Sniffed::Damaged => {
            let why = "tệp bị cắt cụt hoặc hỏng, không mở được. Đề nghị lưu lại và gửi lại.";
            return refuse(name, Refusal::Damaged(why.into()));
        }
        Sniffed::Other(what) => {
            let why = format!("đây là {what}, không phải bảng tính Excel.");
            return refuse(name, Refusal::Damaged(why));
        }
        Sniffed::TooLarge(why) => return refuse(name, Refusal::TooLarge(why)),
    };
    let opened = catch_unwind(AssertUnwindSafe(|| {
        let mut book = Book::open(bytes, format, recalc_on_load, limits)?;
        let mut names = book.sheets_visible_first();
        // A sheet named `Báo cáo` is looked at whatever stands before it:
        // a workbook of many note sheets must not hide its report.
        names.sort_by_key(|n| fold(n) != choose::REPORT_SHEET);
        let candidates: Vec<&String> = names.iter().filter(|n| fold(n) != LIST_SHEET).collect();
        let unread: Vec<String> = candidates
            .iter()
            .skip(MAX_REPORT_SHEETS)
            .map(|n| n.to_string())
            .collect();
        let mut reports = Vec::new();
        let mut damaged = None;
        for sheet in candidates.into_iter().take(MAX_REPORT_SHEETS) {
            // A limit refuses the file; a sheet the parser cannot read (a
            // chart or dialog sheet) is passed over while another reads.
            match book.grid(sheet) {
                Ok(grid) => reports.push(grid),
                Err(Refusal::Damaged(why)) => {
                    damaged.get_or_insert(Refusal::Damaged(why));
                }
                Err(other) => return Err(other),
            }
        }
        if reports.is_empty() {
            if let Some(refusal) = damaged {
                return Err(refusal);
            }
            let first = book.sheet_like(LIST_SHEET)?;
            reports.push(book.grid(&first)?);
        }
        let list = match book.sheet_names().iter().find(|n| fold(n) == LIST_SHEET) {
            Some(list) if reports.iter().all(|g| g.sheet != *list) => Some(book.grid(list)?),
            _ => None,
        };
        Ok((reports, list, unread))
    }));
    match opened {
        Ok(Ok((grids, list_grid, unread))) => {
            let sheets = grids
                .into_iter()
                .map(|grid| choose::SheetRead::read(grid, name, context))
                .collect();
            let chosen = choose::choose(sheets, name, context).expect("a sheet or more");
            let mut findings = chosen.findings;
            let mut submission = chosen.submission;
            note_conversions(&chosen.grid, name, &mut findings);
            if let Some(list_grid) = &list_grid {
                submission.list = detail::read_list(list_grid, name, &mut findings);
                note_conversions(list_grid, name, &mut findings);
            }
            note_unread_entries(bytes, name, &mut findings);
            note_unread_sheets(&unread, name, &mut findings);
            Reading {
                not_submission: false,
                submission: Some(submission),
                findings,
            }
        }
        Ok(Err(refusal)) => refuse(name, refusal),
        Err(_) => {
            tracing::warn!(file = name, "the spreadsheet parser panicked");
            let why = "tệp bị hỏng: trình đọc bảng tính không đọc được nội dung.";
            refuse(name, Refusal::Damaged(why.into()))
        }
    }
}

/// One warning naming the sheets past `MAX_REPORT_SHEETS` that were not
/// looked at, so a unit whose figures sit there is told where to put them.
fn note_unread_sheets(unread: &[String], name: &str, findings: &mut Vec<Finding>) {
    if unread.is_empty() {
        return;
    }
    let shown = quoted_list(unread.iter().map(|sheet| crate::text::cut(sheet, 64)));
    findings.push(Finding::new(
        name,
        Rule::SheetNotRead,
        format!(
            "Bảng tính có hơn {MAX_REPORT_SHEETS} trang tính; {} trang sau không được xem: {shown}. Đề nghị để báo cáo ở trang tính “Báo cáo” hoặc ở một trong các trang đầu.",
            vn_count(unread.len() as u64),
        ),
    ));
}

/// One warning naming the cells whose text was converted from TCVN3 or VNI.
fn note_conversions(grid: &Grid, name: &str, findings: &mut Vec<Finding>) {
    let Some((first, encoding)) = grid.converted.first() else {
        return;
    };
    let cells: Vec<String> = grid
        .converted
        .iter()
        .map(|(pos, _)| cell_name(pos.0, pos.1))
        .collect();
    let shown = if cells.len() > 12 {
        format!("{} và {} ô khác", cells[..12].join(", "), cells.len() - 12)
    } else {
        cells.join(", ")
    };
    findings.push(
        Finding::new(
            name,
            Rule::TextLegacyEncoding,
            format!(
                "Chữ ở các ô {shown} được gõ bằng bảng mã cũ ({}) và đã được chuyển sang Unicode. Đề nghị dùng phông chữ Unicode (Times New Roman) cho các báo cáo sau.",
                encoding.name()
            ),
        )
        .at(Some(grid.reference(*first))),
    );
}

fn has_workbook_extension(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Why a file's bytes were not read.
enum Unopened {
    TooLarge(u64),
    /// A FIFO, socket or device: opening one could block for ever.
    NotRegular,
    Io(std::io::Error),
}

/// The bytes of the regular file at `path` (a symlink followed), within
/// `limits.max_file_bytes`; anything else is not opened at all.
fn read_regular_file(path: &Path, limits: &LimitsConfig) -> Result<Vec<u8>, Unopened> {
    let meta = std::fs::metadata(path).map_err(Unopened::Io)?;
    if !meta.is_file() {
        return Err(Unopened::NotRegular);
    }
    if meta.len() > limits.max_file_bytes {
        return Err(Unopened::TooLarge(meta.len()));
    }
    // Read no more than the limit even if the file grew since.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limits.max_file_bytes + 1).read_to_end(&mut bytes))
        .map_err(Unopened::Io)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(Unopened::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The rows of any workbook's sheet named like `sheet` (by `fold`), else of
/// its first sheet: for tables other than a unit's report (a baseline).
pub(crate) fn read_table_rows(
    path: &Path,
    sheet: &str,
    limits: &LimitsConfig,
) -> Result<Vec<Vec<CellValue>>, String> {
    let bytes = read_regular_file(path, limits).map_err(|e| match e {
        Unopened::TooLarge(size) => format!(
            "{} byte, vượt limits.max_file_bytes ({})",
            vn_count(size),
            vn_count(limits.max_file_bytes)
        ),
        Unopened::NotRegular => "không phải tệp thông thường (ống dẫn, thiết bị): không mở".into(),
        Unopened::Io(e) => e.to_string(),
    })?;
    let Sniffed::Workbook {
        format,
        recalc_on_load,
    } = sniff(&bytes, limits)
    else {
        return Err("không phải bảng tính, hoặc vượt giới hạn kích thước".to_string());
    };
    let wanted = fold(sheet);
    let read = catch_unwind(AssertUnwindSafe(|| {
        let mut book = Book::open(&bytes, format, recalc_on_load, limits)?;
        let name = book.sheet_like(&wanted)?;
        book.grid(&name)
    }));
    match read {
        Ok(Ok(grid)) => Ok(grid
            .rows()
            .into_iter()
            .map(|row| row.into_iter().map(|c| c.value.clone()).collect())
            .collect()),
        Ok(Err(refusal)) => Err(format!("không đọc được: {refusal:?}")),
        Err(_) => Err("trình đọc bảng tính không đọc được tệp".to_string()),
    }
}
