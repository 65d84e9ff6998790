//! `Tổng quan`: the quarter at a glance, per group and nationally.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLayout, ChartPoint, ChartSolidFill, ChartType, Workbook, Worksheet,
    XlsxError,
};

use super::sheets::{Font, Out, Pages, Styles, layout, prose, table, titled_sheet};
use super::{QuarterReport, Totals};
use crate::compare::{Band, Status};
use crate::roster::Group;
use crate::text::vn_percent;

pub fn overview_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!("TỔNG QUAN {}", report.quarter.vietnamese().to_uppercase());
    let sheet = titled_sheet(book, styles, "Tổng quan", &title, &WIDTHS)?;
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
            &format!("Tỷ lệ chung (Σ {} / Σ TTHC)", report.wording.dvctt4()),
            |t| t.pooled_ratio,
        ),
        ratio_row("Trung bình tỷ lệ của các đơn vị", |t| {
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
            let mut r = count_row("", |t| t.below_very_low);
            r[0] = Out::Text(format!("Số đơn vị dưới {very_low}"));
            r
        },
        count_row("Số đơn vị nộp đúng hạn", |t| t.on_time),
        count_row("Số đơn vị nộp muộn", |t| t.late),
        ratio_row("Tỷ lệ đơn vị nộp đúng hạn", |t| {
            t.on_time_share
        }),
    ];
    let next = table(
        sheet,
        styles,
        2,
        &WIDTHS,
        &[
            "Chỉ tiêu",
            "Bộ, cơ quan ngang bộ (I)",
            "Tỉnh, thành phố (II)",
            "Cả nước",
        ],
        rows,
    )?;
    let files = report.file_counts();
    let file_rows = [
        ("Số tệp trong thư mục báo cáo", files.total),
        ("Tệp được chấp nhận", files.accepted),
        ("Tệp bị từ chối", files.rejected),
        ("Tệp không phải báo cáo", files.not_submission),
        ("Tệp đã thay bằng bản sửa", files.replaced),
    ]
    .into_iter()
    .map(|(label, n)| vec![Out::Text(label.to_string()), Out::Count(n as u64)])
    .collect();
    let after = table(
        sheet,
        styles,
        next + 1,
        &WIDTHS,
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
    prose(
        sheet,
        after + 1,
        (0, 3),
        &WIDTHS,
        &source,
        &styles.wrap,
        Font::BODY,
    )?;
    let (end, breaks) = ratio_charts(sheet, report, after + 2)?;
    // The print area ends under the last chart: nothing else is printed.
    sheet.set_print_area(0, 0, end, 3)?;
    layout(sheet, &WIDTHS, false, Pages::At(breaks))
}

const WIDTHS: [f64; 4] = [38.0, 16.0, 16.0, 12.0];
/// The hidden sheet holding what the charts draw: hidden sheets are not printed.
const DATA_SHEET: &str = "Số liệu biểu đồ";
/// Pixels of a default row (the workbook's default row height, 15 points).
const ROW_PX: u32 = 20;
/// Pixels the page's printable height allows a chart, at the sheet's
/// fit-to-width scale (A4 portrait, default margins).
const PAGE_PX: u32 = 1000;
/// Pixels a chart needs per bar, and around the bars (title, axis, legend).
const BAR_PX: u32 = 14;
const FRAME_PX: u32 = 115;
/// Chart width: the sheet's four columns.
const CHART_WIDTH_PX: u32 = 590;

