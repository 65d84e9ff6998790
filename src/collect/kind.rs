//! What a file found is, as far as gathering goes: an archive to open, an
//! e-mail, an archive the job cannot open, or anything else (the reader
//! decides) — told by name and first bytes only, without waiting on a pipe
//! and without parsing anything: a zip is parsed by a reader process, which
//! may still find it is a workbook package (`collect::unpack`).

use std::path::Path;

use crate::read::WORKBOOK_EXTENSIONS;

/// What a file is, as far as gathering goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// A zip by its first bytes or its name: an archive, unless a reader
    /// finds it is a workbook package.
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

/// What the file at `path` (shown as `name`) is.
pub fn kind(path: &Path, name: &str) -> Kind {
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
    if head.starts_with(&ZIP_MAGIC) || head.starts_with(&ZIP_EMPTY_MAGIC) || extension == "zip" {
        return Kind::Zip;
    }
    Kind::Other
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
