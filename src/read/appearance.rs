//! How a sheet appears to the person who fills it in, read from the file
//! beside what calamine gives: which rows and columns are hidden (a form
//! reused each quarter keeps last quarter's figures there), which number
//! cells are shown as percentages (`0,37` formatted `37%` is no count), and
//! for `.ods` the merged cells calamine does not report. A figure is what a
//! person sees: hidden cells are not the form.
//!
//! Each format is read its own way: `.xlsx` from the sheet's XML and
//! `styles.xml`, `.xls` from the BIFF records of the sheet and the
//! workbook's globals (XF and FORMAT), `.ods` from `content.xml`. Whatever
//! cannot be read leaves the sheet as calamine sees it: nothing hidden,
//! nothing a percentage.

use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, HashSet};
use std::io::{BufReader, Cursor, Read};

use super::extent::{boundsheet_name, records, sheet_records};
use super::grid::Region;
use super::package::{Parts, Zip, relationships_by_id};
use super::sniff::Format;

/// Ranges kept at most of each kind: a file that hides rows one by one a
/// million times keeps its first ranges, which is where a report stands.
const MAX_RANGES: usize = 10_000;
/// Percentage-formatted cells kept at most.
const MAX_PERCENT_CELLS: usize = 100_000;
/// The last row and column of a sheet.
const LAST: (u32, u32) = (1_048_575, 16_383);

/// What hides or reshapes a sheet's cells, beyond their values.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Appearance {
    /// Hidden rows, as inclusive ranges.
    pub hidden_rows: Vec<(u32, u32)>,
    /// Hidden columns, as inclusive ranges.
    pub hidden_cols: Vec<(u32, u32)>,
    /// Number cells shown as a percentage.
    pub percent: HashSet<(u32, u32)>,
    /// Number cells whose format shows nothing (`;;;`): a figure no one
    /// sees, as good as hidden.
    pub blank: HashSet<(u32, u32)>,
    /// Number cells shown with a per cent sign typed into the format.
    pub percent_sign: HashSet<(u32, u32)>,
    /// Merged regions the format's reader does not report (`.ods`).
    pub merges: Vec<Region>,
    /// Excel tables (ListObjects) on the sheet, for the structured
    /// references of their total rows (`SUBTOTAL(109,[Tổng số TTHC])`).
    pub tables: Vec<ListObject>,
}

/// An Excel table: its name, its columns' names from `first_col`, and the
/// rows of its data (header and total rows apart).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ListObject {
    pub name: String,
    pub columns: Vec<String>,
    pub first_col: u32,
    pub data: (u32, u32),
    /// The whole table, header and total rows included.
    pub area: ((u32, u32), (u32, u32)),
}

/// Tables read from a sheet, at most.
const MAX_TABLES: usize = 64;

impl Appearance {
    fn hide_rows(&mut self, first: u32, last: u32) {
        push_range(&mut self.hidden_rows, first, last.min(LAST.0));
    }

    fn hide_cols(&mut self, first: u32, last: u32) {
        push_range(&mut self.hidden_cols, first, last.min(LAST.1));
    }

    fn percent_cell(&mut self, pos: (u32, u32)) {
        if self.percent.len() < MAX_PERCENT_CELLS {
            self.percent.insert(pos);
        }
    }

    fn style_cell(&mut self, pos: (u32, u32), shows: Shows) {
        match shows {
            Shows::Percent => self.percent_cell(pos),
            Shows::Nothing if self.blank.len() < MAX_PERCENT_CELLS => {
                self.blank.insert(pos);
            }
            Shows::PercentSign if self.percent_sign.len() < MAX_PERCENT_CELLS => {
                self.percent_sign.insert(pos);
            }
            _ => {}
        }
    }
}

/// What a number format shows of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Shows {
    #[default]
    Number,
    Percent,
    /// `0"%"`, `0\%`: the number as it is, with a per cent sign after it
    /// (`38` shows `38%`).
    PercentSign,
    Nothing,
}

