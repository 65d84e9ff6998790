//! The form's `Hướng dẫn` sheet (each field explained, on one portrait
//! page) and its empty `Danh mục` sheet, and how every sheet of the form
//! prints.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::config::Settings;
use crate::quarter::Quarter;
use crate::read::Field;
use crate::report::fit;

use crate::wording::Wording;

const GUIDE_SHEET: &str = "Hướng dẫn";
const DETAIL_SHEET: &str = "Danh mục";

/// Column widths of the sheets, each summing to an A4 portrait page's width.
const GUIDE_WIDTHS: [f64; 2] = [28.0, 62.0];
const DETAIL_WIDTHS: [f64; 6] = [5.0, 12.0, 41.0, 9.0, 12.0, 12.0];

/// Column widths, and the page: A4 portrait, one page wide, this sheet's
/// page numbers in the footer: `Trang 1/1` for a sheet of one page, only
/// the number for one the unit makes longer (`pages` None).
pub(super) fn print_portrait(sheet: &mut Worksheet, widths: &[f64], pages: Option<u16>) {
    for (col, width) in widths.iter().enumerate() {
        // Widths are constants within Excel's limits.
        let _ = sheet.set_column_width(col as u16, *width);
    }
    sheet.set_paper_size(9);
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_first_page_number(1);
    let total = pages.map_or(String::new(), |n| format!("/{n}"));
    sheet.set_footer(format!("&C&\"Times New Roman\"Trang &P{total}"));
}

pub(super) fn guide_sheet(
    book: &mut Workbook,
    settings: &Settings,
    quarter: Option<Quarter>,
    font: &Format,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name(GUIDE_SHEET)?;
    let bold = font.clone().set_bold();
    let wrap = font.clone().set_text_wrap().set_align(FormatAlign::Top);
    let words = settings.wording.for_form(quarter);
    let days = settings.config.deadline.days_after_quarter_end;
    let deadline = match quarter {
        Some(q) => {
            let due = q.last_day() + chrono::Duration::days(i64::from(days));
            format!(
                "Hạn gửi báo cáo {}: ngày {}.",
                q.vietnamese(),
                due.format("%d/%m/%Y")
            )
        }
        None => format!("Hạn gửi báo cáo: {days} ngày sau ngày cuối cùng của quý."),
    };
    let lines: Vec<(String, String)> = vec![
        ("HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO".into(), String::new()),
        ("Hạn gửi".into(), deadline),
        (
            "Cách điền".into(),
            "Chỉ điền vào các ô màu vàng ở trang tính Báo cáo. Không đổi tên trang tính, không đổi chữ ở cột B, không chèn thêm dòng. Số liệu là số nguyên, không ghi chữ.".into(),
        ),
        (Field::Unit.label().into(), "Tên đơn vị báo cáo (bộ, cơ quan ngang bộ, hoặc tỉnh, thành phố trực thuộc Trung ương).".into()),
        (Field::UnitCode.label().into(), "Mã đơn vị trong danh mục đơn vị báo cáo (chọn trong danh sách của ô); khi tên và mã khác nhau, mã được dùng.".into()),
        (Field::Period.label().into(), period_example(quarter)),
        (Field::ReportDate.label().into(), "Ngày ký gửi báo cáo. Khi gửi bản sửa, ghi ngày mới: bản có ngày sau được dùng.".into()),
        (Field::Total.label().into(), "Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của đơn vị (cả ba cấp chính quyền đối với tỉnh).".into()),
        (form_label(Field::Level3, &words), format!("Số dịch vụ công trực tuyến {}.", words.level3)),
        (form_label(Field::Level4, &words), format!("Số dịch vụ công trực tuyến {l4}. DVCTT {l3} cộng DVCTT {l4} không vượt tổng số thủ tục.", l3 = words.level3, l4 = words.level4)),
        (Field::DossierServices.label().into(), format!("Số dịch vụ công trực tuyến ({} và {}) có ít nhất một hồ sơ trong kỳ.", words.level3, words.level4)),
        (Field::Dossiers.label().into(), "Tổng số hồ sơ đơn vị tiếp nhận trong kỳ, mọi hình thức.".into()),
        (Field::OnlineDossiers.label().into(), "Số hồ sơ tiếp nhận trực tuyến trong kỳ; không vượt tổng số hồ sơ.".into()),
        (form_label(Field::Ratio, &words), format!("Tự tính: số DVCTT {} chia tổng số thủ tục. Không cần điền.", words.level4)),
        (form_label(Field::Explanation, &words), "Không bắt buộc, không quá 1.000 ký tự. Khi số liệu thay đổi nhiều so với kỳ trước (ví dụ danh mục thủ tục được rà soát, cắt giảm) hoặc chưa đạt chỉ tiêu, ghi ngắn gọn lý do. Giải trình được in bên cạnh nhận xét về đơn vị trong báo cáo tổng hợp; không thay cho việc sửa số liệu sai.".into()),
        (
            "Danh mục".into(),
            "Nếu có, liệt kê các thủ tục ở trang tính Danh mục: mã thủ tục, tên, mức độ (2, 3, 4, một phần hoặc toàn trình).".into(),
        ),
        (
            "Trước khi gửi".into(),
            "Lưu tệp bằng Excel hoặc LibreOffice rồi gửi. Các ô màu vàng tự kiểm tra số liệu khi nhập (số nguyên, không âm, số dịch vụ không vượt tổng số thủ tục…): sửa hết các ô bị báo sai trước khi gửi. Báo cáo không hợp lệ sẽ được gửi lại kèm kết quả kiểm tra.".into(),
        ),
    ];
    // The title across both columns, then a field and its explanation per
    // row, as tall as the explanation: one portrait page.
    let title = bold
        .clone()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let label_format = bold.clone().set_text_wrap().set_align(FormatAlign::Top);
    for (i, (label, text)) in lines.iter().enumerate() {
        let row = i as u32;
        if text.is_empty() {
            sheet.merge_range(row, 0, row, 1, label, &title)?;
            sheet.set_row_height(row, 24)?;
            continue;
        }
        sheet.write_string_with_format(row, 0, label, &label_format)?;
        sheet.write_string_with_format(row, 1, text, &wrap)?;
        // The guide's rows are spaced 4 points apart, one line or several.
        let cells = [
            (
                text.as_str(),
                fit::cell_px(&[GUIDE_WIDTHS[1]]),
                fit::Font::BODY,
            ),
            (
                label.as_str(),
                fit::cell_px(&[GUIDE_WIDTHS[0]]),
                fit::Font::BOLD,
            ),
        ];
        let points = fit::row_height(cells).unwrap_or(fit::height(1, fit::BODY_POINTS));
        sheet.set_row_height(row, points + 4.0)?;
    }
    print_portrait(sheet, &GUIDE_WIDTHS, Some(1));
    Ok(())
}

