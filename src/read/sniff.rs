//! What a file is, from its bytes: calamine's own detection tries each reader
//! in turn and loses the reason (encrypted, truncated, a Word file), and units
//! need to be told the reason.

use std::io::{Cursor, Read};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    Workbook {
        format: Format,
        /// The workbook asks to be recalculated when opened (`fullCalcOnLoad`):
        /// its saved formula results were never computed by a spreadsheet program.
        recalc_on_load: bool,
    },
    Empty,
    Encrypted,
    /// A zip or compound file that cannot be opened: cut short or damaged.
    Damaged,
    /// Something else; the text says what, in Vietnamese.
    Other(&'static str),
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: [u8; 4] = *b"PK\x05\x06";
/// workbook.xml larger than this is not searched for the recalculation flag.
const WORKBOOK_XML_LIMIT: u64 = 16 << 20;

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    if bytes.starts_with(&CFB_MAGIC) {
        return sniff_compound(bytes);
    }
    if bytes.starts_with(&ZIP_MAGIC) || bytes.starts_with(&ZIP_EMPTY_MAGIC) {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return Sniffed::Other("tệp PDF");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::Other("tệp văn bản RTF");
    }
    let head = &bytes[..bytes.len().min(512)];
    if std::str::from_utf8(head).is_ok() || head.iter().all(|b| b.is_ascii()) {
        return Sniffed::Other("tệp văn bản thuần (không phải bảng tính)");
    }
    Sniffed::Other("tệp không phải bảng tính")
}

/// Office's old container: an .xls, a .doc, or an encrypted .xlsx (Office
/// stores password-protected xlsx files as an EncryptedPackage inside one).
fn sniff_compound(bytes: &[u8]) -> Sniffed {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Sniffed::Encrypted;
    }
    if has("WordDocument") {
        return Sniffed::Other("tệp Word (.doc)");
    }
    if has("Workbook") || has("Book") {
        return Sniffed::Workbook {
            format: Format::Xls,
            recalc_on_load: false,
        };
    }
    if bytes.len() < 512 {
        return Sniffed::Damaged;
    }
    Sniffed::Other("tệp Office không phải bảng tính")
}

fn sniff_zip(bytes: &[u8]) -> Sniffed {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Sniffed::Damaged;
    };
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("xl/workbook.xml") {
        let recalc_on_load = zip
            .by_name("xl/workbook.xml")
            .ok()
            .and_then(|entry| {
                let mut text = String::new();
                entry
                    .take(WORKBOOK_XML_LIMIT)
                    .read_to_string(&mut text)
                    .ok()?;
                Some(
                    text.contains("fullCalcOnLoad=\"1\"")
                        || text.contains("fullCalcOnLoad=\"true\""),
                )
            })
            .unwrap_or(false);
        return Sniffed::Workbook {
            format: Format::Xlsx,
            recalc_on_load,
        };
    }
    if has("xl/workbook.bin") {
        return Sniffed::Workbook {
            format: Format::Xlsb,
            recalc_on_load: false,
        };
    }
    if has("content.xml") {
        let mimetype = zip.by_name("mimetype").ok().and_then(|entry| {
            let mut text = String::new();
            entry.take(256).read_to_string(&mut text).ok()?;
            Some(text)
        });
        if mimetype.is_none_or(|m| m.contains("spreadsheet")) {
            return Sniffed::Workbook {
                format: Format::Ods,
                recalc_on_load: false,
            };
        }
        return Sniffed::Other("tệp OpenDocument không phải bảng tính");
    }
    if has("word/document.xml") {
        return Sniffed::Other("tệp Word (.docx)");
    }
    if has("ppt/presentation.xml") {
        return Sniffed::Other("tệp PowerPoint");
    }
    Sniffed::Other("tệp nén zip")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_non_workbooks_apart() {
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b"%PDF-1.4 ..."), Sniffed::Other("tệp PDF"));
        assert_eq!(sniff(b"PK\x03\x04 cut short"), Sniffed::Damaged);
        let mut encrypted = CFB_MAGIC.to_vec();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&encrypted), Sniffed::Encrypted);
    }
}