fn shows(code: Option<&str>, builtin: u32) -> Shows {
    match code {
        Some(code) if shows_nothing(code) => Shows::Nothing,
        Some(code) if is_percent_format(code) => Shows::Percent,
        Some(code) if code.contains('%') => Shows::PercentSign,
        Some(_) => Shows::Number,
        None if builtin_percent(builtin) => Shows::Percent,
        None => Shows::Number,
    }
}

/// `;;;`, `;;`: a format whose first section (positive numbers) is empty
/// shows a positive figure as nothing.
fn shows_nothing(code: &str) -> bool {
    code.contains(';')
        && code
            .split(';')
            .next()
            .is_some_and(|s| s.replace("\"\"", "").trim().is_empty())
}

fn push_range(ranges: &mut Vec<(u32, u32)>, first: u32, last: u32) {
    if first > last || ranges.len() >= MAX_RANGES {
        return;
    }
    match ranges.last_mut() {
        Some(prev) if prev.1.checked_add(1) == Some(first) => prev.1 = last,
        _ => ranges.push((first, last)),
    }
}

/// The appearance of the sheet named `sheet` in the workbook `bytes`.
pub fn read(bytes: &[u8], format: Format, sheet: &str, max_unzipped: u64) -> Appearance {
    match format {
        Format::Xlsx => xlsx(bytes, sheet, max_unzipped).unwrap_or_default(),
        Format::Xls => xls(bytes, sheet).unwrap_or_default(),
        Format::Ods => ods(bytes, sheet, max_unzipped).unwrap_or_default(),
        Format::Xlsb => Appearance::default(),
    }
}