/// How the period is written: the form's own quarter, or on a blank form
/// the pattern (a fixed year would read as the quarter to report).
pub(super) fn period_example(quarter: Option<Quarter>) -> String {
    match quarter {
        Some(q) => format!("Quý báo cáo: {}.", q.vietnamese()),
        None => "Quý báo cáo, viết dạng Quý <I, II, III hoặc IV>/<năm>.".to_string(),
    }
}

pub(super) fn detail_sheet(book: &mut Workbook, font: &Format) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name(DETAIL_SHEET)?;
    let header = font
        .clone()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let headers = [
        "STT",
        "Mã thủ tục",
        "Tên thủ tục",
        "Mức độ",
        "Số hồ sơ tiếp nhận",
        "Số hồ sơ trực tuyến",
    ];
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *text, &header)?;
    }
    let cells = headers
        .iter()
        .zip(DETAIL_WIDTHS)
        .map(|(text, width)| (*text, fit::cell_px(&[width]), fit::Font::BOLD));
    if let Some(points) = fit::row_height(cells) {
        sheet.set_row_height(0, points)?;
    }
    sheet.set_repeat_rows(0, 0)?;
    print_portrait(sheet, &DETAIL_WIDTHS, None);
    Ok(())
}

/// The label the form prints for a field: the levels in the period's words
/// ("Số DVCTT mức độ 4", "Số DVCTT toàn trình"), both of which the reader knows.
pub(super) fn form_label(field: Field, words: &Wording) -> String {
    match field {
        Field::Level3 => format!("Số DVCTT {}", words.level3),
        Field::Level4 => format!("Số DVCTT {}", words.level4),
        Field::Ratio => format!("Tỷ lệ DVCTT {}", words.level4),
        Field::Explanation => "Giải trình (nếu có)".to_string(),
        _ => field.label().to_string(),
    }
}
