//! The compare stage: the checked files, the previous quarter and the
//! history in, the finished `QuarterReport` out. Every decision the outputs
//! print is taken here, once (`build`): statuses, merger sums, timeliness,
//! flags, unusual changes, lagging reasons, totals, the orders of the
//! lagging list, the late list and the charts, and who stands where
//! (`standing`: what the draft letter names). `report` only renders it.

mod build;
mod flags;
mod past;
mod result;
mod standing;
mod trend;

pub use flags::{Band, Flag, Previous, Reason, Status, band, compare, lagging_reasons};
pub use past::{YearAgo, year_before};
pub use result::{DateBasis, FileCounts, QuarterReport, Timeliness, Totals, UnitReport};
pub use standing::{PreviousPooled, Standing};
pub use trend::{PACE_CHANGES, Projection, Trend};
