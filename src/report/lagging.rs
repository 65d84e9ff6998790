//! `Đơn vị chậm` and `Đơn vị nộp muộn`: the two lists, in both workbooks.
//! Each is a document to hand over as printed: heading block, title, the
//! quarter and the measure, a numbered table, room for signatures. Lateness
//! is a list of its own and a column of the lagging list, never a reason.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::QuarterReport;
use super::sheets::{
    Font, NO_TARGET, Out, Pages, Styles, heading_block, layout, prose, ratio_colours, table,
};
use crate::text::vn_percent;

/// Portrait A4: the columns add up to the printable width.
const LAGGING_WIDTHS: [f64; 8] = [5.0, 21.0, 5.0, 9.0, 30.0, 7.0, 22.0, 7.0];
const LATE_WIDTHS: [f64; 6] = [5.0, 30.0, 6.0, 13.0, 10.0, 29.0];

/// The lagging list's name as its title gives it: what the list is in the
/// year's terms (with no target, the units far behind), for every text that
/// names the list.
pub fn list_name(target: Option<f64>, level4: &str) -> String {
    match target {
        Some(_) => {
            format!("danh sách đơn vị chưa đạt chỉ tiêu cung cấp dịch vụ công trực tuyến {level4}")
        }
        None => format!(
            "danh sách đơn vị có tỷ lệ dịch vụ công trực tuyến {level4} rất thấp, chưa nộp hoặc nộp báo cáo không hợp lệ"
        ),
    }
}

pub fn lagging_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Đơn vị chậm")?;
    let w = &LAGGING_WIDTHS;
    let level4 = &report.wording.level4;
    let measure = match report.target {
        Some(t) => format!(
            "Chỉ tiêu năm {}: tỷ lệ dịch vụ công trực tuyến {level4} trên tổng số thủ tục hành chính đạt {}. Danh sách gồm các đơn vị có tỷ lệ dưới chỉ tiêu",
            report.quarter.year,
            vn_percent(t).replace(",00", "")
        ),
        None => format!(
            "Năm {} {NO_TARGET} về tỷ lệ dịch vụ công trực tuyến {level4}. Danh sách gồm các đơn vị có tỷ lệ dưới ngưỡng rất thấp {}",
            report.quarter.year,
            vn_percent(report.very_low).replace(",00", "")
        ),
    };
    // A figure that waits for a person is listed, its standing unsettled.
    let waiting = match report.lagging_counts().awaiting {
        0 => "",
        _ => ", các đơn vị có số liệu thay đổi bất thường đang chờ xác nhận",
    };
    let row = heading(
        sheet,
        report,
        styles,
        w,
        &list_name(report.target, level4).to_uppercase(),
        &format!(
            "{measure}{waiting} và các đơn vị chưa nộp báo cáo hoặc nộp báo cáo không hợp lệ; tỷ lệ tính từ số liệu đơn vị báo cáo, không làm tròn. Việc nộp báo cáo muộn được ghi ở cột cuối và lập thành danh sách riêng."
        ),
    )?;
    let lagging = report.lagging();
    let rows: Vec<Vec<Out>> = lagging
        .iter()
        .enumerate()
        .map(|(i, u)| {
            vec![
                Out::Index(i + 1),
                Out::Text(u.name.clone()),
                Out::Text(u.group.as_str().to_string()),
                u.ratio().map_or(Out::Empty, Out::Percent),
                Out::Text(
                    u.reason_texts(report.target, report.very_low, &report.wording)
                        .join("; "),
                ),
                u.quarters_under_target
                    .filter(|n| *n > 0)
                    .map_or(Out::Empty, |n| Out::Count(u64::from(n))),
                Out::Text(u.explanation_texts().join("; ")),
                u.days_late().map_or(Out::Empty, |d| Out::Count(d as u64)),
            ]
        })
        .collect();
    let ratio_header = format!("Tỷ lệ {}", report.wording.dvctt4());
    let headers = [
        "TT",
        "Tên đơn vị",
        "Nhóm",
        ratio_header.as_str(),
        "Lý do",
        "Số quý liên tiếp chưa đạt",
        "Giải trình",
        "Nộp muộn (số ngày)",
    ];
    let end = table(sheet, styles, row, w, &headers, rows)?;
    ratio_colours(sheet, (row + 1, end - 1), 3, report.target, report.very_low)?;
    let none = match report.target {
        Some(_) => "Không có đơn vị nào chưa đạt chỉ tiêu trong kỳ.",
        None => {
            "Không có đơn vị nào có tỷ lệ rất thấp, chưa nộp hoặc nộp báo cáo không hợp lệ trong kỳ."
        }
    };
    finish(
        sheet,
        styles,
        w,
        row,
        end,
        lagging.is_empty().then_some(none),
    )
}

