//! What every sheet of the report workbooks shares: the styles (Times New
//! Roman, as Vietnamese administrative documents use), a bordered table, and
//! the sheets that appear in more than one workbook.

use rust_xlsxwriter::{
    ConditionalFormatCustomIcon, ConditionalFormatFormula, ConditionalFormatIconSet,
    ConditionalFormatIconType, ConditionalFormatType, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, FormatUnderline, Workbook, Worksheet, XlsxError,
};

use super::{QuarterReport, fit, paging};
use chrono::Datelike;
pub use fit::Font;
pub use paging::{Pages, keep_with_next, layout};

pub const FONT: &str = "Times New Roman";

pub fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}

/// Number formats that show figures the Vietnamese way (`1.611`,
/// `12,30%`) whatever the regional settings of the computer that opens the
/// workbook, the cells staying numbers a reader can sum
/// (docs/outputs.md#figures-whatever-the-regional-settings).
///
/// A count's dots are literal characters, the format chosen by its size:
/// every spreadsheet program shows them in every locale (up to
/// 999.999.999; a count past it shows its first group whole).
pub const COUNT: &str = r"[>=1000000]#\.###\.###;[>=1000]#\.###;0";
/// A decimal comma cannot be literal (the digits after it are the
/// number's fraction, placed by the locale's decimal mark), so the decimals
/// carry the Vietnamese locale, `[$-42A]` (LCID 0x042A): LibreOffice then
/// uses Vietnamese separators under any locale. Excel takes its separators
/// from the computer's settings, not the format (see the docs).
pub const PERCENT: &str = "[$-42A]0.00%";
/// Percentage points, signed; Vietnamese decimals as `PERCENT`.
pub const POINTS: &str = "[$-42A]+0.00;-0.00;0.00";
/// A signed change of a count. Literal dots would need a size condition
/// for each sign and a third for the rest, past the two a format may hold;
/// changes of a thousand and more are rare: Vietnamese as `PERCENT`.
pub const CHANGE: &str = "[$-42A]+#,##0;-#,##0;0";

/// One cell of a table row.
pub enum Out {
    /// The `TT` numbering, centred.
    Index(usize),
    Text(String),
    Count(u64),
    Percent(f64),
    /// Percentage points, signed.
    Points(f64),
    /// A change of a count, signed.
    Change(i64),
    Empty,
}

pub struct Styles {
    pub header: Format,
    pub index: Format,
    pub text: Format,
    pub count: Format,
    pub percent: Format,
    pub points: Format,
    pub change: Format,
    pub title: Format,
    pub bold: Format,
    pub italic: Format,
    pub wrap: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let cell = base()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            index: cell.clone().set_align(FormatAlign::Center),
            text: cell.clone().set_text_wrap(),
            count: cell.clone().set_num_format(COUNT),
            percent: cell.clone().set_num_format(PERCENT),
            points: cell.clone().set_num_format(POINTS),
            change: cell.set_num_format(CHANGE),
            title: base()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            bold: base().set_bold().set_align(FormatAlign::Center),
            italic: base()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            wrap: base().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// The most characters a workbook cell holds (Excel's limit is 32,767).
pub const CELL_MAX_CHARS: usize = 32_000;

/// A bordered table: a header row at `row`, then the rows. Returns the row
/// after it. `widths` are the sheet's column widths from column A: every row
/// is made tall enough for its wrapped text.
pub fn table(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    widths: &[f64],
    headers: &[&str],
    rows: Vec<Vec<Out>>,
) -> Result<u32, XlsxError> {
    table_at(sheet, styles, row, 0, widths, headers, rows)
}

/// `table`, its first column at `first_col`.
pub fn table_at(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    first_col: u16,
    widths: &[f64],
    headers: &[&str],
    rows: Vec<Vec<Out>>,
) -> Result<u32, XlsxError> {
    let px = |col: u16| fit::cell_px(&[widths.get(usize::from(col)).copied().unwrap_or(8.43)]);
    let mut printed = Vec::new();
    for (col, header) in headers.iter().enumerate() {
        let col = first_col + col as u16;
        sheet.write_string_with_format(row, col, *header, &styles.header)?;
        printed.push((header.to_string(), px(col), Font::BOLD));
    }
    fit_row(sheet, row, &printed)?;
    keep_with_next(row);
    let mut r = row + 1;
    for cells in rows {
        printed.clear();
        for (col, cell) in cells.into_iter().enumerate() {
            let col = first_col + col as u16;
            match cell {
                Out::Index(i) => sheet.write_number_with_format(r, col, i as f64, &styles.index)?,
                Out::Text(t) => {
                    // A finding may quote names; no text may stop the report.
                    let t = crate::text::cut(&crate::text::visible(&t), CELL_MAX_CHARS);
                    printed.push((t.clone(), px(col), Font::BODY));
                    sheet.write_string_with_format(r, col, t, &styles.text)?
                }
                Out::Count(n) => sheet.write_number_with_format(r, col, n as f64, &styles.count)?,
                Out::Percent(p) => sheet.write_number_with_format(r, col, p, &styles.percent)?,
                Out::Points(p) => sheet.write_number_with_format(r, col, p, &styles.points)?,
                Out::Change(d) => {
                    sheet.write_number_with_format(r, col, d as f64, &styles.change)?
                }
                Out::Empty => sheet.write_blank(r, col, &styles.text)?,
            };
        }
        fit_row(sheet, r, &printed)?;
        r += 1;
    }
    Ok(r)
}

/// Sizes a row by `fit::row_height` from its printed texts (each with the
/// usable pixels of its cell and its font): taller only where a text wraps
/// or is set larger than the body, else the default height.
pub fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    printed: &[(String, f64, Font)],
) -> Result<(), XlsxError> {
    let cells = printed.iter().map(|(t, px, font)| (t.as_str(), *px, *font));
    if let Some(points) = fit::row_height(cells) {
        paging::set_height(sheet, row, points)?;
    }
    Ok(())
}

