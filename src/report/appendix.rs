//! `tong-hop-<quarter>.xlsx`: the consolidated workbook, its first sheet laid
//! out like the appendix of Letter 929/BTTTT-THH.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::QuarterReport;
use super::sheets::{Out, Styles, lagging_sheet, layout, table};
use crate::compare::Status;
use crate::roster::Group;
use crate::text::vn_percent;
use crate::wording::fill;

pub fn workbook(report: &QuarterReport) -> Result<Vec<u8>, String> {
    build(report).map_err(|e| format!("cannot build the consolidated workbook: {e}"))
}

fn build(report: &QuarterReport) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut book = super::sheets::workbook(report)?;
    appendix_sheet(&mut book, report, &styles)?;
    overview_sheet(&mut book, report, &styles)?;
    comparison_sheet(&mut book, report, &styles)?;
    lagging_sheet(&mut book, report, &styles)?;
    findings_sheet(&mut book, report, &styles)?;
    files_sheet(&mut book, report, &styles)?;
    book.save_to_buffer()
}

const APPENDIX_HEADERS: [&str; 5] = [
    "TT",
    "",
    "Tổng số thủ tục hành chính",
    "Số dịch vụ công trực tuyến mức độ 4",
    "Tỉ lệ dịch vụ công trực tuyến mức độ 4",
];

fn appendix_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let w = &report.wording;
    let q = report.quarter;
    let sheet = book.add_worksheet().set_name("Phụ lục")?;
    for (i, line) in w.issuer.iter().enumerate() {
        sheet.merge_range(i as u32, 0, i as u32, 1, line, &styles.bold)?;
    }
    for (i, line) in w.nation.iter().enumerate() {
        sheet.merge_range(i as u32, 2, i as u32, 4, line, &styles.bold)?;
    }
    let mut row = w.issuer.len().max(w.nation.len()) as u32 + 1;
    sheet.merge_range(row, 0, row, 4, &w.appendix, &styles.title)?;
    sheet.merge_range(row + 1, 0, row + 1, 4, &fill(&w.title, q), &styles.title)?;
    sheet.set_row_height(row + 1, 36)?;
    sheet.merge_range(
        row + 2,
        0,
        row + 2,
        4,
        &fill(&w.attached_to, q),
        &styles.italic,
    )?;
    sheet.set_row_height(row + 2, 32)?;
    row += 4;
    for group in Group::ALL {
        row = appendix_section(sheet, report, styles, group, row)? + 1;
    }
    layout(sheet, &[6.0, 38.0, 16.0, 18.0, 18.0], false)
}

fn appendix_section(
    sheet: &mut Worksheet,
    report: &QuarterReport,
    styles: &Styles,
    group: Group,
    row: u32,
) -> Result<u32, XlsxError> {
    let gw = report.wording.for_group(group);
    sheet.merge_range(row, 0, row, 4, &gw.heading, &styles.text.clone().set_bold())?;
    let mut headers = APPENDIX_HEADERS;
    headers[1] = &gw.name_column;
    let rows = report
        .units
        .iter()
        .filter(|u| u.group == group)
        .enumerate()
        .map(|(i, u)| {
            let mut cells = vec![Out::Index(i + 1), Out::Text(u.name.clone())];
            match (u.figures, u.ratio()) {
                (Some(f), Some(ratio)) => cells.extend([
                    Out::Count(f.total),
                    Out::Count(f.level4),
                    Out::Percent(ratio),
                ]),
                _ => cells.extend([
                    Out::Empty,
                    Out::Empty,
                    Out::Text(u.status.vietnamese().to_string()),
                ]),
            }
            cells
        })
        .collect();
    let mut next = table(sheet, styles, row + 1, &headers, rows)?;
    sheet.set_row_height(row + 1, 48)?;
    let absent: Vec<String> = report
        .units
        .iter()
        .filter(|u| u.group == group && u.status != Status::Accepted)
        .map(|u| format!("{} ({})", u.name, u.status.vietnamese().to_lowercase()))
        .collect();
    let mut notes: Vec<String> = gw.notes.iter().map(|n| fill(n, report.quarter)).collect();
    if !absent.is_empty() {
        notes.push(format!(
            "Đơn vị chưa có số liệu hợp lệ trong kỳ: {}.",
            absent.join("; ")
        ));
    }
    if !notes.is_empty() {
        sheet.write_string_with_format(next, 0, "Ghi chú:", &super::sheets::base().set_bold())?;
        next += 1;
        for note in notes {
            sheet.merge_range(next, 0, next, 4, &format!("- {note}"), &styles.wrap)?;
            sheet.set_row_height(next, 16.0 * (1.0 + (note.chars().count() / 95) as f64))?;
            next += 1;
        }
    }
    Ok(next)
}

