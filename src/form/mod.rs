//! The form units fill in: the `Báo cáo` sheet with exactly the labels the
//! reader expects, the unit and period filled in, everything but the input
//! cells protected, and validations that stop the common mistakes before the
//! file is sent.

// Truncating casts here are the form's rows and columns (a few dozen) and
// the date parts of a quarter within 2000-9998, all far inside their types.
#![allow(clippy::cast_possible_truncation)]

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::config::Settings;
use crate::quarter::Quarter;
use crate::read::{Field, cell_name};
use crate::report::fit;
use crate::roster::Unit;

mod guide;
use guide::{detail_sheet, form_label, guide_sheet, print_portrait};

pub const REPORT_SHEET: &str = "Báo cáo";
const UNITS_SHEET: &str = "Danh sách đơn vị";

/// The rows of the form, in order: field, unit of measure.
pub const ROWS: [(Field, &str); 12] = [
    (Field::Unit, ""),
    (Field::UnitCode, ""),
    (Field::Period, ""),
    (Field::ReportDate, ""),
    (Field::Total, "thủ tục"),
    (Field::Level3, "dịch vụ"),
    (Field::Level4, "dịch vụ"),
    (Field::DossierServices, "dịch vụ"),
    (Field::Dossiers, "hồ sơ"),
    (Field::OnlineDossiers, "hồ sơ"),
    (Field::Ratio, "%"),
    (Field::Explanation, ""),
];

/// Lines of text the explanation's cell shows before it scrolls.
const EXPLANATION_LINES: usize = 6;

/// Rows (zero-based) of the first field and of the table's header.
const FIRST_ROW: u32 = 4;
/// The value column (D).
pub const VALUE_COL: u16 = 3;

/// Where a field's value goes on the `Báo cáo` sheet: (row, column), zero-based.
pub fn cell_of(field: Field) -> (u32, u16) {
    let index = ROWS
        .iter()
        .position(|(f, _)| *f == field)
        .expect("every field is on the form");
    (FIRST_ROW + index as u32, VALUE_COL)
}

fn a1(field: Field) -> String {
    let (row, col) = cell_of(field);
    cell_name(row, u32::from(col))
}

/// The form for `unit` in `quarter`; with no unit, a blank form whose unit
/// is chosen from a drop-down of the roster.
pub fn form_workbook(
    settings: &Settings,
    quarter: Option<Quarter>,
    unit: Option<&Unit>,
) -> Result<Workbook, XlsxError> {
    let font = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12);
    let mut book = Workbook::new();
    book.set_default_format(&font, 20, 64)?;
    let date = quarter.map_or(ExcelDateTime::from_ymd(2020, 1, 1), |q| {
        let d = q.last_day();
        ExcelDateTime::from_ymd(
            chrono::Datelike::year(&d) as u16,
            chrono::Datelike::month(&d) as u8,
            chrono::Datelike::day(&d) as u8,
        )
    })?;
    book.set_properties(
        &DocProperties::new()
            .set_title("Mẫu báo cáo dịch vụ công trực tuyến")
            .set_author("dvctt")
            .set_creation_datetime(&date),
    );
    report_sheet(&mut book, settings, quarter, unit, &font)?;
    guide_sheet(&mut book, settings, quarter, &font)?;
    detail_sheet(&mut book, &font)?;
    if unit.is_none() {
        units_sheet(&mut book, settings, quarter)?;
    }
    Ok(book)
}