/// Per group, on a page of its own, a horizontal bar per unit sorted by
/// ratio (lowest at the top, units without valid figures above them, named
/// as such), coloured by where it stands, crossed by a dark tick at the
/// target and a red one at the very-low line: one tick per bar, so the ticks
/// draw the two lines down the chart. (Chart types that draw a true vertical
/// line over bars do not survive LibreOffice.) Returns the last row the
/// charts cover.
fn ratio_charts(
    sheet: &mut Worksheet,
    report: &QuarterReport,
    top: u32,
) -> Result<(u32, Vec<u32>), XlsxError> {
    let target = match report.target {
        Some(t) => format!("Vạch xanh: chỉ tiêu {}", vn_percent(t).replace(",00", "")),
        None => "Chưa có chỉ tiêu".to_string(),
    };
    let very_low = vn_percent(report.very_low).replace(",00", "");
    let mut row = top;
    let mut breaks = Vec::new();
    let mut data_row = 0;
    for group in Group::ALL {
        let units = chart_order(report, group);
        // A roster with no unit in a group (a province's own run of its
        // departments): no chart of nothing, whose empty range would stop
        // the workbook from being written.
        if units.is_empty() {
            data_row += 2;
            continue;
        }
        let (first, last) = (data_row + 1, data_row + units.len() as u32);
        breaks.push(row);
        let mut bars = Chart::new(ChartType::BarStacked);
        let colours: Vec<ChartPoint> = units
            .iter()
            .map(|u| {
                let colour = match u.band {
                    Band::VeryLow => RED,
                    Band::BelowTarget => AMBER,
                    Band::AtTarget => GREEN,
                    // No target: nothing to be over, no judgement colour.
                    Band::Unjudged => PLAIN,
                };
                ChartPoint::new().set_format(&mut fill(colour))
            })
            .collect();
        for (col, segment) in SEGMENTS.iter().enumerate() {
            let col = col as u16 + 2;
            let series = bars
                .add_series()
                .set_categories((DATA_SHEET, first, 1, last, 1))
                .set_values((DATA_SHEET, first, col, last, col))
                .set_overlap(100)
                .set_gap(30);
            match segment {
                Segment::Bar => series.set_points(&colours),
                Segment::Gap => series.set_format(ChartFormat::new().set_no_fill().set_no_line()),
                Segment::VeryLowTick => series.set_format(&mut fill(RED)),
                Segment::TargetTick => series.set_format(&mut fill(NAVY)),
            };
        }
        // The title says what the colours and the two lines are: a legend
        // would list every piece of the bars.
        bars.legend().set_hidden();
        bars.title()
            .set_name(&format!(
                "Tỷ lệ {} {}, nhóm {} (thấp nhất ở trên)\n{target}; vạch đỏ: ngưỡng rất thấp {very_low}",
                report.wording.dvctt4(),
                report.quarter.vietnamese(),
                group.as_str()
            ))
            .set_font(font(11.0).set_bold());
        // In a bar chart the x axis is the horizontal one: the values.
        bars.y_axis().set_label_interval(1).set_font(&font(8.0));
        bars.x_axis()
            .set_num_format("0%")
            .set_min(0.0)
            .set_max(scale_max(report, &units))
            .set_font(&font(9.0));
        let height = (units.len() as u32 * BAR_PX + FRAME_PX).min(PAGE_PX);
        // The plot placed by hand: room on the left for a full name on one
        // line, so that no name is dropped for want of space.
        let h = f64::from(height);
        bars.plot_area().set_layout(
            &ChartLayout::new()
                .set_offset(0.36, 70.0 / h)
                .set_dimensions(0.60, (h - 70.0 - 35.0) / h),
        );
        bars.set_width(CHART_WIDTH_PX).set_height(height);
        // A row under the break: LibreOffice draws a chart anchored on the
        // break's own row on the page before as well (clipped).
        sheet.insert_chart(row + 1, 0, &bars)?;
        // The next chart starts a page of its own, right under this one.
        row += height.div_ceil(ROW_PX) + 2;
        data_row += units.len() as u32 + 2;
    }
    // Narrow margins: a page of group II's bars needs the height.
    sheet.set_margins(0.5, 0.5, 0.4, 0.4, 0.2, 0.2);
    Ok((row - 1, breaks))
}

const RED: u32 = 0xC00000;
const AMBER: u32 = 0xED7D31;
const GREEN: u32 = 0x548235;
const NAVY: u32 = 0x1F3864;
const PLAIN: u32 = 0x8497B0;

fn fill(colour: u32) -> ChartFormat {
    let mut format = ChartFormat::new();
    format.set_solid_fill(ChartSolidFill::new().set_color(colour));
    format
}

use super::sheets::chart_font as font;

/// The stacked pieces of one unit's bar, left to right.
enum Segment {
    Bar,
    Gap,
    VeryLowTick,
    TargetTick,
}

const SEGMENTS: [Segment; 7] = [
    Segment::Bar,         // 0 .. min(ratio, very low)
    Segment::Gap,         // up to the very-low line
    Segment::VeryLowTick, // the line
    Segment::Bar,         // on to min(ratio, target)
    Segment::Gap,         // up to the target
    Segment::TargetTick,  // the line
    Segment::Bar,         // beyond the target
];