pub fn late_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Đơn vị nộp muộn")?;
    let w = &LATE_WIDTHS;
    let row = heading(
        sheet,
        report,
        styles,
        w,
        "DANH SÁCH ĐƠN VỊ NỘP BÁO CÁO MUỘN",
        &format!(
            "Hạn nộp báo cáo: ngày {}. Ngày nộp là ngày ghi trong báo cáo; báo cáo không ghi ngày thì lấy ngày gửi thư điện tử kèm báo cáo, nếu không có thì lấy ngày sửa tệp lần cuối.",
            report.due.format("%d/%m/%Y")
        ),
    )?;
    let late = report.late();
    let rows: Vec<Vec<Out>> = late
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let t = u.timeliness?;
            let basis = t.basis.vietnamese();
            Some(vec![
                Out::Index(i + 1),
                Out::Text(u.name.clone()),
                Out::Text(u.group.as_str().to_string()),
                Out::Text(t.date.format("%d/%m/%Y").to_string()),
                Out::Count(t.days_late as u64),
                Out::Text(basis.to_string()),
            ])
        })
        .collect();
    let headers = [
        "TT",
        "Tên đơn vị",
        "Nhóm",
        "Ngày nộp",
        "Số ngày muộn",
        "Căn cứ",
    ];
    let end = table(sheet, styles, row, w, &headers, rows)?;
    let none = "Không có đơn vị nào nộp báo cáo muộn trong kỳ.";
    finish(sheet, styles, w, row, end, late.is_empty().then_some(none))
}

/// The heading block, the title, the quarter and the note on what the list
/// holds. Returns the row of the table's header.
fn heading(
    sheet: &mut Worksheet,
    report: &QuarterReport,
    styles: &Styles,
    w: &[f64],
    title: &str,
    note: &str,
) -> Result<u32, XlsxError> {
    let last = (w.len() - 1) as u16;
    // The issuer's longest line (`BỘ THÔNG TIN VÀ TRUYỀN THÔNG`, bold) needs
    // about 36 units: the left block spans as many columns as that takes.
    let left_last = (0..w.len())
        .find(|k| w[..=*k].iter().sum::<f64>() >= 36.0)
        .unwrap_or(2) as u16;
    let row = heading_block(sheet, &report.wording, w, left_last)? + 1;
    prose(sheet, row, (0, last), w, title, &styles.title, Font::TITLE)?;
    let quarter = report.quarter.vietnamese();
    prose(
        sheet,
        row + 1,
        (0, last),
        w,
        &quarter,
        &styles.bold,
        Font::BOLD,
    )?;
    prose(
        sheet,
        row + 2,
        (0, last),
        w,
        note,
        &styles.italic,
        Font::BODY,
    )?;
    Ok(row + 4)
}

/// What follows the table: a line when it is empty, the place and date, and
/// room for signatures; the header repeated on every page.
fn finish(
    sheet: &mut Worksheet,
    styles: &Styles,
    w: &[f64],
    header: u32,
    end: u32,
    empty: Option<&str>,
) -> Result<(), XlsxError> {
    let last = (w.len() - 1) as u16;
    let mut row = end;
    if let Some(text) = empty {
        prose(sheet, row, (0, last), w, text, &styles.wrap, Font::BODY)?;
        row += 1;
    }
    row += 1;
    let left = (0, 2);
    let right = (3, last);
    let date = "……, ngày …… tháng …… năm ……";
    prose(sheet, row, right, w, date, &styles.italic, Font::BODY)?;
    prose(
        sheet,
        row + 1,
        left,
        w,
        "NGƯỜI LẬP BIỂU",
        &styles.bold,
        Font::BOLD,
    )?;
    prose(
        sheet,
        row + 1,
        right,
        w,
        "THỦ TRƯỞNG ĐƠN VỊ",
        &styles.bold,
        Font::BOLD,
    )?;
    let sign = "(Ký, ghi rõ họ tên)";
    prose(sheet, row + 2, left, w, sign, &styles.italic, Font::BODY)?;
    prose(sheet, row + 2, right, w, sign, &styles.italic, Font::BODY)?;
    // Room to sign: five empty rows, kept with the names on one page.
    sheet.write_blank(row + 7, 0, &styles.wrap)?;
    sheet.set_freeze_panes(header + 1, 0)?;
    sheet.set_repeat_rows(header, header)?;
    // Counted to the last line of text: the blank room under it never makes
    // a page of its own (empty pages are not printed).
    let pages = Pages::Flow {
        repeat: Some(header),
        last: row + 2,
    };
    layout(sheet, w, false, pages)
}
