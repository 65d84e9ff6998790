//! The plain-text summary printed at the end of a run: cron mails it to the
//! operator, so it says what was written and what needs a person.

use std::fmt::Write;

use super::QuarterReport;
use crate::compare::Status;
use crate::finding::Severity;

pub fn plain_summary(report: &QuarterReport, actions: &[String]) -> String {
    let mut out = String::new();
    let t = report.totals(None);
    let files = report.file_counts();
    let pct = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{:.2}%", r * 100.0));
    let _ = writeln!(
        out,
        "dvctt {}: {} units expected",
        report.quarter, t.expected
    );
    let _ = writeln!(
        out,
        "  units: {} accepted, {} rejected, {} missing",
        t.accepted, t.rejected, t.missing
    );
    let _ = writeln!(
        out,
        "  files: {} in folder: {} accepted, {} rejected, {} not a submission",
        files.total, files.accepted, files.rejected, files.not_submission
    );
    let _ = writeln!(
        out,
        "  level-4 ratio: pooled {}, mean {}; {}, {} under {:.0}%",
        pct(t.pooled_ratio),
        pct(t.mean_ratio),
        match (t.meeting_target, report.target) {
            (Some(n), Some(target)) =>
                format!("{n} units at or over the {:.0}% target", target * 100.0),
            _ => format!(
                "no target set for {} (chưa có chỉ tiêu)",
                report.quarter.year
            ),
        },
        t.below_5_percent,
        report.very_low * 100.0
    );
    match &report.baseline {
        Some(source) => {
            let _ = writeln!(
                out,
                "  compared with {} ({source})",
                report.quarter.previous()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  WARNING: no figures for {} were found; nothing was compared",
                report.quarter.previous()
            );
        }
    }
    let _ = writeln!(
        out,
        "  on time: {} units, late: {} (due {})",
        t.on_time, t.late, report.due
    );
    let _ = writeln!(out, "  lagging units: {}", report.lagging().len());
    let review: Vec<String> = report
        .units
        .iter()
        .filter(|u| u.unusual.is_some_and(|x| !x.accepted))
        .map(|u| format!("{} {}", report.quarter, u.code))
        .collect();
    if !review.is_empty() {
        let _ = writeln!(
            out,
            "unusual changes to review (accept a line in reports/{}): {}",
            crate::history::ACCEPTANCE_FILE,
            review.join(", ")
        );
    }
    let rejected: Vec<&str> = report
        .files
        .iter()
        .filter(|f| f.verdict == crate::intake::Verdict::Rejected)
        .map(|f| f.file.as_str())
        .collect();
    if !rejected.is_empty() {
        let _ = writeln!(out, "rejected files (see sheet 'Kiểm tra dữ liệu'):");
        for file in rejected {
            let first_error = report
                .findings()
                .find(|f| f.file == file && f.severity == Severity::Error)
                .map(|f| f.rule.id())
                .unwrap_or("");
            let _ = writeln!(out, "  {file}: {first_error}");
        }
    }
    let missing: Vec<&str> = report
        .units
        .iter()
        .filter(|u| u.status == Status::Missing)
        .map(|u| u.name.as_str())
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(out, "missing: {}", missing.join(", "));
    }
    for action in actions {
        let _ = writeln!(out, "{action}");
    }
    out
}