fn report_sheet(
    book: &mut Workbook,
    settings: &Settings,
    quarter: Option<Quarter>,
    unit: Option<&Unit>,
    font: &Format,
) -> Result<(), XlsxError> {
    let words = settings.wording.for_form(quarter);
    let border = font
        .clone()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let header = border
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let fixed = border.clone().set_text_wrap();
    let input = border.clone().set_unlocked().set_background_color(0xFFF2CC);
    let input_count = input.clone().set_num_format("#,##0");
    let input_date = input.clone().set_num_format("dd/mm/yyyy");
    let input_text = input
        .clone()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_num_format("@");
    let ratio = border.clone().set_num_format("0.00%");
    let sheet = book.add_worksheet().set_name(REPORT_SHEET)?;
    let title = font
        .clone()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    sheet.merge_range(
        0,
        0,
        0,
        3,
        "BÁO CÁO CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN",
        &title,
    )?;
    let note = font
        .clone()
        .set_italic()
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    sheet.merge_range(
        1,
        0,
        1,
        3,
        "(Chỉ điền vào các ô màu vàng; không đổi tên, không xóa các dòng ở cột B. Xem trang tính Hướng dẫn.)",
        &note,
    )?;
    sheet.set_row_height(1, 36)?;
    sheet.set_row_height(FIRST_ROW - 1, 20)?;
    for (col, text) in ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(FIRST_ROW - 1, col as u16, *text, &header)?;
    }
    for (i, (field, measure)) in ROWS.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        sheet.write_number_with_format(
            row,
            0,
            (i + 1) as f64,
            &border.clone().set_align(FormatAlign::Center),
        )?;
        let label = form_label(*field, &words);
        sheet.write_string_with_format(row, 1, &label, &fixed)?;
        let px = fit::cell_px(&[REPORT_WIDTHS[1]]);
        if let Some(points) = fit::row_height([(label.as_str(), px, fit::Font::BODY)]) {
            sheet.set_row_height(row, points)?;
        }
        sheet.write_string_with_format(
            row,
            2,
            *measure,
            &border.clone().set_align(FormatAlign::Center),
        )?;
        let (r, c) = cell_of(*field);
        match field {
            Field::Unit => match unit {
                Some(u) => sheet.write_string_with_format(r, c, &u.name, &fixed)?,
                None => sheet.write_blank(r, c, &input)?,
            },
            Field::UnitCode => match unit {
                Some(u) => sheet.write_string_with_format(r, c, &u.code, &fixed)?,
                None => sheet.write_blank(r, c, &input)?,
            },
            Field::Period => match quarter {
                Some(q) => sheet.write_string_with_format(r, c, q.vietnamese(), &fixed)?,
                None => sheet.write_blank(r, c, &input)?,
            },
            Field::ReportDate => sheet.write_blank(r, c, &input_date)?,
            Field::Explanation => {
                sheet.set_row_height(r, fit::height(EXPLANATION_LINES, 12.0))?;
                sheet.write_blank(r, c, &input_text)?
            }
            Field::Ratio => {
                let (total, level4) = (a1(Field::Total), a1(Field::Level4));
                let formula = format!(
                    "=IF(AND(ISNUMBER({total}),{total}>0,ISNUMBER({level4})),{level4}/{total},\"\")"
                );
                sheet.write_formula_with_format(r, c, formula.as_str(), &ratio)?;
                sheet.set_formula_result(r, c, "")
            }
            _ => sheet.write_blank(r, c, &input_count)?,
        };
    }
    validations(sheet, settings, quarter, unit)?;
    sheet.protect();
    print_portrait(sheet, &REPORT_WIDTHS, Some(1));
    sheet.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// Column widths of the `Báo cáo` sheet, summing to an A4 portrait page's width.
const REPORT_WIDTHS: [f64; 4] = [6.0, 48.0, 12.0, 24.0];

/// One validation: the rule, the hint shown on entry, the message on error.
fn rule(
    validation: DataValidation,
    title: &str,
    hint: &str,
    error: &str,
) -> Result<DataValidation, XlsxError> {
    validation
        .set_input_title(title)?
        .set_input_message(hint)?
        .set_error_title("Số liệu không hợp lệ")?
        .set_error_message(error)
}

