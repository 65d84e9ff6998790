//! What a file found is, as far as gathering goes: an archive to open, an
//! e-mail, an archive the job cannot open, or anything else (the reader
//! decides) — told by name and first bytes, without waiting on a pipe.

use std::path::Path;

use super::MAX_ENTRIES;
use crate::read::WORKBOOK_EXTENSIONS;

/// What a file is, as far as gathering goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    Zip,
    Mail,
    /// An archive the job cannot open (`RAR`, `7z`).
    Unsupported(&'static str),
    /// Anything else: the reader decides.
    Other,
}

const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: [u8; 4] = *b"PK\x05\x06";
/// Office and OpenDocument files other than workbooks, zips by format: the
/// reader says what they are (a Word file, not a report), never opened as
/// archives.
const DOCUMENT_EXTENSIONS: [&str; 8] =
    ["docx", "docm", "dotx", "pptx", "pptm", "odt", "odp", "odg"];
/// The end-of-central-directory record: its signature, and its size without
/// the comment (which may be up to 65,535 bytes long).
const END_MAGIC: [u8; 4] = *b"PK\x05\x06";
const END_SIZE: usize = 22;
/// An end record's entry count that means "see the zip64 record".
const ZIP64_COUNT: u64 = 0xFFFF;

/// What the file at `path` (shown as `name`) is. A zip is judged within
/// `max_bytes` (`limits.max_file_bytes`) and `MAX_ENTRIES` before its
/// central directory is read: a larger one is an archive, which is then
/// refused for it.
pub fn kind(path: &Path, name: &str, max_bytes: u64) -> Kind {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    // A workbook's name goes to the reader, which says what the file really
    // is: most files are workbooks, and cost nothing more here.
    if WORKBOOK_EXTENSIONS.contains(&extension.as_str())
        || DOCUMENT_EXTENSIONS.contains(&extension.as_str())
    {
        return Kind::Other;
    }
    if extension == "eml" {
        return Kind::Mail;
    }
    let mut head = [0u8; 8];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = &head[..read];
    if head.starts_with(b"Rar!\x1a\x07") || extension == "rar" {
        return Kind::Unsupported("RAR");
    }
    if head.starts_with(b"7z\xbc\xaf\x27\x1c") || extension == "7z" {
        return Kind::Unsupported("7z");
    }
    if head.starts_with(&ZIP_MAGIC) || head.starts_with(&ZIP_EMPTY_MAGIC) {
        return zip_kind(path, extension == "zip", max_bytes);
    }
    if extension == "zip" {
        return Kind::Zip;
    }
    Kind::Other
}

/// A zip is an archive unless it is a workbook package, decided as the
/// reader decides (`read::is_workbook_package`); a damaged one is an
/// archive only when its name says so.
fn zip_kind(path: &Path, named_zip: bool, max_bytes: u64) -> Kind {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(u64::MAX);
    let declared = declared_entries(path);
    if size > max_bytes || declared.is_some_and(|n| n > MAX_ENTRIES as u64) {
        return Kind::Zip;
    }
    let Ok(bytes) = std::fs::read(path) else {
        return if named_zip { Kind::Zip } else { Kind::Other };
    };
    if crate::read::is_workbook_package(&bytes) {
        return Kind::Other;
    }
    let readable = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).is_ok();
    if readable || named_zip {
        Kind::Zip
    } else {
        Kind::Other
    }
}

/// The number of entries a zip's end record declares, read from its last
/// 65,557 bytes before any central directory is: `ZIP64_COUNT` (or more)
/// when it defers to a zip64 record. None when there is no end record.
pub fn declared_entries(path: &Path) -> Option<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let tail_len = len.min((END_SIZE + 0xFFFF) as u64);
    file.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = Vec::with_capacity(tail_len as usize);
    file.take(tail_len).read_to_end(&mut tail).ok()?;
    let at = (0..=tail.len().checked_sub(END_SIZE)?)
        .rev()
        .find(|&i| tail[i..i + 4] == END_MAGIC)?;
    let total = u64::from(u16::from_le_bytes([tail[at + 10], tail[at + 11]]));
    Some(if total == ZIP64_COUNT {
        u64::MAX
    } else {
        total
    })
}

/// Whether `path` is a regular file, asked of the file itself: opened
/// without waiting (`O_NONBLOCK`), so a pipe answers at once.
pub fn still_regular(path: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    Ok(file.metadata()?.is_file())
}
