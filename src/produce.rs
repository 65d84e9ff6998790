//! A quarter's report made in memory from its inputs, the pipeline in order:
//! read → check → intake (`take_folder`), the earlier quarters, compare
//! (`QuarterReport::build`), report (`render`), and the run manifest of
//! it all. `run` puts the result in place; `verify` compares it with the
//! report in place. Nothing here writes.

use std::path::Path;

use crate::baseline;
use crate::compare::QuarterReport;
use crate::config::Settings;
use crate::failure::Failure;
use crate::finding::Finding;
use crate::history;
use crate::intake::{FileOutcome, Verdict, take_folder};
use crate::manifest::{MANIFEST, Manifest, RunInputs, manifest_bytes, submitted_files};
use crate::quarter::Quarter;
use crate::read::Pool;
use crate::report;

/// Where a quarter's inputs are.
pub struct Sources<'a> {
    pub submissions: &'a Path,
    pub reports: &'a Path,
    /// `--baseline`: the previous quarter's figures from this file.
    pub baseline: Option<&'a Path>,
}

/// The finished report, its files (the manifest last) and what the run
/// says about the baseline.
pub struct Produced {
    pub report: QuarterReport,
    pub rendered: Vec<(String, Vec<u8>)>,
    pub manifest: Manifest,
    /// Files under `reports/` that could have been the baseline and are not.
    pub baseline_warnings: Vec<String>,
}

/// The submissions folder is there and holds something: checked before the
/// lock is taken, so that a missing or empty folder never takes it.
pub fn submissions_folder(dir: &Path) -> Result<(), Failure> {
    if !dir.is_dir() {
        return Err(Failure::NoReport(format!(
            "không có thư mục báo cáo của các đơn vị {}: không ghi báo cáo",
            dir.display()
        )));
    }
    let mut entries = std::fs::read_dir(dir).map_err(|e| {
        Failure::NoReport(format!(
            "không đọc được thư mục báo cáo của các đơn vị {}: {e}",
            dir.display()
        ))
    })?;
    match entries.next() {
        None => Err(Failure::EmptyFolder(dir.to_path_buf())),
        Some(_) => Ok(()),
    }
}

/// Reads every input and makes the report and its files, in memory.
pub fn produce(
    sources: &Sources,
    settings: &Settings,
    quarter: Quarter,
    today: chrono::NaiveDate,
) -> Result<Produced, Failure> {
    let pool = Pool::start(&settings.config.limits).map_err(|e| Failure::NoReport(e.0))?;
    let taken = take_folder(&pool, sources.submissions, settings, quarter, today)?;
    if taken.outcomes.is_empty() {
        return Err(Failure::EmptyFolder(sources.submissions.to_path_buf()));
    }
    log_findings(&taken.outcomes);
    let submissions = submitted_files(&taken, settings.config.limits.max_file_bytes);
    let (baseline, baseline_warnings) = baseline::load(
        sources.baseline,
        sources.reports,
        quarter,
        &settings.roster,
        &pool,
    )
    .map_err(Failure::NoReport)?;
    let history = history::load(
        sources.reports,
        quarter,
        &settings.roster,
        baseline.as_ref(),
        &pool,
    );
    drop(pool);
    let accepted = history::Acceptances::load(sources.reports).map_err(Failure::Usage)?;
    let inputs = RunInputs {
        quarter,
        today,
        submissions,
        reports: sources.reports,
        baseline: baseline
            .as_ref()
            .map(|b| (b.file.clone(), b.sha256.clone())),
        baseline_given: sources.baseline.is_some(),
        history: &history.files,
        acceptances: accepted.sha256.as_deref(),
        settings: &settings.files,
    };
    let mut report = QuarterReport::build(
        quarter,
        settings,
        taken.outcomes,
        baseline,
        &history,
        &accepted,
    )
    .map_err(Failure::Usage)?;
    let dir = sources.reports.join(quarter.to_string());
    let mut rendered = render_feedback_kept(&mut report, &dir, today)?;
    let (manifest, bytes) = manifest_bytes(&inputs, &rendered);
    rendered.push((MANIFEST.to_string(), bytes));
    Ok(Produced {
        report,
        rendered,
        manifest,
        baseline_warnings,
    })
}

/// The report rendered with its feedback issued on the day the report in
/// place (`dir`) first issued it, so that a rerun on a later day with the
/// same inputs is byte-identical and the units are never told two
/// deadlines; issued `today` when there is none, or when that deadline has
/// passed and the run changes the report.
fn render_feedback_kept(
    report: &mut QuarterReport,
    dir: &Path,
    today: chrono::NaiveDate,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    // A report in place that cannot be read is said so by `run`; its
    // deadline is then unknown and the feedback issued today.
    let kept = report::InPlace::read(dir)
        .ok()
        .flatten()
        .and_then(|p| p.feedback_issued());
    report.issue_feedback(kept.unwrap_or(today));
    let rendered = report::render(report).map_err(Failure::NoReport)?;
    if kept.is_none() || report.resubmission.by >= today || report::unchanged(dir, &rendered) {
        return Ok(rendered);
    }
    tracing::info!(passed = %report.resubmission.by, "the deadline for corrected reports has passed: feedback issued anew");
    report.issue_feedback(today);
    report::render(report).map_err(Failure::NoReport)
}

/// Every finding as a log event with its rule id; a rejected file also as
/// a WARN line of its own, so `RUST_LOG=warn` still shows every rejection.
fn log_findings(files: &[FileOutcome]) {
    for f in files.iter().flat_map(|f| &f.findings) {
        let Finding {
            file,
            unit,
            cell,
            rule,
            severity,
            ..
        } = f;
        tracing::info!(
            rule = rule.id(),
            severity = severity.as_str(),
            file = file.as_str(),
            unit = unit.as_deref().unwrap_or(""),
            cell = cell.as_deref().unwrap_or(""),
            "finding"
        );
    }
    for f in files.iter().filter(|f| f.verdict == Verdict::Rejected) {
        let first = f.findings.iter().find(|x| x.is_error());
        tracing::warn!(
            file = f.file.as_str(),
            unit = f.unit.as_deref().unwrap_or(""),
            rule = first.map_or("", |x| x.rule.id()),
            "file rejected"
        );
    }
}
