//! `tong-hop-<quarter>.xlsx`: the consolidated workbook, sheet by sheet, for
//! the Authority; and `phu-luc-<quarter>.xlsx`, its appendix alone: the pages
//! the letter attaches and nothing internal.

use rust_xlsxwriter::XlsxError;

use super::lagging::{lagging_sheet, late_sheet};
use super::sheets::Styles;
use super::{QuarterReport, appendix, audit, comparison, overview};

pub fn workbook(report: &QuarterReport) -> Result<Vec<u8>, String> {
    build(report).map_err(|e| format!("không tạo được bảng tổng hợp: {e}"))
}

/// The appendix alone, sent with the letter to every ministry and province.
pub fn appendix_workbook(report: &QuarterReport) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut book = super::sheets::workbook(report)?;
        appendix::appendix_sheet(&mut book, report, &Styles::new())?;
        book.save_to_buffer()
    };
    build().map_err(|e| format!("không tạo được phụ lục: {e}"))
}

fn build(report: &QuarterReport) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut book = super::sheets::workbook(report)?;
    appendix::appendix_sheet(&mut book, report, &styles)?;
    overview::overview_sheet(&mut book, report, &styles)?;
    comparison::comparison_sheet(&mut book, report, &styles)?;
    super::figures::figures_sheet(&mut book, report, &styles)?;
    super::trend::trend_sheet(&mut book, report, &styles)?;
    lagging_sheet(&mut book, report, &styles)?;
    late_sheet(&mut book, report, &styles)?;
    super::lists::lists_sheet(&mut book, report, &styles)?;
    audit::findings_sheet(&mut book, report, &styles)?;
    audit::files_sheet(&mut book, report, &styles)?;
    audit::sources_sheet(&mut book, report, &styles)?;
    overview::chart_data_sheet(&mut book, report, &styles)?;
    book.save_to_buffer()
}
