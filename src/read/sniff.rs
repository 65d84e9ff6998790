//! What a file is, from its bytes: calamine's own detection tries each reader
//! in turn and loses the reason (encrypted, truncated, a Word file), and units
//! need to be told the reason.

use std::io::{Cursor, Read};

use crate::config::LimitsConfig;
use crate::text::vn_count;

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
    /// A zip that would unpack past a limit, or declares more strings than a
    /// sheet may hold; the text names the limit.
    TooLarge(String),
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: [u8; 4] = *b"PK\x05\x06";
/// workbook.xml larger than this is not searched for the recalculation flag.
const WORKBOOK_XML_LIMIT: u64 = 16 << 20;

pub fn sniff(bytes: &[u8], limits: &LimitsConfig) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    if bytes.starts_with(&CFB_MAGIC) {
        return sniff_compound(bytes);
    }
    if bytes.starts_with(&ZIP_MAGIC) || bytes.starts_with(&ZIP_EMPTY_MAGIC) {
        return sniff_zip(bytes, limits);
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

fn sniff_zip(bytes: &[u8], limits: &LimitsConfig) -> Sniffed {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Sniffed::Damaged;
    };
    if let Some(refused) = over_limits(&mut zip, limits) {
        return refused;
    }
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

/// Checks made before any parser sees the zip: the declared unpacked sizes
/// (a zip bomb), and the shared-string count the xlsx parser allocates for
/// up front (`<sst uniqueCount="4000000000">` aborts it, tafia/calamine#684).
fn over_limits(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, limits: &LimitsConfig) -> Option<Sniffed> {
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).ok()?;
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > limits.max_unzipped_bytes {
        return Some(Sniffed::TooLarge(format!(
            "nội dung nén của tệp bung ra {} byte, vượt giới hạn {} byte (limits.max_unzipped_bytes).",
            vn_count(unpacked),
            vn_count(limits.max_unzipped_bytes)
        )));
    }
    let mut head = String::new();
    let size = {
        let entry = zip.by_name("xl/sharedStrings.xml").ok()?;
        let size = entry.size();
        entry.take(4096).read_to_string(&mut head).ok()?;
        size
    };
    let attr = "uniqueCount=\"";
    let start = head.find(attr)? + attr.len();
    let digits: String = head[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let declared = digits.parse::<u64>().unwrap_or(u64::MAX);
    // Every string takes at least `<si><t/></si>`, 12 bytes: a count the part
    // cannot hold is a lie, and over the cell limit is no report.
    if declared > limits.max_cells.min(size / 12 + 1) {
        return Some(Sniffed::TooLarge(format!(
            "tệp khai báo {} chuỗi ký tự: nhiều hơn nội dung tệp chứa được, hoặc vượt giới hạn {} ô (limits.max_cells).",
            vn_count(declared),
            vn_count(limits.max_cells)
        )));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_non_workbooks_apart() {
        let limits = LimitsConfig::default();
        assert_eq!(sniff(b"", &limits), Sniffed::Empty);
        assert_eq!(sniff(b"%PDF-1.4 ...", &limits), Sniffed::Other("tệp PDF"));
        assert_eq!(sniff(b"PK\x03\x04 cut short", &limits), Sniffed::Damaged);
        let mut encrypted = CFB_MAGIC.to_vec();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&encrypted, &limits), Sniffed::Encrypted);
    }
}
