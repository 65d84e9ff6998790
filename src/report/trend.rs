//! `Diễn biến`: prints the quarters side by side that `compare::Trend` holds.

use rust_xlsxwriter::{Chart, ChartType, Workbook, XlsxError};

use super::QuarterReport;
use super::sheets::{Out, Pages, Styles, layout, ratio_colours, table, table_at, titled_sheet};
use crate::compare::PACE_CHANGES;
use crate::roster::Group;

fn group_label(group: Option<Group>) -> &'static str {
    match group {
        Some(Group::I) => "Bộ, cơ quan ngang bộ (I)",
        Some(Group::II) => "Tỉnh, thành phố (II)",
        None => "Cả nước",
    }
}

pub fn trend_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let trend = &report.trend;
    let n = trend.quarters.len();
    let title = format!(
        "DIỄN BIẾN TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN {} THEO QUÝ",
        report.wording.level4.to_uppercase()
    );
    // The code column holds the longest code on one line (BLDTBXH).
    let code = super::fit::width_for(report.units.iter().map(|u| u.code.as_str()), 6.0);
    let mut widths = vec![5.0, code, 26.0, 6.0];
    widths.extend(std::iter::repeat_n(10.0, n));
    widths.push(24.0);
    widths.push(30.0);
    let sheet = titled_sheet(book, styles, "Diễn biến", &title, &widths)?;
    // Pooled ratios first: they are what the chart shows.
    // Laid under the units' table columns: the label over the names, the
    // quarters over the quarters.
    let mut headers: Vec<String> = vec!["Nhóm".to_string(), String::new()];
    headers.extend(trend.quarters.iter().map(|q| q.vietnamese()));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows = trend
        .pooled
        .iter()
        .map(|(group, series)| {
            let mut cells = vec![Out::Text(group_label(*group).to_string()), Out::Empty];
            cells.extend(series.iter().map(|r| r.map_or(Out::Empty, Out::Percent)));
            cells
        })
        .collect();
    let pooled_top = 2;
    let after_pooled = table_at(sheet, styles, pooled_top, 2, &widths, &header_refs, rows)?;
    let mut chart = Chart::new(ChartType::Line);
    for (i, (group, _)) in trend.pooled.iter().enumerate() {
        let row = pooled_top + 1 + i as u32;
        chart
            .add_series()
            .set_name(group_label(*group))
            .set_categories(("Diễn biến", pooled_top, 4, pooled_top, 3 + n as u16))
            .set_values(("Diễn biến", row, 4, row, 3 + n as u16));
    }
    let font = super::sheets::chart_font;
    chart
        .title()
        .set_name("Tỷ lệ chung theo quý")
        .set_font(font(12.0).set_bold());
    chart.y_axis().set_num_format("0%").set_font(&font(9.0));
    chart.x_axis().set_font(&font(9.0));
    chart.legend().set_font(&font(9.0));
    chart.set_width(640).set_height(300);
    sheet.insert_chart(after_pooled + 1, 2, &chart)?;

    let top = after_pooled + 17;
    let mut headers: Vec<String> = ["TT", "Mã đơn vị", "Tên đơn vị", "Nhóm"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    headers.extend(trend.quarters.iter().map(|q| q.vietnamese()));
    headers.push(match report.target {
        Some(t) => format!(
            "Dự kiến đạt chỉ tiêu {} (theo tốc độ {PACE_CHANGES} quý gần nhất)",
            crate::text::vn_percent(t).replace(",00", "")
        ),
        None => format!("Dự kiến đạt chỉ tiêu ({})", super::sheets::NO_TARGET),
    });
    headers.push("Ghi chú".to_string());
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows = report
        .units
        .iter()
        .zip(&trend.ratios)
        .zip(&trend.projections)
        .zip(&trend.lineage_notes)
        .enumerate()
        .map(|(i, (((u, ratios), projection), note))| {
            let mut cells = vec![
                Out::Index(i + 1),
                Out::Text(u.code.clone()),
                Out::Text(u.name.clone()),
                Out::Text(u.group.as_str().to_string()),
            ];
            cells.extend(ratios.iter().map(|r| r.map_or(Out::Empty, Out::Percent)));
            cells.push(projection.map_or(Out::Empty, |p| Out::Text(p.vietnamese())));
            cells.push(note.clone().map_or(Out::Empty, Out::Text));
            cells
        })
        .collect();
    let end = table(sheet, styles, top, &widths, &header_refs, rows)?;
    for col in 4..4 + n as u16 {
        ratio_colours(
            sheet,
            (top + 1, end - 1),
            col,
            report.target,
            report.very_low,
        )?;
    }
    sheet.set_repeat_rows(top, top)?;
    let pages = Pages::Flow {
        repeat: Some(top),
        last: end - 1,
    };
    layout(sheet, &widths, true, pages)
}
