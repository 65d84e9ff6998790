//! What a file is, from its bytes: calamine's own detection tries each reader
//! in turn and loses the reason (encrypted, truncated, a Word file), and units
//! need to be told the reason.

use calamine::{Ods, Reader, Xls, Xlsb, Xlsx};
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

// `Format` is read here and named by `appearance` through this module.
pub use super::format::Format;
use super::format::Refusal;
use super::package::{Parts, Zip};

use crate::config::LimitsConfig;
use crate::text::vn_count;

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
        return sniff_compound(bytes, limits);
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
        return Sniffed::Other("tệp văn bản thuần");
    }
    Sniffed::Other("tệp không phải bảng tính")
}

/// Office's old container: an .xls, a .doc, or an encrypted .xlsx (Office
/// stores password-protected xlsx files as an EncryptedPackage inside one).
/// Decided by the root's stream names, as calamine looks its streams up
/// (`Workbook`, else `Book`, any case): text inside a stream that happens to
/// spell `WordDocument` is no evidence of anything.
fn sniff_compound(bytes: &[u8], limits: &LimitsConfig) -> Sniffed {
    // Before anything asks calamine: a cycling chain would run it out of
    // memory, whatever the stream names say.
    if super::compound::workbook_stream(bytes).is_err() {
        return Sniffed::Damaged;
    }
    let Some(streams) = root_streams(bytes) else {
        return calamine_decides(bytes, &[Format::Xls], Sniffed::Damaged, limits);
    };
    let has = |name: &str| streams.iter().any(|s| s.eq_ignore_ascii_case(name));
    if has("Workbook") || has("Book") {
        return Sniffed::Workbook {
            format: Format::Xls,
            recalc_on_load: false,
        };
    }
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Sniffed::Encrypted;
    }
    if has("WordDocument") {
        return Sniffed::Other("tệp Word (.doc)");
    }
    if has("PowerPoint Document") {
        return Sniffed::Other("tệp PowerPoint");
    }
    calamine_decides(
        bytes,
        &[Format::Xls],
        Sniffed::Other("tệp Office không phải bảng tính"),
        limits,
    )
}

/// The names of the streams and storages at the compound file's root; None
/// when the `cfb` crate cannot read its directory.
fn root_streams(bytes: &[u8]) -> Option<Vec<String>> {
    let file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    Some(
        file.read_root_storage()
            .map(|entry| entry.name().to_string())
            .collect(),
    )
}

/// The sniff found no workbook where calamine may still find one (a
/// directory the `cfb` crate finds damaged, a package laid out in a way not
/// foreseen): calamine's success wins, and the doubt goes to the log only.
fn calamine_decides(
    bytes: &[u8],
    formats: &[Format],
    verdict: Sniffed,
    limits: &LimitsConfig,
) -> Sniffed {
    for &format in formats {
        // calamine builds an .xls or .ods whole as it opens it: what would
        // not fit is said before it tries.
        if let Err(Refusal::TooLarge(why)) = super::extent::check(bytes, format, limits) {
            return Sniffed::TooLarge(why);
        }
        let opens = catch_unwind(AssertUnwindSafe(|| {
            let cursor = Cursor::new(bytes);
            let names = match format {
                Format::Xlsx => Xlsx::new(cursor).map(|b| b.sheet_names()).ok(),
                Format::Xlsb => Xlsb::new(cursor).map(|b| b.sheet_names()).ok(),
                Format::Xls => Xls::new(cursor).map(|b| b.sheet_names()).ok(),
                Format::Ods => Ods::new(cursor).map(|b| b.sheet_names()).ok(),
            };
            names.is_some_and(|names| !names.is_empty())
        }));
        if opens.unwrap_or(false) {
            tracing::warn!(
                ?format,
                sniffed = ?verdict,
                "the file's structure looked like no workbook, but calamine opens it: read as one"
            );
            return Sniffed::Workbook {
                format,
                recalc_on_load: false,
            };
        }
    }
    verdict
}

const ZIP_FORMATS: [Format; 3] = [Format::Xlsx, Format::Xlsb, Format::Ods];