/// The lengths of the pieces of `SEGMENTS` for a ratio (none: no bar). With
/// no target the bar runs on past the very-low line and there is no tick.
fn segments(ratio: Option<f64>, very_low: f64, target: Option<f64>, tick: f64) -> [f64; 7] {
    let r = ratio.unwrap_or(0.0);
    let first = r.min(very_low - tick / 2.0).max(0.0);
    let after_low = very_low + tick / 2.0;
    let Some(target) = target else {
        let rest = (r - after_low).max(0.0);
        return [
            first,
            (very_low - tick / 2.0 - first).max(0.0),
            tick,
            rest,
            0.0,
            0.0,
            0.0,
        ];
    };
    let second = (r.min(target - tick / 2.0) - after_low).max(0.0);
    let third = (r - (target + tick / 2.0)).max(0.0);
    [
        first,
        (very_low - tick / 2.0 - first).max(0.0),
        tick,
        second,
        (target - tick / 2.0 - after_low - second).max(0.0),
        tick,
        third,
    ]
}

/// A group's units as the chart lists them from the bottom up: highest
/// ratio first, those without valid figures last (at the top).
fn chart_order(report: &QuarterReport, group: Group) -> Vec<&super::UnitReport> {
    report.ranked(group).into_iter().rev().collect()
}

/// The value axis runs to the next 10% over the highest ratio and the target.
fn scale_max(report: &QuarterReport, units: &[&super::UnitReport]) -> f64 {
    let top = units
        .iter()
        .filter_map(|u| u.ratio())
        .fold(report.target.unwrap_or(report.very_low), f64::max);
    ((top * 10.0).ceil() / 10.0).clamp(0.1, 1.0)
}

/// `Số liệu biểu đồ`: per group, each unit's label and the pieces of its
/// bar. Hidden: hidden sheets are not printed.
pub fn chart_data_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name(DATA_SHEET)?;
    sheet.set_hidden(true);
    let mut row = 0;
    for group in Group::ALL {
        let units = chart_order(report, group);
        let headers = [
            "Nhóm",
            "Đơn vị",
            "Đến ngưỡng rất thấp",
            "Khoảng trống",
            "Ngưỡng rất thấp",
            "Đến chỉ tiêu",
            "Khoảng trống",
            "Chỉ tiêu",
            "Vượt chỉ tiêu",
        ];
        for (col, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, *h, &styles.header)?;
        }
        let tick = scale_max(report, &units) / 200.0;
        for (i, u) in units.iter().enumerate() {
            let r = row + 1 + i as u32;
            sheet.write_string(r, 0, group.as_str())?;
            // The ratio beside the name: a tiny bar (0,12%) is too short to
            // see and must not read as "no figures".
            let label = match (u.status, u.ratio()) {
                (Status::Accepted, Some(r)) => format!("{}: {}", u.name, vn_percent(r)),
                (Status::Accepted, None) => u.name.clone(),
                (other, _) => format!("{} ({})", u.name, other.vietnamese().to_lowercase()),
            };
            sheet.write_string(r, 1, crate::text::visible(&label))?;
            let pieces = segments(u.ratio(), report.very_low, report.target, tick);
            for (k, v) in pieces.into_iter().enumerate() {
                sheet.write_number_with_format(r, k as u16 + 2, v, &styles.percent)?;
            }
        }
        row += units.len() as u32 + 2;
    }
    sheet.set_column_width(1, 40)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_s_pieces_end_at_its_ratio_and_the_ticks_sit_on_the_lines() {
        for ratio in [
            None,
            Some(0.0),
            Some(0.02),
            Some(0.06),
            Some(0.2),
            Some(0.31),
            Some(0.55),
        ] {
            let p = segments(ratio, 0.05, Some(0.3), 0.002);
            let r = ratio.unwrap_or(0.0);
            // Where the bar ends: past the last piece it fills.
            let end = if r > 0.301 {
                p.iter().sum::<f64>()
            } else if r > 0.051 {
                p[0] + p[1] + p[2] + p[3]
            } else {
                p[0]
            };
            assert!((end - r).abs() < 1e-9, "{ratio:?}: {p:?}");
            let low_tick_at = p[0] + p[1];
            assert!((low_tick_at - 0.049).abs() < 1e-9, "{ratio:?}: {p:?}");
            let target_tick_at = p[0] + p[1] + p[2] + p[3] + p[4];
            assert!((target_tick_at - 0.299).abs() < 1e-9, "{ratio:?}: {p:?}");
        }
    }

    #[test]
    fn with_no_target_a_bar_ends_at_its_ratio_and_has_no_target_tick() {
        for ratio in [Some(0.02), Some(0.2), Some(0.55)] {
            let p = segments(ratio, 0.05, None, 0.002);
            let r = ratio.unwrap();
            let end = if r > 0.051 {
                p[0] + p[1] + p[2] + p[3]
            } else {
                p[0]
            };
            assert!((end - r).abs() < 1e-9, "{ratio:?}: {p:?}");
            assert_eq!(&p[4..], &[0.0; 3], "{ratio:?}: {p:?}");
        }
    }
}