/// Whether an Excel number format shows a percentage: a `%` outside quoted
/// text, escapes and bracketed colours or conditions.
fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for d in chars.by_ref() {
                    if d == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
            }
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// Excel's built-in formats 9 (`0%`) and 10 (`0.00%`).
fn builtin_percent(id: u32) -> bool {
    matches!(id, 9 | 10)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn truthy(value: Option<String>) -> bool {
    matches!(value.as_deref().map(str::trim), Some("1" | "true"))
}

/// `B12` → (11, 1).
fn parse_ref(text: &str) -> Option<(u32, u32)> {
    let letters: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let digits = &text[letters.len()..];
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.chars().try_fold(0u32, |acc, c| {
        Some(acc * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1))
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

fn xlsx(bytes: &[u8], sheet: &str, max_unzipped: u64) -> Option<Appearance> {
    let mut zip: Zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let parts = Parts::of(&zip);
    let main = parts.main_document(&mut zip)?;
    let folder = main.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let rels_path = match main.rsplit_once('/') {
        Some((f, name)) => format!("{f}/_rels/{name}.rels"),
        None => format!("_rels/{main}.rels"),
    };
    let rels = relationships_by_id(&parts.read(&mut zip, &rels_path, max_unzipped)?);
    let resolve = |target: &str| -> String {
        match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None if folder.is_empty() => target.to_string(),
            None => format!("{folder}/{target}"),
        }
    };
    let workbook = parts.read(&mut zip, &main, max_unzipped)?;
    let id = sheet_relationship(&workbook, sheet)?;
    let (_, target) = rels.get(&id)?;
    let sheet_path = resolve(target);
    let styles_shown = rels
        .values()
        .find(|(kind, _)| kind.ends_with("/styles"))
        .and_then(|(_, target)| parts.read(&mut zip, &resolve(target), max_unzipped))
        .map(|styles| styles_shown(&styles))
        .unwrap_or_default();
    let mut out = Appearance {
        tables: list_objects(&mut zip, &parts, &sheet_path, max_unzipped),
        ..Appearance::default()
    };
    let entry = zip.by_name(parts.find(&sheet_path)?).ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry.take(max_unzipped)));
    let mut buf = Vec::new();
    let mut next_row = 0u32;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "col" => {
                    let min = attr(&e, "min").and_then(|v| v.parse::<u32>().ok());
                    let max = attr(&e, "max").and_then(|v| v.parse::<u32>().ok());
                    let zero_width = attr(&e, "width")
                        .and_then(|w| w.parse::<f64>().ok())
                        .is_some_and(|w| w == 0.0);
                    if let (Some(min), Some(max)) = (min, max)
                        && (truthy(attr(&e, "hidden")) || zero_width)
                    {
                        out.hide_cols(min.saturating_sub(1), max.saturating_sub(1));
                    }
                }
                "row" => {
                    let row = attr(&e, "r")
                        .and_then(|v| v.parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(next_row);
                    next_row = row.saturating_add(1);
                    if truthy(attr(&e, "hidden")) {
                        out.hide_rows(row, row);
                    }
                }
                "c" => {
                    let style = attr(&e, "s").and_then(|v| v.parse::<usize>().ok());
                    if let (Some(style), Some(pos)) =
                        (style, attr(&e, "r").and_then(|r| parse_ref(&r)))
                        && let Some(shown) = styles_shown.get(&style)
                    {
                        out.style_cell(pos, *shown);
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Some(out)
}

/// The Excel tables of the sheet at `sheet_path`: its relationships of
/// type `table`, each table's `ref`, header and total row counts and
/// column names.
fn list_objects(zip: &mut Zip, parts: &Parts, sheet_path: &str, max: u64) -> Vec<ListObject> {
    let (folder, file) = sheet_path.rsplit_once('/').unwrap_or(("", sheet_path));
    let Some(rels) = parts.read(zip, &format!("{folder}/_rels/{file}.rels"), max) else {
        return Vec::new();
    };
    let mut tables = Vec::new();
    for (kind, target) in relationships_by_id(&rels).into_values() {
        if !kind.ends_with("/table") || tables.len() >= MAX_TABLES {
            continue;
        }
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => resolve_relative(folder, &target),
        };
        if let Some(table) = parts
            .read(zip, &path, max)
            .and_then(|xml| list_object(&xml))
        {
            tables.push(table);
        }
    }
    tables.sort_by_key(|t| t.area);
    tables
}

/// `../tables/table1.xml` from `xl/worksheets`: `xl/tables/table1.xml`.
fn resolve_relative(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn list_object(xml: &str) -> Option<ListObject> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut table = ListObject::default();
    let (mut headers, mut totals) = (1u32, 0u32);
    let mut area = None;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "table" => {
                    table.name = attr(&e, "displayName").or_else(|| attr(&e, "name"))?;
                    let reference = attr(&e, "ref")?;
                    let (a, b) = reference.split_once(':')?;
                    area = Some((parse_ref(a)?, parse_ref(b)?));
                    headers = attr(&e, "headerRowCount")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1);
                    totals = attr(&e, "totalsRowCount")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                }
                "tableColumn" if table.columns.len() < 256 => {
                    table.columns.push(attr(&e, "name").unwrap_or_default());
                }
                _ => {}
            },
            _ => {}
        }
    }
    let ((r1, c1), (r2, c2)) = area?;
    table.first_col = c1;
    table.area = ((r1, c1), (r2, c2));
    table.data = (r1.saturating_add(headers), r2.saturating_sub(totals));
    Some(table)
}

/// The relationship id of the sheet named `name` in `workbook.xml`.
fn sheet_relationship(workbook: &str, name: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(workbook);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return None,
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "sheet"
                    && attr(&e, "name").as_deref() == Some(name) =>
            {
                return attr(&e, "id");
            }
            _ => {}
        }
    }
}

