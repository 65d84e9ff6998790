//! The compare stage: the checked files, the previous quarter and the
//! history in, the finished `QuarterReport` out. Every decision the outputs
//! print is taken here, once (`build`): statuses, merger sums, timeliness,
//! flags, unusual changes, lagging reasons, totals, the orders of the
//! lagging list, the late list and the charts, and who stands where
//! (`standing`: what the draft letter names). `report` only renders it.

mod actions;
mod blame;
mod build;
mod feedback;
mod flags;
mod past;
mod rerun;
mod result;
mod standing;
#[cfg(test)]
mod tests;
mod trend;

pub use crate::submission::{Previous, Status};
pub use actions::{Action, LaggingCounts};
pub use feedback::{HeldBack, Rank, Resubmission, asks_the_unit, issue_day};
pub use flags::{Band, Flag, Reason, band, compare, lagging_reasons};
pub use past::{YearAgo, year_before};
pub use rerun::StatusChanges;
pub use result::{
    Correction, DateBasis, FileCounts, PreviousSource, QuarterReport, Timeliness, Totals,
    UnitReport,
};
pub use standing::{
    Change, CommonUnits, Direction, PreviousPooled, Standing, change_between, printed_percent,
};
pub use trend::{PACE_CHANGES, Projection, Trend};
