//! The finished result of a quarter, and the writers that print it. Writers
//! take a `QuarterReport` and nothing else: no reading, no deciding.

mod appendix;
mod atomic;
mod audit;
mod build;
mod comparison;
mod consolidated;
mod lagging_book;
mod lists;
mod overview;
mod sheets;
mod summary;
mod text;
mod trend;

pub use atomic::{clear_leftovers, write_atomically};
pub use summary::summary_json;
pub use text::plain_summary;

use std::path::{Path, PathBuf};

use crate::compare::{Flag, Previous, Reason, Status};
use crate::finding::Finding;
use crate::intake::{FileOutcome, Verdict};
use crate::quarter::Quarter;
use crate::roster::Group;
use crate::submission::Figures;

#[derive(Debug)]
pub struct UnitReport {
    pub code: String,
    pub name: String,
    pub group: Group,
    pub status: Status,
    pub file: Option<String>,
    pub figures: Option<Figures>,
    pub previous: Option<Previous>,
    /// Change of the ratio in percentage points.
    pub change_points: Option<f64>,
    pub flags: Vec<Flag>,
    pub reasons: Vec<Reason>,
    /// The units (code, name) whose figures make up `previous`: more than one after a merger.
    pub previous_sources: Vec<(String, String)>,
    pub timeliness: Option<Timeliness>,
    pub unusual: Option<crate::history::Unusual>,
    /// The counts of the unit's procedure list, when it sent one.
    pub list: Option<crate::submission::ListCounts>,
    /// Where each value of the unit's file was read (empty with no file).
    pub sources: std::collections::BTreeMap<&'static str, crate::submission::Source>,
}

/// When a unit's report came in, against the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Timeliness {
    /// What the date was taken from.
    pub basis: DateBasis,
    pub date: chrono::NaiveDate,
    pub due: chrono::NaiveDate,
    /// 0 when on time.
    pub days_late: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The report date written in the file.
    ReportDate,
    /// The file's modification time, when no report date was written.
    FileModified,
}

impl UnitReport {
    pub fn ratio(&self) -> Option<f64> {
        self.figures.and_then(|f| f.ratio())
    }

    /// The lagging reasons in Vietnamese, worst first, with the days late.
    pub fn reason_texts(&self, target: f64, very_low: f64) -> Vec<String> {
        self.reasons
            .iter()
            .map(|r| match (r, self.timeliness) {
                (Reason::Late, Some(t)) => format!(
                    "Nộp báo cáo muộn {} ngày (hạn {})",
                    t.days_late,
                    t.due.format("%d/%m/%Y")
                ),
                _ => r.vietnamese(target, very_low),
            })
            .collect()
    }

