//! A quarter's report made in memory from its inputs, the pipeline in order:
//! read → check → intake (`take_folder`), the earlier quarters, compare
//! (`QuarterReport::build`), report (`render`), and the run manifest of
//! it all. `cmd::run` puts the result in place; `cmd::verify` compares it
//! with the report in place. Nothing here writes.

use std::path::Path;

use crate::baseline;
use crate::cmd::Job;
use crate::collect::FolderError;
use crate::compare::QuarterReport;
use crate::failure::Failure;
use crate::finding::Finding;
use crate::history;
use crate::intake::{FileOutcome, Verdict, take_folder};
use crate::manifest::{Manifest, RunInputs, manifest_bytes, submitted_files};
use crate::pool::Pool;
use crate::report;
use crate::reports_dir::{self, InPlace, MANIFEST};

/// The finished report, its files (the manifest last), what the run says
/// about the baseline, and the report in place as far as a rerun reads it.
pub struct Produced {
    pub report: QuarterReport,
    pub rendered: Vec<(String, Vec<u8>)>,
    pub manifest: Manifest,
    /// Files under `reports/` that could have been the baseline and are not.
    pub baseline_warnings: Vec<String>,
    /// The lines of the reviewer's acceptance file that accept nothing
    /// (`Acceptances::unmatched`), each with the file named.
    pub acceptance_warnings: Vec<String>,
    /// The quarter's report already in place: None when there is none.
    pub in_place: Result<Option<InPlace>, reports_dir::in_place::Unreadable>,
    /// Why the draft letter could not be written, when it could not.
    pub letter_problem: Option<String>,
}

/// The submissions folder is there and holds something: checked before the
/// lock is taken, so that a missing or empty folder never takes it.
pub fn submissions_folder(dir: &Path) -> Result<(), Failure> {
    if !dir.is_dir() {
        return Err(FolderError::Missing(dir.to_path_buf()).into());
    }
    let mut entries = std::fs::read_dir(dir).map_err(|source| FolderError::Unreadable {
        path: dir.to_path_buf(),
        source,
    })?;
    match entries.next() {
        None => Err(Failure::EmptyFolder(dir.to_path_buf())),
        Some(_) => Ok(()),
    }
}

/// Reads every input and makes the report and its files, in memory.
pub fn produce(job: &Job) -> Result<Produced, Failure> {
    let (settings, quarter, today) = (job.settings, job.quarter, job.today);
    let pool = Pool::start(&settings.config.limits)?;
    let taken = take_folder(&pool, &job.submissions, settings, quarter, today)?;
    if taken.outcomes.is_empty() {
        return Err(Failure::EmptyFolder(job.submissions.clone()));
    }
    if let Some(reported) = taken.wrong_quarter(quarter) {
        return Err(Failure::WrongQuarter {
            dir: job.submissions.clone(),
            quarter,
            reported,
        });
    }
    log_findings(&taken.outcomes);
    let submissions = submitted_files(&taken, settings.config.limits.max_file_bytes);
    let (baseline, baseline_warnings) = baseline::load(
        job.baseline.as_deref(),
        &job.reports,
        quarter,
        &settings.roster,
        &pool,
    )?;
    let history = history::load(
        &job.reports,
        quarter,
        &settings.roster,
        baseline.as_ref(),
        &pool,
    );
    drop(pool);
    let accepted = history::Acceptances::load(&job.reports)?;
    let inputs = RunInputs {
        quarter,
        today,
        submissions,
        reports: &job.reports,
        baseline: baseline
            .as_ref()
            .map(|b| (b.file.clone(), b.sha256.clone())),
        baseline_given: job.baseline.is_some(),
        history: &history.files,
        acceptances: accepted.sha256.as_deref(),
        settings: &settings.files,
    };
    let dir = job.quarter_dir();
    // A report in place that cannot be read is said so by `run`; its
    // deadline is then unknown and the feedback issued today.
    let in_place = InPlace::read(&dir);
    let issue_day = crate::compare::issue_day(quarter, today, settings.config.feedback.run_day);
    let kept = in_place
        .as_ref()
        .ok()
        .and_then(|p| p.as_ref()?.feedback_issued);
    let report = QuarterReport::build(
        quarter,
        settings,
        taken.outcomes,
        baseline,
        &history,
        &accepted,
        kept.unwrap_or(issue_day),
    );
    let acceptance_warnings =
        unmatched_acceptances(&accepted, &report, &settings.roster, &job.reports);
    let (report, rendered) = render_feedback_kept(report, &dir, kept.is_some(), today, issue_day)?;
    let report::Rendered {
        mut files,
        letter_problem,
    } = rendered;
    let (manifest, bytes) = manifest_bytes(&inputs, &files);
    files.push((MANIFEST.to_string(), bytes));
    Ok(Produced {
        report,
        rendered: files,
        manifest,
        baseline_warnings,
        acceptance_warnings,
        in_place,
        letter_problem,
    })
}

/// The report, built with its feedback issued on the day the report in
/// place (`dir`) first issued it (`kept`), rendered: so that a rerun on a
/// later day with the same inputs is byte-identical and the units are never
/// told two deadlines. When that deadline has passed and the run changes
/// the report, the feedback is issued anew on `issue_day` (the run's date,
/// or an older quarter's own run day) and rendered again: the one case where
/// whether the report changes must be seen to be decided.
fn render_feedback_kept(
    report: QuarterReport,
    dir: &Path,
    kept: bool,
    today: chrono::NaiveDate,
    issue_day: chrono::NaiveDate,
) -> Result<(QuarterReport, report::Rendered), Failure> {
    let rendered = report::render(&report)?;
    if !kept || report.resubmission.by >= today || reports_dir::unchanged(dir, &rendered.files) {
        return Ok((report, rendered));
    }
    tracing::info!(passed = %report.resubmission.by, "the deadline for corrected reports has passed: feedback issued anew");
    let report = report.feedback_issued_on(issue_day);
    let rendered = report::render(&report)?;
    Ok((report, rendered))
}

/// The acceptance file's lines that accept nothing, logged (English, for
/// the log) and returned in Vietnamese for stdout: a reviewer's typo must
/// not leave a change waiting without a word.
fn unmatched_acceptances(
    accepted: &history::Acceptances,
    report: &QuarterReport,
    roster: &crate::roster::Roster,
    reports: &Path,
) -> Vec<String> {
    // A reviewer's line accepts a flagged change, and its reason is shown
    // beside every flag the unit has (`reviewer_reason`).
    let flagged = |code: &str| {
        report
            .units
            .iter()
            .any(|u| u.code == code && !u.flags.is_empty())
    };
    let path = reports.join(history::ACCEPTANCE_FILE);
    accepted
        .unmatched(report.quarter, roster, flagged)
        .into_iter()
        .map(|problem| {
            tracing::warn!(file = %path.display(), %problem, "an acceptance line accepts nothing");
            format!("{}, {problem}", path.display())
        })
        .collect()
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
