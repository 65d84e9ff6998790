//! `summary.json`: the quarter for machines. Version 1 is described by
//! docs/summary.schema.json (and docs/outputs.md); within a version fields
//! are only ever added. Every name says its unit: `_percent` is 0-100,
//! `ratio` a fraction.

use serde::Serialize;
use std::collections::BTreeMap;

use super::{FileCounts, QuarterReport, Totals};
use crate::compare::{Flag, Reason, Status};
use crate::finding::Finding;
use crate::intake::Verdict;
use crate::submission::Optional;

/// Bumped when a field changes meaning or goes; adding one keeps it.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary<'a> {
    schema_version: u32,
    quarter: String,
    /// The year's target, in percent (30 for 30%), as in dvctt.toml; null:
    /// the year has no target.
    target_percent: Option<f64>,
    /// The same target as a fraction (0.3), null with none; kept beside
    /// `target_percent` for readers of the summary before v1.
    target: Option<f64>,
    /// The "very low" line, in percent.
    very_low_percent: f64,
    /// The day reports were due.
    due: chrono::NaiveDate,
    baseline: Option<&'a str>,
    units: Vec<UnitJson<'a>>,
    findings: Vec<&'a Finding>,
    lagging: Vec<LaggingJson<'a>>,
    late: Vec<LateJson<'a>>,
    totals: TotalsJson,
    groups: BTreeMap<&'static str, UnitTotalsJson>,
    files: Vec<FileJson<'a>>,
    feedback: FeedbackJson<'a>,
}

/// The feedback files (`phan-hoi/`): when they were issued, the deadline
/// for corrected reports, and the units written back to.
#[derive(Serialize)]
struct FeedbackJson<'a> {
    issued: chrono::NaiveDate,
    resubmit_by: chrono::NaiveDate,
    units: Vec<&'a str>,
}

#[derive(Serialize)]
struct UnitJson<'a> {
    code: &'a str,
    name: &'a str,
    group: &'static str,
    status: Status,
    file: Option<&'a str>,
    total: Option<u64>,
    level4: Option<u64>,
    ratio: Option<f64>,
    level3: Option<u64>,
    dossier_services: Option<u64>,
    dossiers: Option<u64>,
    online_dossiers: Option<u64>,
    /// The optional figures above the unit wrote as not applicable to it
    /// (`không có`, `N/A`, `-`): null there, as a blank is, but not blank.
    /// In the order above; empty for none.
    not_applicable: Vec<&'static str>,
    previous: Option<PreviousJson<'a>>,
    change_points: Option<f64>,
    /// The same quarter a year before, where the history has it.
    year_ago: Option<YearAgoJson<'a>>,
    /// Quarters in a row under the target, this one counted; 0 at or over
    /// it; null with no ratio this quarter or no target this year.
    quarters_under_target: Option<u32>,
    flags: &'a [Flag],
    /// A flagged change (`ratio_jump`, `unusual_change`) no reviewer
    /// accepted and the unit did not explain: "chờ xác nhận".
    awaiting_confirmation: bool,
    /// Its figures count in the pooled figures (accepted, and not left out
    /// awaiting confirmation).
    pooled: bool,
    /// The unit's own `Giải trình`, as typed (one line, bounded).
    explanation: Option<&'a str>,
    /// The reviewer's reason on the unit's line of unusual-accepted.txt.
    reviewer_reason: Option<&'a str>,
    /// Ids of the units a part of which passed to this one since the previous
    /// quarter: why it has the flag `structure_changed` and no comparison.
    structure_changed_from: Vec<&'a str>,
    timeliness: Option<crate::compare::Timeliness>,
    unusual: Option<UnusualJson>,
    list: Option<crate::submission::ListCounts>,
    /// Where each value was read: sheet, cell and how.
    sources: &'a BTreeMap<&'static str, crate::submission::Source>,
    /// The place among the group's accepted units by ratio, highest first.
    rank: Option<crate::compare::Rank>,
}