/// The indexes of `cellXfs` whose number format shows a percentage or
/// nothing, and which.
fn styles_shown(styles: &str) -> BTreeMap<usize, Shows> {
    let mut formats: BTreeMap<u32, String> = BTreeMap::new();
    let mut reader = quick_xml::Reader::from_str(styles);
    let mut in_cell_xfs = false;
    let mut xf = 0usize;
    let mut shown_as = BTreeMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(&e, "numFmtId").and_then(|v| v.parse().ok()),
                        attr(&e, "formatCode"),
                    ) {
                        formats.insert(id, code);
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id: u32 = attr(&e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let shown = shows(formats.get(&id).map(String::as_str), id);
                    if shown != Shows::Number {
                        shown_as.insert(xf, shown);
                    }
                    xf += 1;
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            _ => {}
        }
    }
    shown_as
}

fn xls(bytes: &[u8], sheet: &str) -> Option<Appearance> {
    let data = super::compound::workbook_stream(bytes).ok()??;
    let mut formats: BTreeMap<u16, String> = BTreeMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut start = None;
    for (kind, body) in records(&data) {
        let u16_at = |i: usize| body.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        match kind {
            // FILEPASS: encrypted, nothing to read.
            0x002F => return None,
            // FORMAT: a number format's index and its code.
            0x041E => {
                if let Some(index) = u16_at(0) {
                    formats.insert(index, xls_string(&body[2.min(body.len())..]));
                }
            }
            // XF: each cell format's number format, in order.
            0x00E0 => xf_formats.push(u16_at(2).unwrap_or(0)),
            0x0085 if body.len() >= 8 && boundsheet_name(&body[6..]) == sheet => {
                start = Some(u32::from_le_bytes([body[0], body[1], body[2], body[3]]) as usize);
            }
            0x000A => break,
            _ => {}
        }
    }
    let shown_xf: Vec<Shows> = xf_formats
        .iter()
        .map(|id| shows(formats.get(id).map(String::as_str), u32::from(*id)))
        .collect();
    let shown = |xf: u16| shown_xf.get(usize::from(xf)).copied().unwrap_or_default();
    let mut out = Appearance::default();
    for (kind, body) in sheet_records(data.get(start?..)?) {
        let u16_at = |i: usize| body.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        match kind {
            // ROW: bit 5 of its options, fDyZero, hides it.
            0x0208 => {
                if let (Some(row), Some(options)) = (u16_at(0), u16_at(12))
                    && options & 0x20 != 0
                {
                    out.hide_rows(u32::from(row), u32::from(row));
                }
            }
            // COLINFO: a range of columns, bit 0 of its options hides them.
            0x007D => {
                if let (Some(first), Some(last), Some(options)) = (u16_at(0), u16_at(2), u16_at(8))
                    && options & 1 != 0
                {
                    out.hide_cols(u32::from(first), u32::from(last));
                }
            }
            // NUMBER, RK, FORMULA: a number cell and its format.
            0x0203 | 0x027E | 0x0006 => {
                if let (Some(row), Some(col), Some(xf)) = (u16_at(0), u16_at(2), u16_at(4)) {
                    out.style_cell((u32::from(row), u32::from(col)), shown(xf));
                }
            }
            // MULRK: several RK cells of one row, each with its format.
            0x00BD => {
                let (Some(row), Some(first)) = (u16_at(0), u16_at(2)) else {
                    continue;
                };
                let cells = body.len().saturating_sub(6) / 6;
                for i in 0..cells {
                    if let Some(xf) = u16_at(4 + 6 * i) {
                        let col = u32::from(first) + i as u32;
                        out.style_cell((u32::from(row), col), shown(xf));
                    }
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// A BIFF8 unicode string: a two-byte length, a flag, the characters.
fn xls_string(body: &[u8]) -> String {
    let (Some(len), Some(&flags)) = (
        body.get(..2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]]))),
        body.get(2),
    ) else {
        return String::new();
    };
    let text = body.get(3..).unwrap_or_default();
    if flags & 1 == 1 {
        let units: Vec<u16> = text
            .chunks_exact(2)
            .take(len)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        text.iter().take(len).map(|&b| char::from(b)).collect()
    }
}

fn ods(bytes: &[u8], sheet: &str, max_unzipped: u64) -> Option<Appearance> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let content = zip.by_name("content.xml").ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content.take(max_unzipped)));
    let mut out = Appearance::default();
    let mut inside = false;
    let (mut row, mut col, mut rows_repeated) = (0u32, 0u32, 1u32);
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => {
                        if inside {
                            break;
                        }
                        inside = attr(e, "table:name").as_deref() == Some(sheet);
                        row = 0;
                        col = 0;
                    }
                    _ if !inside => {}
                    "table:table-column" => {
                        let n = repeat(e, "table:number-columns-repeated");
                        if hidden_in_ods(e) {
                            out.hide_cols(col, col.saturating_add(n - 1));
                        }
                        col = col.saturating_add(n);
                    }
                    "table:table-row" => {
                        col = 0;
                        rows_repeated = repeat(e, "table:number-rows-repeated");
                        if hidden_in_ods(e) {
                            out.hide_rows(row, row.saturating_add(rows_repeated - 1));
                        }
                        if empty {
                            row = row.saturating_add(rows_repeated);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let n = repeat(e, "table:number-columns-repeated");
                        if attr(e, "office:value-type").as_deref() == Some("percentage") {
                            for c in col..col.saturating_add(n).min(col + 64) {
                                out.percent_cell((row, c));
                            }
                        }
                        let across = repeat(e, "table:number-columns-spanned");
                        let down = repeat(e, "table:number-rows-spanned");
                        if (across > 1 || down > 1) && out.merges.len() < MAX_RANGES {
                            out.merges.push((
                                (row, col),
                                (row.saturating_add(down - 1), col.saturating_add(across - 1)),
                            ));
                        }
                        col = col.saturating_add(n);
                    }
                    _ => {}
                }
            }
            Event::End(e) if inside && e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(rows_repeated);
            }
            Event::End(e) if e.name().as_ref() == "table:table" && inside => break,
            _ => {}
        }
        buf.clear();
    }
    Some(out)
}

