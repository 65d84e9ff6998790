//! `tong-hop-<quarter>.xlsx`: the consolidated workbook, its first sheet laid
//! out like the appendix of Letter 929/BTTTT-THH.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::QuarterReport;
use super::sheets::{Font, Out, Pages, Styles, heading_block, layout, prose, ratio_colours, table};
use crate::roster::Group;
use crate::wording::fill;

/// Table rows that fit on an A4 page under a section heading, at 12 points.
const ROWS_PER_PAGE: usize = 44;

const WIDTHS: [f64; 5] = [6.0, 38.0, 16.0, 18.0, 18.0];

/// The columns, the level's name in the period's words.
fn appendix_headers(name_column: &str, level4: &str) -> [String; 5] {
    [
        "TT".to_string(),
        name_column.to_string(),
        "Tổng số thủ tục hành chính".to_string(),
        format!("Số dịch vụ công trực tuyến {level4}"),
        format!("Tỷ lệ dịch vụ công trực tuyến {level4}"),
    ]
}

pub fn appendix_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let w = &report.wording;
    let q = report.quarter;
    let sheet = book.add_worksheet().set_name("Phụ lục")?;
    let mut row = heading_block(sheet, w, &WIDTHS, 1)? + 1;
    let mut breaks = Vec::new();
    let span = (0, 4);
    prose(
        sheet,
        row,
        span,
        &WIDTHS,
        &w.appendix,
        &styles.title,
        Font::TITLE,
    )?;
    let title = fill(&w.title, q);
    prose(
        sheet,
        row + 1,
        span,
        &WIDTHS,
        &title,
        &styles.title,
        Font::TITLE,
    )?;
    let attached = fill(&w.attached_to, q);
    prose(
        sheet,
        row + 2,
        span,
        &WIDTHS,
        &attached,
        &styles.italic,
        Font::BODY,
    )?;
    row += 4;
    for group in Group::ALL {
        if group != Group::I {
            // Each section starts on its own page, as in the letter.
            breaks.push(row);
        }
        row = appendix_section(sheet, report, styles, group, row, &mut breaks)? + 1;
    }
    layout(sheet, &WIDTHS, false, Pages::At(breaks))
}

fn appendix_section(
    sheet: &mut Worksheet,
    report: &QuarterReport,
    styles: &Styles,
    group: Group,
    row: u32,
    breaks: &mut Vec<u32>,
) -> Result<u32, XlsxError> {
    let gw = report.wording.for_group(group);
    let heading = styles.text.clone().set_bold();
    prose(
        sheet,
        row,
        (0, 4),
        &WIDTHS,
        &gw.heading,
        &heading,
        Font::BOLD,
    )?;
    let headers = appendix_headers(&gw.name_column, &report.wording.level4);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut rows: Vec<Vec<Out>> = report
        .units
        .iter()
        .filter(|u| u.group == group)
        .enumerate()
        .map(|(i, u)| {
            let mut cells = vec![Out::Index(i + 1), Out::Text(u.name.clone())];
            match (u.figures, u.ratio()) {
                (Some(f), Some(ratio)) => cells.extend([
                    Out::Count(f.total),
                    Out::Count(f.level4),
                    Out::Percent(ratio),
                ]),
                _ => cells.extend([
                    Out::Empty,
                    Out::Empty,
                    Out::Text(u.status.vietnamese().to_string()),
                ]),
            }
            cells
        })
        .collect();
    // A long section goes on over pages, each starting with the header row
    // again: print titles would also print above the heading on page one.
    let mut next = row + 1;
    let mut first_page = true;
    while first_page || !rows.is_empty() {
        if !first_page {
            breaks.push(next);
        }
        let rest = rows.split_off(ROWS_PER_PAGE.min(rows.len()));
        let header = next;
        next = table(
            sheet,
            styles,
            header,
            &WIDTHS,
            &headers,
            std::mem::replace(&mut rows, rest),
        )?;
        ratio_colours(
            sheet,
            (header + 1, next - 1),
            4,
            report.target,
            report.very_low,
        )?;
        first_page = false;
    }
    let absent: Vec<String> = report
        .absent(group)
        .iter()
        .map(|u| format!("{} ({})", u.name, u.status.vietnamese().to_lowercase()))
        .collect();
    let mut notes: Vec<String> = gw.notes.iter().map(|n| fill(n, report.quarter)).collect();
    if !absent.is_empty() {
        notes.push(format!(
            "Đơn vị chưa có số liệu hợp lệ trong kỳ: {}.",
            absent.join("; ")
        ));
    }
    if !notes.is_empty() {
        sheet.write_string_with_format(next, 0, "Ghi chú:", &super::sheets::base().set_bold())?;
        next += 1;
        for note in notes {
            let line = format!("- {note}");
            prose(
                sheet,
                next,
                (0, 4),
                &WIDTHS,
                &line,
                &styles.wrap,
                Font::BODY,
            )?;
            next += 1;
        }
    }
    Ok(next)
}
