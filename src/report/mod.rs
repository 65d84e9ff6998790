//! The finished result of a quarter, and the writers that print it. Writers
//! take a `QuarterReport` and nothing else: no reading, no deciding.

mod appendix;
mod atomic;
mod lagging_book;
mod sheets;
mod summary;
mod text;

pub use atomic::write_atomically;
pub use summary::summary_json;
pub use text::plain_summary;

use std::path::{Path, PathBuf};

use crate::baseline::Baseline;
use crate::compare::{Flag, Previous, Reason, Status, compare, lagging_reasons};
use crate::config::Settings;
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
}

impl UnitReport {
    pub fn ratio(&self) -> Option<f64> {
        self.figures.and_then(|f| f.ratio())
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
    pub units: Vec<UnitReport>,
    pub files: Vec<FileOutcome>,
    pub baseline: Option<String>,
    pub wording: crate::wording::Wording,
}

impl QuarterReport {
    pub fn build(
        quarter: Quarter,
        settings: &Settings,
        files: Vec<FileOutcome>,
        baseline: Option<Baseline>,
    ) -> Result<QuarterReport, String> {
        let config = &settings.config;
        let target = config.target_for(quarter.year).ok_or_else(|| {
            format!(
                "no target is set for {} or any earlier year: add one under [targets]",
                quarter.year
            )
        })?;
        let very_low = config.lagging.very_low_percent / 100.0;
        let mut units = Vec::new();
        for unit in settings.roster.units() {
            let chosen = files.iter().find(|f| {
                f.unit.as_deref() == Some(unit.code.as_str())
                    && f.verdict != Verdict::NotSubmission
                    && !f
                        .findings
                        .iter()
                        .any(|x| x.rule == crate::finding::Rule::UnitDuplicate)
            });
            let status = match chosen.map(|f| f.verdict) {
                Some(Verdict::Accepted) => Status::Accepted,
                Some(_) => Status::Rejected,
                None => Status::Missing,
            };
            let figures = chosen.and_then(FileOutcome::figures);
            let previous = baseline
                .as_ref()
                .and_then(|b| b.units.get(&unit.code))
                .copied();
            let (change_points, flags) = match &figures {
                Some(f) => compare(f, previous.as_ref(), config),
                None => (None, Vec::new()),
            };
            let ratio = figures.and_then(|f| f.ratio());
            let reasons = lagging_reasons(status, ratio, &flags, target, very_low);
            units.push(UnitReport {
                code: unit.code.clone(),
                name: unit.name.clone(),
                group: unit.group,
                status,
                file: chosen.map(|f| f.file.clone()),
                figures,
                previous,
                change_points,
                flags,
                reasons,
            });
        }
        Ok(QuarterReport {
            quarter,
            target,
            very_low,
            units,
            files,
            baseline: baseline.map(|b| b.source),
            wording: settings.wording.clone(),
        })
    }

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
        (format!("tong-hop-{q}.xlsx"), appendix::workbook(report)?),
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
