//! The report already in place for a quarter, as far as a rerun needs it:
//! which units it accepted, rejected or found missing. A rerun says what it
//! changes, and refuses to replace a report that accepted more units unless
//! told to (`--replace`).

use std::collections::BTreeMap;
use std::path::Path;

use super::QuarterReport;
use crate::compare::Status;
use crate::quarter::Quarter;

/// A summary.json larger than this is not one the job wrote.
const MAX_SUMMARY_BYTES: u64 = 64 << 20;

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
        let read = crate::reports_file::read(&path, MAX_SUMMARY_BYTES).map_err(|e| e.to_string());
        let bytes = match read {
            Ok(None) => return Ok(None),
            Ok(Some(bytes)) => Ok(bytes),
            Err(error) => Err(error),
        };
        bytes.and_then(|bytes| InPlace::from_bytes(&bytes)).map(Some).map_err(|error| {
            tracing::warn!(file = %path.display(), %error, "the report in place cannot be read");
            format!(
                "không đọc được {} của báo cáo đang có ({error}): không biết lần chạy này đổi những gì",
                path.display()
            )
        })
    }

    fn from_bytes(bytes: &[u8]) -> Result<InPlace, String> {
        let json = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        InPlace::from_summary(&json)
    }

    fn from_summary(json: &serde_json::Value) -> Result<InPlace, String> {
        let units = json["units"].as_array().ok_or("no \"units\" list")?;
        let mut statuses = BTreeMap::new();
        for unit in units {
            let status = match unit["status"].as_str() {
                Some("accepted") => Status::Accepted,
                Some("rejected") => Status::Rejected,
                Some("missing") => Status::Missing,
                _ => continue,
            };
            if let Some(code) = unit["code"].as_str() {
                statuses.insert(code.to_string(), status);
            }
        }
        let feedback_issued = json["feedback"]["issued"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        Ok(InPlace {
            statuses,
            feedback_issued,
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
