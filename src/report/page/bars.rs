//! The overview page's bar charts: per group, a bar per unit in the order
//! the compare stage ranked them (no valid figures first, then lowest ratio
//! first, as the workbook's `Tổng quan` charts), crossed by the target and
//! the very-low line. Positions only: the order, the bands and the lines
//! are the report's.

use serde::Serialize;

use super::{class_of, ratio_text};
use crate::compare::{QuarterReport, Status};
use crate::roster::Group;
use crate::text::vn_percent;

#[derive(Debug, Serialize)]
pub struct Chart {
    pub group: &'static str,
    pub rows: Vec<Row>,
    pub ticks: Vec<Tick>,
    pub target: Option<Line>,
    pub very_low: Line,
}

/// A unit's row. Positions are percentages of the bars' track, so that the
/// chart is HTML that reflows and breaks across printed pages row by row.
#[derive(Debug, Serialize)]
pub struct Row {
    pub code: String,
    pub name: String,
    pub class: &'static str,
    pub bar: f64,
    /// `13,94%`, or what the unit has instead of a ratio.
    pub value: String,
    pub has_ratio: bool,
}

#[derive(Debug, Serialize)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Line {
    pub at: f64,
    pub label: String,
}

pub fn chart(report: &QuarterReport, group: Group) -> Chart {
    let units = report.ranked(group);
    let top = units
        .iter()
        .filter_map(|u| u.ratio())
        .chain(report.target)
        .fold(0.0_f64, f64::max);
    // The axis ends at the next ten percent over the highest ratio or the
    // target, at least 10%, at most 100%.
    let end = ((top * 10.0).floor() + 1.0).clamp(1.0, 10.0) / 10.0;
    let at = |ratio: f64| round(100.0 * ratio.min(end) / end);
    let rows = units
        .iter()
        .map(|u| {
            let ratio = u.ratio().filter(|_| u.status == Status::Accepted);
            Row {
                code: u.code.clone(),
                name: u.name.clone(),
                class: class_of(u),
                bar: ratio.map_or(0.0, at),
                value: ratio_text(u).unwrap_or_else(|| u.status.vietnamese().to_lowercase()),
                has_ratio: ratio.is_some(),
            }
        })
        .collect();
    let step = if end <= 0.5 { 0.05 } else { 0.1 };
    let ticks = (0..)
        .map(|k| k as f64 * step)
        .take_while(|t| *t <= end + 1e-9)
        .map(|t| Tick {
            at: at(t),
            label: format!("{}%", (t * 100.0).round()),
        })
        .collect();
    let line = |ratio: f64, what: &str| Line {
        at: at(ratio),
        label: format!("{what} {}", vn_percent(ratio).replace(",00", "")),
    };
    Chart {
        group: group.as_str(),
        rows,
        ticks,
        target: report.target.map(|t| line(t, "chỉ tiêu")),
        very_low: line(report.very_low, "ngưỡng rất thấp"),
    }
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