    /// What the comparison sheet notes for the unit.
    pub fn comparison_notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self
            .flags
            .iter()
            .map(|f| match (f, self.unusual) {
                (Flag::UnusualChange, Some(u)) => format!(
                    "{}: trung bình các quý trước {:+.2} điểm, độ lệch chuẩn {:.2}{}",
                    f.vietnamese(),
                    u.mean,
                    u.sd,
                    if u.accepted {
                        " (đã xác nhận)"
                    } else {
                        ""
                    }
                ),
                _ => f.vietnamese().to_string(),
            })
            .collect();
        if self.previous_sources.len() > 1 {
            let names: Vec<&str> = self
                .previous_sources
                .iter()
                .map(|(_, n)| n.as_str())
                .collect();
            notes.push(format!(
                "Số liệu quý trước là tổng của: {}",
                names.join(", ")
            ));
        }
        notes
    }
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Totals {
    pub expected: usize,
    pub submitted: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub missing: usize,
    /// Σ level-4 ÷ Σ total over accepted units.
    pub pooled_ratio: Option<f64>,
    /// Mean of the accepted units' ratios.
    pub mean_ratio: Option<f64>,
    pub meeting_target: usize,
    pub below_5_percent: usize,
    /// Units whose report (accepted or rejected) came in by the deadline.
    pub on_time: usize,
    pub late: usize,
    /// on_time ÷ expected.
    pub on_time_share: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct FileCounts {
    pub total: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub not_submission: usize,
}

#[derive(Debug)]
pub struct QuarterReport {
    pub quarter: Quarter,
    /// The year's target and the "very low" line, as fractions.
    pub target: f64,
    pub very_low: f64,
    /// The day reports were due.
    pub due: chrono::NaiveDate,
    pub units: Vec<UnitReport>,
    pub files: Vec<FileOutcome>,
    pub baseline: Option<String>,
    pub wording: crate::wording::Wording,
    pub trend: trend::Trend,
}

impl QuarterReport {
    /// Every finding, file by file in name order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }

    /// The lagging units, worst reason first, then lowest ratio, then roster order.
    pub fn lagging(&self) -> Vec<&UnitReport> {
        let mut out: Vec<(usize, &UnitReport)> = self
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| !u.reasons.is_empty())
            .collect();
        out.sort_by(|(ia, a), (ib, b)| {
            a.reasons[0]
                .cmp(&b.reasons[0])
                .then(
                    a.ratio()
                        .unwrap_or(-1.0)
                        .total_cmp(&b.ratio().unwrap_or(-1.0)),
                )
                .then(ia.cmp(ib))
        });
        out.into_iter().map(|(_, u)| u).collect()
    }

    pub fn totals(&self, group: Option<Group>) -> Totals {
        let units: Vec<&UnitReport> = self
            .units
            .iter()
            .filter(|u| group.is_none_or(|g| u.group == g))
            .collect();
        let count = |s: Status| units.iter().filter(|u| u.status == s).count();
        let accepted: Vec<Figures> = units.iter().filter_map(|u| u.figures).collect();
        let ratios: Vec<f64> = accepted.iter().filter_map(Figures::ratio).collect();
        let sum_total: u64 = accepted.iter().map(|f| f.total).sum();
        let sum_level4: u64 = accepted.iter().map(|f| f.level4).sum();
        let timely = |late: bool| {
            units
                .iter()
                .filter(|u| u.timeliness.is_some_and(|t| (t.days_late > 0) == late))
                .count()
        };
        Totals {
            expected: units.len(),
            submitted: count(Status::Accepted) + count(Status::Rejected),
            accepted: count(Status::Accepted),
            rejected: count(Status::Rejected),
            missing: count(Status::Missing),
            pooled_ratio: (sum_total > 0).then(|| sum_level4 as f64 / sum_total as f64),
            mean_ratio: (!ratios.is_empty())
                .then(|| ratios.iter().sum::<f64>() / ratios.len() as f64),
            meeting_target: ratios.iter().filter(|&&r| r >= self.target).count(),
            below_5_percent: ratios.iter().filter(|&&r| r < self.very_low).count(),
            on_time: timely(false),
            late: timely(true),
            on_time_share: (!units.is_empty()).then(|| timely(false) as f64 / units.len() as f64),
        }
    }

    pub fn file_counts(&self) -> FileCounts {
        let count = |v: Verdict| self.files.iter().filter(|f| f.verdict == v).count();
        FileCounts {
            total: self.files.len(),
            accepted: count(Verdict::Accepted),
            rejected: count(Verdict::Rejected),
            not_submission: count(Verdict::NotSubmission),
        }
    }

    /// Some file was rejected: the run exits 3.
    pub fn any_rejected(&self) -> bool {
        self.files.iter().any(|f| f.verdict == Verdict::Rejected)
    }
}

/// The files a run writes, by name, with their bytes.
pub fn render(report: &QuarterReport) -> Result<Vec<(String, Vec<u8>)>, String> {
    let q = report.quarter;
    Ok(vec![
        (
            format!("tong-hop-{q}.xlsx"),
            consolidated::workbook(report)?,
        ),
        (
            format!("don-vi-cham-{q}.xlsx"),
            lagging_book::workbook(report)?,
        ),
        ("summary.json".to_string(), summary_json(report)),
    ])
}

/// Writes the rendered files into `reports/<quarter>/`, each atomically.
pub fn write(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            write_atomically(&path, bytes)?;
            Ok(path)
        })
        .collect()
}
