//! The column headers of a sheet, wherever they stand, and what each column
//! is. A header band is one to three rows of short words over rows of
//! values: either a table whose columns name the fields (`Tổng số TTHC |
//! Mức độ 3 | Mức độ 4`, one data row or a row per sector closed by a total
//! row), or the heading of lines whose columns say which period or part a
//! value is (`Chỉ tiêu | ĐVT | Kỳ trước | Kỳ này | Tăng, giảm`). Each
//! column keeps its whole header path, merged groups included, because a
//! group (`Quý IV/2019` over three columns) says as much as a leaf.

use super::grid::{Cell, CellValue, Grid};
use super::labels::{Field, Label, classify, classify_key, is_per_cent_unit, says_per_cent};
use super::marks::{Said, is_total_label, said, total_rank};
use crate::text::{fold, label_key};

/// Header rows above a band's last header row that can belong to it.
const MAX_HEADER_DEPTH: u32 = 2;
/// A group header is a few words (`Dịch vụ công trực tuyến`, `Kết quả
/// cung cấp`); a title is a sentence.
const MAX_GROUP_WORDS: usize = 8;
/// A column header is at most this many words.
const MAX_HEADER_WORDS: usize = 16;
/// Data rows a table may have before the rest is not read.
const MAX_DATA_ROWS: usize = 500;
/// Rows a band of lines speaks for, at most, and the blank rows that end it.
const MAX_LINE_ROWS: u32 = 200;
const BLANK_ROWS_ENDING_LINES: u32 = 2;

/// What a column of a band holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A field's values, one per data row (a table).
    Field(Field),
    /// Values of the fields the rows' labels name (`Kỳ này`, `Số liệu`).
    Value,
    /// `Đơn vị tính`: units of measure.
    Measure,
    /// `Ghi chú`: notes.
    Note,
    /// `Tỷ lệ (%)`: percentages beside the counts, never a count.
    Percent,
    /// `STT`: the rows' numbers.
    Numbering,
    /// `Chỉ tiêu`, `Nội dung`, `Lĩnh vực`: the rows' labels.
    Labels,
}

#[derive(Debug, Clone)]
pub struct HeadColumn {
    pub col: u32,
    /// The cell that names the column (its deepest header text).
    pub header: (u32, u32),
    /// Every level of the header, top to bottom: the cell and its words.
    pub path: Vec<((u32, u32), String)>,
    pub role: Role,
}

impl HeadColumn {
    /// `Quý I/2020 › Tổng số TTHC`.
    pub fn path_text(&self) -> String {
        let parts: Vec<&str> = self.path.iter().map(|(_, t)| t.as_str()).collect();
        parts.join(" › ")
    }

    /// What the path says of a value's period and part, level by level
    /// (`Trong đó` over levels says nothing: it opens a breakdown).
    pub fn marks(&self) -> Vec<((u32, u32), String, Said)> {
        self.path
            .iter()
            .filter(|(_, t)| !is_structural(t))
            .map(|(pos, t)| (*pos, t.clone(), said(without_within(t))))
            .filter(|(_, _, s)| !s.is_empty())
            .collect()
    }
}

/// What a table's data row is.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    /// `Tổng cộng`, `Toàn tỉnh`, a row of `SUBTOTAL` formulas.
    Total,
    /// A level of government's (`Cấp tỉnh`, `Cấp huyện`, `Cấp xã`): a
    /// part, and the levels add up to the whole.
    Level,
    /// Named by its words as a part of the row above (`Trong đó`, `mới`).
    Part,
    /// A group's total (`Cộng` under `I. Cấp tỉnh`) beside the table's
    /// grander one (`Tổng cộng`): a part.
    Subtotal,
    /// Named by its words as a period's (`Quý IV/2019`, `Kỳ trước`).
    Period,
    /// Anything else: a sector, an agency, the unit's own name.
    Plain,
}

#[derive(Debug, Clone)]
pub struct DataRow {
    pub row: u32,
    /// The row's label: its first words outside the field columns.
    pub label: Option<((u32, u32), String)>,
    pub kind: RowKind,
    pub hidden: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandKind {
    /// Fields as columns, figures in the data rows.
    Table,
    /// Fields as rows (their labels), the columns saying which value.
    Lines,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub kind: BandKind,
    /// The first and last header rows.
    pub top_row: u32,
    pub header_row: u32,
    pub columns: Vec<HeadColumn>,
    /// A table's data rows, in order.
    pub rows: Vec<DataRow>,
    /// The last row the band speaks for.
    pub last_row: u32,
}

impl Band {
    pub fn column(&self, col: u32) -> Option<&HeadColumn> {
        self.columns.iter().find(|c| c.col == col)
    }

