//! `Danh mục thủ tục`: per unit that sent a procedure list, how many
//! procedures it holds at each level.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::QuarterReport;
use super::sheets::{Font, Out, Pages, Styles, layout, prose, table, titled_sheet};

pub fn lists_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "DANH MỤC THỦ TỤC CÁC ĐƠN VỊ GỬI KÈM - {}",
        report.quarter.vietnamese().to_uppercase()
    );
    const WIDTHS: [f64; 7] = [6.0, 10.0, 34.0, 14.0, 14.0, 14.0, 14.0];
    let sheet = titled_sheet(book, styles, "Danh mục thủ tục", &title, &WIDTHS)?;
    let rows: Vec<Vec<Out>> = report
        .units
        .iter()
        .filter_map(|u| Some((u, u.list?)))
        .enumerate()
        .map(|(i, (u, l))| {
            vec![
                Out::Index(i + 1),
                Out::Text(u.code.clone()),
                Out::Text(u.name.clone()),
                Out::Count(l.procedures),
                Out::Count(l.level2),
                Out::Count(l.level3),
                Out::Count(l.level4),
            ]
        })
        .collect();
    let none = rows.is_empty();
    let (level3, level4) = (
        format!("DVCTT {}", report.wording.level3),
        report.wording.dvctt4(),
    );
    let end = table(
        sheet,
        styles,
        2,
        &WIDTHS,
        &[
            "TT",
            "Mã đơn vị",
            "Tên đơn vị",
            "Số thủ tục trong danh mục",
            "Mức độ 2 trở xuống",
            level3.as_str(),
            level4.as_str(),
        ],
        rows,
    )?;
    if none {
        let none = "Không đơn vị nào gửi kèm danh mục thủ tục trong kỳ.";
        prose(sheet, end, (0, 6), &WIDTHS, none, &styles.wrap, Font::BODY)?;
    }
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_freeze_panes(3, 0)?;
    let pages = Pages::Flow {
        repeat: Some(2),
        last: end,
    };
    layout(sheet, &WIDTHS, true, pages)
}