fn overview_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Tổng quan")?;
    let title = format!("TỔNG QUAN {}", report.quarter.vietnamese().to_uppercase());
    sheet.merge_range(0, 0, 0, 3, &title, &styles.title)?;
    let columns = [Some(Group::I), Some(Group::II), None];
    let totals: Vec<super::Totals> = columns.iter().map(|g| report.totals(*g)).collect();
    let count_row = |label: &str, pick: fn(&super::Totals) -> usize| {
        let mut cells = vec![Out::Text(label.to_string())];
        cells.extend(totals.iter().map(|t| Out::Count(pick(t) as u64)));
        cells
    };
    let ratio_row = |label: &str, pick: fn(&super::Totals) -> Option<f64>| {
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

fn comparison_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("So sánh quý trước")?;
    let title = format!(
        "SO SÁNH {} VỚI {}",
        report.quarter.vietnamese().to_uppercase(),
        report.quarter.previous().vietnamese().to_uppercase()
    );
    sheet.merge_range(0, 0, 0, 11, &title, &styles.title)?;
    let count = |v: Option<u64>| v.map_or(Out::Empty, Out::Count);
    let pct = |v: Option<f64>| v.map_or(Out::Empty, Out::Percent);
    let rows = report
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let prev = u.previous;
            let notes = u.comparison_notes();
            vec![
                Out::Index(i + 1),
                Out::Text(u.code.clone()),
                Out::Text(u.name.clone()),
                Out::Text(u.status.vietnamese().to_string()),
                count(prev.map(|p| p.total)),
                count(prev.map(|p| p.level4)),
                pct(prev.and_then(|p| p.ratio())),
                count(u.figures.map(|f| f.total)),
                count(u.figures.map(|f| f.level4)),
                pct(u.ratio()),
                u.change_points.map_or(Out::Empty, Out::Points),
                Out::Text(notes.join("; ")),
            ]
        })
        .collect();
    let prev = report.quarter.previous().vietnamese();
    let now = report.quarter.vietnamese();
    let headers = [
        "TT".to_string(),
        "Mã đơn vị".to_string(),
        "Tên đơn vị".to_string(),
        "Trạng thái".to_string(),
        format!("Tổng số TTHC {prev}"),
        format!("DVCTT mức độ 4 {prev}"),
        format!("Tỉ lệ {prev}"),
        format!("Tổng số TTHC {now}"),
        format!("DVCTT mức độ 4 {now}"),
        format!("Tỉ lệ {now}"),
        "Thay đổi tỉ lệ (điểm %)".to_string(),
        "Ghi chú".to_string(),
    ];
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    table(sheet, styles, 2, &headers, rows)?;
    sheet.set_freeze_panes(3, 3)?;
    sheet.set_repeat_rows(2, 2)?;
    let widths = [
        6.0, 10.0, 34.0, 13.0, 13.0, 13.0, 11.0, 13.0, 13.0, 11.0, 12.0, 40.0,
    ];
    layout(sheet, &widths, true)
}

fn findings_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Kiểm tra dữ liệu")?;
    let title = format!(
        "KẾT QUẢ KIỂM TRA DỮ LIỆU {}",
        report.quarter.vietnamese().to_uppercase()
    );
    sheet.merge_range(0, 0, 0, 6, &title, &styles.title)?;
    let rows = report
        .findings()
        .enumerate()
        .map(|(i, f)| {
            vec![
                Out::Index(i + 1),
                Out::Text(f.file.clone()),
                Out::Text(f.unit.clone().unwrap_or_default()),
                Out::Text(f.cell.clone().unwrap_or_default()),
                Out::Text(f.severity.vietnamese().to_string()),
                Out::Text(f.rule.id().to_string()),
                Out::Text(f.message.clone()),
            ]
        })
        .collect();
    table(
        sheet,
        styles,
        2,
        &[
            "TT",
            "Tệp",
            "Mã đơn vị",
            "Ô",
            "Mức độ",
            "Quy tắc",
            "Nội dung",
        ],
        rows,
    )?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    layout(sheet, &[6.0, 30.0, 10.0, 16.0, 10.0, 28.0, 80.0], true)
}

fn files_sheet(
    book: &mut Workbook,
    report: &QuarterReport,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Tệp đã nhận")?;
    let title = format!(
        "CÁC TỆP TRONG THƯ MỤC BÁO CÁO {}",
        report.quarter.vietnamese().to_uppercase()
    );
    sheet.merge_range(0, 0, 0, 3, &title, &styles.title)?;
    let rows = report
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let verdict = match f.verdict {
                crate::intake::Verdict::Accepted => "Được chấp nhận",
                crate::intake::Verdict::Rejected => "Bị từ chối",
                crate::intake::Verdict::NotSubmission => "Không phải báo cáo",
            };
            vec![
                Out::Index(i + 1),
                Out::Text(f.file.clone()),
                Out::Text(f.unit.clone().unwrap_or_default()),
                Out::Text(verdict.to_string()),
            ]
        })
        .collect();
    table(
        sheet,
        styles,
        2,
        &["TT", "Tệp", "Mã đơn vị", "Kết quả"],
        rows,
    )?;
    layout(sheet, &[6.0, 40.0, 12.0, 22.0], false)
}
