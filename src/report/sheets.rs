//! What every sheet of the report workbooks shares: the styles (Times New
//! Roman, as Vietnamese administrative documents use), a bordered table, and
//! the sheets that appear in more than one workbook.

use rust_xlsxwriter::{
    ConditionalFormatCustomIcon, ConditionalFormatFormula, ConditionalFormatIconSet,
    ConditionalFormatIconType, ConditionalFormatType, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::QuarterReport;
use chrono::Datelike;

pub const FONT: &str = "Times New Roman";

pub fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}

/// One cell of a table row.
pub enum Out {
    /// The `TT` numbering, centred.
    Index(usize),
    Text(String),
    Count(u64),
    Percent(f64),
    /// Percentage points, signed.
    Points(f64),
    Empty,
}

pub struct Styles {
    pub header: Format,
    pub index: Format,
    pub text: Format,
    pub count: Format,
    pub percent: Format,
    pub points: Format,
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
            count: cell.clone().set_num_format("#,##0"),
            percent: cell.clone().set_num_format("0.00%"),
            points: cell.set_num_format("+0.00;-0.00;0.00"),
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

/// A bordered table: a header row at `row`, then the rows. Returns the row after it.
pub fn table(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    headers: &[&str],
    rows: Vec<Vec<Out>>,
) -> Result<u32, XlsxError> {
    table_at(sheet, styles, row, 0, headers, rows)
}

/// `table`, its first column at `first_col`.
pub fn table_at(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    first_col: u16,
    headers: &[&str],
    rows: Vec<Vec<Out>>,
) -> Result<u32, XlsxError> {
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, first_col + col as u16, *header, &styles.header)?;
    }
    let mut r = row + 1;
    for cells in rows {
        for (col, cell) in cells.into_iter().enumerate() {
            let col = first_col + col as u16;
            match cell {
                Out::Index(i) => sheet.write_number_with_format(r, col, i as f64, &styles.index)?,
                Out::Text(t) => sheet.write_string_with_format(r, col, t, &styles.text)?,
                Out::Count(n) => sheet.write_number_with_format(r, col, n as f64, &styles.count)?,
                Out::Percent(p) => sheet.write_number_with_format(r, col, p, &styles.percent)?,
                Out::Points(p) => sheet.write_number_with_format(r, col, p, &styles.points)?,
                Out::Empty => sheet.write_blank(r, col, &styles.text)?,
            };
        }
        r += 1;
    }
    Ok(r)
}

/// Column widths, and a page set up to print: A4, one page wide, page
/// numbers in the footer.
pub fn layout(sheet: &mut Worksheet, widths: &[f64], landscape: bool) -> Result<(), XlsxError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_footer("&C&\"Times New Roman\"Trang &P/&N");
    Ok(())
}

/// A workbook whose bytes depend only on its content: the document dates are
/// pinned to the last day of the quarter.
pub fn workbook(report: &QuarterReport) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    // Blank cells, and anything not given a format, in Times New Roman too.
    book.set_default_format(&base(), 20, 64)?;
    let end = report.quarter.last_day();
    let date = ExcelDateTime::from_ymd(end.year() as u16, end.month() as u8, end.day() as u8)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Tổng hợp {} {}",
                report.wording.dvctt4(),
                report.quarter.vietnamese()
            ))
            .set_author("dvctt")
            .set_creation_datetime(&date),
    );
    Ok(book)
}

/// A new sheet called `name`, its title in a merged first row across
/// columns A to `last_col`.
pub fn titled_sheet<'a>(
    book: &'a mut Workbook,
    styles: &Styles,
    name: &str,
    title: &str,
    last_col: u16,
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = book.add_worksheet().set_name(name)?;
    sheet.merge_range(0, 0, 0, last_col, title, &styles.title)?;
    Ok(sheet)
}

/// What the reports say where a year has no configured target.
pub const NO_TARGET: &str = "chưa có chỉ tiêu";

/// "30%", or "(chưa có chỉ tiêu)".
pub fn target_text(target: Option<f64>) -> String {
    target.map_or(format!("({NO_TARGET})"), |t| {
        crate::text::vn_percent(t).replace(",00", "")
    })
}

/// `Đơn vị chậm`: the lagging list, in both workbooks.
pub fn lagging_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "DANH SÁCH ĐƠN VỊ CHẬM TRIỂN KHAI {} - {}",
        report.wording.dvctt4().to_uppercase(),
        report.quarter.vietnamese().to_uppercase()
    );
    let sheet = titled_sheet(book, styles, "Đơn vị chậm", &title, 5)?;
    let target = match report.target {
        Some(t) => format!(
            "{} {}",
            crate::text::vn_percent(t).replace(",00", ""),
            report.wording.dvctt4()
        ),
        None => NO_TARGET.to_string(),
    };
    let note = format!(
        "Chỉ tiêu năm {}: {target}; tỉ lệ tính từ số liệu đơn vị báo cáo, không làm tròn.",
        report.quarter.year,
    );
    sheet.merge_range(1, 0, 1, 5, &note, &styles.italic)?;
    let rows = report
        .lagging()
        .into_iter()
        .enumerate()
        .map(|(i, u)| {
            let reasons = u.reason_texts(report.target, report.very_low, &report.wording);
            vec![
                Out::Index(i + 1),
                Out::Text(u.code.clone()),
                Out::Text(u.name.clone()),
                Out::Text(u.group.as_str().to_string()),
                u.ratio().map_or(Out::Empty, Out::Percent),
                Out::Text(reasons.join("; ")),
            ]
        })
        .collect();
    let end = table(
        sheet,
        styles,
        3,
        &[
            "TT",
            "Mã đơn vị",
            "Tên đơn vị",
            "Nhóm",
            &format!("Tỉ lệ {}", report.wording.dvctt4()),
            "Lý do",
        ],
        rows,
    )?;
    ratio_colours(sheet, (4, end - 1), 4, report.target, report.very_low)?;
    sheet.set_freeze_panes(4, 0)?;
    sheet.set_repeat_rows(3, 3)?;
    layout(sheet, &[6.0, 11.0, 36.0, 7.0, 14.0, 60.0], true)
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

/// Arrows on a signed change: up above 0, level at 0, down below.
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
        ConditionalFormatCustomIcon::new().set_rule(ConditionalFormatType::Number, 0),
        ConditionalFormatCustomIcon::new()
            .set_rule(ConditionalFormatType::Number, 0)
            .set_greater_than(true),
    ];
    let arrows = ConditionalFormatIconSet::new()
        .set_icon_type(ConditionalFormatIconType::ThreeArrows)
        .set_icons(&icons);
    sheet.add_conditional_format(first_row, col, last_row, col, &arrows)?;
    Ok(())
}
