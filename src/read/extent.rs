//! How far each sheet of an `.xls` or `.ods` spreads, counted from the file
//! without building it. calamine's readers for these formats build every
//! sheet as a whole range at open, from its first to its last cell: one
//! stray value in a far cell (`IV65536`, `XFD1048576`) asks for millions of
//! cells that hold nothing, and the reader process dies on its memory limit.
//! xlsx is streamed cell by cell and is not concerned. A sheet whose range
//! would not fit gets a finding that says so, naming the far cell, instead
//! of a bare "too large".

use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read};

use super::format::{Format, Refusal};
use super::grid::cell_name;
use crate::config::LimitsConfig;
use crate::text::vn_count;

/// What calamine allocates per cell of a sheet's range, rounded up: a
/// value (32 bytes), a formula text (24) and, for .xls, the room its
/// DIMENSIONS record reserves (40).
const BYTES_PER_CELL: u64 = 96;

/// One sheet's cells as the file holds them.
#[derive(Debug, Default)]
struct Extent {
    sheet: String,
    cells: u64,
    first: Option<(u32, u32)>,
    last: (u32, u32),
    /// The farthest cell, for the message.
    far: (u32, u32),
    /// The cells an .xls sheet's DIMENSIONS record declares: calamine
    /// reserves room for all of them before reading one.
    declared: u64,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32, count: u64) {
        self.cells = self.cells.saturating_add(count);
        let (r0, c0) = self.first.unwrap_or((row, col));
        self.first = Some((r0.min(row), c0.min(col)));
        self.last = (self.last.0.max(row), self.last.1.max(col));
        if (row, col) > self.far {
            self.far = (row, col);
        }
    }

    /// The cells of the range calamine builds, from first to last.
    fn range(&self) -> u64 {
        let Some((r0, c0)) = self.first else {
            return 0;
        };
        let rows = u64::from(self.last.0 - r0) + 1;
        let cols = u64::from(self.last.1 - c0) + 1;
        rows.saturating_mul(cols)
    }
}

/// Refuses, with the reason, an .xls or .ods one of whose sheets calamine
/// could not build within half the reader's memory.
pub fn check(bytes: &[u8], format: Format, limits: &LimitsConfig) -> Result<(), Refusal> {
    let extents = match format {
        Format::Xls => xls_extents(bytes),
        Format::Ods => ods_extents(bytes, limits.max_unzipped_bytes),
        Format::Xlsx | Format::Xlsb => return Ok(()),
    };
    let budget = limits.max_memory_bytes / 2 / BYTES_PER_CELL;
    // A sheet whose *present* cells pass `max_cells` is not a stray cell
    // but values repeated over millions of cells (a parser bomb): left to
    // calamine's own cell limit and to the reader process's limits, which
    // name it, as before.
    let wide = extents
        .iter()
        .find(|e| e.range() > budget && e.cells <= limits.max_cells);
    let Some(wide) = wide else {
        // The cells present fit, but the sheet says it holds more.
        return match extents.iter().find(|e| e.declared > budget) {
            Some(declaring) => Err(Refusal::TooLarge(format!(
                "trang tính “{}” khai báo vùng dữ liệu {} ô (bản ghi DIMENSIONS của tệp .xls) trong khi chỉ có {} ô dữ liệu: trình đọc tệp .xls dành chỗ cho cả vùng này và vượt giới hạn bộ nhớ (limits.max_memory_bytes). Tệp không do Excel lưu đúng cách; đề nghị mở bằng Excel, lưu lại (hoặc lưu dưới dạng .xlsx) rồi gửi lại.",
                declaring.sheet,
                vn_count(declaring.declared),
                vn_count(declaring.cells),
            ))),
            None => Ok(()),
        };
    };
    let (r0, c0) = wide.first.unwrap_or_default();
    Err(Refusal::TooLarge(format!(
        "trang tính “{}” chỉ có {} ô dữ liệu nhưng trải từ ô {} đến ô {} ({} ô): trình đọc tệp {} dựng cả vùng này và vượt giới hạn bộ nhớ (limits.max_memory_bytes). Đề nghị xóa dữ liệu thừa ở ô {} (hoặc lưu tệp dưới dạng .xlsx) rồi gửi lại.",
        wide.sheet,
        vn_count(wide.cells),
        cell_name(r0, c0),
        cell_name(wide.last.0, wide.last.1),
        vn_count(wide.range()),
        if format == Format::Xls {
            ".xls"
        } else {
            ".ods"
        },
        cell_name(wide.far.0, wide.far.1),
    )))
}