    pub fn in_header(&self, row: u32) -> bool {
        (self.top_row..=self.header_row).contains(&row)
    }
}

/// `Trong đó`, `Chia ra`, `Bao gồm`: a header level that opens a breakdown
/// of the level above it.
fn is_structural(text: &str) -> bool {
    matches!(
        label_key(text).trim_end_matches(':').trim(),
        "trong do" | "chia ra" | "bao gom" | "trong do gom" | "cu the" | "gom"
    )
}

/// A text with its opening `Trong đó:` (or `Trong đó -`, `trong đó,`) cut:
/// `Trong đó: Mức độ 4` heads the level-4 column.
pub fn without_within(text: &str) -> &str {
    let trimmed = text.trim_start();
    let folded = fold(trimmed);
    if !folded.starts_with("trong do") {
        return text;
    }
    // `Trong đó` is eight characters however it is accented.
    let rest: String = trimmed.chars().skip("trong do".len()).collect();
    let cut = trimmed.len() - rest.len();
    trimmed[cut..].trim_start_matches([':', '-', ',', ' ', '–'])
}

/// The role a header's words give a column that names no field.
fn vocabulary(text: &str) -> Option<Role> {
    let key: String = label_key(text)
        .split([',', ' ', '/', ':'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let key = key.as_str();
    let role = match key {
        "stt" | "tt" | "so tt" | "so thu tu" | "thu tu" => Role::Numbering,
        "chi tieu" | "noi dung" | "noi dung bao cao" | "ten chi tieu" | "cac chi tieu"
        | "noi dung chi tieu" | "linh vuc" | "ten linh vuc" | "danh muc" | "hang muc" | "cap"
        | "cap hanh chinh" | "don vi" | "co quan" | "ky" | "thoi gian" | "thoi diem"
        | "ten don vi" | "ten co quan" | "ky bao cao" | "ten co quan don vi" | "co quan don vi"
        | "don vi linh vuc" => Role::Labels,
        "don vi tinh" | "dvt" | "don vi do" => Role::Measure,
        "ghi chu" | "ghi chu neu co" => Role::Note,
        "so lieu"
        | "ket qua"
        | "so luong"
        | "gia tri"
        | "thuc hien"
        | "so lieu bao cao"
        | "ket qua thuc hien"
        | "ket qua thuc hien trong ky" => Role::Value,
        _ => return None,
    };
    Some(role)
}

/// The text of a cell, merged copies included.
fn text_at(grid: &Grid, pos: (u32, u32)) -> Option<&str> {
    grid.text(pos)
}

/// What one header text is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum HeaderText {
    /// Names a count field (or the unit's explanation).
    Field,
    /// A column header's words (`STT`, `Chỉ tiêu`, `Ghi chú`).
    Vocabulary,
    /// Says only a period or a part (`Kỳ này`, `Quý IV/2019`, `Lũy kế`).
    Marked,
    /// A field whose value is words (`Tên đơn vị`, `Kỳ báo cáo`): a
    /// labelled line's label, or a table's label column.
    TextField,
    Other,
}

fn header_text(text: &str) -> HeaderText {
    if text.split_whitespace().count() > MAX_HEADER_WORDS {
        return HeaderText::Other;
    }
    // `Quý: I`, `Năm: 2020`: a label with its value, no column's heading.
    if text
        .split_once(':')
        .is_some_and(|(_, value)| !value.trim().is_empty())
    {
        return HeaderText::Other;
    }
    match classify(text) {
        Label::Field(f) if f.is_number() || f == Field::Explanation => return HeaderText::Field,
        Label::Field(_) if vocabulary(text).is_some() => return HeaderText::Vocabulary,
        Label::Field(_) => return HeaderText::TextField,
        Label::NearMiss(_) => return HeaderText::Field,
        Label::None => {}
    }
    if vocabulary(text).is_some() {
        HeaderText::Vocabulary
    } else if !said(text).is_empty() {
        HeaderText::Marked
    } else {
        HeaderText::Other
    }
}

/// A row's text cells (merged copies included) and whether it holds a
/// figure of its own (a number, one typed as text, a formula) among its
/// words or right beside them: a number past a blank column is a note's.
fn row_texts(grid: &Grid, row: u32) -> (Vec<(u32, &str)>, bool) {
    let mut texts = Vec::new();
    let mut dates = Vec::new();
    let mut figures = Vec::new();
    for (pos, cell) in grid.row(row) {
        if cell.origin.is_none() && holds_figure(cell) {
            figures.push(pos.1);
            continue;
        }
        if let CellValue::Date(_) = cell.value {
            dates.extend(grid.text(*pos).map(|t| (pos.1, t)));
        } else if let Some(t) = grid.text(*pos) {
            texts.push((pos.1, t));
        }
    }
    // A date typed as a column's heading (`Chỉ tiêu | 31/12/2019 |
    // 31/03/2020`) heads it beside a header's words; beside a title or a
    // note, or past a blank column, it is a stray.
    let end = content_end(grid, row);
    if texts
        .iter()
        .any(|(_, t)| matches!(header_text(t), HeaderText::Vocabulary | HeaderText::Field))
    {
        texts.extend(
            dates
                .into_iter()
                .filter(|(c, _)| end.is_some_and(|e| *c <= e)),
        );
        texts.sort_by_key(|(c, _)| *c);
    }
    let number = figures.iter().any(|c| end.is_some_and(|e| *c <= e));
    (texts, number)
}

/// Whether `row` is a header row: short words, no number of its own, that
/// name fields or are a column's heading words, and not a labelled line
/// (`Kỳ báo cáo | Quý I/2020`).
fn header_kind(grid: &Grid, row: u32) -> Option<BandKind> {
    let (texts, number) = row_texts(grid, row);
    if number || texts.len() < 2 || is_numbering_row(grid, row) {
        return None;
    }
    let kinds: Vec<HeaderText> = texts.iter().map(|(_, t)| header_text(t)).collect();
    let count = |k: HeaderText| kinds.iter().filter(|x| **x == k).count();
    if count(HeaderText::Field) >= 2 {
        return Some(BandKind::Table);
    }
    let heading_words = count(HeaderText::Vocabulary) + count(HeaderText::Marked);
    let labelled_line = is_labelled_line(grid, row, &texts);
    let others = count(HeaderText::Other) + count(HeaderText::TextField);
    (!labelled_line && heading_words >= 2 && others <= usize::from(heading_words >= 3))
        .then_some(BandKind::Lines)
}

/// `Kỳ báo cáo | Quý I/2020`, `Tên đơn vị | Tỉnh An Giang`: a text
/// field's label and its value, never a header.
fn is_labelled_line(grid: &Grid, row: u32, texts: &[(u32, &str)]) -> bool {
    // A merged cell copied down from the header above labels nothing here.
    let own: Vec<(u32, &str)> = texts
        .iter()
        .copied()
        .filter(|(c, _)| {
            grid.get((row, *c))
                .is_some_and(|cell| cell.origin.is_none())
        })
        .collect();
    let texts = own.as_slice();
    let Some((_, first)) = texts.first() else {
        return false;
    };
    if texts.len() > 3 {
        return false;
    }
    if super::model::label_in_cell(first).is_some() {
        return true;
    }
    match classify(first) {
        // `Kỳ báo cáo | Quý I/2020`; `Kỳ | Tổng số TTHC | …` heads a table
        // of rows per quarter.
        Label::Field(Field::Period | Field::ReportDate) => {
            texts.get(1).is_none_or(|(_, second)| {
                !matches!(
                    header_text(second),
                    HeaderText::Field | HeaderText::Vocabulary
                )
            })
        }
        // `Tên đơn vị | Kỳ trước | Kỳ này` heads a table; `Tên đơn vị |
        // Tỉnh An Giang` is a line.
        Label::Field(Field::Unit | Field::UnitCode) => texts.get(1).is_none_or(|(_, second)| {
            matches!(
                header_text(second),
                HeaderText::Other | HeaderText::TextField
            )
        }),
        _ => false,
    }
}

/// Whether `row`, under a header row, is more of it: a header row itself,
/// or a row of short words of its own (`Số lượng | Tỷ lệ (%)` under a
/// merged group), no number, not a labelled line.
fn continues_header(grid: &Grid, row: u32, span: (u32, u32)) -> bool {
    // A figure under the header makes it a data row (one past the
    // header's columns is a note's).
    if grid.row(row).any(|(pos, cell)| {
        cell.origin.is_none() && holds_figure(cell) && (span.0..=span.1).contains(&pos.1)
    }) {
        return false;
    }
    // `I | CẤP TỈNH`, `1 | Sở Tư pháp` right under the header, figures left
    // blank: a group's (or a sector's) row, the table's first.
    if starts_numbered(grid, row, span, &[]) {
        return false;
    }
    if header_kind(grid, row).is_some() {
        return true;
    }
    let (texts, number) = row_texts(grid, row);
    if is_labelled_line(grid, row, &texts) {
        return false;
    }
    let own = texts
        .iter()
        .filter(|(c, _)| {
            grid.get((row, *c))
                .is_some_and(|cell| cell.origin.is_none())
        })
        .count();
    !number
        && own >= 1
        && !is_numbering_row(grid, row)
        && texts
            .iter()
            .all(|(_, t)| t.split_whitespace().count() <= MAX_HEADER_WORDS)
        && !texts.iter().any(|(c, t)| {
            grid.get((row, *c))
                .is_some_and(|cell| cell.origin.is_none())
                && (header_text(t) == HeaderText::TextField
                    || super::model::label_in_cell(t).is_some())
        })
}

/// Whether a row's first cell in the header's columns is a row's number
/// (`I`, `II`, `1`, `1.2`, `A`) and words follow it. A number under a
/// figure's column is that figure, not the row's number.
fn starts_numbered(grid: &Grid, row: u32, span: (u32, u32), figure_cols: &[u32]) -> bool {
    let mut cells = grid
        .row(row)
        .filter(|(pos, cell)| cell.origin.is_none() && (span.0..=span.1).contains(&pos.1));
    let first = match cells.next() {
        Some((pos, _)) if figure_cols.contains(&pos.1) => return false,
        Some((_, cell)) => &cell.value,
        None => return false,
    };
    let first = match first {
        CellValue::Text(t) => t.trim().trim_end_matches(['.', ')']).to_string(),
        CellValue::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n < 1000.0 => n.to_string(),
        _ => return false,
    };
    let numbered = !first.is_empty()
        && (first.chars().all(|c| c.is_ascii_digit() || c == '.')
            || (first.len() <= 4 && first.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
            || matches!(first.as_str(), "A" | "B" | "C" | "D"));
    numbered
        && cells.any(
            |(_, c)| matches!(&c.value, CellValue::Text(t) if t.chars().any(char::is_alphabetic)),
        )
}

/// The last column of a row's content: from its first cell through
/// adjacent cells (a merged cell covers its columns) up to the first blank
/// column; what stands past that gap is a note's.
fn content_end(grid: &Grid, row: u32) -> Option<u32> {
    let mut filled: Vec<u32> = grid.row(row).map(|(pos, _)| pos.1).collect();
    for ((r1, c1), (r2, c2)) in &grid.merges {
        if (*r1..=*r2).contains(&row) {
            filled.extend(*c1..=(*c2).min(c1 + 64));
        }
    }
    filled.sort_unstable();
    filled.dedup();
    filled
        .windows(2)
        .find(|w| w[1] > w[0] + 1)
        .map_or(filled.last().copied(), |w| Some(w[0]))
}

/// The columns header rows `top..=bottom` cover: their content, merged
/// cells included, not a note past a gap.
fn header_span(grid: &Grid, top: u32, bottom: u32) -> (u32, u32) {
    let first = (top..=bottom)
        .filter_map(|r| grid.row(r).next().map(|(pos, _)| pos.1))
        .min()
        .unwrap_or(0);
    let last = (top..=bottom)
        .filter_map(|r| content_end(grid, r))
        .max()
        .unwrap_or(first);
    (first, last)
}

/// Every band of the sheet, top to bottom; a row belongs to one band at most.
pub fn find_bands(grid: &Grid) -> Vec<Band> {
    let mut rows: Vec<u32> = grid.cells().map(|(pos, _)| pos.0).collect();
    rows.dedup();
    let mut bands: Vec<Band> = Vec::new();
    for &row in &rows {
        if bands.iter().any(|b| b.last_row >= row) {
            continue;
        }
        if header_kind(grid, row).is_none() {
            continue;
        }
        // A band's last header row is the deepest of adjacent header rows.
        let mut header_row = row;
        while header_row - row < MAX_HEADER_DEPTH
            && continues_header(grid, header_row + 1, header_span(grid, row, header_row))
        {
            header_row += 1;
        }
        if let Some(band) = band_from(grid, header_row, row) {
            bands.push(band);
        }
    }
    // A table whose fields are named only across its header rows (`Số
    // lượng TTHC` over `Tổng số | Trong đó › Mức độ 4`), no one row naming
    // two: the rows of words right above its first data row, read as one
    // header.
    for &row in &rows {
        if bands
            .iter()
            .any(|b| (b.top_row..=b.last_row).contains(&row))
        {
            continue;
        }
        if let Some(band) = table_above(grid, row)
            && !bands
                .iter()
                .any(|b| b.top_row <= band.last_row && band.top_row <= b.last_row)
        {
            bands.push(band);
        }
    }
    bands.sort_by_key(|b| b.top_row);
    bands
}

/// The table whose header is the rows of words right above `row`, when
/// `row` is its first data row (a column-numbering row may stand between).
fn table_above(grid: &Grid, row: u32) -> Option<Band> {
    let figures = grid
        .row(row)
        .filter(|(_, cell)| cell.origin.is_none() && holds_figure(cell))
        .count();
    if figures < 2 || row == 0 {
        return None;
    }
    let mut bottom = row - 1;
    if is_numbering_row(grid, bottom) {
        bottom = bottom.checked_sub(1)?;
    }
    let (texts, number) = row_texts(grid, bottom);
    if number || texts.is_empty() || is_labelled_line(grid, bottom, &texts) {
        return None;
    }
    let band = band_from(grid, bottom, bottom.saturating_sub(MAX_HEADER_DEPTH))?;
    (band.kind == BandKind::Table && band.rows.first().is_some_and(|r| r.row == row))
        .then_some(band)
}

/// The band whose last header row is `header_row`, its group rows above
/// it (down to `at_least`, and further while they are group rows).
fn band_from(grid: &Grid, header_row: u32, at_least: u32) -> Option<Band> {
    let (texts, _) = row_texts(grid, header_row);
    texts.first()?;
    let span = header_span(grid, header_row, header_row);
    let mut top = header_row;
    while header_row - top < MAX_HEADER_DEPTH && top > 0 {
        let above = top - 1;
        let more = is_group_row(grid, above, span)
            || (above >= at_least && continues_header(grid, above, span));
        if !more {
            break;
        }
        top = above;
    }
    // The header's own columns: a note past a blank column heads nothing.
    let (first, last) = header_span(grid, top, header_row);
    let mut cols: Vec<u32> = (top..=header_row)
        .flat_map(|r| grid.row(r).map(|(pos, _)| pos.1).collect::<Vec<_>>())
        .filter(|c| (first..=last).contains(c))
        .collect();
    cols.sort_unstable();
    cols.dedup();
    let mut columns = Vec::new();
    for col in cols {
        let Some(column) = head_column(grid, top, header_row, col) else {
            continue;
        };
        columns.push(column);
    }
    let field_columns = columns
        .iter()
        .filter(|c| matches!(c.role, Role::Field(f) if f.is_number()))
        .count();
    let kind = if field_columns >= 2 {
        BandKind::Table
    } else {
        BandKind::Lines
    };
    match kind {
        BandKind::Table => {
            let rows = data_rows(grid, header_row, &columns);
            let last_row = rows.last()?.row;
            Some(Band {
                kind,
                top_row: top,
                header_row,
                columns,
                rows,
                last_row,
            })
        }
        BandKind::Lines => {
            if !columns.iter().any(|c| c.role == Role::Value) {
                return None;
            }
            let last_row = lines_end(grid, header_row);
            (last_row > header_row).then_some(Band {
                kind,
                top_row: top,
                header_row,
                columns,
                rows: Vec::new(),
                last_row,
            })
        }
    }
}

/// A column's header path from `top` to `bottom` and its role.
fn head_column(grid: &Grid, top: u32, bottom: u32, col: u32) -> Option<HeadColumn> {
    let mut path: Vec<((u32, u32), String)> = Vec::new();
    let mut header = None;
    for r in top..=bottom {
        let own = text_at(grid, (r, col)).map(|t| (grid.origin((r, col)), t));
        let part = own.or_else(|| {
            (r < bottom)
                .then(|| {
                    let below = (top..=bottom).any(|x| x > r && text_at(grid, (x, col)).is_some());
                    group_over(grid, (r, col), below)
                })
                .flatten()
        });
        if let Some((pos, text)) = part
            && path.last().map(|(p, _)| *p) != Some(pos)
        {
            path.push((pos, text.to_string()));
        }
        if let Some((pos, _)) = own {
            header = Some(pos);
        }
    }
    let header = header?;
    // `Tổng số TTHC: 1.961` is a label with its value, not a header.
    if text_at(grid, (bottom, col)).is_some_and(|t| super::model::label_in_cell(t).is_some()) {
        return None;
    }
    let mut role = path_role(&path);
    // `Kỳ báo cáo`, `Thời gian` head a column of periods (rows `Quý
    // IV/2019`, `Quý I/2020`), or of this period's figures.
    if role == Role::Labels
        && path.last().is_some_and(|(_, t)| is_period_heading(t))
        && figure_below(grid, bottom, col)
    {
        role = Role::Value;
    }
    Some(HeadColumn {
        col,
        header,
        path,
        role,
    })
}

/// `Kỳ`, `Kỳ báo cáo`, `Thời gian`, `Thời điểm`: the heading of a column of
/// periods, or of one period's figures.
fn is_period_heading(text: &str) -> bool {
    matches!(
        label_key(text).as_str(),
        "ky" | "ky bao cao" | "thoi gian" | "thoi diem" | "thoi ky bao cao" | "ky nay"
    )
}

/// Whether the first row under a header (its column numbers passed over)
/// holds a figure in `col`.
fn figure_below(grid: &Grid, header_row: u32, col: u32) -> bool {
    let mut row = header_row + 1;
    if is_numbering_row(grid, row) {
        row += 1;
    }
    grid.get((row, col)).is_some_and(holds_figure)
}

/// What a header path makes its column. Levels that only say a period or a
/// part (`Quý I/2020`, `Mới trong quý`) and breakdown words (`Trong đó`)
/// say which value, not which field; of the rest, a bare level (`Mức độ
/// 4`) under procedures or services is that level's count.
fn path_role(path: &[((u32, u32), String)]) -> Role {
    let naming: Vec<&str> = path
        .iter()
        .map(|(_, t)| without_within(t))
        .filter(|t| !t.trim().is_empty() && !is_structural(t))
        .filter(|t| !(classify(t) == Label::None && !said(t).is_empty() && vocabulary(t).is_none()))
        .collect();
    // `Số lượng`, `Số liệu` under a field's name is that field's count.
    let naming: Vec<&str> = match naming.split_last() {
        Some((leaf, above)) if !above.is_empty() && vocabulary(leaf) == Some(Role::Value) => {
            above.to_vec()
        }
        _ => naming,
    };
    let Some(leaf) = naming.last() else {
        return Role::Value;
    };
    // `Tên đơn vị`, `Đơn vị`: the unit's name in a table's one data row.
    if naming.len() == 1 && classify(leaf) == Label::Field(Field::Unit) {
        return Role::Field(Field::Unit);
    }
    if let Some(role) = vocabulary(leaf) {
        return role;
    }
    // `DVCTT mức độ 4 › %`, `… › Đạt (%)`, `Mức độ 4 (%)`: percentages.
    if is_per_cent_unit(leaf)
        || (says_per_cent(leaf) && classify(leaf) != Label::Field(Field::Ratio))
    {
        return Role::Percent;
    }
    let above: Vec<String> = naming[..naming.len() - 1].iter().map(|t| fold(t)).collect();
    let names_other_quantity = above.iter().any(|t| {
        t.contains("ho so") || t.contains("ti le") || t.contains("ty le") || t.contains("phat sinh")
    });
    if let Label::Field(f @ (Field::Level3 | Field::Level4)) = classify(leaf)
        && !names_other_quantity
        && is_bare_level(leaf)
    {
        return Role::Field(f);
    }
    let key: Vec<String> = naming.iter().map(|t| label_key(t)).collect();
    let says_percent = {
        let folded = fold(leaf);
        folded.contains("ti le") || folded.contains("ty le") || folded.trim().ends_with('%')
    };
    match classify_key(&key.join(" ")) {
        Label::Field(f) if f.is_number() || f == Field::Explanation || f == Field::Unit => {
            Role::Field(f)
        }
        _ if says_percent => Role::Percent,
        _ if naming.len() == 1 && said(leaf).is_empty() && classify(leaf) == Label::None => {
            Role::Value
        }
        _ => Role::Note,
    }
}

/// `Mức độ 4`, `Toàn trình`, `MĐ 3`: a level's name and nothing more.
fn is_bare_level(text: &str) -> bool {
    matches!(
        label_key(text).as_str(),
        "muc do 3"
            | "muc do 4"
            | "muc 3"
            | "muc 4"
            | "md3"
            | "md4"
            | "md 3"
            | "md 4"
            | "mot phan"
            | "toan trinh"
    )
}

/// A row above a header row that is part of its header: a header row
/// itself, or a run of short words over the header's columns (a group
/// header is a few words; a title or a note is a sentence), not a labelled
/// line, and not a title alone at the band's left edge.
fn is_group_row(grid: &Grid, row: u32, span: (u32, u32)) -> bool {
    let first_col = span.0;
    // Its content (a note past a gap aside) stands over the header's columns.
    let Some(end) = content_end(grid, row) else {
        return false;
    };
    let start = grid.row(row).next().map_or(end, |(pos, _)| pos.1);
    if start < span.0 || end > span.1 {
        return false;
    }
    if header_kind(grid, row).is_some() {
        return true;
    }
    let (texts, number) = row_texts(grid, row);
    let texts: Vec<(u32, &str)> = texts.into_iter().filter(|(c, _)| *c <= end).collect();
    if is_labelled_line(grid, row, &texts) {
        return false;
    }
    let own: Vec<&(u32, &str)> = texts
        .iter()
        .filter(|(c, _)| {
            grid.get((row, *c))
                .is_some_and(|cell| cell.origin.is_none())
        })
        .collect();
    let Some(first) = own.first() else {
        return false;
    };
    !number
        && texts
            .iter()
            .all(|(_, t)| t.split_whitespace().count() <= MAX_GROUP_WORDS)
        && !own
            .iter()
            .any(|(_, t)| header_text(t) == HeaderText::TextField)
        && (own.len() >= 2 || first.0 > first_col)
}

/// The group header over an empty cell of a header row: the merged region
/// holding it, or (where the format reports no merges) the nearest text to
/// its left, when the column has a sub-header under it.
fn group_over(grid: &Grid, pos: (u32, u32), has_sub_header: bool) -> Option<((u32, u32), &str)> {
    if let Some((first, _)) = grid.region_of(pos) {
        return text_at(grid, first).map(|t| (first, t));
    }
    if !grid.merges.is_empty() || !has_sub_header {
        return None;
    }
    grid.row(pos.0)
        .filter(|(p, _)| p.1 < pos.1)
        .filter_map(|(p, _)| text_at(grid, *p).map(|t| (*p, t)))
        .last()
}

/// Whether a cell holds a figure: a number, a number typed as text, or a
/// formula.
pub fn holds_figure(cell: &Cell) -> bool {
    cell.formula_without_result
        || cell.formula.is_some()
        || match &cell.value {
            CellValue::Number(_) => true,
            CellValue::Text(t) => {
                crate::text::parse_number_with_measure(t.trim()).is_some()
                    || crate::text::says_not_applicable(t)
            }
            _ => false,
        }
}

/// The data rows under a table's header: the column-numbering row passed
/// over, then every row with a figure under a field's column, up to the
/// first row with none.
fn data_rows(grid: &Grid, header_row: u32, columns: &[HeadColumn]) -> Vec<DataRow> {
    let mut rows = Vec::new();
    let mut row = header_row + 1;
    if is_numbering_row(grid, row) {
        row += 1;
    }
    let field_cols: Vec<u32> = columns
        .iter()
        .filter(|c| matches!(c.role, Role::Field(f) if f.is_number()))
        .map(|c| c.col)
        .collect();
    let figures = |row: u32| {
        field_cols
            .iter()
            .filter(|c| grid.get((row, **c)).is_some_and(holds_figure))
            .count()
    };
    let span = (
        columns.iter().map(|c| c.col).min().unwrap_or(0),
        columns.iter().map(|c| c.col).max().unwrap_or(0),
    );
    while rows.len() < MAX_DATA_ROWS {
        if figures(row) == 0 {
            // One or two rows without figures inside the table (a blank
            // row, a section's name `A. CẤP TỈNH`, a sector not yet
            // counted): the rows go on after them, when a row named by its
            // words follows (numbers alone below are a note's).
            // After a blank row only the total row resumes the table;
            // after a row of words (a section's or a sector's name), any
            // row named by its words does.
            let resumes = (row + 1..=row + 2).find(|r| figures(*r) > 0);
            let worded = (row..resumes.unwrap_or(row))
                .any(|r| grid.row(r).next().is_some() && row_label(grid, r, columns).is_some());
            match resumes {
                // A numbered row (`2 | Công Thương`) goes on with the
                // table's own numbering past a blank row too.
                Some(next)
                    if (total_words(grid, next)
                        || starts_numbered(grid, next, span, &field_cols)
                        || (worded && row_label(grid, next, columns).is_some()))
                        && header_kind(grid, next).is_none() =>
                {
                    row = next;
                    continue;
                }
                _ => break,
            }
        }
        let label = row_label(grid, row, columns);
        let kind = row_kind(
            grid,
            row,
            label.as_ref().map(|(_, t)| t.as_str()),
            &field_cols,
        );
        rows.push(DataRow {
            row,
            label,
            kind,
            hidden: grid.row_hidden(row),
        });
        row += 1;
    }
    settle_subtotals(&mut rows);
    rows
}

/// Several total rows (`Cộng` under each group, `Tổng cộng` for the
/// table): the one whose words are grandest is the table's total, the
/// others subtotals, parts of it. Two equally grand ones stay totals (and
/// conflict).
fn settle_subtotals(rows: &mut [DataRow]) {
    let ranked: Vec<(usize, u8)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RowKind::Total && !r.hidden)
        .map(|(i, r)| (i, r.label.as_ref().map_or(0, |(_, t)| total_rank(t))))
        .collect();
    let Some(top) = ranked.iter().map(|(_, rank)| *rank).max() else {
        return;
    };
    if ranked.len() < 2 || ranked.iter().filter(|(_, rank)| *rank == top).count() != 1 {
        return;
    }
    // A group's total closes rows of its own: a lesser total with no rows
    // above it since the last total is a second whole, not a subtotal.
    let mut group_start = 0;
    for (i, rank) in ranked {
        let has_rows = rows[group_start..i]
            .iter()
            .any(|r| matches!(r.kind, RowKind::Plain | RowKind::Level));
        // Only a total by its words (`Cộng`), not a row whose words merely
        // sum up (`Tổng hợp các sở`, a sector), is a group's total.
        let by_words = rows[i]
            .label
            .as_ref()
            .is_some_and(|(_, t)| is_total_label(t));
        // Only a group's own words (`Cộng`, `Cộng cấp huyện`) make a
        // subtotal: a `Tổng cộng` under a `Toàn tỉnh` is a second whole.
        if rank == 1 && rank < top && has_rows && by_words {
            rows[i].kind = RowKind::Subtotal;
        }
        group_start = i + 1;
    }
}

/// Whether a row says it is a total (`Tổng cộng`, `Cộng`…) in any cell.
fn total_words(grid: &Grid, row: u32) -> bool {
    grid.row(row).any(|(_, cell)| match &cell.value {
        CellValue::Text(t) => is_total_label(t),
        _ => false,
    })
}

/// A data row's label: its first words outside the field columns, a row
/// number (`1`, `II`, `-`, `a)`) passed over.
fn row_label(grid: &Grid, row: u32, columns: &[HeadColumn]) -> Option<((u32, u32), String)> {
    // Within the table's columns: a note beside it labels no row.
    let first = columns.iter().map(|c| c.col).min().unwrap_or(0);
    let last = columns.iter().map(|c| c.col).max().unwrap_or(u32::MAX);
    grid.row(row)
        .filter(|(pos, _)| (first..=last).contains(&pos.1))
        .filter(|(pos, _)| {
            !columns.iter().any(|c| {
                c.col == pos.1
                    && match c.role {
                        Role::Field(f) => f.is_number() || f == Field::Explanation,
                        // A merged `TỔNG CỘNG` may begin in the numbers'
                        // column: its words are the row's label there too.
                        Role::Note | Role::Measure | Role::Percent => true,
                        Role::Numbering | Role::Value | Role::Labels => false,
                    }
            })
        })
        .find_map(|(pos, cell)| match &cell.value {
            // Words, not a number typed as text (`0%`, `1.961`).
            CellValue::Text(t)
                if !is_row_number(t)
                    && crate::text::parse_number_with_measure(t.trim()).is_none() =>
            {
                Some((grid.origin(*pos), t.trim().to_string()))
            }
            _ => None,
        })
}

/// `1`, `1.2`, `II`, `-`, `+`, `a)`: a row's number, not its label.
pub fn is_row_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    t.is_empty()
        || t.chars().all(|c| c.is_ascii_digit() || c == '.')
        || matches!(t, "-" | "+" | "*" | "–")
        || (t.len() <= 4 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
        || (t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()))
}

fn row_kind(grid: &Grid, row: u32, label: Option<&str>, field_cols: &[u32]) -> RowKind {
    // A row whose figures are `SUBTOTAL(…)` is the total row, however named.
    let subtotal = field_cols.iter().any(|c| {
        grid.get((row, *c))
            .and_then(|cell| cell.formula.as_deref())
            .is_some_and(|f| fold(f).trim_start_matches('=').starts_with("subtotal("))
    });
    let Some(label) = label else {
        return if subtotal {
            RowKind::Total
        } else {
            RowKind::Plain
        };
    };
    if subtotal || is_total_label(label) {
        return RowKind::Total;
    }
    let said = said(label);
    if said.period.is_some() {
        RowKind::Period
    } else if matches!(
        said.scope,
        Some(
            super::marks::Scope::Part(_)
                | super::marks::Scope::Added(_)
                | super::marks::Scope::New(_)
        )
    ) {
        let folded = fold(label);
        if folded.contains("cap ") && !folded.contains("trong do") {
            RowKind::Level
        } else {
            RowKind::Part
        }
    } else if matches!(said.scope, Some(super::marks::Scope::Whole)) {
        RowKind::Total
    } else {
        RowKind::Plain
    }
}

/// `(1) | (2) | (3)` or `1 | 2 | 3 | 4`: the columns' numbers, under the header.
pub fn is_numbering_row(grid: &Grid, row: u32) -> bool {
    let cells: Vec<Option<f64>> = grid
        .row(row)
        .filter(|(_, c)| c.origin.is_none())
        .map(|(_, c)| match &c.value {
            CellValue::Number(n) => Some(*n),
            CellValue::Text(t) => t
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .parse::<f64>()
                .ok(),
            _ => None,
        })
        .collect();
    cells.len() >= 3
        && cells
            .windows(2)
            .all(|w| matches!(w, [Some(a), Some(b)] if *b == a + 1.0))
}

/// The last row a band of lines speaks for: up to two blank rows, another
/// header, or `MAX_LINE_ROWS`.
fn lines_end(grid: &Grid, header_row: u32) -> u32 {
    let mut last = header_row;
    let mut blank = 0;
    for row in header_row + 1..=header_row.saturating_add(MAX_LINE_ROWS) {
        if grid.row(row).next().is_none() {
            blank += 1;
            if blank >= BLANK_ROWS_ENDING_LINES {
                break;
            }
            continue;
        }
        if header_kind(grid, row).is_some() {
            break;
        }
        blank = 0;
        last = row;
    }
    last
}
