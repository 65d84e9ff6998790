//! The manifest of a run, from what the run read and the outputs rendered.

use rayon::prelude::*;
use std::path::Path;

use super::{
    Entry, MANIFEST, MANIFEST_VERSION, Manifest, OutputFile, RULESET_VERSION, ReportsInput,
    SettingsInput, SubmittedFile,
};
use crate::config::SettingsFile;
use crate::intake::{FileOutcome, Taken, Verdict};
use crate::quarter::Quarter;

/// Everything a run read, as the manifest records it.
pub struct RunInputs<'a> {
    pub quarter: Quarter,
    pub today: chrono::NaiveDate,
    /// The submissions folder's entries (`submitted_files`).
    pub submissions: Vec<SubmittedFile>,
    pub reports: &'a Path,
    /// The baseline's file and the SHA-256 of its bytes.
    pub baseline: Option<(std::path::PathBuf, String)>,
    /// The baseline was given with `--baseline`.
    pub baseline_given: bool,
    pub history: &'a [(std::path::PathBuf, String)],
    pub acceptances: Option<&'a str>,
    pub settings: &'a [SettingsFile],
}

/// The manifest of these inputs and `outputs` (the manifest's own name, if
/// there, left out), as the bytes written.
pub fn manifest_bytes(inputs: &RunInputs, outputs: &[(String, Vec<u8>)]) -> (Manifest, Vec<u8>) {
    let manifest = manifest(inputs, outputs);
    let mut bytes = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
    bytes.push(b'\n');
    (manifest, bytes)
}

fn manifest(inputs: &RunInputs, outputs: &[(String, Vec<u8>)]) -> Manifest {
    let mut outputs: Vec<OutputFile> = outputs
        .iter()
        .filter(|(name, _)| name != MANIFEST)
        .map(|(name, bytes)| OutputFile {
            name: name.clone(),
            size: bytes.len() as u64,
            sha256: crate::digest::sha256_hex(bytes),
        })
        .collect();
    outputs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut settings: Vec<SettingsInput> = inputs
        .settings
        .iter()
        .map(|f| SettingsInput {
            role: f.role.to_string(),
            built_in: f.path.is_none(),
            path: f.path.clone(),
            sha256: f.sha256.clone(),
        })
        .collect();
    settings.sort_by(|a, b| a.role.cmp(&b.role));
    Manifest {
        manifest_version: MANIFEST_VERSION,
        dvctt_version: env!("CARGO_PKG_VERSION").to_string(),
        ruleset_version: RULESET_VERSION,
        quarter: inputs.quarter.to_string(),
        run_date: inputs.today.format("%Y-%m-%d").to_string(),
        submissions: inputs.submissions.clone(),
        reports_inputs: reports_inputs(inputs),
        settings,
        outputs,
    }
}

/// Every entry of the submissions folder, in name order, hashed in
/// parallel; `max_hashed` is `limits.max_file_bytes` (a larger file is never
/// opened, so its size is all it contributes).
pub fn submitted_files(taken: &Taken, max_hashed: u64) -> Vec<SubmittedFile> {
    let mut files: Vec<SubmittedFile> = taken
        .listed
        .par_iter()
        .map(|listed| {
            let digest = listed.path.as_deref().and_then(|path| {
                crate::digest::file(path, max_hashed)
                    .inspect_err(
                        |e| tracing::warn!(file = listed.name.as_str(), error = %e, "not hashed"),
                    )
                    .ok()
                    .flatten()
            });
            let outcomes = &taken.outcomes[listed.outcomes.clone()];
            let own = outcomes.iter().find(|o| o.file == listed.name);
            let entries = outcomes
                .iter()
                .filter(|o| o.file != listed.name)
                .map(|o| Entry {
                    name: o.file.clone(),
                    verdict: verdict(o.verdict),
                    unit: o.unit.clone(),
                    modified: modified(o),
                    size: o.digest.as_ref().map(|(size, _)| *size),
                    sha256: o.digest.as_ref().map(|(_, sha)| sha.clone()),
                })
                .collect();
            SubmittedFile {
                name: listed.name.clone(),
                size: digest.as_ref().map(|d| d.size),
                sha256: digest.and_then(|d| d.sha256),
                verdict: own.map(|o| verdict(o.verdict)),
                unit: own.and_then(|o| o.unit.clone()),
                modified: own.and_then(modified),
                entries,
            }
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn verdict(verdict: Verdict) -> String {
    match verdict {
        Verdict::Accepted => "accepted",
        Verdict::Rejected => "rejected",
        Verdict::NotSubmission => "not_submission",
        Verdict::Replaced => "replaced",
    }
    .to_string()
}

/// The modification time (Vietnam time, to the second) of a file the run
/// judged by it: one that gives no report date, or one of a unit's reports
/// equal to another in all but their times.
fn modified(outcome: &FileOutcome) -> Option<String> {
    let submission = outcome.submission.as_ref()?;
    if submission.report_date.is_some() && !outcome.settled_by_time {
        return None;
    }
    let at = crate::quarter::vietnam_time(submission.modified?);
    Some(at.format("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// The earlier quarters and the reviewer's file, by path relative to the
/// reports folder, in path order.
fn reports_inputs(inputs: &RunInputs) -> Vec<ReportsInput> {
    let relative = |path: &Path| -> String {
        let inside = path.strip_prefix(inputs.reports).ok();
        let shown = match (inside, path.is_absolute()) {
            (Some(inside), _) => inside.as_os_str(),
            (None, true) => path.file_name().unwrap_or(path.as_os_str()),
            (None, false) => path.as_os_str(),
        };
        crate::text::escape(shown.as_encoded_bytes())
    };
    let mut list = Vec::new();
    if let Some((file, sha256)) = &inputs.baseline {
        let role = match inputs.baseline_given {
            true => "baseline_file",
            false => "baseline",
        };
        list.push(ReportsInput {
            role: role.to_string(),
            path: relative(file),
            sha256: sha256.clone(),
        });
    }
    for (path, sha256) in inputs.history {
        list.push(ReportsInput {
            role: "history".to_string(),
            path: relative(path),
            sha256: sha256.clone(),
        });
    }
    if let Some(sha256) = inputs.acceptances {
        list.push(ReportsInput {
            role: "acceptances".to_string(),
            path: crate::history::ACCEPTANCE_FILE.to_string(),
            sha256: sha256.to_string(),
        });
    }
    list.sort_by(|a, b| (&a.path, &a.role).cmp(&(&b.path, &b.role)));
    list
}