fn validations(
    sheet: &mut Worksheet,
    settings: &Settings,
    quarter: Option<Quarter>,
    unit: Option<&Unit>,
) -> Result<(), XlsxError> {
    let (total, level3, level4) = (a1(Field::Total), a1(Field::Level3), a1(Field::Level4));
    let (services, dossiers, online) = (
        a1(Field::DossierServices),
        a1(Field::Dossiers),
        a1(Field::OnlineDossiers),
    );
    let whole = |cell: &str| format!("ISNUMBER({cell}),INT({cell})={cell},{cell}>=0");
    let words = settings.wording.for_form(quarter);
    let (l3, l4) = (&words.level3, &words.level4);
    let custom = |f: String| DataValidation::new().allow_custom(Formula::new(f));
    let mut checks: Vec<(Field, DataValidation)> = vec![
        (
            Field::Total,
            rule(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
                "Tổng số TTHC",
                "Số nguyên từ 0 trở lên: tổng số thủ tục hành chính của đơn vị (cả ba cấp).",
                "Tổng số thủ tục hành chính phải là số nguyên từ 0 trở lên.",
            )?,
        ),
        (
            Field::Level3,
            rule(
                custom(format!(
                    "=AND({},OR(ISBLANK({total}),{level3}+N({level4})<={total}))",
                    whole(&level3)
                )),
                &format!("DVCTT {l3}"),
                &format!(
                    "Số nguyên từ 0 trở lên; DVCTT {l3} cộng DVCTT {l4} không vượt tổng số TTHC."
                ),
                &format!(
                    "Số DVCTT {l3} phải là số nguyên từ 0, và DVCTT {l3} + DVCTT {l4} không được lớn hơn tổng số TTHC."
                ),
            )?,
        ),
        (
            Field::Level4,
            rule(
                custom(format!(
                    "=AND({},OR(ISBLANK({total}),AND({level4}<={total},N({level3})+{level4}<={total})))",
                    whole(&level4)
                )),
                &format!("DVCTT {l4}"),
                "Số nguyên từ 0 trở lên, không vượt tổng số TTHC.",
                &format!(
                    "Số DVCTT {l4} phải là số nguyên từ 0 và không được lớn hơn tổng số TTHC (cả khi cộng DVCTT {l3})."
                ),
            )?,
        ),
        (
            Field::DossierServices,
            rule(
                custom(format!(
                    "=AND({},OR(AND(ISBLANK({level3}),ISBLANK({level4})),{services}<=N({level3})+N({level4})))",
                    whole(&services)
                )),
                "DVCTT có phát sinh hồ sơ",
                &format!("Số nguyên từ 0, không vượt số DVCTT {l3} và {l4}."),
                &format!(
                    "Số DVCTT có phát sinh hồ sơ không được lớn hơn số DVCTT {l3} và {l4} cộng lại."
                ),
            )?,
        ),
        (
            Field::Dossiers,
            rule(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
                "Tổng số hồ sơ tiếp nhận",
                "Số nguyên từ 0 trở lên: mọi hồ sơ tiếp nhận trong kỳ.",
                "Tổng số hồ sơ tiếp nhận phải là số nguyên từ 0 trở lên.",
            )?,
        ),
        (
            Field::OnlineDossiers,
            rule(
                custom(format!(
                    "=AND({},OR(ISBLANK({dossiers}),{online}<={dossiers}))",
                    whole(&online)
                )),
                "Hồ sơ trực tuyến",
                "Số nguyên từ 0, không vượt tổng số hồ sơ tiếp nhận.",
                "Số hồ sơ tiếp nhận trực tuyến không được lớn hơn tổng số hồ sơ tiếp nhận.",
            )?,
        ),
        (
            Field::Explanation,
            rule(
                DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(
                    crate::submission::MAX_EXPLANATION_CHARS as u32,
                )),
                "Giải trình",
                "Không bắt buộc. Nếu số liệu thay đổi nhiều hoặc chưa đạt chỉ tiêu, ghi ngắn gọn lý do.",
                "Giải trình không quá 1.000 ký tự.",
            )?,
        ),
        (
            Field::ReportDate,
            rule(
                DataValidation::new().allow_date(DataValidationRule::GreaterThanOrEqualTo(
                    ExcelDateTime::from_ymd(2000, 1, 1)?,
                )),
                "Ngày báo cáo",
                "Ngày gửi báo cáo, dạng ngày/tháng/năm (ví dụ 05/04/2020).",
                "Hãy nhập một ngày, dạng ngày/tháng/năm.",
            )?,
        ),
    ];
    if unit.is_none() {
        let count = quarter.map_or(settings.roster.current().count(), |q| {
            settings.roster.units_in(q).count()
        });
        let names = format!("='{UNITS_SHEET}'!$A$1:$A${count}");
        checks.push((
            Field::Unit,
            rule(
                DataValidation::new().allow_list_formula(Formula::new(names)),
                "Tên đơn vị",
                "Chọn tên đơn vị trong danh sách.",
                "Hãy chọn tên đơn vị trong danh sách.",
            )?,
        ));
        let codes = format!("='{UNITS_SHEET}'!$B$1:$B${count}");
        checks.push((
            Field::UnitCode,
            rule(
                DataValidation::new().allow_list_formula(Formula::new(codes)),
                "Mã đơn vị",
                "Chọn mã đơn vị (xem trang tính Hướng dẫn).",
                "Hãy chọn mã đơn vị trong danh sách.",
            )?,
        ));
    }
    if quarter.is_none() {
        checks.push((
            Field::Period,
            rule(
                DataValidation::new().allow_any_value(),
                "Kỳ báo cáo",
                "Ghi kỳ báo cáo dạng Quý <I, II, III hoặc IV>/<năm>.",
                "Ghi kỳ báo cáo dạng Quý <I, II, III hoặc IV>/<năm>.",
            )?,
        ));
    }
    for (field, validation) in checks {
        let (r, c) = cell_of(field);
        sheet.add_data_validation(r, c, r, c, &validation)?;
    }
    Ok(())
}

/// The roster, for the drop-downs of a blank form; hidden.
fn units_sheet(
    book: &mut Workbook,
    settings: &Settings,
    quarter: Option<Quarter>,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name(UNITS_SHEET)?;
    let units: Vec<&Unit> = match quarter {
        Some(q) => settings.roster.units_in(q).collect(),
        None => settings.roster.current().collect(),
    };
    for (i, unit) in units.iter().enumerate() {
        sheet.write_string(i as u32, 0, &unit.name)?;
        sheet.write_string(i as u32, 1, &unit.code)?;
    }
    sheet.set_hidden(true);
    Ok(())
}

/// The file name of a form: `mau-bao-cao-T89-2020-Q1.xlsx`, `mau-bao-cao.xlsx`.
pub fn file_name(quarter: Option<Quarter>, unit: Option<&Unit>) -> String {
    let mut name = "mau-bao-cao".to_string();
    if let Some(u) = unit {
        name.push('-');
        name.push_str(&u.code);
    }
    if let Some(q) = quarter {
        name.push('-');
        name.push_str(&q.to_string());
    }
    name + ".xlsx"
}