fn sniff_zip(bytes: &[u8], limits: &LimitsConfig) -> Sniffed {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return calamine_decides(bytes, &ZIP_FORMATS, Sniffed::Damaged, limits);
    };
    let parts = Parts::of(&zip);
    let main = parts.main_document(&mut zip);
    if let Some(refused) = over_limits(&mut zip, &parts, main.as_deref(), limits) {
        return refused;
    }
    if let Some(main) = main {
        return office_document(&mut zip, &parts, &main);
    }
    if parts.has("content.xml") || parts.has("mimetype") {
        let mimetype = parts.read(&mut zip, "mimetype", 256);
        if mimetype.is_none_or(|m| m.contains("spreadsheet")) {
            return Sniffed::Workbook {
                format: Format::Ods,
                recalc_on_load: false,
            };
        }
        return Sniffed::Other("tệp OpenDocument không phải bảng tính");
    }
    // No package relationships: the parts' usual names say what it was
    // meant to be (calamine refuses an xlsx without them as damaged).
    if parts.has("xl/workbook.xml") {
        return office_document(&mut zip, &parts, "xl/workbook.xml");
    }
    if parts.has("xl/workbook.bin") {
        return office_document(&mut zip, &parts, "xl/workbook.bin");
    }
    if parts.has("word/document.xml") {
        return Sniffed::Other("tệp Word (.docx)");
    }
    if parts.has("ppt/presentation.xml") {
        return Sniffed::Other("tệp PowerPoint");
    }
    calamine_decides(bytes, &ZIP_FORMATS, Sniffed::Other("tệp nén zip"), limits)
}

/// Whether the zip in `bytes` is a workbook package, decided as `sniff`
/// decides without handing anything to calamine: the main document
/// `_rels/.rels` names is a workbook's (not a Word or PowerPoint one's); with
/// no relationships, an OpenDocument `mimetype` saying spreadsheet, or the
/// usual workbook part names. A zip of reports that happens to hold an entry
/// named `content.xml` or `[Content_Types].xml` is no workbook.
pub fn is_workbook_package(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let parts = Parts::of(&zip);
    if let Some(main) = parts.main_document(&mut zip) {
        return matches!(
            office_document(&mut zip, &parts, &main),
            Sniffed::Workbook { .. }
        );
    }
    if parts.has("mimetype") {
        return parts
            .read(&mut zip, "mimetype", 256)
            .is_some_and(|m| m.contains("opendocument.spreadsheet"));
    }
    parts.has("xl/workbook.xml") || parts.has("xl/workbook.bin")
}

/// Entries of a workbook's zip that are files a unit sends (another
/// workbook, an archive, an e-mail) rather than parts of the workbook: they
/// are never read, and the unit is told so. Objects embedded in a sheet
/// (`xl/embeddings/`, OpenDocument `Object …/`) are parts, not these.
pub fn unread_entries(bytes: &[u8]) -> Vec<String> {
    const SENT: [&str; 8] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "zip", "eml", "rar"];
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    zip.file_names()
        .filter_map(Result::ok)
        .filter(|name| {
            let folded = name.replace('\\', "/").to_ascii_lowercase();
            let embedded = folded.contains("/embeddings/") || folded.starts_with("object");
            let extension = folded.rsplit_once('.').map_or("", |(_, e)| e);
            !embedded && SENT.contains(&extension)
        })
        .map(|name| name.into_owned())
        .collect()
}

/// What an Office Open XML package is, from its main document's name.
fn office_document(zip: &mut Zip, parts: &Parts, main: &str) -> Sniffed {
    let file_name = main.rsplit(['/', '\\']).next().unwrap_or(main);
    let file_name = file_name.to_ascii_lowercase();
    if file_name == "document.xml" {
        return Sniffed::Other("tệp Word (.docx)");
    }
    if file_name == "presentation.xml" {
        return Sniffed::Other("tệp PowerPoint");
    }
    if file_name.ends_with(".bin") {
        return Sniffed::Workbook {
            format: Format::Xlsb,
            recalc_on_load: false,
        };
    }
    let recalc_on_load = parts
        .read(zip, main, WORKBOOK_XML_LIMIT)
        .is_some_and(|text| asks_recalculation(&text));
    Sniffed::Workbook {
        format: Format::Xlsx,
        recalc_on_load,
    }
}

/// Whether `workbook.xml`'s `<calcPr>` asks for every formula to be
/// computed when the file is opened (`fullCalcOnLoad`), however its
/// attribute is quoted or spaced (`fullCalcOnLoad = '1'`), with any
/// namespace prefix on the element (`<x:calcPr`).
fn asks_recalculation(workbook: &str) -> bool {
    workbook
        .split('<')
        .filter(|tag| {
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .next();
            name.is_some_and(|n| n.rsplit(':').next() == Some("calcPr"))
        })
        .filter_map(|tag| {
            super::package::attribute(tag.split('>').next().unwrap_or(tag), "fullCalcOnLoad")
        })
        .any(|value| matches!(value.trim(), "1" | "true"))
}

