//! The finished result of a quarter, and the writers that print it. Writers
//! take a `QuarterReport` and nothing else: no reading, no deciding.

mod appendix;
mod atomic;
mod audit;
mod build;
mod comparison;
mod consolidated;
pub mod fit;
mod in_place;
mod lagging;
mod lagging_book;
mod lists;
mod overview;
mod paging;
mod sheets;
mod summary;
mod swap;
mod text;
mod trend;

pub use atomic::write_atomically;
pub use in_place::{InPlace, StatusChanges};
pub use summary::summary_json;
pub use swap::{ARCHIVE, Installed, install, recover, unchanged};
pub use text::{cell_suffix, plain_summary, severity_word, shown};

use crate::compare::{Flag, Previous, Reason, Status};
use crate::finding::Finding;
use crate::intake::{FileOutcome, Verdict};
use crate::quarter::Quarter;
use crate::roster::Group;
use crate::submission::Figures;
use crate::wording::Wording;

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
    /// A rejected report's first error, in Vietnamese: why it was not accepted.
    pub rejection: Option<String>,
    /// The rule of that first error: the short reason the signed list gives.
    pub rejected_by: Option<crate::finding::Rule>,
    /// The units (code, name) whose figures make up `previous`: more than one after a merger.
    pub previous_sources: Vec<(String, String)>,
    /// The units (code, name) a part of which passed to this one since the
    /// previous quarter (or of which it is itself a part): not compared.
    pub structure_changed: Vec<(String, String)>,
    pub timeliness: Option<Timeliness>,
    pub unusual: Option<crate::unusual::Unusual>,
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
    /// The `Date:` of the e-mail the file came attached to (Vietnam time),
    /// when no report date was written.
    EmailDate,
    /// The file's modification time, when no report date was written.
    FileModified,
}

impl UnitReport {
    pub fn ratio(&self) -> Option<f64> {
        self.figures.and_then(|f| f.ratio())
    }

    /// The lagging reasons in Vietnamese, worst first, short enough for the
    /// signed list: a rejection says why in a few words (the unit's full
    /// findings are in `Kiểm tra dữ liệu`).
    pub fn reason_texts(&self, target: Option<f64>, very_low: f64, words: &Wording) -> Vec<String> {
        self.reasons
            .iter()
            .map(|r| {
                let text = r.vietnamese(target, very_low, &words.level4);
                match (r, self.rejected_by) {
                    (Reason::Rejected, Some(rule)) => format!("{text}: {}", rule.short_reason()),
                    _ => text,
                }
            })
            .collect()
    }

    /// Days past the deadline, when the report came in late.
    pub fn days_late(&self) -> Option<i64> {
        self.timeliness.map(|t| t.days_late).filter(|d| *d > 0)
    }

    /// What the comparison sheet notes for the unit.
    pub fn comparison_notes(&self, words: &Wording) -> Vec<String> {
        let mut notes: Vec<String> = self
            .flags
            .iter()
            .map(|f| match (f, self.unusual) {
                (Flag::UnusualChange, Some(u)) => format!(
                    "{}: {}{}",
                    f.vietnamese(&words.level4),
                    u.message(&words.level4),
                    if u.accepted {
                        " (đã xác nhận)"
                    } else {
                        ""
                    }
                ),
                _ => f.vietnamese(&words.level4),
            })
            .collect();
        let names = |units: &[(String, String)]| {
            let names: Vec<&str> = units.iter().map(|(_, n)| n.as_str()).collect();
            names.join(", ")
        };
        if !self.structure_changed.is_empty() {
            notes.push(format!(
                "Đơn vị được hình thành từ một phần của: {} (sắp xếp tổ chức bộ máy), nên số liệu không so sánh được với quý trước",
                names(&self.structure_changed)
            ));
        }
        if let [(code, name)] = self.previous_sources.as_slice()
            && *code != self.code
        {
            notes.push(format!("Số liệu quý trước là của {name} (tên trước đây)"));
        }
        if self.previous_sources.len() > 1 {
            notes.push(format!(
                "Số liệu quý trước là tổng của: {}",
                names(&self.previous_sources)
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
    /// None when the year has no target.
    pub meeting_target: Option<usize>,
    /// Units under the "very low" line (`[lagging] very_low_percent`).
    pub below_very_low: usize,
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
    /// The year's target (None: none configured, "chưa có chỉ tiêu") and the
    /// "very low" line, as fractions.
    pub target: Option<f64>,
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

    /// A group's units for the charts: those without valid figures first
    /// (roster order), then by ratio, lowest first.
    pub fn ranked(&self, group: Group) -> Vec<&UnitReport> {
        let mut units: Vec<&UnitReport> = self.units.iter().filter(|u| u.group == group).collect();
        units.sort_by(|a, b| {
            a.ratio()
                .unwrap_or(-1.0)
                .total_cmp(&b.ratio().unwrap_or(-1.0))
        });
        units
    }

    /// The units whose report came in after the deadline, latest first,
    /// then in roster order. Their own list: lateness alone is not lagging.
    pub fn late(&self) -> Vec<&UnitReport> {
        let mut out: Vec<&UnitReport> = self
            .units
            .iter()
            .filter(|u| u.days_late().is_some())
            .collect();
        out.sort_by_key(|u| std::cmp::Reverse(u.days_late()));
        out
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
            meeting_target: self
                .target
                .map(|target| ratios.iter().filter(|&&r| r >= target).count()),
            below_very_low: ratios.iter().filter(|&&r| r < self.very_low).count(),
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

/// The names of the files a run writes for `quarter`, in the order `render`
/// gives them: what the report swap puts in place and archives.
pub fn output_names(quarter: Quarter) -> [String; 3] {
    [
        format!("tong-hop-{quarter}.xlsx"),
        format!("don-vi-cham-{quarter}.xlsx"),
        "summary.json".to_string(),
    ]
}

/// The files a run writes, by name, with their bytes.
pub fn render(report: &QuarterReport) -> Result<Vec<(String, Vec<u8>)>, String> {
    let [consolidated, lagging, summary] = output_names(report.quarter);
    Ok(vec![
        (consolidated, consolidated::workbook(report)?),
        (lagging, lagging_book::workbook(report)?),
        (summary, summary_json(report)),
    ])
}
