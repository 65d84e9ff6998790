//! What the operator is asked to do next, and the lagging list counted:
//! decided here from the finished report, so that the text summary (and
//! whatever else lists them) only words them. A new kind of follow-up is a
//! new `Action`, decided in `actions`.

use super::{QuarterReport, Reason, Status};

/// One thing for the operator to do, only when it applies; names in roster
/// order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Chase the units that sent nothing.
    ChaseMissing(Vec<String>),
    /// Send each unit with a rejected report its findings, to correct.
    SendFindings(Vec<String>),
    /// Confirm the flagged changes awaiting confirmation (their units'
    /// names), first: whether their figures count waits on it.
    ConfirmChanges(Vec<String>),
    /// Check a printed wording not yet confirmed (`templates/wording.toml`).
    CheckWording(String),
}

/// The lagging units counted, each once by its worst reason, and those
/// under the target among them (a year with no target has none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LaggingCounts {
    pub units: usize,
    pub missing: usize,
    pub rejected: usize,
    /// Worst reason: under the very-low line.
    pub very_low: usize,
    /// With a ratio under the year's target (the very-low ones included).
    pub below_target: usize,
    /// Listed because their figure waits for confirmation.
    pub awaiting: usize,
}

impl QuarterReport {
    /// What the operator does next, in the order the summary lists it.
    pub fn actions(&self) -> Vec<Action> {
        // Named in Vietnamese alphabetical order.
        let names = |status: Status| -> Vec<String> {
            let mut names: Vec<String> = self
                .units
                .iter()
                .filter(|u| u.status == status)
                .map(|u| u.name.clone())
                .collect();
            names.sort_by(|a, b| crate::collate::compare(a, b));
            names
        };
        let mut actions = Vec::new();
        let awaiting: Vec<String> = self
            .awaiting_confirmation()
            .iter()
            .map(|u| u.name.clone())
            .collect();
        if !awaiting.is_empty() {
            actions.push(Action::ConfirmChanges(awaiting));
        }
        let missing = names(Status::Missing);
        if !missing.is_empty() {
            actions.push(Action::ChaseMissing(missing));
        }
        let rejected = names(Status::Rejected);
        if !rejected.is_empty() {
            actions.push(Action::SendFindings(rejected));
        }
        actions.extend(
            self.wording
                .unconfirmed
                .iter()
                .cloned()
                .map(Action::CheckWording),
        );
        actions
    }

    /// The lagging list counted by worst reason.
    pub fn lagging_counts(&self) -> LaggingCounts {
        let lagging = self.lagging();
        let by = |r: Reason| lagging.iter().filter(|u| u.reasons[0] == r).count();
        LaggingCounts {
            units: lagging.len(),
            missing: by(Reason::Missing),
            rejected: by(Reason::Rejected),
            very_low: by(Reason::VeryLow),
            below_target: lagging
                .iter()
                .filter(|u| u.reasons.contains(&Reason::BelowTarget))
                .count(),
            awaiting: lagging
                .iter()
                .filter(|u| u.reasons.contains(&Reason::AwaitingConfirmation))
                .count(),
        }
    }
}
