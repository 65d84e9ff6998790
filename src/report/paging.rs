//! Where a sheet's pages break, and its page count in the footer. The
//! writers set every row height that is not the default (`set_height`), so
//! the pages can be cut here from the same heights the printout will have,
//! and `Trang 1/3` counts the sheet's own pages: LibreOffice's page-count
//! field counts the whole workbook.

use rust_xlsxwriter::{Worksheet, XlsxError};

thread_local! {
    /// The heights set on the sheet being written, by row: what `layout`
    /// paginates by. rust_xlsxwriter keeps heights but cannot give them
    /// back; `layout` empties this for the next sheet.
    static SHEET_ROWS: std::cell::RefCell<std::collections::BTreeMap<u32, f64>> =
        Default::default();
}

thread_local! {
    /// Rows of the sheet being written kept on the page of the row after
    /// them; `layout` empties this for the next sheet.
    static KEPT_WITH_NEXT: std::cell::RefCell<std::collections::BTreeSet<u32>> =
        Default::default();
}

/// Keeps `row` on the page of the row after it: a section's heading or a
/// table's header row never ends a page, its rows on the next.
pub fn keep_with_next(row: u32) {
    KEPT_WITH_NEXT.with(|kept| kept.borrow_mut().insert(row));
}

/// Points of a row whose height is not set (the workbook's default, 20 px).
const DEFAULT_ROW_POINTS: f64 = 15.0;

/// Makes `row` at least `points` tall: cells written into one row apart (a
/// heading's left and right halves) each ask for their own height, and the
/// row takes the tallest.
pub fn set_height(sheet: &mut Worksheet, row: u32, points: f64) -> Result<(), XlsxError> {
    let points = SHEET_ROWS.with(|rows| {
        let mut rows = rows.borrow_mut();
        let tallest = rows.get(&row).map_or(points, |p| p.max(points));
        rows.insert(row, tallest);
        tallest
    });
    sheet.set_row_height(row, points)?;
    Ok(())
}

/// How a sheet is cut into pages.
pub enum Pages {
    /// By its height: a page break wherever the next row would not fit
    /// under `repeat` (the header row printed again on every page), up to
    /// and including row `last`.
    Flow { repeat: Option<u32>, last: u32 },
    /// At these rows, set by the sheet itself, each part fitting a page.
    At(Vec<u32>),
}

/// A4 printable height in points with the default margins (0.75 inch top
/// and bottom), portrait and landscape, kept 10% short of it: the heights we
/// set are ours, the renderer's leading is not.
const PAGE_POINTS: [f64; 2] = [734.0 * 0.9, 487.0 * 0.9];
/// A4 printable width in pixels at 96 dpi (0.7-inch margins), portrait and
/// landscape: a sheet wider than this is printed smaller to fit, and its
/// page holds that many more points of rows.
const PAGE_PX: [f64; 2] = [(8.27 - 1.4) * 96.0, (11.69 - 1.4) * 96.0];

/// Column widths, and a page set up to print: A4, one page wide, the page
/// breaks, and page numbers of this sheet alone in the footer (`Trang 1/3`):
/// the total is counted here, as spreadsheet programs count the whole
/// workbook.
pub fn layout(
    sheet: &mut Worksheet,
    widths: &[f64],
    landscape: bool,
    pages: Pages,
) -> Result<(), XlsxError> {
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
    sheet.set_print_first_page_number(1);
    let rows = SHEET_ROWS.with(|rows| std::mem::take(&mut *rows.borrow_mut()));
    let kept = KEPT_WITH_NEXT.with(|kept| std::mem::take(&mut *kept.borrow_mut()));
    let breaks = match pages {
        Pages::At(breaks) => breaks,
        Pages::Flow { repeat, last } => {
            let orientation = usize::from(landscape);
            let width: f64 = widths.iter().map(|w| super::fit::column_px(*w)).sum();
            let scale = (PAGE_PX[orientation] / width).min(1.0);
            let budget = PAGE_POINTS[orientation] / scale;
            let height = |r: u32| rows.get(&r).copied().unwrap_or(DEFAULT_ROW_POINTS);
            let kept = |r: u32| kept.contains(&r);
            page_breaks(last, budget, repeat.map_or(0.0, height), height, kept)
        }
    };
    // Excel allows 1,023 manual breaks a sheet: a longer sheet (thousands of
    // files in one quarter) is paginated by the spreadsheet program, and its
    // footer gives the page number alone rather than a total we did not set.
    let footer = if breaks.len() > MAX_PAGE_BREAKS {
        "&C&\"Times New Roman\"Trang &P".to_string()
    } else {
        if !breaks.is_empty() {
            sheet.set_page_breaks(&breaks)?;
        }
        format!("&C&\"Times New Roman\"Trang &P/{}", breaks.len() + 1)
    };
    sheet.set_footer(footer);
    Ok(())
}