/// The sheets of an .xls, from the BIFF records of its workbook stream,
/// walked as calamine walks them (`Xls::parse_workbook`): the globals to
/// their EOF, naming each sheet and where it starts (BOUNDSHEET); then each
/// sheet from there to its own EOF, charts nested in it passed over.
/// Unreadable structure gives no extents: calamine then says what is wrong.
fn xls_extents(bytes: &[u8]) -> Vec<Extent> {
    let Ok(Some(data)) = super::compound::workbook_stream(bytes) else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    for (kind, body) in records(&data) {
        match kind {
            // FILEPASS: the rest is encrypted, and calamine stops here
            // asking for the password.
            0x002F if body.get(..2).is_some_and(|b| b != [0, 0]) => return Vec::new(),
            // BOUNDSHEET: where a sheet starts, and its name.
            0x0085 if body.len() >= 8 => {
                let at = u32::from_le_bytes([body[0], body[1], body[2], body[3]]) as usize;
                starts.push((at, boundsheet_name(&body[6..])));
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut extents = Vec::new();
    for (at, sheet) in starts {
        // calamine panics past the stream's end (caught): no sheet after.
        let Some(records_from) = data.get(at..) else {
            break;
        };
        let mut extent = Extent {
            sheet,
            ..Extent::default()
        };
        for (kind, body) in sheet_records(records_from) {
            let u16_at = |i: usize| body.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
            match kind {
                // DIMENSIONS: calamine reserves room for every cell it declares.
                0x0200 => extent.declared = extent.declared.max(declared_cells(body)),
                // Cells calamine keeps (blanks it skips): NUMBER, LABEL,
                // RSTRING, BOOLERR, RK, LABELSST, FORMULA; MULRK spans columns.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00BD => {
                    let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) else {
                        continue;
                    };
                    let last_col = match kind {
                        0x00BD => u16_at(body.len().saturating_sub(2)).unwrap_or(col),
                        _ => col,
                    };
                    for c in [col, last_col.max(col)] {
                        extent.add(u32::from(row), u32::from(c), 0);
                    }
                    extent.cells += u64::from(last_col.max(col) - col) + 1;
                }
                _ => {}
            }
        }
        extents.push(extent);
    }
    extents
}

/// The records of the sheet whose BOF starts `data`, up to its own EOF,
/// the records of a chart nested in it (its own BOF to EOF) passed over.
pub(super) fn sheet_records(data: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let (mut seen_bof, mut nested) = (false, 0usize);
    records(data)
        .map_while(move |(kind, body)| {
            match kind {
                0x0809 if seen_bof => nested += 1,
                0x0809 => seen_bof = true,
                0x000A if nested > 0 => nested -= 1,
                // The sheet's own EOF: nothing after it is the sheet's.
                0x000A => return None,
                _ if nested > 0 => {}
                _ => return Some(Some((kind, body))),
            }
            Some(None)
        })
        .flatten()
}

/// The BIFF records of `data` (type, body), as calamine's record iterator
/// yields them, up to the first one cut short (where calamine stops with
/// an error). CONTINUE records come as records of their own, which no
/// caller looks at.
pub(super) fn records(data: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = data;
    std::iter::from_fn(move || {
        let head = rest.get(..4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let body = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((kind, body))
    })
}

/// The cells a DIMENSIONS record makes calamine reserve, computed as
/// calamine does (`parse_dimensions`, then last − first + 1 in `u32`, which
/// wraps when the last row is before the first).
fn declared_cells(body: &[u8]) -> u64 {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([body[i], body[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([body[i], body[i + 1], body[i + 2], body[i + 3]]);
    let (first_row, last_row, mut first_col, last_col) = match body.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        // calamine refuses the file.
        _ => return 0,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let (end_row, end_col) = if last_row >= 1 && last_col >= 1 {
        (last_row - 1, last_col - 1)
    } else {
        (first_row, first_col)
    };
    let rows = end_row.wrapping_sub(first_row).wrapping_add(1);
    let cols = end_col.wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

/// A BOUNDSHEET's name: a length, a flag (UTF-16 or one byte a character).
pub(super) fn boundsheet_name(body: &[u8]) -> String {
    let (Some(&len), Some(&flags)) = (body.first(), body.get(1)) else {
        return String::new();
    };
    let text = &body[2.min(body.len())..];
    if flags & 1 == 1 {
        let units: Vec<u16> = text
            .chunks_exact(2)
            .take(usize::from(len))
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        text.iter()
            .take(usize::from(len))
            .map(|&b| char::from(b))
            .collect()
    }
}

/// The sheets of an .ods, from content.xml read as a stream: repeated rows
/// and columns advance the position, and only cells with a value or text
/// count.
fn ods_extents(bytes: &[u8], max_unzipped: u64) -> Vec<Extent> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Vec::new();
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content.take(max_unzipped)));
    let mut extents: Vec<Extent> = Vec::new();
    let (mut row, mut col, mut rows_repeated) = (0u32, 0u32, 1u32);
    // The cell being read: its columns repeated and whether it holds text.
    let mut open_cell: Option<(u32, bool)> = None;
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
                        extents.push(Extent {
                            sheet: attribute(e, "table:name").unwrap_or_default(),
                            ..Extent::default()
                        });
                        row = 0;
                    }
                    "table:table-row" => {
                        col = 0;
                        rows_repeated = repeat(e, "table:number-rows-repeated");
                        if empty {
                            row = row.saturating_add(rows_repeated);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let columns = repeat(e, "table:number-columns-repeated");
                        let valued = attribute(e, "office:value-type").is_some()
                            || attribute(e, "table:formula").is_some();
                        if empty {
                            end_cell(&mut extents, row, rows_repeated, &mut col, columns, valued);
                        } else {
                            open_cell = Some((columns, valued));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if open_cell.is_some() && !t.as_ref().trim().is_empty() => {
                if let Some((_, valued)) = &mut open_cell {
                    *valued = true;
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some((columns, valued)) = open_cell.take() {
                        end_cell(&mut extents, row, rows_repeated, &mut col, columns, valued);
                    }
                }
                "table:table-row" => row = row.saturating_add(rows_repeated),
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    extents
}

/// The last row and column an .ods sheet can have; calamine caps repeats
/// there.
const ODS_LAST: (u32, u32) = (1_048_575, 16_383);

/// A cell (repeated `columns` times, its row `rows` times) at `col`.
fn end_cell(
    extents: &mut [Extent],
    row: u32,
    rows: u32,
    col: &mut u32,
    columns: u32,
    valued: bool,
) {
    if valued && let Some(extent) = extents.last_mut() {
        let last_row = row.saturating_add(rows - 1).min(ODS_LAST.0);
        let last_col = col.saturating_add(columns - 1).min(ODS_LAST.1);
        extent.add(row.min(ODS_LAST.0), (*col).min(ODS_LAST.1), 0);
        extent.add(last_row, last_col, 0);
        extent.cells = extent
            .cells
            .saturating_add(u64::from(rows) * u64::from(columns));
    }
    *col = col.saturating_add(columns);
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok()??;
    Some(attr.value.into_owned())
}

fn repeat(e: &BytesStart, name: &str) -> u32 {
    attribute(e, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/data/peer/calamine/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn counts_cells_and_range_without_building_the_sheet() {
        // merge_cells.xls: one sheet, a small table from A1.
        let extents = xls_extents(&peer("merge_cells.xls"));
        assert!(!extents.is_empty());
        assert!(extents.iter().all(|e| e.range() < 1_000), "{extents:?}");
        assert_eq!(extents[0].first, Some((0, 0)));
        let extents = ods_extents(&peer("merged_cells.ods"), 1 << 20);
        assert!(!extents.is_empty() && extents.iter().all(|e| e.range() < 1_000));
    }

    #[test]
    fn repeated_values_are_no_stray_cell() {
        // 999,999,999 × 999,999,999 repeated values: calamine's cell limit
        // and the reader process say so, not a stray-cell message.
        let limits = LimitsConfig::default();
        let dos = ods_extents(&peer("issue_594_dos.ods"), 1 << 20);
        assert!(dos[0].cells > limits.max_cells);
        assert_eq!(dos[0].last, ODS_LAST);
        assert_eq!(
            check(&peer("issue_594_dos.ods"), Format::Ods, &limits),
            Ok(())
        );
        assert_eq!(check(&peer("issue127.ods"), Format::Ods, &limits), Ok(()));
        assert_eq!(check(&peer("issue127.xls"), Format::Xls, &limits), Ok(()));
    }
}
