//! `don-vi-cham-<quarter>.xlsx`: the lagging list alone, to hand over.

use super::QuarterReport;
use super::sheets::{Styles, lagging_sheet, workbook as new_workbook};

pub fn workbook(report: &QuarterReport) -> Result<Vec<u8>, String> {
    let fail = |e: rust_xlsxwriter::XlsxError| format!("cannot build the lagging list: {e}");
    let mut book = new_workbook(report).map_err(fail)?;
    lagging_sheet(&mut book, report, &Styles::new()).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}
