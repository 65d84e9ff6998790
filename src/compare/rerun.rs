//! What a rerun changes against the report in place: the units whose
//! status it changes, decided here from the statuses that report recorded.

use std::collections::BTreeMap;

use super::{QuarterReport, Status};

/// Units whose status a rerun changes, as `Name (CODE)`, in roster order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct StatusChanges {
    pub accepted: Vec<String>,
    pub rejected: Vec<String>,
    pub missing: Vec<String>,
}

impl QuarterReport {
    /// The units whose status differs from `before` (unit code → status in
    /// the report in place); a unit it did not list counts as changed.
    pub fn status_changes(&self, before: &BTreeMap<String, Status>) -> StatusChanges {
        let mut changes = StatusChanges::default();
        for unit in &self.units {
            if before.get(&unit.code) == Some(&unit.status) {
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
