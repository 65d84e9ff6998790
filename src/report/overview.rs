//! `Tổng quan`: the quarter at a glance, per group and nationally.

use rust_xlsxwriter::{
    Chart, ChartFont, ChartLegendPosition, ChartType, Workbook, Worksheet, XlsxError,
};

use super::sheets::{Out, Styles, layout, table, titled_sheet};
use super::{QuarterReport, Totals};
use crate::roster::Group;
use crate::text::vn_percent;

pub fn overview_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!("TỔNG QUAN {}", report.quarter.vietnamese().to_uppercase());
    let sheet = titled_sheet(book, styles, "Tổng quan", &title, 3)?;
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
    let target = super::sheets::target_text(report.target);
    let very_low = vn_percent(report.very_low).replace(",00", "");
    let rows = vec![
        count_row("Số đơn vị phải báo cáo", |t| t.expected),
        count_row("Số đơn vị đã nộp", |t| t.submitted),
        count_row("Số báo cáo hợp lệ", |t| t.accepted),
        count_row("Số báo cáo không hợp lệ", |t| t.rejected),
        count_row("Số đơn vị chưa nộp", |t| t.missing),
        ratio_row(
            &format!("Tỉ lệ chung (Σ {} / Σ TTHC)", report.wording.dvctt4()),
            |t| t.pooled_ratio,
        ),
        ratio_row("Trung bình tỉ lệ của các đơn vị", |t| {
            t.mean_ratio
        }),
        {
            let mut r = count_row("", |t| t.meeting_target.unwrap_or(0));
            r[0] = Out::Text(format!("Số đơn vị đạt chỉ tiêu {target}"));
            if report.target.is_none() {
                r.truncate(1);
            }
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
    sheet.set_row_height(2, 32)?;
    let files = report.file_counts();
    let file_rows = [
        ("Số tệp trong thư mục báo cáo", files.total),
        ("Tệp được chấp nhận", files.accepted),
        ("Tệp bị từ chối", files.rejected),
        ("Tệp không phải báo cáo", files.not_submission),
    ]
    .into_iter()
    .map(|(label, n)| vec![Out::Text(label.to_string()), Out::Count(n as u64)])
    .collect();
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
    ratio_charts(sheet, report, styles, after + 3)?;
    layout(sheet, &[44.0, 20.0, 20.0, 14.0], false)
}

/// Rows of the chart area: two charts, then the figures they draw.
const CHART_ROWS: [u32; 2] = [18, 22];

/// Per group, a column chart of every unit's ratio with the target as a line,
/// drawn from a table of the figures laid under the charts.
fn ratio_charts(
    sheet: &mut Worksheet,
    report: &QuarterReport,
    styles: &Styles,
    top: u32,
) -> Result<(), XlsxError> {
    let target_label = format!("Chỉ tiêu {}", super::sheets::target_text(report.target));
    let ratio_label = format!("Tỉ lệ {}", report.wording.dvctt4());
    let mut data_row = top + CHART_ROWS.iter().sum::<u32>() + 1;
    let mut chart_row = top;
    for (group, height) in Group::ALL.into_iter().zip(CHART_ROWS) {
        let units: Vec<_> = report.units.iter().filter(|u| u.group == group).collect();
        let rows = units
            .iter()
            .map(|u| {
                vec![
                    Out::Text(u.name.clone()),
                    u.ratio().map_or(Out::Empty, Out::Percent),
                    report.target.map_or(Out::Empty, Out::Percent),
                ]
            })
            .collect();
        let heading = format!(
            "Số liệu biểu đồ: {}",
            report.wording.for_group(group).heading
        );
        sheet.merge_range(data_row, 0, data_row, 3, &heading, &styles.wrap)?;
        let header = data_row + 1;
        let end = table(
            sheet,
            styles,
            header,
            &["Đơn vị", &ratio_label, &target_label],
            rows,
        )?;
        let (first, last) = (header + 1, end - 1);
        let mut bars = Chart::new(ChartType::Column);
        bars.add_series()
            .set_name(ratio_label.as_str())
            .set_categories(("Tổng quan", first, 0, last, 0))
            .set_values(("Tổng quan", first, 1, last, 1));
        let mut line = Chart::new(ChartType::Line);
        line.add_series()
            .set_name(target_label.as_str())
            .set_categories(("Tổng quan", first, 0, last, 0))
            .set_values(("Tổng quan", first, 2, last, 2));
        bars.combine(&line);
        bars.title()
            .set_name(&format!(
                "{ratio_label}, nhóm {} - {}",
                group.as_str(),
                report.quarter.vietnamese()
            ))
            .set_font(ChartFont::new().set_size(11).set_name(super::sheets::FONT));
        bars.y_axis().set_num_format("0%");
        bars.x_axis()
            .set_font(ChartFont::new().set_rotation(-90).set_size(8));
        bars.legend().set_position(ChartLegendPosition::Bottom);
        bars.set_width(700).set_height(height * 20);
        sheet.insert_chart(chart_row, 0, &bars)?;
        chart_row += height;
        data_row = end + 1;
    }
    Ok(())
}
