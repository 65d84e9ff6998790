//! `Tổng quan`: the quarter at a glance, per group and nationally.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::sheets::{Out, Styles, layout, table};
use super::{QuarterReport, Totals};
use crate::roster::Group;
use crate::text::vn_percent;

pub fn overview_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Tổng quan")?;
    let title = format!("TỔNG QUAN {}", report.quarter.vietnamese().to_uppercase());
    sheet.merge_range(0, 0, 0, 3, &title, &styles.title)?;
    let columns = [Some(Group::I), Some(Group::II), None];
    let totals: Vec<Totals> = columns.iter().map(|g| report.totals(*g)).collect();
    let count_row = |label: &str, pick: fn(&Totals) -> usize| {
        let mut cells = vec![Out::Text(label.to_string())];
        cells.extend(totals.iter().map(|t| Out::Count(pick(t) as u64)));
        cells
    };
    let ratio_row = |label: &str, pick: fn(&Totals) -> Option<f64>| {
        let mut cells = vec![Out::Text(label.to_string())];
        cells.extend(
            totals
                .iter()
                .map(|t| pick(t).map_or(Out::Empty, Out::Percent)),
        );
        cells
    };
    let target = vn_percent(report.target).replace(",00", "");
    let very_low = vn_percent(report.very_low).replace(",00", "");
    let rows = vec![
        count_row("Số đơn vị phải báo cáo", |t| t.expected),
        count_row("Số đơn vị đã nộp", |t| t.submitted),
        count_row("Số báo cáo hợp lệ", |t| t.accepted),
        count_row("Số báo cáo không hợp lệ", |t| t.rejected),
        count_row("Số đơn vị chưa nộp", |t| t.missing),
        ratio_row("Tỉ lệ chung (Σ DVCTT mức độ 4 / Σ TTHC)", |t| {
            t.pooled_ratio
        }),
        ratio_row("Trung bình tỉ lệ của các đơn vị", |t| {
            t.mean_ratio
        }),
        {
            let mut r = count_row("", |t| t.meeting_target);
            r[0] = Out::Text(format!("Số đơn vị đạt chỉ tiêu {target}"));
            r
        },
        {
            let mut r = count_row("", |t| t.below_5_percent);
            r[0] = Out::Text(format!("Số đơn vị dưới {very_low}"));
            r
        },
        count_row("Số đơn vị nộp đúng hạn", |t| t.on_time),
        count_row("Số đơn vị nộp muộn", |t| t.late),
        ratio_row("Tỉ lệ đơn vị nộp đúng hạn", |t| {
            t.on_time_share
        }),
    ];
    let next = table(
        sheet,
        styles,
        2,
        &[
            "Chỉ tiêu",
            "Bộ, cơ quan ngang bộ (I)",
            "Tỉnh, thành phố (II)",
            "Cả nước",
        ],
        rows,
    )?;
    let files = report.file_counts();
    let file_rows = vec![
        vec![
            Out::Text("Số tệp trong thư mục báo cáo".into()),
            Out::Count(files.total as u64),
        ],
        vec![
            Out::Text("Tệp được chấp nhận".into()),
            Out::Count(files.accepted as u64),
        ],
        vec![
            Out::Text("Tệp bị từ chối".into()),
            Out::Count(files.rejected as u64),
        ],
        vec![
            Out::Text("Tệp không phải báo cáo".into()),
            Out::Count(files.not_submission as u64),
        ],
    ];
    let after = table(
        sheet,
        styles,
        next + 1,
        &["Tệp nhận được", "Số tệp"],
        file_rows,
    )?;
    let source = match &report.baseline {
        Some(_) => format!(
            "So sánh với số liệu {}.",
            report.quarter.previous().vietnamese()
        ),
        None => format!(
            "Không có số liệu {} để so sánh.",
            report.quarter.previous().vietnamese()
        ),
    };
    sheet.merge_range(after + 1, 0, after + 1, 3, &source, &styles.wrap)?;
    layout(sheet, &[44.0, 20.0, 20.0, 14.0], false)
}
