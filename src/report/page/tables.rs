//! The overview page's tables: the lagging list, the late list, the changes
//! awaiting confirmation, and every unit's figures. Rows in the
//! orders the report decided; each cell of the units' table carries the
//! value its column sorts by (`data-sort`), for the page's script.

use serde::Serialize;

use super::{class_of, count_text};
use crate::compare::{QuarterReport, Status, UnitReport};
use crate::text::shown;
use crate::text::vn_percent;

#[derive(Serialize)]
pub struct Tables {
    pub lagging_title: String,
    pub lagging: Vec<LaggingRow>,
    pub late: Vec<LateRow>,
    pub due: String,
    /// The changes awaiting confirmation (`QuarterReport::awaiting_confirmation`):
    /// the set stdout and "Việc cần làm" list.
    pub waiting: Vec<WaitingRow>,
    /// Whether their figures count in the pooled figures meanwhile, in words.
    pub waiting_counted: &'static str,
    pub acceptance_file: &'static str,
    pub previous_quarter: String,
    pub units: Vec<UnitRow>,
}

#[derive(Serialize)]
pub struct LaggingRow {
    code: String,
    name: String,
    group: &'static str,
    ratio: String,
    class: &'static str,
    reasons: String,
    in_a_row: String,
    explanation: String,
    days_late: String,
}

#[derive(Serialize)]
pub struct LateRow {
    code: String,
    name: String,
    group: &'static str,
    date: String,
    days_late: i64,
    basis: &'static str,
}

#[derive(Serialize)]
pub struct WaitingRow {
    name: String,
    code: String,
    /// What moved: the unusual change's cause, or the counts and points.
    message: String,
}

/// A cell: what is shown and what its column sorts by.
#[derive(Serialize)]
pub struct Cell {
    text: String,
    sort: String,
}

#[derive(Serialize)]
pub struct UnitRow {
    code: String,
    class: &'static str,
    cells: Vec<Cell>,
    /// The unit's feedback file, when the run writes one.
    feedback: Option<String>,
}

pub fn tables(report: &QuarterReport, files: &[String]) -> Tables {
    let words = &report.wording;
    let lagging = report
        .lagging()
        .iter()
        .map(|u| LaggingRow {
            code: u.code.clone(),
            name: u.name.clone(),
            group: u.group.as_str(),
            ratio: ratio_text(u),
            class: class_of(u),
            reasons: shown(
                &u.reason_texts(report.target, report.very_low, words)
                    .join("; "),
            ),
            in_a_row: u
                .quarters_under_target
                .filter(|n| *n > 0)
                .map_or(String::new(), |n| n.to_string()),
            explanation: shown(&u.explanation_texts().join("; ")),
            days_late: u.days_late().map_or(String::new(), |d| d.to_string()),
        })
        .collect();
    let late = report
        .late()
        .iter()
        .filter_map(|u| {
            let t = u.timeliness?;
            Some(LateRow {
                code: u.code.clone(),
                name: u.name.clone(),
                group: u.group.as_str(),
                date: t.date.format("%d/%m/%Y").to_string(),
                days_late: t.days_late,
                basis: t.basis.vietnamese(),
            })
        })
        .collect();
    let waiting = report
        .awaiting_confirmation()
        .iter()
        .map(|u| WaitingRow {
            name: u.name.clone(),
            code: u.code.clone(),
            message: shown(&u.change_message(&words.level4).unwrap_or_default()),
        })
        .collect();
    let waiting_counted = match report.unconfirmed {
        crate::config::Unconfirmed::LeftOut => {
            "chưa được tính vào tỷ lệ chung, số đơn vị đạt chỉ tiêu và các danh sách của công văn"
        }
        crate::config::Unconfirmed::Included => {
            "vẫn được tính vào tỷ lệ chung, số đơn vị đạt chỉ tiêu và các danh sách của công văn (công văn ghi rõ)"
        }
    };
    let lagging_title = match report.target {
        Some(t) => format!(
            "Đơn vị chưa đạt chỉ tiêu {}, chưa nộp hoặc nộp báo cáo không hợp lệ",
            vn_percent(t).replace(",00", "")
        ),
        None => format!(
            "Đơn vị có tỷ lệ rất thấp (dưới {}), chưa nộp hoặc nộp báo cáo không hợp lệ",
            vn_percent(report.very_low).replace(",00", "")
        ),
    };
    Tables {
        lagging_title,
        lagging,
        late,
        due: report.due.format("%d/%m/%Y").to_string(),
        waiting,
        waiting_counted,
        acceptance_file: crate::history::ACCEPTANCE_FILE,
        previous_quarter: report.quarter.previous().vietnamese(),
        units: report
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| unit_row(report, i, u, files))
            .collect(),
    }
}