#[derive(Serialize)]
struct UnusualJson {
    /// Mean and standard deviation of the unit's past changes, points
    /// (for reference: the decision uses the median and MAD).
    mean_points: f64,
    sd_points: f64,
    /// A reviewer accepted it in reports/unusual-accepted.txt.
    accepted: bool,
    /// How many past changes, their median and median absolute deviation.
    past_changes: usize,
    median_points: f64,
    mad_points: f64,
    /// The modified z-score of this quarter's change.
    score: f64,
    cause: CauseJson,
}

#[derive(Serialize)]
struct CauseJson {
    part: crate::unusual::Part,
    /// In Vietnamese: `Tổng số TTHC giảm 14%: 2.202 → 1.890`.
    text: String,
    /// Points of the ratio's change due to the total, and to the level-4 count.
    total_effect_points: f64,
    level4_effect_points: f64,
}

impl UnusualJson {
    /// `level4`: the period's word for level 4, in the cause's text.
    fn new(x: &crate::unusual::Unusual, level4: &str) -> UnusualJson {
        UnusualJson {
            mean_points: x.usual.mean,
            sd_points: x.usual.sd,
            accepted: x.accepted,
            past_changes: x.usual.changes,
            median_points: x.usual.median,
            mad_points: x.usual.mad,
            score: x.score,
            cause: CauseJson {
                part: x.cause.part,
                text: x.cause.vietnamese(level4),
                total_effect_points: x.cause.total_effect,
                level4_effect_points: x.cause.level4_effect,
            },
        }
    }
}

#[derive(Serialize)]
struct PreviousJson<'a> {
    /// The quarter of these figures: the previous one, or an earlier one
    /// when the previous quarter's figure was never confirmed.
    quarter: String,
    total: u64,
    level4: u64,
    ratio: Option<f64>,
    /// The units summed: the unit itself, and those merged into it.
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct YearAgoJson<'a> {
    quarter: String,
    total: u64,
    level4: u64,
    ratio: Option<f64>,
    /// The units summed: the unit itself, or those merged into it since.
    sources: Vec<&'a str>,
    /// This quarter's ratio minus that one, in percentage points.
    change_points: Option<f64>,
}

#[derive(Serialize)]
struct LaggingJson<'a> {
    code: &'a str,
    name: &'a str,
    group: &'static str,
    ratio: Option<f64>,
    reasons: &'a [Reason],
    /// A rejected report's first error, as the unit is told it.
    rejection: Option<&'a str>,
    quarters_under_target: Option<u32>,
    explanation: Option<&'a str>,
    reviewer_reason: Option<&'a str>,
    /// Days past the deadline, when the report was also late; null otherwise.
    days_late: Option<i64>,
}

/// A unit whose report came in after the deadline: a list of its own.
#[derive(Serialize)]
struct LateJson<'a> {
    code: &'a str,
    name: &'a str,
    group: &'static str,
    date: chrono::NaiveDate,
    due: chrono::NaiveDate,
    days_late: i64,
    basis: super::DateBasis,
}

/// Unit counts with the thresholds they were counted against beside them.
#[derive(Serialize)]
struct UnitTotalsJson {
    #[serde(flatten)]
    units: Totals,
    target_percent: Option<f64>,
    very_low_percent: f64,
}

#[derive(Serialize)]
struct TotalsJson {
    #[serde(flatten)]
    units: UnitTotalsJson,
    files: FileCounts,
}

#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    unit: Option<&'a str>,
    verdict: Verdict,
    /// For a replaced report: the correction that replaced it.
    #[serde(skip_serializing_if = "Option::is_none")]
    replaced_by: Option<&'a str>,
}