/// Checks made before any parser sees the zip: the declared unpacked sizes
/// (a zip bomb), and the shared-string count the xlsx parser allocates for
/// up front (`<sst uniqueCount="4000000000">` aborts it, tafia/calamine#684).
/// The shared strings are looked for beside the main document, as calamine
/// does.
fn over_limits(
    zip: &mut Zip,
    parts: &Parts,
    main: Option<&str>,
    limits: &LimitsConfig,
) -> Option<Sniffed> {
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
        let folder = main.map_or("xl/", |m| m.rfind('/').map_or("", |i| &m[..=i]));
        let entry = zip
            .by_name(parts.find(&format!("{folder}sharedStrings.xml"))?)
            .ok()?;
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
    use std::io::Write;

    /// A compound file holding the given streams at its root.
    fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, content) in streams {
            file.create_stream(format!("/{name}"))
                .unwrap()
                .write_all(content)
                .unwrap();
        }
        file.into_inner().into_inner()
    }

    #[test]
    fn a_recalculation_asked_for_however_it_is_written() {
        let asks = [
            r#"<workbook><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#,
            r#"<workbook><calcPr fullCalcOnLoad='1'/></workbook>"#,
            r#"<workbook><calcPr  fullCalcOnLoad = "true" /></workbook>"#,
            r#"<x:workbook><x:calcPr fullCalcOnLoad="1"></x:calcPr></x:workbook>"#,
        ];
        for text in asks {
            assert!(asks_recalculation(text), "{text}");
        }
        let not = [
            r#"<workbook><calcPr calcId="191029"/></workbook>"#,
            r#"<workbook><calcPr fullCalcOnLoad="0"/></workbook>"#,
            r#"<workbook><definedName>fullCalcOnLoad="1"</definedName></workbook>"#,
        ];
        for text in not {
            assert!(!asks_recalculation(text), "{text}");
        }
    }

    #[test]
    fn tells_non_workbooks_apart() {
        let limits = LimitsConfig::default();
        assert_eq!(sniff(b"", &limits), Sniffed::Empty);
        assert_eq!(sniff(b"%PDF-1.4 ...", &limits), Sniffed::Other("tệp PDF"));
        assert_eq!(sniff(b"PK\x03\x04 cut short", &limits), Sniffed::Damaged);
        let encrypted = compound(&[("EncryptionInfo", b"x"), ("EncryptedPackage", b"y")]);
        assert_eq!(sniff(&encrypted, &limits), Sniffed::Encrypted);
        let word = compound(&[("WordDocument", b"x"), ("1Table", b"y")]);
        assert_eq!(sniff(&word, &limits), Sniffed::Other("tệp Word (.doc)"));
    }

    #[test]
    fn the_stream_names_decide_not_the_bytes() {
        let limits = LimitsConfig::default();
        let xls = Sniffed::Workbook {
            format: Format::Xls,
            recalc_on_load: false,
        };
        // Any case, `Workbook` or `Book` (Excel 5), as calamine looks them up.
        for name in ["Workbook", "WORKBOOK", "Book", "BOOK", "workbook"] {
            assert_eq!(sniff(&compound(&[(name, b"")]), &limits), xls, "{name}");
        }
        // A workbook whose text spells the other kinds' stream names.
        let text: Vec<u8> = ["WordDocument", "EncryptionInfo", "EncryptedPackage"]
            .iter()
            .flat_map(|n| n.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(sniff(&compound(&[("Workbook", &text)]), &limits), xls);
        // And the names spelled in the bytes of a file without those streams
        // make it neither Word nor encrypted.
        let other = compound(&[("Contents", &text)]);
        assert_eq!(
            sniff(&other, &limits),
            Sniffed::Other("tệp Office không phải bảng tính")
        );
    }

    /// A valid package with its workbook at the root (calamine's
    /// minimal_package.xlsx) whose `_rels/.rels` the sniff does not read to
    /// the end (two megabytes of comment first): the structure finds no
    /// workbook, and calamine, which opens it, wins.
    #[test]
    fn calamine_s_success_wins_over_the_sniff_s_doubt() {
        let xlsx = include_bytes!("../../tests/data/peer/calamine/minimal_package.xlsx");
        let mut source = zip::ZipArchive::new(Cursor::new(xlsx.as_slice())).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..source.len() {
            let mut entry = source.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            if name == "_rels/.rels" {
                let padding = format!("<!--{}-->", " ".repeat(2 << 20));
                let text = String::from_utf8(content).unwrap();
                let at = text.find("<Relationships").unwrap();
                content = format!("{}{padding}{}", &text[..at], &text[at..]).into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&content).unwrap();
        }
        let padded = out.finish().unwrap().into_inner();
        let limits = LimitsConfig::default();
        assert_eq!(
            sniff(&padded, &limits),
            Sniffed::Workbook {
                format: Format::Xlsx,
                recalc_on_load: false
            }
        );
    }
}
