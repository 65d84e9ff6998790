//! What the reader must know besides the file: the quarter being run (to
//! choose among a workbook's sheets) and the run's date (to judge a report
//! date). `main` passes today's date; tests fix it.

use chrono::NaiveDate;

use crate::quarter::Quarter;
use crate::wording::Levels;

/// A report date earlier than this many days before its quarter began is
/// not believed (`value.implausible_date`).
pub const EARLIEST_DAYS: i64 = 92;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReadContext {
    /// The quarter being run; for `dvctt check` without `--quarter`, the
    /// current reporting quarter (the last that ended).
    pub quarter: Quarter,
    /// The run's date.
    pub today: NaiveDate,
    /// The run quarter's names of the levels, for the findings' words.
    pub levels: Levels,
}

impl ReadContext {
    pub fn new(quarter: Option<Quarter>, today: NaiveDate) -> ReadContext {
        ReadContext {
            quarter: quarter.unwrap_or_else(|| Quarter::last_ended(today)),
            today,
            levels: Levels::default(),
        }
    }

    /// The same, naming the levels in `levels` (the run quarter's words).
    pub fn with_levels(self, levels: Levels) -> ReadContext {
        ReadContext { levels, ..self }
    }
}
