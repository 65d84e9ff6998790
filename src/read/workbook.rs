//! Opening a workbook and reading one sheet into a `Grid`, within limits.
//! xlsx sheets are streamed cell by cell (calamine's whole-range reader
//! allocates the sheet's bounding box: two cells at A1 and XFD1048576 ask for
//! ~550 GB, tafia/calamine#693); the other formats are read whole and their
//! size checked after, the reader's own process bounding the memory.

use calamine::{Data, Dimensions, Reader, Sheets, Xlsx, open_workbook_from_rs};
use std::io::Cursor;

use super::format::{Format, Refusal};
use super::grid::{Grid, RawCell, Region};
use crate::config::LimitsConfig;
use crate::text::{fold, vn_count};

pub struct Book<'a> {
    sheets: Sheets<Cursor<&'a [u8]>>,
    bytes: &'a [u8],
    format: Format,
    recalc_on_load: bool,
    limits: LimitsConfig,
}

fn refusal(e: &dyn std::fmt::Display) -> Refusal {
    let text = e.to_string();
    if text.to_lowercase().contains("password") || text.to_lowercase().contains("encrypt") {
        Refusal::Encrypted
    } else if text.contains("Cell limit exceeded") {
        // calamine's own bound on the cells an ods declares (repeated rows
        // and columns, tafia/calamine#594): a limit, not damage.
        Refusal::TooLarge(format!(
            "tệp khai báo nhiều ô hơn trình đọc bảng tính cho phép, không phải một báo cáo ({text})."
        ))
    } else {
        Refusal::Damaged(format!(
            "tệp bị hỏng hoặc sai định dạng, không mở được ({text})."
        ))
    }
}

pub fn too_many_cells(limits: &LimitsConfig) -> Refusal {
    Refusal::TooLarge(format!(
        "trang tính có hơn {} ô dữ liệu (giới hạn limits.max_cells), không phải một báo cáo.",
        vn_count(limits.max_cells)
    ))
}

impl<'a> Book<'a> {
    pub fn open(
        bytes: &'a [u8],
        format: Format,
        recalc_on_load: bool,
        limits: &LimitsConfig,
    ) -> Result<Book<'a>, Refusal> {
        super::extent::check(bytes, format, limits)?;
        let cursor = Cursor::new(bytes);
        let sheets = match format {
            Format::Xlsx => Sheets::Xlsx(open_workbook_from_rs(cursor).map_err(|e| refusal(&e))?),
            Format::Xlsb => Sheets::Xlsb(open_workbook_from_rs(cursor).map_err(|e| refusal(&e))?),
            Format::Xls => Sheets::Xls(open_workbook_from_rs(cursor).map_err(|e| refusal(&e))?),
            Format::Ods => Sheets::Ods(open_workbook_from_rs(cursor).map_err(|e| refusal(&e))?),
        };
        Ok(Book {
            sheets,
            bytes,
            format,
            recalc_on_load,
            limits: limits.clone(),
        })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// The sheets in the order a report is looked for: visible ones first,
    /// each group in workbook order.
    pub fn sheets_visible_first(&self) -> Vec<String> {
        let meta = self.sheets.sheets_metadata();
        let hidden = |s: &calamine::Sheet| s.visible != calamine::SheetVisible::Visible;
        // Chart, dialog and macro sheets hold no cells.
        let worksheets: Vec<&calamine::Sheet> = meta
            .iter()
            .filter(|s| s.typ == calamine::SheetType::WorkSheet)
            .collect();
        let sheets = if worksheets.is_empty() {
            meta.iter().collect()
        } else {
            worksheets
        };
        let visible = sheets.iter().filter(|s| !hidden(s));
        let rest = sheets.iter().filter(|s| hidden(s));
        visible.chain(rest).map(|s| s.name.clone()).collect()
    }

    /// The sheet whose name folds to `wanted` (see `text::fold`), else the first.
    pub fn sheet_like(&self, wanted: &str) -> Result<String, Refusal> {
        let names = self.sheet_names();
        names
            .iter()
            .find(|n| fold(n) == wanted)
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| Refusal::Damaged("bảng tính không có trang tính nào.".into()))
    }

    pub fn grid(&mut self, name: &str) -> Result<Grid, Refusal> {
        let max = usize::try_from(self.limits.max_cells).unwrap_or(usize::MAX);
        let (mut grid, merges) = match &mut self.sheets {
            Sheets::Xlsx(book) => {
                let grid = stream_xlsx(book, name, self.recalc_on_load, &self.limits)?;
                let merges = book.merge_cells_by_sheet_name(name).unwrap_or_default();
                (grid, merges)
            }
            other => {
                let values = other.worksheet_range(name).map_err(|e| refusal(&e))?;
                if values.used_cells().count() > max {
                    return Err(too_many_cells(&self.limits));
                }
                let formulas = other.worksheet_formula(name).unwrap_or_default();
                let merges = match other {
                    Sheets::Xls(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
                    _ => Vec::new(),
                };
                (
                    Grid::from_ranges(name, &values, &formulas, self.recalc_on_load),
                    merges,
                )
            }
        };
        let look = super::appearance::read(
            self.bytes,
            self.format,
            name,
            self.limits.max_unzipped_bytes,
        );
        let mut regions: Vec<Region> = merges
            .iter()
            .map(|d: &Dimensions| (d.start, d.end))
            .collect();
        regions.extend(look.merges);
        grid.spread_merges(&regions, max);
        grid.mark_percent(&look.percent);
        grid.hidden_rows = look.hidden_rows;
        grid.hidden_cols = look.hidden_cols;
        grid.blank_cells = look.blank;
        grid.percent_sign_cells = look.percent_sign;
        grid.tables = look.tables;
        grid.hidden = self
            .sheets
            .sheets_metadata()
            .iter()
            .any(|s| s.name == name && s.visible != calamine::SheetVisible::Visible);
        Ok(grid)
    }
}

fn stream_xlsx(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    recalc_on_load: bool,
    limits: &LimitsConfig,
) -> Result<Grid, Refusal> {
    let mut cells = Vec::new();
    let mut maybe_legacy = false;
    {
        let mut reader = book.worksheet_cells_reader(name).map_err(|e| refusal(&e))?;
        while let Some(cell) = reader.next_cell_with_formula().map_err(|e| refusal(&e))? {
            if cells.len() as u64 >= limits.max_cells {
                return Err(too_many_cells(limits));
            }
            let value = Data::from(cell.value);
            if let Data::String(text) = &value {
                maybe_legacy |= !text.is_ascii();
            }
            let formula = cell.formula.filter(|f| !f.trim().is_empty());
            if formula.is_some() || value != Data::Empty {
                cells.push(RawCell {
                    pos: cell.pos,
                    value,
                    formula,
                    font: None,
                });
            }
        }
    }
    // Fonts tell the legacy encodings apart; they are looked up only when
    // some text is not plain ASCII.
    if maybe_legacy && let Ok(styles) = book.worksheet_style(name) {
        for cell in &mut cells {
            if matches!(cell.value, Data::String(_)) {
                cell.font = styles
                    .get(cell.pos)
                    .and_then(|s| s.font.as_ref())
                    .and_then(|f| f.name.clone());
            }
        }
    }
    Ok(Grid::from_cells(name, cells, recalc_on_load))
}
