//! `don-vi-cham-<quarter>.xlsx`: the two lists alone, to hand over.

use super::QuarterReport;
use super::lagging::{lagging_sheet, late_sheet};
use super::sheets::{Styles, workbook as new_workbook};

pub fn workbook(report: &QuarterReport) -> Result<Vec<u8>, String> {
    let fail = |e: rust_xlsxwriter::XlsxError| format!("không tạo được danh sách đơn vị chậm: {e}");
    let mut book = new_workbook(report).map_err(fail)?;
    let styles = Styles::new();
    lagging_sheet(&mut book, report, &styles).map_err(fail)?;
    late_sheet(&mut book, report, &styles).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}
