//! `dvctt verify`: was the report in place made from these files? The
//! quarter is made again in memory from its inputs as they are now, with
//! the run's date the manifest records, and compared byte for byte with the
//! report in place; every input added, removed or changed since the
//! manifest and every output that differs is named. Writes nothing (but the
//! lock, held so that no run swaps the report mid-way).

use std::path::{Path, PathBuf};

use super::{Failure, Job, Outcome};
use crate::manifest::{Manifest, differences};
use crate::pipeline::produce;
use crate::reports_dir::{MANIFEST, RunLock};

/// `job` as the operator gave it (`--baseline` only when given): the run
/// is made again on the manifest's date, with the baseline it recorded.
pub fn verify(job: &Job) -> Result<Outcome, Failure> {
    let quarter = job.quarter;
    let dir = job.quarter_dir();
    tracing::info!(%quarter, dir = %dir.display(), "verify started");
    let recorded = read_manifest(&job.reports, &dir, &job.settings.config.limits)?;
    if recorded.quarter != quarter.to_string() {
        return Err(cannot_tell(format!(
            "{} ghi quý '{}', không phải {quarter}",
            dir.join(MANIFEST).display(),
            recorded.quarter.escape_debug()
        )));
    }
    let run_date = recorded.run_date().map_err(cannot_tell)?;
    let _lock = RunLock::acquire(&job.reports)?;
    if !job.submissions.is_dir() {
        return Err(cannot_tell(format!(
            "không có thư mục báo cáo của các đơn vị {}, nên không tính lại được",
            job.submissions.display()
        )));
    }
    let again = Job {
        today: run_date,
        baseline: job.baseline.clone().or_else(|| given_baseline(&recorded)),
        ..job.clone()
    };
    let produced = produce(&again)?;
    let found = differences(&recorded, &produced.manifest, &produced.rendered, &dir);
    print!("{}", said(&dir, &recorded, &found, run_date));
    Ok(match found.matches() {
        true => Outcome::Clean,
        false => Outcome::Rejected,
    })
}

/// Whether the report matches cannot be told (exit 1): `why`, naming the
/// file or folder that is missing or unreadable.
#[derive(Debug, thiserror::Error)]
#[error("không kết luận được báo cáo có khớp không: {why}")]
pub struct CannotTell {
    why: String,
}

fn cannot_tell(why: String) -> Failure {
    CannotTell { why }.into()
}

fn read_manifest(
    reports: &Path,
    dir: &Path,
    limits: &crate::config::LimitsConfig,
) -> Result<Manifest, Failure> {
    if let Err(e) = std::fs::read_dir(reports) {
        return Err(cannot_tell(format!(
            "không đọc được thư mục báo cáo {}: {e}",
            reports.display()
        )));
    }
    let path = dir.join(MANIFEST);
    let bytes = match crate::regular_file::read(&path, crate::manifest::max_bytes(limits)) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(cannot_tell(format!(
                "không có {}: báo cáo này được ghi trước khi có manifest, hoặc chưa có báo cáo của quý",
                path.display()
            )));
        }
        Err(e) => return Err(cannot_tell(format!("{}: {e}", path.display()))),
    };
    Manifest::parse(&bytes).map_err(|e| cannot_tell(format!("{}: {e}", path.display())))
}

/// The file a run given `--baseline` read, as the manifest records it.
fn given_baseline(recorded: &Manifest) -> Option<PathBuf> {
    recorded
        .reports_inputs
        .iter()
        .find(|i| i.role == "baseline_file")
        .map(|i| PathBuf::from(&i.path))
}

/// What verify prints: what it compared, every difference, the verdict.
fn said(
    dir: &Path,
    recorded: &Manifest,
    found: &crate::manifest::Differences,
    run_date: chrono::NaiveDate,
) -> String {
    let mut text = format!(
        "Kiểm tra báo cáo {} theo {MANIFEST} (ngày chạy {}, dvctt {}, bộ quy tắc phiên bản {})\n",
        dir.display(),
        run_date.format("%d/%m/%Y"),
        recorded.dvctt_version.escape_debug(),
        recorded.ruleset_version
    );
    let mut section = |title: &str, lines: &[String]| {
        if !lines.is_empty() {
            text.push_str(title);
            text.push('\n');
            let shown = crate::manifest::MAX_LINES_SHOWN;
            for line in lines.iter().take(shown) {
                text.push_str(&format!("  - {line}\n"));
            }
            if lines.len() > shown {
                text.push_str(&format!("  … và {} dòng khác\n", lines.len() - shown));
            }
        }
    };
    section("Tệp đầu vào khác với khi lập báo cáo:", &found.inputs);
    section("Tệp kết quả khác:", &found.outputs);
    section("Lưu ý:", &found.notes);
    text.push_str(match found.matches() {
        true => "KHỚP: báo cáo đang có đúng từng byte là kết quả của các tệp đầu vào hiện nay.\n",
        false => "KHÔNG KHỚP: báo cáo đang có không phải là kết quả của các tệp đầu vào hiện nay (xem các dòng trên).\n",
    });
    text
}
