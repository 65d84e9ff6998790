//! `summary.json`: the quarter for machines. The schema is in docs/outputs.md;
//! fields are only ever added.

use serde::Serialize;
use std::collections::BTreeMap;

use super::{FileCounts, QuarterReport, Totals};
use crate::compare::{Flag, Reason, Status};
use crate::finding::Finding;
use crate::intake::Verdict;

#[derive(Serialize)]
struct Summary<'a> {
    quarter: String,
    /// null: the year has no target.
    target: Option<f64>,
    baseline: Option<&'a str>,
    units: Vec<UnitJson<'a>>,
    findings: Vec<&'a Finding>,
    lagging: Vec<LaggingJson<'a>>,
    totals: TotalsJson,
    groups: BTreeMap<&'static str, Totals>,
    files: Vec<FileJson<'a>>,
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
    previous: Option<PreviousJson<'a>>,
    change_points: Option<f64>,
    flags: &'a [Flag],
    /// Ids of the units a part of which passed to this one since the previous
    /// quarter: why it has the flag `structure_changed` and no comparison.
    structure_changed_from: Vec<&'a str>,
    timeliness: Option<super::Timeliness>,
    unusual: Option<UnusualJson>,
    list: Option<crate::submission::ListCounts>,
    /// Where each value was read: sheet, cell and how.
    sources: &'a BTreeMap<&'static str, crate::submission::Source>,
}

#[derive(Serialize)]
struct UnusualJson {
    /// Mean and standard deviation of the unit's past changes, points.
    mean_points: f64,
    sd_points: f64,
    /// A reviewer accepted it in reports/unusual-accepted.txt.
    accepted: bool,
}

#[derive(Serialize)]
struct PreviousJson<'a> {
    total: u64,
    level4: u64,
    ratio: Option<f64>,
    /// The units summed: the unit itself, and those merged into it.
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct LaggingJson<'a> {
    code: &'a str,
    name: &'a str,
    group: &'static str,
    ratio: Option<f64>,
    reasons: &'a [Reason],
}

#[derive(Serialize)]
struct TotalsJson {
    #[serde(flatten)]
    units: Totals,
    files: FileCounts,
}

#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    unit: Option<&'a str>,
    verdict: Verdict,
}

pub fn summary_json(report: &QuarterReport) -> Vec<u8> {
    let summary = Summary {
        quarter: report.quarter.to_string(),
        target: report.target,
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
                level3: u.figures.and_then(|f| f.level3),
                dossier_services: u.figures.and_then(|f| f.dossier_services),
                dossiers: u.figures.and_then(|f| f.dossiers),
                online_dossiers: u.figures.and_then(|f| f.online_dossiers),
                previous: u.previous.map(|p| PreviousJson {
                    total: p.total,
                    level4: p.level4,
                    ratio: p.ratio(),
                    sources: u.previous_sources.iter().map(|(c, _)| c.as_str()).collect(),
                }),
                change_points: u.change_points,
                flags: &u.flags,
                structure_changed_from: u
                    .structure_changed
                    .iter()
                    .map(|(c, _)| c.as_str())
                    .collect(),
                timeliness: u.timeliness,
                unusual: u.unusual.map(|x| UnusualJson {
                    mean_points: x.mean,
                    sd_points: x.sd,
                    accepted: x.accepted,
                }),
                list: u.list,
                sources: &u.sources,
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
            })
            .collect(),
        totals: TotalsJson {
            units: report.totals(None),
            files: report.file_counts(),
        },
        groups: crate::roster::Group::ALL
            .iter()
            .map(|g| (g.as_str(), report.totals(Some(*g))))
            .collect(),
        files: report
            .files
            .iter()
            .map(|f| FileJson {
                file: &f.file,
                unit: f.unit.as_deref(),
                verdict: f.verdict,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&summary).expect("the summary serializes");
    bytes.push(b'\n');
    bytes
}
