//! `dvctt run`: the quarter made by the pipeline, then put in place as one
//! set under the reports folder's lock (or, with `--dry-run`, only said);
//! the operator's summary on stdout.

use std::path::Path;

use super::written::{done, planned};
use super::{Failure, Job, Outcome};
use crate::cli::RunArgs;
use crate::manifest::Manifest;
use crate::pipeline::{self, Produced};
use crate::report::{plain_summary, status_change_lines};
use crate::reports_dir::{self, InPlace, Installed, MANIFEST, RunLock};

pub fn run(job: &Job, args: &RunArgs) -> Result<Outcome, Failure> {
    let quarter = job.quarter;
    tracing::info!(%quarter, submissions = %job.submissions.display(), dry_run = args.dry_run, "run started");
    pipeline::submissions_folder(&job.submissions)?;
    let keep = keep_replaced(job);
    // Held until the run returns; a dry run writes nothing and needs none.
    let _lock = match args.dry_run {
        true => None,
        false => {
            let lock = RunLock::acquire(&job.reports)?;
            reports_dir::recover(&job.reports, keep)?;
            Some(lock)
        }
    };
    let Produced {
        report,
        mut rendered,
        manifest,
        baseline_warnings,
        acceptance_warnings,
        in_place,
        letter_problem,
    } = pipeline::produce(job)?;
    let dir = job.quarter_dir();
    keep_manifest_of_same_run(&dir, &manifest, &mut rendered, job);
    let outcome = match report.needs_a_person() {
        true => Outcome::Rejected,
        false => Outcome::Clean,
    };
    let (in_place, mut actions) = match in_place {
        Ok(Some(p)) => {
            let lines = status_change_lines(&report.status_changes(&p.statuses), quarter);
            (Some(p), lines)
        }
        Ok(None) => (None, Vec::new()),
        Err(unreadable) => (None, vec![unreadable.to_string()]),
    };
    let warnings = baseline_warnings
        .iter()
        .map(|w| format!("CẢNH BÁO: không dùng làm số liệu kỳ trước: {w}"));
    let acceptance_warnings = acceptance_warnings
        .iter()
        .map(|w| format!("CẢNH BÁO: dòng chấp nhận không khớp: {w}"));
    actions.splice(0..0, warnings.chain(acceptance_warnings));
    if let Some(problem) = letter_problem {
        let template = match &job.settings.config.letter.template {
            Some(path) => path.display().to_string(),
            None => "mẫu có sẵn".to_string(),
        };
        actions.insert(
            0,
            format!(
                "CẢNH BÁO: không soạn được dự thảo công văn, báo cáo vẫn được ghi không kèm công văn: mẫu {template} (khóa letter.template): {problem}"
            ),
        );
    }
    let before = in_place.as_ref().map_or(0, InPlace::accepted);
    let after = report.totals(None).accepted;
    if before > after && !args.replace {
        actions.push(format!(
            "không thay báo cáo {}: báo cáo đang có chấp nhận {before} đơn vị, lần chạy này {after} (thêm --replace để thay)",
            dir.display()
        ));
        print!("{}", plain_summary(&report, &actions));
        return Err(Failure::WouldWorsen {
            quarter,
            before,
            after,
        });
    }
    if !args.dry_run {
        let installed = reports_dir::install(&job.reports, quarter, &rendered, keep)?;
        actions.extend(done(&dir, &rendered, &installed));
    } else if reports_dir::unchanged(&dir, &rendered) {
        actions.extend(done(&dir, &rendered, &Installed::Unchanged));
    } else {
        actions.extend(planned(&dir, &rendered));
    }
    print!("{}", plain_summary(&report, &actions));
    Ok(outcome)
}

/// How many replaced reports a quarter keeps (`reports.keep_replaced`).
fn keep_replaced(job: &Job) -> usize {
    usize::try_from(job.settings.config.reports.keep_replaced).unwrap_or(usize::MAX)
}

/// A report in place whose manifest differs from this run's only in the
/// run's date was made from the same inputs, with the same outputs: its
/// manifest is kept, so a rerun on another day changes nothing.
fn keep_manifest_of_same_run(
    dir: &Path,
    manifest: &Manifest,
    rendered: &mut [(String, Vec<u8>)],
    job: &Job,
) {
    let bound = crate::manifest::max_bytes(&job.settings.config.limits);
    let Ok(Some(bytes)) = crate::regular_file::read(&dir.join(MANIFEST), bound) else {
        return;
    };
    let Ok(in_place) = Manifest::parse(&bytes) else {
        return;
    };
    if in_place.same_but_date(manifest)
        && let Some((_, mine)) = rendered.iter_mut().find(|(name, _)| name == MANIFEST)
    {
        *mine = bytes;
    }
}
