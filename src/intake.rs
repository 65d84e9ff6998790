//! Every file of the submissions folder, read and checked, and each charged to
//! a unit: accepted, rejected with a reason, or named as not a submission.
//! Nothing in the folder is passed over.

use rayon::prelude::*;
use std::path::Path;
use std::time::SystemTime;

use crate::check::check;
use crate::config::Settings;
use crate::finding::{Finding, Rule, has_errors};
use crate::quarter::Quarter;
use crate::read::{ReadContext, read_isolated};
use crate::submission::{Figures, How, Source, Submission};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    Rejected,
    NotSubmission,
}

/// What became of one file.
#[derive(Debug)]
pub struct FileOutcome {
    pub file: String,
    pub unit: Option<String>,
    pub verdict: Verdict,
    pub submission: Option<Submission>,
    pub findings: Vec<Finding>,
}

impl FileOutcome {
    /// Where each value of the file was read; the unit from the file's name
    /// when its content named none.
    pub fn sources(&self) -> BTreeMap<&'static str, Source> {
        let mut sources = self
            .submission
            .as_ref()
            .map(Submission::sources)
            .unwrap_or_default();
        if self
            .findings
            .iter()
            .any(|f| f.rule == Rule::UnitFromFileName)
        {
            let source = Source {
                sheet: None,
                cell: None,
                how: How::FileName,
            };
            sources.insert("unit_name", source);
        }
        sources
    }

    /// The figures, for an accepted file.
    pub fn figures(&self) -> Option<Figures> {
        match self.verdict {
            Verdict::Accepted => self.submission.as_ref()?.counts.figures(),
            _ => None,
        }
    }
}

/// Reads and checks one file, as `dvctt check` and `dvctt run` both do.
/// `today` is the run's date; without `quarter`, the sheet is chosen for the
/// current reporting quarter.
pub fn take_file(
    path: &Path,
    name: &str,
    settings: &Settings,
    quarter: Option<Quarter>,
    today: chrono::NaiveDate,
) -> FileOutcome {
    let context = ReadContext::new(quarter, today);
    let reading = read_isolated(path, name, &settings.config.limits, &context);
    let mut findings = reading.findings;
    let mut unit = None;
    if let Some(submission) = &reading.submission {
        let checked = check(
            submission,
            &settings.roster,
            quarter,
            &settings.config.checks,
        );
        unit = checked.unit;
        findings.extend(checked.findings);
    }
    // No unit in the content (or no content): the file's name may say whose
    // it is, so that even an unreadable file is charged to its unit.
    if unit.is_none()
        && !reading.not_submission
        && let Some(named) = settings.roster.by_file_name(name, quarter)
    {
        findings.push(Finding::new(
            name,
            Rule::UnitFromFileName,
            format!(
                "Không xác định được đơn vị từ nội dung tệp; theo tên tệp, tệp được tính cho {} ({}).",
                named.name, named.code
            ),
        ));
        unit = Some(named.code.clone());
    }
    for finding in &mut findings {
        finding.unit.clone_from(&unit);
    }
    let verdict = if reading.not_submission {
        Verdict::NotSubmission
    } else if has_errors(&findings) {
        Verdict::Rejected
    } else {
        Verdict::Accepted
    };
    FileOutcome {
        file: name.to_string(),
        unit,
        verdict,
        submission: reading.submission,
        findings,
    }
}

/// Reads every entry of `dir`, in name order. Errors only when the folder
/// itself cannot be listed.
pub fn take_folder(
    dir: &Path,
    settings: &Settings,
    quarter: Quarter,
    today: chrono::NaiveDate,
) -> Result<Vec<FileOutcome>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the submissions folder {}: {e}", dir.display()))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        paths.push((
            entry.file_name().to_string_lossy().into_owned(),
            entry.path(),
        ));
    }
    paths.sort();
    let mut outcomes: Vec<FileOutcome> = paths
        .par_iter()
        .map(|(name, path)| {
            if path.is_dir() {
                not_a_file(name)
            } else {
                take_file(path, name, settings, Some(quarter), today)
            }
        })
        .collect();
    settle_duplicates(&mut outcomes);
    Ok(outcomes)
}

fn not_a_file(name: &str) -> FileOutcome {
    FileOutcome {
        file: name.to_string(),
        unit: None,
        verdict: Verdict::NotSubmission,
        submission: None,
        findings: vec![Finding::new(
            name,
            Rule::FileNotSubmission,
            "Thư mục con, không phải báo cáo: các tệp bên trong không được đọc. Hãy đặt báo cáo trực tiếp trong thư mục của quý.",
        )],
    }
}

/// Two files for one unit: the later report date wins (the later modification
/// time when a report date is missing, then the file name); the others are rejected.
fn settle_duplicates(outcomes: &mut [FileOutcome]) {
    let mut units: Vec<&String> = outcomes
        .iter()
        .filter(|o| o.verdict != Verdict::NotSubmission)
        .filter_map(|o| o.unit.as_ref())
        .collect();
    units.sort();
    units.dedup();
    let units: Vec<String> = units.into_iter().cloned().collect();
    for unit in units {
        let mut files: Vec<usize> = (0..outcomes.len())
            .filter(|&i| {
                outcomes[i].unit.as_ref() == Some(&unit)
                    && outcomes[i].verdict != Verdict::NotSubmission
            })
            .collect();
        if files.len() < 2 {
            continue;
        }
        let all_dated = files.iter().all(|&i| report_date(&outcomes[i]).is_some());
        files.sort_by_key(|&i| {
            let o = &outcomes[i];
            let date = if all_dated { report_date(o) } else { None };
            (date, modified(o), o.file.clone())
        });
        let winner = *files.last().expect("two files or more");
        let winner_name = outcomes[winner].file.clone();
        for &loser in &files[..files.len() - 1] {
            let o = &mut outcomes[loser];
            let message = format!(
                "Đơn vị đã gửi hơn một báo cáo cho kỳ này: dùng tệp “{}” (gửi sau), không dùng tệp “{}”.",
                winner_name, o.file
            );
            let mut finding = Finding::new(&o.file, Rule::UnitDuplicate, message);
            finding.unit = Some(unit.clone());
            o.findings.push(finding);
            o.verdict = Verdict::Rejected;
        }
    }
}

fn report_date(o: &FileOutcome) -> Option<chrono::NaiveDate> {
    o.submission.as_ref()?.report_date.as_ref().map(|d| d.value)
}

fn modified(o: &FileOutcome) -> Option<SystemTime> {
    o.submission.as_ref()?.modified
}