fn ratio_text(unit: &UnitReport) -> String {
    match (unit.status, unit.ratio()) {
        (Status::Accepted, Some(r)) => vn_percent(r),
        _ => String::new(),
    }
}

/// One unit's cells, in the order of the table's columns: TT, code, name,
/// group, total, level 4, ratio, last quarter's ratio, change, status,
/// errors, warnings.
fn unit_row(report: &QuarterReport, index: usize, u: &UnitReport, files: &[String]) -> UnitRow {
    let accepted = u.status == Status::Accepted;
    let figures = u.figures.filter(|_| accepted);
    let (errors, warnings) = report.finding_counts(&u.code);
    // Numbers sort as numbers; a unit without one sorts below every number.
    let number = |v: Option<f64>| v.map_or("".to_string(), |v| format!("{v:.10}"));
    let cell = |text: String, sort: String| Cell { text, sort };
    let previous = u.previous.and_then(|p| p.ratio());
    let change = u.change_points.filter(|_| accepted);
    let feedback = super::super::feedback::file_name(u, report.quarter);
    UnitRow {
        code: u.code.clone(),
        class: class_of(u),
        cells: vec![
            cell((index + 1).to_string(), (index + 1).to_string()),
            cell(u.code.clone(), u.code.clone()),
            cell(u.name.clone(), crate::collate::sort_text(&u.name)),
            cell(u.group.as_str().to_string(), u.group.as_str().to_string()),
            cell(
                count_text(figures.map(|f| f.total)),
                number(figures.map(|f| f.total as f64)),
            ),
            cell(
                count_text(figures.map(|f| f.level4)),
                number(figures.map(|f| f.level4 as f64)),
            ),
            cell(
                figures
                    .and_then(|f| f.ratio())
                    .map_or("-".to_string(), vn_percent),
                number(figures.and_then(|f| f.ratio())),
            ),
            cell(
                previous.map_or("-".to_string(), vn_percent),
                number(previous),
            ),
            cell(
                change.map_or("-".to_string(), signed_points),
                number(change),
            ),
            cell(
                u.status.vietnamese().to_string(),
                crate::collate::sort_text(u.status.vietnamese()),
            ),
            cell(errors.to_string(), errors.to_string()),
            cell(warnings.to_string(), warnings.to_string()),
        ],
        feedback: files.contains(&feedback).then_some(feedback),
    }
}

/// `+2,68`, `-0,40`, `0,00`: a change in percentage points.
fn signed_points(points: f64) -> String {
    let rounded = (points * 100.0).round() / 100.0;
    let sign = if rounded > 0.0 {
        "+"
    } else if rounded < 0.0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{:.2}", rounded.abs()).replace('.', ",")
}

#[cfg(test)]
mod tests {
    #[test]
    fn points_are_signed_and_vietnamese() {
        let cases = [
            (2.684, "+2,68"),
            (-0.4, "-0,40"),
            (0.001, "0,00"),
            (-0.004, "0,00"),
        ];
        for (points, want) in cases {
            assert_eq!(super::signed_points(points), want, "{points}");
        }
    }
}