/// Prose in a merged row across `first..=last`, the row as tall as the
/// wrapped text in `font` (`format` sets the same font in the sheet).
pub fn prose(
    sheet: &mut Worksheet,
    row: u32,
    span: (u16, u16),
    widths: &[f64],
    text: &str,
    format: &Format,
    font: Font,
) -> Result<(), XlsxError> {
    let printed = write_spanning(sheet, row, span, widths, text, format, font)?;
    fit_row(sheet, row, &[printed])
}

/// `text` in one cell across `first..=last` (merged), and what `fit_row`
/// measures of it.
fn write_spanning(
    sheet: &mut Worksheet,
    row: u32,
    (first, last): (u16, u16),
    widths: &[f64],
    text: &str,
    format: &Format,
    font: Font,
) -> Result<(String, f64, Font), XlsxError> {
    let span: Vec<f64> = (first..=last)
        .map(|c| widths.get(usize::from(c)).copied().unwrap_or(8.43))
        .collect();
    let text = crate::text::visible(text).into_owned();
    if first == last {
        sheet.write_string_with_format(row, first, &text, format)?;
    } else {
        sheet.merge_range(row, first, row, last, &text, format)?;
    }
    Ok((text, fit::cell_px(&span), font))
}

/// A workbook whose bytes depend only on its content: the document dates are
/// pinned to the last day of the quarter.
pub fn workbook(report: &QuarterReport) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    // Blank cells, and anything not given a format, in Times New Roman too.
    book.set_default_format(&base(), 20, 64)?;
    let title = format!(
        "Tổng hợp {} {}",
        report.wording.dvctt4(),
        report.quarter.vietnamese()
    );
    book.set_properties(&properties(report, &title)?);
    Ok(book)
}

/// A workbook's document properties, dated the last day of the quarter so
/// that its bytes depend only on its content.
pub fn properties(report: &QuarterReport, title: &str) -> Result<DocProperties, XlsxError> {
    let end = report.quarter.last_day();
    let date = ExcelDateTime::from_ymd(end.year() as u16, end.month() as u8, end.day() as u8)?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("dvctt")
        .set_creation_datetime(&date))
}

/// A chart's text in the workbooks' font (a chart left alone prints in
/// Calibri, a sans-serif beside Times New Roman tables).
pub fn chart_font(size: f64) -> rust_xlsxwriter::ChartFont {
    let mut f = rust_xlsxwriter::ChartFont::new();
    f.set_name(FONT).set_size(size);
    f
}

/// A new sheet called `name`, its title in a merged first row across the
/// columns of `widths`.
pub fn titled_sheet<'a>(
    book: &'a mut Workbook,
    styles: &Styles,
    name: &str,
    title: &str,
    widths: &[f64],
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = book.add_worksheet().set_name(name)?;
    let last = widths.len().saturating_sub(1) as u16;
    prose(
        sheet,
        0,
        (0, last),
        widths,
        title,
        &styles.title,
        Font::TITLE,
    )?;
    Ok(sheet)
}