/// `table:visibility="collapse"` (hidden) or `"filter"` (filtered out).
fn hidden_in_ods(e: &BytesStart) -> bool {
    matches!(
        attr(e, "table:visibility").as_deref(),
        Some("collapse" | "filter")
    )
}

fn repeat(e: &BytesStart, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, LAST.0 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_percentage_formats_from_others() {
        let cases = [
            ("0%", true),
            ("0.00%", true),
            ("#,##0.0\" %\"", false),
            ("[Red]0.0%", true),
            ("0\\%", false),
            ("#,##0", false),
            ("dd/mm/yyyy", false),
            ("[$%-42A]0", false),
        ];
        for (code, want) in cases {
            assert_eq!(is_percent_format(code), want, "{code}");
        }
    }

    #[test]
    fn tells_what_a_format_shows() {
        let cases = [
            (Some("0%"), 0, Shows::Percent),
            (None, 9, Shows::Percent),
            (Some("0\"%\""), 0, Shows::PercentSign),
            (Some("0\\%"), 0, Shows::PercentSign),
            (Some(";;;"), 0, Shows::Nothing),
            (Some(";;"), 0, Shows::Nothing),
            (Some("#,##0;-#,##0;;@"), 0, Shows::Number),
            (Some("#,##0"), 0, Shows::Number),
            (None, 3, Shows::Number),
        ];
        for (code, id, want) in cases {
            assert_eq!(shows(code, id), want, "{code:?}");
        }
    }

    #[test]
    fn reads_cell_references() {
        assert_eq!(parse_ref("A1"), Some((0, 0)));
        assert_eq!(parse_ref("AB12"), Some((11, 27)));
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("12"), None);
    }

    #[test]
    fn ranges_join_when_they_touch() {
        let mut a = Appearance::default();
        a.hide_rows(3, 3);
        a.hide_rows(4, 6);
        a.hide_rows(9, 9);
        assert_eq!(a.hidden_rows, vec![(3, 6), (9, 9)]);
    }
}
