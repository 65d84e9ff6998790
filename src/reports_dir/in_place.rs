//! The report already in place for a quarter, as far as a rerun needs it:
//! the status each unit had in it, and the day its feedback was first
//! issued. What the rerun changes is decided in `compare` from these.

use std::collections::BTreeMap;
use std::path::Path;

use crate::submission::Status;

#[derive(Debug, Default)]
pub struct InPlace {
    /// Unit code → its status in the report in place.
    pub statuses: BTreeMap<String, Status>,
    /// The day its feedback was first issued (`feedback.issued`), which a
    /// rerun keeps so that the units are not told two deadlines.
    pub feedback_issued: Option<chrono::NaiveDate>,
}

/// Why the report in place could not be read back.
#[derive(Debug, thiserror::Error)]
#[error(
    "không đọc được {} của báo cáo đang có ({reason}): không biết lần chạy này đổi những gì",
    .path.display()
)]
pub struct Unreadable {
    pub path: std::path::PathBuf,
    pub reason: String,
}

impl InPlace {
    /// The report in `dir`; None when there is none. One whose summary.json
    /// cannot be read is an error the run only reports: replacing the report
    /// archives it, so nothing is lost.
    pub fn read(dir: &Path) -> Result<Option<InPlace>, Unreadable> {
        let path = dir.join(super::SUMMARY);
        let summary = match super::summary::read(&path) {
            Ok(None) => return Ok(None),
            Ok(Some(summary)) => Ok(summary),
            Err(error) => Err(error),
        };
        summary
            .and_then(InPlace::from_summary)
            .map(Some)
            .map_err(|reason| {
                tracing::warn!(file = %path.display(), error = %reason, "the report in place cannot be read");
                Unreadable { path, reason }
            })
    }

    fn from_summary(summary: super::summary::Summary) -> Result<InPlace, String> {
        let units = summary.units.ok_or("no \"units\" list")?;
        let mut statuses = BTreeMap::new();
        for unit in units {
            if let (Some(code), Some(status)) = (unit.code, unit.status) {
                statuses.insert(code, status);
            }
        }
        Ok(InPlace {
            statuses,
            feedback_issued: summary.feedback_issued,
        })
    }

    pub fn accepted(&self) -> usize {
        self.statuses
            .values()
            .filter(|&&s| s == Status::Accepted)
            .count()
    }
}