/// The most manual page breaks a sheet may hold (Excel's limit).
const MAX_PAGE_BREAKS: usize = 1023;

/// The rows that start a new page, filling each page up to `budget` points
/// (after `repeated` points of header on every page but the first). A
/// `kept` row goes over with the row after it, unless that would leave its
/// page empty.
fn page_breaks(
    last: u32,
    budget: f64,
    repeated: f64,
    height: impl Fn(u32) -> f64,
    kept: impl Fn(u32) -> bool,
) -> Vec<u32> {
    let mut breaks = Vec::new();
    let mut used = 0.0;
    // The page's first row: a row too tall for any page still goes on one,
    // rather than breaking forever.
    let mut first = 0;
    for row in 0..=last {
        let h = height(row);
        if used + h > budget && row > first {
            let mut at = row;
            while at - 1 > first && kept(at - 1) {
                at -= 1;
            }
            breaks.push(at);
            used = repeated + (at..row).map(&height).sum::<f64>();
            first = at;
        }
        used += h;
    }
    breaks
}

#[cfg(test)]
mod tests {
    /// A sheet of more pages than Excel allows breaks still makes a
    /// workbook (10,000 submissions gave 1,500 pages of `Nguồn số liệu`).
    #[test]
    fn a_sheet_past_excel_s_page_break_limit_is_still_written() {
        for pages in [super::MAX_PAGE_BREAKS + 1, 1500] {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let breaks: Vec<u32> = (1..pages as u32).map(|p| p * 20).collect();
            super::layout(sheet, &[10.0], false, super::Pages::At(breaks)).unwrap();
            book.save_to_buffer().expect("a workbook, not an error");
        }
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let breaks: Vec<u32> = (1..super::MAX_PAGE_BREAKS as u32 + 1)
            .map(|p| p * 20)
            .collect();
        super::layout(sheet, &[10.0], false, super::Pages::At(breaks)).unwrap();
        book.save_to_buffer()
            .expect("1,023 breaks are Excel's limit, still set");
    }

    #[test]
    fn pages_break_where_the_next_row_would_not_fit() {
        // Ten rows of 10 points, 35 to a page, a 10-point header repeated.
        let none = |_| false;
        let breaks = super::page_breaks(9, 35.0, 10.0, |_| 10.0, none);
        // Page 1: rows 0-2 (30); then header + 2 rows each: 3-4, 5-6, 7-8, 9.
        assert_eq!(breaks, [3, 5, 7, 9]);
        assert!(super::page_breaks(2, 35.0, 10.0, |_| 10.0, none).is_empty());
        // A row taller than a page still gets a page of its own, no loop.
        assert_eq!(
            super::page_breaks(2, 35.0, 10.0, |r| if r == 1 { 50.0 } else { 10.0 }, none),
            [1, 2]
        );
    }

    #[test]
    fn a_heading_goes_over_with_the_rows_after_it() {
        // Rows 3 and 4 (a section's heading, its header row) would end
        // page 1, row 5 start page 2: all three start it.
        let kept = |r| r == 3 || r == 4;
        assert_eq!(super::page_breaks(7, 55.0, 0.0, |_| 10.0, kept), [3]);
        // Never a page of kept rows alone: rows 1-4 all kept, row 0 stays.
        let all = |r| (1..=4).contains(&r);
        assert_eq!(super::page_breaks(7, 55.0, 0.0, |_| 10.0, all), [1, 6]);
    }
}
