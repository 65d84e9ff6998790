//! The report already in place for a quarter, as far as a rerun needs it:
//! which units it accepted, rejected or found missing. A rerun says what it
//! changes, and refuses to replace a report that accepted more units unless
//! told to (`--replace`).

use std::collections::BTreeMap;
use std::path::Path;

use super::QuarterReport;
use crate::compare::Status;
use crate::quarter::Quarter;

#[derive(Debug, Default)]
pub struct InPlace {
    /// Unit code → its status in the report in place.
    statuses: BTreeMap<String, Status>,
    /// The day its feedback was first issued (`feedback.issued`), which a
    /// rerun keeps so that the units are not told two deadlines.
    feedback_issued: Option<chrono::NaiveDate>,
}

/// Units whose status a rerun changes, as `Name (CODE)`, in roster order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct StatusChanges {
    pub accepted: Vec<String>,
    pub rejected: Vec<String>,
    pub missing: Vec<String>,
}

impl InPlace {
    /// The report in `dir`; None when there is none. One whose summary.json
    /// cannot be read is an error the run only reports: replacing the report
    /// archives it, so nothing is lost.
    pub fn read(dir: &Path) -> Result<Option<InPlace>, String> {
        let path = dir.join("summary.json");
        let read = crate::summary_file::read(&path);
        let summary = match read {
            Ok(None) => return Ok(None),
            Ok(Some(summary)) => Ok(summary),
            Err(error) => Err(error),
        };
        summary.and_then(InPlace::from_summary).map(Some).map_err(|error| {
            tracing::warn!(file = %path.display(), %error, "the report in place cannot be read");
            format!(
                "không đọc được {} của báo cáo đang có ({error}): không biết lần chạy này đổi những gì",
                path.display()
            )
        })
    }

    fn from_summary(summary: crate::summary_file::Summary) -> Result<InPlace, String> {
        let units = summary.units.ok_or("no \"units\" list")?;
        let mut statuses = BTreeMap::new();
        for unit in units {
            let status = match unit.status.as_deref() {
                Some("accepted") => Status::Accepted,
                Some("rejected") => Status::Rejected,
                Some("missing") => Status::Missing,
                _ => continue,
            };
            if let Some(code) = unit.code {
                statuses.insert(code, status);
            }
        }
        Ok(InPlace {
            statuses,
            feedback_issued: summary.feedback_issued,
        })
    }

    pub fn feedback_issued(&self) -> Option<chrono::NaiveDate> {
        self.feedback_issued
    }

    pub fn accepted(&self) -> usize {
        self.statuses
            .values()
            .filter(|&&s| s == Status::Accepted)
            .count()
    }

    /// The units whose status `report` changes.
    pub fn changes(&self, report: &QuarterReport) -> StatusChanges {
        let mut changes = StatusChanges::default();
        for unit in &report.units {
            if self.statuses.get(&unit.code) == Some(&unit.status) {
                continue;
            }
            let named = format!("{} ({})", unit.name, unit.code);
            match unit.status {
                Status::Accepted => changes.accepted.push(named),
                Status::Rejected => changes.rejected.push(named),
                Status::Missing => changes.missing.push(named),
            }
        }
        changes
    }
}

impl StatusChanges {
    /// What the stdout summary says about them.
    pub fn lines(&self, quarter: Quarter) -> Vec<String> {
        let mut lines = vec![format!("so với báo cáo {} đang có:", quarter.vietnamese())];
        let groups = [
            ("mới được chấp nhận", &self.accepted),
            ("mới bị từ chối", &self.rejected),
            ("mới thiếu báo cáo", &self.missing),
        ];
        for (what, units) in groups {
            if !units.is_empty() {
                lines.push(format!("  {what} ({}): {}", units.len(), units.join(", ")));
            }
        }
        if lines.len() == 1 {
            lines.push("  không đơn vị nào đổi trạng thái".to_string());
        }
        lines
    }
}