pub fn summary_json(report: &QuarterReport) -> Vec<u8> {
    let target_percent = report.target.map(percent);
    let very_low_percent = percent(report.very_low);
    let unit_totals = |group| UnitTotalsJson {
        units: report.totals(group),
        target_percent,
        very_low_percent,
    };
    let summary = Summary {
        schema_version: SCHEMA_VERSION,
        quarter: report.quarter.to_string(),
        target_percent,
        target: report.target,
        very_low_percent,
        due: report.due,
        baseline: report.baseline.as_deref(),
        units: report
            .units
            .iter()
            .map(|u| UnitJson {
                code: &u.code,
                name: &u.name,
                group: u.group.as_str(),
                status: u.status,
                file: u.file.as_deref(),
                total: u.figures.map(|f| f.total),
                level4: u.figures.map(|f| f.level4),
                ratio: u.ratio(),
                level3: u.figures.and_then(|f| f.level3.value()),
                dossier_services: u.figures.and_then(|f| f.dossier_services.value()),
                dossiers: u.figures.and_then(|f| f.dossiers.value()),
                online_dossiers: u.figures.and_then(|f| f.online_dossiers.value()),
                not_applicable: u.figures.map_or_else(Vec::new, |f| {
                    f.optional()
                        .into_iter()
                        .filter(|(_, v)| *v == Optional::NotApplicable)
                        .map(|(name, _)| name)
                        .collect()
                }),
                previous: u.previous.map(|p| PreviousJson {
                    quarter: u
                        .compared_with
                        .unwrap_or(report.quarter.previous())
                        .to_string(),
                    total: p.total,
                    level4: p.level4,
                    ratio: p.ratio(),
                    sources: u.previous_sources.iter().map(|(c, _)| c.as_str()).collect(),
                }),
                change_points: u.change_points,
                year_ago: u.year_ago.as_ref().map(|y| YearAgoJson {
                    quarter: y.quarter.to_string(),
                    total: y.figures.total,
                    level4: y.figures.level4,
                    ratio: y.figures.ratio(),
                    sources: y.sources.iter().map(|(c, _)| c.as_str()).collect(),
                    change_points: y.change_points,
                }),
                quarters_under_target: u.quarters_under_target,
                flags: &u.flags,
                awaiting_confirmation: u.awaiting_confirmation,
                pooled: u.pooled,
                explanation: u.explanation.as_deref(),
                reviewer_reason: u.reviewer_reason.as_deref(),
                structure_changed_from: u
                    .structure_changed
                    .iter()
                    .map(|(c, _)| c.as_str())
                    .collect(),
                timeliness: u.timeliness,
                unusual: u
                    .unusual
                    .as_ref()
                    .map(|x| UnusualJson::new(x, &report.wording.level4)),
                list: u.list,
                sources: &u.sources,
                rank: report.rank(&u.code),
            })
            .collect(),
        findings: report.findings().collect(),
        lagging: report
            .lagging()
            .into_iter()
            .map(|u| LaggingJson {
                code: &u.code,
                name: &u.name,
                group: u.group.as_str(),
                ratio: u.ratio(),
                reasons: &u.reasons,
                rejection: u.rejection.as_deref(),
                quarters_under_target: u.quarters_under_target,
                explanation: u.explanation.as_deref(),
                reviewer_reason: u.reviewer_reason.as_deref(),
                days_late: u.days_late(),
            })
            .collect(),
        late: report
            .late()
            .into_iter()
            .filter_map(|u| {
                let t = u.timeliness?;
                Some(LateJson {
                    code: &u.code,
                    name: &u.name,
                    group: u.group.as_str(),
                    date: t.date,
                    due: t.due,
                    days_late: t.days_late,
                    basis: t.basis,
                })
            })
            .collect(),
        totals: TotalsJson {
            units: unit_totals(None),
            files: report.file_counts(),
        },
        groups: crate::roster::Group::ALL
            .iter()
            .map(|g| (g.as_str(), unit_totals(Some(*g))))
            .collect(),
        files: report
            .files
            .iter()
            .map(|f| FileJson {
                file: &f.file,
                unit: f.unit.as_deref(),
                verdict: f.verdict,
                replaced_by: f.replaced_by.as_deref(),
            })
            .collect(),
        feedback: FeedbackJson {
            issued: report.resubmission.issued,
            resubmit_by: report.resubmission.by,
            units: report
                .feedback_units()
                .iter()
                .map(|u| u.code.as_str())
                .collect(),
        },
    };
    let mut bytes = serde_json::to_vec_pretty(&summary).expect("the summary serializes");
    bytes.push(b'\n');
    bytes
}

/// A fraction as percent, without float noise (0.3 → 30, not 30.000000000000004).
fn percent(fraction: f64) -> f64 {
    (fraction * 100.0 * 1e9).round() / 1e9
}
