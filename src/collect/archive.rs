//! A `.zip` a unit sent its report in: opened within the limits a
//! workbook's own zip is held to. The declared sizes are checked before
//! anything is inflated (a zip bomb), the entry count is bounded, an entry
//! named with `..` or an absolute path is never written anywhere, and an
//! entry that inflates past what it declared is cut off and refused.

use chrono::{NaiveDate, TimeZone};
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use super::names::{bounded, escape, is_mac_companion};
use super::{Budget, Item, MAX_ENTRIES, Origin, Refused};
use crate::config::LimitsConfig;
use crate::finding::Rule;

/// Opens the zip at `path`, extracting its files into `folder`: the
/// decision on the archive itself, and an item for each entry.
pub fn open(
    path: &Path,
    origin: &Origin,
    folder: &Path,
    limits: &LimitsConfig,
    budget: &mut Budget,
) -> Result<(Item, Vec<Item>), Refused> {
    let damaged = |e: &dyn std::fmt::Display| {
        Refused::new(
            Rule::ArchiveRefused,
            format!("Tệp nén zip bị hỏng, không mở được ({e}). Đề nghị gửi lại."),
        )
    };
    // Counted from the end record before the central directory is read
    // into memory (two million entries took 434 MB).
    if let Some(count) = super::kind::declared_entries(path).filter(|&n| n > MAX_ENTRIES as u64) {
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        return Err(Refused::too_many("Tệp nén chứa", count, budget.entries));
    }
    let file = std::fs::File::open(path).map_err(|e| damaged(&e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| damaged(&e))?;
    // The crate keys entries by name: of two entries of one name, one
    // would vanish without a word. The archive is refused whole instead.
    if zip.has_duplicate_names() {
        return Err(Refused::new(
            Rule::ArchiveRefused,
            "Tệp nén có hai tệp trùng tên: không được mở, để không tệp nào bị bỏ qua mà không ai biết. Đề nghị nén lại rồi gửi.",
        ));
    }
    if zip.len() > MAX_ENTRIES {
        return Err(Refused::too_many("Tệp nén chứa", zip.len(), budget.entries));
    }
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        declared = declared.saturating_add(entry.size());
    }
    budget.take(declared, zip.len(), "Tệp nén", limits)?;
    let mut inner = Vec::new();
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
        let Some(enclosed) = enclosed.filter(|_| !is_unsafe(&raw)) else {
            let shown = bounded(format!("{}/{}", origin.name, escape(&raw)));
            let entry_origin = Origin {
                name: shown,
                ..origin.clone()
            };
            inner.push(Item::decided(
                entry_origin,
                Rule::ArchiveUnsafeName,
                "Tệp trong tệp nén có tên chứa “..” hoặc đường dẫn tuyệt đối: không được giải nén, không được đọc.",
            ));
            continue;
        };
        let mut parts: Vec<String> = enclosed
            .components()
            .map(|c| escape(c.as_os_str().as_encoded_bytes()))
            .collect();
        // `x/./a.xlsx` and `x/a.xlsx` are two entries: shown as two names.
        let base = parts.join("/");
        let mut copy = 1;
        while !shown_names.insert(parts.join("/")) {
            copy += 1;
            if let Some(last) = parts.last_mut() {
                *last = numbered(base.rsplit('/').next().unwrap_or(&base), copy);
            }
        }
        let Some((file_part, folders)) = parts.split_last() else {
            continue;
        };
        let mut entry_origin = origin.inside(folders, file_part);
        entry_origin.modified = saved.or(origin.modified);
        entry_origin.extracted = true;
        if is_mac_companion(&parts) {
            inner.push(super::mac_companion(entry_origin));
            continue;
        }
        if encrypted {
            inner.push(Item::decided(
                entry_origin,
                Rule::FileEncrypted,
                "Tệp trong tệp nén có mật khẩu, không đọc được. Đề nghị gỡ mật khẩu rồi gửi lại.",
            ));
            continue;
        }
        if size > limits.max_file_bytes {
            inner.push(super::too_large(entry_origin, size, limits));
            continue;
        }
        let entry = match zip.by_index(i) {
            Ok(entry) => entry,
            Err(e) => {
                let why = format!("Tệp trong tệp nén bị hỏng, không giải nén được ({e}).");
                inner.push(Item::decided(entry_origin, Rule::FileUnreadable, why));
                continue;
            }
        };
        let target = folder.join(format!("{i}"));
        match extract(entry, size, &target) {
            Ok(()) => inner.push(Item::File {
                path: target,
                origin: entry_origin,
            }),
            Err(why) => inner.push(Item::decided(entry_origin, Rule::FileUnreadable, why)),
        }
    }
    let container = super::opened(origin, "Tệp nén zip", &inner);
    Ok((container, inner))
}

/// `a.xlsx` as its `copy`th of one name: `a (2).xlsx`, the extension kept.
fn numbered(name: &str, copy: usize) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem} ({copy}).{extension}"),
        _ => format!("{name} ({copy})"),
    }
}

/// A name the zip crate might still accept that is not a plain relative
/// path: `..` anywhere, a leading `/` or `\`, or a drive letter.
fn is_unsafe(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw).replace('\\', "/");
    text.starts_with('/')
        || text.as_bytes().get(1) == Some(&b':')
        || text.split('/').any(|part| part == "..")
}

/// Copies at most the declared size; an entry that holds more is refused.
fn extract(entry: impl Read, declared: u64, target: &Path) -> Result<(), String> {
    let mut out = std::fs::File::create(target)
        .map_err(|e| format!("Không giải nén được tệp (thư mục tạm: {e})."))?;
    let mut limited = entry.take(declared.saturating_add(1));
    let written = std::io::copy(&mut limited, &mut out)
        .map_err(|e| format!("Tệp trong tệp nén bị hỏng, không giải nén được ({e})."))?;
    if written > declared {
        return Err(
            "Tệp trong tệp nén bung ra nhiều hơn dung lượng khai báo: tệp nén bị hỏng hoặc được làm giả, không được đọc."
                .to_string(),
        );
    }
    Ok(())
}

/// A zip entry's time (local time with no zone, as Windows writes it),
/// taken as Vietnam time.
fn saved_at(time: zip::DateTime) -> Option<SystemTime> {
    let date = NaiveDate::from_ymd_opt(
        i32::from(time.year()),
        u32::from(time.month()),
        u32::from(time.day()),
    )?;
    let local = date.and_hms_opt(
        u32::from(time.hour()),
        u32::from(time.minute()),
        u32::from(time.second()),
    )?;
    let zone = chrono::FixedOffset::east_opt(super::VIETNAM_OFFSET_SECONDS)?;
    let at = zone.from_local_datetime(&local).single()?;
    Some(at.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_holding_more_than_it_declared_is_cut_off_and_refused() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("entry");
        let lying = std::io::Cursor::new(vec![0u8; 10_000]);
        assert!(extract(lying, 100, &target).is_err());
        assert!(std::fs::metadata(&target).unwrap().len() <= 101);
        let honest = std::io::Cursor::new(vec![0u8; 100]);
        assert!(extract(honest, 100, &target).is_ok());
    }

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
