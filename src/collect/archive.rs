//! A `.zip` a unit sent its report in, opened in a reader process within
//! the limits a workbook's own zip is held to. The central directory is
//! read whole (`zipdir`): an end record that under-counts is a warning,
//! never a lost entry. The declared sizes are checked before anything is
//! inflated (a zip bomb), the entry count is bounded, an entry named with
//! `..` or an absolute path is never written anywhere, and an entry that
//! inflates past what it declared is cut off and refused.

use chrono::NaiveDate;
use std::io::Cursor;

use super::names::{is_mac_companion, unique};
use super::unpack::{Extractor, Listed, Unpack};
use super::{MAX_ENTRIES, Refused, zipdir};
use crate::config::LimitsConfig;
use crate::finding::Rule;
use crate::text::escape;

/// Opens the zip `bytes` for `request`, writing its entries out through
/// `out`: `Ok(false)` when it is no archive but a file to read (a workbook
/// package, or a damaged zip whose name does not say `.zip`).
pub fn open(
    bytes: &[u8],
    request: &Unpack,
    limits: &LimitsConfig,
    out: &mut Extractor,
) -> Result<bool, Refused> {
    let damaged = |e: &dyn std::fmt::Display| {
        Refused::new(
            Rule::ArchiveRefused,
            format!("Tệp nén zip bị hỏng, không mở được ({e}). Đề nghị gửi lại."),
        )
    };
    let mut fixed = None;
    if let Some((directory, corrected)) = zipdir::read(bytes) {
        // Counted before the crate reads the directory into memory (two
        // million entries took 434 MB).
        if directory.entries > MAX_ENTRIES as u64 {
            let count = usize::try_from(directory.entries).unwrap_or(usize::MAX);
            return Err(Refused::too_many(
                "Tệp nén chứa",
                count,
                request.budget.entries,
            ));
        }
        if corrected.is_some() {
            out.listing.notes.push((
                Rule::ArchiveDirectoryMismatch,
                format!(
                    "Bản ghi cuối của tệp nén khai {} tệp, danh mục tệp của tệp nén có {}: mọi tệp trong danh mục đều được xét. Tệp nén có thể do một công cụ lỗi tạo ra hoặc đã bị sửa.",
                    crate::text::vn_count(directory.declared),
                    crate::text::vn_count(directory.entries)
                ),
            ));
        }
        fixed = corrected;
    }
    let bytes = fixed.as_deref().unwrap_or(bytes);
    if crate::read::is_workbook_package(bytes) {
        return Ok(false);
    }
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => zip,
        Err(_) if !request.named_zip => return Ok(false),
        Err(e) => return Err(damaged(&e)),
    };
    // The crate keys entries by name: of two entries of one name, one
    // would vanish without a word. The archive is refused whole instead.
    if zip.has_duplicate_names() {
        return Err(Refused::new(
            Rule::ArchiveRefused,
            "Tệp nén có hai tệp trùng tên: không được mở, để không tệp nào bị bỏ qua mà không ai biết. Đề nghị nén lại rồi gửi.",
        ));
    }
    if zip.len() > MAX_ENTRIES {
        return Err(Refused::too_many(
            "Tệp nén chứa",
            zip.len(),
            request.budget.entries,
        ));
    }
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        declared = declared.saturating_add(entry.size());
    }
    let mut budget = request.budget.clone();
    budget.take(declared, zip.len(), "Tệp nén", limits)?;
    out.listing.used = super::Budget {
        bytes: declared,
        entries: zip.len(),
    };
    let mut shown_names = std::collections::HashSet::new();
    for i in 0..zip.len() {
        // The entry's header only: nothing is inflated before it is judged.
        let (raw, enclosed, is_dir, encrypted, size, saved) = {
            let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
            (
                entry.name_raw().to_vec(),
                entry.enclosed_name(),
                entry.is_dir(),
                entry.encrypted(),
                entry.size(),
                entry.last_modified().and_then(saved_at),
            )
        };
        if is_dir {
            continue;
        }
        let safe = enclosed.filter(|_| !is_unsafe(&raw));
        let parts = match &safe {
            Some(enclosed) => {
                let parts: Vec<String> = enclosed
                    .components()
                    .map(|c| escape(c.as_os_str().as_encoded_bytes()))
                    .collect();
                // `x/./a.xlsx` and `x/a.xlsx` are two entries: two names.
                unique(parts, &mut shown_names)
            }
            None => vec![escape(&raw)],
        };
        let written = !encrypted && size <= limits.max_file_bytes;
        if !out.room(if written { size } else { 0 }) {
            out.unread(&parts.join("/"));
            continue;
        }
        if safe.is_none() {
            out.push(Listed::decided(
                parts,
                Rule::ArchiveUnsafeName,
                "Tệp trong tệp nén có tên chứa “..” hoặc đường dẫn tuyệt đối: không được giải nén, không được đọc.",
            ));
            continue;
        }
        let mut listed = Listed::new(parts);
        listed.saved = saved;
        listed.decided = if is_mac_companion(&listed.parts) {
            Some((Rule::FileNotSubmission, super::MAC_COMPANION.to_string()))
        } else if encrypted {
            Some((
                Rule::FileEncrypted,
                "Tệp trong tệp nén có mật khẩu, không đọc được. Đề nghị gỡ mật khẩu rồi gửi lại."
                    .to_string(),
            ))
        } else if size > limits.max_file_bytes {
            Some((Rule::FileTooLarge, super::too_large_message(size, limits)))
        } else {
            None
        };
        if listed.decided.is_some() {
            out.push(listed);
            continue;
        }
        match zip.by_index(i) {
            Ok(entry) => out.write(i, entry, size, listed),
            Err(e) => {
                listed.decided = Some((
                    Rule::FileUnreadable,
                    format!("Tệp trong tệp nén bị hỏng, không giải nén được ({e})."),
                ));
                out.push(listed);
            }
        }
    }
    Ok(true)
}

/// A name the zip crate might still accept that is not a plain relative
/// path: `..` anywhere, a leading `/` or `\`, or a drive letter.
fn is_unsafe(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw).replace('\\', "/");
    text.starts_with('/')
        || text.as_bytes().get(1) == Some(&b':')
        || text.split('/').any(|part| part == "..")
}

/// A zip entry's time as written: local time with no zone (Windows writes
/// the sender's clock); the run judges whether it can be believed.
fn saved_at(time: zip::DateTime) -> Option<chrono::NaiveDateTime> {
    let date = NaiveDate::from_ymd_opt(
        i32::from(time.year()),
        u32::from(time.month()),
        u32::from(time.day()),
    )?;
    date.and_hms_opt(
        u32::from(time.hour()),
        u32::from(time.minute()),
        u32::from(time.second()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_archive_are_unsafe() {
        for name in [
            "../x.xlsx",
            "a/../../x.xlsx",
            "/etc/x",
            "\\x",
            "C:/x.xlsx",
            "a\\..\\..\\x",
        ] {
            assert!(is_unsafe(name.as_bytes()), "{name}");
        }
        for name in ["x.xlsx", "Ha Noi/bc.xlsx", "a..b.xlsx"] {
            assert!(!is_unsafe(name.as_bytes()), "{name}");
        }
    }
}