/// The heading block of an administrative document (`heading`, as the
/// letter's): the issuing body over columns A to `left_last`, the nation's
/// name and motto over the rest, each row as tall as its larger line.
/// Returns the row after it.
pub fn heading_block(
    sheet: &mut Worksheet,
    wording: &crate::wording::Wording,
    widths: &[f64],
    left_last: u16,
) -> Result<u32, XlsxError> {
    let last = (widths.len() - 1) as u16;
    let block = super::heading::heading_block(&wording.issuer, &wording.nation);
    let rows = block.left.len().max(block.right.len());
    for i in 0..rows {
        let sides = [
            (block.left.get(i), (0, left_last)),
            (block.right.get(i), (left_last + 1, last)),
        ];
        let mut printed = Vec::new();
        for (line, span) in sides {
            let Some(line) = line else { continue };
            let mut format = base()
                .set_font_size(line.size)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap();
            if line.bold {
                format = format.set_bold();
            }
            if line.underline {
                format = format.set_underline(FormatUnderline::Single);
            }
            let font = Font {
                size: line.size,
                bold: line.bold,
            };
            let row = i as u32;
            printed.push(write_spanning(
                sheet, row, span, widths, &line.text, &format, font,
            )?);
        }
        fit_row(sheet, i as u32, &printed)?;
    }
    Ok(rows as u32)
}

/// What the reports say where a year has no configured target.
pub const NO_TARGET: &str = "chưa có chỉ tiêu";

/// "30%", or "(chưa có chỉ tiêu)".
pub fn target_text(target: Option<f64>) -> String {
    target.map_or(format!("({NO_TARGET})"), |t| {
        crate::text::vn_percent(t).replace(",00", "")
    })
}

/// Colours a ratio column: under `very_low` red, under `target` amber, at or
/// over it green; with no target, only the red. Text cells ("Chưa nộp") stay plain.
pub fn ratio_colours(
    sheet: &mut Worksheet,
    (first_row, last_row): (u32, u32),
    col: u16,
    target: Option<f64>,
    very_low: f64,
) -> Result<(), XlsxError> {
    if last_row < first_row {
        return Ok(());
    }
    let cell = crate::read::cell_name(first_row, u32::from(col));
    let fill = |bg: u32, fg: u32| Format::new().set_background_color(bg).set_font_color(fg);
    let mut rules = vec![(
        format!("=AND(ISNUMBER({cell}),{cell}<{very_low})"),
        fill(0xFFC7CE, 0x9C0006),
    )];
    if let Some(target) = target {
        rules.push((
            format!("=AND(ISNUMBER({cell}),{cell}<{target})"),
            fill(0xFFEB9C, 0x9C5700),
        ));
        rules.push((
            format!("=AND(ISNUMBER({cell}),{cell}>={target})"),
            fill(0xC6EFCE, 0x006100),
        ));
    }
    for (rule, format) in rules {
        let conditional = ConditionalFormatFormula::new()
            .set_rule(rule.as_str())
            .set_format(format)
            .set_stop_if_true(true);
        sheet.add_conditional_format(first_row, col, last_row, col, &conditional)?;
    }
    Ok(())
}

/// Half the last decimal a change is shown with (`+0.00`): a change that
/// shows as 0.00 gets the level arrow, whatever float noise it carries and
/// however a program reads "greater than" (LibreOffice reads it as "at
/// least", giving 0.00 a green up-arrow).
const SHOWN_AS_ZERO: f64 = 0.005;

/// Arrows on a signed change: up above 0.00, level at 0.00, down below.
pub fn change_arrows(
    sheet: &mut Worksheet,
    (first_row, last_row): (u32, u32),
    col: u16,
) -> Result<(), XlsxError> {
    if last_row < first_row {
        return Ok(());
    }
    let icons = [
        ConditionalFormatCustomIcon::new().set_rule(ConditionalFormatType::Percent, 0),
        ConditionalFormatCustomIcon::new().set_rule(ConditionalFormatType::Number, -SHOWN_AS_ZERO),
        ConditionalFormatCustomIcon::new()
            .set_rule(ConditionalFormatType::Number, SHOWN_AS_ZERO)
            .set_greater_than(true),
    ];
    let arrows = ConditionalFormatIconSet::new()
        .set_icon_type(ConditionalFormatIconType::ThreeArrows)
        .set_icons(&icons);
    sheet.add_conditional_format(first_row, col, last_row, col, &arrows)?;
    Ok(())
}
